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
  /// Where configuration files are looked for; nil: the process's.
  let configEnvironment: ConfigEnvironment?
  /// What answers the clients' requests instead of the network (a test's strict fake); nil in the executable.
  let transport: (any HTTPTransport)?
  /// What answers Docker Engine API requests instead of the engine; nil in the executable.
  var dockerTransport: (any HTTPTransport)? = nil
  /// Runs `git` and `ovs-ofctl`: the real programs, or a test's recorded ones.
  var programRunner: any ProgramRunner = ProcessProgramRunner()
  /// Warnings already shown in this run: each one (a file, insecure TLS) is said once, not per client.
  let shownWarnings = ShownWarnings()
  /// What a second Ctrl-C does: exit at once, unless the command asked to report what it did.
  let interruption = InterruptHandling()
  /// The run's settings and clients, each made once, on first use.
  let resources = RunResources()

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

  func renderer<Formats>(_ options: OutputOptions<Formats>) -> ResultRenderer {
    ResultRenderer(format: options.format, console: console)
  }
}

/// Lets a command that must account for what it did (a prune) keep its report on a second Ctrl-C.
final class InterruptHandling: Sendable {
  /// Fired by the second Ctrl-C when `keepsReport`; the command stops waiting and reports.
  let stopWaiting = StopWaitingSignal()
  private let keepsReport = Atomic<Bool>(false)

  /// From now on a second Ctrl-C fires `stopWaiting` instead of exiting; a third one still exits at once.
  func keepReportOnSecondInterrupt() -> StopWaitingSignal {
    keepsReport.store(true, ordering: .relaxed)
    return stopWaiting
  }

  var reportsOnSecondInterrupt: Bool { keepsReport.load(ordering: .relaxed) }
}

/// Signal sources that lose no signal while Dispatch registers them (`CommandRunner`).
///
/// Dispatch registers a source on its own thread, a little after `resume`, and only then puts its own
/// handler in place, which hands the signal to the source from any thread. A signal that comes before would
/// meet the process's handler of before (SIG_IGN would drop it): from `startKeeping` on, the handler keeps
/// it instead, and each source takes its signal as it registers. Dispatch puts its handler in place only
/// the first time a signal gets a source in the process, which is once per run of the executable.
enum KeptSignals {
  /// A signal handler reaches nothing but process-wide state, hence the one global: a lock-free bit per
  /// signal number, all a handler may safely touch.
  private static let kept = Atomic<UInt64>(0)

  /// From now on `numbers` are kept. The storage is touched here first: a static is made on its first use,
  /// which must not happen inside a signal handler.
  static func startKeeping(_ numbers: [Int32]) {
    kept.store(0, ordering: .sequentiallyConsistent)
    for number in numbers {
      signal(number) { KeptSignals.kept.bitwiseOr(KeptSignals.bit($0), ordering: .sequentiallyConsistent) }
    }
  }

  /// A resumed source per signal, calling `handler` for each signal, kept ones included.
  static func sources(
    for numbers: [Int32], queue: DispatchQueue = .global(), handler: @escaping @Sendable () -> Void
  ) -> [any DispatchSourceSignal] {
    numbers.map { number in
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler(handler: handler)
      source.setRegistrationHandler { if take(number) { handler() } }
      source.resume()
      return source
    }
  }

  /// Whether `number` came and was kept, forgetting it.
  private static func take(_ number: Int32) -> Bool {
    kept.bitwiseAnd(~bit(number), ordering: .sequentiallyConsistent).oldValue & bit(number) != 0
  }

  private static func bit(_ number: Int32) -> UInt64 { 1 << UInt64(number & 63) }
}

/// The warnings one run has shown.
final class ShownWarnings: Sendable {
  private let texts = Mutex<Set<String>>([])

  /// True the first time `text` is seen.
  func firstTime(_ text: String) -> Bool { texts.withLock { $0.insert(text).inserted } }
}

/// Runs a command body: turns typed errors into one message and the documented exit code, and makes
/// Ctrl-C cancel the work. A second Ctrl-C exits at once, except in a command that keeps its report
/// (`InterruptHandling`): there it stops the waiting and the report is still printed; a third exits.
///
/// A run that only reads local files (`OSBSCtlCommand.onlyReadsLocalFiles`) runs on the caller's thread,
/// without a task or signal sources, which would start three threads of Dispatch's pool for a command that
/// takes a few milliseconds (bench/README.md, round eight). It has nothing to clean up or report, so
/// Ctrl-C and SIGTERM end it from the signal handler itself, with the same status 2.
///
/// Any other run of the executable is a task whose jobs run on the calling thread, the main thread
/// (`CallerThreadExecutor`). Its signal sources are made when it first waits, after it read its settings
/// and started its first request or program (or asked its question). A Ctrl-C or SIGTERM before that ends
/// the run from the handler too, with status 2 and nothing cleaned up: a probe pod whose creation was just
/// sent is left for `node probe --cleanup`. One that comes while Dispatch registers the sources is kept
/// for them (`KeptSignals`).
enum CommandRunner {
  nonisolated(nonsending) static func run<Peers>(
    _ globals: GlobalOptions<Peers>, output: OutputFormat? = nil,
    in surroundings: RunSurroundings = .process(), onlyReadsLocalFiles: Bool = false,
    _ body: nonisolated(nonsending) @escaping @Sendable (CommandContext) async throws -> Int32
  ) async throws {
    let structured = output == .json || output == .yaml
    let environment = surroundings.variables
    var made = CommandContext(
      console: Console(
        stdout: surroundings.stdout, stderr: surroundings.stderr, colorMode: globals.color,
        structuredErrors: structured, quiet: globals.quiet, environment: environment),
      debug: globals.debug, environment: environment, configEnvironment: surroundings.configEnvironment,
      transport: surroundings.transport)
    made.dockerTransport = surroundings.dockerTransport
    if let runner = surroundings.programRunner { made.programRunner = runner }
    let context = made
    defer { context.console.flush() }
    // SIGTERM (a pod being deleted, `kill`, systemd) ends a run as Ctrl-C does. Until a run has signal
    // sources, and in one that never makes any, either ends it here with status 2.
    let interruptSignals = [SIGINT, SIGTERM]
    if surroundings.handlesInterrupts {
      for number in interruptSignals {
        signal(number) { _ in _exit(ExitStatus.code(for: .interrupted)) }
      }
    }
    guard surroundings.handlesInterrupts, !onlyReadsLocalFiles else {
      return try await finish(context: context, interrupted: { false }) { try await body(context) }
    }
    let interrupts = Atomic<Int>(0)
    let executor = CallerThreadExecutor()
    let task = Task(executorPreference: executor) {
      defer { executor.finish() }
      return try await body(context)
    }
    let onSignal: @Sendable () -> Void = {
      let count = interrupts.add(1, ordering: .relaxed).newValue
      let keepsReport = context.interruption.reportsOnSecondInterrupt
      // A progress line may be on the terminal: the message starts on a clean line.
      let clear = context.console.showsProgress ? "\r\u{1B}[K" : ""
      switch count {
      case 1:
        if keepsReport {
          context.console.stderr.write(
            clear + "interrupted: nothing new is started; waiting for the requests in flight, then the "
              + "report (Ctrl-C again to stop waiting)\n")
        }
        task.cancel()
      case 2 where keepsReport:
        context.console.stderr.write(
          clear
            + "interrupted again: not waiting for the requests in flight; they are reported as abandoned\n")
        context.interruption.stopWaiting.fire()
      default:
        context.console.flush()
        _exit(ExitStatus.code(for: .interrupted))
      }
    }
    // With the sources, what the command made is cleaned up before it exits; a signal that comes while
    // they register is kept for them.
    var signalSources: [any DispatchSourceSignal] = []
    defer { for source in signalSources { source.cancel() } }
    executor.run {
      KeptSignals.startKeeping(interruptSignals)
      signalSources = KeptSignals.sources(for: interruptSignals, handler: onSignal)
    }
    try await finish(context: context, interrupted: { interrupts.load(ordering: .relaxed) > 0 }) {
      try await task.value
    }
  }

  /// The body's status, or its error written once and turned into the documented exit code.
  nonisolated(nonsending) private static func finish(
    context: CommandContext, interrupted: () -> Bool,
    _ body: nonisolated(nonsending) () async throws -> Int32
  ) async throws {
    let status: Int32
    do {
      status = try await body()
    } catch let error as any ClassifiedError {
      let kind = interrupted() ? FailureKind.interrupted : error.failureKind
      context.console.error(error.description, kind: kind)
      throw ExitCode(ExitStatus.code(for: kind))
    } catch is CancellationError {
      // People were told already (or pressed the key themselves); a script reading -o json gets its line.
      if context.console.structuredErrors { context.console.error("interrupted", kind: .interrupted) }
      throw ExitCode(ExitStatus.code(for: .interrupted))
    } catch let error as ExitCode {
      throw error
    } catch let error as ValidationError {
      throw error
    } catch {
      context.console.error(String(describing: error), kind: .operationFailed)
      throw ExitCode(ExitStatus.code(for: .operationFailed))
    }
    if status != ExitStatus.success { throw ExitCode(status) }
  }
}

/// A subcommand: its flags, and one body that returns the exit status. The default `run()` wraps the
/// body in `CommandRunner` (one environment, typed errors to exit codes, Ctrl-C).
protocol OSBSCtlCommand: AsyncParsableCommand, Sendable {
  /// The servers the command talks to: its help shows their options (see `CommandPeers`).
  associatedtype Peers: CommandPeers
  var globals: GlobalOptions<Peers> { get }
  /// Runs where it is called from (see `CommandRunner`): a body that only reads local files on the main
  /// thread itself; one that talks to a server in a task whose jobs the main thread runs, the library's
  /// functions included (in a test's in-process run, they run on the pool).
  nonisolated(nonsending) func execute(_ context: CommandContext) async throws -> Int32

  /// Whether this run only reads local files and prints (no server, engine or program, nothing changed):
  /// then Ctrl-C needs no handling (`CommandRunner`).
  var onlyReadsLocalFiles: Bool { get }

  /// Whether a run of this command line (its words, not yet parsed) talks to a server or an engine through
  /// libcurl; if so, the executable starts loading libcurl while it parses them (`OSBSCtl.main`).
  static func transfers(_ arguments: [String]) -> Bool

  /// The command from the words after its name without the argument parser, or nil for the parser to
  /// read them (`DirectCommandLine`); only a leaf that is `DirectlyReadArguments` reads any.
  static func readDirectly(_ words: ArraySlice<String>) -> Self?

  /// The `-o` format asked for; nil for a command without `-o`.
  var outputFormat: OutputFormat? { get }

  /// Why the `-o` format asked for is refused, or nil.
  var refusedOutputFormat: String? { get }
}

extension OSBSCtlCommand {
  /// A command with a Koji hub or a cluster transfers on every run; the others say so themselves.
  static func transfers(_ arguments: [String]) -> Bool { !Peers.scope.isEmpty }

  var outputFormat: OutputFormat? { nil }
  var refusedOutputFormat: String? { nil }
  var onlyReadsLocalFiles: Bool { false }
}

/// A subcommand with `-o`: with json or yaml its errors are machine-readable too.
protocol OSBSCtlOutputCommand: OSBSCtlCommand {
  /// The `-o` formats the command prints (see `OutputFormatSet`).
  associatedtype Formats: OutputFormatSet
  var output: OutputOptions<Formats> { get }
}

extension OSBSCtlOutputCommand {
  var outputFormat: OutputFormat? { output.format }
  var refusedOutputFormat: String? { output.refusal }
}

extension OSBSCtlCommand {
  func run() async throws { try await run(in: .process()) }

  /// The body in `surroundings`: the process's, or a test's (`OSBSCtl.run(_:in:)`).
  nonisolated(nonsending) func run(in surroundings: RunSurroundings) async throws {
    let command = self
    try await CommandRunner.run(
      globals, output: outputFormat, in: surroundings, onlyReadsLocalFiles: onlyReadsLocalFiles
    ) { context in
      try await command.execute(context)
    }
  }
}
