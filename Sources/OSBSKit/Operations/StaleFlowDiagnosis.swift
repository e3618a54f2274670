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

  enum CodingKeys: String, CodingKey {
    case node = "nodeName"
    case dryRun, planned, deleted, failed, before, after, notes
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
    let dump: OVSFlowDump
    let (live, podsFrom, warnings): ([LivePod], String, [String])
    if readsOnlySmallSavedInputs {
      dump = try await loadFlows()
      (live, podsFrom, warnings) = try await loadLivePods()
    } else {
      async let livePods = loadLivePods()
      dump = try await loadFlows()
      (live, podsFrom, warnings) = try await livePods
    }
    var report = StaleFlowCheck.run(flows: dump.flows, livePods: live, node: node)
    report.flowsFrom = flowsOrigin
    report.podsFrom = podsFrom
    report.warnings = warnings
    return report
  }

  /// Plans (and with `confirm` applies) the deletion of every stale flow, then checks again.
  public func fix(confirm: Bool) async throws -> StaleFlowFixReport {
    if confirm, case .dump(_, let origin) = flows {
      throw StaleFlowInputError(
        "cannot delete flows from a saved dump (\(origin)); deleting needs the node's live bridge"
      )
    }
    let before = try await check()
    var notes: [String] = []
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
    guard confirm, case .bridge(let source) = flows, !before.stale.isEmpty else {
      return StaleFlowFixReport(
        node: node, dryRun: !confirm, planned: before.stale, deleted: [], failed: [], before: before,
        after: confirm ? before : nil, notes: notes)
    }
    var deleted: [StaleFlowFinding] = []
    var failed: [StaleFlowFixReport.Failure] = []
    for finding in before.stale {
      try Task.checkCancellation()
      do {
        try await source.deleteStrict(strictMatch: finding.flow.strictMatch)
        deleted.append(finding)
      } catch let error as OVSCommandError {
        failed.append(.init(strictMatch: finding.flow.strictMatch, error: error.description))
      }
    }
    let after = try await check()
    return StaleFlowFixReport(
      node: node, dryRun: false, planned: before.stale, deleted: deleted, failed: failed, before: before,
      after: after, notes: notes)
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

  nonisolated(nonsending) private func loadLivePods() async throws -> ([LivePod], String, [String]) {
    switch pods {
    case .api(let client):
      guard let node, !node.isEmpty else {
        throw StaleFlowInputError("no node name: the API's pods of which node?")
      }
      // An unknown node would make every flow look stale; refuse instead.
      _ = try await client.node(named: node)
      let pods = try await client.pods(onNode: node).collect()
      return (LivePod.select(pods, node: node), "\(client.baseURL) pods on \(node)", [])
    case .podList(let data, let origin):
      let list: PodListDocument
      do {
        list = try JSONDecoder().decode(PodListDocument.self, from: data)
      } catch {
        throw StaleFlowInputError(
          "\(origin) is not a PodList (kubectl get pods -o json): \(Self.describe(error))")
      }
      var warnings: [String] = []
      let live = LivePod.select(list.items, node: node)
      if let node, !list.items.isEmpty, !list.items.contains(where: { $0.nodeName == node }) {
        warnings.append("\(origin) has \(counted(list.items.count, "pod")) but none on node \(node)")
      }
      return (live, origin, warnings)
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

  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      return "missing \(Self.path(context.codingPath + [key]))"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return "unexpected value at \(Self.path(context.codingPath)): \(context.debugDescription)"
    case DecodingError.dataCorrupted(let context):
      return context.codingPath.isEmpty ? "not JSON" : "bad value at \(Self.path(context.codingPath))"
    default:
      return String(describing: error)
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
  }
}

/// `{"kind": "List"|"PodList", "items": [...]}`, reading of each pod only what the check uses: decoding
/// whole `Pod`s (containers, conditions, statuses) was ~40 % of `ovs check`'s instructions on 5,000 pods.
struct PodListDocument: Decodable {
  var items: [PodNetworkFacts]
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
