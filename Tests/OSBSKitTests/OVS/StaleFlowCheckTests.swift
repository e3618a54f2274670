import Foundation
import OSBSKit
import TestSupport
import Testing

@Suite("StaleFlowCheck: per-pod flows against live pods")
struct StaleFlowCheckTests {
  /// Flows as OVS prints them back: parsed from add-flow text normalised the way OVS normalises it.
  static func flows(_ lines: [String]) throws -> [OVSFlow] {
    let printed = lines.map { line -> String in
      var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let actionsIndex = fields.firstIndex { $0.hasPrefix("actions=") } ?? fields.count
      let actions = fields[actionsIndex...].joined(separator: ",")
      fields = Array(fields[..<actionsIndex])
      let isARP = fields.contains("arp")
      fields = fields.map { field in
        guard isARP else { return field }
        if field.hasPrefix("nw_src=") { return "arp_spa=" + field.dropFirst(7) }
        if field.hasPrefix("nw_dst=") { return "arp_tpa=" + field.dropFirst(7) }
        return field
      }
      let stats = fields.filter { $0.hasPrefix("table=") || $0.hasPrefix("cookie=") }
      let match = fields.filter { !$0.hasPrefix("table=") && !$0.hasPrefix("cookie=") }
      return " " + (stats.map { $0 + ", " }.joined()) + match.joined(separator: ",") + " " + actions
    }
    return try OVSFlowDump.parse(printed.joined(separator: "\n")).flows
  }

  static func pod(
    _ name: String, ip: String?, node: String = "node1", phase: String = "Running", hostNetwork: Bool? = nil
  )
    -> Pod
  {
    Pod(
      metadata: ObjectMeta(name: name, namespace: "osbs"),
      spec: PodSpec(nodeName: node, hostNetwork: hostNetwork),
      status: PodStatus(phase: phase, podIP: ip))
  }

  @Test(arguments: [SDNFlows.Layout.origin13, .openshift3, .openshift36])
  func flowsOfGonePodsAreStaleAndNothingElse(layout: SDNFlows.Layout) throws {
    let lines =
      SDNFlows.base(layout) + SDNFlows.pod(layout, ip: "10.128.1.5", port: 5)
      + SDNFlows.pod(layout, ip: "10.128.1.6", port: 6) + SDNFlows.pod(layout, ip: "10.128.1.7", port: 7)
    let report = StaleFlowCheck.run(
      flows: try Self.flows(lines),
      pods: [
        Self.pod("live", ip: "10.128.1.5"), Self.pod("also-live", ip: "10.128.1.7"),
        Self.pod("finished", ip: "10.128.1.6", phase: "Succeeded"),
        Self.pod("host", ip: "10.0.0.11", hostNetwork: true),
        Self.pod("elsewhere", ip: "10.128.1.6", node: "node2"),
      ],
      node: "node1")
    let perPod = SDNFlows.pod(layout, ip: "10.128.1.6", port: 6).count
    #expect(report.layout == (layout == .origin13 ? .origin13 : .openshift3))
    #expect(report.stale.count == perPod)
    #expect(Set(report.stale.map(\.ip)) == ["10.128.1.6"])
    #expect(report.stale.allSatisfy { $0.flow.priority == 100 && $0.flow.cookie == "0x0" })
    #expect(report.missing.isEmpty && report.conflicts.isEmpty && !report.clean)
    #expect(report.counts.livePods == 2 && report.counts.podFlows == 3 * perPod)
    let roles = Set(report.stale.map(\.role))
    #expect(roles.isSuperset(of: Set(SDNPodFlowRole.required)))
    #expect(report.stale.filter { $0.port != nil }.allSatisfy { $0.port == "6" })
  }

  @Test func livePodWithoutFlowsIsMissingAndCleanWhenAllMatch() throws {
    let lines = SDNFlows.base(.openshift3) + SDNFlows.pod(.openshift3, ip: "10.128.1.5", port: 5)
    let flows = try Self.flows(lines)
    let clean = StaleFlowCheck.run(flows: flows, pods: [Self.pod("a", ip: "10.128.1.5")], node: "node1")
    #expect(clean.clean && clean.stale.isEmpty && clean.missing.isEmpty && clean.conflicts.isEmpty)

    // A pod whose ARP-to-pod flow (table 40) was lost, and one with none at all.
    let partial = try Self.flows(
      SDNFlows.base(.openshift3)
        + SDNFlows.pod(.openshift3, ip: "10.128.1.5", port: 5).filter { !$0.hasPrefix("table=40") })
    let report = StaleFlowCheck.run(
      flows: partial, pods: [Self.pod("a", ip: "10.128.1.5"), Self.pod("b", ip: "10.128.1.9")], node: "node1")
    #expect(report.missing.map(\.ip) == ["10.128.1.5", "10.128.1.9"])
    #expect(report.missing[0].missingRoles == [.toPodARP] && report.missing[0].tables == [40])
    #expect(report.missing[1].missingRoles == SDNPodFlowRole.required && report.missing[1].pod == "osbs/b")
    #expect(report.stale.isEmpty)
  }

  @Test func reusedAddressOnAnotherPortIsAConflictNotStale() throws {
    // 10.128.1.5 belonged to a pod on port 5 that died; a new pod got the address on port 9.
    let lines =
      SDNFlows.base(.openshift3) + SDNFlows.pod(.openshift3, ip: "10.128.1.5", port: 5)
      + SDNFlows.pod(.openshift3, ip: "10.128.1.5", port: 9).filter { $0.hasPrefix("table=20") }
    let report = StaleFlowCheck.run(
      flows: try Self.flows(lines), pods: [Self.pod("new", ip: "10.128.1.5")], node: "node1")
    #expect(report.stale.isEmpty)
    let conflict = try #require(report.conflicts.first { $0.kind == .ipOnSeveralPorts })
    #expect(conflict.ip == "10.128.1.5" && conflict.ports == ["5", "9"] && conflict.live)
    #expect(!report.clean)
  }

  @Test func portSendingFromTwoAddressesIsAConflictPerAddress() throws {
    let lines =
      SDNFlows.base(.origin13) + SDNFlows.pod(.origin13, ip: "10.128.1.5", port: 5)
      + SDNFlows.pod(.origin13, ip: "10.128.1.8", port: 5)
    let report = StaleFlowCheck.run(
      flows: try Self.flows(lines), pods: [Self.pod("a", ip: "10.128.1.5")], node: "node1")
    let byPort = report.conflicts.filter { $0.kind == .portWithSeveralIPs }
    #expect(byPort.map(\.ip) == ["10.128.1.5", "10.128.1.8"])
    #expect(byPort.allSatisfy { $0.ports == ["5"] && $0.ips == ["10.128.1.5", "10.128.1.8"] })
    #expect(Set(report.stale.map(\.ip)) == ["10.128.1.8"])
  }

  @Test func nodeFlowsGatewayDefaultsAndSubnetsAreNeverPerPod() throws {
    let lines =
      SDNFlows.base(.openshift3) + SDNFlows.base(.origin13) + [
        "table=70,priority=100,ip,nw_dst=10.128.1.0/24,actions=drop",
        "table=40,priority=100,arp,nw_dst=10.128.1.3/255.255.255.0,actions=output:3",
        "table=70,priority=101,ip,nw_dst=10.128.1.4,actions=drop",
      ]
    let report = StaleFlowCheck.run(flows: try Self.flows(lines), pods: [], node: "node1")
    #expect(report.counts.podFlows == 0 && report.stale.isEmpty && report.clean)
    #expect(report.layout == .unknown)
  }

  @Test func reportEncodesTheDocumentedKeys() throws {
    let lines = SDNFlows.pod(.openshift3, ip: "10.128.1.6", port: 6)
    let report = StaleFlowCheck.run(flows: try Self.flows(lines), pods: [], node: "node1")
    let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
    let object = try #require(json)
    for key in ["stale", "missing", "conflicts", "layout", "clean", "counts", "nodeName"] {
      #expect(object[key] != nil, "missing key \(key)")
    }
    let stale = try #require(object["stale"] as? [[String: Any]])
    #expect(stale.allSatisfy { $0["ip"] as? String == "10.128.1.6" && $0["reason"] is String })
    let flow = try #require(stale.first?["flow"] as? [String: Any])
    for key in ["table", "priority", "match", "cookie", "actions", "strictMatch"] {
      #expect(flow[key] != nil, "missing flow key \(key)")
    }
    #expect(object["layout"] as? String == "openshift-3.x")
  }
}
