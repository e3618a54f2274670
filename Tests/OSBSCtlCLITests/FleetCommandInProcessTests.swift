import Foundation
import OSBSKit
import TestSupport
import Testing

/// `fleet prune`, `fleet disk`, `fleet ovs-check` and `fleet probe` in process, over libcurl to
/// `FleetTestCluster` on loopback: the cluster answers only the requests the fleet is meant to make and
/// records any other, and its nodes' pods print what the real node commands printed
/// (Fixtures/fleet-node-reports). Ctrl-C is left to FleetCommandTests: an in-process run does not handle
/// signals (`RunSurroundings.handlesInterrupts`), and a test process must not be sent SIGINT or SIGTERM.
@Suite("fleet commands in process against a strict fake cluster")
struct FleetCommandInProcessTests {
  typealias Cluster = FleetTestCluster

  static let socketArguments = ["--host", "unix://" + FleetTask.dockerSocket]

  /// A node command's captured output.
  static func nodeOutput(_ name: String) throws -> String {
    String(decoding: try Recordings.data("fleet-node-reports/" + name), as: UTF8.self)
  }

  static func report(_ run: CommandRun) throws -> FleetReport {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    do {
      return try decoder.decode(FleetReport.self, from: Data(run.stdout.utf8))
    } catch {
      throw FixtureError("no fleet report (\(error)):\n\(run)")
    }
  }

  /// Runs `arguments` in process against `cluster`; the cluster must have seen nothing unexpected and
  /// hold no pod afterwards, and every pod it made must have been deleted.
  static func run(_ arguments: [String], on cluster: Cluster) async throws -> (CommandRun, FleetReport) {
    let cli = try InProcessCLI(openShiftAPI: cluster.server.baseURL, namespace: cluster.namespace)
    defer { cli.removeHome() }
    let run = await cli.runOnNetwork(arguments)
    #expect(run.requests.isEmpty, "no Docker request or program run: \(run)")
    #expect(cluster.unexpected.isEmpty, "\(cluster.unexpected)")
    #expect(cluster.remaining.isEmpty, "pods left: \(cluster.remaining)")
    #expect(Set(cluster.deleted) == Set(cluster.created.map(\.name)))
    return (run, try report(run))
  }

  static func byNode(_ report: FleetReport) -> [String: FleetNodeResult] {
    Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.node, $0) })
  }

  /// What the pod made for `node` asked of the node: its spec, container and labels.
  struct PodShape {
    var spec: [String: Any]
    var container: [String: Any]
    var labels: [String: String]

    init(_ cluster: Cluster, node: String) throws {
      let pods = cluster.created.filter { $0.node == node }
      guard pods.count == 1, let manifest = pods.first?.manifest else {
        throw FixtureError("\(pods.count) pods on \(node)")
      }
      spec = try #require(manifest["spec"] as? [String: Any])
      container = try #require((spec["containers"] as? [[String: Any]])?.first)
      labels = (manifest["metadata"] as? [String: Any])?["labels"] as? [String: String] ?? [:]
    }

    var nodeName: String? { spec["nodeName"] as? String }
    var arguments: [String] { container["args"] as? [String] ?? [] }
    var hostPaths: [String: String] {
      var paths: [String: String] = [:]
      for volume in spec["volumes"] as? [[String: Any]] ?? [] {
        guard let hostPath = volume["hostPath"] as? [String: Any], let path = hostPath["path"] as? String
        else { continue }
        paths[path] = hostPath["type"] as? String
      }
      return paths
    }
    var mountPaths: [String] {
      (container["volumeMounts"] as? [[String: Any]] ?? []).compactMap { $0["mountPath"] as? String }
    }

    /// What every fleet pod is: pinned, run once, no token, root without capabilities, this run's labels.
    func expectFleetPod(node: String, task: FleetTask, report: FleetReport, deadline: Int) {
      #expect(nodeName == node)
      #expect(spec["restartPolicy"] as? String == "Never")
      #expect(spec["automountServiceAccountToken"] as? Bool == false)
      #expect(spec["activeDeadlineSeconds"] as? Int == deadline)
      #expect(container["image"] as? String == report.image)
      #expect(container["command"] as? [String] == ["osbsctl"])
      let security = container["securityContext"] as? [String: Any]
      #expect(security?["privileged"] as? Bool == false)
      #expect((security?["capabilities"] as? [String: Any])?["drop"] as? [String] == ["ALL"])
      #expect(labels == [FleetTask.runLabel: report.runID, FleetTask.taskLabel: task.rawValue])
    }
  }

  // MARK: fleet prune

  @Test func pruneDryRunAddsUpThePlansAndSaysWhyEachOtherNodeGaveNone() async throws {
    let dryRun = try Self.nodeOutput("prune-node-dry-run.json")
    let cluster = try Cluster(nodes: [
      .init(name: "node-a", behaviour: .prints(dryRun, exitCode: 0)),
      .init(name: "node-b", behaviour: .prints(dryRun, exitCode: 0)),
      .init(name: "node-garbage", behaviour: .prints("Segmentation fault\n", exitCode: 139)),
      .init(
        name: "node-deleted", behaviour: .prints(try Self.nodeOutput("prune-node-confirm.json"), exitCode: 0)),
      .init(name: "node-disk", behaviour: .prints(try Self.nodeOutput("disk-usage.json"), exitCode: 0)),
      .init(name: "node-cordoned", behaviour: .prints(dryRun, exitCode: 0), cordoned: true),
      .init(name: "node-notready", behaviour: .prints(dryRun, exitCode: 0), ready: false),
      .init(name: "node-lost", behaviour: .neverStarts),
    ])
    let (run, report) = try await Self.run(
      ["fleet", "prune", "-l", "fleet=yes", "--timeout", "3s", "-o", "json"], on: cluster)
    #expect(run.status == 1, "\(run)")
    #expect(report.task == .prune && report.dryRun && !report.interrupted)
    let nodes = Self.byNode(report)
    #expect(
      nodes.mapValues(\.status) == [
        "node-a": .ok, "node-b": .ok, "node-garbage": .failed, "node-deleted": .failed, "node-disk": .failed,
        "node-cordoned": .skipped, "node-notready": .skipped, "node-lost": .unreachable,
      ])
    // The report order is the API's node order.
    #expect(report.nodes.map(\.node) == cluster.nodeNames)

    #expect(nodes["node-a"]?.exitCode == 0 && nodes["node-a"]?.reason == "would remove 3 (7429 bytes)")
    guard case .prune(let plan)? = nodes["node-a"]?.report else {
      Issue.record("node-a: no prune report")
      return
    }
    #expect(plan.scope == "node" && plan.planned.count == 3 && plan.deleted.isEmpty)
    let garbage = nodes["node-garbage"]
    #expect(garbage?.exitCode == 139 && garbage?.logTail == ["Segmentation fault"])
    #expect(garbage?.reason == "the log holds no JSON report" && garbage?.report == nil)
    #expect(nodes["node-deleted"]?.reason == "the report is not this run's: it deleted on a dry run")
    #expect(
      nodes["node-disk"]?.reason.hasPrefix("the log's JSON is not a prune report") == true,
      "\(String(describing: nodes["node-disk"]))")
    #expect(nodes["node-cordoned"]?.reason.hasPrefix("cordoned (SchedulingDisabled)") == true)
    #expect(nodes["node-notready"]?.reason.hasPrefix("the node is NotReady") == true)
    let lost = nodes["node-lost"]
    #expect(lost?.reason.hasPrefix("the pod never ran within 3s") == true, "\(String(describing: lost))")
    #expect(lost?.cleanup == "removed" && lost?.exitCode == nil)

    var expected = FleetTotals.Prune()
    expected.containersPlanned = 4
    expected.imagesPlanned = 2
    expected.plannedBytes = 2 * 7429
    #expect(report.totals.prune == expected)
    #expect(report.totals.disk == nil && report.totals.flows == nil && report.totals.probeVerdicts == nil)
    let counts = report.totals.nodes
    #expect(
      [counts.selected, counts.ok, counts.failed, counts.skipped, counts.unreachable, counts.interrupted]
        == [8, 2, 3, 2, 1, 0] as [Int])

    // One pod per node not skipped, each pinned to its node, running the dry run on its Docker socket.
    #expect(
      Set(cluster.created.map(\.node))
        == ["node-a", "node-b", "node-garbage", "node-deleted", "node-disk", "node-lost"])
    for node in ["node-a", "node-lost"] {
      let pod = try PodShape(cluster, node: node)
      pod.expectFleetPod(node: node, task: .prune, report: report, deadline: 4)
      #expect(
        pod.arguments == ["prune", "node"] + Self.socketArguments + ["--dry-run", "-o", "json", "--quiet"])
      #expect(pod.hostPaths == [FleetTask.dockerSocket: "Socket"])
      #expect(pod.mountPaths == [FleetTask.dockerSocket])
      #expect(!pod.spec.keys.contains("hostNetwork"))
    }
  }

  @Test func pruneConfirmAddsUpWhatWasRemovedAndKeepsTheNodesError() async throws {
    let removed = try Self.nodeOutput("prune-node-confirm.json")
    let cluster = try Cluster(nodes: [
      .init(name: "node-a", behaviour: .prints(removed, exitCode: 0)),
      .init(name: "node-b", behaviour: .prints(removed, exitCode: 0)),
      .init(
        name: "node-dead", behaviour: .prints(try Self.nodeOutput("prune-node-no-engine.log"), exitCode: 5)),
      .init(
        name: "node-planned", behaviour: .prints(try Self.nodeOutput("prune-node-dry-run.json"), exitCode: 0)),
    ])
    let (run, report) = try await Self.run(
      [
        "fleet", "prune", "--confirm", "--parallel", "2", "--image", "registry.example/osbsctl:1", "-o",
        "json",
      ],
      on: cluster)
    #expect(run.status == 1, "\(run)")
    #expect(!report.dryRun && report.image == "registry.example/osbsctl:1")
    let nodes = Self.byNode(report)
    #expect(
      nodes.mapValues(\.status) == [
        "node-a": .ok, "node-b": .ok, "node-dead": .failed, "node-planned": .failed,
      ])
    #expect(nodes["node-a"]?.reason == "removed 3 of 3 (7429 bytes), 0 failed")
    let dead = nodes["node-dead"]
    #expect(dead?.exitCode == 5)
    #expect(
      dead?.nodeError?.hasPrefix("cannot reach the Docker engine: the socket /var/run/docker.sock") == true)
    #expect(dead?.reason.hasPrefix("the node command failed: cannot reach the Docker engine") == true)
    #expect(dead?.logTail?.count == 1)
    #expect(
      nodes["node-planned"]?.reason == "the report is not this run's: it is a dry run, deletion was confirmed"
    )

    var expected = FleetTotals.Prune()
    expected.containersPlanned = 4
    expected.imagesPlanned = 2
    expected.plannedBytes = 2 * 7429
    expected.containersRemoved = 4
    expected.imagesRemoved = 2
    expected.reclaimedBytes = 2 * 7429
    #expect(report.totals.prune == expected)
    #expect(report.totals.nodes.ok == 2 && report.totals.nodes.failed == 2)

    let pod = try PodShape(cluster, node: "node-b")
    // The default --timeout is 5m: the pod's deadline is one second past it.
    pod.expectFleetPod(node: "node-b", task: .prune, report: report, deadline: 301)
    #expect(
      pod.arguments == ["prune", "node"] + Self.socketArguments + ["--confirm", "-o", "json", "--quiet"])
  }

  /// The table a person reads: one line per node, then the counts and what the prune would free.
  @Test func pruneTableListsEachNodeAndTheTotals() async throws {
    let cluster = try Cluster(nodes: [
      .init(name: "node-a", behaviour: .prints(try Self.nodeOutput("prune-node-dry-run.json"), exitCode: 0)),
      .init(name: "node-cordoned", behaviour: .neverStarts, cordoned: true),
    ])
    let cli = try InProcessCLI(openShiftAPI: cluster.server.baseURL, namespace: cluster.namespace)
    defer { cli.removeHome() }
    let run = await cli.runOnNetwork(["fleet", "prune", "-o", "wide"])
    #expect(run.status == 0, "\(run)")
    #expect(cluster.unexpected.isEmpty && cluster.remaining.isEmpty, "\(cluster.unexpected)")
    let lines = run.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    #expect(lines.first == ["NODE", "STATUS", "EXIT", "REASON", "POD", "CLEANUP"], "\(run)")
    let nodeA = lines.first { $0.first == "node-a" } ?? []
    #expect(Array(nodeA.prefix(3)) == ["node-a", "ok", "0"], "\(run)")
    #expect(nodeA.last == "removed" && nodeA.contains(cluster.created.first?.name ?? "?"), "\(run)")
    #expect(lines.contains { Array($0.prefix(3)) == ["node-cordoned", "skipped", "-"] }, "\(run)")
    #expect(run.stdout.contains("1 ok, 0 failed, 1 skipped, 0 unreachable"), "\(run)")
    #expect(
      run.stdout.contains("would remove 2 containers and 1 images (7429 bytes); --confirm removes them"),
      "\(run)")
  }

  // MARK: fleet disk

  @Test func diskReadsEachEnginesUsageAndRefusesAnotherCommandsReport() async throws {
    let usage = try Self.nodeOutput("disk-usage.json")
    let happy = try Cluster(nodes: [.init(name: "node-a", behaviour: .prints(usage, exitCode: 0))])
    let (run, report) = try await Self.run(["fleet", "disk", "node-a", "-o", "json"], on: happy)
    #expect(run.status == 0, "\(run)")
    #expect(report.task == .disk && report.nodes.map(\.status) == [.ok])
    #expect(report.nodes.first?.reason == "14834 bytes reclaimable")
    // The captured report's images and containers categories (volumes and build cache are empty).
    #expect(report.totals.disk?.sizeBytes == Int64(2_012_722 + 36))
    #expect(report.totals.disk?.reclaimableBytes == Int64(14_810 + 24))
    #expect(report.totals.prune == nil)
    let pod = try PodShape(happy, node: "node-a")
    pod.expectFleetPod(node: "node-a", task: .disk, report: report, deadline: 301)
    #expect(pod.arguments == ["disk", "usage"] + Self.socketArguments + ["-o", "json", "--quiet"])
    #expect(pod.hostPaths == [FleetTask.dockerSocket: "Socket"])

    let mixed = try Cluster(nodes: [
      .init(name: "node-a", behaviour: .prints(usage, exitCode: 0)),
      .init(
        name: "node-pruned", behaviour: .prints(try Self.nodeOutput("prune-node-dry-run.json"), exitCode: 0)),
    ])
    let (mixedRun, mixedReport) = try await Self.run(["fleet", "disk", "-o", "json"], on: mixed)
    #expect(mixedRun.status == 1, "\(mixedRun)")
    let nodes = Self.byNode(mixedReport)
    #expect(nodes["node-a"]?.status == .ok)
    #expect(nodes["node-pruned"]?.status == .failed && nodes["node-pruned"]?.report == nil)
    #expect(
      nodes["node-pruned"]?.reason.hasPrefix("the log's JSON is not a disk report") == true,
      "\(String(describing: nodes["node-pruned"]))")
    #expect(mixedReport.totals.disk == report.totals.disk)
  }

  // MARK: fleet ovs-check

  /// A running pod on `node` with `ip`, as the API lists it.
  static func livePod(_ name: String, node: String, ip: String) -> [String: Any] {
    [
      "kind": "Pod", "apiVersion": "v1",
      "metadata": ["name": name, "namespace": "osbs", "uid": "uid-" + name],
      "spec": ["nodeName": node, "containers": [["name": "app", "image": "app:1"]]],
      "status": ["phase": "Running", "podIP": ip, "hostIP": "10.0.0.1"],
    ]
  }

  /// The three pods whose per-pod flows the captured bridge holds.
  static func nodeAPods() -> [[String: Any]] {
    [
      livePod("app-1", node: "node-a", ip: "10.129.1.108"),
      livePod("app-2", node: "node-a", ip: "10.129.1.168"),
      livePod("app-3", node: "node-a", ip: "10.128.1.7"),
    ]
  }

  @Test func ovsCheckHandsEachPodItsNodesLivePodsAndRefusesAnotherNodesReport() async throws {
    let clean = try Self.nodeOutput("ovs-check-clean.json")
    let cluster = try Cluster(
      nodes: [
        .init(name: "node-a", behaviour: .prints(clean, exitCode: 0)),
        // node-a's report printed on node-b, and a report of another command.
        .init(name: "node-b", behaviour: .prints(clean, exitCode: 0)),
        .init(
          name: "node-c",
          behaviour: .prints(try Self.nodeOutput("node-probe-local-refused.json"), exitCode: 0)),
      ],
      nodePods: ["node-a": Self.nodeAPods()])
    let (run, report) = try await Self.run(
      ["fleet", "ovs-check", "--bridge", "br0", "--parallel", "1", "-o", "json"], on: cluster)
    #expect(run.status == 1, "\(run)")
    let nodes = Self.byNode(report)
    #expect(nodes.mapValues(\.status) == ["node-a": .ok, "node-b": .failed, "node-c": .failed])
    #expect(nodes["node-a"]?.reason == "0 stale, 0 missing, 0 conflicts in 15 per-pod flows")
    #expect(nodes["node-b"]?.reason == "the report is not this run's: it checked node node-a")
    #expect(
      nodes["node-c"]?.reason.hasPrefix("the log's JSON is not a ovs-check report") == true,
      "\(String(describing: nodes["node-c"]))")
    let flows = try #require(report.totals.flows)
    #expect([flows.stale, flows.missing, flows.conflicts, flows.cleanNodes] == [0, 0, 0, 1] as [Int])

    let pod = try PodShape(cluster, node: "node-a")
    pod.expectFleetPod(node: "node-a", task: .ovsCheck, report: report, deadline: 301)
    #expect(pod.spec["hostNetwork"] as? Bool == true)
    #expect(pod.hostPaths == [FleetTask.openVSwitchRunDirectory: "Directory"])
    #expect(pod.mountPaths == [FleetTask.openVSwitchRunDirectory])
    let arguments = pod.arguments
    #expect(Array(arguments.prefix(5)) == ["ovs", "check", "--node", "node-a", "--pods-json"])
    #expect(Array(arguments.dropFirst(6)) == ["--bridge", "br0", "-o", "json", "--quiet"])
    // The pods the fleet listed on node-a, in the PodList the node command reads.
    let podsJSON = arguments.count > 5 ? arguments[5] : ""
    let listed = try #require(
      try JSONSerialization.jsonObject(with: Data(podsJSON.utf8)) as? [String: Any])
    let items = listed["items"] as? [[String: Any]] ?? []
    #expect(
      items.compactMap { ($0["status"] as? [String: Any])?["podIP"] as? String }
        == ["10.129.1.108", "10.129.1.168", "10.128.1.7"])
    #expect(
      items.allSatisfy { ($0["spec"] as? [String: Any])?["nodeName"] as? String == "node-a" })
    // node-b has no pods: its pod is given an empty list.
    let nodeBArguments = try PodShape(cluster, node: "node-b").arguments
    let emptyList = nodeBArguments.count > 5 ? nodeBArguments[5] : ""
    #expect(emptyList.contains(#""items":[]"#), "\(emptyList)")
  }

  @Test func ovsCheckFindingsAreReportedAndMakeTheRunFail() async throws {
    let cluster = try Cluster(
      nodes: [
        .init(name: "node-a", behaviour: .prints(try Self.nodeOutput("ovs-check-stale.json"), exitCode: 1))
      ],
      nodePods: ["node-a": Array(Self.nodeAPods().prefix(2))])
    let (run, report) = try await Self.run(["fleet", "ovs-check", "node-a", "-o", "json"], on: cluster)
    // The node reported (ok), but its command found stale flows (exit 1): the run fails.
    #expect(run.status == 1, "\(run)")
    #expect(report.nodes.map(\.status) == [.ok] && report.nodes.first?.exitCode == 1)
    let flows = try #require(report.totals.flows)
    #expect([flows.stale, flows.missing, flows.conflicts, flows.cleanNodes] == [5, 0, 0, 0] as [Int])
    #expect(!(try PodShape(cluster, node: "node-a").arguments.contains("--bridge")))
    // The node's pods are listed again after the findings; they had not changed, so one check stands.
    #expect(cluster.podListings == ["node-a": 2])
    #expect(cluster.created.count == 1 && report.nodes.first?.recheck == nil)
  }

  /// A pod that started on the node while the check's pod was starting owns flows the list given to the
  /// check cannot explain: the node is checked again with a new list, and the first check is kept as
  /// evidence.
  @Test func ovsCheckFindingsWhileTheNodesPodsChangedAreCheckedAgain() async throws {
    let cluster = try Cluster(
      nodes: [
        .init(name: "node-a", behaviour: .prints(try Self.nodeOutput("ovs-check-stale.json"), exitCode: 1))
      ],
      nodePods: ["node-a": Array(Self.nodeAPods().prefix(2))],
      laterNodePods: ["node-a": Array(Self.nodeAPods().suffix(2))])
    let (run, report) = try await Self.run(["fleet", "ovs-check", "node-a", "-o", "json"], on: cluster)
    #expect(run.status == 1, "\(run)")
    #expect(cluster.podListings == ["node-a": 2])
    let pods = cluster.created
    #expect(pods.count == 2, "\(pods.map(\.name))")
    let node = try #require(report.nodes.first)
    let recheck = try #require(node.recheck, "\(run)")
    #expect(recheck.podsStarted == ["osbs/app-3"] && recheck.podsGone == ["osbs/app-1"])
    #expect(recheck.firstPodName == pods.first?.name && recheck.firstExitCode == 1)
    #expect(recheck.firstCleanup == "removed" && recheck.firstReason.contains("stale"))
    #expect(node.pod == pods.last?.name && node.exitCode == 1)
    #expect(node.reason.hasPrefix("checked again, its pods having changed (1 started, 1 gone): "), "\(node)")
    // The second pod was given the new list.
    let second = try #require(pods.last)
    let arguments =
      ((second.manifest["spec"] as? [String: Any])?["containers"] as? [[String: Any]])?.first?[
        "args"] as? [String] ?? []
    let list = arguments.count > 5 ? arguments[5] : ""
    #expect(list.contains("10.128.1.7") && !list.contains("10.129.1.108"), "\(list)")
    #expect(Set(cluster.deleted) == Set(pods.map(\.name)))
  }

  // MARK: fleet probe

  @Test func probeCountsVerdictsAndRefusesAReportForAnotherNodeOrCommand() async throws {
    let refused = try Self.nodeOutput("node-probe-local-refused.json")
    let probe = [
      "--probe-image", "localhost/probe-nc:latest", "--target", "http://127.0.0.1:47001", "--probe-timeout",
      "2s", "--probe-network", "host", "-o", "json",
    ]
    let happy = try Cluster(nodes: [.init(name: "node-a", behaviour: .prints(refused, exitCode: 0))])
    let (run, report) = try await Self.run(["fleet", "probe", "node-a"] + probe, on: happy)
    #expect(run.status == 0, "\(run)")
    #expect(report.task == .probe && report.nodes.map(\.status) == [.ok])
    #expect(report.nodes.first?.reason == "refused: nc could not connect: refused")
    #expect(report.totals.probeVerdicts == ["refused": 1])
    let pod = try PodShape(happy, node: "node-a")
    pod.expectFleetPod(node: "node-a", task: .probe, report: report, deadline: 301)
    // The arguments the captured report was made with.
    #expect(
      pod.arguments == [
        "node", "probe", "--local", "node-a", "--image", "localhost/probe-nc:latest", "--target",
        "http://127.0.0.1:47001", "--timeout", "2s", "--network", "host",
      ] + Self.socketArguments + ["-o", "json", "--quiet"])
    #expect(pod.hostPaths == [FleetTask.dockerSocket: "Socket"])

    let mixed = try Cluster(nodes: [
      .init(name: "node-a", behaviour: .prints(refused, exitCode: 0)),
      .init(name: "node-b", behaviour: .prints(refused, exitCode: 0)),
      .init(name: "node-c", behaviour: .prints(try Self.nodeOutput("disk-usage.json"), exitCode: 0)),
    ])
    let (mixedRun, mixedReport) = try await Self.run(["fleet", "probe"] + probe, on: mixed)
    #expect(mixedRun.status == 1, "\(mixedRun)")
    let nodes = Self.byNode(mixedReport)
    #expect(nodes.mapValues(\.status) == ["node-a": .ok, "node-b": .failed, "node-c": .failed])
    #expect(nodes["node-b"]?.reason == #"the report is not this run's: it probed ["node-a"], not node-b"#)
    #expect(
      nodes["node-c"]?.reason.hasPrefix("the log's JSON is not a probe report") == true,
      "\(String(describing: nodes["node-c"]))")
    #expect(mixedReport.totals.probeVerdicts == ["refused": 1])
    #expect(
      Array(try PodShape(mixed, node: "node-b").arguments.prefix(4)) == [
        "node", "probe", "--local", "node-b",
      ])
  }
}
