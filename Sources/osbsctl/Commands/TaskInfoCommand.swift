import ArgumentParser
import Foundation
import OSBSKit

struct TaskInfoCommand: AsyncParsableCommand {
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

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Task id.", completion: DynamicCompletion.kojiTaskIDs)
  var taskID: Int

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals, output: output) { context in
      let (session, connection) = try await context.services(command.globals).kojiSession(
        authenticated: false)
      let id = XMLRPCValue.int(Int64(command.taskID))
      let first = try await session.multiCall([
        XMLRPCCall("getTaskInfo", [id]),
        XMLRPCCall("getTaskChildren", [id]),
        XMLRPCCall("listTaskOutput", [id]),
        XMLRPCCall("getTaskResult", [id], keywords: [XMLRPCMember("raise_fault", false)]),
      ])
      let infoValue = try first[0].get()
      guard !infoValue.isNull else { throw KojiError.noSuchTask(command.taskID) }
      let task = try KojiTaskInfo(xmlrpc: infoValue)
      let children = try (first[1].get().arrayValue ?? []).map(KojiTaskInfo.init(xmlrpc:))
      let logs = (try first[2].get().arrayValue ?? []).compactMap(\.stringValue).sorted()
      var result: JSONTree?
      var failure: String?
      var buildIDs: [Int] = []
      switch first[3] {
      case .success(let value) where value["faultCode"] != nil:
        if task.state.isFinished {
          failure = "\(value["faultString"]?.stringValue ?? "") (fault \(value["faultCode"]?.intValue ?? 0))"
        }
      case .success(let value):
        result = JSONTree(value)
        buildIDs = KojiContainerResult(xmlrpc: value).kojiBuilds
      case .failure(let fault):
        if task.state.isFinished { failure = "\(fault.message) (fault \(fault.code))" }
      }
      // Host and owner names, and the NVR of each build the task made, as koji taskinfo shows them.
      var lookups: [XMLRPCCall] = []
      if let host = task.hostID { lookups.append(XMLRPCCall("getHost", [.int(Int64(host))])) }
      if let owner = task.owner { lookups.append(XMLRPCCall("getUser", [.int(Int64(owner))])) }
      lookups += buildIDs.map { XMLRPCCall("getBuild", [.int(Int64($0))]) }
      var answers = try await session.multiCall(lookups).map { try? $0.get() }[...]
      let host = task.hostID != nil ? answers.popFirst()??["name"]?.stringValue : nil
      let owner = task.owner != nil ? answers.popFirst()??["name"]?.stringValue : nil
      let builds = zip(buildIDs, answers).map { id, build in
        KojiBuildReference(id: id, nvr: build?["nvr"]?.stringValue)
      }
      var report = KojiTaskReport(
        task: task, host: host, owner: owner, children: children, logs: logs, result: result,
        failure: failure,
        url: KojiHubConfiguration(hubURL: connection.endpoint.baseURL, webURL: connection.webURL).taskURL(
          task.id))
      report.builds = builds.isEmpty ? nil : builds
      try context.renderer(command.output).render(report)
      return ExitStatus.success
    }
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
