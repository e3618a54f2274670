import Foundation
import TestSupport
import Testing

/// Issue 11, defect 5: a watch outlives the session that submitted the build, rides out a database outage
/// when the profile says `offline_retry`, and whenever it ends early still names the task and how to resume.
@Suite("Koji watches survive sessions and outages end to end")
struct KojiWatchSurvivalE2ETests {
  /// Appends koji.conf lines to the sandbox's profile (kept owner-only: it holds a password).
  static func addToKojiProfile(_ sandbox: SandboxProcess, _ lines: String) throws {
    let config = try String(contentsOfFile: sandbox.ready.kojiConfig, encoding: .utf8)
    try (config + lines).write(toFile: sandbox.ready.kojiConfig, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: sandbox.ready.kojiConfig)
  }

  /// Requests the sandbox answered with an injected fault so far.
  static func faulted(_ sandbox: SandboxProcess) async throws -> Int {
    try await sandbox.journal().count { !$0.faultRuleIDs.isEmpty }
  }

  /// The hub drops the session (its row deleted, as koji-sweep-db or CheckClientIP do): every call with it,
  /// multicalls whole, is 1002 (capture 73). The build goes on, and so must the watch.
  @Test func containerBuildWatchSurvivesADeletedSession() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let running = try RunningCLI(
      cli, ["container-build", "-C", checkout.path, "--interval", "0.1"], environment: sandbox.environment)
    #expect(try await running.waitForStderr("1 buildContainer (noarch): free"), "\(running.stderr)")
    let pollsBefore = try await sandbox.calls("multiCall")
    try await sandbox.request("POST", "/_sandbox/koji/sessions/delete", json: "{}")
    // Frozen clock: the build cannot end before the watch has polled twice with the session gone.
    var polls = pollsBefore
    for _ in 0..<300 where polls < pollsBefore + 2 && running.child.exitedTermination() == nil {
      try await Task.sleep(for: .milliseconds(50))
      polls = try await sandbox.calls("multiCall")
    }
    try await sandbox.clock(speed: 100)
    let result = await running.finish()
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stderr.contains("-> closed"), "\(result.stderr)")
    #expect(try await sandbox.tasks().map(\.state) == ["CLOSED"])
  }

  /// A database outage (1014 for every call, capture 74) during the watch, with `offline_retry` in the
  /// profile: the watch waits it out, as koji does.
  @Test func offlineRetryRidesOutADatabaseOutage() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    try Self.addToKojiProfile(sandbox, "offline_retry = true\noffline_retry_interval = 0\n")
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()

    // container-build: the outage starts while it watches and lasts 40 hub requests.
    let running = try RunningCLI(
      cli, ["container-build", "-C", checkout.path, "--interval", "0.1"], environment: sandbox.environment)
    #expect(try await running.waitForStderr("1 buildContainer (noarch): free"), "\(running.stderr)")
    try await sandbox.addFault(#"{"match": {"path": "/kojihub"}, "action": "databaseOutage", "times": 40}"#)
    for _ in 0..<300 where try await sandbox.installedFaults() > 0 && running.child.exitedTermination() == nil
    {
      try await Task.sleep(for: .milliseconds(50))
    }
    try await sandbox.clock(speed: 100)
    let built = await running.finish()
    #expect(built.exitCode == 0, "\(built.stderr)")
    #expect(try await Self.faulted(sandbox) == 40)

    // task watch and task logs -f of the finished task, each through an outage of 20 requests.
    for arguments in [["task", "watch", "1"], ["task", "logs", "-f", "1"]] {
      try await sandbox.addFault(
        #"{"match": {"path": "/kojihub"}, "action": "databaseOutage", "times": 20}"#)
      let result = try await cli.osbsctl(
        arguments + ["--interval", "0.05"], environment: sandbox.environment)
      #expect(result.exitCode == 0, "\(arguments): \(result.stderr)")
      #expect(try await sandbox.installedFaults() == 0)
      // The wait is said once, naming the call and why, not once per refused request.
      let notes = result.stderr.split(separator: "\n").filter { $0.contains("is offline (database outage)") }
      #expect(notes.count == 1, "\(arguments): \(result.stderr)")
      #expect(notes.first?.contains("offline_retry") == true)
    }
  }

  /// Without `offline_retry` the outage ends the watch (exit 5), but it says how to resume and, with
  /// `-o json`, still prints the report with the task id and the error.
  @Test func aWatchThatEndsEarlyNamesTheTaskAndHowToResume() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let running = try RunningCLI(
      cli, ["container-build", "-C", checkout.path, "--interval", "0.1", "-o", "json"],
      environment: sandbox.environment)
    #expect(try await running.waitForStderr("1 buildContainer (noarch): free"), "\(running.stderr)")
    try await sandbox.addFault(#"{"match": {"path": "/kojihub"}, "action": "databaseOutage"}"#)
    let built = await running.finish()
    #expect(built.exitCode == 5, "\(built.stderr)")
    #expect(built.stderr.contains("osbsctl task watch 1"), "\(built.stderr)")
    let report = try built.json()
    #expect(report["taskId"] as? Int == 1, "\(built.stdout)")
    #expect((report["error"] as? String)?.contains("database outage") == true, "\(built.stdout)")

    for (arguments, resume) in [
      (["task", "watch", "1"], "osbsctl task watch 1"),
      (["task", "logs", "-f", "1"], "osbsctl task logs -f 1"),
    ] {
      let result = try await cli.osbsctl(
        arguments + ["--interval", "0.05", "-o", "json"], environment: sandbox.environment)
      #expect(result.exitCode == 5, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(resume), "\(arguments): \(result.stderr)")
      let last = try #require(
        try KojiTaskCommandsE2ETests.jsonLines(result.stdout).last, "\(arguments): \(result.stdout)")
      #expect(last["taskId"] as? Int == 1, "\(arguments): \(result.stdout)")
      #expect((last["error"] as? String)?.contains("database outage") == true, "\(result.stdout)")
      // The error on stderr is the one JSON object of a -o json run, not an `error:` line.
      let objects = result.stderr.split(separator: "\n").filter { $0.hasPrefix("{") }
      #expect(objects.count == 1 && !result.stderr.contains("error: "), "\(arguments): \(result.stderr)")
      let error = try #require(
        (try JSONSerialization.jsonObject(with: Data((objects.first ?? "").utf8)) as? [String: Any])?["error"]
          as? [String: Any], "\(result.stderr)")
      #expect(error["kind"] as? String == "unavailable" && error["exitCode"] as? Int == 5, "\(error)")
    }
    // The build itself went on.
    #expect(try await sandbox.tasks().map(\.state) == ["FREE"])
  }
}
