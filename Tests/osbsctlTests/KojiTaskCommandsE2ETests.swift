import Foundation
import TestSupport
import Testing

/// `osbsctl task watch|logs|info|cancel` and `koji whoami`, the built binary against the built sandbox.
@Suite("Koji task commands end to end")
struct KojiTaskCommandsE2ETests {
  /// Submits one build with `container-build --nowait` and returns its task id.
  static func submit(
    _ sandbox: SandboxProcess, _ cli: CLI, _ checkout: URL, _ extra: [String] = []
  ) async throws -> Int {
    let result = try await cli.osbsctl(
      ["container-build", "-C", checkout.path, "--nowait", "-o", "json"] + extra,
      environment: sandbox.environment)
    return try #require(try result.json()["taskId"] as? Int, "\(result.stderr)")
  }

  static func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
    }
  }

  @Test func watchEmitsJSONLinesAndExitsByOutcome() async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    try await sandbox.script(
      #"[{"children": true, "arches": ["x86_64", "aarch64"]}, {"outcome": "fail", "failureReason": "boom"}]"#)
    let good = try await Self.submit(sandbox, cli, checkout, ["--scratch"])
    let bad = try await Self.submit(sandbox, cli, checkout, ["--scratch"])

    let watched = try await cli.osbsctl(
      ["task", "watch", String(good), "-o", "json", "--interval", "0.2"], environment: sandbox.environment)
    #expect(watched.exitCode == 0, "\(watched.stderr)")
    let events = try Self.jsonLines(watched.stdout)
    let tasks = events.compactMap { $0["task"] as? [String: Any] }
    #expect(tasks.count == events.count)
    #expect(tasks.first?["taskId"] as? Int == good)
    #expect(events.first?["kind"] as? String == "appeared")
    let rootStates = tasks.filter { $0["taskId"] as? Int == good }.compactMap { $0["state"] as? String }
    #expect(rootStates.last == "closed")
    let children = Set(tasks.filter { $0["parentId"] as? Int == good }.compactMap { $0["method"] as? String })
    #expect(children == ["createContainer"])
    #expect(events.contains { $0["level"] as? Int == 1 })

    let failed = try await cli.osbsctl(
      ["task", "watch", String(bad), "--interval", "0.2"], environment: sandbox.environment)
    #expect(failed.exitCode == 1, "\(failed.stderr)")
    #expect(failed.stdout.contains("FAILED") && failed.stdout.contains("boom"), "\(failed.stdout)")
    #expect(failed.stdout.contains("\(bad) buildContainer (noarch) failed"))
  }

  /// A task that does not exist is not found (3), in text and JSON alike, with no advice to resume a
  /// watch that never started: resuming would fail the same way.
  @Test func watchingATaskThatDoesNotExistIsNotFound() async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let cli = try CLI()
    for arguments in [["task", "watch", "999999"], ["task", "logs", "-f", "999999"]] {
      for json in [false, true] {
        let result = try await cli.osbsctl(
          arguments + (json ? ["-o", "json"] : []), environment: sandbox.environment)
        #expect(result.exitCode == 3, "\(arguments) \(json): \(result.summary)")
        #expect(!result.stderr.contains("resume"), "\(arguments) \(json): \(result.stderr)")
        #expect(!result.stdout.contains("resumeCommand"), "\(arguments) \(json): \(result.stdout)")
        if json {
          let error = try result.errorObject()
          #expect(error["kind"] as? String == "notFound" && error["exitCode"] as? Int == 3)
        }
      }
    }
  }

  /// Ctrl-C during `task watch -o json`: exit 2, the watch's end event on stdout (with the way back), and
  /// on stderr the interrupted error object every -o json failure ends with.
  @Test func interruptedJSONWatchEndsWithItsErrorObject() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let task = try await Self.submit(sandbox, cli, checkout, ["--scratch"])
    let running = try RunningCLI(
      cli, ["task", "watch", String(task), "-o", "json", "--interval", "0.2"],
      environment: sandbox.environment)
    let started = try await running.waitForStdout("\"taskId\":\(task)")
    #expect(started, "\(running.stderr)")
    kill(running.child.pid, SIGINT)
    let result = await running.finish()
    #expect(result.exitCode == 2, "\(result.summary)")
    let ended = try #require(try Self.jsonLines(result.stdout).last)
    #expect(ended["resumeCommand"] as? String == "osbsctl task watch \(task)", "\(result.stdout)")
    let error = try result.errorObject()
    #expect(error["kind"] as? String == "interrupted" && error["exitCode"] as? Int == 2)
  }

  @Test func logsSnapshotInfoAndWhoami() async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let built = try await cli.osbsctl(
      ["container-build", "-C", checkout.path, "--interval", "0.2", "-o", "json"],
      environment: sandbox.environment)
    #expect(built.exitCode == 0, "\(built.stderr)")
    let task = try #require(try built.json()["taskId"] as? Int)
    let reference = try await sandbox.taskFile(task, "x86_64.log")

    let raw = try await cli.osbsctl(
      ["task", "logs", String(task), "--log", "x86_64.log"], environment: sandbox.environment)
    #expect(raw.exitCode == 0, "\(raw.stderr)")
    #expect(Data(raw.stdout.utf8) == reference)

    let labelled = try await cli.osbsctl(["task", "logs", String(task)], environment: sandbox.environment)
    #expect(labelled.exitCode == 0)
    let referenceLines = String(decoding: reference, as: UTF8.self).split(separator: "\n")
    let x86Lines = labelled.stdout.split(separator: "\n").filter { $0.hasPrefix("\(task):x86_64.log: ") }
    #expect(x86Lines.map { $0.dropFirst("\(task):x86_64.log: ".count) } == referenceLines)
    #expect(labelled.stdout.contains("\(task):openshift-incremental.log: "))

    let jsonLogs = try await cli.osbsctl(
      ["task", "logs", String(task), "--log", "x86_64.log", "-o", "json"], environment: sandbox.environment)
    let lines = try Self.jsonLines(jsonLogs.stdout)
    #expect(lines.count == referenceLines.count)
    #expect(lines.first?["log"] as? String == "x86_64.log")
    #expect(lines.first?["taskId"] as? Int == task)

    let info = try await cli.osbsctl(
      ["task", "info", String(task), "-o", "json"], environment: sandbox.environment)
    #expect(info.exitCode == 0, "\(info.stderr)")
    let report = try info.json()
    #expect((report["task"] as? [String: Any])?["state"] as? String == "closed")
    #expect((report["task"] as? [String: Any])?["method"] as? String == "buildContainer")
    #expect(report["ownerName"] as? String == "builder1")
    #expect(report["hostName"] as? String == "buildvm-01.example.org")
    #expect((report["logs"] as? [String])?.contains("x86_64.log") == true)
    #expect(report["url"] as? String == "\(sandbox.baseURL)/koji/taskinfo?taskID=\(task)")
    #expect(((report["result"] as? [String: Any])?["repositories"] as? [String])?.isEmpty == false)
    // The Koji build it made, with its NVR (as koji taskinfo shows it); the times as koji has them.
    let builds = try #require(report["kojiBuilds"] as? [[String: Any]], "\(info.stdout)")
    #expect(builds.count == 1)
    let nvr = try #require(builds.first?["nvr"] as? String)
    #expect(nvr.split(separator: "-").count >= 3, "\(nvr)")
    let times = try #require(report["task"] as? [String: Any])
    #expect(times["created"] != nil && times["started"] != nil && times["completed"] != nil)

    let table = try await cli.osbsctl(["task", "info", String(task)], environment: sandbox.environment)
    #expect(table.exitCode == 0, "\(table.stderr)")
    for label in ["Created: ", "Started: ", "Finished:", "Build:    \(nvr) (id "] {
      #expect(table.stdout.contains("\n\(label)"), "\(label) missing: \(table.stdout)")
    }

    let missing = try await cli.osbsctl(["task", "info", "999999"], environment: sandbox.environment)
    #expect(missing.exitCode == 3, "\(missing.stderr)")

    let whoami = try await cli.osbsctl(["koji", "whoami", "-o", "json"], environment: sandbox.environment)
    #expect(whoami.exitCode == 0, "\(whoami.stderr)")
    #expect(try whoami.json()["user"] as? String == "builder1")
    #expect(try whoami.json()["authentication"] as? String == "password")
  }

  @Test func cancelIsOneMulticallAndOthersAreRefused() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let first = try await Self.submit(sandbox, cli, checkout, ["--scratch"])
    let second = try await Self.submit(sandbox, cli, checkout, ["--scratch"])
    let third = try await Self.submit(sandbox, cli, checkout, ["--scratch"])

    // builder2 may not cancel builder1's task.
    let kojiConfig = try String(contentsOfFile: sandbox.ready.kojiConfig, encoding: .utf8)
      .replacingOccurrences(of: "user = builder1", with: "user = builder2")
      .replacingOccurrences(of: "password = builder1pass", with: "password = builder2pass")
    let otherConfig = try cli.write("builder2-koji.conf", kojiConfig)
    let refused = try await cli.osbsctl(
      ["task", "cancel", String(third), "--confirm", "--koji-config", otherConfig],
      environment: sandbox.environment)
    #expect(refused.exitCode == 4, "\(refused.stdout)\(refused.stderr)")
    #expect((refused.stdout + refused.stderr).contains("not owner"))

    try await sandbox.request("DELETE", "/_sandbox/requests")
    let cancelled = try await cli.osbsctl(
      ["task", "cancel", String(first), String(second), "--yes", "-o", "json"],
      environment: sandbox.environment)
    #expect(cancelled.exitCode == 0, "\(cancelled.stderr)")
    let items = try #require(try cancelled.json()["tasks"] as? [[String: Any]])
    #expect(items.map { $0["taskId"] as? Int } == [first, second])
    #expect(items.map { $0["outcome"] as? String } == ["cancelled", "cancelled"])
    #expect(items.map { $0["stateAfter"] as? String } == ["canceled", "canceled"])
    // States before, the cancels, states after: three multicalls whatever the number of tasks.
    let journal = try await sandbox.journal()
    #expect(
      journal.compactMap(\.xmlrpcMethod).filter { $0 != "login" && $0 != "logout" }
        == ["multiCall", "multiCall", "multiCall"])

    let states = Dictionary(uniqueKeysWithValues: try await sandbox.tasks().map { ($0.id, $0.state) })
    #expect(states[first] == "CANCELED")
    #expect(states[second] == "CANCELED")
    #expect(states[third] == "FREE")
  }

  /// The hub answers nil to `cancelTask` on a finished task and changes nothing (captures 67–70): the
  /// command reads the state back and says "already closed" instead of claiming a cancellation.
  @Test func cancelOfAFinishedTaskSaysAlreadyClosed() async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let done = try await Self.submit(sandbox, cli, checkout, ["--scratch"])
    let watch = try await cli.osbsctl(
      ["task", "watch", String(done), "--interval", "0.2"], environment: sandbox.environment)
    #expect(watch.exitCode == 0, "\(watch.stderr)")
    #expect(try await sandbox.tasks().first { $0.id == done }?.state == "CLOSED")

    let preview = try await cli.osbsctl(
      ["task", "cancel", String(done), "--dry-run"], environment: sandbox.environment)
    #expect(preview.exitCode == 0, "\(preview.stderr)")
    #expect(preview.stdout.contains("already closed"), "\(preview.stdout)")

    let table = try await cli.osbsctl(
      ["task", "cancel", String(done), "--confirm"], environment: sandbox.environment)
    #expect(table.exitCode == 0, "\(table.stderr)")
    #expect(table.stdout.contains("already closed") && !table.stdout.contains("cancelled"), "\(table.stdout)")

    let json = try await cli.osbsctl(
      ["task", "cancel", String(done), "--confirm", "-o", "json"], environment: sandbox.environment)
    let item = try #require((try json.json()["tasks"] as? [[String: Any]])?.first)
    #expect(item["outcome"] as? String == "already-closed")
    #expect(item["stateBefore"] as? String == "closed")
    #expect(try await sandbox.tasks().first { $0.id == done }?.state == "CLOSED")

    // A task that does not exist is "not found" (the hub itself answers 1004 "not owner" for it).
    let missing = try await cli.osbsctl(
      ["task", "cancel", "999", "--confirm"], environment: sandbox.environment)
    #expect(missing.exitCode == 3, "\(missing.stdout)\(missing.stderr)")
    #expect(missing.stdout.contains("not found"), "\(missing.stdout)")
  }

  /// `--debug` traces every exchange but never the password or a session key.
  @Test func debugNeverShowsSecrets() async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    var outputs: [CLIResult] = []
    outputs.append(
      try await cli.osbsctl(
        ["container-build", "--debug", "-C", checkout.path, "--interval", "0.2"],
        environment: sandbox.environment))
    #expect(outputs[0].exitCode == 0, "\(outputs[0].stderr)")
    for arguments in [
      ["task", "watch", "1"], ["task", "logs", "1"], ["task", "info", "1"], ["koji", "whoami"],
      ["task", "cancel", "1", "--confirm"],
    ] {
      outputs.append(try await cli.osbsctl(arguments + ["--debug"], environment: sandbox.environment))
    }
    // The hub's session keys look like `<user id>-<19 letters and digits>`.
    let sessionKey = try Regex(#"\b[0-9]+-[A-Za-z0-9]{19}\b"#)
    let unredactedKey = try Regex(#"session-key=(?!\[REDACTED\])"#)
    for output in outputs {
      let text = output.stdout + output.stderr
      #expect(!text.contains("builder1pass"))
      #expect(!text.contains(sessionKey), "\(text)")
      #expect(!text.contains(unredactedKey))
    }
    // The traces are there (so the check above looked at something), each hub request named by its
    // XML-RPC method: `POST http://…/kojihub getTaskInfo -> 200 …`, a multicall by the calls inside it.
    let hubTraces = outputs.flatMap { $0.stderr.split(separator: "\n") }.filter {
      $0.contains("POST \(sandbox.ready.kojiHub)")
    }
    #expect(hubTraces.count > 5, "\(outputs[0].stderr)")
    let named = try Regex(#"POST \S+ ([A-Za-z.]+|multiCall\([A-Za-z0-9., ×…]+\)) -> [0-9]{3} "#)
    for line in hubTraces { #expect(line.contains(named), "a hub request without its method: \(line)") }
    #expect(outputs[0].stderr.contains(" buildContainer -> 200 "), "\(outputs[0].stderr)")
    #expect(hubTraces.contains { $0.contains(" getTaskInfo -> 200 ") || $0.contains("getTaskInfo") })
  }
}
