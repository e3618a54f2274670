import Foundation
import TestSupport
import Testing

/// Issue 14 end to end: the built `osbsctl` against the built `osbs-sandbox` in OSBS 2 mode (a
/// koji-containerbuild 1.4.0 builder whose Koji tasks run as Tekton PipelineRuns on the sandbox's OpenShift
/// Pipelines, deleted when the task ends). The hub clock is frozen and moved by the test, so each check
/// happens at a known point of the run (stage length = task duration / 7.5, see KojiClusterLink).
@Suite("OSBS 2 end to end: container-build → for-task → node → cancel → prune → doctor", .serialized)
struct OSBS2EndToEndTests {
  static func start() async throws -> SandboxProcess {
    try await SandboxProcess.start(kojiSpeed: 0, extraArguments: ["--koji-builder", "kcb140"])
  }

  static func json(
    _ cli: CLI, _ sandbox: SandboxProcess, _ arguments: [String]
  ) async throws -> (CLIResult, [String: Any]) {
    let result = try await cli.osbsctl(arguments + ["-o", "json"], environment: sandbox.environment)
    return (result, (try? result.json()) ?? [:])
  }

  /// The run the hub's builder names for the task (what its osbs-client.log says).
  static func runName(_ sandbox: SandboxProcess, task: Int) async throws -> String {
    try await KojiBuilderLogNamesE2ETests.runName(sandbox, task: task)
  }

  /// Polls `build for-task` until the run is on the cluster (the sandbox's builder creates it once the
  /// task is open).
  static func forTaskWhileRunning(
    _ cli: CLI, _ sandbox: SandboxProcess, task: Int
  ) async throws -> [String: Any] {
    var last: (CLIResult, [String: Any])?
    for _ in 0..<100 {
      last = try await json(cli, sandbox, ["build", "for-task", String(task)])
      if let report = last?.1, (report["pipelineRunsOnCluster"] as? [String])?.isEmpty == false {
        return report
      }
      try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("the task's run never showed on the cluster: \(last.map { $0.0.summary } ?? "")")
    return last?.1 ?? [:]
  }

  static func phase(_ cli: CLI, _ sandbox: SandboxProcess, _ run: String) async throws -> String? {
    let (result, report) = try await json(cli, sandbox, ["build", "get", run])
    return result.exitCode == 0 ? report["phase"] as? String : nil
  }

  /// Waits (the sandbox ticks every 200 ms) until the run shows `phase`.
  static func waitForPhase(
    _ cli: CLI, _ sandbox: SandboxProcess, _ run: String, _ phase: String
  ) async throws -> Bool {
    for _ in 0..<50 {
      if try await Self.phase(cli, sandbox, run) == phase { return true }
      try await Task.sleep(for: .milliseconds(100))
    }
    return false
  }

  /// The remote host each arch's build ran on, as the Koji task's `<arch>.log` says it.
  static func kojiBuildHost(_ sandbox: SandboxProcess, task: Int, arch: String) async throws -> String? {
    let log = String(decoding: try await sandbox.taskFile(task, "\(arch).log"), as: UTF8.self)
    return log.components(separatedBy: " on host=").dropFirst().first?
      .split(separator: "\n").first.map(String.init)
  }

  /// Moves the hub (and pipelines) clock in small steps so the sandbox renders each change.
  static func advance(_ sandbox: SandboxProcess, seconds: Double, step: Double = 5) async throws {
    var left = seconds
    while left > 0 {
      try await sandbox.clock(advanceSeconds: min(step, left))
      left -= step
      try await Task.sleep(for: .milliseconds(250))
    }
  }

  @Test func aContainerBuildRunsAsAPipelineRunThatEveryCommandFollowsUntilKojiDeletesIt() async throws {
    let sandbox = try await Self.start()
    defer { sandbox.stop() }
    try await sandbox.script(
      #"{"builder": "kcb140", "arches": ["x86_64", "aarch64"], "durationSeconds": 75}"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let build = try RunningCLI(
      cli, ["container-build", "-C", checkout.path, "--interval", "0.2"], environment: sandbox.environment)
    #expect(try await build.waitForStderr("Created task 1"), "\(build.stderr)")

    // The task opens: its builder creates the run (stages of 10 s from t=1; builds run 32–42).
    try await Self.advance(sandbox, seconds: 2)
    let run = try await Self.runName(sandbox, task: 1)
    let found = try await Self.forTaskWhileRunning(cli, sandbox, task: 1)
    #expect(found["kind"] as? String == "PipelineRun")
    #expect(found["names"] as? [String] == [run])
    // While the task runs, the run is found on the cluster by the task id in its user-params.
    #expect(found["source"] as? String == "user-params", "\(found)")
    #expect(found["pipelineRunsOnCluster"] as? [String] == [run])
    #expect((found["notOnCluster"] as? [String])?.isEmpty == true)
    let table = try await cli.osbsctl(["build", "for-task", "1"], environment: sandbox.environment)
    #expect(table.exitCode == 0 && !table.stderr.contains("warning"), "\(table.summary)")

    let (got, summary) = try await Self.json(cli, sandbox, ["build", "get", run])
    #expect(got.exitCode == 0, "\(got.summary)")
    #expect(summary["kind"] as? String == "PipelineRun")
    #expect(summary["phase"] as? String == "Running")
    #expect(summary["taskId"] as? Int == 1, "\(got.stdout)")
    // for-task reports the running run as `build get` does (the clock has not moved in between).
    let builds = found["builds"] as? [[String: Any]] ?? []
    #expect(builds.count == 1, "\(found)")
    for key in [
      "kind", "name", "namespace", "phase", "reason", "taskId", "user", "created", "started", "gitURI",
    ] {
      #expect(
        (builds.first?[key]).map { "\($0)" } == summary[key].map { "\($0)" }, "\(key): \(found) vs \(summary)"
      )
    }
    #expect(table.stdout.contains(run) && table.stdout.contains("Running"), "\(table.stdout)")

    // A live TaskRun's pod (scheduled: Pending or Running) is a build pod of its node in `node list`, as a
    // Build's pod is.
    let (placed, placement) = try await Self.json(cli, sandbox, ["build", "node", run])
    let (listed, nodeList) = try await Self.json(cli, sandbox, ["node", "list"])
    #expect(placed.exitCode == 0 && listed.exitCode == 0, "\(placed.summary)\n\(listed.summary)")
    let liveTaskRuns = (placement["taskRuns"] as? [[String: Any]] ?? []).filter {
      ["Pending", "Running"].contains($0["podPhase"] as? String ?? "")
    }
    #expect(!liveTaskRuns.isEmpty, "\(placed.stdout)\n\(placed.stderr)")
    let listedNodes = nodeList["nodes"] as? [[String: Any]] ?? []
    for taskRun in liveTaskRuns {
      let node = listedNodes.first { $0["name"] as? String == taskRun["nodeName"] as? String }
      let ip = try #require(taskRun["podIP"] as? String, "\(taskRun)")
      #expect((node?["buildPodIPs"] as? [String])?.contains(ip) == true, "\(taskRun)\n\(listed.stdout)")
    }

    // After the arch builds: every TaskRun's pod and node, and the remote host of each arch.
    try await Self.advance(sandbox, seconds: 43)
    let (node, nodes) = try await Self.json(cli, sandbox, ["build", "node", run])
    #expect(node.exitCode == 0, "\(node.summary)")
    #expect(nodes["kind"] as? String == "PipelineRun")
    let taskRuns = try #require(nodes["taskRuns"] as? [[String: Any]], "\(node.stdout)")
    let tasks = taskRuns.compactMap { $0["pipelineTask"] as? String }
    for task in [
      "clone", "binary-container-init", "binary-container-prebuild", "binary-container-build-x86-64",
      "binary-container-build-aarch64",
    ] {
      #expect(tasks.contains(task), "\(tasks)")
    }
    #expect(!tasks.contains("binary-container-build-s390x"), "skipped arch tasks have no TaskRun")
    for taskRun in taskRuns {
      #expect((taskRun["podName"] as? String)?.isEmpty == false, "\(taskRun)")
      #expect((taskRun["nodeName"] as? String)?.isEmpty == false, "\(taskRun)")
    }
    let hosts = try #require(nodes["buildHosts"] as? [[String: Any]], "\(node.stdout)")
    #expect(hosts.compactMap { $0["arch"] as? String } == ["aarch64", "x86_64"])
    // The cluster's results and the Koji task's arch logs name the same remote VM.
    for host in hosts {
      let arch = try #require(host["arch"] as? String)
      let kojiHost = try await Self.kojiBuildHost(sandbox, task: 1, arch: arch)
      #expect(host["buildHost"] as? String == kojiHost, "\(arch)")
    }
    let nodeTable = try await cli.osbsctl(["build", "node", run], environment: sandbox.environment)
    #expect(nodeTable.exitCode == 0, "\(nodeTable.summary)")
    #expect(nodeTable.stdout.contains("binary-container-build-aarch64"), "\(nodeTable.stdout)")
    for host in hosts.compactMap({ $0["buildHost"] as? String }) {
      #expect(nodeTable.stdout.contains(host), "\(nodeTable.stdout)")
    }

    // The run has finished (t=73, it ends at 72.5) but the task has not (t=76): still on the cluster.
    try await Self.advance(sandbox, seconds: 28)
    #expect(try await Self.waitForPhase(cli, sandbox, run, "Succeeded"))
    let (finished, done) = try await Self.json(cli, sandbox, ["build", "get", run])
    #expect(done["reason"] as? String == "Completed", "\(finished.stdout)")

    // The task ends: koji-containerbuild deletes the run, with its TaskRuns and pods.
    try await Self.advance(sandbox, seconds: 5)
    let result = await build.finish()
    #expect(result.exitCode == 0, "\(result.stderr)")
    var gone: [String: Any] = [:]
    for _ in 0..<50 {
      (_, gone) = try await Self.json(cli, sandbox, ["build", "for-task", "1"])
      if (gone["notOnCluster"] as? [String]) == [run] { break }
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect(gone["notOnCluster"] as? [String] == [run], "\(gone)")
    #expect(gone["pipelineRunsOnCluster"] as? [String] == [])
    let missing = try await cli.osbsctl(["build", "get", run], environment: sandbox.environment)
    #expect(missing.exitCode == 3, "\(missing.summary)")
    let (_, left) = try await Self.json(cli, sandbox, ["build", "list", "--kind", "pipelinerun"])
    #expect((left["builds"] as? [Any])?.isEmpty == true, "\(left)")

    // doctor says the run is gone and why, and reports from the Koji logs: healthy, with the hosts.
    let (doctor, report) = try await Self.json(cli, sandbox, ["doctor", "1"])
    #expect(doctor.exitCode == 0, "\(doctor.summary)")
    let verdict = try #require(report["verdict"] as? [String: Any], "\(doctor.summary)")
    #expect(verdict["status"] as? String == "healthy")
    let said = try #require(verdict["summary"] as? String)
    #expect(said.contains("pipeline run \(run) succeeded"), "\(said)")
    #expect(said.contains("deleted by koji-containerbuild when task 1 ended"), "\(said)")
    let hops = report["hops"] as? [[String: Any]] ?? []
    let pipelineHop = try #require(hops.first { $0["step"] as? String == "pipelinerun" }, "\(hops)")
    #expect((pipelineHop["evidence"] as? String) == "GET pipelinerun \(run): not found", "\(pipelineHop)")
    let record = try #require(report["pipelineRun"] as? [String: Any])
    let recordHosts = (record["arches"] as? [[String: Any]] ?? []).compactMap { $0["buildHost"] as? String }
    #expect(Set(recordHosts) == Set(hosts.compactMap { $0["buildHost"] as? String }), "\(record)")
  }

  /// `build logs -f` on a running run: every TaskRun's steps, each line labelled `[task : step]`, the
  /// same bytes per step as a read of the finished run and as `kubectl logs` of each step container,
  /// although ten streams were cut mid-way.
  @Test func followedLogsOfARunAreByteExactAcrossTenStreamCuts() async throws {
    let sandbox = try await Self.start()
    defer { sandbox.stop() }
    try await sandbox.script(
      #"{"builder": "kcb140", "arches": ["x86_64", "aarch64"], "durationSeconds": 75}"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (task, run) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    try await Self.advance(sandbox, seconds: 2)
    _ = try await Self.forTaskWhileRunning(cli, sandbox, task: task)

    try await sandbox.request(
      "POST", "/_sandbox/openshift/log-cuts", json: #"{"afterBytes": 100, "times": 10}"#)
    let logRequestsBefore = try await sandbox.journal().count { $0.path.contains("/log") }
    let follow = try RunningCLI(cli, ["build", "logs", "-f", run], environment: sandbox.environment)
    let watch = try RunningCLI(cli, ["build", "watch", run], environment: sandbox.environment)
    // Through the whole run (it ends at t=72.5), not to the task's end (t=76).
    try await Self.advance(sandbox, seconds: 71, step: 2)
    let followed = await follow.finish()
    #expect(followed.exitCode == 0, "\(followed.summary)")
    let watched = await watch.finish()
    #expect(watched.exitCode == 0, "\(watched.summary)")
    #expect(watched.stdout.hasPrefix("pipelinerun/\(run) Running"), "\(watched.stdout)")
    #expect(
      watched.stdout.contains("pipelinerun/\(run) Running -> Succeeded (Completed): "), "\(watched.stdout)")
    let logRequests = try await sandbox.journal().count { $0.path.contains("/log") } - logRequestsBefore
    #expect(try await Self.phase(cli, sandbox, run) == "Succeeded")

    let read = try await cli.osbsctl(["build", "logs", run], environment: sandbox.environment)
    #expect(read.exitCode == 0, "\(read.summary)")

    // Every TaskRun's step containers, as the cluster has them, and each one's log as kubectl reads it.
    let (_, nodes) = try await Self.json(cli, sandbox, ["build", "node", run])
    let taskRuns = nodes["taskRuns"] as? [[String: Any]] ?? []
    // The binary pipeline's tasks that ran: cachito, hermeto and the other arches were skipped.
    #expect(
      Set(taskRuns.compactMap { $0["pipelineTask"] as? String }) == [
        "clone", "binary-container-init", "binary-container-prebuild", "binary-container-build-x86-64",
        "binary-container-build-aarch64", "binary-container-postbuild", "binary-container-set-results",
        "binary-container-exit",
      ], "\(taskRuns)")
    let kubectl = Kubectl(kubeconfig: sandbox.ready.stateDir + "/kubeconfig", home: cli.home)
    var expected: [String: [String]] = [:]
    for taskRun in taskRuns {
      let pipelineTask = try #require(taskRun["pipelineTask"] as? String)
      let pod = try #require(taskRun["podName"] as? String)
      let containers = try await kubectl.run([
        "get", "pod", pod, "-n", "osbs", "-o", "jsonpath={.spec.containers[*].name}",
      ]).split(separator: " ").map(String.init)
      #expect(!containers.isEmpty)
      for container in containers {
        let text = try await kubectl.run(["logs", pod, "-n", "osbs", "-c", container])
        let step = String(container.dropFirst("step-".count))
        expected["[\(pipelineTask) : \(step)]"] = text.split(
          separator: "\n", omittingEmptySubsequences: false
        )
        .map(String.init).filter { !$0.isEmpty }
      }
    }
    #expect(expected.count >= taskRuns.count)
    let followedSteps = Self.stepLines(followed.stdout)
    let readSteps = Self.stepLines(read.stdout)
    #expect(followedSteps == expected, "\(followed.stdout)")
    #expect(readSteps == expected, "\(read.stdout)")
    // One empty line after each step, in both.
    #expect(Self.emptyLines(followed.stdout) == expected.count)
    #expect(Self.emptyLines(read.stdout) == expected.count)
    // The cuts happened: each one made the reader resume that container.
    #expect(logRequests >= expected.count + 10, "\(logRequests) log requests")
  }

  static func emptyLines(_ text: String) -> Int {
    text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().count { $0.isEmpty }
  }

  /// Lines of `build logs` output grouped by their `[task : step]` label, in order, without the label.
  static func stepLines(_ text: String) -> [String: [String]] {
    var steps: [String: [String]] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("[") {
      guard let end = line.range(of: "] ") else { continue }
      let label = String(line[..<line.index(before: end.upperBound)])
      steps[label, default: []].append(String(line[end.upperBound...]))
    }
    return steps
  }

  /// A build failing in one arch's TaskRun: the cluster shows the failed TaskRun while the task runs, and
  /// after the task ends doctor names the same pipeline task, its build host and the error from the Koji
  /// logs.
  @Test func aFailedArchTaskRunIsWhatDoctorReportsFromTheKojiLogsOnceTheRunIsDeleted() async throws {
    let sandbox = try await Self.start()
    defer { sandbox.stop() }
    try await sandbox.script(
      #"{"builder": "kcb140", "outcome": "fail", "arches": ["x86_64", "aarch64"], "failedTask": "binary-container-build-aarch64", "failureReason": "Error: building at STEP \"RUN make\": exit status 2", "durationSeconds": 75}"#
    )
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (task, run) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    try await Self.advance(sandbox, seconds: 2)
    _ = try await Self.forTaskWhileRunning(cli, sandbox, task: task)
    let watch = try RunningCLI(cli, ["build", "watch", run], environment: sandbox.environment)

    // The aarch64 build fails at t=42; the finally task runs, and the run ends Failed before the task does.
    try await Self.advance(sandbox, seconds: 58)
    #expect(try await Self.waitForPhase(cli, sandbox, run, "Failed"))
    // While x86_64 still builds, the run is `PipelineRunStopping` (shown Failed, as tkn shows it); the watch
    // goes on to the run's end, Failed as well, and exits as for a failed build.
    let ended = try await watch.waitForStdout(": Tasks Completed: ")
    if !ended { _ = watch.child.stop(grace: .seconds(1)) }
    let watched = await watch.finish()
    #expect(ended && watched.exitCode == 1, "\(watched.summary)")
    let phases = watched.stdout.split(separator: "\n").map(String.init)
    #expect(phases.first?.hasPrefix("pipelinerun/\(run) Running") == true, "\(watched.stdout)")
    #expect(
      phases.contains("pipelinerun/\(run) Running -> Failed (PipelineRunStopping)"), "\(watched.stdout)")
    #expect(
      phases.last?.hasPrefix("pipelinerun/\(run) Failed -> Failed: Tasks Completed: ") == true,
      "\(watched.stdout)")
    let (node, nodes) = try await Self.json(cli, sandbox, ["build", "node", run])
    #expect(node.exitCode == 0, "\(node.summary)")
    let taskRuns = nodes["taskRuns"] as? [[String: Any]] ?? []
    let failed = taskRuns.filter { ($0["status"] as? String)?.hasPrefix("Failed") == true }
    #expect(failed.compactMap { $0["pipelineTask"] as? String } == ["binary-container-build-aarch64"])
    let failedNode = try #require(failed.first?["nodeName"] as? String)
    #expect(!failedNode.isEmpty)

    // While the task still runs, doctor walks the run on the cluster to the failed TaskRun's pod and node
    // (whose flows it cannot read here), and names the failure as the Koji side has it.
    let (early, present) = try await Self.json(cli, sandbox, ["doctor", String(task)])
    #expect(early.exitCode == 1, "\(early.summary)")
    let presentHops = present["hops"] as? [[String: Any]] ?? []
    func hop(_ step: String) -> String? {
      presentHops.first { $0["step"] as? String == step }?["result"] as? String
    }
    #expect(hop("pipelinerun")?.hasPrefix("pipeline run \(run) is Failed") == true, "\(early.stdout)")
    #expect(
      hop("taskrun")?.hasPrefix(
        "pipeline task binary-container-build-aarch64 (step binary-container-build) is Failed")
        == true, "\(early.stdout)")
    #expect(hop("pod")?.hasSuffix("on node \(failedNode)") == true, "\(early.stdout)")
    #expect(hop("node")?.hasPrefix("node \(failedNode): ") == true, "\(early.stdout)")
    // The failed arch has no build-host result; its step log names the VM, the same the Koji log names.
    let aarch64Host = try await Self.kojiBuildHost(sandbox, task: task, arch: "aarch64")
    #expect(
      presentHops.contains {
        $0["step"] as? String == "build-host"
          && $0["result"] as? String == "aarch64: built on remote host \(aarch64Host ?? "?")"
      }, "\(early.stdout)")
    let presentRecord = present["pipelineRun"] as? [String: Any] ?? [:]
    #expect(
      (presentRecord["lastLines"] as? [String])?.last?.hasSuffix(
        " - atomic_reactor.tasks.binary_container_build - ERROR - Error: building at STEP \"RUN make\": exit status 2"
      )
        == true, "\(early.stdout)")
    let clusterLast = (presentRecord["lastLines"] as? [String])?.last ?? ""
    let presentVerdict = present["verdict"] as? [String: Any] ?? [:]
    #expect(presentVerdict["status"] as? String == "failed", "\(early.stdout)")
    #expect(
      (presentVerdict["summary"] as? String)?.contains("pipeline task binary-container-build-aarch64")
        == true,
      "\(early.stdout)")

    // doctor --build RUN has no Koji task: the failed step's last lines come from the cluster alone.
    let (byName, named) = try await Self.json(cli, sandbox, ["doctor", "--build", run])
    #expect(byName.exitCode == 1, "\(byName.summary)")
    #expect(named["pipelineRun"] == nil, "\(byName.stdout)")
    let failedStep = named["failedStep"] as? [String: Any] ?? [:]
    #expect(failedStep["pipelineTask"] as? String == "binary-container-build-aarch64", "\(byName.stdout)")
    #expect(failedStep["step"] as? String == "binary-container-build", "\(byName.stdout)")
    #expect(failedStep["buildHost"] as? String == aarch64Host, "\(byName.stdout)")
    #expect((failedStep["lastLines"] as? [String])?.last == clusterLast, "\(byName.stdout)")
    #expect(
      (named["hops"] as? [[String: Any]] ?? []).contains {
        $0["step"] as? String == "log" && ($0["result"] as? String)?.hasPrefix("last ") == true
      }, "\(byName.stdout)")
    let table = try await cli.osbsctl(["doctor", "--build", run], environment: sandbox.environment)
    #expect(table.stdout.contains(String(clusterLast.suffix(40))), "\(table.stdout)")

    try await Self.advance(sandbox, seconds: 20)
    var deleted = false
    for _ in 0..<50 where !deleted {
      deleted = try await cli.osbsctl(["build", "get", run], environment: sandbox.environment).exitCode == 3
      if !deleted { try await Task.sleep(for: .milliseconds(100)) }
    }
    #expect(deleted, "the run outlived its task")
    // koji-containerbuild copied the arch task's lines into aarch64.log: the same error line ends both.
    let kojiLog = String(decoding: try await sandbox.taskFile(task, "aarch64.log"), as: UTF8.self)
    let kojiLast = kojiLog.split(separator: "\n").last.map(String.init) ?? ""
    #expect(
      kojiLast.components(separatedBy: " - ").dropFirst().joined(separator: " - ")
        == clusterLast.components(separatedBy: " - ").dropFirst().joined(separator: " - "),
      "\(kojiLast) vs \(clusterLast)")
    let (doctor, report) = try await Self.json(cli, sandbox, ["doctor", String(task)])
    #expect(doctor.exitCode == 1, "\(doctor.summary)")
    let verdict = try #require(report["verdict"] as? [String: Any], "\(doctor.summary)")
    #expect(verdict["status"] as? String == "failed")
    let record = try #require(report["pipelineRun"] as? [String: Any], "\(doctor.summary)")
    #expect(record["pipelineTask"] as? String == "binary-container-build-aarch64")
    #expect(record["arch"] as? String == "aarch64")
    let host = try await Self.kojiBuildHost(sandbox, task: task, arch: "aarch64")
    let summary = try #require(verdict["summary"] as? String)
    #expect(summary.contains("for aarch64 on build host \(host ?? "?")"), "\(summary)")
    #expect(summary.contains("RUN make"), "\(summary)")
    #expect(summary.contains("deleted by koji-containerbuild when task \(task) ended"), "\(summary)")
  }

  /// A failed arch TaskRun whose pod ran on a node with a stale OVS flow, while the run is still on the
  /// cluster: doctor walks run → failed TaskRun → pod → node → flows and gives the stale-flow verdict.
  @Test func aFailedTaskRunOnANodeWithAStaleFlowGivesTheStaleFlowVerdict() async throws {
    let sandbox = try await Self.start()
    defer { sandbox.stop() }
    let error = "Error: building at STEP \"RUN make\": exit status 2"
    let script: [String: Any] = [
      "builder": "kcb140", "outcome": "fail", "arches": ["x86_64", "aarch64"],
      "failedTask": "binary-container-build-aarch64", "failureReason": error, "durationSeconds": 75,
    ]
    try await sandbox.script(
      String(decoding: try JSONSerialization.data(withJSONObject: script), as: UTF8.self))
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (task, run) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    try await Self.advance(sandbox, seconds: 2)
    _ = try await Self.forTaskWhileRunning(cli, sandbox, task: task)
    // The failing TaskRun's pod lands on a chosen node (the failure as the task's script has it).
    let (_, nodeList) = try await Self.json(cli, sandbox, ["node", "list"])
    let nodes = (nodeList["nodes"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    let node = try #require(nodes.last, "\(nodeList)")
    let failure: [String: Any] = [
      "pipelineRun": run, "pipelineTask": "binary-container-build-aarch64", "message": error, "node": node,
    ]
    try await sandbox.request(
      "POST", "/_sandbox/openshift/pipelinerun-failures",
      json: String(decoding: try JSONSerialization.data(withJSONObject: failure), as: UTF8.self))
    try await Self.advance(sandbox, seconds: 58)
    #expect(try await Self.waitForPhase(cli, sandbox, run, "Failed"))

    // br0 of that node: flows for its live pods, and for an address no pod has any more.
    let (_, podList) = try await Self.json(cli, sandbox, ["node", "pods", node])
    let (_, nodeInfo) = try await Self.json(cli, sandbox, ["build", "node", run])
    let failedPod = (nodeInfo["taskRuns"] as? [[String: Any]] ?? []).first {
      $0["pipelineTask"] as? String == "binary-container-build-aarch64"
    }
    #expect(failedPod?["nodeName"] as? String == node, "\(nodeInfo)")
    let nodeIP = failedPod?["nodeIP"] as? String
    let live = (podList["pods"] as? [[String: Any]] ?? []).compactMap { pod -> String? in
      guard let ip = pod["podIP"] as? String, ip != nodeIP,
        ["Pending", "Running"].contains(pod["phase"] as? String ?? "")
      else { return nil }
      return ip
    }
    let deadIP = "10.128.250.77"
    #expect(!live.contains(deadIP))
    let ovs = try await DoctorCommandTests.bridge(withPodFlowsFor: live + [deadIP])
    defer { ovs.stop() }

    let (sick, report) = try await DoctorCommandTests.doctor(
      cli, sandbox, [String(task), "--local-ovs"], ovs: ovs)
    #expect(sick.exitCode == 1, "\(sick.summary)")
    #expect(DoctorCommandTests.verdict(report)["status"] as? String == "problems", "\(sick.stdout)")
    #expect(DoctorCommandTests.problemCodes(report) == ["stale-flows"], "\(sick.stdout)")
    #expect(
      DoctorCommandTests.verdict(report)["nextCommands"] as? [String] == [
        "osbsctl ovs fix --node \(node) --confirm"
      ])
    let hops = report["hops"] as? [[String: Any]] ?? []
    let failedHop = hops.first { $0["step"] as? String == "taskrun" && $0["status"] as? String == "problem" }
    #expect(
      (failedHop?["result"] as? String)?.hasPrefix(
        "pipeline task binary-container-build-aarch64 (step binary-container-build) is Failed") == true,
      "\(hops)")
    // Every other TaskRun of the run gets its own hop with the node its pod ran on.
    let others = hops.filter { $0["step"] as? String == "pipeline-task" }.compactMap {
      $0["result"] as? String
    }
    #expect(others.contains { $0.hasPrefix("pipeline task clone is Succeeded on node ") }, "\(others)")
    #expect(!others.contains { $0.hasPrefix("pipeline task binary-container-build-aarch64 ") }, "\(others)")
    #expect(others.allSatisfy { $0.contains(" on node ") && $0.hasSuffix("(Ready)") }, "\(others)")
    let flows = try #require((report["network"] as? [String: Any])?["flows"] as? [String: Any])
    let staleIPs = Set((flows["stale"] as? [[String: Any]] ?? []).compactMap { $0["ip"] as? String })
    #expect(staleIPs == [deadIP])
  }

  /// `build cancel` on a running run reports the value the server took and the run ends Cancelled;
  /// `prune builds` then plans and deletes finished runs, never the running one.
  @Test func cancelARunningRunThenPruneTheFinishedOnes() async throws {
    let sandbox = try await Self.start()
    defer { sandbox.stop() }
    try await sandbox.script(#"{"builder": "kcb140", "durationSeconds": 30, "repeat": 2}"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (first, kept) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    let (second, cancelled) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    // Two runs of the same Pipeline that finish on their own and stay (no Koji task deletes them),
    // created a second apart (creationTimestamp has whole seconds).
    for name in ["finished-older", "finished-newer"] {
      try await sandbox.request(
        "POST", "/_sandbox/openshift/pipelineruns", json: #"{"name": "\#(name)", "stageSeconds": 0.05}"#)
      try await sandbox.clock(advanceSeconds: 1)
    }
    try await Self.advance(sandbox, seconds: 2)
    _ = try await Self.forTaskWhileRunning(cli, sandbox, task: first)
    _ = try await Self.forTaskWhileRunning(cli, sandbox, task: second)
    #expect(try await Self.waitForPhase(cli, sandbox, "finished-newer", "Succeeded"))

    let (cancel, outcome) = try await Self.json(cli, sandbox, ["build", "cancel", cancelled])
    #expect(cancel.exitCode == 0, "\(cancel.summary)")
    let entry = try #require((outcome["builds"] as? [[String: Any]])?.first, "\(cancel.stdout)")
    #expect(entry["kind"] as? String == "PipelineRun")
    #expect(entry["cancelled"] as? Bool == true)
    // Tekton 0.53 serves v1: tkn's value.
    #expect(entry["cancelValue"] as? String == "Cancelled", "\(cancel.stdout)")
    try await Self.advance(sandbox, seconds: 1)
    #expect(try await Self.waitForPhase(cli, sandbox, cancelled, "Cancelled"))
    #expect(try await Self.phase(cli, sandbox, kept) == "Running")
    let again = try await cli.osbsctl(["build", "cancel", cancelled], environment: sandbox.environment)
    #expect(again.exitCode == 0 && again.stdout.contains("already finished"), "\(again.summary)")

    // Prune by age needs the runs older than the cutoff on the wall clock the command reads.
    let (_, newest) = try await Self.json(cli, sandbox, ["build", "get", cancelled])
    let created = try #require((newest["created"] as? String).flatMap(Self.date), "\(newest)")
    while Date() < created.addingTimeInterval(2) { try await Task.sleep(for: .milliseconds(200)) }

    let rules = ["--keep-complete", "1", "--keep-failed", "0", "--keep-younger-than", "1s"]
    let (plan, planned) = try await Self.json(cli, sandbox, ["prune", "builds"] + rules)
    #expect(plan.exitCode == 0, "\(plan.summary)")
    let names = Self.prunedNames(planned, "planned")
    #expect(names == [cancelled, "finished-older"].sorted(), "\(plan.stdout)")
    #expect(try await Self.phase(cli, sandbox, "finished-older") == "Succeeded", "a plan deletes nothing")

    let (prune, pruned) = try await Self.json(cli, sandbox, ["prune", "builds", "--confirm"] + rules)
    #expect(prune.exitCode == 0, "\(prune.summary)")
    #expect(Self.prunedNames(pruned, "deleted") == names, "\(prune.stdout)")
    let (_, list) = try await Self.json(cli, sandbox, ["build", "list", "--kind", "pipelinerun"])
    let remaining = Set((list["builds"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
    #expect(remaining == ["finished-newer", kept], "\(list)")
  }

  static func date(_ text: String) -> Date? {
    ISO8601DateFormatter().date(from: text)
  }

  /// The PipelineRuns a `prune builds` report plans (`planned`) or deleted (`deleted`), sorted; the
  /// sandbox's seeded OpenShift Builds are planned beside them.
  static func prunedNames(_ report: [String: Any], _ key: String) -> [String] {
    let entries = report[key] as? [[String: Any]] ?? []
    return entries.filter { $0["kind"] as? String == "pipelinerun" }.compactMap { $0["name"] as? String }
      .sorted()
  }
}

/// The real kubectl against the sandbox's kubeconfig (an independent reader of what the cluster serves).
struct Kubectl {
  var kubeconfig: String
  var home: URL

  func run(_ arguments: [String]) async throws -> String {
    try await ChildProcess.run(
      "/usr/bin/kubectl", ["--kubeconfig", kubeconfig] + arguments,
      environment: ["HOME": home.path, "PATH": "/usr/bin:/bin"], workDirectory: home)
  }
}
