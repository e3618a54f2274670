import ArgumentParser
import Foundation
import OSBSKit

struct ConfigCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config", abstract: "Show the resolved configuration.", subcommands: [ConfigViewCommand.self]
  )
}

struct ConfigViewCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "view",
    abstract: "Print every resolved setting and the file (and line), flag or variable it came from.",
    discussion: discussion(
      """
      Sources, highest precedence first: flags, the osbsctl profile, environment variables, user files, \
      system files, built-in defaults. Passwords, tokens and key material are shown as [REDACTED].
      """,
      examples: [
        HelpExample(
          "Every resolved setting and where it came from",
          "osbsctl config view"),
        HelpExample(
          "Another profile, as JSON",
          "osbsctl config view -p staging -o json"),
      ]))

  @OptionGroup var output: OutputOptions<NoWideFormats>
  @OptionGroup var globals: GlobalOptions<UsesKojiAndCluster>

  /// It shows the settings and talks to no server.
  static func transfers(_ arguments: [String]) -> Bool { false }

  var onlyReadsLocalFiles: Bool { true }

  nonisolated(nonsending) func execute(_ context: CommandContext) async throws -> Int32 {
    let settings = try context.services(globals).settings()
    try context.renderer(output).render(settings)
    return ExitStatus.success
  }
}

extension ConfigViewCommand: DirectlyReadArguments {
  static var directOptions: [DirectOption] {
    OutputOptions<NoWideFormats>.directOptions + GlobalOptions<UsesKojiAndCluster>.directOptions
  }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    output = try words.group()
    globals = try words.group()
  }
}

extension ResolvedSettings: TablePresentable {
  static func columns(wide: Bool) -> [String] { ["setting", "value", "source"] }

  func rows(wide: Bool) -> [[String]] {
    guard let tree = try? JSONTreeEncoder().encode(self) else { return [] }
    var rows: [[String]] = []
    SettingsFlattener.flatten(tree, path: "", into: &rows)
    return rows
  }

  var resourceNames: [String] { profile.map { ["profile/\($0.value)"] } ?? [] }
}

/// Turns the nested settings into `section.key  value  source` rows: a `{value, source}` object is one
/// setting, anything else is walked into.
enum SettingsFlattener {
  static func flatten(_ tree: JSONTree, path: String, into rows: inout [[String]]) {
    switch tree {
    case .object(let members):
      if let value = members["value"], let source = members["source"], members.count == 2,
        case .string(let sourceText) = source
      {
        rows.append([path, text(value), sourceText])
        return
      }
      for key in members.keys.sorted() {
        flatten(members[key]!, path: path.isEmpty ? key : "\(path).\(key)", into: &rows)
      }
    case .array(let values) where values.contains(where: { if case .object = $0 { true } else { false } }):
      for (index, value) in values.enumerated() { flatten(value, path: "\(path)[\(index)]", into: &rows) }
    default:
      rows.append([path, text(tree), "-"])
    }
  }

  static func text(_ tree: JSONTree) -> String {
    switch tree {
    case .null: "-"
    case .bool(let flag): flag ? "true" : "false"
    case .int(let number): String(number)
    case .double(let number): String(number)
    case .string(let value): value.isEmpty ? "-" : value
    case .array(let values): values.isEmpty ? "-" : values.map(text).joinedText(separator: ", ")
    case .object(let members):
      members.keys.sorted().map { "\($0)=\(text(members[$0]!))" }.joinedText(separator: ", ")
    }
  }
}
