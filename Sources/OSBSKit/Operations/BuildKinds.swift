import Foundation

/// The two objects a Koji container build becomes: an OpenShift `Build` (OSBS 1) or a Tekton
/// `PipelineRun` (OSBS 2).
public enum BuildKind: String, Codable, Sendable, CaseIterable {
  case build = "Build"
  case pipelineRun = "PipelineRun"

  /// The lowercase word `-o name` and messages use (`build/NAME`, `pipelinerun/NAME`).
  public var resourceWord: String { rawValue.lowercased() }

  /// `build` or `pipelinerun` (any case), as `--kind` takes it.
  public init?(argument: String) {
    guard let kind = Self.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else {
      return nil
    }
    self = kind
  }
}

/// A build found by name: whichever kind has that name.
public enum FoundBuild: Sendable, Equatable {
  case build(Build)
  case pipelineRun(PipelineRun)

  public var kind: BuildKind {
    switch self {
    case .build: .build
    case .pipelineRun: .pipelineRun
    }
  }
}

/// No object of the kinds searched has the name.
public struct BuildNotFound: ClassifiedError, Equatable {
  public var name: String
  public var namespace: String
  public var kinds: [BuildKind]
  /// What the server said for each kind looked up (`builds.build.openshift.io "x" not found`, …).
  public var serverMessages: [String]

  public init(name: String, namespace: String, kinds: [BuildKind], serverMessages: [String] = []) {
    self.name = name
    self.namespace = namespace
    self.kinds = kinds
    self.serverMessages = serverMessages
  }

  public var failureKind: FailureKind { .notFound }

  public var description: String {
    let what = kinds.map(\.rawValue).joined(separator: " or ")
    let said = serverMessages.isEmpty ? "" : " (\(serverMessages.joined(separator: "; ")))"
    return "no \(what) named \"\(name)\" in namespace \(namespace)\(said)"
  }
}

/// Finds a build by name, of a forced kind or by looking: a name the OpenShift build API knows is a
/// Build; else, where OpenShift Pipelines is installed, a PipelineRun of that name.
public struct BuildLocator: Sendable {
  public let openShift: OpenShiftClient
  public let tekton: TektonClient

  public init(openShift: OpenShiftClient, tekton: TektonClient? = nil) {
    self.openShift = openShift
    self.tekton = tekton ?? TektonClient(openShift: openShift)
  }

  public func find(
    named name: String, kind: BuildKind? = nil, in scope: NamespaceScope = .current
  ) async throws -> FoundBuild {
    switch kind {
    case .build?:
      return .build(try await openShift.build(named: name, in: scope))
    case .pipelineRun?:
      return .pipelineRun(try await tekton.pipelineRun(named: name, in: scope))
    case nil:
      break
    }
    let buildError: OpenShiftError
    do {
      return .build(try await openShift.build(named: name, in: scope))
    } catch let error as OpenShiftError where error.failureKind == .notFound || error.isBuildAPIMissing {
      buildError = error
    }
    return .pipelineRun(try await pipelineRun(named: name, in: scope, afterBuildLookupFailed: buildError))
  }

  /// The PipelineRun a name means once no Build has it (`buildError`: 404, or a cluster with no build
  /// API, such as OpenShift 4.14+ without the Build capability). Without Pipelines the server's answer
  /// about the Build is the whole story and is thrown again; with it, a name neither kind has is
  /// `BuildNotFound`.
  public func pipelineRun(
    named name: String, in scope: NamespaceScope = .current, afterBuildLookupFailed buildError: OpenShiftError
  ) async throws -> PipelineRun {
    guard try await tekton.isServed() else { throw buildError }
    do {
      return try await tekton.pipelineRun(named: name, in: scope)
    } catch let error as OpenShiftError where error.failureKind == .notFound {
      throw BuildNotFound(
        name: name, namespace: openShift.namespaceName(scope),
        kinds: buildError.isBuildAPIMissing ? [.pipelineRun] : [.build, .pipelineRun],
        serverMessages: [buildError, error].compactMap { $0.failure?.message })
    }
  }

  /// The kinds a listing covers: the forced one, else Builds (where the build API exists) and
  /// PipelineRuns (where Pipelines is installed).
  public func kindsServed(forcing kind: BuildKind?) async throws -> [BuildKind] {
    if let kind { return [kind] }
    var kinds: [BuildKind] = []
    if try await openShift.servesBuildAPI() { kinds.append(.build) }
    if try await tekton.isServed() { kinds.append(.pipelineRun) }
    if kinds.isEmpty { kinds = [.build] }
    return kinds
  }
}

extension BuildSummary {
  static let cancelRequests: Set<String> = [
    TektonCancelMode.cancelled.rawValue, TektonCancelMode.cancelledRunFinally.rawValue,
    TektonCancelMode.legacyValue,
  ]

  /// A PipelineRun in the words of a Build: phase and reason from its `Succeeded` condition (as tkn
  /// shows them), Koji task, user and git source from osbs-client's `user-params`, times from its status.
  public init(_ run: PipelineRun, now: Date = Date()) {
    kind = BuildKind.pipelineRun.rawValue
    name = run.metadata.name
    namespace = run.metadata.namespace
    let state = run.state
    phase = state.phase.rawValue
    reason = state.reason
    message = state.message
    logSnippet = nil
    // A cancel asked for counts before the run has ended; a stop (StoppedRunFinally) is not a cancel.
    cancelled = state.isCancelled || Self.cancelRequests.contains(run.spec.status ?? "")
    buildConfig = nil
    let params = run.userParams
    kojiTaskID = params?.taskId
    user = params?.user
    podName = nil
    nodeName = nil
    created = run.metadata.creationTimestamp
    started = run.status?.startTime
    completed = run.status?.completionTime
    if let started, let start = UTCTime.date(rfc3339: started) {
      let end = completed.flatMap { UTCTime.date(rfc3339: $0) } ?? (state.isFinished ? nil : now)
      durationSeconds = end.map { max(0, Int64($0.timeIntervalSince(start))) }
    }
    outputImage = nil
    outputTo = nil
    gitURI = params?.gitURI
    gitRef = params?.gitRef
    labels = run.metadata.labels ?? [:]
    annotations = run.metadata.annotations ?? [:]
    var results: [String: String] = [:]
    for result in run.status?.results ?? [] {
      if let text = result.decodedString { results[result.name] = text }
    }
    self.results = results
    let hosts = run.buildHosts
    buildHosts = hosts.isEmpty ? nil : hosts
  }
}
