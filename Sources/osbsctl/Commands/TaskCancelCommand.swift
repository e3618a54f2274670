import ArgumentParser
import OSBSKit

struct TaskCancelCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cancel",
    abstract: "Cancel Koji tasks (and their children) in one hub request.",
    discussion: "Exits 0 when every task was cancelled, 1 when the hub refused any.")

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Task ids.")
  var taskIDs: [Int]

  func validate() throws {
    if taskIDs.isEmpty { throw ValidationError("name at least one task id") }
  }

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals) { context in
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

extension KojiCancelReport: TablePresentable {
  static func columns(wide: Bool) -> [String] { ["task", "result"] }

  func rows(wide: Bool) -> [[String]] {
    cancelled.map { ["\($0)", "cancelled"] } + failed.map { ["\($0.task)", "refused: \($0.error)"] }
  }

  var resourceNames: [String] { cancelled.map { "task/\($0)" } }
}
