import Foundation
import OSBSKit
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `osbsctl fleet` against `FleetTestCluster`: the API requests are checked strictly, and the pods of
/// nodes that run execute the real node command against that node's real podman engine.
@Suite(.serialized) struct FleetCommandTests {
  static func report(_ result: CLIResult) throws -> FleetReport {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    do {
      return try decoder.decode(FleetReport.self, from: Data(result.stdout.utf8))
    } catch {
      throw FixtureError(
        "no fleet report (\(error)); exit \(String(describing: result.exitCode)):\n\(result.stdout)\n\(result.stderr)"
      )
    }
  }

  /// A node's root directory whose `var/run/docker.sock` is `socket`.
  static func nodeRoot(socket: String) throws -> TemporaryDirectory {
    let root = try TemporaryDirectory(prefix: "fleet-node")
    try root.makeSubdirectory("var/run")
    try FileManager.default.createSymbolicLink(
      atPath: root.file("var/run/docker.sock"), withDestinationPath: socket)
    return root
  }

  /// Exited containers and a dangling image (what `prune node` removes) beside a running container and
  /// the busybox image it uses (what it keeps).
  static func litter(_ engine: PodmanService, prefix: String) async throws -> (
    containers: Set<String>, image: String
  ) {
    var exited: Set<String> = []
    for index in 0..<2 { exited.insert(try await engine.exitedContainer(name: "\(prefix)-exited-\(index)")) }
    let dangling = try await engine.danglingImage(tag: "localhost/\(prefix)-scratch:latest")
    _ = try await engine.runningContainer(name: "\(prefix)-running")
    return (exited, dangling)
  }

  @Test func pruneConfirmRemovesEachEnginesLitterAndOneBadNodeStopsNoOther() async throws {
    let engineA = try await PodmanService.start()
    defer { engineA.stop() }
    let engineB = try await PodmanService.start()
    defer { engineB.stop() }
    let litterA = try await Self.litter(engineA, prefix: "a")
    let litterB = try await Self.litter(engineB, prefix: "b")
    let beforeA = (try await engineA.containerIDs(), try await engineA.imageIDs())
    let beforeB = (try await engineB.containerIDs(), try await engineB.imageIDs())
    let rootA = try Self.nodeRoot(socket: engineA.socketPath)
    let rootB = try Self.nodeRoot(socket: engineB.socketPath)
    // The node's engine is gone: its socket path points nowhere.
    let rootDead = try Self.nodeRoot(socket: "/nonexistent/podman.sock")
    defer {
      rootA.remove()
      rootB.remove()
      rootDead.remove()
    }
    let cluster = try FleetTestCluster(nodes: [
      .init(name: "node-a", behaviour: .runs(root: rootA.path)),
      .init(name: "node-b", behaviour: .runs(root: rootB.path)),
      .init(name: "node-dead", behaviour: .runs(root: rootDead.path)),
      .init(name: "node-cordoned", behaviour: .runs(root: rootA.path), cordoned: true),
      .init(name: "node-lost", behaviour: .neverStarts),
    ])
    let cli = try CLI()
    let result = try await cli.osbsctl(
      ["fleet", "prune", "--confirm", "--parallel", "5", "--timeout", "3s", "-o", "json"],
      environment: try cli.replayEnvironment(server: cluster.server.baseURL, namespace: cluster.namespace))
    let report = try Self.report(result)
    #expect(result.exitCode == 1, "\(result.stderr)")
    #expect(cluster.unexpected.isEmpty, "\(cluster.unexpected)")

    let status = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.node, $0.status) })
    #expect(
      status == [
        "node-a": .ok, "node-b": .ok, "node-dead": .failed, "node-cordoned": .skipped,
        "node-lost": .unreachable,
      ])
    let dead = try #require(report.nodes.first { $0.node == "node-dead" })
    #expect(dead.exitCode == 5)
    #expect(dead.nodeError?.contains("does not exist") == true, "\(dead)")

    // Each engine lost exactly its exited containers and its dangling image.
    let afterA = (try await engineA.containerIDs(), try await engineA.imageIDs())
    let afterB = (try await engineB.containerIDs(), try await engineB.imageIDs())
    #expect(afterA.0 == beforeA.0.subtracting(litterA.containers))
    #expect(afterB.0 == beforeB.0.subtracting(litterB.containers))
    #expect(afterA.1 == beforeA.1.subtracting([litterA.image]))
    #expect(afterB.1 == beforeB.1.subtracting([litterB.image]))

    // The totals are the nodes' reports added up.
    var sum = FleetTotals.Prune()
    for node in report.nodes {
      guard case .prune(let prune)? = node.report else { continue }
      sum.reclaimedBytes += prune.totals.reclaimedBytes
      sum.plannedBytes += prune.totals.plannedBytes
      sum.containersRemoved += prune.deleted.filter { $0.kind == .container }.count
      sum.imagesRemoved += prune.deleted.filter { $0.kind == .image }.count
    }
    let totals = try #require(report.totals.prune)
    #expect(totals.containersRemoved == 4 && sum.containersRemoved == 4)
    #expect(totals.imagesRemoved == 2 && sum.imagesRemoved == 2)
    #expect(totals.reclaimedBytes == sum.reclaimedBytes)
    #expect(totals.plannedBytes == sum.plannedBytes)
    #expect(report.totals.nodes.ok == 2 && report.totals.nodes.skipped == 1)

    // One pod per node that was not skipped, as the design says, and every one of them deleted.
    let pods = cluster.created
    #expect(Set(pods.map(\.node)) == ["node-a", "node-b", "node-dead", "node-lost"])
    #expect(cluster.remaining.isEmpty)
    #expect(Set(cluster.deleted) == Set(pods.map(\.name)))
    let manifest = try #require(pods.first { $0.node == "node-a" }?.manifest)
    let spec = try #require(manifest["spec"] as? [String: Any])
    #expect(spec["restartPolicy"] as? String == "Never")
    #expect(spec["automountServiceAccountToken"] as? Bool == false)
    #expect(spec["activeDeadlineSeconds"] as? Int == 4)
    let labels = (manifest["metadata"] as? [String: Any])?["labels"] as? [String: String]
    #expect(labels?[FleetTask.runLabel] == report.runID)
    let container = try #require((spec["containers"] as? [[String: Any]])?.first)
    #expect((container["args"] as? [String])?.contains("--confirm") == true)
    let security = container["securityContext"] as? [String: Any]
    #expect(security?["privileged"] as? Bool == false)
    #expect((security?["capabilities"] as? [String: Any])?["drop"] as? [String] == ["ALL"])
    let volumes = spec["volumes"] as? [[String: Any]]
    #expect((volumes?.first?["hostPath"] as? [String: Any])?["path"] as? String == "/var/run/docker.sock")
  }

  @Test func dryRunPlansAndAReportThatIsNotTheNodesIsFailedWithItsEvidence() async throws {
    let engine = try await PodmanService.start()
    defer { engine.stop() }
    let litter = try await Self.litter(engine, prefix: "d")
    let before = try await engine.containerIDs()
    let root = try Self.nodeRoot(socket: engine.socketPath)
    defer { root.remove() }
    // Output that is JSON but not a prune report, and output that is no report at all.
    let cluster = try FleetTestCluster(nodes: [
      .init(name: "node-a", behaviour: .runs(root: root.path)),
      .init(name: "node-odd", behaviour: .prints("{\n  \"hello\" : \"world\"\n}\n", exitCode: 0)),
      .init(name: "node-garbage", behaviour: .prints("Segmentation fault\n", exitCode: 139)),
      .init(name: "node-notready", behaviour: .runs(root: root.path), ready: false),
    ])
    let cli = try CLI()
    let result = try await cli.osbsctl(
      ["fleet", "prune", "-l", "fleet=yes", "-o", "json"],
      environment: try cli.replayEnvironment(server: cluster.server.baseURL, namespace: cluster.namespace))
    let report = try Self.report(result)
    #expect(result.exitCode == 1)
    #expect(cluster.unexpected.isEmpty, "\(cluster.unexpected)")
    #expect(report.dryRun)
    #expect(try await engine.containerIDs() == before)
    let byNode = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.node, $0) })
    #expect(byNode["node-a"]?.status == .ok)
    #expect(report.totals.prune?.containersPlanned == litter.containers.count)
    #expect(report.totals.prune?.imagesPlanned == 1)
    #expect(report.totals.prune?.containersRemoved == 0)
    #expect(byNode["node-odd"]?.status == .failed)
    #expect(
      byNode["node-odd"]?.reason.contains("not a prune report") == true,
      "\(String(describing: byNode["node-odd"]))")
    #expect(byNode["node-garbage"]?.status == .failed)
    #expect(byNode["node-garbage"]?.logTail == ["Segmentation fault"])
    #expect(byNode["node-garbage"]?.exitCode == 139)
    #expect(byNode["node-notready"]?.status == .skipped)
    let args = cluster.created.first { $0.node == "node-a" }.flatMap {
      (($0.manifest["spec"] as? [String: Any])?["containers"] as? [[String: Any]])?.first?["args"]
        as? [String]
    }
    #expect(args?.contains("--dry-run") == true)
    #expect(cluster.remaining.isEmpty)
  }

  @Test func ctrlCDeletesThePodsAndPrintsWhatFinished() async throws {
    let cluster = try FleetTestCluster(nodes: [
      .init(name: "node-done", behaviour: .prints("not a report\n", exitCode: 1)),
      .init(name: "node-slow-1", behaviour: .hangs),
      .init(name: "node-slow-2", behaviour: .hangs),
      .init(name: "node-waiting", behaviour: .hangs),
    ])
    let cli = try CLI()
    let running = try RunningCLI(
      cli, ["fleet", "disk", "--parallel", "3", "--timeout", "10m", "-o", "json"],
      environment: try cli.replayEnvironment(server: cluster.server.baseURL, namespace: cluster.namespace))
    var started = false
    for _ in 0..<300 where !started {
      started = cluster.created.count >= 3
      if !started { try await Task.sleep(for: .milliseconds(100)) }
    }
    #expect(started)
    // node-done's pod has finished, been read and deleted: its outcome is settled before Ctrl-C.
    let donePod = cluster.created.first { $0.node == "node-done" }?.name
    for _ in 0..<300 where !cluster.deleted.contains(donePod ?? "") {
      try await Task.sleep(for: .milliseconds(20))
    }
    #expect(donePod.map(cluster.deleted.contains) == true)
    kill(running.child.pid, SIGINT)
    let result = await running.finish()
    #expect(result.exitCode == 2, "\(result.stderr)")
    let report = try Self.report(result)
    #expect(report.interrupted)
    #expect(cluster.unexpected.isEmpty, "\(cluster.unexpected)")
    #expect(cluster.remaining.isEmpty, "pods left: \(cluster.remaining)")
    let byNode = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.node, $0) })
    #expect(byNode["node-done"]?.status == .failed)
    #expect(byNode["node-slow-1"]?.status == .interrupted)
    #expect(byNode["node-slow-1"]?.cleanup == "removed")
    #expect(report.nodes.filter { $0.status == .interrupted }.count == 3)
  }

  @Test func badInputIsAUsageError() async throws {
    let cli = try CLI()
    for arguments in [
      ["fleet", "prune", "node-a", "-l", "x=y"], ["fleet", "disk", "--parallel", "0"],
      ["fleet", "ovs-check", "--timeout", "soon"], ["fleet", "probe", "--probe-timeout", "0s"],
      ["fleet", "cleanup", "node-a", "-l", "x=y"], ["fleet", "cleanup", "--min-age", "soon"],
      ["fleet", "cleanup", "--run", "a,b"],
    ] {
      let result = try await cli.osbsctl(arguments)
      #expect(result.exitCode == 64, "\(arguments): \(result.stderr)")
    }
  }
}
