import ArgumentParser
import OSBSKit

struct TaskCancelCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "cancel",
    abstract: "Cancel Koji tasks (and their children), and report what became of each.",
    discussion: discussion(
      """
      On a terminal it asks first; otherwise pass --confirm (or --yes). --dry-run reads each task's state \
      and shows what would happen. The hub answers a cancel the same way whatever the task's state, so \
      osbsctl reads every task back: "cancelled", "already closed" (it had finished: closed, failed or \
      canceled; nothing to do), "not found", or "refused" with the hub's reason.

      Exits 0 when every task is cancelled or already closed, 4 when the hub refused for lack of \
      permission, 3 when a task does not exist, 1 when a task could not be cancelled for another reason.
      """,
      examples: [
        HelpExample(
          "Show what would be cancelled",
          "osbsctl task cancel 123456 --dry-run"),
        HelpExample(
          "Cancel two tasks (and their children) without asking",
          "osbsctl task cancel 123456 123460 --confirm"),
      ]))

  @Argument(help: ArgumentHelp("Task ids.", valueName: "task-id"), completion: DynamicCompletion.kojiTaskIDs)
  var taskIDs: [Int]

  @OptionGroup var confirmation: ConfirmationOptions

  @OptionGroup var output: OutputOptions<NoWideFormats>
  @OptionGroup var globals: GlobalOptions<UsesKoji>

  func validate() throws {
    if taskIDs.isEmpty { throw ValidationError("name at least one task id") }
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    let action = "cancel " + taskIDs.map { "task \($0)" }.joined(separator: ", ")
    let decision = try await DestructiveActionGuard(confirmation, console: context.console).decide(
      action, policy: .askUnlessConfirmed)
    let dryRun = decision == .dryRun
    let (client, _) = try await context.services(globals).kojiClient(authenticated: !dryRun)
    let cancellation = KojiTaskCancellation(client: client)
    let report =
      dryRun
      ? try await cancellation.preview(taskIDs) : try await cancellation.cancel(taskIDs)
    await client.logout()
    try context.renderer(output).render(report)
    if dryRun { context.console.message("dry run: nothing changed; run again with --confirm to cancel") }
    return report.failureKind.map(ExitStatus.code(for:)) ?? ExitStatus.success
  }
}

extension KojiCancelReport: TablePresentable {
  static func columns(wide: Bool) -> [String] { ["task", "state", "result"] }

  func rows(wide: Bool) -> [[String]] {
    tasks.map { item in
      let state = (item.stateAfter ?? item.stateBefore)?.name ?? "-"
      let result: String =
        switch item.outcome {
        case .cancelled: "cancelled"
        case .alreadyClosed: "already closed"
        case .wouldCancel: "would be cancelled (dry run)"
        case .notFound: "not found"
        case .refused: "refused: \(item.error ?? "")"
        case .notCancelled: "not cancelled: \(item.error ?? "")"
        }
      return ["\(item.taskId)", state, result]
    }
  }

  var resourceNames: [String] {
    tasks.filter { $0.outcome == .cancelled || $0.outcome == .wouldCancel }.map { "task/\($0.taskId)" }
  }
}
