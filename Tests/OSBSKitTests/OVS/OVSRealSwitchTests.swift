import Foundation
import OSBSKit
import TestSupport
import Testing

/// Against a real Open vSwitch (dummy datapath) started by the test: what it prints is what the parser
/// reads, and the strict match the parser builds is one ovs-ofctl accepts for that flow alone.
@Suite("OVS flows on a real Open vSwitch")
struct OVSRealSwitchTests {
  static let podFlows =
    SDNFlows.base(.openshift3) + SDNFlows.pod(.openshift3, ip: "10.128.1.5", port: 5, vnid: 10)
    + SDNFlows.pod(.openshift3, ip: "10.128.1.6", port: 6, vnid: 0x1234)
    + SDNFlows.pod(.origin13, ip: "10.128.2.7", port: 7, vnid: 3)

  /// The source talks to this switch through its management socket, so no environment is needed.
  static func source(_ ovs: OpenVSwitch) -> OVSFlowSource {
    OVSFlowSource(ofctl: OpenVSwitch.ofctl, bridge: "unix:\(ovs.directory.path)/br0.mgmt")
  }

  @Test func parsesWhatOpenVSwitchPrintsWithAndWithoutStats() async throws {
    let ovs = try await OpenVSwitch.start(ports: [("veth5", 5), ("veth6", 6)])
    defer { ovs.stop() }
    try await ovs.addFlows(Self.podFlows)

    let withStats = try OVSFlowDump.parse(try await ovs.dumpFlows())
    let noStats = try OVSFlowDump.parse(try await ovs.dumpFlows(noStats: true))
    #expect(withStats.headers.count >= 1 && withStats.headers[0].hasPrefix("OFPST_FLOW reply (OF1.3)"))
    #expect(noStats.headers.isEmpty)
    #expect(withStats.flows.count == Self.podFlows.count)
    #expect(withStats.flows.map(\.strictMatch) == noStats.flows.map(\.strictMatch))
    #expect(withStats.flows.map(\.actions) == noStats.flows.map(\.actions))
    #expect(withStats.flows.allSatisfy { $0.duration != nil && $0.nPackets == 0 && $0.nBytes == 0 })

    // OVS's normalisations, read back: arp nw_src → arp_spa, decimal loads → hex, note padding.
    let arp = try #require(
      withStats.flows.first { $0.table == 20 && $0.protocol == "arp" && $0.field("in_port")?.value == "6" })
    #expect(arp.field("arp_spa")?.value == "10.128.1.6")
    #expect(arp.actions.first == "load:0x1234->NXM_NX_REG0[]")
    let note = try #require(
      withStats.flows.first { $0.table == 253 && $0.actions.first?.hasPrefix("note:00.0d") == true })
    #expect(note.actions == ["note:00.0d.00.00.00.00"])
    #expect(withStats.flows.contains { $0.table == 0 && $0.priority == 0 })

    let report = StaleFlowCheck.run(flows: withStats.flows, livePods: [], node: "n")
    #expect(report.layout == .mixed)
    #expect(report.counts.podFlows == 5 + 5 + 4)
  }

  @Test func sourceDumpsAndDeletesExactlyOneFlowByStrictMatch() async throws {
    let ovs = try await OpenVSwitch.start()
    defer { ovs.stop() }
    // Two flows with the same IP match: only the priorities differ.
    try await ovs.addFlows(
      Self.podFlows + ["table=70,priority=101,ip,nw_dst=10.128.1.5,actions=drop"])
    let source = Self.source(ovs)
    let dump = try await source.dumpFlows()
    #expect(dump.flows.count == Self.podFlows.count + 1)
    let table70 = try await source.dumpFlows(table: 70)
    #expect(table70.flows.allSatisfy { $0.table == 70 } && table70.flows.count == 4)

    let victim = try #require(
      dump.flows.first { $0.table == 70 && $0.priority == 100 && $0.field("nw_dst")?.value == "10.128.1.5" })
    let before = try await ovs.dumpFlows(noStats: true)
    try await source.deleteStrict(victim)
    let after = try await ovs.dumpFlows(noStats: true)
    let removed = Set(before.split(separator: "\n")).subtracting(after.split(separator: "\n"))
    #expect(removed.count == 1)
    #expect(removed.first.map { $0.contains("table=70, priority=100,ip,nw_dst=10.128.1.5") } == true)
    #expect(Set(after.split(separator: "\n")).isSubset(of: Set(before.split(separator: "\n"))))

    // Every strict match the parser builds is accepted by ovs-ofctl and names one flow.
    for flow in dump.flows.prefix(6) where flow.strictMatch != victim.strictMatch {
      let matching = try OVSFlowDump.parse(
        try await ovs.dumpFlows(
          noStats: true,
          filter: flow.strictMatch.replacingOccurrences(of: ",priority=\(flow.priority)", with: "")))
      #expect(matching.flows.contains { $0.strictMatch == flow.strictMatch })
    }
  }

  /// A dump taken with port names (`--names`, as ovs-ofctl prints on a terminal): matches and `output:`
  /// name the port, `load:…->NXM_NX_REG2[]` numbers it. Healthy pods are not port conflicts for that, and
  /// the report says how to take a dump that can be compared.
  @Test func aDumpWithPortNamesGivesNoFalseConflictsAndAWarning() async throws {
    let ovs = try await OpenVSwitch.start(ports: [("veth5", 5), ("veth6", 6)])
    defer { ovs.stop() }
    try await ovs.addFlows(
      SDNFlows.base(.openshift3) + SDNFlows.pod(.openshift3, ip: "10.128.1.5", port: 5)
        + SDNFlows.pod(.openshift3, ip: "10.128.1.6", port: 6))
    let named = try OVSFlowDump.parse(try await ovs.ofctl(["--names", "dump-flows", ovs.bridge]))
    #expect(named.flows.contains { $0.field("in_port")?.value == "veth5" }, "\(named.flows.map(\.matchText))")
    let live = ["10.128.1.5", "10.128.1.6"].map {
      LivePod(namespace: "osbs", name: $0, ip: $0, phase: "Running", node: "n")
    }
    let report = StaleFlowCheck.run(flows: named.flows, livePods: live, node: "n")
    #expect(report.conflicts.isEmpty, "\(report.conflicts.map(\.reason))")
    #expect(report.clean)
    #expect(report.warnings.contains { $0.hasPrefix("the dump names ports") }, "\(report.warnings)")

    let numbered = try OVSFlowDump.parse(try await ovs.dumpFlows())
    #expect(StaleFlowCheck.run(flows: numbered.flows, livePods: live, node: "n").warnings.isEmpty)
  }

  @Test func ovsOfctlFailuresAreTyped() async throws {
    let ovs = try await OpenVSwitch.start()
    defer { ovs.stop() }
    let missingBridge = OVSFlowSource(
      ofctl: OpenVSwitch.ofctl, bridge: "\(ovs.directory.path)/no-such-bridge")
    await #expect {
      try await missingBridge.dumpFlows()
    } throws: { error in
      guard let error = error as? OVSCommandError else { return false }
      return error.reason == .bridgeNotFound && error.failureKind == .notFound
        && error.description.contains("is not a bridge or a socket")
    }
    let deadSocket = OVSFlowSource(ofctl: OpenVSwitch.ofctl, bridge: "unix:\(ovs.directory.path)/gone.mgmt")
    await #expect {
      try await deadSocket.dumpFlows()
    } throws: { error in
      (error as? OVSCommandError)?.reason == .switchUnavailable
        && (error as? OVSCommandError)?.failureKind == .unavailable
    }
    let missingProgram = OVSFlowSource(ofctl: "/nonexistent/ovs-ofctl", bridge: "br0")
    await #expect {
      try await missingProgram.dumpFlows()
    } throws: { error in
      (error as? OVSCommandError)?.reason == .ofctlNotFound
        && (error as? OVSCommandError)?.failureKind == .notFound
    }
  }

  /// A wedged ovs-vswitchd (stopped with SIGSTOP) takes the connection and never answers: ovs-ofctl's own
  /// `--timeout` ends the dump, and the error says the switch did not answer (exit 5, unavailable).
  @Test func aSwitchThatDoesNotAnswerEndsAtTheTimeout() async throws {
    let ovs = try await OpenVSwitch.start()
    defer { ovs.stop() }
    ovs.pauseSwitch()
    defer { ovs.resumeSwitch() }
    var source = Self.source(ovs)
    source.timeoutSeconds = 1
    await #expect {
      try await source.dumpFlows()
    } throws: { error in
      guard let error = error as? OVSCommandError else { return false }
      return error.reason == .noAnswer && error.failureKind == .unavailable
        && error.description.contains("did not answer")
    }
  }

  /// Cancelling the task (Ctrl-C) ends the ovs-ofctl it waits for, rather than leaving it waiting on a
  /// wedged switch.
  @Test(.timeLimit(.minutes(1))) func cancellingADumpEndsItsOvsOfctl() async throws {
    let ovs = try await OpenVSwitch.start()
    defer { ovs.stop() }
    ovs.pauseSwitch()
    defer { ovs.resumeSwitch() }
    var source = Self.source(ovs)
    source.timeoutSeconds = 600
    let socket = "\(ovs.directory.path)/br0.mgmt"
    let dump = Task { try await source.dumpFlows() }
    let outcome = try await ProcessTable.cancel(dump, onceRunning: socket)
    #expect(outcome.started, "ovs-ofctl never started")
    #expect(throws: CancellationError.self) { try outcome.result.get() }
    #expect(outcome.left.isEmpty)
  }
}
