import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `osbsctl container-build`, the built binary against the built `osbs-sandbox` (builds take about a second).
@Suite("container-build end to end")
struct ContainerBuildE2ETests {
  /// Runs `osbsctl container-build -C checkout ARGS` against the sandbox.
  static func build(
    _ sandbox: SandboxProcess, _ cli: CLI, _ checkout: URL, _ arguments: [String]
  ) async throws -> CLIResult {
    try await cli.osbsctl(
      ["container-build", "-C", checkout.path, "--interval", "0.2"] + arguments,
      environment: sandbox.environment)
  }

  static func head(_ sandbox: SandboxProcess, _ checkout: URL) async throws -> String {
    try await sandbox.git(["-C", checkout.path, "rev-parse", "HEAD"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
  }

  @Test func successWatchesTailsAndPrintsTheRepositories() async throws {
    // The hub's clock starts frozen, so the first poll sees the task free whatever the machine's load.
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let running = try RunningCLI(
      cli, ["container-build", "-C", checkout.path, "--interval", "0.2"], environment: sandbox.environment)
    #expect(try await running.waitForStderr("1 buildContainer (noarch): free\n"), "\(running.stderr)")
    try await sandbox.clock(speed: 5)
    let result = await running.finish()

    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stderr.contains("Created task 1\n"))
    #expect(result.stderr.contains("\(sandbox.baseURL)/koji/taskinfo?taskID=1"))
    #expect(result.stderr.contains("1 buildContainer (noarch): free -> open (buildvm-01.example.org)"))
    #expect(result.stderr.contains("1 buildContainer (noarch): open (buildvm-01.example.org) -> closed"))
    #expect(result.stderr.contains("1:x86_64.log: ") && result.stderr.contains("build finished"))
    #expect(result.stderr.contains("1:openshift-incremental.log: "))
    // The repositories printed are the ones the hub's result names.
    let info = try await cli.osbsctl(["task", "info", "1", "-o", "json"], environment: sandbox.environment)
    let taskResult = try #require(try info.json()["result"] as? [String: Any])
    let repositories = try #require(taskResult["repositories"] as? [String])
    #expect(!repositories.isEmpty)
    for repository in repositories { #expect(result.stdout.contains(repository)) }
    // And the Koji build it made, by NVR, as task info names it.
    let nvr = try #require((try info.json()["kojiBuilds"] as? [[String: Any]])?.first?["nvr"] as? String)
    #expect(result.stdout.contains("\nKoji build: \(nvr) (id "), "\(result.stdout)")
    #expect(try await sandbox.tasks().map(\.state) == ["CLOSED"])
  }

  @Test func jsonReportHasTheContractFields() async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let result = try await Self.build(sandbox, cli, checkout, ["-o", "json"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let report = try result.json()
    #expect(report["taskId"] as? Int == 1)
    #expect(report["taskURL"] as? String == "\(sandbox.baseURL)/koji/taskinfo?taskID=1")
    #expect(report["state"] as? String == "closed")
    let commit = try await Self.head(sandbox, checkout)
    #expect(
      report["source"] as? String
        == "git+file://\(sandbox.ready.stateDir)/git/container/hello-world.git#\(commit)")
    #expect(report["target"] as? String == "f45-container-candidate")
    #expect(report["scratch"] as? Bool == false)
    #expect((report["repositories"] as? [String])?.isEmpty == false)
    #expect((report["kojiBuildIds"] as? [Int])?.isEmpty == false)
    // The NVR of each build, as the hub has it, next to the ids.
    let nvrs = try #require(report["kojiBuildNVRs"] as? [String], "\(result.stdout)")
    #expect(nvrs.count == (report["kojiBuildIds"] as? [Int])?.count)
    #expect(nvrs.allSatisfy { $0.split(separator: "-").count >= 3 }, "\(nvrs)")
    #expect(report["error"] == nil)
  }

  @Test func failedBuildExitsOneWithTheReason() async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    try await sandbox.script(
      #"{"outcome": "fail", "failureReason": "Error in plugin orchestrate_build: boom", "repeat": 2}"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let result = try await Self.build(sandbox, cli, checkout, ["-o", "json"])
    #expect(result.exitCode == 1, "\(result.stderr)")
    let report = try result.json()
    #expect(report["state"] as? String == "failed")
    let error = try #require(report["error"] as? String)
    #expect(error.contains("Error in plugin orchestrate_build: boom"))
    #expect(result.stderr.contains("FAILED: "))

    let text = try await Self.build(sandbox, cli, checkout, [])
    #expect(text.exitCode == 1)
    #expect(text.stderr.contains("task 2 failed: ") && text.stderr.contains("boom"), "\(text.stderr)")

    // task info: the fault has its own line under the table and its own JSON field, not the STATE column.
    let info = try await cli.osbsctl(["task", "info", "2"], environment: sandbox.environment)
    #expect(info.exitCode == 0, "\(info.stderr)")
    let row = try #require(info.stdout.split(separator: "\n").dropFirst().first, "\(info.stdout)")
    #expect(row.contains(" FAILED") && !row.contains("boom"), "\(row)")
    let fault = try #require(
      info.stdout.split(separator: "\n").first { $0.hasPrefix("Fault:") }, "\(info.stdout)")
    #expect(fault.contains("Error in plugin orchestrate_build: boom"), "\(fault)")
    let json = try await cli.osbsctl(["task", "info", "2", "-o", "json"], environment: sandbox.environment)
    #expect((try json.json()["failure"] as? String)?.contains("boom") == true, "\(json.stdout)")
    #expect(try json.json()["kojiBuilds"] == nil)
  }

  @Test func nowaitSubmitsAndReturns() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let result = try await Self.build(sandbox, cli, checkout, ["--nowait", "-o", "json"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(try result.json()["state"] as? String == "submitted")
    #expect(try result.json()["taskId"] as? Int == 1)
    #expect(result.stderr.contains("Created task 1"))
    #expect(!result.stderr.contains("buildContainer (noarch)"))
    #expect(try await sandbox.tasks().map(\.state) == ["FREE"])
  }

  @Test func dryRunShowsTheExactCallAndSubmitsNothing() async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let commit = try await Self.head(sandbox, checkout)
    let source = "git+file://\(sandbox.ready.stateDir)/git/container/hello-world.git#\(commit)"

    let text = try await Self.build(sandbox, cli, checkout, ["--dry-run"])
    #expect(text.exitCode == 0, "\(text.stderr)")
    #expect(
      text.stderr.contains("buildContainer('\(source)', 'f45-container-candidate', {'git_branch': 'f45'})"))

    let json = try await Self.build(
      sandbox, cli, checkout, ["--dry-run", "-o", "json", "--repo-url", "http://r/a.repo"])
    #expect(json.exitCode == 0)
    let call = try #require(try json.json()["call"] as? [String: Any])
    #expect(call["method"] as? String == "buildContainer")
    let params = try #require(call["params"] as? [Any])
    #expect(params.count == 3)
    #expect(params[0] as? String == source)
    #expect((params[2] as? [String: Any])?["yumRepourls"] as? [String] == ["http://r/a.repo"])

    #expect(try await sandbox.tasks().isEmpty)
    #expect(try await sandbox.calls("buildContainer") == 0)
  }

  @Test func archesTargetAndBranchRules() async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()

    let refused = try await Self.build(sandbox, cli, checkout, ["--arches", "x86_64", "--dry-run"])
    #expect(refused.exitCode == 64)
    #expect(refused.stderr.contains("--arches"))

    func opts(_ result: CLIResult) throws -> [String: Any] {
      let call = try #require(try result.json()["call"] as? [String: Any])
      return try #require((call["params"] as? [Any])?[2] as? [String: Any])
    }
    let scratch = try await Self.build(
      sandbox, cli, checkout, ["--scratch", "--arches", "x86_64,aarch64", "--dry-run", "-o", "json"])
    #expect(scratch.exitCode == 0, "\(scratch.stderr)")
    #expect(try scratch.json()["scratch"] as? Bool == true)
    #expect(try opts(scratch)["archOverride"] as? String == "x86_64 aarch64")
    #expect(try opts(scratch)["scratch"] as? Bool == true)

    let isolated = try await Self.build(
      sandbox, cli, checkout,
      ["--isolated", "--release", "3", "--arches", "s390x", "--dry-run", "-o", "json"])
    #expect(isolated.exitCode == 0, "\(isolated.stderr)")
    #expect(try opts(isolated)["archOverride"] as? String == "s390x")

    let target = try await Self.build(
      sandbox, cli, checkout, ["--target", "f30-container-candidate", "--dry-run", "-o", "json"])
    #expect(try target.json()["target"] as? String == "f30-container-candidate")

    for branch in ["main", "master"] {
      let other = try await sandbox.distGitCheckout(name: "app-\(branch)", branch: branch)
      let derived = try await Self.build(sandbox, cli, other, ["--dry-run", "-o", "json"])
      #expect(derived.exitCode == 0, "\(derived.stderr)")
      #expect(try derived.json()["target"] as? String == "rawhide-container-candidate")
      #expect(try opts(derived)["gitBranch"] as? String == branch)
    }
    #expect(try await sandbox.tasks().isEmpty)

    // A scratch build may go to a locked destination.
    let locked = try await Self.build(
      sandbox, cli, checkout,
      ["--scratch", "--target", "locked-container-candidate", "--nowait", "-o", "json"])
    #expect(locked.exitCode == 0, "\(locked.stderr)")
    #expect(try await sandbox.tasks().count == 1)
  }

  @Test func preflightRefusalsSubmitNothing() async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let cli = try CLI()

    let bare = try await sandbox.distGitCheckout(name: "no-dockerfile", dockerfile: false)
    let noDockerfile = try await Self.build(sandbox, cli, bare, [])
    #expect(noDockerfile.exitCode == 64)
    #expect(noDockerfile.stderr.contains("Dockerfile"), "\(noDockerfile.stderr)")

    let checkout = try await sandbox.distGitCheckout()
    let dockerfile = checkout.appendingPathComponent("Dockerfile")
    try "FROM fedora:45\nRUN true\n".write(to: dockerfile, atomically: true, encoding: .utf8)
    let dirty = try await Self.build(sandbox, cli, checkout, [])
    #expect(dirty.exitCode == 1)
    #expect(
      dirty.stderr.contains("uncommitted changes") && dirty.stderr.contains("Dockerfile"), "\(dirty.stderr)")

    try await sandbox.commit(in: checkout, message: "Bump the release for the rebuild")
    let unpushed = try await Self.build(sandbox, cli, checkout, [])
    #expect(unpushed.exitCode == 1)
    #expect(unpushed.stderr.contains("not pushed to origin/f45"), "\(unpushed.stderr)")
    #expect(unpushed.stderr.contains("Bump the release for the rebuild"))
    try await sandbox.git(["-C", checkout.path, "push", "-q"])

    let unknown = try await Self.build(sandbox, cli, checkout, ["--target", "f99-container-candidate"])
    #expect(unknown.exitCode == 3)
    #expect(unknown.stderr.contains("unknown build target: f99-container-candidate"), "\(unknown.stderr)")

    let locked = try await Self.build(sandbox, cli, checkout, ["--target", "locked-container-candidate"])
    #expect(locked.exitCode == 1)
    #expect(
      locked.stderr.contains(
        "destination tag locked-container-candidate of target locked-container-candidate is locked"),
      "\(locked.stderr)")

    // A hub without the koji-containerbuild plugin: the pre-flight multicall's system.listMethods lacks
    // buildContainer (the sandbox answers that one multicall with a canned reply).
    try await sandbox.addFault(try Self.cannedMulticallRule(methods: ["getTaskInfo", "listTasks"]))
    let noPlugin = try await Self.build(sandbox, cli, checkout, [])
    #expect(noPlugin.exitCode == 1)
    #expect(noPlugin.stderr.contains("has no buildContainer method"), "\(noPlugin.stderr)")
    #expect(try await sandbox.installedFaults() == 0)

    #expect(try await sandbox.tasks().isEmpty)
    #expect(try await sandbox.calls("buildContainer") == 0)
  }

  /// A one-shot fault rule answering the next multicall with the pre-flight's four results, the first
  /// being `system.listMethods` naming only `methods`.
  static func cannedMulticallRule(methods: [String]) throws -> String {
    func one(_ value: String) -> String { "<value><array><data>\(value)</data></array></value>" }
    let names = methods.map { "<value><string>\($0)</string></value>" }.joined()
    let body =
      "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><array><data>"
      + one("<value><array><data>\(names)</data></array></value>") + one("<value><nil/></value>")
      + one("<value><nil/></value>") + one("<value><array><data></data></array></value>")
      + "</data></array></value>\n</param>\n</params>\n</methodResponse>\n"
    let rule: [String: Any] = [
      "match": ["xmlrpcMethod": "multiCall"],
      "action": ["type": "status", "code": 200, "body": body, "contentType": "text/xml"], "times": 1,
    ]
    return String(decoding: try JSONSerialization.data(withJSONObject: rule), as: UTF8.self)
  }

  @Test func ctrlCWhileWatchingExitsTwoAndSaysHowToResume() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let running = try RunningCLI(
      cli, ["container-build", "-C", checkout.path, "--interval", "0.2"], environment: sandbox.environment)
    #expect(try await running.waitForStderr("1 buildContainer (noarch): free"), "\(running.stderr)")
    kill(running.child.pid, SIGINT)
    let result = await running.finish()
    #expect(result.exitCode == 2, "\(result.stderr)")
    #expect(
      result.stderr.contains("the task keeps running; resume with `osbsctl task watch 1`"), "\(result.stderr)"
    )
    #expect(try await sandbox.tasks().map(\.state) == ["FREE"])
  }
}

/// `--background` and negative numbers, as koji-containerbuild's CLI sends and a shell passes them.
@Suite("container-build priorities")
struct ContainerBuildPriorityTests {
  @Test func backgroundSendsPriorityFiveOnceAndIsAccepted() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()

    let preview = try await ContainerBuildE2ETests.build(
      sandbox, cli, checkout, ["--background", "--scratch", "--dry-run"])
    #expect(preview.exitCode == 0, "\(preview.stderr)")
    #expect(preview.stderr.contains(", priority=5)"), "\(preview.stderr)")

    let submitted = try await ContainerBuildE2ETests.build(
      sandbox, cli, checkout, ["--background", "--scratch", "--nowait", "-o", "json"])
    #expect(submitted.exitCode == 0, "\(submitted.stderr)")
    let taskID = try #require(try submitted.json()["taskId"] as? Int)
    // The hub adds the keyword to its default priority 20 (capture 75b: 25).
    let info = try await cli.osbsctl(
      ["task", "info", "\(taskID)", "-o", "json"], environment: sandbox.environment)
    #expect(info.stdout.contains("\"priority\" : 25"), "\(info.stdout)")

    let both = try await ContainerBuildE2ETests.build(
      sandbox, cli, checkout, ["--background", "--priority", "3", "--dry-run"])
    #expect(both.exitCode == 64)
    #expect(both.stderr.contains("--priority and --background are mutually exclusive"), "\(both.stderr)")
  }

  @Test func negativeNumbersAreValuesNotOptions() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()

    let preview = try await ContainerBuildE2ETests.build(
      sandbox, cli, checkout, ["--priority", "-5", "--dry-run"])
    #expect(preview.exitCode == 0, "\(preview.stderr)")
    #expect(preview.stderr.contains(", priority=-5)"), "\(preview.stderr)")
    // builder1 is no admin: the hub refuses a raised priority (capture 33), a permission refusal.
    let refused = try await ContainerBuildE2ETests.build(
      sandbox, cli, checkout, ["--priority", "-5", "--nowait"])
    #expect(refused.exitCode == 4, "\(refused.stderr)")
    #expect(refused.stderr.contains("only admins may create high-priority tasks"), "\(refused.stderr)")

    let timeout = try await cli.osbsctl(
      ["node", "drain", "build-node-1", "--timeout", "-5s"], environment: sandbox.environment)
    #expect(timeout.exitCode == 64)
    #expect(timeout.stderr.contains("--timeout -5s: must not be negative"), "\(timeout.stderr)")

    let keep = try await cli.osbsctl(
      ["prune", "builds", "--keep-complete", "-1"], environment: sandbox.environment)
    #expect(keep.exitCode == 64)
    #expect(keep.stderr.contains("-1") && !keep.stderr.contains("Missing value"), "\(keep.stderr)")
  }
}
