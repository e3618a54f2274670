import ArgumentParser
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

  @Argument(help: "Task id.")
  var taskID: Int

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals) { context in
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
      switch first[3] {
      case .success(let value) where value["faultCode"] != nil:
        if task.state.isFinished {
          failure = "\(value["faultString"]?.stringValue ?? "") (fault \(value["faultCode"]?.intValue ?? 0))"
        }
      case .success(let value): result = JSONTree(value)
      case .failure(let fault):
        if task.state.isFinished { failure = "\(fault.message) (fault \(fault.code))" }
      }
      var lookups: [XMLRPCCall] = []
      if let host = task.hostID { lookups.append(XMLRPCCall("getHost", [.int(Int64(host))])) }
      if let owner = task.owner { lookups.append(XMLRPCCall("getUser", [.int(Int64(owner))])) }
      let names = try await session.multiCall(lookups).map { (try? $0.get())?["name"]?.stringValue }
      let host = task.hostID != nil ? names.first ?? nil : nil
      let owner = task.owner != nil ? names.last ?? nil : nil
      let report = KojiTaskReport(
        task: task, host: host, owner: owner, children: children, logs: logs, result: result,
        failure: failure,
        url: KojiHubConfiguration(hubURL: connection.endpoint.baseURL, webURL: connection.webURL).taskURL(
          task.id))
      try context.renderer(command.output).render(report)
      return ExitStatus.success
    }
  }
}

extension KojiTaskReport: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide ? ["id", "task", "state", "host", "owner", "children", "logs"] : ["id", "task", "state", "host"]
  }

  func rows(wide: Bool) -> [[String]] {
    let state = KojiTaskText.state(task.state, host: nil, failure: failure)
    let base = ["\(task.id)", label, state, host ?? "-"]
    guard wide else { return [base] }
    return [
      base + [owner ?? "-", children.map { "\($0.id)" }.joined(separator: ","), logs.joined(separator: ",")]
    ]
  }

  var resourceNames: [String] { ["task/\(task.id)"] }
}
