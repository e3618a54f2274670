import ArgumentParser
import Foundation
import OSBSKit

struct TaskInfoCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "info", abstract: "Show a task: state, host, owner, children, logs and result.",
    discussion: discussion(
      examples: [
        HelpExample(
          "A task's state, host, owner, children and logs",
          "osbsctl task info 123456"),
        HelpExample(
          "The same as JSON, for a script",
          "osbsctl task info 123456 -o json"),
      ]))

  @Argument(help: "Task id.", completion: DynamicCompletion.kojiTaskIDs)
  var taskID: Int

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesKoji>

  func execute(_ context: CommandContext) async throws -> Int32 {
    let (client, _) = try await context.services(globals).kojiClient(authenticated: false)
    let report = try await client.taskDetails(taskID)
    try context.renderer(output).render(report)
    return ExitStatus.success
  }
}

extension KojiTaskReport: TableFootnotes {
  /// Under the table, as koji taskinfo shows them: the times, the builds' NVRs and a failure's fault.
  var footnotes: [String] {
    var lines: [String] = []
    func time(_ label: String, _ date: Date?) {
      if let date { lines.append("\(label) \(UTCTime.rfc3339(date))") }
    }
    time("Created: ", task.created)
    time("Started: ", task.started)
    time("Finished:", task.completed)
    for build in builds ?? [] { lines.append("Build:    \(build.nvr ?? "?") (id \(build.id))") }
    if let failure { lines.append("Fault:    \(failure)") }
    return lines
  }
}

extension KojiTaskReport: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide ? ["id", "task", "state", "host", "owner", "children", "logs"] : ["id", "task", "state", "host"]
  }

  func rows(wide: Bool) -> [[String]] {
    // The fault goes under the table (Fault:), not into the STATE column.
    let state = KojiTaskText.state(task.state, host: nil, failure: nil)
    let base = ["\(task.id)", label, state, host ?? "-"]
    guard wide else { return [base] }
    return [
      base + [owner ?? "-", children.map { "\($0.id)" }.joined(separator: ","), logs.joined(separator: ",")]
    ]
  }

  var resourceNames: [String] { ["task/\(task.id)"] }
}
