import Foundation

/// The node-side commands the fleet runs on every node, each as `osbsctl … -o json` in a pod.
public enum FleetTask: String, Sendable, Codable, CaseIterable {
  /// `prune node`: exited containers, then the images left dangling.
  case prune
  /// `disk usage`: the engine's `/system/df`.
  case disk
  /// `ovs check`: the node's per-pod flows against the pods the fleet listed on it.
  case ovsCheck = "ovs-check"
  /// `node probe --local`: the runbook's network test through the node's engine.
  case probe

  /// The labels every fleet pod carries: the run's ID (to find and remove leftovers) and the task.
  public static let runLabel = "osbsctl.io/fleet"
  public static let taskLabel = "osbsctl.io/fleet-task"
  /// Where the node's Docker-compatible engine and Open vSwitch listen, on the node and in the pod.
  public static let dockerSocket = "/var/run/docker.sock"
  public static let openVSwitchRunDirectory = "/var/run/openvswitch"
}

/// What the fleet runs and how.
public struct FleetRequest: Sendable {
  public var task: FleetTask
  /// The osbsctl image (see the Containerfile); its entrypoint is osbsctl.
  public var image: String
  /// Without it every node command runs as a dry run (`prune node` plans; the rest never change anything).
  public var confirm: Bool
  /// Per node: from the request to create the pod until its report is in. A pod that has not run by
  /// then is `unreachable`; one still running is `failed`.
  public var timeout: Duration
  /// At most this many pods exist at once.
  public var parallelism: Int
  /// Cordoned and NotReady nodes too.
  public var includeUnschedulable: Bool
  /// For `probe`: the target, buildroot image and connect timeout the node's probe uses.
  public var probe: NetworkProbeRequest?
  /// For `probe`: the probe container's network mode on the node's engine; nil is the engine's
  /// default, the network builds get.
  public var probeNetwork: String?
  /// For `ovs-check`: the bridge, when not the node's default (br0).
  public var bridge: String?

  public init(
    task: FleetTask, image: String, confirm: Bool = false, timeout: Duration = .seconds(300),
    parallelism: Int = 8, includeUnschedulable: Bool = false, probe: NetworkProbeRequest? = nil,
    probeNetwork: String? = nil, bridge: String? = nil
  ) throws(FleetError) {
    guard !image.isEmpty else { throw .noImage }
    guard timeout >= .seconds(1) else { throw .badTimeout }
    if task == .probe && probe == nil { throw .noProbeRequest }
    self.task = task
    self.image = image
    self.confirm = confirm
    self.timeout = timeout
    self.parallelism = max(1, parallelism)
    self.includeUnschedulable = includeUnschedulable
    self.probe = probe
    self.probeNetwork = probeNetwork
    self.bridge = bridge
  }

  /// The node command's arguments after the entrypoint (`osbsctl`).
  /// `--quiet` keeps stderr to an error: the pod's log merges both streams at arbitrary points, so any
  /// message there could land inside the report.
  func arguments(node: String, livePods: Data?) -> [String] {
    let report = ["-o", "json", "--quiet"]
    let engine = ["--host", "unix://" + FleetTask.dockerSocket]
    switch task {
    case .prune:
      return ["prune", "node"] + engine + (confirm ? ["--confirm"] : ["--dry-run"]) + report
    case .disk:
      return ["disk", "usage"] + engine + report
    case .ovsCheck:
      let pods = livePods.map { String(decoding: $0, as: UTF8.self) } ?? #"{"items":[]}"#
      return ["ovs", "check", "--node", node, "--pods-json", pods] + (bridge.map { ["--bridge", $0] } ?? [])
        + report
    case .probe:
      let probe = probe!
      return [
        "node", "probe", "--local", node, "--image", probe.image, "--target", probe.target.url, "--timeout",
        "\(probe.timeout.components.seconds)s",
      ] + (probeNetwork.map { ["--network", $0] } ?? []) + engine + report
    }
  }
}

public enum FleetError: ClassifiedError, Equatable {
  case noImage
  case badTimeout
  case noProbeRequest
  case noNodes(String)

  public var failureKind: FailureKind {
    switch self {
    case .noImage, .badTimeout, .noProbeRequest: .usage
    case .noNodes: .notFound
    }
  }

  public var description: String {
    switch self {
    case .noImage: "no osbsctl image: give --image"
    case .badTimeout: "the fleet timeout must be at least 1s"
    case .noProbeRequest: "the fleet probe needs a target and a buildroot image"
    case .noNodes(let why): "no nodes to run on: \(why)"
    }
  }
}

/// How one node's run ended.
public enum FleetNodeStatus: String, Sendable, Codable, CaseIterable {
  /// The pod ran and its log held the node command's report.
  case ok
  /// The pod ran but gave no usable report (the command failed, its output was not its report, or it
  /// did not finish in time), or the API refused the pod.
  case failed
  /// Cordoned or NotReady, and not asked for.
  case skipped
  /// The pod never ran within the timeout (not scheduled, image missing, mount refused).
  case unreachable
  /// Ctrl-C came first: the pod, if made, was deleted.
  case interrupted
}

/// The node command's own report, as its `-o json` printed it.
public enum FleetNodeReport: Sendable, Codable {
  case prune(PruneReport)
  case disk(DiskUsageReport)
  case ovsCheck(StaleFlowReport)
  case probe(NodeProbeReport)

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .prune(let report): try container.encode(report)
    case .disk(let report): try container.encode(report)
    case .ovsCheck(let report): try container.encode(report)
    case .probe(let report): try container.encode(report)
    }
  }

  public init(from decoder: any Decoder) throws {
    // The fleet report is read back by scripts and tests; the shape tells the kinds apart.
    let container = try decoder.singleValueContainer()
    if let report = try? container.decode(PruneReport.self) {
      self = .prune(report)
    } else if let report = try? container.decode(StaleFlowReport.self) {
      self = .ovsCheck(report)
    } else if let report = try? container.decode(NodeProbeReport.self) {
      self = .probe(report)
    } else {
      self = .disk(try container.decode(DiskUsageReport.self))
    }
  }
}

/// One node's line in the fleet report.
public struct FleetNodeResult: Sendable, Codable {
  public var node: String
  public var status: FleetNodeStatus
  /// Why, in words: the skip reason, what failed, or what the node command found.
  public var reason: String
  /// The pod that ran on the node, and what became of it afterwards (`removed`, or why not).
  public var pod: String?
  public var cleanup: String?
  /// The node command's exit code (its own exit-code map: 1 for findings or failed deletions).
  public var exitCode: Int?
  public var startSeconds: Double?
  public var runSeconds: Double?
  /// The node command's error (`{"error": …}` on its stderr), when it printed one.
  public var nodeError: String?
  /// The log's last lines, as evidence when there is no report.
  public var logTail: [String]?
  public var report: FleetNodeReport?
  /// `ovs-check` only: the first check, when the node's pods changed while it ran and it was run again.
  public var recheck: FleetRecheck?

  enum CodingKeys: String, CodingKey {
    case node = "nodeName"
    case status, reason
    case pod = "podName"
    case cleanup, exitCode, startSeconds, runSeconds, nodeError, logTail, report, recheck
  }

  init(node: String, status: FleetNodeStatus, reason: String) {
    self.node = node
    self.status = status
    self.reason = reason
  }
}

/// A `fleet ovs-check` node whose check found something while its pods changed: the pods that started
/// or went between the list the check was given and the list read after it, and what that first check
/// said. The node's result is the second check's.
public struct FleetRecheck: Sendable, Codable, Equatable {
  /// The pods (`namespace/name`) that started, or got their address, since the first list.
  public var podsStarted: [String]
  /// The pods that went (or ended) since the first list.
  public var podsGone: [String]
  public var firstPodName: String?
  public var firstCleanup: String?
  public var firstExitCode: Int?
  public var firstReason: String

  /// Two listings of a node's live pods, compared by name and address.
  struct Change {
    var started: [LivePod]
    var gone: [LivePod]
    var current: [LivePod]

    init(from listed: [LivePod], to current: [LivePod]) {
      func key(_ pod: LivePod) -> String { pod.reference + " " + pod.ip }
      let before = Set(listed.map(key))
      let after = Set(current.map(key))
      started = current.filter { !before.contains(key($0)) }
      gone = listed.filter { !after.contains(key($0)) }
      self.current = current
    }

    var isEmpty: Bool { started.isEmpty && gone.isEmpty }
  }

  init(change: Change, first: FleetNodeResult) {
    podsStarted = change.started.map(\.reference)
    podsGone = change.gone.map(\.reference)
    firstPodName = first.pod
    firstCleanup = first.cleanup
    firstExitCode = first.exitCode
    firstReason = first.reason
  }
}

/// Sums over the nodes that reported.
public struct FleetTotals: Sendable, Codable, Equatable {
  public struct Nodes: Sendable, Codable, Equatable {
    public var selected = 0
    public var ok = 0
    public var failed = 0
    public var skipped = 0
    public var unreachable = 0
    public var interrupted = 0
  }
  public struct Prune: Sendable, Codable, Equatable {
    public var plannedBytes: Int64 = 0
    public var reclaimedBytes: Int64 = 0
    public var containersPlanned = 0
    public var containersRemoved = 0
    public var imagesPlanned = 0
    public var imagesRemoved = 0
    public var failed = 0

    public init() {}
  }
  public struct Disk: Sendable, Codable, Equatable {
    public var sizeBytes: Int64 = 0
    public var reclaimableBytes: Int64 = 0
  }
  public struct Flows: Sendable, Codable, Equatable {
    public var stale = 0
    public var missing = 0
    public var conflicts = 0
    public var cleanNodes = 0
  }

  public var nodes = Nodes()
  public var prune: Prune?
  public var disk: Disk?
  public var flows: Flows?
  /// For `probe`: how many nodes got each verdict.
  public var probeVerdicts: [String: Int]?

  init(task: FleetTask, results: [FleetNodeResult]) {
    switch task {
    case .prune: prune = Prune()
    case .disk: disk = Disk()
    case .ovsCheck: flows = Flows()
    case .probe: probeVerdicts = [:]
    }
    for result in results {
      nodes.selected += 1
      switch result.status {
      case .ok: nodes.ok += 1
      case .failed: nodes.failed += 1
      case .skipped: nodes.skipped += 1
      case .unreachable: nodes.unreachable += 1
      case .interrupted: nodes.interrupted += 1
      }
      switch result.report {
      case .prune(let report)?: prune?.add(report)
      case .disk(let report)?:
        for category in report.categories {
          disk?.sizeBytes += category.sizeBytes
          disk?.reclaimableBytes += category.reclaimableBytes
        }
      case .ovsCheck(let report)?:
        flows?.stale += report.counts.stale
        flows?.missing += report.counts.missing
        flows?.conflicts += report.counts.conflicts
        if report.clean { flows?.cleanNodes += 1 }
      case .probe(let report)?:
        for node in report.results { probeVerdicts?[node.verdict.rawValue, default: 0] += 1 }
      case nil: break
      }
    }
  }
}

extension FleetTotals.Prune {
  mutating func add(_ report: PruneReport) {
    plannedBytes += report.totals.plannedBytes
    reclaimedBytes += report.totals.reclaimedBytes
    containersPlanned += report.planned.filter { $0.kind == .container }.count
    imagesPlanned += report.planned.filter { $0.kind == .image }.count
    containersRemoved += report.deleted.filter { $0.kind == .container }.count
    imagesRemoved += report.deleted.filter { $0.kind == .image }.count
    failed += report.totals.failed
  }
}

/// `osbsctl fleet …`: one JSON document for the whole run.
public struct FleetReport: Sendable, Codable {
  public var task: FleetTask
  /// The value of every pod's `osbsctl.io/fleet` label.
  public var runID: String
  public var image: String
  public var dryRun: Bool
  public var interrupted: Bool
  public var nodes: [FleetNodeResult]
  public var totals: FleetTotals

  enum CodingKeys: String, CodingKey {
    case task = "command"
    case runID = "runId"
    case image, dryRun, interrupted, nodes, totals
  }

  /// How the run ended, for the exit code: nil when every node that was not skipped reported, and its
  /// command exited 0 (no finding, nothing failed).
  public var failureKind: FailureKind? {
    if interrupted { return .interrupted }
    let troubled = nodes.contains { result in
      switch result.status {
      case .ok: result.exitCode != 0
      case .skipped: false
      case .failed, .unreachable, .interrupted: true
      }
    }
    return troubled ? .operationFailed : nil
  }
}

/// Runs a node-side osbsctl command on every selected node, each in its own pod, at most `parallelism`
/// at once, and gathers their reports.
public struct FleetRun: Sendable {
  public let client: OpenShiftClient
  public let request: FleetRequest
  /// Where the pods are made (the fleet's namespace).
  public let scope: NamespaceScope
  public let runID: String

  public init(
    client: OpenShiftClient, request: FleetRequest, scope: NamespaceScope = .current,
    runID: String = String(UUID().uuidString.prefix(8).lowercased())
  ) {
    self.client = client
    self.request = request
    self.scope = scope
    self.runID = runID
  }

  /// Named nodes (each must exist), the nodes matching a selector, or, with neither, every node.
  public func selectNodes(names: [String], selector: String?) async throws -> [Node] {
    if !names.isEmpty {
      var nodes: [Node] = []
      for name in names { nodes.append(try await client.node(named: name)) }
      return nodes
    }
    let nodes = try await client.nodes(selector: ListSelector(labels: selector)).collect()
    if nodes.isEmpty {
      throw FleetError.noNodes(selector.map { "no node matches \($0)" } ?? "the cluster has no nodes")
    }
    return nodes
  }

  /// Runs on `nodes`; results in their order. Cancellation (Ctrl-C) starts nothing new, deletes the
  /// pods in flight and still returns the report of what finished.
  public func run(nodes: [Node]) async -> FleetReport {
    var results: [FleetNodeResult?] = nodes.map { node in
      Self.skipReason(node, includeUnschedulable: request.includeUnschedulable).map {
        FleetNodeResult(node: node.metadata.name, status: .skipped, reason: $0)
      }
    }
    let pending = results.indices.filter { results[$0] == nil }
    await withTaskGroup(of: (Int, FleetNodeResult).self) { group in
      var next = 0
      func startNext() {
        guard next < pending.count, !Task.isCancelled else { return }
        let index = pending[next]
        next += 1
        group.addTask { (index, await runOn(node: nodes[index].metadata.name)) }
      }
      for _ in 0..<min(request.parallelism, pending.count) { startNext() }
      while let (index, result) = await group.next() {
        results[index] = result
        startNext()
      }
    }
    let interrupted = Task.isCancelled
    let finished = zip(nodes, results).map { node, result in
      result
        ?? FleetNodeResult(node: node.metadata.name, status: .interrupted, reason: "not started: interrupted")
    }
    return FleetReport(
      task: request.task, runID: runID, image: request.image, dryRun: !request.confirm,
      interrupted: interrupted, nodes: finished, totals: FleetTotals(task: request.task, results: finished))
  }

  /// Why a node is left out: cordoned, or not Ready.
  static func skipReason(_ node: Node, includeUnschedulable: Bool) -> String? {
    guard !includeUnschedulable else { return nil }
    if !node.isSchedulable { return "cordoned (SchedulingDisabled); --include-unschedulable runs there too" }
    if node.isReady != true {
      let state = node.isReady == nil ? "reports no Ready condition" : "is NotReady"
      return "the node \(state); --include-unschedulable runs there too"
    }
    return nil
  }

  func manifest(node: String, livePods: Data?) -> OneShotPodManifest {
    let suffix = UUID().uuidString.prefix(5).lowercased()
    var manifest = OneShotPodManifest(
      name: "osbsctl-fleet-\(runID)-\(suffix)", node: node, image: request.image, command: ["osbsctl"],
      arguments: request.arguments(node: node, livePods: livePods),
      labels: [FleetTask.runLabel: runID, FleetTask.taskLabel: request.task.rawValue],
      activeDeadlineSeconds: Int(request.timeout.components.seconds) + 1, containerName: "osbsctl")
    switch request.task {
    case .prune, .disk, .probe:
      manifest.mountHostPath(FleetTask.dockerSocket, name: "docker-socket", type: .socket)
    case .ovsCheck:
      manifest.mountHostPath(FleetTask.openVSwitchRunDirectory, name: "openvswitch", type: .directory)
      // A pod on the pod network would own flows on the bridge it inspects, flows the pod list it was
      // given (made before it existed) does not explain.
      manifest.useHostNetwork()
    }
    return manifest
  }

  /// The node's live pods, as `ovs check --pods-json` is given them.
  func livePods(node: String) async throws -> [LivePod] {
    LivePod.select(try await client.pods(onNode: node).collect(), node: node)
  }

  func runOn(node: String) async -> FleetNodeResult {
    var result = FleetNodeResult(node: node, status: .failed, reason: "")
    do {
      let listed = request.task == .ovsCheck ? try await livePods(node: node) : nil
      try await runPod(on: node, livePods: listed, into: &result)
      // The check judged the flows against pods listed before its pod started, which may be minutes
      // (an image pull) before: build pods started since own flows the list cannot explain, and pods gone
      // since have lost theirs. When it found something and the node's pods changed, it runs once more
      // with a fresh list (the image is on the node by then, so that window is short).
      // A list that cannot be read again, or Ctrl-C, leaves the first check standing.
      if let listed, result.status == .ok, result.exitCode == 1, !Task.isCancelled,
        let current = try? await livePods(node: node)
      {
        let change = FleetRecheck.Change(from: listed, to: current)
        if !change.isEmpty && !Task.isCancelled {
          let first = result
          result = FleetNodeResult(node: node, status: .failed, reason: "")
          result.recheck = FleetRecheck(change: change, first: first)
          try await runPod(on: node, livePods: change.current, into: &result)
          result.reason =
            "checked again, its pods having changed (\(change.started.count) started, \(change.gone.count) gone): "
            + result.reason
        }
      }
    } catch let stopped as OneShotPodRun.Stopped {
      result.cleanup = stopped.cleanup
      note(stopped.error, into: &result)
    } catch {
      note(error, into: &result)
    }
    return result
  }

  private func runPod(on node: String, livePods: [LivePod]?, into result: inout FleetNodeResult) async throws
  {
    let manifest = manifest(node: node, livePods: try livePods.map { try LivePodList($0).encoded() })
    result.pod = manifest.name
    let outcome = try await OneShotPodRun(client: client, scope: scope, label: FleetTask.runLabel).run(
      manifest, limit: request.timeout, logLines: nil)
    result.cleanup = outcome.cleanup
    result.startSeconds = outcome.startSeconds
    result.runSeconds = outcome.runSeconds
    judge(outcome.observation, node: node, into: &result)
  }

  private func note(_ error: any Error, into result: inout FleetNodeResult) {
    if error is CancellationError || Task.isCancelled {
      result.status = .interrupted
      result.reason = "interrupted before the node reported"
    } else {
      result.status = .failed
      result.reason = "the API refused or lost the pod: \(error)"
    }
  }

  private func judge(
    _ observation: OneShotPodRun.Observation, node: String, into result: inout FleetNodeResult
  ) {
    switch observation {
    case .finished(let exitCode, let log):
      result.exitCode = exitCode
      switch FleetLog.read(log, task: request.task, node: node, dryRun: !request.confirm) {
      case .report(let report, let summary):
        result.status = .ok
        result.report = report
        result.reason = summary
      case .noReport(let why, let nodeError):
        result.status = .failed
        result.reason = why
        result.nodeError = nodeError
        result.logTail = NetworkProbeRequest.tail(log)
      }
    case .stillRunning(let log):
      result.status = .failed
      result.reason = "still running when the \(request.timeout.components.seconds)s timeout ran out"
      result.logTail = NetworkProbeRequest.tail(log)
    case .imageMissing(let detail):
      result.status = .unreachable
      result.reason = "the osbsctl image cannot be had on the node: \(detail)"
    case .neverRan(let detail):
      result.status = .unreachable
      result.reason = "the pod never ran within \(request.timeout.components.seconds)s: \(detail)"
    case .waiting:
      result.status = .unreachable
      result.reason = "the pod stayed Pending"
    }
  }
}

/// `{"kind": "PodList", "items": [...]}` with only what `LivePod.select` reads.
struct LivePodList: Encodable {
  struct Item: Encodable {
    struct Metadata: Encodable {
      var name: String
      var namespace: String?
    }
    struct Spec: Encodable { var nodeName: String? }
    struct Status: Encodable {
      var phase: String?
      var podIP: String
    }
    var metadata: Metadata
    var spec: Spec
    var status: Status
  }
  var kind = "PodList"
  var apiVersion = "v1"
  var items: [Item]

  init(_ pods: [LivePod]) {
    items = pods.map {
      Item(
        metadata: .init(name: $0.name, namespace: $0.namespace), spec: .init(nodeName: $0.node),
        status: .init(phase: $0.phase, podIP: $0.ip))
    }
  }

  func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}

/// Reads a fleet pod's log: the node command's `-o json` report on stdout, pretty-printed (a line `{` to
/// a line `}`), and, when it failed, its one-line `{"error": …}` from stderr. The kubelet interleaves
/// both streams in one log, so the report is found by its lines rather than by decoding the whole log;
/// the command runs `--quiet`, so nothing else on stderr can split a line of the report.
enum FleetLog {
  enum Reading {
    case report(FleetNodeReport, summary: String)
    case noReport(String, nodeError: String?)
  }

  static func read(_ log: String, task: FleetTask, node: String, dryRun: Bool) -> Reading {
    let lines = log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let nodeError = lines.lazy.compactMap { ErrorDocument.read($0)?.error.message }.first
    guard let start = lines.firstIndex(of: "{"), let end = lines.lastIndex(of: "}"), start < end else {
      let why = nodeError.map { "the node command failed: \($0)" } ?? "the log holds no JSON report"
      return .noReport(why, nodeError: nodeError)
    }
    let document = Data(lines[start...end].joined(separator: "\n").utf8)
    do {
      let (report, summary) = try decode(document, task: task, node: node, dryRun: dryRun)
      return .report(report, summary: summary)
    } catch let mismatch as Mismatch {
      return .noReport("the report is not this run's: \(mismatch.why)", nodeError: nodeError)
    } catch {
      return .noReport("the log's JSON is not a \(task.rawValue) report: \(error)", nodeError: nodeError)
    }
  }

  struct Mismatch: Error { var why: String }

  private static func decode(_ data: Data, task: FleetTask, node: String, dryRun: Bool) throws
    -> (FleetNodeReport, String)
  {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    switch task {
    case .prune:
      let report = try decoder.decode(PruneReport.self, from: data)
      guard report.scope == "node" else { throw Mismatch(why: "scope \(report.scope), not node") }
      guard report.dryRun == dryRun else {
        throw Mismatch(why: dryRun ? "it deleted on a dry run" : "it is a dry run, deletion was confirmed")
      }
      let totals = report.totals
      let summary =
        report.dryRun
        ? "would remove \(totals.planned) (\(totals.plannedBytes) bytes)"
        : "removed \(totals.deleted) of \(totals.planned) (\(totals.reclaimedBytes) bytes), \(totals.failed) failed"
      return (.prune(report), summary)
    case .disk:
      let report = try decoder.decode(DiskUsageReport.self, from: data)
      let reclaimable = report.categories.reduce(Int64(0)) { $0 + $1.reclaimableBytes }
      return (.disk(report), "\(reclaimable) bytes reclaimable")
    case .ovsCheck:
      let report = try decoder.decode(StaleFlowReport.self, from: data)
      guard report.node == node else { throw Mismatch(why: "it checked node \(report.node ?? "(none)")") }
      let counts = report.counts
      return (
        .ovsCheck(report),
        "\(counts.stale) stale, \(counts.missing) missing, \(counts.conflicts) conflicts in \(counts.podFlows) per-pod flows"
      )
    case .probe:
      let report = try decoder.decode(NodeProbeReport.self, from: data)
      guard report.results.count == 1, let result = report.results.first, result.node == node else {
        throw Mismatch(why: "it probed \(report.results.map(\.node)), not \(node)")
      }
      return (.probe(report), "\(result.verdict.rawValue): \(result.reason)")
    }
  }
}
