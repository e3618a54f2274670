import Foundation

/// `prune builds`: plans with `BuildPrunePlanner` over the cluster's builds and BuildConfigs (read page
/// by page), and on request deletes the plan, each deletion conditional on the resourceVersion seen when
/// planning.
public struct BuildPrune: Sendable {
  public let client: OpenShiftClient
  public let scope: NamespaceScope
  public let rules: BuildPruneRules
  /// PipelineRuns (discovery is asked once for the plan and the deletions).
  let tekton: TektonClient

  public init(client: OpenShiftClient, scope: NamespaceScope, rules: BuildPruneRules) {
    self.client = client
    tekton = TektonClient(openShift: client)
    self.scope = scope
    self.rules = rules
  }

  /// The report `scope`.
  public static let scopeName = "builds"

  /// The builds the rules select now. Reads every build and BuildConfig in scope; throws if either
  /// list fails (a partial list could make kept builds look prunable).
  /// Where OpenShift Pipelines is installed, its PipelineRuns are planned too
  /// (`PipelineRunPrunePlanner`), after the Builds; where it is installed and the build API is not
  /// (OpenShift 4.14+ without the Build capability), only they are. With neither, the missing build API
  /// is the error.
  public func plan(now: Date = Date()) async throws -> [PruneItem] {
    try rules.validate()
    let defaultNamespace = client.namespaceName(scope)
    var runs: [PipelineRunPruneCandidate] = []
    let servesRuns = try await tekton.isServed()
    if servesRuns {
      for try await run in tekton.pipelineRuns(in: scope) {
        runs.append(PipelineRunPruneCandidate(run, defaultNamespace: defaultNamespace))
      }
    }
    var configs = Set<String>()
    var candidates: [BuildPruneCandidate] = []
    let servesBuilds = servesRuns ? try await client.servesBuildAPI() : true
    if servesBuilds {
      for try await config in client.buildConfigs(in: scope) {
        configs.insert("\(config.metadata.namespace ?? defaultNamespace)/\(config.metadata.name)")
      }
      for try await build in client.builds(in: scope) {
        candidates.append(BuildPruneCandidate(build, defaultNamespace: defaultNamespace))
      }
    }
    let nowNanoseconds = BuildPrunePlanner.nanoseconds(of: now)
    return BuildPrunePlanner.plan(
      candidates: candidates, existingBuildConfigs: configs, rules: rules, nowNanoseconds: nowNanoseconds)
      + PipelineRunPrunePlanner.plan(candidates: runs, rules: rules, nowNanoseconds: nowNanoseconds)
  }

  /// Deletes `items` with at most `parallelism` requests in flight. A build that changed since planning
  /// (409 Conflict on the resourceVersion precondition) or is already gone (404) is skipped, not failed.
  /// Cancelling the calling task stops new deletions and returns the partial report.
  /// When `stopWaiting` fires too, deletions in flight are no longer waited for (reported as abandoned).
  public func delete(
    _ items: [PruneItem], parallelism: Int, stopWaiting: StopWaitingSignal? = nil,
    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) async -> PruneReport {
    let client = client
    let tekton = tekton
    return await PruneExecutor(parallelism: parallelism, stopWaiting: stopWaiting).run(
      scope: Self.scopeName, items: items, progress: progress
    ) { item in
      try await Self.deleteBuild(item, client: client, tekton: tekton)
    }
  }

  static func deleteBuild(_ item: PruneItem, client: OpenShiftClient, tekton: TektonClient) async throws
    -> PruneDeletion
  {
    let scope = item.namespace.map(NamespaceScope.named) ?? .current
    do {
      if item.kind == .pipelineRun {
        _ = try await tekton.deletePipelineRun(
          named: item.name, in: scope, resourceVersion: item.resourceVersion)
      } else {
        try await client.deleteBuild(named: item.name, in: scope, resourceVersion: item.resourceVersion)
      }
      return .deleted(reclaimedBytes: nil)
    } catch let error as OpenShiftError {
      switch error {
      case .conflict(let failure):
        return .skipped(
          reason: "changed since planning (planned at resourceVersion \(item.resourceVersion ?? "?")): "
            + failure.message)
      case .notFound:
        return .skipped(reason: "already gone: deleted by someone else since planning")
      default:
        throw error
      }
    }
  }
}
