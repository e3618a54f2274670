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
    #expect(objects.allSatisfy { $0["build"] as? String == run && $0["kind"] as? String == "PipelineRun" })
    #expect(objects.allSatisfy { Self.pipelineTasks.contains($0["pipelineTask"] as? String ?? "") })
    #expect(objects.allSatisfy { ($0["step"] as? String)?.isEmpty == false && $0["line"] is String })

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
}
