import ArgumentParser
import Foundation
import OSBSKit
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// What a running command needs from its surroundings: the console, the resolved flags, diagnostics.
struct CommandContext: Sendable {
  let console: Console
  let debug: Bool
  let environment: [String: String]
  /// Warnings already shown in this run: each one (a file, insecure TLS) is said once, not per client.
  let shownWarnings = ShownWarnings()

  /// A warning on stderr, unless this run already showed the same text.
  func warnOnce(_ text: String) {
    if shownWarnings.firstTime(text) { console.warning(text) }
  }

  /// Transport diagnostics: `--debug` traces and warnings (such as insecure TLS) go to stderr.
  var httpDiagnostics: HTTPDiagnostics {
    let console = console
    let shown = shownWarnings
    var diagnostics = HTTPDiagnostics()
    diagnostics.warning = { @Sendable text in if shown.firstTime(text) { console.warning(text) } }
    if debug { diagnostics.trace = { @Sendable event in console.debug(event.formatted()) } }
    return diagnostics
  }

  func renderer(_ options: OutputOptions) -> ResultRenderer {
    ResultRenderer(format: options.output, console: console)
  }
}

/// The warnings one run has shown.
final class ShownWarnings: Sendable {
  private let texts = Mutex<Set<String>>([])

  /// True the first time `text` is seen.
  func firstTime(_ text: String) -> Bool { texts.withLock { $0.insert(text).inserted } }
}

/// Runs a command body: turns typed errors into one message and the documented exit code, and makes
/// Ctrl-C cancel the work (a second Ctrl-C exits at once).
enum CommandRunner {
  static func run(
    _ globals: GlobalOptions,
    _ body: @escaping @Sendable (CommandContext) async throws -> Int32
  ) async throws {
    let environment = ProcessInfo.processInfo.environment
    let context = CommandContext(
      console: Console(colorMode: globals.color, environment: environment),
      debug: globals.debug, environment: environment)
    let interrupts = Atomic<Int>(0)
    let task = Task { try await body(context) }
    let signals = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    signal(SIGINT, SIG_IGN)
    signals.setEventHandler {
      if interrupts.add(1, ordering: .relaxed).newValue > 1 {
        context.console.flush()
        _exit(ExitStatus.code(for: .interrupted))
      }
      task.cancel()
    }
    signals.resume()
    defer {
      signals.cancel()
      context.console.flush()
    }

    let status: Int32
    do {
      status = try await task.value
    } catch let error as any ClassifiedError {
      let kind = interrupts.load(ordering: .relaxed) > 0 ? FailureKind.interrupted : error.failureKind
      context.console.error(error.description)
      throw ExitCode(ExitStatus.code(for: kind))
    } catch is CancellationError {
      throw ExitCode(ExitStatus.code(for: .interrupted))
    } catch let error as ExitCode {
      throw error
    } catch let error as ValidationError {
      throw error
    } catch {
      context.console.error(String(describing: error))
      throw ExitCode(ExitStatus.code(for: .operationFailed))
    }
    if status != ExitStatus.success { throw ExitCode(status) }
  }
}
