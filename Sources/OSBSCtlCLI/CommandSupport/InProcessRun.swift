import ArgumentParser
import Foundation

extension OSBSCtl {
  /// One command line, arranged, parsed and run as `main()` does it (completion requests aside), in
  /// `surroundings`; the exit status is returned instead of ending the process. Tests run commands in
  /// process with it.
  static func run(_ given: [String], in surroundings: RunSurroundings) async -> Int32 {
    defer {
      surroundings.stdout.flush()
      surroundings.stderr.flush()
    }
    let arguments: [String]
    switch GlobalOptionPlacement.arrange(given, root: Self.self) {
    case .arguments(let arranged, _):
      arguments = arranged
    case .unknownCommand(let message):
      surroundings.stderr.write(ErrorReport.usageMessage(message, arguments: given))
      return ExitStatus.code(for: .usage)
    }
    do {
      try await ErrorReport.parseAndRun(Self.self, arguments, in: surroundings)
      return ExitStatus.success
    } catch {
      if let failure = ErrorReport.failure(error, root: Self.self, arguments: arguments) {
        surroundings.stderr.write(failure.message)
        return failure.status
      }
      // What ArgumentParser's `exit(withError:)` prints: help on stdout, anything else on stderr.
      let status = exitCode(for: error).rawValue
      let text = fullMessage(for: error)
      if !text.isEmpty {
        (status == ExitStatus.success ? surroundings.stdout : surroundings.stderr).write(text + "\n")
      }
      return status
    }
  }
}
