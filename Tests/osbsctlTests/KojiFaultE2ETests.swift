import Foundation
import TestSupport
import Testing

/// Issue 3's fault tests, the built osbsctl against the built sandbox: no duplicate submissions, no lost
/// or repeated log bytes, and silent session renewal.
@Suite("Koji fault tests end to end")
struct KojiFaultE2ETests {
  /// (a) The hub runs buildContainer but the connection drops before the answer, 50 times in a row: every
  /// run recovers its own task (RetryError 1009 → listTasks) and none submits twice.
  @Test func droppedAfterExecuteFiftyTimesMakesFiftyTasks() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    var ids: [Int] = []
    for run in 1...50 {
      try await sandbox.addFault(
        #"{"match": {"xmlrpcMethod": "buildContainer"}, "action": "dropAfterExecute", "times": 1}"#)
      let result = try await cli.osbsctl(
        ["container-build", "-C", checkout.path, "--scratch", "--nowait", "-o", "json"],
        environment: sandbox.environment)
      try #require(result.exitCode == 0, "run \(run): \(result.stderr)")
      ids.append(try #require(try result.json()["taskId"] as? Int))
      #expect(try await sandbox.installedFaults() == 0, "run \(run): the drop did not happen")
    }
    #expect(Set(ids).count == 50)
    let tasks = try await sandbox.tasks().filter { $0.method == "buildContainer" }
    #expect(tasks.count == 50)
    #expect(Set(tasks.map(\.id)) == Set(ids))
    // Each run: the dropped call and its retry with the same callnum (answered RetryError).
    #expect(try await sandbox.calls("buildContainer") == 100)
  }

  /// (b) A 20 MB log followed while 20 downloads lose their connection: the output is the log, byte for byte.
  @Test func twentyMegabyteLogSurvivesTwentyDrops() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let size = 20_000_000
    // The log grows by 0.5 MB per simulated second; the test moves the clock itself.
    try await sandbox.script(#"{"logBytes": \#(size), "openAfterSeconds": 0, "durationSeconds": 40}"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let submitted = try await cli.osbsctl(
      ["container-build", "-C", checkout.path, "--scratch", "--nowait", "-o", "json"],
      environment: sandbox.environment)
    let task = try #require(try submitted.json()["taskId"] as? Int, "\(submitted.stderr)")

    let follower = try RunningCLI(
      cli, ["task", "logs", String(task), "--follow", "--log", "x86_64.log", "--interval", "0.05"],
      environment: sandbox.environment)
    var drops = 0
    while drops < 20 {
      try await sandbox.addFault(
        #"{"match": {"xmlrpcMethod": "downloadTaskOutput"}, "action": "dropConnection", "times": 1}"#)
      // Grow the log until a download comes along and is dropped.
      var fired = false
      for _ in 0..<200 {
        try await sandbox.clock(advanceSeconds: 0.5)
        for _ in 0..<10 {
          if try await sandbox.installedFaults() == 0 {
            fired = true
            break
          }
          try await Task.sleep(for: .milliseconds(20))
        }
        if fired || follower.child.exitedTermination() != nil { break }
      }
      try #require(fired, "no download to drop after \(drops) drops: \(follower.stderr)")
      drops += 1
    }
    try await sandbox.clock(advanceSeconds: 60)
    let result = await follower.finish()
    #expect(result.exitCode == 0, "\(result.stderr)")

    let reference = try await sandbox.taskFile(task, "x86_64.log")
    #expect(reference.count > size * 99 / 100)  // about logBytes: whole lines
    let printed = try Data(contentsOf: URL(fileURLWithPath: follower.stdoutPath))
    #expect(printed.count == reference.count)
    #expect(printed == reference, "stdout differs from the task's x86_64.log")
    try? FileManager.default.removeItem(atPath: follower.stdoutPath)
    let journal = try await sandbox.journal()
    #expect(journal.count { $0.xmlrpcMethod == "downloadTaskOutput" && !$0.faultRuleIDs.isEmpty } == 20)
    // (libcurl itself resends a request whose reused connection died silently, so not every drop shows
    // as a retry warning; the journal is the record.)
    #expect(journal.count { $0.xmlrpcMethod == "downloadTaskOutput" && $0.faultRuleIDs.isEmpty } >= 20)
  }

  /// (c) The session expires while container-build watches: the watch is anonymous (container-build logs
  /// out after submitting, as koji does), so it goes on with no new login and nothing on stderr about it.
  /// (Silent renewal of logged-in calls: SimulatedKojiHubTests.expiredSessionsAreRenewedByTheClient.)
  @Test func sessionExpiryMidWatchDoesNotDisturbTheWatch() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let running = try RunningCLI(
      cli, ["container-build", "-C", checkout.path, "--interval", "0.1"], environment: sandbox.environment)
    #expect(try await running.waitForStderr("1 buildContainer (noarch): free"), "\(running.stderr)")
    #expect(try await sandbox.calls("login") == 1)
    try await sandbox.expireSessions()
    // Frozen clock: the build cannot finish before the watcher has polled twice after the expiry.
    let before = try await sandbox.calls("multiCall")
    var polls = before
    for _ in 0..<300 where polls < before + 2 {
      try await Task.sleep(for: .milliseconds(50))
      polls = try await sandbox.calls("multiCall")
    }
    #expect(polls >= before + 2)
    try await sandbox.clock(speed: 100)
    let result = await running.finish()
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(try await sandbox.calls("login") == 1)
    for noise in ["error", "Error", "1007", "xpired", "try #", "warning"] {
      #expect(!result.stderr.contains(noise), "stderr mentions \(noise): \(result.stderr)")
    }
    #expect(result.stderr.contains("-> closed"))
  }
}
