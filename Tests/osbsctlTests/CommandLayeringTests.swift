import Foundation
import OSBSKit
import Testing

/// The CLI parses flags, calls OSBSKit and renders: it never speaks a wire protocol itself. These scans
/// keep XML-RPC calls, Koji method names and URL building out of `Sources/OSBSCtlCLI` (the commands) and
/// `Sources/osbsctl` (their entry point).
@Suite("Command layering")
struct CommandLayeringTests {
  /// A line of CLI source that does a library's job.
  struct Offence: CustomStringConvertible, Equatable {
    var file: String
    var line: Int
    var pattern: String

    var description: String { "\(file):\(line): \(pattern)" }
  }

  /// What the CLI may not contain, each with the reason it would be there.
  static let forbiddenPatterns: [String] =
    [
      // Building or reading XML-RPC (XMLRPCCall, XMLRPCValue["…"], XMLRPCMember): KojiClient's job.
      "XMLRPC", "multiCall(", "\"faultCode\"", "\"faultString\"", "\"krb_principal\"",
      // Building URLs and API paths: the OSBSKit clients' job.
      "URL(string", "URLComponents", "/api/", "/apis/",
    ] + KojiMethod.allCases.map { "\"\($0.rawValue)\"" }

  static func offences(in text: String, file: String) -> [Offence] {
    text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap { index, line in
      forbiddenPatterns.filter { line.contains($0) }.map {
        Offence(file: file, line: index + 1, pattern: $0)
      }
    }
  }

  static func cliSources() throws -> [URL] {
    try ["Sources/OSBSCtlCLI", "Sources/osbsctl"].flatMap { folder in
      let root = CLI.packageRoot.appendingPathComponent(folder)
      let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
        .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
      return try #require(files, "cannot list \(root.path)")
    }
  }

  @Test func noCommandSpeaksXMLRPCOrBuildsURLs() throws {
    let files = try Self.cliSources()
    // The scan must see the commands, or an empty listing would pass.
    #expect(files.contains { $0.lastPathComponent == "TaskInfoCommand.swift" })
    #expect(files.count > 20)
    let offences = try files.flatMap { url in
      Self.offences(
        in: try String(contentsOf: url, encoding: .utf8),
        file: url.path.replacingOccurrences(of: CLI.packageRoot.path + "/", with: ""))
    }
    #expect(offences.isEmpty, "\(offences.map(\.description).joined(separator: "\n"))")
  }

  /// Each kind of offence the scan exists for is caught (the lines are what the commands used to hold).
  @Test(arguments: [
    (#"let call = XMLRPCCall("getTaskInfo", [id])"#, "XMLRPC"),
    (#"try await session.multiCall(lookups)"#, "multiCall("),
    (#"kerberosPrincipal: user["krb_principal"]?.stringValue,"#, "\"krb_principal\""),
    (#"try await session.call("getTaskResult", [.int(Int64(taskID))])"#, "\"getTaskResult\""),
    (#"let url = URL(string: base + "/apis/build.openshift.io/v1")"#, "URL(string"),
    (#"var components = URLComponents()"#, "URLComponents"),
    (#"path: "/api/v1/nodes/" + name"#, "/api/"),
  ])
  func theScanCatches(line: String, pattern: String) {
    let offences = Self.offences(in: "import OSBSKit\n" + line, file: "Sample.swift")
    #expect(offences.contains(Offence(file: "Sample.swift", line: 2, pattern: pattern)))
  }

  /// The scan forbids the names in `KojiMethod`, so that list must hold every hub method OSBSKit calls.
  @Test func theMethodListHoldsEveryMethodTheLibraryCalls() throws {
    let root = CLI.packageRoot.appendingPathComponent("Sources/OSBSKit")
    let files = try #require(
      FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
        .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" })
    let call = try Regex(#"(?:XMLRPCCall|\.call)\(\s*"([A-Za-z.]+)""#)
    var called: Set<String> = []
    for url in files {
      let text = try String(contentsOf: url, encoding: .utf8)
      for match in text.matches(of: call) {
        if let name = match.output[1].substring { called.insert(String(name)) }
      }
    }
    #expect(called.contains("getTaskInfo"))
    let listed = Set(KojiMethod.allCases.map(\.rawValue))
    #expect(called.subtracting(listed).isEmpty, "not in KojiMethod: \(called.subtracting(listed).sorted())")
  }

  /// Commands render; the renderer and the printers of Sources/OSBSCtlCLI/Output decide what each format
  /// shows (issue 13, item 5). A file listed here may keep that many format checks, no more.
  static let formatBranchesLeft: [String: Int] = [:]

  @Test func commandsDoNotBranchOnTheOutputFormat() throws {
    let commands = try Self.cliSources().filter {
      $0.deletingLastPathComponent().lastPathComponent == "Commands"
    }
    #expect(commands.count > 20)
    let branch = try Regex(#"isStructured|renderer\.format|output\.output|format\s*[!=]=\s*\."#)
    var counts: [String: Int] = [:]
    for url in commands {
      let text = try String(contentsOf: url, encoding: .utf8)
      let found = text.matches(of: branch).count
      if found > 0 { counts[url.lastPathComponent] = found }
    }
    #expect(counts == Self.formatBranchesLeft)
  }
}
