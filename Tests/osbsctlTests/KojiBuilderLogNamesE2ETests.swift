import Foundation
import TestSupport
import Testing

/// Issue 11, defect 8: what a koji-containerbuild 1.4.0 builder writes (captures 76–78) — `osbs-client.log`
/// naming a Tekton pipeline run, no `openshift-incremental.log`, `koji_builds` as strings — and a failed
/// two-arch task, as `build for-task`, `doctor` and `container-build` read them.
@Suite("today's builder log names: build for-task, doctor, container-build", .serialized)
struct KojiBuilderLogNamesE2ETests {
  static func runName(_ sandbox: SandboxProcess, task: Int) async throws -> String {
    let tasks = try #require(
      try JSONSerialization.jsonObject(with: try await sandbox.request("GET", "/_sandbox/koji/tasks"))
        as? [[String: Any]])
    return try #require(tasks.first { $0["id"] as? Int == task }?["osbsBuildName"] as? String)
  }

  @Test func theSandboxWritesWhatA140BuilderWrites() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0, extraArguments: ["--koji-builder", "kcb140"])
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (task, _) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    try await sandbox.clock(advanceSeconds: 20)
    let run = try await Self.runName(sandbox, task: task)

    let files = try #require(try await sandbox.tasks().first { $0.id == task }?.files)
    #expect(
      Set(files.keys) == ["osbs-client.log", "osbs-build.log", "checkout-for-labels.log", "x86_64.log"])
    let client = String(decoding: try await sandbox.taskFile(task, "osbs-client.log"), as: UTF8.self)
    #expect(client.contains(" - osbs.api - INFO - creating binary container image pipeline run: \(run)\n"))
    #expect(client.contains("OSBS build id: '\(run)'"))
    // A pipeline run: OSBS 2 leaves no OpenShift Build of that name on the cluster.
    #expect(try await KojiClusterLinkE2ETests.phase(sandbox, cli, run) == nil)
  }

  @Test func buildForTaskNamesThePipelineRunFromOsbsClientLog() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    // Chosen per submission through the control route.
    try await sandbox.script(#"{"builder": "kcb140"}"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (task, _) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    try await sandbox.clock(advanceSeconds: 20)
    let run = try await Self.runName(sandbox, task: task)

    let found = try await cli.osbsctl(
      ["build", "for-task", String(task), "-o", "json"], environment: sandbox.environment)
    #expect(found.exitCode == 0, "\(found.summary)")
    let report = try found.json()
    #expect(report["source"] as? String == "osbs-client.log", "\(found.summary)")
    #expect(report["kind"] as? String == "PipelineRun", "\(found.summary)")
    #expect(report["names"] as? [String] == [run])
    #expect(report["notOnCluster"] as? [String] == [run])
    #expect((report["builds"] as? [Any])?.isEmpty == true)

    let table = try await cli.osbsctl(["build", "for-task", String(task)], environment: sandbox.environment)
    #expect(table.exitCode == 0, "\(table.summary)")
    #expect(table.stdout.contains(run), "\(table.summary)")
    #expect(table.stderr.contains("not found on the cluster"), "\(table.summary)")

    let doctor = try await cli.osbsctl(
      ["doctor", String(task), "-o", "json"], environment: sandbox.environment)
    let diagnosis = try doctor.json()
    let first = (diagnosis["runs"] as? [[String: Any]])?.first
    #expect(first?["name"] as? String == run, "\(doctor.summary)")
    #expect(first?["kind"] as? String == "PipelineRun", "\(doctor.summary)")
    #expect(first?["onCluster"] as? Bool == false)
    // The run succeeded and koji-containerbuild deleted it: that is no "not found".
    #expect(doctor.exitCode == 0, "\(doctor.summary)")
    let verdict = diagnosis["verdict"] as? [String: Any]
    #expect(verdict?["status"] as? String == "healthy", "\(doctor.summary)")
    #expect(
      (verdict?["summary"] as? String)?.contains("deleted by koji-containerbuild when task \(task) ended")
        == true,
      "\(doctor.summary)")
  }

  @Test func aFailed140TaskIsNamedByItsFailureTextAndDoctorSaysItFailed() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0, extraArguments: ["--koji-builder", "kcb140"])
    defer { sandbox.stop() }
    try await sandbox.script(
      #"{"outcome": "fail", "failureReason": "Error in plugin binary_container: boom"}"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (task, _) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    try await sandbox.clock(advanceSeconds: 20)
    let run = try await Self.runName(sandbox, task: task)

    let found = try await cli.osbsctl(
      ["build", "for-task", String(task), "-o", "json"], environment: sandbox.environment)
    #expect(found.exitCode == 0, "\(found.summary)")
    #expect(try found.json()["names"] as? [String] == [run], "\(found.summary)")

    let doctor = try await cli.osbsctl(
      ["doctor", String(task), "-o", "json"], environment: sandbox.environment)
    let report = try doctor.json()
    #expect(doctor.exitCode == 1, "\(doctor.summary)")
    #expect((report["verdict"] as? [String: Any])?["status"] as? String == "failed", "\(doctor.summary)")
    #expect((report["taskFailure"] as? String)?.contains("boom") == true, "\(doctor.summary)")
    #expect((report["taskFailure"] as? String)?.contains("OSBS build id: \(run)") == true)
  }

  /// Issue 14: after the task ended the PipelineRun is gone; doctor works from the task's Koji logs and
  /// names the failing pipeline task and step, each arch's remote build host and the error.
  @Test func doctorOnAFailed140TaskNamesTheFailingTaskItsBuildHostAndTheError() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0, extraArguments: ["--koji-builder", "kcb140"])
    defer { sandbox.stop() }
    try await sandbox.script(
      #"{"builder": "kcb140", "outcome": "fail", "arches": ["x86_64", "aarch64"], "failedTask": "binary-container-build-aarch64", "failureReason": "Error: building at STEP \"RUN dnf -y install gcc\": exit status 1"}"#
    )
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (task, _) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    try await sandbox.clock(advanceSeconds: 20)
    let run = try await Self.runName(sandbox, task: task)

    let doctor = try await cli.osbsctl(
      ["doctor", String(task), "-o", "json"], environment: sandbox.environment)
    #expect(doctor.exitCode == 1, "\(doctor.summary)")
    let report = try doctor.json()
    let verdict = try #require(report["verdict"] as? [String: Any], "\(doctor.summary)")
    #expect(verdict["status"] as? String == "failed")
    let summary = try #require(verdict["summary"] as? String)
    #expect(
      summary.contains("pipeline task binary-container-build-aarch64 (step binary-container-build)"),
      "\(summary)")
    #expect(summary.contains("for aarch64 on build host buildvm-aarch64-0"), "\(summary)")
    #expect(summary.contains("RUN dnf -y install gcc"), "\(summary)")
    #expect(summary.contains("deleted by koji-containerbuild when task \(task) ended"), "\(summary)")
    #expect(!summary.contains("no OpenShift build"), "\(summary)")
    let record = try #require(report["pipelineRun"] as? [String: Any], "\(doctor.summary)")
    #expect(record["kind"] as? String == "PipelineRun")
    #expect(record["name"] as? String == run)
    #expect(record["pipelineTask"] as? String == "binary-container-build-aarch64")
    #expect(record["step"] as? String == "binary-container-build")
    #expect(record["arch"] as? String == "aarch64")
    let arches = try #require(record["arches"] as? [[String: Any]])
    #expect(arches.compactMap { $0["arch"] as? String } == ["x86_64", "aarch64"])
    let hosts = arches.compactMap { $0["buildHost"] as? String }
    #expect(hosts.count == 2)
    #expect(hosts.first?.hasPrefix("buildvm-x86-0") == true, "\(hosts)")
    #expect(hosts.last?.hasPrefix("buildvm-aarch64-0") == true, "\(hosts)")
    if let host = hosts.last { #expect(summary.contains("on build host \(host):"), "\(summary)") }
    #expect(record["lastLinesLog"] as? String == "aarch64.log")
    #expect((record["lastLines"] as? [String])?.last?.contains("RUN dnf -y install gcc") == true)
    let runs = try #require(report["runs"] as? [[String: Any]])
    #expect(runs.first?["kind"] as? String == "PipelineRun")
    #expect(runs.first?["phase"] as? String == "Failed")

    let table = try await cli.osbsctl(["doctor", String(task)], environment: sandbox.environment)
    #expect(table.exitCode == 1, "\(table.summary)")
    #expect(
      table.stdout.contains("was deleted by koji-containerbuild when task \(task) ended"), "\(table.summary)")
    #expect(
      table.stdout.contains("aarch64: binary-container-build-aarch64 built on remote host"),
      "\(table.summary)")
    #expect(table.stdout.contains("FAILED"), "\(table.summary)")
  }

  @Test func doctorExaminesEveryArchOfAFailedTwoArchTask() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    try await sandbox.script(
      #"{"children": true, "arches": ["x86_64", "aarch64"], "outcome": "fail", "failureReason": "boom"}"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (task, _) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    try await sandbox.clock(advanceSeconds: 20)
    let children = try await sandbox.tasks().filter { $0.parent == task }.map(\.id)
    #expect(children.count == 2)

    let found = try await cli.osbsctl(
      ["build", "for-task", String(task), "-o", "json"], environment: sandbox.environment)
    let names = try #require(try found.json()["names"] as? [String], "\(found.summary)")
    #expect(names.count == 2, "one build per arch: \(found.summary)")

    let doctor = try await cli.osbsctl(
      ["doctor", String(task), "-o", "json"], environment: sandbox.environment)
    let report = try doctor.json()
    #expect(doctor.exitCode == 1, "\(doctor.summary)")
    let verdict = try #require(report["verdict"] as? [String: Any], "\(doctor.summary)")
    #expect(verdict["status"] as? String != "healthy")
    #expect(verdict["status"] as? String == "failed")
    #expect((report["taskFailure"] as? String)?.contains("boom") == true, "\(doctor.summary)")
    let runs = try #require(report["runs"] as? [[String: Any]], "\(doctor.summary)")
    #expect(Set(runs.compactMap { $0["name"] as? String }) == Set(names))
    #expect(runs.allSatisfy { $0["verdict"] as? String != nil })

    let table = try await cli.osbsctl(["doctor", String(task)], environment: sandbox.environment)
    #expect(table.stdout.contains("FAILED"), "\(table.summary)")
    #expect(table.stdout.contains("boom"), "\(table.summary)")
    for name in names { #expect(table.stdout.contains(name), "\(table.summary)") }
  }

  @Test func containerBuildReadsStringBuildIDs() async throws {
    let sandbox = try await SandboxProcess.start(extraArguments: ["--koji-builder", "kcb140"])
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let result = try await cli.osbsctl(
      ["container-build", "-C", checkout.path, "-o", "json"], environment: sandbox.environment)
    #expect(result.exitCode == 0, "\(result.summary)")
    let report = try result.json()
    #expect((report["repositories"] as? [String])?.count == 4, "\(result.summary)")
    #expect((report["kojiBuildIds"] as? [Int])?.count == 1, "\(result.summary)")
  }
}
