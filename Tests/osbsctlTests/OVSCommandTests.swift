import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

/// `osbsctl ovs …` against a real Open vSwitch (dummy datapath, private OVS_RUNDIR) holding
/// openshift-sdn-style flows, and the sandbox cluster's pods on one node.
@Suite("osbsctl ovs against a real Open vSwitch and the sandbox cluster")
struct OVSCommandTests {
  static let node = "osbs-node02"
  static let live = ["10.128.2.5", "10.128.2.6", "10.128.2.7"]
  /// Flows for these stay behind: a finished pod, a pod now on another node, an address no pod has.
  static let gone = ["10.128.2.8", "10.128.2.9", "10.128.2.11"]
  /// A live pod whose flows were never installed.
  static let unwired = "10.128.2.10"

  static func pod(_ name: String, ip: String, node: String = OVSCommandTests.node, phase: String = "Running")
    -> Pod
  {
    Pod(
      metadata: ObjectMeta(name: name, namespace: "osbs", labels: ["app": "ovs-test"]),
      spec: PodSpec(nodeName: node, containers: [PodSpec.Container(name: "c")]),
      status: PodStatus(phase: phase, podIP: ip, hostIP: "10.0.0.12"))
  }

  static func populate(_ cluster: OpenShiftCluster) -> [Pod] {
    var pods: [Pod] = []
    for (index, ip) in live.enumerated() {
      pods.append(cluster.addPod(pod("live-\(index)", ip: ip, phase: index == 2 ? "Pending" : "Running")))
    }
    pods.append(cluster.addPod(pod("unwired", ip: unwired)))
    pods.append(cluster.addPod(pod("finished", ip: gone[0], phase: "Succeeded")))
    pods.append(cluster.addPod(pod("moved", ip: gone[1], node: "osbs-node03")))
    return pods
  }

  static func flows(_ layout: SDNFlows.Layout) -> [String] {
    var flows = SDNFlows.base(layout, gateway: "10.128.2.1")
    for (index, ip) in (live + gone).enumerated() {
      flows += SDNFlows.pod(layout, ip: ip, port: 10 + index, vnid: index)
    }
    return flows
  }

  static func lines(_ text: String) -> Set<Substring> { Set(text.split(separator: "\n")) }

  @Test(arguments: [SDNFlows.Layout.origin13, .openshift3])
  func checkFindsExactlyTheStaleFlowsAndFixRemovesOnlyThem(layout: SDNFlows.Layout) async throws {
    let ovs = try await OpenVSwitch.start(ports: [("veth10", 10), ("veth11", 11)])
    defer { ovs.stop() }
    try await ovs.addFlows(Self.flows(layout))
    let perPod = SDNFlows.pod(layout, ip: "10.0.0.1", port: 1).count

    try await OpenShiftCLIFixture.run { fixture in
      _ = Self.populate(fixture.cluster)
      let environment = ovs.environment.merging(["OSBSCTL_CONFIG": fixture.configPath]) { $1 }
      func osbsctl(_ arguments: String...) async throws -> CLIResult {
        try await fixture.cli.osbsctl(arguments, environment: environment)
      }

      let check = try await osbsctl("ovs", "check", "--node", Self.node, "-o", "json")
      #expect(check.exitCode == 1, "\(check.summary)")
      let report = try check.json()
      let stale = try #require(report["stale"] as? [[String: Any]])
      #expect(Set(stale.compactMap { $0["ip"] as? String }) == Set(Self.gone))
      #expect(stale.count == Self.gone.count * perPod)
      let missing = try #require(report["missing"] as? [[String: Any]])
      #expect(missing.compactMap { $0["podIP"] as? String } == [Self.unwired])
      #expect((report["conflicts"] as? [Any])?.isEmpty == true)
      #expect(report["layout"] as? String == (layout == .origin13 ? "origin-1.3" : "openshift-3.x"))
      #expect(report["clean"] as? Bool == false)

      // Dry run: the plan, and the bridge untouched.
      let before = try await ovs.dumpFlows(noStats: true)
      let plan = try await osbsctl("ovs", "fix", "--node", Self.node, "-o", "json")
      #expect(plan.exitCode == 0, "\(plan.summary)")
      #expect(try plan.json()["dryRun"] as? Bool == true)
      #expect((try plan.json()["planned"] as? [Any])?.count == stale.count)
      #expect(try await ovs.dumpFlows(noStats: true) == before)

      let fix = try await osbsctl("ovs", "fix", "--node", Self.node, "--confirm", "-o", "json")
      #expect(fix.exitCode == 0, "\(fix.summary)")
      let fixed = try fix.json()
      #expect((fixed["deleted"] as? [Any])?.count == stale.count)
      let after = try #require(fixed["after"] as? [String: Any])
      #expect((after["stale"] as? [Any])?.isEmpty == true)
      #expect((after["missing"] as? [Any])?.count == 1)

      // Only the stale flows went; every other flow is byte for byte what it was.
      let afterDump = try await ovs.dumpFlows(noStats: true)
      let removed = Self.lines(before).subtracting(Self.lines(afterDump))
      #expect(Self.lines(afterDump).isSubset(of: Self.lines(before)))
      #expect(removed.count == stale.count)
      for line in removed {
        #expect(
          Self.gone.contains {
            line.contains("=\($0) ") || line.contains("=\($0),") || line.hasSuffix("=\($0)")
          })
      }
      for ip in Self.live {
        #expect(
          Self.lines(afterDump).filter { $0.contains(ip) }.count == perPod, "flows of live pod \(ip) changed")
      }

      let recheck = try await osbsctl("ovs", "check", "--node", Self.node, "-o", "json")
      #expect((try recheck.json()["stale"] as? [Any])?.isEmpty == true)
    }
  }

  @Test func offlineCheckNeedsNeitherAPINorSwitch() async throws {
    let cli = try CLI()
    // A dump as `ovs-ofctl -O OpenFlow13 dump-flows br0` printed it, taken from a real switch.
    let ovs = try await OpenVSwitch.start()
    try await ovs.addFlows(Self.flows(.openshift3))
    let dumpText = try await ovs.dumpFlows()
    ovs.stop()
    let dump = try cli.write("br0-flows.txt", dumpText)

    let cluster = OpenShiftCluster(configuration: OpenShiftCluster.Configuration(seed: .empty))
    let pods = Self.populate(cluster)
    struct PodList: Encodable {
      var apiVersion = "v1"
      var kind = "List"
      var items: [Pod]
    }
    let podList = try cli.write(
      "pods.json", String(decoding: try JSONEncoder().encode(PodList(items: pods)), as: UTF8.self))

    // No OSBSCTL_CONFIG, no kubeconfig, no OVS_RUNDIR: nothing to reach.
    let check = try await cli.osbsctl(
      ["ovs", "check", "--node", Self.node, "--from", dump, "--pods-from", podList, "-o", "json"])
    #expect(check.exitCode == 1, "\(check.summary)")
    let report = try check.json()
    #expect(
      Set((report["stale"] as? [[String: Any]] ?? []).compactMap { $0["ip"] as? String }) == Set(Self.gone))
    #expect(report["flowsFrom"] as? String == dump)

    let table = try await cli.osbsctl([
      "ovs", "check", "--node", Self.node, "--from", dump, "--pods-from", podList,
    ])
    #expect(table.exitCode == 1)
    #expect(table.stdout.hasPrefix("FINDING") && table.stdout.contains("stale"))
    #expect(table.stderr.contains("\(Self.gone.count * 5) stale"), "\(table.summary)")
    #expect(table.stderr.contains("\(Self.live.count + 1) live pods on node"), "\(table.summary)")

    // One live pod is one pod, not "1 live pods".
    let onePod = try cli.write(
      "one-pod.json",
      String(decoding: try JSONEncoder().encode(PodList(items: [pods[0]])), as: UTF8.self))
    let single = try await cli.osbsctl([
      "ovs", "check", "--node", Self.node, "--from", dump, "--pods-from", onePod,
    ])
    #expect(single.stderr.contains("1 live pod on node \(Self.node)"), "\(single.summary)")

    #if os(Linux)
      // Saved flows and saved pods: nothing to reach, so libcurl is never mapped, not even on the side
      // while the command line is parsed. The loader names every object it maps with LD_DEBUG=files.
      let offline = try await cli.osbsctl(
        ["ovs", "check", "--node", Self.node, "--from", dump, "--pods-from", podList, "-o", "json"],
        environment: ["LD_DEBUG": "files"])
      #expect(offline.exitCode == 1, "\(offline.summary)")
      #expect(offline.stderr.contains("file="), "LD_DEBUG wrote nothing: \(offline.summary)")
      #expect(!offline.stderr.contains("libcurl.so"), "\(offline.summary)")
    #endif

    let refused = try await cli.osbsctl(
      ["ovs", "fix", "--node", Self.node, "--from", dump, "--pods-from", podList, "--confirm"])
    #expect(refused.exitCode == 64, "\(refused.summary)")
    #expect(refused.stderr.contains("saved dump"))

    let plan = try await cli.osbsctl(
      ["ovs", "fix", "--node", Self.node, "--from", dump, "--pods-from", podList])
    #expect(plan.exitCode == 0, "\(plan.summary)")
    #expect(plan.stderr.contains("plan only"))

    let flows = try await cli.osbsctl(["ovs", "flows", "--from", dump, "--table", "70", "-o", "json"])
    let listed = try #require(try flows.json()["flows"] as? [[String: Any]])
    #expect(listed.count == 1 + (Self.live.count + Self.gone.count))
    #expect(listed.allSatisfy { $0["table"] as? Int == 70 })

    let garbage = try cli.write("garbage.txt", "OFPST_FLOW reply (OF1.3) (xid=0x2):\n not a flow\n")
    let bad = try await cli.osbsctl(["ovs", "check", "--from", garbage, "--pods-from", podList])
    #expect(bad.exitCode == 64 && bad.stderr.contains("line 2"), "\(bad.summary)")
  }

  @Test func unknownNodeAndMissingBridgeAreErrorsNotFindings() async throws {
    let ovs = try await OpenVSwitch.start()
    defer { ovs.stop() }
    try await ovs.addFlows(Self.flows(.openshift3))
    try await OpenShiftCLIFixture.run { fixture in
      let environment = ovs.environment.merging(["OSBSCTL_CONFIG": fixture.configPath]) { $1 }
      let unknown = try await fixture.cli.osbsctl(
        ["ovs", "check", "--node", "no-such-node"], environment: environment)
      #expect(unknown.exitCode == 3, "\(unknown.summary)")
      let bridge = try await fixture.cli.osbsctl(
        ["ovs", "check", "--node", Self.node, "--bridge", "br9"], environment: environment)
      #expect(bridge.exitCode == 3 && bridge.stderr.contains("br9"), "\(bridge.summary)")
    }
  }
}
