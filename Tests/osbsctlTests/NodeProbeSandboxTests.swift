import Foundation
import OSBSKit
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `osbsctl node probe` in pod mode end to end: the `osbs-sandbox` executable with a kubelet on
/// `osbs-node01` and `osbs-node02`, each its own real podman engine, and none on `osbs-node03`. The
/// probe pod's container shares the host's network (the sandbox kubelet's simplification), so it meets
/// the test's loopback sockets that refuse, accept or never finish the handshake.
@Suite(.serialized) struct NodeProbeSandboxTests {
  static let image = "localhost/probe-nc:latest"

  /// Two engines with the probe image, and the sandbox with a kubelet on each.
  struct Cluster {
    let engines: [PodmanService]
    let sandbox: SandboxProcess
    let cli: CLI

    static func start() async throws -> Cluster {
      var engines: [PodmanService] = []
      for _ in 0..<2 {
        let engine = try await PodmanService.start()
        engines.append(engine)
        try await engine.importBusyboxImage(tag: NodeProbeSandboxTests.image, applets: ["nc", "true"])
      }
      let sandbox = try await SandboxProcess.start(
        extraArguments: [
          "--kubelet", "osbs-node01=\(engines[0].socketPath)", "--kubelet",
          "osbs-node02=\(engines[1].socketPath)",
        ])
      return Cluster(engines: engines, sandbox: sandbox, cli: try CLI())
    }

    func stop() {
      sandbox.stop()
      for engine in engines { engine.stop() }
    }

    func probe(_ arguments: [String]) async throws -> CLIResult {
      try await cli.osbsctl(
        ["node", "probe", "--image", NodeProbeSandboxTests.image] + arguments,
        environment: sandbox.environment)
    }

    /// Names of the probe pods the API still lists (label osbsctl.io/probe=true).
    func probePods() async throws -> [String] {
      let body = try await sandbox.request(
        "GET", "/api/v1/pods?labelSelector=\(NetworkProbeRequest.label)%3Dtrue")
      let list = try JSONSerialization.jsonObject(with: body) as? [String: Any]
      return (list?["items"] as? [[String: Any]] ?? []).compactMap {
        ($0["metadata"] as? [String: Any])?["name"] as? String
      }
    }

    /// Every container left on the nodes' engines.
    func containers() async throws -> [String] {
      var all: [String] = []
      for engine in engines { all += try await engine.containerIDs() }
      return all
    }

    func expectNothingLeft() async throws {
      #expect(try await probePods().isEmpty)
      #expect(try await containers().isEmpty)
    }
  }

  @Test func eachVerdictFromRealSocketsAndNothingLeftBehind() async throws {
    let cluster = try await Cluster.start()
    defer { cluster.stop() }
    let targets = try ProbeTargets()

    let refused = try await cluster.probe([
      "osbs-node01", "osbs-node02", "--target", targets.url(port: targets.closedPort), "--timeout", "3s",
      "-o",
      "json",
    ])
    #expect(refused.exitCode == 0, "\(refused.stderr)")
    let healthy = try NodeProbeCommandTests.report(refused)
    #expect(healthy.mode == "pod" && healthy.healthy)
    #expect(healthy.results.map(\.node) == ["osbs-node01", "osbs-node02"])
    #expect(healthy.results.map(\.verdict) == [.refused, .refused])
    #expect(healthy.results.allSatisfy { $0.evidence.cleanup == "removed" })
    try await cluster.expectNothingLeft()

    let hung = try await cluster.probe([
      "osbs-node02", "--target", targets.url(port: targets.blackholePort), "--timeout", "2s", "-o", "json",
    ])
    #expect(hung.exitCode == 1)
    let timeout = try NodeProbeCommandTests.report(hung)
    #expect(timeout.results.map(\.verdict) == [.timeout])
    #expect(timeout.results.first?.nextCommand == "osbsctl ovs check --node osbs-node02")
    try await cluster.expectNothingLeft()

    let open = try await cluster.probe([
      "osbs-node01", "--target", targets.url(port: targets.openPort), "--timeout", "3s", "-o", "json",
    ])
    #expect(open.exitCode == 1)
    let connected = try NodeProbeCommandTests.report(open)
    #expect(connected.results.map(\.verdict) == [.connected])
    #expect(connected.results.first?.evidence.exitCode == 0)
    try await cluster.expectNothingLeft()

    let unresolved = try await cluster.probe([
      "osbs-node02", "--target", "http://osbsctl-probe.invalid:80/", "--timeout", "20s", "-o", "json",
    ])
    #expect(unresolved.exitCode == 1)
    #expect(try NodeProbeCommandTests.report(unresolved).results.map(\.verdict) == [.dnsFailure])
    try await cluster.expectNothingLeft()

    let missing = try await cluster.probe([
      "osbs-node01", "--image", "localhost/not-on-the-node:1", "--target",
      targets.url(port: targets.closedPort),
      "-o", "json",
    ])
    #expect(missing.exitCode == 1)
    let imageMissing = try NodeProbeCommandTests.report(missing)
    #expect(imageMissing.results.map(\.verdict) == [.imageMissing])
    #expect(imageMissing.results.first?.reason.contains("ErrImagePull") == true)
    try await cluster.expectNothingLeft()

    // No kubelet runs on osbs-node03: the pod never starts, and is removed all the same.
    let stuck = try await cluster.probe([
      "osbs-node03", "--target", targets.url(port: targets.closedPort), "--timeout", "1s", "-o", "json",
    ])
    #expect(stuck.exitCode == 1)
    let notScheduled = try NodeProbeCommandTests.report(stuck)
    #expect(notScheduled.results.map(\.verdict) == [.notScheduled])
    try await cluster.expectNothingLeft()
  }

  @Test func ctrlCWhileTheProbePodRunsRemovesPodAndContainer() async throws {
    let cluster = try await Cluster.start()
    defer { cluster.stop() }
    let targets = try ProbeTargets()
    let running = try RunningCLI(
      cluster.cli,
      [
        "node", "probe", "--image", Self.image, "osbs-node01", "--target",
        targets.url(port: targets.blackholePort),
        "--timeout", "60s",
      ], environment: cluster.sandbox.environment)
    // The probe is under way once its container runs on the node's engine.
    var started = false
    for _ in 0..<600 where !started {
      started = try await !cluster.engines[0].podman(["ps", "-q"]).isEmpty
      if !started { try await Task.sleep(for: .milliseconds(100)) }
    }
    #expect(started)
    #expect(try await cluster.probePods().count == 1)
    kill(running.child.pid, SIGINT)
    let result = await running.finish()
    #expect(result.exitCode == 2, "\(result.stderr)")
    try await cluster.expectNothingLeft()
  }

  @Test func cleanupRemovesOnlyLeftoverProbePodsAndOnlyWithConfirm() async throws {
    let cluster = try await Cluster.start()
    defer { cluster.stop() }
    func pod(_ name: String, node: String, probe: Bool) -> String {
      let labels = probe ? #"{"\#(NetworkProbeRequest.label)": "true"}"# : "{}"
      return """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "\(name)", "labels": \(labels)},
         "spec": {"nodeName": "\(node)", "restartPolicy": "Never",
                  "containers": [{"name": "probe", "image": "\(PodmanService.busyboxImage)", "command": ["sleep", "600"]}]}}
        """
    }
    try await cluster.sandbox.request(
      "POST", "/api/v1/namespaces/osbs/pods",
      json: pod("osbsctl-probe-left1", node: "osbs-node01", probe: true))
    try await cluster.sandbox.request(
      "POST", "/api/v1/namespaces/osbs/pods",
      json: pod("osbsctl-probe-left2", node: "osbs-node03", probe: true))
    try await cluster.sandbox.request(
      "POST", "/api/v1/namespaces/osbs/pods", json: pod("not-a-probe", node: "osbs-node01", probe: false))
    for name in ["osbsctl-probe-left1", "not-a-probe"] {
      var running = false
      for _ in 0..<600 where !running {
        let body = try await cluster.sandbox.request("GET", "/api/v1/namespaces/osbs/pods/\(name)")
        running = String(decoding: body, as: UTF8.self).contains(#""phase":"Running""#)
        if !running { try await Task.sleep(for: .milliseconds(50)) }
      }
      #expect(running, "\(name) never ran")
    }
    func cleanup(_ arguments: [String]) async throws -> LeftoverPodCleanupReport {
      let result = try await cluster.cli.osbsctl(
        ["node", "probe", "--cleanup", "-o", "json"] + arguments, environment: cluster.sandbox.environment)
      #expect(result.exitCode == 0, "\(result.stderr)")
      return try JSONDecoder().decode(LeftoverPodCleanupReport.self, from: Data(result.stdout.utf8))
    }

    let dryRun = try await cleanup(["--min-age", "0s"])
    #expect(dryRun.dryRun && dryRun.wouldDelete == 2 && dryRun.deleted == 0)
    #expect(dryRun.pods.map(\.name) == ["osbsctl-probe-left1", "osbsctl-probe-left2"])
    #expect(try await cluster.probePods().count == 2)

    // Fresh pods may belong to a probe that is running now: kept unless the age limit is lowered.
    let young = try await cleanup(["--confirm"])
    #expect(!young.dryRun && young.kept == 2 && young.deleted == 0)
    #expect(try await cluster.probePods().count == 2)

    let onNode03 = try await cleanup(["--confirm", "--min-age", "0s", "osbs-node03"])
    #expect(onNode03.pods.map(\.name) == ["osbsctl-probe-left2"])
    #expect(onNode03.deleted == 1)
    #expect(try await cluster.probePods() == ["osbsctl-probe-left1"])

    let rest = try await cleanup(["--confirm", "--min-age", "0s", "-l", "kubernetes.io/hostname=osbs-node01"])
    #expect(rest.pods.map(\.action) == ["deleted"])
    #expect(try await cluster.probePods().isEmpty)
    // The other pod and its container stay.
    let other = try await cluster.sandbox.request("GET", "/api/v1/namespaces/osbs/pods/not-a-probe")
    #expect(String(decoding: other, as: UTF8.self).contains(#""phase":"Running""#))
    #expect(try await cluster.containers().count == 1)

    let local = try await cluster.cli.osbsctl(
      ["node", "probe", "--cleanup", "--local"], environment: cluster.sandbox.environment)
    #expect(local.exitCode == 64)
    let confirmAlone = try await cluster.cli.osbsctl(
      ["node", "probe", "osbs-node01", "--confirm"], environment: cluster.sandbox.environment)
    #expect(confirmAlone.exitCode == 64)
    #expect(confirmAlone.stderr.contains("only with --cleanup"))
  }

  /// `doctor --probe`: the probe pod runs on the build's node through that node's kubelet, and its
  /// verdict is folded into the doctor's: refused is healthy, a hang is a problem pointing at the flows.
  @Test func doctorProbeRunsOnTheBuildsNode() async throws {
    let engine = try await PodmanService.start()
    defer { engine.stop() }
    try await engine.importBusyboxImage(tag: Self.image, applets: ["nc", "true"])
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let targets = try ProbeTargets()
    let build = try await DoctorCommandTests.runningBuild(sandbox, cli)
    try await sandbox.request(
      "POST", "/_sandbox/openshift/kubelets",
      json: #"{"node": "\#(build.node)", "socket": "\#(engine.socketPath)"}"#)
    let profile = try String(contentsOfFile: sandbox.ready.osbsctlConfig, encoding: .utf8)
    func withTarget(_ port: UInt16) throws {
      try (profile + "    probe:\n      image: \(Self.image)\n      target: \(targets.url(port: port))\n")
        .write(
          toFile: sandbox.ready.osbsctlConfig, atomically: true, encoding: .utf8)
    }

    try withTarget(targets.closedPort)
    let (healthy, report) = try await DoctorCommandTests.doctor(
      cli, sandbox, [String(build.task), "--probe"])
    #expect(healthy.exitCode == 0, "\(healthy.summary)")
    let probe = try #require(report["probe"] as? [String: Any], "\(healthy.stdout)")
    #expect(probe["nodeName"] as? String == build.node)
    #expect(probe["verdict"] as? String == "refused")

    try withTarget(targets.blackholePort)
    let (hung, hungReport) = try await DoctorCommandTests.doctor(
      cli, sandbox, [String(build.task), "--probe"])
    #expect(hung.exitCode == 1, "\(hung.summary)")
    #expect((hungReport["probe"] as? [String: Any])?["verdict"] as? String == "timeout")
    #expect(DoctorCommandTests.problemCodes(hungReport) == ["probe-timeout"])
    let probePods = try await sandbox.request(
      "GET", "/api/v1/pods?labelSelector=\(NetworkProbeRequest.label)%3Dtrue")
    #expect(!String(decoding: probePods, as: UTF8.self).contains("osbsctl-probe-"))
    #expect(try await engine.containerIDs().isEmpty)
  }
}
