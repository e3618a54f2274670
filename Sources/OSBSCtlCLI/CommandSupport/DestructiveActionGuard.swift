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

  /// Answers a yes/no question; nil means nobody can be asked. Throws `CancellationError` when the run is
  /// interrupted while it waits. Injected so tests need no terminal.
  typealias Asker = @Sendable (_ question: String) async throws -> Bool?

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
  func decide(_ action: String, policy: Policy) async throws -> Decision {
    if dryRun { return .dryRun }
    if confirmed { return .proceed }
    switch policy {
    case .previewUnlessConfirmed:
      return .dryRun
    case .askUnlessConfirmed:
      guard let answer = try await ask(about: action) else {
        throw ConfirmationError.confirmationRequired(action: action, flag: confirmFlag)
      }
      guard answer else { throw ConfirmationError.declined(action: action) }
      return .proceed
    }
  }

  /// After a preview nobody asked for explicitly: whether the person at the terminal wants it done now.
  /// False after `--dry-run`, and whenever nobody can be asked (the preview was the point). An answer of
  /// no throws `declined`, so declining ends every command the same way: nothing changed, exit 1.
  func askAfterPreview(_ action: String) async throws -> Bool {
    guard !dryRun else { return false }
    if confirmed { return true }
    guard let answer = try await ask(about: action) else { return false }
    guard answer else { throw ConfirmationError.declined(action: action) }
    return true
  }

  /// "Cordon node/a?" for `cordon node/a`, asked.
  private func ask(about action: String) async throws -> Bool? {
    try await ask("\(action.prefix(1).uppercased())\(action.dropFirst())?")
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
      let line: String?
      do {
        line = try await answer()
      } catch {
        // After the terminal's "^C" (or a SIGTERM), the shell's prompt goes on a line of its own.
        console.stderr.write("\n")
        throw error
      }
      guard let line else { return false }
      return ["y", "yes"].contains(line.trimmingCharacters(in: .whitespaces).lowercased())
    }
  }

  /// The line typed on stdin, nil at its end, or `CancellationError` once the run is interrupted.
  ///
  /// The read blocks the command's thread, which also runs the task's jobs (`CallerThreadExecutor`), so
  /// the interruption cannot arrive as a job: the thread that cancels the task (Ctrl-C's signal source)
  /// wakes the wait through a pipe. A blocking `readLine` alone would not notice, and the first Ctrl-C at
  /// a question asked after the task's first wait (`node drain`, `node cordon -l`) did nothing visible.
  private static func answer() async throws -> String? {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { return readLine(strippingNewline: true) }
    // Not inherited by a program the command starts after the question.
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    let (wakeUp, woken) = (ends[1], ends[0])
    // The cancellation handler has finished when the call returns, so nothing writes to a closed pipe.
    defer {
      close(wakeUp)
      close(woken)
    }
    return try await withTaskCancellationHandler {
      var watched = [
        pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
        pollfd(fd: woken, events: Int16(POLLIN), revents: 0),
      ]
      // A signal handled on this thread (Dispatch's, which passes the signal on) interrupts the poll.
      while poll(&watched, 2, -1) < 0, errno == EINTR {}
      try Task.checkCancellation()
      return readLine(strippingNewline: true)
    } onCancel: {
      _ = write(wakeUp, "x", 1)
    }
  }
}
