import ArgumentParser
import OSBSKit

struct TaskCancelCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cancel",
    abstract: "Cancel Koji tasks (and their children) in one hub request.",
    discussion: """
      On a terminal it asks first; otherwise pass --confirm (or --yes). --dry-run only checks that the \
      tasks exist and shows what would be cancelled. Exits 0 when every task was cancelled, 1 when the hub \
      refused any (4 when it was a permission refusal).
      """)

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Task ids.")
  var taskIDs: [Int]

  @OptionGroup var confirmation: ConfirmationOptions

  func validate() throws {
    if taskIDs.isEmpty { throw ValidationError("name at least one task id") }
  }

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals) { context in
      let action = "cancel " + command.taskIDs.map { "task \($0)" }.joined(separator: ", ")
      let decision = try DestructiveActionGuard(command.confirmation, console: context.console).decide(
        action, policy: .askUnlessConfirmed)
      if decision == .dryRun { return try await command.preview(context) }
      let (session, _) = try await context.services(command.globals).kojiSession(authenticated: true)
      let results = try await session.multiCall(
        command.taskIDs.map { XMLRPCCall("cancelTask", [.int(Int64($0))]) })
      await session.logout()
      var report = KojiCancelReport(cancelled: [], failed: [])
      for (id, result) in zip(command.taskIDs, results) {
        switch result {
        case .success: report.cancelled.append(id)
        case .failure(let fault):
          report.failed.append(
            KojiCancelReport.Failure(task: id, error: "\(fault.message) (fault \(fault.code))"))
        }
      }
      try context.renderer(command.output).render(report)
      let refusal = results.lazy.compactMap { result -> XMLRPCFault? in
        if case .failure(let fault) = result { return fault }
        return nil
      }.first
      return refusal.map { ExitStatus.code(for: KojiError.kind(of: $0)) } ?? ExitStatus.success
    }
  }
}

extension TaskCancelCommand {
  /// `--dry-run`: which tasks exist (and would be cancelled), read anonymously in one multicall.
  fileprivate func preview(_ context: CommandContext) async throws -> Int32 {
    let (session, _) = try await context.services(globals).kojiSession(authenticated: false)
    let results = try await session.multiCall(taskIDs.map { XMLRPCCall("getTaskInfo", [.int(Int64($0))]) })
    var report = KojiCancelReport(cancelled: [], failed: [], dryRun: true)
    for (id, result) in zip(taskIDs, results) {
      switch result {
      case .success(.null): report.failed.append(.init(task: id, error: "no such task"))
      case .success: report.cancelled.append(id)
      case .failure(let fault):
        report.failed.append(.init(task: id, error: "\(fault.message) (fault \(fault.code))"))
      }
    }
    try context.renderer(output).render(report)
    context.console.message("dry run: nothing changed; run again with --confirm to cancel")
    return report.failed.isEmpty ? ExitStatus.success : ExitStatus.code(for: .notFound)
  }
}

extension KojiCancelReport: TablePresentable {
  static func columns(wide: Bool) -> [String] { ["task", "result"] }

  func rows(wide: Bool) -> [[String]] {
    cancelled.map { ["\($0)", dryRun ? "would be cancelled (dry run)" : "cancelled"] }
      + failed.map { ["\($0.task)", "refused: \($0.error)"] }
  }

  var resourceNames: [String] { cancelled.map { "task/\($0)" } }
}
