import Foundation

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

/// Runs programs found on `PATH` (`SpawnedProgram`: default signal dispositions, stdin on /dev/null).
///
/// The program's output is read, and its end waited for, on threads of their own: a program that hangs
/// must not hold a thread of Swift's small cooperative pool. Cancelling the calling task (Ctrl-C) ends
/// the program (SIGTERM, then SIGKILL), and the run throws `CancellationError` once the program is gone.
public struct ProcessProgramRunner: ProgramRunner {
  public init() {}

  public func run(_ executable: String, _ arguments: [String], workingDirectory: String?) async throws
    -> ProgramOutput
  {
    try Task.checkCancellation()
    let program = try SpawnedProgram(executable, arguments, workingDirectory: workingDirectory)
    let (stdout, stderr, status) = await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: program.collect()) }
      }
    } onCancel: {
      program.stop()
    }
    if program.wasStopped { throw CancellationError() }
    return ProgramOutput(
      status: status, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
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
