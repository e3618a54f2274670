import Foundation
import Synchronization

/// What an external program printed and how it ended.
public struct ProgramOutput: Sendable, Equatable {
  public var status: Int32
  public var stdout: String
  public var stderr: String

  public init(status: Int32, stdout: String, stderr: String = "") {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
  }
}

/// Runs external programs (`git`, `ovs-ofctl`): the real ones, or recorded answers in tests.
public protocol ProgramRunner: Sendable {
  func run(_ executable: String, _ arguments: [String], workingDirectory: String?) async throws
    -> ProgramOutput
}

public struct ExternalCommandError: ClassifiedError, Equatable {
  public var command: String
  public var reason: String

  public var failureKind: FailureKind { .operationFailed }
  public var description: String { "\(command): \(reason)" }
}

/// Runs programs with Foundation's `Process`, found on `PATH`.
///
/// The program's output is read, and its end waited for, on a thread of its own: a program that hangs
/// must not hold a thread of Swift's small cooperative pool. Cancelling the calling task (Ctrl-C) ends
/// the program (SIGTERM, then SIGKILL), and the run throws `CancellationError` once the program is gone.
public struct ProcessProgramRunner: ProgramRunner {
  public init() {}

  public func run(_ executable: String, _ arguments: [String], workingDirectory: String?) async throws
    -> ProgramOutput
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = FileHandle.nullDevice
    try Task.checkCancellation()
    do {
      try process.run()
    } catch {
      throw ExternalCommandError(
        command: executable, reason: "could not start: \(error.localizedDescription)")
    }
    let child = RunningChild(pid: process.processIdentifier)
    let (outData, errData, status) = await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        Thread.detachNewThread {
          // Both pipes are drained before the wait, or a chatty program fills one and never exits.
          let errorOutput = Mutex(Data())
          let drained = DispatchSemaphore(value: 0)
          Thread.detachNewThread {
            let data = stderr.fileHandleForReading.readDataToEndOfFile()
            errorOutput.withLock { $0 = data }
            drained.signal()
          }
          let output = stdout.fileHandleForReading.readDataToEndOfFile()
          drained.wait()
          process.waitUntilExit()
          child.exited()
          continuation.resume(returning: (output, errorOutput.withLock { $0 }, process.terminationStatus))
        }
      }
    } onCancel: {
      child.terminate()
    }
    if child.wasTerminated { throw CancellationError() }
    if status == 127 && String(decoding: errData, as: UTF8.self).contains("No such file") {
      throw ExternalCommandError(command: executable, reason: "not found on PATH")
    }
    return ProgramOutput(
      status: status, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// The child's process ID while it may still be signalled: once it has been waited for, the ID may
  /// belong to another process, so `terminate` does nothing.
  private final class RunningChild: Sendable {
    private let state: Mutex<(pid: pid_t, running: Bool, terminated: Bool)>

    init(pid: pid_t) { state = Mutex((pid, true, false)) }

    var wasTerminated: Bool { state.withLock { $0.terminated } }

    /// SIGTERM, then SIGKILL two seconds later if it is still running: a program started by osbsctl
    /// inherits its ignored SIGINT and SIGTERM (ignored so that osbsctl can handle them itself), and
    /// Foundation's `Process` does not reset them.
    func terminate() {
      guard signal(SIGTERM) else { return }
      DispatchQueue.global().asyncAfter(deadline: .now() + 2) { [self] in _ = signal(SIGKILL) }
    }

    private func signal(_ number: Int32) -> Bool {
      state.withLock { state in
        guard state.running else { return false }
        state.terminated = true
        kill(state.pid, number)
        return true
      }
    }

    func exited() { state.withLock { $0.running = false } }
  }
}

/// Answers from a script of recorded invocations, for tests that must not depend on a real program.
public struct RecordedProgramRunner: ProgramRunner {
  public struct Recording: Sendable {
    public var executable: String
    public var arguments: [String]
    public var output: ProgramOutput

    public init(_ executable: String, _ arguments: [String], _ output: ProgramOutput) {
      self.executable = executable
      self.arguments = arguments
      self.output = output
    }
  }

  public var recordings: [Recording]

  public init(_ recordings: [Recording]) { self.recordings = recordings }

  public func run(_ executable: String, _ arguments: [String], workingDirectory: String?) async throws
    -> ProgramOutput
  {
    guard let match = recordings.first(where: { $0.executable == executable && $0.arguments == arguments })
    else {
      throw ExternalCommandError(
        command: ([executable] + arguments).joined(separator: " "), reason: "no recording for this invocation"
      )
    }
    return match.output
  }
}
