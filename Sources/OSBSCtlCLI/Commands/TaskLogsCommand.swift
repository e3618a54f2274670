import ArgumentParser
import OSBSKit

struct TaskLogsCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "logs",
    abstract: "Print a task's logs, including its child tasks'; with --follow, until the tree finishes.",
    discussion: discussion(
      """
      Logs are read by byte offset, so nothing is repeated or lost, also when the connection drops and the \
      read is retried. Each line is labelled task:file:, except with a single --log NAME, whose bytes are \
      printed exactly as they are. With -o json each line is a {"taskId", "log", "line"} object. Each chunk \
      is written as it arrives. If --follow ends early (Ctrl-C, an outage, an error) the command to resume \
      is printed on stderr, and with -o json the last line is {"taskId", "taskIds", "error", \
      "resumeCommand"}.
      """,
      examples: [
        HelpExample(
          "Follow a task's logs and its children's until the tree finishes",
          "osbsctl task logs -f 123456"),
        HelpExample(
          "Only the x86_64 build log",
          "osbsctl task logs 123456 --log x86_64.log"),
      ]))

  @Argument(help: "Task id.", completion: DynamicCompletion.kojiTaskIDs)
  var taskID: Int

  @Flag(name: [.short, .long], help: "Keep following until the task and its children finish.")
  var follow = false

  @Option(name: .customLong("log"), help: "Only this log file (repeatable), e.g. x86_64.log.")
  var logs: [String] = []

  @Option(
    help:
      "Time between polls with --follow: 2s, 500ms or seconds (default: the Koji profile's poll_interval).")
  var interval: DurationArgument?

  @OptionGroup var output: OutputOptions<StreamFormats>
  @OptionGroup var globals: GlobalOptions<UsesKoji>

  func execute(_ context: CommandContext) async throws -> Int32 {
    let (session, connection) = try await context.services(globals).kojiSession(
      authenticated: false)
    var printer = TaskLogPrinter(renderer: context.renderer(output), raw: logs.count == 1)
    let taskFollow = KojiTaskFollow(
      session: session, roots: [taskID],
      pollInterval: interval?.duration ?? connection.pollInterval,
      followLogs: true, logNames: logs.isEmpty ? nil : Set(logs))
    if follow {
      do {
        try await taskFollow.run { event in
          if case .log(let chunk) = event { try printer.write(chunk) }
        }
      } catch {
        // What arrived is out; then the report, so a script keeps the task id and the way back.
        try? printer.finish()
        if EarlyWatchEnd.isMissingTask(error) { throw error }
        let resume = "osbsctl task logs -f \(taskID)"
        let renderer = context.renderer(output)
        try? renderer.emit(
          event: KojiWatchEnded(taskIds: [taskID], error: EarlyWatchEnd.text(error), resumeCommand: resume),
          humanLine: nil)
        throw EarlyWatchEnd.finish(error, resume: resume, console: context.console)
      }
    } else {
      try await taskFollow.snapshot { try printer.write($0) }
    }
    try printer.finish()
    return ExitStatus.success
  }
}
