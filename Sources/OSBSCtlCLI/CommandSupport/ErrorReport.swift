import ArgumentParser
import Foundation
import OSBSKit

/// The one place a failed run's error is written: in text `error: <message>` (the spelling of
/// `Console.error`, also for ArgumentParser's own `Error:`), and with `-o json`/`-o yaml` exactly one JSON
/// object on stderr, `{"error": {"kind", "message", "exitCode"}}`, so a script never scrapes stderr.
enum ErrorReport {
  static func structured(message: String, kind: FailureKind) -> Data {
    ErrorDocument(kind: kind, message: message, exitCode: ExitStatus.code(for: kind)).line()
  }

  /// Whether the arguments ask for JSON or YAML. Read from the raw arguments because a run whose flags do
  /// not parse has no parsed options, and its error must still be JSON.
  static func asksForStructuredOutput(_ arguments: [String]) -> Bool {
    var format: String?
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--" { break }
      if argument == "-o" || argument == "--output" {
        format = index + 1 < arguments.count ? arguments[index + 1] : nil
        index += 1
      } else if argument.hasPrefix("--output=") {
        format = String(argument.dropFirst("--output=".count))
      } else if argument.hasPrefix("-o"), argument.count > 2, !argument.hasPrefix("--") {
        let value = argument.dropFirst(2)
        format = String(value.first == "=" ? value.dropFirst() : value)
      }
      index += 1
    }
    return format == OutputFormat.json.rawValue || format == OutputFormat.yaml.rawValue
  }

  /// Runs the root command as ArgumentParser's `main` does, but writes parse and validation errors the
  /// same way as every other error (see the type's comment).
  nonisolated(nonsending) static func main<Root: AsyncParsableCommand>(
    _ root: Root.Type, _ arguments: [String]
  ) async {
    do {
      try await parseAndRun(root, arguments, in: .process())
      endWhileFetchingTickets(status: 0)
    } catch {
      // Help and --version: ArgumentParser's own handling.
      guard let failure = failure(error, root: root, arguments: arguments) else {
        root.exit(withError: error)
      }
      FileHandle.standardError.write(failure.message)
      endWhileFetchingTickets(status: failure.status)
      Foundation.exit(failure.status)
    }
  }

  /// Ends the process at once if a Kerberos ticket fetch the run gave up on is still inside krb5 on its
  /// thread: `exit` would run the libraries' finalizers under it.
  private static func endWhileFetchingTickets(status: Int32) {
    guard KerberosTicketCache.isFetching else { return }
    fflush(nil)
    _exit(status)
  }

  /// Parses `arguments` as `root` and runs the command they name in `surroundings`.
  nonisolated(nonsending) static func parseAndRun<Root: AsyncParsableCommand>(
    _ root: Root.Type, _ arguments: [String], in surroundings: RunSurroundings
  ) async throws {
    let command: any OSBSCtlCommand
    if let direct = DirectCommandLine.command(arguments, root: root) {
      command = direct
    } else {
      // Not `asyncParseAsRoot`: awaiting it would end the main thread's part (Swift's async main then parks
      // it in `dispatch_main`), and the command's task would run on a thread of Dispatch's instead
      // (`CommandRunner`). What the async parse adds, asynchronous completions, never reaches it: a
      // completion request is answered before (`CompletionRequest` in `OSBSCtl.main`).
      var parsed = try root.parseAsRoot(arguments)
      guard let leaf = parsed as? any OSBSCtlCommand else {
        // A group without a leaf: the parser's own run (it prints the group's help).
        if var group = parsed as? any AsyncParsableCommand {
          try await group.run()
        } else {
          try parsed.run()
        }
        return
      }
      command = leaf
    }
    if let refusal = command.refusedOutputFormat {
      throw OutputFormatRefusal(message: refusal)
    }
    try await command.run(in: surroundings)
  }

  /// A format the command does not have: a usage failure before the command runs.
  struct OutputFormatRefusal: Error {
    let message: String
  }

  /// What stderr says and the exit status for a failed parse or run; nil for help and --version, which
  /// ArgumentParser prints itself.
  static func failure<Root: AsyncParsableCommand>(
    _ error: any Error, root: Root.Type, arguments: [String]
  ) -> (message: Data, status: Int32)? {
    if let refusal = error as? OutputFormatRefusal {
      return (usageMessage(refusal.message, arguments: arguments), ExitStatus.code(for: .usage))
    }
    if let status = error as? ExitCode {
      // The command's own status, its message already written. (Asking the parser would have it build
      // the command's help, ~5 M instructions, to find there is nothing to say.)
      return (Data(), status.rawValue)
    }
    let code = root.exitCode(for: error)
    guard code != .success else { return nil }
    let kind = FailureKind.allCases.first { ExitStatus.code(for: $0) == code.rawValue } ?? .operationFailed
    if asksForStructuredOutput(arguments) {
      return (structured(message: plain(root.message(for: error)), kind: kind), code.rawValue)
    }
    return (Data(("error: " + plain(root.fullMessage(for: error)) + "\n").utf8), code.rawValue)
  }

  /// A failure before any command runs (an unknown subcommand).
  static func usageFailure(_ message: String, arguments: [String]) -> Never {
    FileHandle.standardError.write(usageMessage(message, arguments: arguments))
    Foundation.exit(ExitStatus.code(for: .usage))
  }

  static func usageMessage(_ message: String, arguments: [String]) -> Data {
    asksForStructuredOutput(arguments)
      ? structured(message: message, kind: .usage) : Data(("error: " + message + "\n").utf8)
  }

  /// ArgumentParser's message without its own `Error: ` prefix.
  private static func plain(_ text: String) -> String {
    let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
    return trimmed.hasPrefix("Error: ") ? String(trimmed.dropFirst("Error: ".count)) : trimmed
  }
}
