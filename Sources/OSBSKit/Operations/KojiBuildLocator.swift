import Foundation

/// Finds the OpenShift build (or, with a koji-containerbuild 1.4.0 builder, the pipeline run) behind a Koji
/// task, the way the runbook does it by hand, in order of trust: the `koji-task-id` label (on the task or
/// its child tasks, one build per arch), the `openshift_build_selflink` line of `openshift-incremental.log`
/// (OSBS 1 builders), the run named in `osbs-client.log` ("creating binary container image pipeline run:
/// NAME", koji-containerbuild 1.4.0), then the `OSBS build id:` text of the task's fault.
public struct KojiBuildLocator: Sendable {
  public let client: OpenShiftClient
  public let scope: NamespaceScope
  /// Opened only when the labels don't answer, so a cluster-only lookup needs no Koji configuration.
  private let openSession: @Sendable () async throws -> KojiSession

  /// Whether a PipelineRun of that name is on the cluster; nil when it cannot be checked.
  private let pipelineRunPresence: (@Sendable (String) async throws -> Bool?)?

  public init(
    client: OpenShiftClient, scope: NamespaceScope,
    kojiSession: @escaping @Sendable () async throws -> KojiSession,
    pipelineRunPresence: (@Sendable (String) async throws -> Bool?)? = nil
  ) {
    self.client = client
    self.scope = scope
    self.openSession = kojiSession
    self.pipelineRunPresence = pipelineRunPresence ?? Self.tektonPresence(client: client, scope: scope)
  }

  /// Asks the cluster's `tekton.dev` API: false where OpenShift Pipelines is not served or the run is not
  /// found, nil when the question could not be answered (no access, server trouble).
  public static func tektonPresence(client: OpenShiftClient, scope: NamespaceScope)
    -> @Sendable (String) async throws -> Bool?
  {
    { name in
      let tekton = TektonClient(openShift: client)
      do {
        guard try await tekton.isServed() else { return false }
        _ = try await tekton.pipelineRun(named: name, in: scope == .all ? .current : scope)
        return true
      } catch let error as OpenShiftError where error.failureKind == .notFound {
        return false
      } catch is OpenShiftError {
        return nil
      }
    }
  }

  /// The builds of `task` (every child's, for a task run per arch); `names` is empty when no source
  /// names one (source `none`).
  public func locate(task: Int) async throws -> BuildForTaskReport {
    // A cluster without the build API (OpenShift 4.14+ without the Build capability) has no labelled
    // Builds; the Koji side and the PipelineRuns still answer.
    let servesBuilds = try await client.servesBuildAPI()
    let labelled = servesBuilds ? try await client.builds(forKojiTask: task, in: scope) : []
    if !labelled.isEmpty { return try await self.labelled(task: task, labelled) }
    let running = try await pipelineRunsByUserParams(task: task)
    if !running.isEmpty {
      let names = running.map(\.metadata.name)
      let now = Date()
      var report = BuildForTaskReport(
        task: task, source: "user-params", names: names, builds: running.map { BuildSummary($0, now: now) })
      report.kind = "PipelineRun"
      report.pipelineRunsOnCluster = names
      return report
    }
    let session = try await openSession()
    let children = try await session.call("getTaskChildren", [.int(Int64(task))]).arrayValue ?? []
    let childIDs = children.compactMap { child in child["id"]?.intValue.map { Int($0) } }
    var childBuilds: [Build] = []
    for child in childIDs where servesBuilds {
      childBuilds += try await client.builds(forKojiTask: child, in: scope)
    }
    if !childBuilds.isEmpty { return try await self.labelled(task: task, childBuilds) }
    let tree = [task] + childIDs
    var named: [(name: String, source: String)] = []
    var files: Set<String> = []
    for id in tree {
      let listed = try await outputFiles(task: id, session: session)
      if id == task { files = listed }
      if let found = try await runNamedInLogs(task: id, files: listed, session: session) {
        named.append(found)
      }
    }
    if named.isEmpty {
      for id in tree {
        if let fault = try await failureText(task: id, session: session),
          let name = Self.match(Self.faultPattern, in: fault)
        {
          named.append((name, "fault"))
        }
      }
    }
    guard let source = named.first?.source else {
      return BuildForTaskReport(task: task, source: "none", names: [], builds: [])
    }
    var names: [String] = []
    for entry in named where !names.contains(entry.name) { names.append(entry.name) }
    let kind = Self.kind(source: source, files: files)
    guard kind == "PipelineRun" else {
      var report = try await report(task: task, source: source, names: names)
      report.kind = kind
      return report
    }
    // A pipeline run never was an OpenShift Build: no Build is looked up for it.
    var report = BuildForTaskReport(task: task, source: source, names: names, builds: [])
    report.kind = kind
    report.notOnCluster = []
    report.pipelineRunsOnCluster = []
    for name in names {
      switch try await pipelineRunPresence?(name) {
      case true?:
        report.pipelineRunsOnCluster?.append(name)
        // As `build get` reports it; a run deleted since it was seen (its task just ended) has none.
        do {
          let run = try await TektonClient(openShift: client).pipelineRun(
            named: name, in: scope == .all ? .current : scope)
          report.builds.append(BuildSummary(run))
        } catch let error as OpenShiftError where error.failureKind == .notFound {
          continue
        }
      case false?: report.notOnCluster.append(name)
      case nil:
        // Not checked (no Tekton access): the run is reported by name only.
        report.pipelineRunsOnCluster = nil
        report.notOnCluster.append(name)
      }
    }
    return report
  }

  /// PipelineRuns on the cluster whose `user-params` name the task (`koji_task_id`): no label carries it
  /// (README §4), and koji-containerbuild deletes the run when the task ends, so this finds only runs of
  /// tasks still going (or cancelled in Koji). Empty where OpenShift Pipelines is not served.
  private func pipelineRunsByUserParams(task: Int) async throws -> [PipelineRun] {
    let tekton = TektonClient(openShift: client)
    do {
      guard try await tekton.isServed() else { return [] }
      return try await tekton.pipelineRuns(in: scope).collect().filter { $0.userParams?.taskId == task }
    } catch let error as OpenShiftError
      where error.failureKind == .notFound || error.failureKind == .authentication
    {
      // No access to PipelineRuns here: the Koji side still answers.
      return []
    }
  }

  private func outputFiles(task: Int, session: KojiSession) async throws -> Set<String> {
    Set(
      (try await session.call("listTaskOutput", [.int(Int64(task))]).arrayValue ?? []).compactMap(
        \.stringValue))
  }

  /// The text of the task's fault (`Image build failed. … OSBS build id: …`); nil when it did not fail
  /// (or has not finished).
  public func taskFailure(task: Int) async throws -> String? {
    try await outcome(task: task).failure
  }

  /// The task's state and, when it failed, its fault text.
  public func outcome(task: Int) async throws -> KojiTaskOutcome {
    let session = try await openSession()
    // getTaskResult faults for a task that has not finished whatever raise_fault says (capture 41).
    let info = try await session.call("getTaskInfo", [.int(Int64(task))])
    let state = info["state"]?.intValue.flatMap { KojiTaskState(rawValue: Int($0)) }
    var outcome = KojiTaskOutcome(task: task, state: state)
    if state == .failed { outcome.fault = try await failureText(task: task, session: session) }
    return outcome
  }

  private func failureText(task: Int, session: KojiSession) async throws -> String? {
    let result = try await session.call(
      "getTaskResult", [.int(Int64(task))], keywords: [XMLRPCMember("raise_fault", false)])
    return result["faultString"]?.stringValue
  }

  private func labelled(task: Int, _ builds: [Build]) async throws -> BuildForTaskReport {
    var summaries: [BuildSummary] = []
    for build in builds { summaries.append(try await client.summary(of: build)) }
    return BuildForTaskReport(
      task: task, source: "label", names: builds.map(\.metadata.name), builds: summaries)
  }

  /// A build named by the task may since have been pruned, and a pipeline run never was an OpenShift
  /// Build; the name still answers the question, and `notOnCluster` says which names no Build has.
  private func report(task: Int, source: String, names: [String]) async throws -> BuildForTaskReport {
    var builds: [BuildSummary] = []
    var missing: [String] = []
    for name in names {
      do {
        let build = try await client.build(named: name, in: scope == .all ? .current : scope)
        builds.append(try await client.summary(of: build))
      } catch let error as OpenShiftError where error.failureKind == .notFound {
        missing.append(name)
      }
    }
    var report = BuildForTaskReport(task: task, source: source, names: names, builds: builds)
    report.notOnCluster = missing
    return report
  }

  /// Whether `names` are OSBS 2 pipeline runs: named by `osbs-client.log`, or by the fault of a task
  /// whose builder wrote `osbs-client.log` and no OSBS 1 `openshift-incremental.log`.
  static func kind(source: String, files: Set<String>) -> String {
    if source == "osbs-client.log" { return "PipelineRun" }
    if source == "fault", files.contains("osbs-client.log"), !files.contains("openshift-incremental.log") {
      return "PipelineRun"
    }
    return "Build"
  }

  static let selfLinkPattern = #"'openshift_build_selflink':\s*u?'([^']+)'"#
  /// osbs-client 2 (koji-containerbuild 1.4.0), capture 77.
  static let pipelineRunPattern = #"creating binary container image pipeline run: (\S+)"#
  /// The fault text (`OSBS build id: NAME`) and the builder's own log line (`OSBS build id: 'NAME'`).
  static let faultPattern = #"OSBS build id: '?([^'\s]+)'?"#

  static func match(_ pattern: String, in text: String) -> String? {
    guard let expression = try? NSRegularExpression(pattern: pattern),
      let found = expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).last,
      let range = Range(found.range(at: 1), in: text)
    else { return nil }
    return String(text[range])
  }

  /// The run named in the task's own logs: the last selflink line of `openshift-incremental.log` (OSBS 1),
  /// else the pipeline run of `osbs-client.log` (koji-containerbuild 1.4.0).
  private func runNamedInLogs(task: Int, files: Set<String>, session: KojiSession) async throws
    -> (name: String, source: String)?
  {
    if files.contains("openshift-incremental.log") {
      let link = try await lastMatch(
        task: task, file: "openshift-incremental.log", marker: "openshift_build_selflink",
        pattern: Self.selfLinkPattern, session: session)
      if let name = link?.split(separator: "/").last { return (String(name), "selflink") }
    }
    if files.contains("osbs-client.log") {
      if let name = try await lastMatch(
        task: task, file: "osbs-client.log", marker: "pipeline run:", pattern: Self.pipelineRunPattern,
        session: session)
      {
        return (name, "osbs-client.log")
      }
      if let name = try await lastMatch(
        task: task, file: "osbs-client.log", marker: "OSBS build id:", pattern: Self.faultPattern,
        session: session)
      {
        return (name, "osbs-client.log")
      }
    }
    return nil
  }

  /// The first group of `pattern` on the last line of `file` that contains `marker`, read in chunks so a
  /// huge log never sits in memory whole.
  private func lastMatch(task: Int, file: String, marker: String, pattern: String, session: KojiSession)
    async throws -> String?
  {
    var offset = 0
    var splitter = LineSplitter()
    var found: String?
    let chunkSize = 1 << 20
    func scan(_ line: Data) {
      guard line.count < 1 << 20 else { return }
      let text = String(decoding: line, as: UTF8.self)
      guard text.contains(marker), let value = Self.match(pattern, in: text) else { return }
      found = value
    }
    while true {
      let reply = try await session.call(
        "downloadTaskOutput", [.int(Int64(task)), .string(file)],
        keywords: [XMLRPCMember("offset", .int(Int64(offset))), XMLRPCMember("size", .int(Int64(chunkSize)))])
      let data: Data
      switch reply {
      case .base64(let bytes): data = bytes
      case .string(let text): data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) ?? Data()
      default: data = Data()
      }
      if data.isEmpty { break }
      offset += data.count
      for line in splitter.lines(in: data) { scan(line) }
    }
    if let rest = splitter.finish() { scan(rest) }
    return found
  }
}

/// A Koji task's state and, when it failed, its fault text.
public struct KojiTaskOutcome: Sendable, Equatable {
  public var task: Int
  /// nil when the hub did not say.
  public var state: KojiTaskState?
  public var fault: String?

  public init(task: Int, state: KojiTaskState?, fault: String? = nil) {
    self.task = task
    self.state = state
    self.fault = fault
  }

  /// What doctor reports as the task's failure: the fault, or that it was canceled.
  public var failure: String? {
    switch state {
    case .failed?: fault
    case .canceled?: "task \(task) was canceled"
    default: nil
    }
  }

  /// The task has ended, so koji-containerbuild has deleted (or tried to delete) its pipeline run.
  public var ended: Bool { state == .closed || state == .failed || state == .canceled }
}
