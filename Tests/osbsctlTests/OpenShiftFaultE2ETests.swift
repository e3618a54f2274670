import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

/// The built osbsctl against the in-process sandbox cluster while it injects faults (issue 4).
@Suite("osbsctl against a faulty OpenShift cluster")
struct OpenShiftFaultE2ETests {
  @Test func twentyMegabyteLogCutTwentyTimesIsPrintedByteIdentical() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let cluster = fixture.cluster
      cluster.createBuild(.init(buildConfig: "big", name: "big-1", phase: .running))
      var text = ""
      var line = 0
      while text.utf8.count < 20_000_000 {
        line += 1
        text += "big line \(line) " + String(repeating: "z", count: line % 120) + " ✓\n"
      }
      // One line per millisecond, in the past: each resume from a whole second re-reads part of it.
      let start = Int64(Date().timeIntervalSince1970 - 3_600) * 1_000_000_000
      cluster.appendLog(build: "big-1", text, startingAt: start, intervalNanoseconds: 1_000_000)
      try cluster.setBuildPhase(.complete, build: "big-1")
      cluster.cutLogStreams(afterBytes: 900_001, times: 20)

      let followed = try await fixture.osbsctl("build", "logs", "big-1", "-f")
      #expect(followed.exitCode == 0, "\(followed.summary)")
      #expect(followed.stdout.utf8.count == text.utf8.count)
      #expect(followed.stdout == text)
      let logRequests = await fixture.server.journal.all.filter { $0.path.hasSuffix("/builds/big-1/log") }
      #expect(logRequests.count > 20, "the cuts should have forced resumes")
    }
  }

  /// Thousands of lines within one second, cut at the same byte on every resume from that second: the
  /// command keeps retrying until the cuts stop and prints the log byte-identical (it once exited 0
  /// with a truncated log).
  @Test func denseLogCutRepeatedlyAtTheSameByteIsPrintedByteIdentical() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let cluster = fixture.cluster
      cluster.createBuild(.init(buildConfig: "dense", name: "dense-1", phase: .running))
      let text = (1...3_000).map { "dense line \($0) " + String(repeating: "y", count: $0 % 61) + "\n" }
        .joined()
      let start = Int64(Date().timeIntervalSince1970 - 60) * 1_000_000_000
      cluster.appendLog(build: "dense-1", text, startingAt: start, intervalNanoseconds: 1_000)
      try cluster.setBuildPhase(.complete, build: "dense-1")
      cluster.cutLogStreams(afterBytes: 10_000, times: 4)

      let followed = try await fixture.osbsctl("build", "logs", "dense-1", "-f")
      #expect(followed.exitCode == 0, "\(followed.summary)")
      #expect(followed.stdout == text)
    }
  }

  @Test func watchRelistsAfterGoneAndReportsEachPhaseOnce() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let cluster = fixture.cluster
      cluster.createBuild(.init(buildConfig: "gone", name: "gone-1", phase: .pending))
      let collection = "/apis/build.openshift.io/v1/namespaces/osbs/builds"
      let before = await fixture.server.journal.all.filter { $0.path == collection }.count
      async let watching = fixture.osbsctl("build", "watch", "gone-1", "-o", "json")
      try await fixture.waitForRequests(to: collection, count: before + 2)
      // The resumed watch gets 410 Gone; the change made meanwhile must come from the relist.
      cluster.expireNextWatches(times: 1)
      cluster.closeWatches()
      try cluster.setBuildPhase(.running, build: "gone-1")
      // The expired watch, the relist and the new watch.
      try await fixture.waitForRequests(to: collection, count: before + 5)
      try cluster.setBuildPhase(.running, build: "gone-1", message: "same phase, new version")
      try cluster.setBuildPhase(.complete, build: "gone-1")
      let watched = try await watching
      #expect(watched.exitCode == 0, "\(watched.summary)")
      let events = try watched.jsonLines()
      #expect(events.compactMap { $0["phase"] as? String } == ["Pending", "Running", "Complete"])
      #expect(events.map { $0["previousPhase"] as? String } == [nil, "Pending", "Running"])
    }
  }

  @Test func throttlingWithRetryAfterIsHonoured() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let name = try fixture.seeded(.complete).metadata.name
      let mark0 = await fixture.server.journal.all.count
      // JSON: the table's AGE column moves on while the throttled run waits.
      let plain = try await fixture.osbsctl("build", "get", name, "-o", "json")
      #expect(plain.exitCode == 0, "\(plain.summary)")
      let mark1 = await fixture.server.journal.all.count

      await fixture.server.faults.add(FaultRule(action: .throttle(retryAfterSeconds: 1), times: 2))
      let throttled = try await fixture.osbsctl("build", "get", name, "-o", "json")
      #expect(throttled.exitCode == 0, "\(throttled.summary)")
      #expect(throttled.stdout == plain.stdout)
      let mark2 = await fixture.server.journal.all.count
      // The same requests as without throttling, plus the two refused ones sent again.
      #expect(mark2 - mark1 == (mark1 - mark0) + 2)

      // The wait asked for is the server's Retry-After (the second retry's detail shows under --debug).
      await fixture.server.faults.add(FaultRule(action: .throttle(retryAfterSeconds: 1), times: 2))
      let debugged = try await fixture.osbsctl("build", "get", name, "-o", "json", "--debug")
      #expect(debugged.exitCode == 0, "\(debugged.summary)")
      #expect(debugged.stderr.contains("failed: HTTP 429; next in 1s"), "\(debugged.stderr)")
    }
  }
}

/// Ctrl-C or SIGTERM during `build watch` is an interruption (exit 2, and with -o json its error line), not a
/// failed build: the watch's stream ends without a final phase, which the command once reported as exit 1.
@Suite("build watch interrupted")
struct BuildWatchInterruptTests {
  @Test(arguments: [(SIGINT, false), (SIGTERM, true)])
  func anInterruptedWatchExitsTwo(signal: Int32, json: Bool) async throws {
    try await OpenShiftCLIFixture.run { fixture in
      fixture.cluster.createBuild(.init(buildConfig: "watched", name: "watched-1", phase: .running))
      let running = try RunningCLI(
        fixture.cli, ["build", "watch", "watched-1"] + (json ? ["-o", "json"] : []),
        environment: ["OSBSCTL_CONFIG": fixture.configPath])
      #expect(try await running.waitForStdout("Running"), "\(running.stderr)")
      kill(running.child.pid, signal)
      let result = await running.finish()
      #expect(result.exitCode == 2, "\(result.stderr)")
      if json {
        let error = try result.errorObject()
        #expect(error["kind"] as? String == "interrupted")
        #expect(error["exitCode"] as? Int == 2)
      } else {
        #expect(!result.stderr.contains("error:"), "\(result.stderr)")
      }
    }
  }
}

/// With -o json, the error line's `exitCode` and `kind` are the run's own (docs/json.md), also where a
/// command reports its items one by one (a cordon per node, a cancel per build).
@Suite("JSON error lines carry the run's exit code")
struct JSONErrorExitCodeTests {
  private func lastError(_ result: CLIResult) throws -> (kind: String?, exitCode: Int?) {
    let error = try result.errorObject()
    return (error["kind"] as? String, error["exitCode"] as? Int)
  }

  @Test func notFoundAndRefusedItemsSayTheirKind() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      for arguments in [
        ["node", "cordon", "nosuch", "--confirm"], ["node", "uncordon", "nosuch", "--confirm"],
        ["build", "cancel", "nosuch"], ["build", "get", "nosuch"],
      ] {
        let result = try await fixture.osbsctl(arguments + ["-o", "json"])
        #expect(result.exitCode == 3, "\(arguments): \(result.summary)")
        let error = try lastError(result)
        #expect(error.kind == "notFound" && error.exitCode == 3, "\(arguments): \(result.stderr)")
      }

      // An empty name or namespace is the caller's mistake (64, as kubectl's "may not be empty"), and is
      // not sent: `/nodes/` would list every node, `/namespaces//builds` be a 404 for a path.
      let before = await fixture.server.journal.all.count
      for (arguments, what) in [
        (["node", "cordon", "", "--confirm"], "resource name"), (["node", "pods", ""], "resource name"),
        (["build", "get", ""], "resource name"), (["build", "logs", ""], "resource name"),
        (["build", "list", "-n", ""], "namespace"),
      ] {
        let result = try await fixture.osbsctl(arguments + ["-o", "json"])
        #expect(result.exitCode == 64, "\(arguments): \(result.summary)")
        let error = try lastError(result)
        #expect(error.kind == "usage" && error.exitCode == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("\(what) may not be empty"), "\(arguments): \(result.stderr)")
      }
      let sent = await fixture.server.journal.all.dropFirst(before)
      #expect(!sent.contains { $0.path.hasSuffix("/") || $0.path.contains("//") }, "\(sent.map(\.path))")

      // A token the cluster no longer accepts: 4, authentication, in the line as in the status.
      fixture.cluster.rotateToken("a-newer-token")
      let result = try await fixture.osbsctl(["node", "cordon", "osbs-node01", "--confirm", "-o", "json"])
      #expect(result.exitCode == 4, "\(result.summary)")
      let error = try lastError(result)
      #expect(error.kind == "authentication" && error.exitCode == 4, "\(result.stderr)")
    }
  }
}

/// A Ctrl-C or SIGTERM is never lost, whenever it comes: before the command first waits it ends the run from
/// the handler, after that through the signal sources. Before, a signal that came while the sources were
/// being made was dropped by the `SIG_IGN` set ahead of them, and the run went on to succeed. The nodes'
/// answers are held back, so a run that is not interrupted succeeds only after them; signals sent before
/// osbsctl's main may end it as the signal's own termination. Both ways a command is read are swept: the
/// cordon without the argument parser, `node list` with it.
@Suite("signals at any moment of a run")
struct SignalAtStartE2ETests {
  @Test func aSignalSentDuringTheStartIsNeverLost() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    try await sandbox.addFault(#"{"match": {"path": "/api/*"}, "action": {"type": "delay", "ms": 3000}}"#)
    let cli = try CLI()
    var handled = 0
    for step in 0..<80 {
      let number = (step / 2).isMultiple(of: 2) ? SIGINT : SIGTERM
      let arguments =
        step.isMultiple(of: 2) ? ["node", "cordon", "--confirm", "osbs-node01"] : ["node", "list"]
      let running = try RunningCLI(cli, arguments, environment: sandbox.environment)
      try await Task.sleep(for: .milliseconds(step))
      kill(running.child.pid, number)
      let termination = await running.child.waitForExit()
      #expect(
        termination.exitCode == 2 || termination.signal == number,
        "\(arguments) signal \(number) after \(step) ms: \(termination), stderr: \(running.stderr)")
      if termination.exitCode == 2 { handled += 1 }
    }
    // The sweep reached the runs' waits: the later signals came once osbsctl handled them.
    #expect(handled >= 20, "\(handled) of 80 runs ended with status 2")
  }
}
