import Foundation
import TestSupport
import Testing

/// `osbsctl doctor` end to end: the sandbox's Koji hub and OpenShift API, and a real Open vSwitch bridge
/// standing in for the build node's br0.
@Suite("doctor: task → build → pod → node → OVS", .serialized)
struct DoctorCommandTests {
  /// A running Koji build on the sandbox's cluster, with the node it landed on and that node's live pods.
  struct RunningBuild {
    var task: Int
    var build: String
    var node: String
    var podIP: String
    /// Addresses of every pod that has (or should have) flows on the node's br0.
    var livePodIPs: [String]
  }

  static func runningBuild(_ sandbox: SandboxProcess, _ cli: CLI) async throws -> RunningBuild {
    let checkout = try await sandbox.distGitCheckout()
    let (task, name) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    try await sandbox.clock(advanceSeconds: 4.2)
    let located = try await cli.osbsctl(
      ["build", "node", name, "-o", "json"], environment: sandbox.environment)
    let json = try located.json()
    let node = try #require(json["nodeName"] as? String, "\(located.summary)")
    let podIP = try #require(json["podIP"] as? String, "\(located.summary)")
    let nodeIP = json["nodeIP"] as? String
    let pods = try await cli.osbsctl(["node", "pods", node, "-o", "json"], environment: sandbox.environment)
    let items = try #require(try pods.json()["pods"] as? [[String: Any]], "\(pods.summary)")
    // Host-network pods (the SDN daemon) share the node's address and have no flows of their own.
    let live = items.compactMap { pod -> String? in
      guard let ip = pod["podIP"] as? String, ip != nodeIP,
        ["Pending", "Running"].contains(pod["phase"] as? String ?? "")
      else { return nil }
      return ip
    }
    #expect(live.contains(podIP))
    return RunningBuild(task: task, build: name, node: node, podIP: podIP, livePodIPs: live)
  }

  /// br0 as the node's SDN would have it: base flows, and per-pod flows for `ips` on ports 10, 11, ….
  static func bridge(withPodFlowsFor ips: [String]) async throws -> OpenVSwitch {
    let ports = ips.indices.map { (name: "veth\($0)", ofport: 10 + $0) }
    let ovs = try await OpenVSwitch.start(ports: ports)
    var flows = SDNFlows.base(.openshift3)
    for (index, ip) in ips.enumerated() { flows += SDNFlows.pod(.openshift3, ip: ip, port: 10 + index) }
    try await ovs.addFlows(flows)
    return ovs
  }

  static func doctor(_ cli: CLI, _ sandbox: SandboxProcess, _ arguments: [String], ovs: OpenVSwitch? = nil)
    async throws -> (CLIResult, [String: Any])
  {
    let environment = sandbox.environment.merging(ovs?.environment ?? [:]) { $1 }
    let result = try await cli.osbsctl(["doctor"] + arguments + ["-o", "json"], environment: environment)
    return (result, try result.json())
  }

  static func verdict(_ report: [String: Any]) -> [String: Any] { report["verdict"] as? [String: Any] ?? [:] }

  static func problemCodes(_ report: [String: Any]) -> [String] {
    (verdict(report)["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
  }

  @Test func staleFlowOnTheBuildNodeGivesTheFixCommandAndTheFixMakesItHealthy() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let build = try await Self.runningBuild(sandbox, cli)
    // A pod that died without its teardown deleting its flows: an address no live pod has.
    let deadIP = "10.128.250.77"
    #expect(!build.livePodIPs.contains(deadIP))
    let ovs = try await Self.bridge(withPodFlowsFor: build.livePodIPs + [deadIP])
    defer { ovs.stop() }

    let (sick, report) = try await Self.doctor(cli, sandbox, [String(build.task), "--local-ovs"], ovs: ovs)
    #expect(sick.exitCode == 1, "\(sick.summary)")
    #expect(Self.verdict(report)["status"] as? String == "problems")
    #expect(Self.problemCodes(report) == ["stale-flows"])
    #expect(
      Self.verdict(report)["nextCommands"] as? [String] == ["osbsctl ovs fix --node \(build.node) --confirm"])
    #expect((report["build"] as? [String: Any])?["name"] as? String == build.build)
    #expect(report["buildSource"] as? String == "label")
    #expect((report["node"] as? [String: Any])?["name"] as? String == build.node)
    let flows = try #require((report["network"] as? [String: Any])?["flows"] as? [String: Any])
    let staleIPs = Set((flows["stale"] as? [[String: Any]] ?? []).compactMap { $0["ip"] as? String })
    #expect(staleIPs == [deadIP])
    let steps = (report["hops"] as? [[String: Any]] ?? []).compactMap { $0["step"] as? String }
    #expect(steps == ["task", "build", "pod", "node", "network"])

    // The command the verdict gives, run as given, leaves a node the doctor calls healthy.
    let fix = try await cli.osbsctl(
      ["ovs", "fix", "--node", build.node, "--confirm", "-o", "json"],
      environment: sandbox.environment.merging(ovs.environment) { $1 })
    #expect(fix.exitCode == 0, "\(fix.summary)")
    let (healthy, after) = try await Self.doctor(cli, sandbox, [String(build.task), "--local-ovs"], ovs: ovs)
    #expect(healthy.exitCode == 0, "\(healthy.summary)")
    #expect(Self.verdict(after)["status"] as? String == "healthy")
    #expect(try await ovs.dumpFlows(noStats: true).contains(deadIP) == false)
  }

  @Test func healthyNodeSaysSoInTableAndJSON() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let build = try await Self.runningBuild(sandbox, cli)
    let ovs = try await Self.bridge(withPodFlowsFor: build.livePodIPs)
    defer { ovs.stop() }

    let (result, report) = try await Self.doctor(
      cli, sandbox, ["--build", build.build, "--local-ovs"], ovs: ovs)
    #expect(result.exitCode == 0, "\(result.summary)")
    #expect(Self.verdict(report)["status"] as? String == "healthy")
    #expect(Self.verdict(report)["nextCommands"] as? [String] == [])
    #expect(report["buildSource"] as? String == "argument")
    #expect((report["network"] as? [String: Any])?["checked"] as? Bool == true)

    let table = try await cli.osbsctl(
      ["doctor", "--build", build.build, "--local-ovs"],
      environment: sandbox.environment.merging(ovs.environment) { $1 })
    #expect(table.exitCode == 0, "\(table.summary)")
    #expect(table.stdout.contains("HEALTHY"), "\(table.summary)")
    #expect(table.stdout.contains(build.node))
  }

  @Test func nodeConditionsFromTheAPIAndFlowsFromASavedDump() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let build = try await Self.runningBuild(sandbox, cli)
    try await sandbox.setNodeConditions(build.node, ["DiskPressure": "True", "Ready": "False"])
    // The dump as taken on the node and copied off it: every live pod has its flows.
    let ovs = try await Self.bridge(withPodFlowsFor: build.livePodIPs)
    let dump = try await ovs.ofctl(["dump-flows", ovs.bridge])
    ovs.stop()
    let dumpFile = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(UUID()).flows")
    try Data(dump.utf8).write(to: dumpFile)
    defer { try? FileManager.default.removeItem(at: dumpFile) }

    let (result, report) = try await Self.doctor(
      cli, sandbox, [String(build.task), "--flows-from", dumpFile.path])
    #expect(result.exitCode == 1, "\(result.summary)")
    #expect(Self.problemCodes(report) == ["node-not-ready", "disk-pressure"])
    #expect(
      Self.verdict(report)["nextCommands"] as? [String] == [
        "osbsctl node cordon \(build.node) --confirm", "osbsctl prune node --confirm   # on \(build.node)",
      ])
    let node = try #require(report["node"] as? [String: Any])
    #expect(node["ready"] as? Bool == false)
    #expect(node["diskPressure"] as? Bool == true)
    #expect((report["network"] as? [String: Any])?["checked"] as? Bool == true)
  }

  /// 3.x kubelets report OutOfDisk (a condition newer ones fold into DiskPressure): it is a problem too.
  @Test func outOfDiskOnAThreeXNodeIsAProblem() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let build = try await Self.runningBuild(sandbox, cli)
    try await sandbox.setNodeConditions(build.node, ["OutOfDisk": "True"])
    let (result, report) = try await Self.doctor(cli, sandbox, [String(build.task)])
    #expect(result.exitCode == 1, "\(result.summary)")
    #expect(Self.problemCodes(report).contains("out-of-disk"), "\(result.stdout)")
    #expect((report["node"] as? [String: Any])?["outOfDisk"] as? Bool == true)
    #expect(
      (Self.verdict(report)["nextCommands"] as? [String])?.contains(
        "osbsctl prune node --confirm   # on \(build.node)") == true)
  }

  @Test func withoutAccessToTheNodesFlowsTheNetworkIsReportedUnchecked() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let build = try await Self.runningBuild(sandbox, cli)
    let (result, report) = try await Self.doctor(cli, sandbox, [String(build.task)])
    // Nothing wrong was found, but nothing was found wrong with the network either: it says which.
    #expect(result.exitCode == 0, "\(result.summary)")
    let network = try #require(report["network"] as? [String: Any])
    #expect(network["checked"] as? Bool == false)
    #expect((network["skippedReason"] as? String)?.contains("--flows-from") == true)
    #expect(
      (Self.verdict(report)["notes"] as? [String] ?? []).contains { $0.contains("network not checked") })
  }

  /// A build that has not started has no pod yet: the doctor says so instead of calling the pod gone.
  @Test func aBuildThatHasNotStartedIsNotCalledGone() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let listed = try await cli.osbsctl(["build", "list", "-o", "json"], environment: sandbox.environment)
    let builds = try #require(try listed.json()["builds"] as? [[String: Any]], "\(listed.summary)")
    let new = try #require(builds.first { $0["phase"] as? String == "New" }?["name"] as? String)
    let (result, report) = try await Self.doctor(cli, sandbox, ["--build", new])
    let summary = Self.verdict(report)["summary"] as? String ?? ""
    #expect(summary.contains("has not started (New)"), "\(result.summary)")
    #expect(!summary.contains("gone"), "\(summary)")
  }

  @Test func aBuildThatIsGoneExitsNotFound() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let (result, report) = try await Self.doctor(cli, sandbox, ["--build", "no-such-build-1"])
    #expect(result.exitCode == 3, "\(result.summary)")
    #expect(Self.verdict(report)["status"] as? String == "not-found")

    let usage = try await cli.osbsctl(["doctor"], environment: sandbox.environment)
    #expect(usage.exitCode == 64, "\(usage.summary)")
  }
}
