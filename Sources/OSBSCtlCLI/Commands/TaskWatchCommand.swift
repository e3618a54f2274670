import ArgumentParser
import OSBSKit

struct TaskWatchCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Watch Koji task trees until they finish (one hub request per poll).",
    discussion: discussion(
      """
      Exits 0 when every task named closed successfully, 1 when any failed or was canceled; a failed \
      task's log URLs follow "Relevant logs:" at the end. A tree that already finished is reported at \
      once. If the watch ends early (Ctrl-C, an outage, an error) the command to resume is printed on \
      stderr, and with -o json the last line is {"taskId", "taskIds", "error", "resumeCommand"}.
      """,
      examples: [
        HelpExample(
          "Watch a task tree to its end",
          "osbsctl task watch 123456"),
        HelpExample(
          "Several tasks, as JSON Lines for a script",
          "osbsctl task watch 123456 123460 -o json"),
      ]))

  @Argument(help: ArgumentHelp("Task ids.", valueName: "task-id"), completion: DynamicCompletion.kojiTaskIDs)
  var taskIDs: [Int]

  @Option(help: "Time between polls: 2s, 500ms or seconds (default: the Koji profile's poll_interval).")
  var interval: DurationArgument?

  @OptionGroup var output: OutputOptions<StreamFormats>
  @OptionGroup var globals: GlobalOptions<UsesKoji>

  func validate() throws {
    if taskIDs.isEmpty { throw ValidationError("name at least one task id") }
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    let (session, connection) = try await context.services(globals).kojiSession(
      authenticated: false)
    let renderer = context.renderer(output)
    let follow = KojiTaskFollow(
      session: session, roots: taskIDs,
      pollInterval: interval?.duration ?? connection.pollInterval,
      followLogs: false)
    let watcher: KojiTaskWatcher
    do {
      watcher = try await follow.run { event in
        guard case .task(let change) = event else { return }
        try renderer.emit(event: change, humanLine: KojiTaskText.line(change))
      }
    } catch {
      if EarlyWatchEnd.isMissingTask(error) { throw error }
      let resume = "osbsctl task watch \(taskIDs.map(String.init).joined(separator: " "))"
      // An event for a script; a person gets the error and the resume command from EarlyWatchEnd.
      try? renderer.emit(
        event: KojiWatchEnded(taskIds: taskIDs, error: EarlyWatchEnd.text(error), resumeCommand: resume),
        humanLine: nil)
      throw EarlyWatchEnd.finish(error, resume: resume, console: context.console)
    }
    renderer.humanText(
      "\n"
        + (KojiTaskText.summary(watcher) + KojiTaskText.relevantLogs(watcher, session.configuration))
        .joined(separator: "\n") + "\n")
    return watcher.unsuccessfulRoots.isEmpty ? ExitStatus.success : ExitStatus.code(for: .operationFailed)
  }
}
