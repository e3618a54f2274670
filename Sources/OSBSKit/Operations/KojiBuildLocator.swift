import Foundation

/// Finds the OpenShift build behind a Koji task, the way the runbook does it by hand, in order of
/// trust: the `koji-task-id` label (on the task or a child task), the `openshift_build_selflink` line of
/// the task's `openshift-incremental.log`, then the `OSBS build id:` text of the task's fault.
public struct KojiBuildLocator: Sendable {
  public let client: OpenShiftClient
  public let scope: NamespaceScope
  /// Opened only when the labels don't answer, so a cluster-only lookup needs no Koji configuration.
  private let openSession: @Sendable () async throws -> KojiSession

  public init(
    client: OpenShiftClient, scope: NamespaceScope,
    kojiSession: @escaping @Sendable () async throws -> KojiSession
  ) {
    self.client = client
    self.scope = scope
    self.openSession = kojiSession
  }

  /// The builds of `task`; `names` is empty when no source names one (source `none`).
  public func locate(task: Int) async throws -> BuildForTaskReport {
    let labelled = try await client.builds(forKojiTask: task, in: scope)
    if !labelled.isEmpty { return Self.labelled(task: task, labelled) }
    let session = try await openSession()
    let children = try await session.call("getTaskChildren", [.int(Int64(task))]).arrayValue ?? []
    let childIDs = children.compactMap { child in child["id"]?.intValue.map { Int($0) } }
    for child in childIDs {
      let builds = try await client.builds(forKojiTask: child, in: scope)
      if !builds.isEmpty { return Self.labelled(task: task, builds) }
    }
    let tree = [task] + childIDs
    for id in tree {
      if let name = try await selfLinkBuild(task: id, session: session) {
        return try await report(task: task, source: "selflink", name: name)
      }
    }
    for id in tree {
      let result = try await session.call(
        "getTaskResult", [.int(Int64(id))], keywords: [XMLRPCMember("raise_fault", false)])
      if let fault = result["faultString"]?.stringValue, let name = Self.match(Self.faultPattern, in: fault) {
        return try await report(task: task, source: "fault", name: name)
      }
    }
    return BuildForTaskReport(task: task, source: "none", names: [], builds: [])
  }

  private static func labelled(task: Int, _ builds: [Build]) -> BuildForTaskReport {
    BuildForTaskReport(
      task: task, source: "label", names: builds.map(\.metadata.name), builds: builds.map { BuildSummary($0) }
    )
  }

  /// A build named by the task may since have been pruned; the name still answers the question.
  private func report(task: Int, source: String, name: String) async throws -> BuildForTaskReport {
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

  /// The build named by the last selflink line of the task's openshift-incremental.log, read in chunks
  /// so a huge log never sits in memory whole.
  private func selfLinkBuild(task: Int, session: KojiSession) async throws -> String? {
    let files = try await session.call("listTaskOutput", [.int(Int64(task))]).arrayValue ?? []
    guard files.contains(where: { $0.stringValue == "openshift-incremental.log" }) else { return nil }
    var offset = 0
    var splitter = LineSplitter()
    var found: String?
    let chunkSize = 1 << 20
    func scan(_ line: Data) {
      guard line.count < 1 << 20 else { return }
      let text = String(decoding: line, as: UTF8.self)
      guard text.contains("openshift_build_selflink"), let link = Self.match(Self.selfLinkPattern, in: text)
      else { return }
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
