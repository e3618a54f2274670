import Foundation
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a child's stdout from a pipe as it comes, on its own thread, so a test can look at what has
/// arrived while the child still runs.
final class PipeCollector: Sendable {
  private let received = Mutex(Data())
  private let ended = Mutex(false)

  init(_ descriptor: Int32) {
    let thread = Thread { [self] in
      let capacity = 64 << 10
      let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
      defer {
        buffer.deallocate()
        close(descriptor)
        ended.withLock { $0 = true }
      }
      while true {
        let got = read(descriptor, buffer, capacity)
        if got > 0 {
          let chunk = Data(bytes: buffer, count: got)
          received.withLock { $0.append(chunk) }
        } else if got == 0 || errno != EINTR {
          return
        }
      }
    }
    thread.start()
  }

  var text: String { received.withLock { String(decoding: $0, as: UTF8.self) } }
  var isAtEnd: Bool { ended.withLock { $0 } }
}

/// Issue 11, defects 2 and 7: streaming commands write each chunk as it arrives; a watch of a finished
/// task returns at once; failure output has the last log lines before FAILED and ends with the log URLs.
@Suite("Koji watch streaming and failure output end to end")
struct KojiWatchStreamingE2ETests {
  /// The koji profile's `topurl` as the sandbox wrote it.
  static func topURL(_ sandbox: SandboxProcess) throws -> String {
    let config = try String(contentsOfFile: sandbox.ready.kojiConfig, encoding: .utf8)
    let line = try #require(config.split(separator: "\n").first { $0.hasPrefix("topurl") })
    return line.split(separator: "=", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
  }

  /// The URLs after the last "Relevant logs:" line, which must be all that follows it.
  static func relevantLogs(_ output: String) throws -> [String] {
    let lines = output.split(separator: "\n").map(String.init)
    let heading = try #require(lines.lastIndex(of: "Relevant logs:"), "no Relevant logs: \(output)")
    let urls = lines[(heading + 1)...].map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(!urls.isEmpty && urls.allSatisfy { $0.hasPrefix("http") && $0.contains("/work/tasks/") })
    return urls
  }

  static func state(_ sandbox: SandboxProcess, _ task: Int) async throws -> String? {
    try await sandbox.tasks().first { $0.id == task }?.state
  }

  /// Defect 2: through a pipe, the first log line of a running task arrives while the task is still open,
  /// in every output mode. The hub clock is frozen, so the task cannot finish while the test waits.
  @Test(arguments: [[], ["--log", "x86_64.log"], ["-o", "json"]])
  func logsFollowStreamsEachChunkWhileTheTaskRuns(mode: [String]) async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    try await sandbox.script(#"{"logBytes": 200000, "openAfterSeconds": 0, "durationSeconds": 100}"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let task = try await KojiTaskCommandsE2ETests.submit(sandbox, cli, checkout, ["--scratch"])
    try await sandbox.clock(advanceSeconds: 5)
    let visible = try await sandbox.taskFile(task, "x86_64.log")
    let firstLine = try #require(String(decoding: visible, as: UTF8.self).split(separator: "\n").first)

    let channel = try DescriptorDrain.makeChannel()
    let child: ChildProcess
    do {
      child = try ChildProcess(
        executable: try BuiltProducts.executable("osbsctl"),
        arguments: ["task", "logs", String(task), "-f", "--interval", "50ms"] + mode,
        environment: cli.environment.merging(sandbox.environment) { $1 },
        stderrPath: cli.home.appendingPathComponent("logs-f.stderr").path, stdoutDescriptor: channel.write)
    } catch {
      close(channel.read)
      close(channel.write)
      throw error
    }
    close(channel.write)
    let pipe = PipeCollector(channel.read)

    var arrived = false
    for _ in 0..<400 {
      if pipe.text.contains(firstLine) {
        arrived = true
        break
      }
      if child.exitedTermination() != nil { break }
      try await Task.sleep(for: .milliseconds(50))
    }
    let stateWhenSeen = try await Self.state(sandbox, task)
    #expect(arrived, "nothing of the log reached the pipe while the task ran: \(pipe.text.prefix(300))")
    #expect(stateWhenSeen == "OPEN")

    try await sandbox.clock(advanceSeconds: 200)
    let termination = await child.waitForExit()
    #expect(termination.exitCode == 0)
    for _ in 0..<200 where !pipe.isAtEnd { try await Task.sleep(for: .milliseconds(20)) }
    let reference = try await sandbox.taskFile(task, "x86_64.log")
    let lines = String(decoding: reference, as: UTF8.self).split(separator: "\n")
    #expect(pipe.text.contains(try #require(lines.last)))
  }

  /// Defect 7: `task watch` of a tree that already finished returns after reading it, not a poll interval
  /// later (the interval here is ten minutes); a failed one ends with the URLs of its logs.
  @Test func watchOfAFinishedTreeReturnsAtOnce() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    try await sandbox.script(
      #"[{"children": true, "arches": ["x86_64", "aarch64"]}, {"outcome": "fail", "failureReason": "boom"}]"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let good = try await KojiTaskCommandsE2ETests.submit(sandbox, cli, checkout, ["--scratch"])
    let bad = try await KojiTaskCommandsE2ETests.submit(sandbox, cli, checkout, ["--scratch"])
    try await sandbox.clock(advanceSeconds: 600)
    #expect(try await Self.state(sandbox, good) == "CLOSED")
    #expect(try await Self.state(sandbox, bad) == "FAILED")

    for (task, code) in [(good, Int32(0)), (bad, Int32(1))] {
      let running = try RunningCLI(
        cli, ["task", "watch", String(task), "--interval", "600"], environment: sandbox.environment)
      var ended = false
      for _ in 0..<400 {
        if running.child.exitedTermination() != nil {
          ended = true
          break
        }
        try await Task.sleep(for: .milliseconds(50))
      }
      #expect(ended, "task watch \(task) still waits: \(running.stdout)")
      if !ended { _ = running.child.stop(grace: .seconds(1)) }
      let result = await running.finish()
      #expect(result.exitCode == code, "\(result.stderr)")
      if task == good {
        #expect(result.stdout.contains("\(good) buildContainer (noarch) completed successfully"))
        #expect(result.stdout.contains("  2 createContainer (x86_64): closed"), "\(result.stdout)")
      } else {
        let url = "\(try Self.topURL(sandbox))/work/tasks/\(bad % 10000)/\(bad)/x86_64.log"
        let urls = try Self.relevantLogs(result.stdout)
        #expect(urls.contains(url), "\(result.stdout)")
      }
    }
  }

  /// Defect 7: container-build's failure output has the last log lines before the FAILED line and ends with
  /// the log URLs.
  @Test func failedBuildPrintsItsLastLogLinesBeforeFailedAndEndsWithTheLogURLs() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    try await sandbox.script(#"{"outcome": "fail", "failureReason": "boom", "logBytes": 20000}"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let running = try RunningCLI(
      cli, ["container-build", "-C", checkout.path, "--scratch", "--interval", "0.1"],
      environment: sandbox.environment)
    #expect(try await running.waitForStderr("1 buildContainer (noarch): free"), "\(running.stderr)")
    // One jump of the clock: the task ends, and the rest of its log appears, between two polls.
    try await sandbox.clock(advanceSeconds: 600)
    let result = await running.finish()
    #expect(result.exitCode == 1, "\(result.stderr)")

    let reference = try await sandbox.taskFile(1, "x86_64.log")
    let lastLine = try #require(String(decoding: reference, as: UTF8.self).split(separator: "\n").last)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    let lastLogLine = try #require(lines.firstIndex(of: "1:x86_64.log: \(lastLine)"), "\(result.stderr)")
    let failedLine = try #require(lines.firstIndex { $0.contains("-> FAILED") }, "\(result.stderr)")
    #expect(lastLogLine < failedLine, "\(result.stderr)")
    let url = "\(try Self.topURL(sandbox))/work/tasks/1/1/x86_64.log"
    #expect(try Self.relevantLogs(result.stderr).contains(url), "\(result.stderr)")
  }
}
