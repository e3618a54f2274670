import Foundation
import OSBSKit
import Testing

/// `ovs flows|check|fix` in process: `ovs-ofctl` is a strict fake runner answering with Open vSwitch
/// 3.1.0's recorded output (Fixtures/ovs: br0 with the flows of the two running pods of a recorded
/// OpenShift 3.9 pod list, and of 10.128.1.7, which no pod has), the API a strict fake server.
@Suite("OVS commands in process against a recorded ovs-ofctl")
struct OVSCommandInProcessTests {
  /// The node of the running pods in openshift-wire/extra/kubeclient/pods_2.json.
  static let node = "dell-r430-20.example.com"
  static let stale = "10.128.1.7"
  static let dumpArguments = ["-O", "OpenFlow13", "--timeout=30", "--no-names", "dump-flows", "br0"]

  static func recorded(_ file: String) throws -> String {
    String(decoding: try Recordings.data("ovs/" + file), as: UTF8.self)
  }

  static func dump(_ file: String, arguments: [String] = dumpArguments) throws -> ExpectedProgram {
    ExpectedProgram("ovs-ofctl", arguments, ProgramOutput(status: 0, stdout: try recorded(file)))
  }

  /// The node and its pods, as the check reads them. The node is the recorded OpenShift 4.7 worker
  /// renamed to the pod list's node (no recording holds that node). The pods are the second page of a
  /// recorded `GET /api/v1/pods` (it has no `continue`), answered as the whole list of the node's pods.
  static func livePods() throws -> [ExpectedRequest] {
    [
      .rest(
        "GET", "/api/v1/nodes/" + node,
        reply: try OpenShiftCommandInProcessTests.node("node_worker-0.json") { node in
          var metadata = node["metadata"] as? [String: Any] ?? [:]
          metadata["name"] = Self.node
          node["metadata"] = metadata
        }),
      .rest(
        "GET", "/api/v1/pods", query: ["fieldSelector": "spec.nodeName=" + node, "limit": "500"],
        reply: try Recordings.data("openshift-wire/extra/kubeclient/pods_2.json")),
    ]
  }

  /// The strict matches of 10.128.1.7's five flows, as `ovs-ofctl --strict del-flows` took them.
  static let staleMatches = [
    "table=20,priority=100,arp,in_port=7,arp_spa=10.128.1.7,arp_sha=00:00:0a:80:01:07/00:00:ff:ff:ff:ff",
    "table=20,priority=100,ip,in_port=7,nw_src=10.128.1.7",
    "table=25,priority=100,ip,nw_src=10.128.1.7",
    "table=40,priority=100,arp,arp_tpa=10.128.1.7",
    "table=70,priority=100,ip,nw_dst=10.128.1.7",
  ]

  /// `ovs-ofctl --strict del-flows br0 <match>` of each match, each succeeding.
  static func strictDeletes(_ matches: [String]) -> [ExpectedProgram] {
    matches.map { match in
      ExpectedProgram(
        "ovs-ofctl", ["-O", "OpenFlow13", "--timeout=30", "--strict", "del-flows", "br0", match],
        ProgramOutput(status: 0, stdout: ""))
    }
  }

  static func run(
    _ arguments: [String], requests: [ExpectedRequest] = [], programs: [ExpectedProgram]
  ) async throws -> CommandRun {
    let cli = try InProcessCLI()
    defer { cli.removeHome() }
    return await cli.run(arguments, expecting: requests, programs: programs)
  }

  @Test func flowsParsesTheBridgesDump() async throws {
    let run = try await Self.run(
      ["ovs", "flows"], programs: [try Self.dump("ovs-3.1.0-dump-flows-one-stale-pod.txt")])
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains("TABLE"), "\(run)")
    #expect(run.stdout.contains("arp_tpa=10.129.1.108"), "\(run)")
    // 25 flows and the header.
    #expect(run.stdout.split(separator: "\n").count == 26, "\(run)")
  }

  @Test func flowsOfOneTableAsksOvsOfctlForThatTable() async throws {
    let run = try await Self.run(
      ["ovs", "flows", "--table", "20", "-o", "json"],
      programs: [
        try Self.dump("ovs-3.1.0-dump-flows-table20.txt", arguments: Self.dumpArguments + ["table=20"])
      ])
    #expect(run.status == 0, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    let tables = (report["flows"] as? [[String: Any]] ?? []).compactMap { $0["table"] as? Int }
    #expect(tables.count == 7 && tables.allSatisfy { $0 == 20 }, "\(run)")
  }

  @Test func flowsOfABridgeThatDoesNotExistIsNotFound() async throws {
    let run = try await Self.run(
      ["ovs", "flows", "--bridge", "br1"],
      programs: [
        ExpectedProgram(
          "ovs-ofctl", ["-O", "OpenFlow13", "--timeout=30", "--no-names", "dump-flows", "br1"],
          ProgramOutput(
            status: 1, stdout: "", stderr: try Self.recorded("ovs-3.1.0-stderr-no-such-bridge.txt")))
      ])
    #expect(run.status == 3, "\(run)")
    #expect(run.stderr.contains("br1 is not a bridge or a socket"), "\(run)")
  }

  @Test func checkFindsTheFlowsOfTheGonePod() async throws {
    let run = try await Self.run(
      ["ovs", "check", "--node", Self.node, "-o", "json"], requests: try Self.livePods(),
      programs: [try Self.dump("ovs-3.1.0-dump-flows-one-stale-pod.txt")])
    #expect(run.status == 1, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    #expect(report["clean"] as? Bool == false)
    let counts = report["counts"] as? [String: Any] ?? [:]
    #expect(counts["stale"] as? Int == 5, "\(run)")
    #expect(counts["missing"] as? Int == 0, "\(run)")
    #expect(counts["livePods"] as? Int == 2, "\(run)")
    let staleIPs = Set((report["stale"] as? [[String: Any]] ?? []).compactMap { $0["ip"] as? String })
    #expect(staleIPs == [Self.stale], "\(run)")
  }

  @Test func fixWithoutConfirmOnlyPlans() async throws {
    let run = try await Self.run(
      ["ovs", "fix", "--node", Self.node], requests: try Self.livePods(),
      programs: [try Self.dump("ovs-3.1.0-dump-flows-one-stale-pod.txt")])
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains("would delete"), "\(run)")
    #expect(!run.requests.contains { $0.contains("del-flows") }, "\(run)")
  }

  /// Each stale flow is deleted by its exact match, then the bridge and the pods are read again.
  @Test func fixConfirmDeletesEachStaleFlowStrictlyThenChecksAgain() async throws {
    let deletes = Self.strictDeletes(Self.staleMatches)
    let run = try await Self.run(
      ["ovs", "fix", "--node", Self.node, "--confirm", "-o", "json"],
      requests: try Self.livePods() + (try Self.livePods()),
      programs: [
        try Self.dump("ovs-3.1.0-dump-flows-one-stale-pod.txt"),
        // Read again just before the deletions.
        try Self.dump("ovs-3.1.0-dump-flows-one-stale-pod.txt"),
      ] + deletes + [try Self.dump("ovs-3.1.0-dump-flows-after-strict-deletes.txt")])
    #expect(run.status == 0, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    #expect((report["deleted"] as? [Any])?.count == 5, "\(run)")
    let after = report["after"] as? [String: Any] ?? [:]
    #expect(after["clean"] as? Bool == true, "\(run)")
  }

  /// Between the check and the deletions a new pod got the gone pod's address on port 9: its table 70 flow
  /// has the stale one's match and other actions. It is not deleted (`--strict` does not compare actions);
  /// the other four stale flows are.
  @Test func aFlowThatChangedSinceTheCheckIsNotDeleted() async throws {
    let stale = try Self.recorded("ovs-3.1.0-dump-flows-one-stale-pod.txt")
    let reused = stale.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.contains("table=70") && line.contains("nw_dst=\(Self.stale)")
        ? line.replacingOccurrences(of: "load:0x7->NXM_NX_REG2[]", with: "load:0x9->NXM_NX_REG2[]")
        : String(line)
    }.joined(separator: "\n")
    #expect(reused != stale, "the recorded table 70 flow loads port 7")
    // What the bridge holds after the four deletions: the reused address's one flow.
    let after = reused.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
      !line.contains(Self.stale) || line.contains("table=70")
    }.joined(separator: "\n")
    let deletes = Self.strictDeletes(Self.staleMatches.filter { !$0.hasPrefix("table=70") })
    let run = try await Self.run(
      ["ovs", "fix", "--node", Self.node, "--confirm", "-o", "json"],
      requests: try Self.livePods() + (try Self.livePods()),
      programs: [
        try Self.dump("ovs-3.1.0-dump-flows-one-stale-pod.txt"),
        ExpectedProgram("ovs-ofctl", Self.dumpArguments, ProgramOutput(status: 0, stdout: reused)),
      ] + deletes + [
        ExpectedProgram("ovs-ofctl", Self.dumpArguments, ProgramOutput(status: 0, stdout: after))
      ])
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    #expect((report["deleted"] as? [Any])?.count == 4, "\(run)")
    // The new pod's flow is still there, and still has no live pod in this pod list.
    let afterCounts = (report["after"] as? [String: Any])?["counts"] as? [String: Any]
    #expect(afterCounts?["stale"] as? Int == 1, "\(run)")
    let notes = (report["notes"] as? [String] ?? []).joined(separator: "\n")
    #expect(notes.contains("1 flow changed or gone since the check, left alone: table=70"), "\(run)")
  }

  /// Open vSwitch before 2.8 has no `--no-names` and exits 1 on it (getopt's message, then
  /// `exit(EXIT_FAILURE)`); it prints port numbers anyway, so the dump is asked for again without it.
  @Test func openVSwitchBefore28IsAskedAgainWithoutNoNames() async throws {
    let refused = ExpectedProgram(
      "ovs-ofctl", Self.dumpArguments,
      ProgramOutput(status: 1, stdout: "", stderr: "ovs-ofctl: unrecognized option '--no-names'\n"))
    let run = try await Self.run(
      ["ovs", "flows"],
      programs: [
        refused,
        try Self.dump(
          "ovs-3.1.0-dump-flows-one-stale-pod.txt",
          arguments: ["-O", "OpenFlow13", "--timeout=30", "dump-flows", "br0"]),
      ])
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.split(separator: "\n").count == 26, "\(run)")
  }

  /// The recorded pod list of the node with one more pod, as `--pods-json` takes it.
  static func podsJSON(adding pod: [String: Any]) throws -> String {
    var list = try #require(
      try JSONSerialization.jsonObject(with: Recordings.data("openshift-wire/extra/kubeclient/pods_2.json"))
        as? [String: Any])
    list["items"] = (list["items"] as? [[String: Any]] ?? []) + [pod]
    return String(decoding: try JSONSerialization.data(withJSONObject: list), as: UTF8.self)
  }

  static func pod(_ name: String, phase: String, ip: String?, deleting: Bool = false) -> [String: Any] {
    var metadata: [String: Any] = ["name": name, "namespace": "osbs"]
    if deleting { metadata["deletionTimestamp"] = "2026-12-06T16:00:00Z" }
    var status: [String: Any] = ["phase": phase]
    if let ip { status["podIP"] = ip }
    return ["metadata": metadata, "spec": ["nodeName": node], "status": status]
  }

  /// A pod being deleted keeps its network until its containers have stopped: its flows are live.
  @Test func aTerminatingPodsFlowsAreNotStale() async throws {
    let pods = try Self.podsJSON(
      adding: Self.pod("build-1-build", phase: "Running", ip: Self.stale, deleting: true))
    let run = try await Self.run(
      ["ovs", "check", "--node", Self.node, "--pods-json", pods, "-o", "json"],
      programs: [try Self.dump("ovs-3.1.0-dump-flows-one-stale-pod.txt")])
    #expect(run.status == 0, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    let counts = report["counts"] as? [String: Any] ?? [:]
    #expect(counts["stale"] as? Int == 0 && counts["livePods"] as? Int == 3, "\(run)")
  }

  /// While a pod on the node starts (no IP yet), stale flows installed moments ago may be its own: the
  /// recorded ones are a few milliseconds old, so the fix deletes none of them and says why.
  @Test func whileAPodStartsYoungStaleFlowsAreLeftForALaterRun() async throws {
    let pods = try Self.podsJSON(adding: Self.pod("build-2-build", phase: "Pending", ip: nil))
    let run = try await Self.run(
      ["ovs", "fix", "--node", Self.node, "--pods-json", pods, "--confirm", "-o", "json"],
      programs: [try Self.dump("ovs-3.1.0-dump-flows-one-stale-pod.txt")])
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    #expect((report["deleted"] as? [Any])?.isEmpty == true, "\(run)")
    #expect((report["planned"] as? [Any])?.isEmpty == true, "\(run)")
    let deferred = (report["deferred"] as? [[String: Any]] ?? []).compactMap { $0["ip"] as? String }
    #expect(deferred == Array(repeating: Self.stale, count: 5), "\(run)")
    let notes = (report["notes"] as? [String] ?? []).joined(separator: "\n")
    #expect(notes.contains("left alone while osbs/build-2-build starts"), "\(run)")
    let warnings = ((report["before"] as? [String: Any])?["warnings"] as? [String] ?? [])
    #expect(warnings.contains { $0.hasPrefix("starting without an IP yet: osbs/build-2-build") }, "\(run)")
  }

  /// A pod list without the node's pods would make every pod's flows stale: `--confirm` is refused
  /// before anything is deleted.
  @Test func aPodListWithoutTheNodesPodsIsRefusedWithConfirm() async throws {
    let run = try await Self.run(
      ["ovs", "fix", "--node", Self.node, "--pods-json", #"{"items": []}"#, "--confirm"],
      programs: [try Self.dump("ovs-3.1.0-dump-flows-one-stale-pod.txt")])
    #expect(run.status == 64, "\(run)")
    #expect(run.stderr.contains("refusing to delete"), "\(run)")
    #expect(!run.requests.contains { $0.contains("del-flows") }, "\(run)")
  }

  // MARK: doctor

  /// `doctor --local-ovs` reads this host's bridge through the same runner. None of the recorded
  /// bridge's 15 per-pod flows belongs to a live pod on example.com (its one recorded pod, being deleted,
  /// is live until it is gone, but no flow carries its address), so the network hop is a problem and
  /// doctor exits 1.
  @Test func doctorWithLocalOVSReadsTheBridgeAndReportsItsStaleFlows() async throws {
    typealias Walk = OpenShiftWorkflowInProcessTests
    let build = Walk.runningBuild
    let run = try await Self.run(
      ["doctor", "--build", build, "--local-ovs", "-o", "json"],
      requests: [
        .rest(
          "GET", Walk.builds + "/" + build, reply: try Walk.wire("build_test-build-cancel-123_get.json")),
        .rest(
          "GET", "/api/v1/namespaces/\(Walk.namespace)/pods/\(Walk.buildPod)",
          reply: try Walk.buildPodObject()),
        .rest("GET", "/api/v1/nodes/" + Walk.node, reply: try Walk.exampleNode()),
        // The flow check reads the node and its pods itself.
        .rest("GET", "/api/v1/nodes/" + Walk.node, reply: try Walk.exampleNode()),
        Walk.podsOnNode(try Walk.wire("pods.json")),
      ],
      programs: [try Self.dump("ovs-3.1.0-dump-flows-one-stale-pod.txt")])
    #expect(run.status == 1, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    let network = report["network"] as? [String: Any] ?? [:]
    #expect(network["checked"] as? Bool == true, "\(run)")
    let counts = (network["flows"] as? [String: Any])?["counts"] as? [String: Any] ?? [:]
    #expect(counts["stale"] as? Int == 15 && counts["livePods"] as? Int == 1, "\(run)")
    let hops = report["hops"] as? [[String: Any]] ?? []
    #expect(hops.map { $0["step"] as? String } == ["build", "pod", "node", "network"], "\(run)")
    #expect(hops.last?["status"] as? String == "problem", "\(run)")
  }
}
