import ArgumentParser
import Foundation
import OSBSKit

#if canImport(Glibc)
  import Glibc
#endif

/// `--confirm`/`--yes` and `--dry-run`, for every command that changes or deletes something.
struct ConfirmationOptions: ParsableArguments {
  @Flag(
    name: [.customLong("confirm"), .customLong("yes"), .customShort("y")],
    help: "Make the change without asking (needed when stdin is not a terminal).")
  var confirm = false

  @Flag(name: .customLong("dry-run"), help: "Only show what would change; change nothing.")
  var dryRun = false

  func validate() throws {
    if confirm && dryRun { throw ValidationError("--confirm and --dry-run contradict each other") }
  }
}

/// Refusal to act without confirmation; a usage error, so scripts learn which flag they forgot. A question
/// answered no is the same failure for every command that asks (cordon, uncordon, drain, task cancel):
/// nothing changed, exit 1.
enum ConfirmationError: ClassifiedError, Equatable {
  /// Nobody can be asked (stdin or stderr is not a terminal) and no flag said yes.
  case confirmationRequired(action: String, flag: String)
  /// The person at the terminal answered no.
  case declined(action: String)

  var failureKind: FailureKind {
    switch self {
    case .confirmationRequired: .usage
    case .declined: .operationFailed
    }
  }

  var description: String {
    switch self {
    case .confirmationRequired(let action, let flag):
      "refusing to \(action) without confirmation: not asking because stdin is not a terminal; pass \(flag) "
        + "to do it, or --dry-run to see what would change"
    case .declined(let action):
      "did not \(action): not confirmed; nothing changed"
    }
  }
}

/// Decides whether a destructive command acts, previews, asks, or refuses.
///
/// Two policies: `.previewUnlessConfirmed` (drain, prune, `ovs fix`) shows the plan when no flag is given;
/// `.askUnlessConfirmed` (cordon, uncordon, task cancel) asks on a terminal and refuses without one. Neither
/// ever prompts when stdin or stderr is not a terminal.
struct DestructiveActionGuard: Sendable {
  enum Policy: Sendable {
    case previewUnlessConfirmed
    case askUnlessConfirmed
  }

  enum Decision: Sendable, Equatable {
    case proceed
    case dryRun
  }

  /// Answers a yes/no question; nil means nobody can be asked. Injected so tests need no terminal.
  typealias Asker = @Sendable (_ question: String) -> Bool?

  let confirmed: Bool
  let dryRun: Bool
  /// The flag named in refusals.
  let confirmFlag: String
  let ask: Asker

  init(confirmed: Bool, dryRun: Bool, confirmFlag: String = "--confirm", ask: @escaping Asker) {
    self.confirmed = confirmed
    self.dryRun = dryRun
    self.confirmFlag = confirmFlag
    self.ask = ask
  }

  init(_ options: ConfirmationOptions, console: Console) {
    self.init(
      confirmed: options.confirm, dryRun: options.dryRun, ask: TerminalQuestion.asker(console: console))
  }

  /// `action` completes "refusing to …" and the question: `cordon node/a, node/b`.
  func decide(_ action: String, policy: Policy) throws -> Decision {
    if dryRun { return .dryRun }
    if confirmed { return .proceed }
    switch policy {
    case .previewUnlessConfirmed:
      return .dryRun
    case .askUnlessConfirmed:
      guard let answer = ask("\(action.prefix(1).uppercased())\(action.dropFirst())?") else {
        throw ConfirmationError.confirmationRequired(action: action, flag: confirmFlag)
      }
      guard answer else { throw ConfirmationError.declined(action: action) }
      return .proceed
    }
  }

  /// After a preview nobody asked for explicitly: whether the person at the terminal wants it done now.
  /// False after `--dry-run`, and whenever nobody can be asked (the preview was the point). An answer of
  /// no throws `declined`, so declining ends every command the same way: nothing changed, exit 1.
  func askAfterPreview(_ action: String) throws -> Bool {
    guard !dryRun else { return false }
    if confirmed { return true }
    guard let answer = ask("\(action.prefix(1).uppercased())\(action.dropFirst())?") else { return false }
    guard answer else { throw ConfirmationError.declined(action: action) }
    return true
  }

  /// The hint printed under a preview: how to make it real.
  func previewHint(_ action: String) -> String {
    "dry run: nothing changed; run again with \(confirmFlag) to \(action)"
  }
}

/// Asks on the terminal: the question on stderr, the answer from stdin; only when both are terminals.
enum TerminalQuestion {
  static func asker(console: Console) -> DestructiveActionGuard.Asker {
    { question in
      guard isatty(0) == 1, console.stderr.isTerminal else { return nil }
      // Whatever the command printed (a plan) is on the screen before the question about it.
      console.stdout.flush()
      console.stderr.write(question + " [y/N] ")
      console.stderr.flush()
      guard let line = readLine(strippingNewline: true) else { return false }
      return ["y", "yes"].contains(line.trimmingCharacters(in: .whitespaces).lowercased())
    }
  }
}
