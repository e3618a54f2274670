import Foundation
import TestSupport
import Testing

/// Issue 14 on the sandbox in OSBS 2 mode: a kcb140 task runs as a PipelineRun while it is open
/// (`build for-task` finds it on the cluster, `build logs -f` follows every TaskRun's steps, labelled
/// as tkn labels them) and koji-containerbuild deletes it when the task ends.
@Suite("build logs and for-task on a sandbox PipelineRun", .serialized)
struct PipelineRunLogsE2ETests {
  static let pipelineTasks: Set = [
    "clone", "binary-container-init", "binary-container-cachito", "binary-container-hermeto",
    "binary-container-prebuild", "binary-container-build-x86-64", "binary-container-build-aarch64",
    "binary-container-postbuild", "binary-container-set-results", "binary-container-exit",
  ]

  @Test func followingARunningTasksRunPrintsEveryTaskRunsStepsLabelled() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0, extraArguments: ["--koji-builder", "kcb140"])
    defer { sandbox.stop() }
    try await sandbox.script(#"{"builder": "kcb140", "arches": ["x86_64", "aarch64"], "durationSeconds": 9}"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (task, run) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    try await sandbox.clock(advanceSeconds: 1.5)

    // While the task runs, its run is on the cluster.
    let found = try await cli.osbsctl(
      ["build", "for-task", String(task), "-o", "json"], environment: sandbox.environment)
    #expect(found.exitCode == 0, "\(found.summary)")
    let report = try found.json()
    #expect(report["kind"] as? String == "PipelineRun", "\(found.summary)")
    // Found on the cluster by the koji_task_id in its user-params, before any Koji log is read.
    #expect(report["source"] as? String == "user-params", "\(found.summary)")
    #expect(report["pipelineRunsOnCluster"] as? [String] == [run], "\(found.summary)")
    #expect(report["notOnCluster"] as? [String] == [], "\(found.summary)")

    // Without -f, a few stages in: what the run's steps have written so far, one JSON object per line.
    try await sandbox.clock(advanceSeconds: 3)
    let sofar = try await cli.osbsctl(
      ["build", "logs", "--kind", "pipelinerun", run, "-o", "json"], environment: sandbox.environment)
    #expect(sofar.exitCode == 0, "\(sofar.summary)")
    let objects = try sofar.stdout.split(separator: "\n").map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
    #expect(!objects.isEmpty, "\(sofar.summary)")
    #expect(
      objects.allSatisfy { $0["buildName"] as? String == run && $0["kind"] as? String == "PipelineRun" })
    #expect(objects.allSatisfy { Self.pipelineTasks.contains($0["pipelineTask"] as? String ?? "") })
    #expect(objects.allSatisfy { ($0["step"] as? String)?.isEmpty == false && $0["line"] is String })

    // doctor while the run is on the cluster walks it: run → TaskRun → pod → node.
    for arguments in [["doctor", String(task), "-o", "json"], ["doctor", "--build", run, "-o", "json"]] {
      let doctor = try await cli.osbsctl(arguments, environment: sandbox.environment)
      let diagnosis = try doctor.json()
      let steps = (diagnosis["hops"] as? [[String: Any]])?.compactMap { $0["step"] as? String } ?? []
      for step in ["pipelinerun", "taskrun", "pod", "node"] {
        #expect(steps.contains(step), "\(arguments): \(doctor.summary)")
      }
      #expect((diagnosis["node"] as? [String: Any])?["name"] as? String != nil, "\(doctor.summary)")
      let first = (diagnosis["runs"] as? [[String: Any]])?.first
      #expect(first?["kind"] as? String == "PipelineRun", "\(doctor.summary)")
      #expect(first?["onCluster"] as? Bool == true, "\(doctor.summary)")
      #expect(
        (diagnosis["verdict"] as? [String: Any])?["status"] as? String != "not-found", "\(doctor.summary)")
    }

    async let followed = cli.osbsctl(["build", "logs", "-f", run], environment: sandbox.environment)
    for _ in 0..<60 {
      try await Task.sleep(for: .milliseconds(100))
      try await sandbox.clock(advanceSeconds: 0.25)
    }
    let logs = try await followed
    #expect(logs.exitCode == 0, "\(logs.summary)")
    let lines = logs.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    let labelled = lines.filter { !$0.isEmpty }
    #expect(!labelled.isEmpty, "\(logs.summary)")
    var tasks: Set<String> = []
    for line in labelled {
      guard line.hasPrefix("["), let close = line.firstIndex(of: "]"),
        let separator = line.range(of: " : ")
      else {
        Issue.record("unlabelled line: \(line)")
        continue
      }
      tasks.insert(String(line[line.index(after: line.startIndex)..<separator.lowerBound]))
      #expect(line[line.index(after: close)...].hasPrefix(" "), "\(line)")
    }
    #expect(tasks.isSubset(of: Self.pipelineTasks), "\(tasks)")
    #expect(tasks.contains("binary-container-build-x86-64"), "\(tasks)")
    #expect(tasks.contains("binary-container-build-aarch64"), "\(tasks)")
    #expect(tasks.contains("clone"), "\(tasks)")

    // The task has ended: koji-containerbuild deleted the run.
    let after = try await cli.osbsctl(
      ["build", "for-task", String(task), "-o", "json"], environment: sandbox.environment)
    #expect(try after.json()["source"] as? String == "osbs-client.log", "\(after.summary)")
    #expect(try after.json()["notOnCluster"] as? [String] == [run], "\(after.summary)")
    #expect(try after.json()["pipelineRunsOnCluster"] as? [String] == [], "\(after.summary)")
  }

  /// Issue 14's doctor case: a failed arch TaskRun of a task still running, on a node with a stale flow.
  @Test func doctorOnARunningTaskWithAFailedArchTaskRunFindsTheStaleFlowOnItsNode() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0, extraArguments: ["--koji-builder", "kcb140"])
    defer { sandbox.stop() }
    try await sandbox.script(
      #"{"builder": "kcb140", "outcome": "fail", "arches": ["x86_64", "aarch64"], "failedTask": "binary-container-build-x86-64", "durationSeconds": 40}"#
    )
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (task, run) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    // Far enough for the arch builds to have failed, not so far that the task ended.
    try await sandbox.clock(advanceSeconds: 30)
    let located = try await cli.osbsctl(
      ["build", "node", run, "-o", "json"], environment: sandbox.environment)
    let taskRuns = try #require(try located.json()["taskRuns"] as? [[String: Any]], "\(located.summary)")
    let failing = try #require(
      taskRuns.first { $0["pipelineTask"] as? String == "binary-container-build-x86-64" },
      "\(located.summary)")
    let node = try #require(failing["nodeName"] as? String, "\(located.summary)")
    let pods = try await cli.osbsctl(["node", "pods", node, "-o", "json"], environment: sandbox.environment)
    let items = try #require(try pods.json()["pods"] as? [[String: Any]], "\(pods.summary)")
    let nodeIP = failing["nodeIP"] as? String
    let live = items.compactMap { pod -> String? in
      guard let ip = pod["podIP"] as? String, ip != nodeIP,
        ["Pending", "Running"].contains(pod["phase"] as? String ?? "")
      else { return nil }
      return ip
    }
    let deadIP = "10.128.250.77"
    let ovs = try await DoctorCommandTests.bridge(withPodFlowsFor: live + [deadIP])
    defer { ovs.stop() }

    let (result, report) = try await DoctorCommandTests.doctor(
      cli, sandbox, [String(task), "--local-ovs"], ovs: ovs)
    #expect(result.exitCode == 1, "\(result.summary)")
    #expect(DoctorCommandTests.verdict(report)["status"] as? String == "problems", "\(result.summary)")
    #expect(DoctorCommandTests.problemCodes(report) == ["stale-flows"], "\(result.summary)")
    #expect((report["node"] as? [String: Any])?["name"] as? String == node)
    let hops = report["hops"] as? [[String: Any]] ?? []
    let taskRunHop = hops.first { $0["step"] as? String == "taskrun" }
    #expect(taskRunHop?["status"] as? String == "problem", "\(result.summary)")
    #expect(
      (taskRunHop?["result"] as? String)?.contains("pipeline task binary-container-build-x86-64") == true,
      "\(result.summary)")
  }
}
