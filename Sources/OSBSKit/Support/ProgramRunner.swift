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

/// Runs programs with Foundation's `Process`, found on `PATH`.
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
    do {
      try process.run()
    } catch {
      throw ExternalCommandError(
        command: executable, reason: "could not start: \(error.localizedDescription)")
    }
    // Read both pipes before waiting, or a chatty program fills a pipe and never exits.
    async let out = Task.detached { stdout.fileHandleForReading.readDataToEndOfFile() }.value
    async let err = Task.detached { stderr.fileHandleForReading.readDataToEndOfFile() }.value
    let (outData, errData) = await (out, err)
    process.waitUntilExit()
    if process.terminationStatus == 127 && errData.isEmpty == false
      && String(decoding: errData, as: UTF8.self).contains("No such file")
    {
      throw ExternalCommandError(command: executable, reason: "not found on PATH")
    }
    return ProgramOutput(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
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
