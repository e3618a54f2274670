import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `osbsctl ovs fix`: the stale flows it would delete or deleted, and the check before and after.
public struct StaleFlowFixReport: Codable, Sendable, Equatable {
  public struct Failure: Codable, Sendable, Equatable {
    public var strictMatch: String
    public var error: String
  }

  public var node: String?
  /// Nothing was deleted: no `--confirm`, or the flows came from a saved dump.
  public var dryRun: Bool
  /// The stale flows, each to be deleted with `ovs-ofctl --strict del-flows <bridge> <strictMatch>`.
  public var planned: [StaleFlowFinding]
  public var deleted: [StaleFlowFinding]
  public var failed: [Failure]
  public var before: StaleFlowReport
  /// The check run again after deleting; nil on a dry run.
  public var after: StaleFlowReport?
  /// Conflicts and missing flows are never fixed by deletion; what to do about them.
  public var notes: [String]
  /// Stale flows not deleted on this run: younger than `StaleFlowDiagnosis.startingPodFlowAge` while a
  /// pod on the node was starting, so possibly that pod's.
  public var deferred: [StaleFlowFinding]

  enum CodingKeys: String, CodingKey {
    case node = "nodeName"
    case dryRun, planned, deleted, failed, before, after, notes, deferred
  }
}

/// Malformed inputs of the check and its operations.
public struct StaleFlowInputError: ClassifiedError, Equatable {
  public var message: String
  public var kind: FailureKind

  public init(_ message: String, kind: FailureKind = .usage) {
    self.message = message
    self.kind = kind
  }

  public var failureKind: FailureKind { kind }
  public var description: String { message }
}

/// The check and the fix on one node: where the flows come from, where the pods come from.
///
/// `doctor` and the `ovs` commands build one of these and call `check()`; `fix(confirm:)` deletes
/// exactly the stale flows it finds (`--strict`, table + priority + match), never by loose IP match,
/// because a reused address would take a live pod's flows with it.
public struct StaleFlowDiagnosis: Sendable {
  public enum Flows: Sendable {
    /// `ovs-ofctl dump-flows` on a live bridge (the fix can delete there).
    case bridge(OVSFlowSource)
    /// A saved dump; `origin` names it in the report (a path, or `stdin`).
    case dump(text: String, origin: String)

    /// A saved dump read from a file.
    public static func dumpFile(_ path: String) throws -> Flows {
      .dump(text: try StaleFlowDiagnosis.readText(path, what: "flow dump"), origin: path)
    }
  }

  public enum Pods: Sendable {
    /// Pods on the node from the API (`fieldSelector=spec.nodeName=<node>`); the node must exist.
    case api(OpenShiftClient)
    /// A PodList as `kubectl get pods -o json` prints it.
    case podList(Data, origin: String)

    public static func podListFile(_ path: String) throws -> Pods {
      .podList(Data(try StaleFlowDiagnosis.readText(path, what: "pod list").utf8), origin: path)
    }
  }

  /// The node whose pods count as live. Required with `.api`; with a pod list, nil takes every pod
  /// in the file.
  public var node: String?
  public var flows: Flows
  public var pods: Pods

  public init(node: String?, flows: Flows, pods: Pods) {
    self.node = node
    self.flows = flows
    self.pods = pods
  }

  /// The check: reads the flows and the pods (in parallel when either waits on a program or a server,
  /// or both are large) and compares them.
  ///
  /// It runs on its caller's executor: saved inputs of ordinary size are read one after the other there,
  /// because a child task starts threads of the concurrency pool, which cost more than reading a node's
  /// saved dump and pod list (a command that only reads files otherwise starts no thread at all).
  nonisolated(nonsending) public func check() async throws -> StaleFlowReport {
    try await inspect().report
  }

  /// The pods as the check read them, with what the fix needs beyond the report.
  struct PodReading {
    var live: [LivePod]
    var origin: String
    var warnings: [String]
    /// Pods on the node that are starting (Pending, no IP yet).
    var starting: [String]
    /// Whether the list names the node at all (always so for the API's list of an existing node).
    var coversNode: Bool
  }

  nonisolated(nonsending) private func inspect() async throws -> (report: StaleFlowReport, pods: PodReading) {
    let dump: OVSFlowDump
    let reading: PodReading
    if readsOnlySmallSavedInputs {
      dump = try await loadFlows()
      reading = try await loadPods()
    } else {
      async let pods = loadPods()
      dump = try await loadFlows()
      reading = try await pods
    }
    var report = StaleFlowCheck.run(flows: dump.flows, livePods: reading.live, node: node)
    report.flowsFrom = flowsOrigin
    report.podsFrom = reading.origin
    report.warnings = reading.warnings + report.warnings
    if !reading.starting.isEmpty {
      report.warnings.append(
        "starting without an IP yet: \(reading.starting.joined(separator: ", ")); the SDN installs a pod's "
          + "flows before the API shows its IP, so its flows can be among the stale ones until it has one")
    }
    return (report, reading)
  }

  /// How old a stale flow must be before the fix deletes it while a pod on the node is starting: the SDN
  /// sets a pod's network up (flows included) seconds before the kubelet reports the pod's IP.
  public static let startingPodFlowAge: Double = 120

  /// Plans (and with `confirm` applies) the deletion of every stale flow, then checks again.
  public func fix(confirm: Bool) async throws -> StaleFlowFixReport {
    if confirm, case .dump(_, let origin) = flows {
      throw StaleFlowInputError(
        "cannot delete flows from a saved dump (\(origin)); deleting needs the node's live bridge"
      )
    }
    let (before, pods) = try await inspect()
    var notes: [String] = []
    if confirm, !pods.coversNode, !before.stale.isEmpty {
      throw StaleFlowInputError(
        "refusing to delete: \(pods.origin) has no pod on node \(node ?? "?"), so every pod's flows on the "
          + "bridge look stale; give the node's pod list (kubectl get pods -o json --field-selector "
          + "spec.nodeName=\(node ?? "NODE")) or let osbsctl read it from the API")
    }
    // While a pod is starting, a young stale flow may be its own: left for a later run.
    let deferred =
      pods.starting.isEmpty
      ? [] : before.stale.filter { ($0.flow.durationSeconds ?? 0) < Self.startingPodFlowAge }
    let toDelete = before.stale.filter { !deferred.contains($0) }
    if !deferred.isEmpty {
      notes.append(
        "\(counted(deferred.count, "stale flow")) younger than \(Int(Self.startingPodFlowAge)) s left alone while "
          + "\(pods.starting.joined(separator: ", ")) \(pods.starting.count == 1 ? "starts" : "start") (a "
          + "starting pod's flows come before its IP): run the fix again once it has an IP")
    }
    if !before.conflicts.isEmpty {
      notes.append(
        "\(counted(before.conflicts.count, "conflict")) left alone: an address on several ports is not deleted"
          + " automatically; compare the ports with `ovs-vsctl find interface external_ids:ip=<ip>`")
    }
    if !before.missing.isEmpty {
      notes.append(
        "\(counted(before.missing.count, "live pod")) \(before.missing.count == 1 ? "lacks" : "lack") flows: deleting cannot add them; restart the node's SDN"
          + " service (or the pod) so it reinstalls them")
    }
    guard confirm, case .bridge(let source) = flows, !toDelete.isEmpty else {
      return StaleFlowFixReport(
        node: node, dryRun: !confirm, planned: toDelete, deleted: [], failed: [], before: before,
        after: confirm ? before : nil, notes: notes, deferred: deferred)
    }
    var deleted: [StaleFlowFinding] = []
    var failed: [StaleFlowFixReport.Failure] = []
    // Read again just before deleting: `--strict` matches table, priority and match, not actions, so a
    // flow a new pod got for a reused address since the check would go too. Changed or gone: left alone.
    var current: [String: [String]] = [:]
    for flow in try await source.dumpFlows().flows where current[flow.strictMatch] == nil {
      current[flow.strictMatch] = flow.actions
    }
    var changed: [String] = []
    for finding in toDelete {
      try Task.checkCancellation()
      guard current[finding.flow.strictMatch] == finding.flow.actions else {
        changed.append(finding.flow.strictMatch)
        continue
      }
      do {
        try await source.deleteStrict(strictMatch: finding.flow.strictMatch)
        deleted.append(finding)
      } catch let error as OVSCommandError {
        failed.append(.init(strictMatch: finding.flow.strictMatch, error: error.description))
      }
    }
    if !changed.isEmpty {
      notes.append(
        "\(counted(changed.count, "flow")) changed or gone since the check, left alone: "
          + changed.joined(separator: "; "))
    }
    let after = try await check()
    return StaleFlowFixReport(
      node: node, dryRun: false, planned: toDelete, deleted: deleted, failed: failed, before: before,
      after: after, notes: notes, deferred: deferred)
  }

  private var flowsOrigin: String {
    switch flows {
    case .bridge(let source): return source.description
    case .dump(_, let origin): return origin
    }
  }

  /// Both inputs saved text, together under 1 MiB (a node's dump with a few thousand flows): reading them
  /// in parallel would not pay for the threads.
  private var readsOnlySmallSavedInputs: Bool {
    guard case .dump(let text, _) = flows else { return false }
    switch pods {
    case .api: return false
    case .podList(let data, _): return text.utf8.count + data.count < 1 << 20
    }
  }

  nonisolated(nonsending) private func loadFlows() async throws -> OVSFlowDump {
    switch flows {
    case .bridge(let source):
      return try await source.dumpFlows()
    case .dump(let text, _):
      return try OVSFlowDump.parse(text)
    }
  }

  nonisolated(nonsending) private func loadPods() async throws -> PodReading {
    switch pods {
    case .api(let client):
      guard let node, !node.isEmpty else {
        throw StaleFlowInputError("no node name: the API's pods of which node?")
      }
      // An unknown node would make every flow look stale; refuse instead.
      _ = try await client.node(named: node)
      let pods = try await client.pods(onNode: node).collect().map(PodNetworkFacts.init)
      return PodReading(
        live: LivePod.select(pods, node: node), origin: "\(client.baseURL) pods on \(node)", warnings: [],
        starting: LivePod.starting(pods, node: node), coversNode: true)
    case .podList(let data, let origin):
      let list: PodListDocument
      do {
        list = try PodListDocument(json: data)
      } catch {
        throw StaleFlowInputError("\(origin) is not a PodList (kubectl get pods -o json): \(error.reason)")
      }
      var warnings: [String] = []
      let coversNode = node.map { node in list.items.contains { $0.nodeName == node } } ?? !list.items.isEmpty
      if let node, !list.items.isEmpty, !coversNode {
        warnings.append("\(origin) has \(counted(list.items.count, "pod")) but none on node \(node)")
      }
      return PodReading(
        live: LivePod.select(list.items, node: node), origin: origin, warnings: warnings,
        starting: LivePod.starting(list.items, node: node), coversNode: coversNode)
    }
  }

  static func readText(_ path: String, what: String) throws -> String {
    guard FileManager.default.fileExists(atPath: path) else {
      throw StaleFlowInputError("\(what) \(path) does not exist", kind: .notFound)
    }
    // read(2) to the end, not FileManager, which gives nothing for a pipe: `--from <(ssh node ovs-ofctl
    // -O OpenFlow13 dump-flows br0)` names one.
    guard let data = ConfigFiles.data(path) else {
      throw StaleFlowInputError("cannot read \(what) \(path)")
    }
    return String(decoding: data, as: UTF8.self)
  }
}

/// `{"kind": "List"|"PodList", "items": [...]}`, reading of each pod only what the check uses: decoding
/// whole `Pod`s (containers, conditions, statuses) was ~40 % of `ovs check`'s instructions on 5,000 pods.
///
/// Read as a `JSONTree` of only those fields rather than through `Decodable`: `JSONDecoder` still spent
/// ~90 K instructions a pod on the few fields read (keyed containers, a `CodingKey` per member), the
/// larger half of `ovs check --from` on 5,000 pods. The rules are those of `Pod`'s decoding: `items` and
/// each pod's `metadata.name`, `spec` and `status` are required, the other fields optional, `null` as
/// absent.
struct PodListDocument {
  var items: [PodNetworkFacts]

  private static let fieldsRead = JSONTree.Selection.members([
    "items": .members([
      "metadata": .members(["name": .all, "namespace": .all]),
      "spec": .members(["nodeName": .all, "hostNetwork": .all]),
      "status": .members(["phase": .all, "podIP": .all]),
    ])
  ])

  init(json data: Data) throws(PodListReadError) {
    let tree: JSONTree
    do {
      tree = try JSONTree(json: data, selecting: Self.fieldsRead)
    } catch {
      throw PodListReadError(reason: "not JSON (\(error))")
    }
    let list = try PodListReadError.object(tree, at: "the document")
    guard let listed = list["items"], listed != .null else {
      throw PodListReadError(reason: "missing .items")
    }
    guard case .array(let pods) = listed else {
      throw PodListReadError(reason: "unexpected value at .items: expected an array")
    }
    items = try pods.enumerated().map { (index, pod) throws(PodListReadError) in
      try PodNetworkFacts(pod, at: ".items[\(index)]")
    }
  }
}

/// Why a pod list could not be read, with the path of the value at fault (`.items[3].metadata.name`).
/// Paths are made only for a message: making one for each pod read cost as much as reading it.
struct PodListReadError: Error, Equatable {
  var reason: String

  static func object(_ tree: JSONTree, at path: @autoclosure () -> String) throws(PodListReadError)
    -> [String: JSONTree]
  {
    guard case .object(let members) = tree else {
      throw PodListReadError(reason: "unexpected value at \(path()): expected an object")
    }
    return members
  }

  static func member(_ name: String, of members: [String: JSONTree], at path: @autoclosure () -> String)
    throws(PodListReadError) -> [String: JSONTree]
  {
    guard let value = members[name], value != .null else {
      throw PodListReadError(reason: "missing \(path()).\(name)")
    }
    return try object(value, at: "\(path()).\(name)")
  }

  static func string(_ name: String, of members: [String: JSONTree], at path: @autoclosure () -> String)
    throws(PodListReadError) -> String?
  {
    switch members[name] {
    case nil, .null?: return nil
    case .string(let text)?: return text
    case _?: throw PodListReadError(reason: "unexpected value at \(path()).\(name): expected a string")
    }
  }
}

/// This machine's host name, the default node for `ovs check` (node names are host names).
public enum LocalHost {
  public static func name() -> String? {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
    let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return name.isEmpty ? nil : name
  }
}
