import Foundation
import TestSupport
import Testing

@testable import OSBSKit

/// `ProcessProgramRunner` with real programs: what a child inherits, how it ends, and what cancelling does.
@Suite(.serialized) struct ProcessProgramRunnerTests {
  let runner = ProcessProgramRunner()

  /// osbsctl ignores SIGINT and SIGTERM to handle them itself; a program it runs must not inherit that,
  /// or Ctrl-C and SIGTERM would not reach git or ovs-ofctl (OVS keeps an inherited `SIG_IGN`).
  @Test func aProgramStartsWithEverySignalAtItsDefault() async throws {
    let previous = [SIGINT, SIGTERM].map { ($0, signal($0, SIG_IGN)) }
    defer { for (number, handler) in previous { signal(number, handler) } }
    let status = try await runner.run("cat", ["/proc/self/status"], workingDirectory: nil)
    func mask(_ name: String) throws -> UInt64 {
      let line = try #require(status.stdout.split(separator: "\n").first { $0.hasPrefix(name + ":") })
      return try #require(
        UInt64(line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces), radix: 16))
    }
    let ignored = try mask("SigIgn")
    #expect(ignored & (1 << (UInt64(SIGINT) - 1)) == 0, "SigIgn \(String(ignored, radix: 16))")
    #expect(ignored & (1 << (UInt64(SIGTERM) - 1)) == 0, "SigIgn \(String(ignored, radix: 16))")
    #expect(try mask("SigBlk") == 0)
  }

  @Test func exitCodesSignalsOutputAndTheWorkingDirectoryAreReported() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let resolved = directory.resolvingSymlinksInPath().path

    let pwd = try await runner.run("sh", ["-c", "pwd; echo oops >&2; exit 3"], workingDirectory: resolved)
    #expect(pwd == ProgramOutput(status: 3, stdout: resolved + "\n", stderr: "oops\n"))
    let killed = try await runner.run("sh", ["-c", "kill -TERM $$"], workingDirectory: nil)
    #expect(killed.status == 128 + SIGTERM)
    // More than a pipe holds, on both streams at once.
    let chatty = try await runner.run(
      "sh", ["-c", "head -c 300000 /dev/zero; head -c 200000 /dev/zero >&2"], workingDirectory: nil)
    #expect(chatty.stdout.utf8.count == 300_000 && chatty.stderr.utf8.count == 200_000)
  }

  @Test func aProgramNotOnThePathIsNotFound() async {
    await #expect(
      throws: ExternalCommandError(command: "osbsctl-no-such-program", reason: "not found on PATH")
    ) {
      try await runner.run("osbsctl-no-such-program", [], workingDirectory: nil)
    }
  }

  /// Cancelling the run (Ctrl-C) ends the program, which SIGTERM now reaches.
  @Test(.timeLimit(.minutes(1))) func cancellingTheRunEndsTheProgram() async throws {
    let marker = "\(Int.random(in: 100_000...999_999)).5"
    let runner = runner
    let run = Task { try await runner.run("sleep", [marker], workingDirectory: nil) }
    let outcome = try await ProcessTable.cancel(run, onceRunning: marker)
    #expect(outcome.started, "sleep never started")
    #expect(throws: CancellationError.self) { try outcome.result.get() }
    #expect(outcome.left.isEmpty)
  }
}
