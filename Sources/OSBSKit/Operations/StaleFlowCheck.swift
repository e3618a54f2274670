import Foundation

// The JSON contract of `ovs check` and `ovs fix`: br0's per-pod flows against the pods the API says
// are on the node.

/// A pod that should have flows: on the node, not on the host network, Pending or Running, with an IP.
public struct LivePod: Codable, Sendable, Equatable {
  public var namespace: String?
  public var name: String
  public var ip: String
  public var phase: String?
  public var node: String?

  public init(namespace: String?, name: String, ip: String, phase: String?, node: String?) {
    self.namespace = namespace
    self.name = name
    self.ip = ip
    self.phase = phase
    self.node = node
  }

  /// `namespace/name`.
  public var reference: String { namespace.map { "\($0)/\(name)" } ?? name }

  /// The pods of `pods` that own OVS flows on `node` (every node when nil). Host-network pods share the
  /// node's address and have no port on br0; finished pods have released theirs.
  public static func select(_ pods: [Pod], node: String?) -> [LivePod] {
    select(pods.map(PodNetworkFacts.init), node: node)
  }

  static func select(_ pods: [PodNetworkFacts], node: String?) -> [LivePod] {
    pods.compactMap { pod in
      // A terminating pod keeps its flows until the SDN tears its network down, after its containers
      // stop (the grace period): until then it is live.
      guard pod.hostNetwork != true, pod.phase == "Pending" || pod.phase == "Running",
        let raw = pod.podIP, let ip = IPv4.canonical(raw) ?? (raw.isEmpty ? nil : raw)
      else { return nil }
      if let node, let podNode = pod.nodeName, podNode != node { return nil }
      return LivePod(namespace: pod.namespace, name: pod.name, ip: ip, phase: pod.phase, node: pod.nodeName)
    }
  }

  /// The pods of `pods` on `node` that are starting: Pending, on the pod network, no IP yet. The SDN
  /// installs a pod's flows while it sets the pod's network up, before the kubelet publishes the IP, so
  /// for a moment such a pod's flows look like a gone pod's.
  static func starting(_ pods: [PodNetworkFacts], node: String?) -> [String] {
    pods.compactMap { pod in
      guard pod.hostNetwork != true, pod.phase == "Pending", (pod.podIP ?? "").isEmpty else { return nil }
      if let node, let podNode = pod.nodeName, podNode != node { return nil }
      return pod.namespace.map { "\($0)/\(pod.name)" } ?? pod.name
    }
  }
}

/// What `LivePod.select` reads of a pod, from a `Pod` or straight from a PodList's JSON (see
/// `PodListDocument`).
struct PodNetworkFacts: Equatable {
  var namespace: String?
  var name: String
  var nodeName: String?
  var hostNetwork: Bool?
  var phase: String?
  var podIP: String?

  init(_ pod: Pod) {
    namespace = pod.metadata.namespace
    name = pod.metadata.name
    nodeName = pod.spec.nodeName
    hostNetwork = pod.spec.hostNetwork
    phase = pod.status.phase
    podIP = pod.status.podIP
  }

  /// The members `Pod` decodes these from, with the same ones required (`metadata.name`, `spec`,
  /// `status`); members the check does not read are not looked at.
  init(_ tree: JSONTree, at path: @autoclosure () -> String) throws(PodListReadError) {
    let pod = try PodListReadError.object(tree, at: path())
    let metadata = try PodListReadError.member("metadata", of: pod, at: path())
    let spec = try PodListReadError.member("spec", of: pod, at: path())
    let status = try PodListReadError.member("status", of: pod, at: path())
    guard let name = try PodListReadError.string("name", of: metadata, at: "\(path()).metadata") else {
      throw PodListReadError(reason: "missing \(path()).metadata.name")
    }
    self.name = name
    namespace = try PodListReadError.string("namespace", of: metadata, at: "\(path()).metadata")
    nodeName = try PodListReadError.string("nodeName", of: spec, at: "\(path()).spec")
    switch spec["hostNetwork"] {
    case nil, .null?: hostNetwork = nil
    case .bool(let flag)?: hostNetwork = flag
    case _?:
      throw PodListReadError(reason: "unexpected value at \(path()).spec.hostNetwork: expected true or false")
    }
    phase = try PodListReadError.string("phase", of: status, at: "\(path()).status")
    podIP = try PodListReadError.string("podIP", of: status, at: "\(path()).status")
  }
}

/// One flow as the reports name it.
public struct FlowReference: Codable, Sendable, Equatable {
  public var table: Int
  public var priority: Int
  public var cookie: String
  /// The match without table and priority (`ip,nw_dst=10.128.0.5`).
  public var match: String
  public var actions: [String]
  /// `table=…,priority=…,<match>`: what `ovs-ofctl --strict del-flows` is given to remove this flow alone.
  public var strictMatch: String
  /// Line of the dump it was read from.
  public var line: Int
  /// How long the flow has been on the bridge (`duration`); nil in a dump taken with `--no-stats`.
  public var durationSeconds: Double?

  public init(_ flow: OVSFlow) {
    table = flow.table
    priority = flow.priority
    cookie = flow.cookie
    match = flow.matchText
    actions = flow.actions
    strictMatch = flow.strictMatch
    line = flow.line
    durationSeconds = flow.duration
  }
}

/// A per-pod flow whose address belongs to no live pod on the node.
public struct StaleFlowFinding: Codable, Sendable, Equatable {
  public var ip: String
  public var role: SDNPodFlowRole
  public var port: String?
  public var flow: FlowReference
  public var reason: String
}

/// A live pod without some of the flows every pod needs.
public struct MissingFlowFinding: Codable, Sendable, Equatable {
  public var ip: String
  /// `namespace/name`.
  public var pod: String
  public var missingRoles: [SDNPodFlowRole]
  /// The tables the missing flows belong in, in the detected layout.
  public var tables: [Int]
  public var reason: String

  enum CodingKeys: String, CodingKey {
    // The address of a live pod; the `ip` of a stale flow or a conflict may belong to no pod.
    case ip = "podIP"
    case pod = "podName"
    case missingRoles, tables, reason
  }
}

/// One address on several ports, or one port carrying several addresses.
public struct FlowConflict: Codable, Sendable, Equatable {
  public enum Kind: String, Codable, Sendable {
    /// The address's flows name different ports: one of them is probably a dead pod's.
    case ipOnSeveralPorts = "ip-on-several-ports"
    /// A pod port accepts traffic from several source addresses (tables 2/20).
    case portWithSeveralIPs = "port-with-several-ips"
  }

  public var kind: Kind
  public var ip: String
  /// Whether a live pod has this address: if so, deleting by IP would cut that pod off.
  public var live: Bool
  public var ports: [String]
  /// For `portWithSeveralIPs`: every address on the port.
  public var ips: [String]
  public var flows: [FlowReference]
  public var reason: String
}

public struct StaleFlowCounts: Codable, Sendable, Equatable {
  public var flows: Int
  public var podFlows: Int
  public var livePods: Int
  public var stale: Int
  public var missing: Int
  public var conflicts: Int
}

/// `osbsctl ovs check`: what is wrong with br0's per-pod flows on one node.
public struct StaleFlowReport: Codable, Sendable, Equatable {
  /// The node the pods were taken from; nil when a pod list file was used whole.
  public var node: String?
  public var layout: SDNLayout
  /// No stale flow, no missing flow, no conflict.
  public var clean: Bool
  public var counts: StaleFlowCounts
  public var stale: [StaleFlowFinding]
  public var missing: [MissingFlowFinding]
  public var conflicts: [FlowConflict]
  /// Where the flows came from (`ovs-ofctl … dump-flows br0` or a file).
  public var flowsFrom: String?
  /// Where the pods came from (the API server, or a file).
  public var podsFrom: String?
  /// Things that make the result doubtful (for example a pod list with no pod on the node).
  public var warnings: [String]

  enum CodingKeys: String, CodingKey {
    case node = "nodeName"
    case layout, clean, counts, stale, missing, conflicts, flowsFrom, podsFrom, warnings
  }
}

/// The analysis itself: no I/O, so `ovs check`, `ovs fix` and `doctor` share it and tests drive it directly.
public enum StaleFlowCheck {
  /// Per-pod flows are recognised in both layouts (`SDNPodFlow.recognise`). A flow is **stale** when no
  /// live pod has its address; a live pod is **missing** flows when one of the required roles has no
  /// flow for its address; a **conflict** is an address whose flows name several ports, or a pod port
  /// that several addresses send from.
  public static func run(flows: [OVSFlow], livePods: [LivePod], node: String?) -> StaleFlowReport {
    let podFlows = flows.compactMap(SDNPodFlow.recognise)
    let layout = detectLayout(podFlows)
    var podsByIP: [String: LivePod] = [:]
    for pod in livePods { podsByIP[pod.ip] = podsByIP[pod.ip] ?? pod }
    var flowsByIP: [String: [SDNPodFlow]] = [:]
    for podFlow in podFlows { flowsByIP[podFlow.ip, default: []].append(podFlow) }

    var stale: [StaleFlowFinding] = []
    for podFlow in podFlows where podsByIP[podFlow.ip] == nil {
      let onNode = node.map { " on \($0)" } ?? ""
      stale.append(
        StaleFlowFinding(
          ip: podFlow.ip, role: podFlow.role, port: podFlow.port, flow: FlowReference(podFlow.flow),
          reason: "no live pod\(onNode) has \(podFlow.ip); this \(podFlow.role.phrase) flow"
            + (podFlow.port.map { " (port \($0))" } ?? "") + " was left behind"))
    }
    stale.sort { lhs, rhs in
      (IPv4.sortKey(lhs.ip), lhs.ip, lhs.flow.table, lhs.flow.line)
        < (IPv4.sortKey(rhs.ip), rhs.ip, rhs.flow.table, rhs.flow.line)
    }

    let tableLayout = layout == .origin13 ? SDNLayout.origin13 : .openshift3
    var missing: [MissingFlowFinding] = []
    for pod in livePods {
      let present = Set((flowsByIP[pod.ip] ?? []).map(\.role))
      let absent = SDNPodFlowRole.required.filter { !present.contains($0) }
      guard !absent.isEmpty else { continue }
      // Name the tables of the layout this pod's own flows use; on a mixed bridge that is the telling one.
      let podLayout = flowsByIP[pod.ip]?.first?.layout ?? tableLayout
      let tables = Array(Set(absent.map { $0.table(in: podLayout) })).sorted()
      missing.append(
        MissingFlowFinding(
          ip: pod.ip, pod: pod.reference, missingRoles: absent, tables: tables,
          reason: "live pod \(pod.reference) has no "
            + absent.map { "\($0.phrase) flow (table \($0.table(in: podLayout)))" }.joined(separator: ", "))
      )
    }
    missing.sort { (IPv4.sortKey($0.ip), $0.ip, $0.pod) < (IPv4.sortKey($1.ip), $1.ip, $1.pod) }

    let conflicts = findConflicts(flowsByIP: flowsByIP, podFlows: podFlows, live: podsByIP)
    let counts = StaleFlowCounts(
      flows: flows.count, podFlows: podFlows.count, livePods: livePods.count, stale: stale.count,
      missing: missing.count, conflicts: conflicts.count)
    var warnings: [String] = []
    if podFlows.contains(where: { $0.port.map { Int($0) == nil } ?? false }) {
      warnings.append(
        "the dump names ports (taken with --names, or on a terminal): a named port is not compared with the "
          + "numbers in load: actions; take dumps with `ovs-ofctl -O OpenFlow13 --no-names dump-flows br0`")
    }
    return StaleFlowReport(
      node: node, layout: layout, clean: stale.isEmpty && missing.isEmpty && conflicts.isEmpty,
      counts: counts, stale: stale, missing: missing, conflicts: conflicts, flowsFrom: nil, podsFrom: nil,
      warnings: warnings)
  }

  /// `run` for pod objects as the API or `kubectl get pods -o json` gives them.
  public static func run(flows: [OVSFlow], pods: [Pod], node: String?) -> StaleFlowReport {
    run(flows: flows, livePods: LivePod.select(pods, node: node), node: node)
  }

  static func detectLayout(_ podFlows: [SDNPodFlow]) -> SDNLayout {
    let layouts = Set(podFlows.map(\.layout))
    switch (layouts.contains(.origin13), layouts.contains(.openshift3)) {
    case (true, true): return .mixed
    case (true, false): return .origin13
    case (false, true): return .openshift3
    case (false, false): return .unknown
    }
  }

  private static func findConflicts(
    flowsByIP: [String: [SDNPodFlow]], podFlows: [SDNPodFlow], live: [String: LivePod]
  ) -> [FlowConflict] {
    var conflicts: [FlowConflict] = []
    for (ip, flows) in flowsByIP {
      // The usual address: every flow that names a port names the same one.
      let firstPort = flows.lazy.compactMap(\.port).first
      if flows.allSatisfy({ $0.port == nil || $0.port == firstPort }) { continue }
      let ports = Set(flows.compactMap(\.port))
      // A dump taken with port names (`--names`, or ovs-ofctl on a terminal) names a port in matches and
      // `output:` but numbers it in `load:` actions: a name and a number may be one port.
      let numbered = ports.filter { Int($0) != nil }
      guard numbered.count > 1 || ports.count - numbered.count > 1 else { continue }
      let sortedPorts = ports.sorted(by: portOrder)
      conflicts.append(
        FlowConflict(
          kind: .ipOnSeveralPorts, ip: ip, live: live[ip] != nil, ports: sortedPorts, ips: [ip],
          flows: flows.filter { $0.port != nil }.map { FlowReference($0.flow) },
          reason: "\(ip) is sent to or accepted from ports \(sortedPorts.joined(separator: ", "))"
            + (live[ip] != nil
              ? "; a live pod has this address, so only the flows of the dead port are stale"
              : "")))
    }
    // A pod's port sends from one address; several mean a dead pod's flows on a reused port.
    var ipsByPort: [String: [String: [SDNPodFlow]]] = [:]
    for podFlow in podFlows where podFlow.role == .fromPodARP || podFlow.role == .fromPodIP {
      guard let port = podFlow.port else { continue }
      ipsByPort[port, default: [:]][podFlow.ip, default: []].append(podFlow)
    }
    for (port, byIP) in ipsByPort where byIP.count > 1 {
      let ips = byIP.keys.sorted(by: IPv4.less)
      for ip in ips {
        conflicts.append(
          FlowConflict(
            kind: .portWithSeveralIPs, ip: ip, live: live[ip] != nil, ports: [port], ips: ips,
            flows: (byIP[ip] ?? []).map { FlowReference($0.flow) },
            reason: "port \(port) sends from \(ips.joined(separator: ", ")); a port belongs to one pod"))
      }
    }
    conflicts.sort { lhs, rhs in
      (IPv4.sortKey(lhs.ip), lhs.ip, lhs.kind.rawValue, lhs.ports.first ?? "")
        < (IPv4.sortKey(rhs.ip), rhs.ip, rhs.kind.rawValue, rhs.ports.first ?? "")
    }
    return conflicts
  }

  private static func portOrder(_ lhs: String, _ rhs: String) -> Bool {
    switch (Int(lhs), Int(rhs)) {
    case (let left?, let right?): return left < right
    case (.some, nil): return true
    case (nil, .some): return false
    case (nil, nil): return lhs < rhs
    }
  }
}
