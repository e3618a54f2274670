import Foundation
import TestSupport
import Testing

/// OpenShift 4.14 and later can be installed without the Build capability: OSBS 2 runs there, with
/// PipelineRuns as the only builds, and `/apis/build.openshift.io` and `/oapi/v1` answer 404 like any
/// unknown path. The sandbox plays that cluster with `--openshift-api none`; every command that takes a
/// build name, or lists, prunes or diagnoses builds, works on the PipelineRuns and never asks for a Build.
@Suite("A cluster with OpenShift Pipelines and no build API", .serialized)
struct PipelinesOnlyClusterE2ETests {
  static func start() async throws -> SandboxProcess {
    try await SandboxProcess.start(
      kojiSpeed: 0, extraArguments: ["--koji-builder", "kcb140", "--openshift-api", "none"])
  }

  /// Requests for Build objects (discovery's `/apis` and `/oapi/v1` are not among them).
  static func buildRequests(_ sandbox: SandboxProcess) async throws -> [String] {
    try await sandbox.journal().map(\.path).filter {
      $0.hasPrefix("/apis/build.openshift.io/v1/") || $0.hasPrefix("/oapi/v1/")
    }
  }

  @Test func buildCommandsTakeAPipelineRunByNameAndNeverAskForABuild() async throws {
    let sandbox = try await Self.start()
    defer { sandbox.stop() }
    let cli = try CLI()
    let osbs2 = OSBS2EndToEndTests.self
    try await sandbox.request(
      "POST", "/_sandbox/openshift/pipelineruns", json: #"{"name": "pr-one", "stageSeconds": 0.05}"#)
    try await osbs2.advance(sandbox, seconds: 2, step: 1)
    #expect(try await osbs2.waitForPhase(cli, sandbox, "pr-one", "Succeeded"))

    // The cluster itself: no build API in discovery, and the sandbox refuses to add Builds to it.
    let groups = String(decoding: try await sandbox.request("GET", "/apis"), as: UTF8.self)
    #expect(groups.contains("tekton.dev") && !groups.contains("build.openshift.io"), "\(groups)")
    await #expect(throws: (any Error).self) {
      try await sandbox.request("POST", "/_sandbox/openshift/builds", json: #"{"name": "b"}"#)
    }

    let logs = try await cli.osbsctl(["build", "logs", "pr-one"], environment: sandbox.environment)
    #expect(logs.exitCode == 0, "\(logs.summary)")
    #expect(logs.stdout.contains("[clone : clone] "), "\(logs.stdout)")
    #expect(logs.stdout.contains("[binary-container-exit : "), "\(logs.stdout)")

    let missing = try await cli.osbsctl(["build", "logs", "no-such-run"], environment: sandbox.environment)
    #expect(missing.exitCode == 3, "\(missing.summary)")
    // Only the kind this cluster has is named, with the server's own words.
    #expect(
      missing.stderr.contains(#"no PipelineRun named "no-such-run" in namespace osbs"#), "\(missing.stderr)")
    #expect(missing.stderr.contains(#"pipelineruns.tekton.dev "no-such-run" not found"#), "\(missing.stderr)")

    // Asked for a Build, the answer says why there is none.
    let forced = try await cli.osbsctl(
      ["build", "logs", "--kind", "build", "pr-one"], environment: sandbox.environment)
    #expect(forced.exitCode == 5, "\(forced.summary)")
    #expect(forced.stderr.contains("without the Build capability"), "\(forced.stderr)")

    let (listed, list) = try await osbs2.json(cli, sandbox, ["build", "list"])
    #expect(listed.exitCode == 0, "\(listed.summary)")
    let kinds = (list["builds"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
    #expect(kinds == ["PipelineRun"], "\(listed.stdout)")

    let (doctor, diagnosis) = try await osbs2.json(cli, sandbox, ["doctor", "--build", "pr-one"])
    #expect(doctor.exitCode == 0, "\(doctor.summary)")
    let run = (diagnosis["runs"] as? [[String: Any]])?.first
    #expect(run?["kind"] as? String == "PipelineRun", "\(doctor.stdout)")
    let (gone, absent) = try await osbs2.json(cli, sandbox, ["doctor", "--build", "no-such-run"])
    #expect(gone.exitCode == 3, "\(gone.summary)")
    let verdict = absent["verdict"] as? [String: Any]
    #expect(verdict?["status"] as? String == "not-found", "\(gone.stdout)")
    #expect(
      (verdict?["summary"] as? String)?.contains("serves no OpenShift build API") == true, "\(gone.stdout)")

    // prune builds plans the PipelineRuns alone, and deletes them.
    let rules = ["--keep-complete", "0", "--keep-younger-than", "0s"]
    let (plan, planned) = try await osbs2.json(cli, sandbox, ["prune", "builds"] + rules)
    #expect(plan.exitCode == 0, "\(plan.summary)")
    let entries = planned["planned"] as? [[String: Any]] ?? []
    #expect(entries.compactMap { $0["kind"] as? String } == ["pipelinerun"], "\(plan.stdout)")
    #expect(osbs2.prunedNames(planned, "planned") == ["pr-one"], "\(plan.stdout)")
    let (prune, pruned) = try await osbs2.json(cli, sandbox, ["prune", "builds", "--confirm"] + rules)
    #expect(prune.exitCode == 0, "\(prune.summary)")
    #expect(osbs2.prunedNames(pruned, "deleted") == ["pr-one"], "\(prune.stdout)")
    let after = try await cli.osbsctl(["build", "get", "pr-one"], environment: sandbox.environment)
    #expect(after.exitCode == 3, "\(after.summary)")

    #expect(try await Self.buildRequests(sandbox) == [])
  }

  /// A Koji task whose koji-containerbuild 1.4.0 builder runs a PipelineRun: `build for-task` and `doctor`
  /// find the run while the task is open and report from the Koji logs once it is deleted.
  @Test func aKojiTaskIsFoundAsItsPipelineRunBeforeAndAfterKojiDeletesIt() async throws {
    let sandbox = try await Self.start()
    defer { sandbox.stop() }
    try await sandbox.script(#"{"builder": "kcb140", "arches": ["x86_64"], "durationSeconds": 30}"#)
    let cli = try CLI()
    let osbs2 = OSBS2EndToEndTests.self
    let checkout = try await sandbox.distGitCheckout()
    let (task, run) = try await KojiClusterLinkE2ETests.submit(sandbox, cli, checkout)
    try await osbs2.advance(sandbox, seconds: 2, step: 1)

    let found = try await osbs2.forTaskWhileRunning(cli, sandbox, task: task)
    #expect(found["kind"] as? String == "PipelineRun", "\(found)")
    #expect(found["pipelineRunsOnCluster"] as? [String] == [run], "\(found)")
    let (doctor, diagnosis) = try await osbs2.json(cli, sandbox, ["doctor", String(task)])
    #expect(doctor.exitCode == 0, "\(doctor.summary)")
    let steps = (diagnosis["hops"] as? [[String: Any]] ?? []).compactMap { $0["step"] as? String }
    for step in ["pipelinerun", "taskrun", "pod", "node"] {
      #expect(steps.contains(step), "\(doctor.stdout)")
    }

    // The task ends; koji-containerbuild deletes the run.
    try await osbs2.advance(sandbox, seconds: 32)
    var gone: [String: Any] = [:]
    for _ in 0..<50 {
      (_, gone) = try await osbs2.json(cli, sandbox, ["build", "for-task", String(task)])
      if (gone["notOnCluster"] as? [String]) == [run] { break }
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect(gone["notOnCluster"] as? [String] == [run], "\(gone)")
    #expect(gone["source"] as? String == "osbs-client.log", "\(gone)")
    let (ended, report) = try await osbs2.json(cli, sandbox, ["doctor", String(task)])
    #expect(ended.exitCode == 0, "\(ended.summary)")
    let verdict = report["verdict"] as? [String: Any]
    #expect(verdict?["status"] as? String == "healthy", "\(ended.stdout)")
    #expect(
      (verdict?["summary"] as? String)?.contains("deleted by koji-containerbuild") == true, "\(ended.stdout)")

    #expect(try await Self.buildRequests(sandbox) == [])
  }

  /// A koji-containerbuild builder of the OSBS 1 era creates OpenShift Builds, which this cluster cannot
  /// have: the sandbox refuses the combination rather than run Builds nobody could read.
  @Test func theSandboxRefusesOSBS1KojiBuildsOnIt() async throws {
    let refused = try await ChildProcess.capture(
      try BuiltProducts.executable("osbs-sandbox"), ["--openshift-api", "none"])
    #expect(refused.status == 64, "\(refused)")
    #expect(refused.stderr.contains("--koji-builder kcb140"), "\(refused)")
    #expect(refused.stdout.isEmpty, "\(refused)")
  }
}
