import Foundation
import TestSupport
import Testing

@testable import OSBSKit

/// Every report's JSON, from a fixed input, compared byte for byte with a committed file in
/// `Fixtures/Golden/` (docs/json.md is the vocabulary they follow). The comparison is on text, never by
/// decoding with the same Codable type, so a renamed or dropped key fails here.
/// `OSBSCTL_UPDATE_GOLDEN=1 swift test --filter ReportGoldenTests` rewrites the files; review the diff.
@Suite("report JSON golden files")
struct ReportGoldenTests {
  static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/Golden")

  static func check<T: Encodable>(_ name: String, _ value: T) throws {
    var data = try ReportJSON.data(value, pretty: true)
    // -o json writes JSONText's bytes; they must be JSONEncoder's, pretty and compact.
    #expect(data == (try ReportJSON.encoder(pretty: true).encode(value)), "\(name): JSONText differs")
    #expect(
      try ReportJSON.data(value, pretty: false) == ReportJSON.encoder(pretty: false).encode(value),
      "\(name): compact JSONText differs")
    // Table rows and YAML are made from JSONTreeEncoder's tree: it must be this JSON's tree.
    #expect(try JSONTreeEncoder().encode(value) == JSONTree(json: data), "\(name): JSONTreeEncoder differs")
    data.append(0x0A)
    let file = goldenDirectory.appendingPathComponent(name + ".json")
    if ProcessInfo.processInfo.environment["OSBSCTL_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
      try data.write(to: file)
      return
    }
    let expected = try #require(
      FileManager.default.contents(atPath: file.path),
      "no golden file \(name).json: run with OSBSCTL_UPDATE_GOLDEN=1 to write it")
    let got = String(decoding: data, as: UTF8.self)
    let want = String(decoding: expected, as: UTF8.self)
    #expect(got == want, "\(name).json differs from the report's JSON:\n\(got)")
  }

  // Fixed inputs: real recorded objects where a report is made from one, fixed values elsewhere.
  static let epoch = Date(timeIntervalSince1970: 1_733_000_000)

  static func wire<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
    try OpenShiftWireRecordingTests.decode(type, path)
  }

  static func build() throws -> Build { try wire(Build.self, "v3.9.41/build_test-build-123.json") }
  static func node() throws -> Node { try wire(Node.self, "extra/insights/node_worker-0.json") }
  static func pods() throws -> [Pod] { try wire(ObjectList<Pod>.self, "v3.9.41-2018/pods.json").items }

  static let task = KojiTaskInfo(
    id: 12_345, state: .closed, method: "buildContainer", arch: "noarch", label: nil, parent: nil, hostID: 7,
    owner: 3, priority: 20, created: epoch, started: epoch.addingTimeInterval(5),
    completed: epoch.addingTimeInterval(600))

  // MARK: Koji

  @Test func version() throws {
    try Self.check(
      "version",
      VersionReport(
        version: "0.9.0",
        libcurl: LibcurlInfo(version: "8.9.1", features: ["SPNEGO"], sslVersion: "OpenSSL/3.2.2")))
  }

  @Test func taskInfo() throws {
    var report = KojiTaskReport(
      task: Self.task, host: "buildvm-01.example.org", owner: "builder1",
      children: [
        KojiTaskInfo(id: 12_346, state: .failed, method: "createContainer", arch: "x86_64", parent: 12_345)
      ],
      logs: ["x86_64.log"],
      result: .object([
        "koji_builds": .array([.string("991")]), "repositories": .array([.string("registry/app:1")]),
      ]),
      failure: nil, url: "https://koji.example.org/koji/taskinfo?taskID=12345")
    report.builds = [KojiBuildReference(id: 991, nvr: "app-1.0-1")]
    try Self.check("task-info", report)
  }

  @Test func taskCancel() throws {
    try Self.check(
      "task-cancel",
      KojiCancelReport(
        dryRun: false,
        tasks: [
          .init(taskId: 1, outcome: .cancelled, stateBefore: .open, stateAfter: .canceled),
          .init(taskId: 2, outcome: .refused, stateBefore: .open, error: "not owner", faultCode: 1004),
        ]))
  }

  @Test func kojiWhoami() throws {
    try Self.check(
      "koji-whoami",
      KojiIdentity(
        hub: "https://koji.example.org/kojihub", profile: "koji", user: "builder1", userID: 2,
        authentication: "kerberos", kerberosPrincipal: "builder1@EXAMPLE.ORG", permissions: ["admin"]))
  }

  @Test func containerBuild() throws {
    var report = ContainerBuildReport(
      taskId: 12_345, taskUrl: "https://koji.example.org/koji/taskinfo?taskID=12345", state: "closed",
      source: "git+https://src.example.org/containers/app#abc123", target: "f45-container-candidate",
      gitBranch: "f45", scratch: false, repositories: ["registry/app:1"], kojiBuilds: [991])
    report.kojiBuildNVRs = ["app-1.0-1"]
    report.call = .object([
      "method": .string("buildContainer"),
      "params": .array([
        .string("git+https://src.example.org/containers/app#abc123"), .string("f45-container-candidate"),
        .object(["git_branch": .string("f45"), "arch_override": .string("x86_64")]),
      ]),
    ])
    try Self.check("container-build", report)
  }

  @Test func taskLogsLine() throws {
    try Self.check("task-logs-line", KojiLogLine(task: 12_346, log: "x86_64.log", line: "Step 1/3"))
  }

  @Test func taskWatchEvents() throws {
    try Self.check(
      "task-watch-event",
      KojiTaskWatchEvent(
        kind: .changed, task: Self.task, level: 0, previousState: .open, host: "buildvm-01.example.org",
        failure: nil))
    try Self.check(
      "task-watch-ended",
      KojiWatchEnded(taskIds: [12_345], error: "interrupted", resumeCommand: "osbsctl task watch 12345"))
  }

  // MARK: OpenShift

  @Test func buildReports() throws {
    let build = try Self.build()
    let summary = BuildSummary(build, nodeName: "node1.example.org", now: Self.epoch)
    try Self.check("build-get", summary)
    try Self.check("build-list", BuildListReport(builds: [summary]))
    try Self.check("build-logs-line", BuildLogLine(build: build.metadata.name, line: "Step 1/3"))
    try Self.check(
      "build-logs-pipelinerun-line",
      PipelineRunLogLine(
        build: "app-run-1", pipelineTask: "binary-container-build-x86-64", step: "build", line: "ok"))
    var event = BuildPhaseEvent(build: build, previousPhase: .running)
    event.final = true
    event.succeeded = false
    try Self.check("build-watch-event", event)
    try Self.check(
      "build-cancel",
      BuildCancelReport(builds: [
        .init(
          kind: .pipelineRun, build: "app-run-1", phase: "Running", cancelled: true, cancelValue: "Cancelled"),
        .init(kind: nil, build: "no-such-build", phase: nil, cancelled: false, error: "not found"),
      ]))
    var forTask = BuildForTaskReport(
      task: 12_345, source: "label", names: [build.metadata.name], builds: [summary], notOnCluster: [])
    forTask.pipelineRunsOnCluster = nil
    try Self.check("build-for-task", forTask)
  }

  @Test func buildNode() throws {
    let pod = try #require(try Self.pods().first { $0.status.podIP != nil })
    var report = BuildNodeReport(NodeOfBuild(build: try Self.build(), pod: pod, node: try Self.node()))
    report.taskRuns = [
      .init(
        pipelineTask: "binary-container-build-x86-64", taskRun: "app-run-1-build-x86-64", status: "Succeeded",
        pod: "app-run-1-build-x86-64-pod", retryPods: nil, podPhase: "Succeeded", podIP: "10.128.0.9",
        node: "node1.example.org", nodeIP: "192.168.0.11", nodeSchedulable: true, nodeReady: nil)
    ]
    try Self.check("build-node", report)
  }

  @Test func nodeReports() throws {
    let pods = try Self.pods()
    let node = try Self.node()
    try Self.check("node-list", NodeListReport(nodes: [NodeSummary(node, buildPods: Array(pods.prefix(2)))]))
    try Self.check(
      "node-pods", NodePodsReport(node: node.metadata.name, pods: pods.prefix(3).map(PodSummary.init)))
    let cordon = CordonResult(
      node: NodeSchedulability(node), changed: true, dryRun: true, dryRunKind: .server)
    try Self.check("node-cordon", NodeSchedulingReport(nodes: [.init(cordon, cordon: true)]))
    let plan = DrainPlan(
      node: node.metadata.name, buildPods: Array(pods.prefix(1)),
      otherPods: Array(pods.dropFirst().prefix(1)),
      skipped: pods.dropFirst(2).prefix(1).map { .init(pod: $0, reason: "DaemonSet") })
    try Self.check(
      "node-drain",
      NodeDrainReport(
        plan: plan, cordon: cordon, evicted: ["default/evicted-pod"], dryRun: false, waitForBuilds: true))
  }

  @Test func nodeProbe() throws {
    try Self.check(
      "node-probe",
      NodeProbeReport(
        mode: "pod", target: "https://example.com:443", image: "registry/probe:1", timeoutSeconds: 20,
        results: [
          NodeProbeResult(
            node: "node1.example.org", verdict: .timeout, reason: "connections hang",
            nextCommand: "osbsctl ovs check --node node1.example.org",
            evidence: .init(
              exitCode: 0, tool: "curl", toolExitCode: 28, logTail: ["curl: (28) timed out"],
              startSeconds: 1.5,
              runSeconds: 20, detail: nil, cleanup: "removed"))
        ]))
  }

  @Test func diskUsage() throws {
    try Self.check(
      "disk-usage",
      DiskUsageReport(
        host: "unix:///run/podman/podman.sock", apiVersion: "1.41", engine: "podman 5.2",
        categories: [
          .init(type: "Images", total: 4, active: 1, sizeBytes: 4096, reclaimableBytes: 1024, estimated: true)
        ], notes: ["a note"]))
  }

  static func flowReport() throws -> StaleFlowReport {
    let layout = SDNFlows.Layout.openshift3
    let lines =
      SDNFlows.base(layout) + SDNFlows.pod(layout, ip: "10.128.1.5", port: 5)
      + SDNFlows.pod(layout, ip: "10.128.1.6", port: 6)
    var report = StaleFlowCheck.run(
      flows: try StaleFlowCheckTests.flows(lines),
      pods: [
        StaleFlowCheckTests.pod("live", ip: "10.128.1.5"),
        StaleFlowCheckTests.pod("unwired", ip: "10.128.1.9"),
      ],
      node: "node1")
    report.flowsFrom = "ovs-ofctl -O OpenFlow13 dump-flows br0"
    report.podsFrom = "the API server"
    return report
  }

  @Test func ovsReports() throws {
    let dump = try OVSFlowDump.parse(
      """
      NXST_FLOW reply (xid=0x4):
       cookie=0x0, duration=3.5s, table=70, n_packets=4, n_bytes=280, idle_age=2, priority=100,ip,nw_dst=10.128.1.5 actions=load:0x5->NXM_NX_REG2[],goto_table:80
      """)
    try Self.check("ovs-flows", dump)
    let check = try Self.flowReport()
    try Self.check("ovs-check", check)
    try Self.check(
      "ovs-fix",
      StaleFlowFixReport(
        node: "node1", dryRun: true, planned: check.stale, deleted: [], failed: [], before: check, after: nil,
        notes: ["missing flows are not fixed by deletion"], deferred: []))
  }

  @Test func prune() throws {
    var image = PruneItem(
      kind: .image, id: "sha256:aaaa", name: "registry/app:old", reason: "unused for 30 days", sizeBytes: 2048
    )
    image.sizeEstimated = true
    let build = PruneItem(
      kind: .build, id: "uid-1", name: "app-1", namespace: "osbs", reason: "Complete, older than 7d",
      resourceVersion: "42")
    try Self.check(
      "prune",
      PruneReport(
        scope: "all", dryRun: false, planned: [image, build], deleted: [build],
        failed: [PruneFailure(item: image, error: "image is in use")]))
  }

  /// `fleet prune`: one node that reported (its own prune report inside), one skipped, one unreachable.
  @Test func fleet() throws {
    let container = PruneItem(
      kind: .container, id: "c0ffee", name: "exited-1", reason: "exited 3 days ago", sizeBytes: 4096)
    var reported = FleetNodeResult(node: "node1.example.org", status: .ok, reason: "pruned")
    reported.pod = "osbsctl-fleet-abc123-node1"
    reported.cleanup = "removed"
    reported.exitCode = 0
    reported.startSeconds = 1.25
    reported.runSeconds = 3.5
    reported.report = .prune(
      PruneReport(scope: "node", dryRun: false, planned: [container], deleted: [container], failed: []))
    let skipped = FleetNodeResult(node: "node2.example.org", status: .skipped, reason: "cordoned")
    var unreachable = FleetNodeResult(
      node: "node3.example.org", status: .unreachable, reason: "the pod did not start within 5m")
    unreachable.pod = "osbsctl-fleet-abc123-node3"
    unreachable.cleanup = "removed"
    let nodes = [reported, skipped, unreachable]
    try Self.check(
      "fleet",
      FleetReport(
        task: .prune, runID: "abc123", image: "localhost/osbsctl:latest", dryRun: false, interrupted: false,
        nodes: nodes, totals: FleetTotals(task: .prune, results: nodes)))
  }

  /// `node probe --cleanup` without `--confirm`: one leftover pod that would go, one too young to touch.
  @Test func probeCleanup() throws {
    try Self.check(
      "node-probe-cleanup",
      LeftoverPodCleanupReport(
        dryRun: true, selector: "osbsctl.io/probe=true", minAgeSeconds: 600, nodes: nil,
        pods: [
          .init(
            namespace: "osbs", name: "osbsctl-probe-1a2b3c4d", node: "node1.example.org", phase: "Running",
            ageSeconds: 7200, action: "would-delete", reason: "older than 10m"),
          .init(
            namespace: "osbs", name: "osbsctl-probe-5e6f7a8b", node: "node2.example.org", phase: "Running",
            ageSeconds: 30, action: "kept", reason: "younger than 10m: a probe may still own it"),
        ]))
  }

  /// `fleet cleanup --confirm` on one node: a killed run's pod deleted, a running fleet's pod kept.
  @Test func fleetCleanup() throws {
    try Self.check(
      "fleet-cleanup",
      LeftoverPodCleanupReport(
        dryRun: false, selector: FleetTask.runLabel, minAgeSeconds: 600, nodes: ["node1.example.org"],
        pods: [
          .init(
            namespace: "osbs-fleet", name: "osbsctl-fleet-1a2b3c4d-9f8e7", node: "node1.example.org",
            phase: "Failed", ageSeconds: 5400, action: "deleted", reason: "fleet pod older than 600s"),
          .init(
            namespace: "osbs-fleet", name: "osbsctl-fleet-5e6f7a8b-0a1b2", node: "node1.example.org",
            phase: "Running", ageSeconds: 45, action: "kept",
            reason: "younger than 600s: a running fleet may own it"),
        ]))
  }

  /// `config view` of a machine with no configuration at all: every default and where it came from.
  @Test func configView() throws {
    let environment = ConfigEnvironment(
      variables: [:], homeDirectory: "/nonexistent/home", currentDirectory: "/nonexistent/cwd",
      systemConfigDirectory: "/nonexistent/etc", serviceAccountDirectory: "/nonexistent/serviceaccount")
    try Self.check("config-view", try SettingsResolver(environment: environment).resolve())
  }

  @Test func doctor() throws {
    let node = try Self.node()
    var health = BuildDoctor.health(node)
    health.networkUnavailable = nil
    var record = KojiPipelineRunRecord(taskId: 12_345)
    record.name = "app-run-1"
    record.started = true
    record.finished = true
    record.succeeded = false
    let report = DoctorReport(
      task: 12_345, taskFailure: "Image build failed.",
      runs: [
        .init(
          name: "app-run-1", onCluster: false, phase: "Failed", node: node.metadata.name, verdict: "failed",
          summary: "the build failed on a healthy node", kind: "PipelineRun")
      ],
      build: nil, buildSource: "osbs-client.log",
      pod: .init(
        name: "app-run-1-pod", namespace: "osbs", phase: "Failed", ip: "10.128.0.9", hostIP: "192.168.0.11"),
      pipelineRun: record,
      failedStep: .init(
        pipelineTask: "binary-container-build-x86-64", step: "build", pod: "app-run-1-pod",
        container: "step-build",
        buildHost: "buildvm-x86-01", lastLines: ["error: boom"]),
      node: health, network: .init(checked: false, skippedReason: "the node is another machine", flows: nil),
      hops: [.init(step: "node", status: "ok", result: "node ready", evidence: "node status.conditions")],
      verdict: .init(status: "failed", summary: "the build failed", problems: [], nextCommands: [], notes: [])
    )
    try Self.check("doctor", report)
  }
}
