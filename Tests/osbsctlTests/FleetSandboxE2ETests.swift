import Foundation
import OSBSKit
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `osbsctl fleet` end to end: the sandbox's API server and its kubelets (`--kubelet NODE=SOCKET,root=DIR`)
/// run every fleet pod as a real container of the osbsctl image (built by scripts/build-image from this
/// build's osbsctl) on the node's own podman engine; hostPath `/var/run/docker.sock` is the node's
/// `DIR/var/run/docker.sock`, a symlink to that engine's socket, and `/var/run/openvswitch` a symlink to
/// the node's real Open vSwitch run directory.
@Suite(.serialized) struct FleetSandboxE2ETests {
  static let image = "localhost/osbsctl:fleet-e2e"
  /// Containers the sandbox kubelet made for pods.
  static let podContainers = [
    "ps", "-a", "--filter", "label=io.kubernetes.pod.name", "--format", "{{.Names}}",
  ]

  /// The osbsctl image on `engine`, built from the osbsctl these tests run.
  static func buildImage(on engine: PodmanService) async throws {
    let script = CLI.packageRoot.appendingPathComponent("scripts/build-image").path
    try await ChildProcess.run(
      script, ["--url", engine.host, try BuiltProducts.executable("osbsctl"), image],
      workDirectory: CLI.packageRoot)
  }

  /// A node's root: `var/run/docker.sock` → `socket`, and `var/run/openvswitch` → `ovsRunDirectory`.
  static func nodeRoot(socket: String, ovsRunDirectory: String? = nil) throws -> TemporaryDirectory {
    let root = try FleetCommandTests.nodeRoot(socket: socket)
    if let ovsRunDirectory {
      try FileManager.default.createSymbolicLink(
        atPath: root.file("var/run/openvswitch"), withDestinationPath: ovsRunDirectory)
    }
    return root
  }

  /// A unix socket file nobody listens on any more: connecting is refused (an engine that died).
  static func deadSocket(in directory: TemporaryDirectory) async throws -> String {
    let path = directory.file("dead.sock")
    try await ChildProcess.run(
      "/usr/bin/python3",
      ["-c", "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])", path],
      workDirectory: directory.url)
    return path
  }

  static func sandbox(_ kubelets: [(node: String, socket: String, root: String)]) async throws
    -> SandboxProcess
  {
    try await SandboxProcess.start(
      extraArguments: kubelets.flatMap { ["--kubelet", "\($0.node)=\($0.socket),root=\($0.root)"] })
  }

  @Test func pruneConfirmOnThreeNodesRemovesExactlyEachEnginesLitter() async throws {
    let engines = [
      try await PodmanService.start(), try await PodmanService.start(), try await PodmanService.start(),
    ]
    defer { for engine in engines { engine.stop() } }
    for engine in engines { try await Self.buildImage(on: engine) }
    let scratch = try TemporaryDirectory(prefix: "fleet-e2e")
    defer { scratch.remove() }
    var litter: [(containers: Set<String>, image: String)] = []
    for (index, engine) in engines.prefix(2).enumerated() {
      litter.append(try await FleetCommandTests.litter(engine, prefix: "n\(index)"))
    }
    // The third node's engine runs the pod, but the Docker socket the pod mounts is dead.
    let roots = [
      try Self.nodeRoot(socket: engines[0].socketPath), try Self.nodeRoot(socket: engines[1].socketPath),
      try Self.nodeRoot(socket: try await Self.deadSocket(in: scratch)),
    ]
    defer { for root in roots { root.remove() } }
    var before: [(Set<String>, Set<String>)] = []
    for engine in engines { before.append((try await engine.containerIDs(), try await engine.imageIDs())) }
    let nodes = ["fleet-a", "fleet-b", "fleet-c"]
    let sandbox = try await Self.sandbox((0..<3).map { (nodes[$0], engines[$0].socketPath, roots[$0].path) })
    defer { sandbox.stop() }

    let cli = try CLI()
    let result = try await cli.osbsctl(
      ["fleet", "prune"] + nodes + [
        "--confirm", "--parallel", "3", "--image", Self.image, "--timeout", "2m", "-o", "json",
      ],
      environment: sandbox.environment)
    let report = try FleetCommandTests.report(result)
    #expect(result.exitCode == 1, "\(result.stderr)")
    let byNode = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.node, $0) })
    #expect(byNode["fleet-a"]?.status == .ok, "\(String(describing: byNode["fleet-a"]))")
    #expect(byNode["fleet-b"]?.status == .ok, "\(String(describing: byNode["fleet-b"]))")
    #expect(byNode["fleet-c"]?.status == .failed)
    #expect(byNode["fleet-c"]?.exitCode == 5)
    #expect(byNode["fleet-c"]?.nodeError?.isEmpty == false, "\(String(describing: byNode["fleet-c"]))")

    // Each engine lost exactly its exited containers and dangling image; the third lost nothing. The
    // fleet's own pod containers are gone too.
    for (index, engine) in engines.enumerated() {
      let removedContainers = index < 2 ? litter[index].containers : []
      let removedImages: Set<String> = index < 2 ? [litter[index].image] : []
      #expect(try await engine.containerIDs() == before[index].0.subtracting(removedContainers))
      #expect(try await engine.imageIDs() == before[index].1.subtracting(removedImages))
      #expect(try await engine.podman(Self.podContainers).isEmpty)
    }

    var containers = 0
    var images = 0
    var reclaimed: Int64 = 0
    for node in report.nodes {
      guard case .prune(let prune)? = node.report else { continue }
      containers += prune.deleted.filter { $0.kind == .container }.count
      images += prune.deleted.filter { $0.kind == .image }.count
      reclaimed += prune.totals.reclaimedBytes
    }
    #expect(containers == 4 && images == 2)
    #expect(report.totals.prune?.containersRemoved == containers)
    #expect(report.totals.prune?.imagesRemoved == images)
    #expect(report.totals.prune?.reclaimedBytes == reclaimed)
    #expect(report.nodes.allSatisfy { $0.cleanup == "removed" })

    // disk usage on the same nodes: each engine's own figures, added up in the totals.
    let disk = try await cli.osbsctl(
      ["fleet", "disk"] + nodes + ["--image", Self.image, "--timeout", "2m", "-o", "json"],
      environment: sandbox.environment)
    let diskReport = try FleetCommandTests.report(disk)
    #expect(disk.exitCode == 1)
    #expect(diskReport.nodes.map(\.status) == [.ok, .ok, .failed])
    var size: Int64 = 0
    for node in diskReport.nodes {
      guard case .disk(let usage)? = node.report else { continue }
      #expect(usage.categories.contains { $0.type == "images" && $0.total >= 2 })
      size += usage.categories.reduce(0) { $0 + $1.sizeBytes }
    }
    #expect(diskReport.totals.disk?.sizeBytes == size)
    #expect(size > 0)
  }

  @Test func ovsCheckReportsTheStaleFlowsOfOneNodeAndNothingElsewhere() async throws {
    let engine = try await PodmanService.start()
    defer { engine.stop() }
    try await Self.buildImage(on: engine)
    let switches = [
      try await OpenVSwitch.start(), try await OpenVSwitch.start(), try await OpenVSwitch.start(),
    ]
    defer { for bridge in switches { bridge.stop() } }
    let gone = ["10.128.1.7", "10.128.1.9"]
    for bridge in switches { try await bridge.addFlows(SDNFlows.base(.openshift3)) }
    // Flows of pods that are gone, planted on the second node only: no pod of the cluster has the addresses.
    try await switches[1].addFlows(
      gone.enumerated().flatMap { SDNFlows.pod(.openshift3, ip: $1, port: 20 + $0) })
    let nodes = ["ovs-a", "ovs-b", "ovs-c"]
    // One engine plays every node's runtime; each node has its own root and bridge.
    let roots = try switches.map {
      try Self.nodeRoot(socket: engine.socketPath, ovsRunDirectory: $0.directory.path)
    }
    defer { for root in roots { root.remove() } }
    let sandbox = try await Self.sandbox((0..<3).map { (nodes[$0], engine.socketPath, roots[$0].path) })
    defer { sandbox.stop() }

    let cli = try CLI()
    let result = try await cli.osbsctl(
      ["fleet", "ovs-check"] + nodes + ["--image", Self.image, "--timeout", "2m", "-o", "json"],
      environment: sandbox.environment)
    let report = try FleetCommandTests.report(result)
    #expect(result.exitCode == 1, "\(result.stderr)")
    let byNode = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.node, $0) })
    for node in nodes {
      #expect(byNode[node]?.status == .ok, "\(String(describing: byNode[node]))")
    }
    guard case .ovsCheck(let stale)? = byNode["ovs-b"]?.report else {
      Issue.record("no ovs check report for ovs-b")
      return
    }
    #expect(Set(stale.stale.map(\.ip)) == Set(gone))
    #expect(byNode["ovs-b"]?.exitCode == 1)
    for node in ["ovs-a", "ovs-c"] {
      guard case .ovsCheck(let clean)? = byNode[node]?.report else {
        Issue.record("no ovs check report for \(node)")
        continue
      }
      #expect(clean.clean && clean.stale.isEmpty)
      #expect(byNode[node]?.exitCode == 0)
    }
    #expect(report.totals.flows?.stale == stale.stale.count)
    #expect(report.totals.flows?.cleanNodes == 2)
    #expect(try await engine.podman(Self.podContainers).isEmpty)
  }

  @Test func ctrlCDeletesThePodsAndANodeWithoutKubeletIsUnreachable() async throws {
    let engine = try await PodmanService.start()
    defer { engine.stop() }
    try await Self.buildImage(on: engine)
    // An engine that takes connections and never answers: the node commands wait until Ctrl-C.
    let scratch = try TemporaryDirectory(prefix: "fleet-hang")
    defer { scratch.remove() }
    let hungSocket = scratch.file("hung.sock")
    let listener = try ChildProcess(
      executable: "/usr/bin/python3",
      arguments: [
        "-c",
        "import socket,sys,time; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(64); time.sleep(600)",
        hungSocket,
      ])
    defer { _ = listener.stop(grace: .seconds(1)) }
    for _ in 0..<100 where !FileManager.default.fileExists(atPath: hungSocket) {
      try await Task.sleep(for: .milliseconds(50))
    }
    let roots = [try Self.nodeRoot(socket: hungSocket), try Self.nodeRoot(socket: hungSocket)]
    defer { for root in roots { root.remove() } }
    let sandbox = try await Self.sandbox([
      ("hang-a", engine.socketPath, roots[0].path), ("hang-b", engine.socketPath, roots[1].path),
    ])
    defer { sandbox.stop() }
    let cli = try CLI()

    // osbs-node01 is a node of the cluster with no kubelet: its pod is never started.
    let lost = try await cli.osbsctl(
      ["fleet", "disk", "osbs-node01", "--image", Self.image, "--timeout", "3s", "-o", "json"],
      environment: sandbox.environment)
    let lostReport = try FleetCommandTests.report(lost)
    #expect(lost.exitCode == 1)
    #expect(lostReport.nodes.map(\.status) == [.unreachable])
    #expect(lostReport.nodes.first?.cleanup == "removed")

    let running = try RunningCLI(
      cli, ["fleet", "disk", "hang-a", "hang-b", "--image", Self.image, "--timeout", "5m", "-o", "json"],
      environment: sandbox.environment)
    var started = false
    for _ in 0..<600 where !started {
      started =
        try await engine.podman(["ps", "--filter", "label=io.kubernetes.pod.name", "--format", "{{.Names}}"])
        .split(separator: "\n").count == 2
      if !started { try await Task.sleep(for: .milliseconds(100)) }
    }
    #expect(started)
    kill(running.child.pid, SIGINT)
    let result = await running.finish()
    #expect(result.exitCode == 2, "\(result.stderr)")
    let report = try FleetCommandTests.report(result)
    #expect(report.interrupted)
    #expect(report.nodes.map(\.status) == [.interrupted, .interrupted])
    #expect(report.nodes.allSatisfy { $0.cleanup == "removed" })
    #expect(try await engine.podman(Self.podContainers).isEmpty)
  }

  /// The names of the pods carrying `label` (a selector), cluster-wide, straight from the API.
  static func pods(labelled label: String, on sandbox: SandboxProcess) async throws -> [String] {
    let selector = label.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? label
    let body = try await sandbox.request("GET", "/api/v1/pods?labelSelector=\(selector)")
    let list = try JSONSerialization.jsonObject(with: body) as? [String: Any]
    return (list?["items"] as? [[String: Any]] ?? []).compactMap {
      ($0["metadata"] as? [String: Any])?["name"] as? String
    }.sorted()
  }

  @Test func probeOnThreeNodesGivesEachNodesVerdictFromItsOwnEngine() async throws {
    // Two engines: fleet-p1 has its own, fleet-p2 and fleet-p3 share one (each with its own root).
    let engines = [try await PodmanService.start(), try await PodmanService.start()]
    defer { for engine in engines { engine.stop() } }
    let probeImage = "localhost/probe-nc:fleet"
    for engine in engines {
      try await Self.buildImage(on: engine)
      try await engine.importBusyboxImage(tag: probeImage, applets: ["nc", "true"])
    }
    let sockets = [engines[0].socketPath, engines[1].socketPath, engines[1].socketPath]
    let roots = try sockets.map { try Self.nodeRoot(socket: $0) }
    defer { for root in roots { root.remove() } }
    let nodes = ["fleet-p1", "fleet-p2", "fleet-p3"]
    let sandbox = try await Self.sandbox((0..<3).map { (nodes[$0], sockets[$0], roots[$0].path) })
    defer { sandbox.stop() }
    let targets = try ProbeTargets()
    let cli = try CLI()
    // The test engines give containers no network of their own (netns none, where every loopback port
    // refuses): the probe container shares the node's, where the targets listen.
    func probe(_ port: UInt16) async throws -> (CLIResult, FleetReport) {
      let result = try await cli.osbsctl(
        ["fleet", "probe"] + nodes + [
          "--image", Self.image, "--timeout", "2m", "--probe-image", probeImage, "--probe-network", "host",
          "--target", targets.url(port: port), "--probe-timeout", "3s", "-o", "json",
        ],
        environment: sandbox.environment)
      return (result, try FleetCommandTests.report(result))
    }

    let (refused, healthy) = try await probe(targets.closedPort)
    #expect(refused.exitCode == 0, "\(refused.stdout)\n\(refused.stderr)")
    #expect(healthy.task == .probe && !healthy.interrupted)
    #expect(healthy.nodes.map(\.node) == nodes)
    #expect(healthy.nodes.map(\.status) == [.ok, .ok, .ok])
    for result in healthy.nodes {
      guard case .probe(let report)? = result.report else {
        Issue.record("no probe report for \(result.node): \(result.reason) \(result.logTail ?? [])")
        continue
      }
      #expect(report.mode == "local" && report.image == probeImage)
      #expect(report.target == targets.url(port: targets.closedPort))
      #expect(report.results.map(\.node) == [result.node])
      #expect(report.results.map(\.verdict) == [.refused])
      #expect(report.results.first?.evidence.cleanup == "removed")
      #expect(result.exitCode == 0 && result.cleanup == "removed")
    }
    #expect(healthy.totals.probeVerdicts == ["refused": 3])
    #expect(healthy.totals.nodes.ok == 3)

    let (open, exposed) = try await probe(targets.openPort)
    #expect(open.exitCode == 1, "\(open.stdout)\n\(open.stderr)")
    #expect(exposed.nodes.map(\.status) == [.ok, .ok, .ok])
    #expect(exposed.nodes.map(\.exitCode) == [1, 1, 1])
    var verdicts: [ProbeVerdict] = []
    for result in exposed.nodes {
      guard case .probe(let report)? = result.report else { continue }
      verdicts += report.results.map(\.verdict)
    }
    #expect(verdicts == [.connected, .connected, .connected])
    #expect(exposed.totals.probeVerdicts == ["connected": 3])

    // Ctrl-C while every node's probe hangs: the fleet deletes its pods, each pod's osbsctl gets the
    // kubelet's SIGTERM and removes the probe container it started on its node's engine.
    let running = try RunningCLI(
      cli,
      ["fleet", "probe"] + nodes + [
        "--image", Self.image, "--timeout", "2m", "--probe-image", probeImage, "--probe-network", "host",
        "--target", targets.url(port: targets.blackholePort), "--probe-timeout", "60s", "-o", "json",
      ], environment: sandbox.environment)
    let listProbes = ["ps", "-a", "--filter", "label=\(NetworkProbeRequest.label)", "--format", "{{.Names}}"]
    var probing = 0
    for _ in 0..<600 where probing < 3 {
      probing = 0
      for engine in engines { probing += try await engine.podman(listProbes).split(separator: "\n").count }
      if probing < 3 { try await Task.sleep(for: .milliseconds(100)) }
    }
    #expect(probing == 3)
    kill(running.child.pid, SIGINT)
    let interrupted = await running.finish()
    #expect(interrupted.exitCode == 2, "\(interrupted.stderr)")
    #expect(
      try FleetCommandTests.report(interrupted).nodes.map(\.status) == [
        .interrupted, .interrupted, .interrupted,
      ])

    // Nothing left anywhere: no fleet pod in the API, no pod container and no probe container on an engine.
    #expect(try await Self.pods(labelled: FleetTask.runLabel, on: sandbox).isEmpty)
    for engine in engines {
      #expect(try await engine.podman(Self.podContainers).isEmpty)
      let probes = try await engine.podman([
        "ps", "-a", "--filter", "label=\(NetworkProbeRequest.label)", "--format", "{{.Names}}",
      ])
      #expect(probes.isEmpty)
    }
  }

  @Test func cleanupRemovesThePodsOfAKilledFleet() async throws {
    // Nodes without a kubelet: the pods stay Pending, as those of a fleet killed while they waited.
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let cli = try CLI()
    let running = try RunningCLI(
      cli,
      [
        "fleet", "disk", "osbs-node01", "osbs-node02", "--image", Self.image, "--timeout", "5m", "-o", "json",
      ],
      environment: sandbox.environment)
    var left: [String] = []
    for _ in 0..<600 where left.count < 2 {
      left = try await Self.pods(labelled: FleetTask.runLabel, on: sandbox)
      if left.count < 2 { try await Task.sleep(for: .milliseconds(50)) }
    }
    #expect(left.count == 2)
    // SIGKILL: no chance to delete its pods.
    kill(running.child.pid, SIGKILL)
    _ = await running.finish()
    #expect(try await Self.pods(labelled: FleetTask.runLabel, on: sandbox) == left)

    func cleanup(_ arguments: [String], exitCode: Int32 = 0) async throws -> LeftoverPodCleanupReport {
      let result = try await cli.osbsctl(
        ["fleet", "cleanup", "-o", "json"] + arguments, environment: sandbox.environment)
      #expect(result.exitCode == exitCode, "\(result.stderr)")
      return try JSONDecoder().decode(LeftoverPodCleanupReport.self, from: Data(result.stdout.utf8))
    }
    let dryRun = try await cleanup(["--min-age", "0s"])
    #expect(dryRun.dryRun && dryRun.selector == FleetTask.runLabel)
    #expect(dryRun.pods.map(\.name) == left && dryRun.wouldDelete == 2 && dryRun.deleted == 0)
    #expect(Set(dryRun.pods.compactMap(\.node)) == ["osbs-node01", "osbs-node02"])
    #expect(try await Self.pods(labelled: FleetTask.runLabel, on: sandbox) == left)

    // Young pods may be a running fleet's: kept at the default age limit.
    let young = try await cleanup(["--confirm"])
    #expect(!young.dryRun && young.kept == 2 && young.deleted == 0)

    // Another run's id matches nothing; this one's, on one node, deletes that node's pod only.
    let other = try await cleanup(["--run", "0000000", "--min-age", "0s", "--confirm"])
    #expect(other.pods.isEmpty && other.selector == "\(FleetTask.runLabel)=0000000")
    let runID = try #require(left.first.map { String($0.split(separator: "-")[2]) })
    let onNode01 = try await cleanup(["--run", runID, "--min-age", "0s", "--confirm", "osbs-node01"])
    #expect(onNode01.deleted == 1 && onNode01.pods.map(\.node) == ["osbs-node01"])
    #expect(try await Self.pods(labelled: FleetTask.runLabel, on: sandbox).count == 1)

    let rest = try await cleanup(["--min-age", "0s", "--confirm"])
    #expect(rest.deleted == 1 && rest.failed == 0 && rest.pods.map(\.node) == ["osbs-node02"])
    #expect(try await Self.pods(labelled: FleetTask.runLabel, on: sandbox).isEmpty)
  }
}
