import ArgumentParser
import Foundation
import OSBSKit

struct BuildForTaskCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "for-task",
    abstract: "Find the OpenShift build of a Koji task.",
    discussion: """
      Looks in this order: builds labelled koji-task-id=TASK (or one of its child tasks); the \
      openshift_build_selflink line of the task's openshift-incremental.log; the "OSBS build id:" text \
      of the task's fault. Exits 3 when none of them names a build; a named build that has since been \
      pruned is reported by name (with a warning).
      """)

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var namespaces: NamespaceOptions

  @Argument(help: "Koji task id (buildContainer or createContainer).")
  var taskID: Int

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals) { context in
      let services = context.services(command.globals)
      let client = try services.openShiftClient()
      let scope = command.namespaces.scope
      let labelled = try await client.builds(forKojiTask: command.taskID, in: scope)
      let report: BuildForTaskReport
      if !labelled.isEmpty {
        report = BuildForTaskReport(
          task: command.taskID, source: "label", names: labelled.map(\.metadata.name),
          builds: labelled.map(BuildSummary.init))
      } else {
        let (session, _) = try await services.kojiSession(authenticated: false)
        report = try await Self.fromKoji(task: command.taskID, session: session, client: client, scope: scope)
      }
      let renderer = context.renderer(command.output)
      guard !report.names.isEmpty else {
        context.console.error(
          "no OpenShift build found for task \(command.taskID) (no koji-task-id label, selflink or OSBS build id)"
        )
        return ExitStatus.code(for: .notFound)
      }
      for name in report.names where !report.builds.contains(where: { $0.name == name }) {
        context.console.warning(
          "task \(command.taskID) names build \(name) (\(report.source)), which is gone")
      }
      if report.builds.isEmpty && !renderer.isStructured {
        // The name answers the question even when the build itself has been pruned.
        context.console.output(report.names.map { "build/\($0)\n" }.joined())
        return ExitStatus.success
      }
      try renderer.render(report)
      return ExitStatus.success
    }
  }

  /// Child tasks first by label, then the task tree's logs, then the faults.
  static func fromKoji(task: Int, session: KojiSession, client: OpenShiftClient, scope: NamespaceScope)
    async throws -> BuildForTaskReport
  {
    let children = try await session.call("getTaskChildren", [.int(Int64(task))]).arrayValue ?? []
    let childIDs = children.compactMap { child in child["id"]?.intValue.map { Int($0) } }
    for child in childIDs {
      let builds = try await client.builds(forKojiTask: child, in: scope)
      if !builds.isEmpty {
        return BuildForTaskReport(
          task: task, source: "label", names: builds.map(\.metadata.name),
          builds: builds.map(BuildSummary.init))
      }
    }
    let tree = [task] + childIDs
    for id in tree {
      if let name = try await selfLinkBuild(task: id, session: session) {
        return try await report(task: task, source: "selflink", name: name, client: client, scope: scope)
      }
    }
    for id in tree {
      let result = try await session.call(
        "getTaskResult", [.int(Int64(id))], keywords: [XMLRPCMember("raise_fault", false)])
      if let fault = result["faultString"]?.stringValue, let name = match(faultPattern, in: fault) {
        return try await report(task: task, source: "fault", name: name, client: client, scope: scope)
      }
    }
    return BuildForTaskReport(task: task, source: "none", names: [], builds: [])
  }

  static func report(
    task: Int, source: String, name: String, client: OpenShiftClient, scope: NamespaceScope
  ) async throws -> BuildForTaskReport {
    var builds: [BuildSummary] = []
    do {
      builds = [BuildSummary(try await client.build(named: name, in: scope == .all ? .current : scope))]
    } catch let error as OpenShiftError where error.failureKind == .notFound {
      builds = []
    }
    return BuildForTaskReport(task: task, source: source, names: [name], builds: builds)
  }

  static let selfLinkPattern = #"'openshift_build_selflink':\s*u?'([^']+)'"#
  static let faultPattern = #"OSBS build id: (\S+)"#

  static func match(_ pattern: String, in text: String) -> String? {
    guard let expression = try? NSRegularExpression(pattern: pattern),
      let found = expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).last,
      let range = Range(found.range(at: 1), in: text)
    else { return nil }
    return String(text[range])
  }

  /// The build named by the last selflink line of the task's openshift-incremental.log, read in chunks.
  static func selfLinkBuild(task: Int, session: KojiSession) async throws -> String? {
    let files = try await session.call("listTaskOutput", [.int(Int64(task))]).arrayValue ?? []
    guard files.contains(where: { $0.stringValue == "openshift-incremental.log" }) else { return nil }
    var offset = 0
    var splitter = LineSplitter()
    var found: String?
    let chunkSize = 1 << 20
    func scan(_ line: Data) {
      guard line.count < 1 << 20 else { return }
      let text = String(decoding: line, as: UTF8.self)
      guard text.contains("openshift_build_selflink"), let link = match(selfLinkPattern, in: text) else {
        return
      }
      if let last = link.split(separator: "/").last { found = String(last) }
    }
    while true {
      let reply = try await session.call(
        "downloadTaskOutput", [.int(Int64(task)), .string("openshift-incremental.log")],
        keywords: [XMLRPCMember("offset", .int(Int64(offset))), XMLRPCMember("size", .int(Int64(chunkSize)))])
      let data: Data
      switch reply {
      case .base64(let bytes): data = bytes
      case .string(let text): data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) ?? Data()
      default: data = Data()
      }
      if data.isEmpty { break }
      offset += data.count
      for line in splitter.lines(in: data) { scan(line) }
    }
    if let rest = splitter.finish() { scan(rest) }
    return found
  }
}
