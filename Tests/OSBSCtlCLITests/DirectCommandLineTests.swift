import ArgumentParser
import Testing

@testable import OSBSCtlCLI

/// `DirectCommandLine` builds a few leaves without the argument parser. Whatever it builds must be the
/// value the parser builds from the same words, every property included (a property it forgot would be
/// left in the parser's definition state and show so in the dump), and whatever it cannot read exactly
/// so it leaves to the parser.
@Suite("Local leaves read without the argument parser, exactly as the parser reads them")
struct DirectCommandLineTests {
  struct Leaf: CustomTestStringConvertible, Sendable {
    let path: [String]
    let type: any (OSBSCtlCommand & DirectlyReadArguments).Type
    var testDescription: String { path.joined(separator: " ") }
  }

  static let leaves = [
    Leaf(path: ["config", "view"], type: ConfigViewCommand.self),
    Leaf(path: ["ovs", "check"], type: OVSCheckCommand.self),
    Leaf(path: ["ovs", "flows"], type: OVSFlowsCommand.self),
  ]

  /// A value each option takes; any other option takes any word.
  static let values = ["--color": "never", "--output": "yaml", "--table": "7"]

  static func value(for option: DirectOption) -> String { values[option.spellings[0]] ?? "word-1" }

  /// Everything the value holds, wrapped values and their state included, except an option group's
  /// visibility: help-only, kept from its declaration in a directly built group and reset to the default
  /// in one the parser decodes.
  static func contents(_ command: some Any) -> String {
    var text = ""
    dump(command, to: &text)
    var lines: [Substring] = []
    var skipsBase = false
    for line in text.split(separator: "\n") {
      if line.hasSuffix("_visibility: ArgumentParser.ArgumentVisibility") {
        skipsBase = true
      } else if skipsBase, line.contains("- base: ArgumentParser.ArgumentVisibility.Representation.") {
        skipsBase = false
      } else {
        lines.append(line)
      }
    }
    return lines.joined(separator: "\n")
  }

  /// The parser's reading, or nil where it refuses the words.
  static func parsed(_ arguments: [String]) -> String? {
    (try? OSBSCtl.parseAsRoot(arguments)).map { contents($0) }
  }

  static func direct(_ arguments: [String]) -> String? {
    DirectCommandLine.command(arguments, root: OSBSCtl.self).map { contents($0) }
  }

  @Test(arguments: leaves)
  func theDirectOptionsAreThoseTheParserDescribes(leaf: Leaf) {
    var direct: [String: Bool] = [:]
    for option in leaf.type.directOptions {
      for spelling in option.spellings {
        #expect(direct[spelling] == nil, "\(spelling) listed twice")
        direct[spelling] = option.takesValue
      }
    }
    #expect(direct == OptionNames.takingValues(in: leaf.type))
  }

  /// No options, then each option alone in each of its spellings, with the value apart and (long
  /// names) attached with `=`.
  @Test(arguments: leaves)
  func eachOptionIsReadAsTheParserReadsIt(leaf: Leaf) throws {
    var lines: [[String]] = [[]]
    for option in leaf.type.directOptions {
      for spelling in option.spellings {
        guard option.takesValue else {
          lines.append([spelling])
          continue
        }
        lines.append([spelling, Self.value(for: option)])
        if spelling.hasPrefix("--") { lines.append([spelling + "=" + Self.value(for: option)]) }
      }
    }
    for line in lines {
      let arguments = leaf.path + line
      let direct = try #require(Self.direct(arguments), "\(arguments) went to the parser")
      #expect(direct == Self.parsed(arguments), "\(arguments)")
    }
  }

  /// Every option at once, forwards and backwards, minus those that may not go together.
  @Test(arguments: leaves)
  func allOptionsTogetherAreReadAsTheParserReadsThem(leaf: Leaf) throws {
    let options = leaf.type.directOptions.filter { $0.spellings[0] != "--pods-json" }
    let words = options.map { option in
      option.takesValue ? [option.spellings[0], Self.value(for: option)] : [option.spellings[0]]
    }
    for order in [words, words.reversed()] {
      let arguments = leaf.path + order.flatMap { $0 }
      let direct = try #require(Self.direct(arguments), "\(arguments) went to the parser")
      #expect(direct == Self.parsed(arguments), "\(arguments)")
      #expect(direct.contains("word-1"))
    }
  }

  @Test func aLoneDashIsTheValueStdin() throws {
    let arguments = ["ovs", "check", "--from", "-", "--pods-from", "pods.json"]
    let direct = try #require(Self.direct(arguments))
    #expect(direct == Self.parsed(arguments))
  }

  /// Help, repeats, unknown words, values the option refuses, attached short values, failed validation,
  /// and every leaf not read directly: all the parser's.
  @Test(arguments: [
    ["config", "view", "--help"],
    ["config", "view", "-h"],
    ["config", "view", "--version"],
    ["config", "view", "--generate-completion-script", "bash"],
    ["config", "view", "-o", "json", "-o", "yaml"],
    ["config", "view", "--debug", "--debug"],
    ["config", "view", "-p", "a", "--profile", "b"],
    ["config", "view", "--unknown"],
    ["config", "view", "extra"],
    ["config", "view", "--"],
    ["config", "view", "--color", "purple"],
    ["config", "view", "-o", "xml"],
    ["config", "view", "-ojson"],
    ["config", "view", "-qp", "a"],
    ["config", "view", "--debug=yes"],
    ["config", "view", "--profile"],
    ["config", "view", "--profile="],
    ["config", "view", "--profile", "--debug"],
    ["config", "view", "--request-timeout", "-5"],
    ["ovs", "flows", "--table", "300"],
    ["ovs", "flows", "--table", "x"],
    ["ovs", "check", "--pods-from", "pods.json", "--pods-json", "{}"],
    ["ovs", "check", "--from", "-", "--pods-from", "-"],
    ["ovs", "fix", "--from", "dump.txt"],
    ["node", "cordon", "node-1"],
    ["version"],
    ["config"],
    ["help", "config", "view"],
    ["nonsense"],
    [],
  ])
  func everyOtherCommandLineGoesToTheParser(arguments: [String]) {
    #expect(Self.direct(arguments) == nil)
  }

  /// Those the parser refuses are refused either way: nothing the parser would stop runs directly.
  @Test func whatTheDirectReaderBuildsTheParserAccepts() {
    let lines = [
      ["config", "view", "-o", "wide"],
      ["ovs", "flows", "--table", "0"],
      ["ovs", "check", "--pods-json", "{}"],
    ]
    for arguments in lines {
      #expect(Self.direct(arguments) != nil, "\(arguments)")
      #expect(Self.direct(arguments) == Self.parsed(arguments), "\(arguments)")
    }
  }

  /// The run path reads a leaf's `-o` through `OSBSCtlCommand` without casting to the output protocol: each
  /// leaf with `-o` must answer it there, and the others nil.
  @Test(arguments: CommandHelpShapeTests.leaves())
  func everyLeafTellsItsOutputFormatWithoutACast(leaf: CommandHelpShapeTests.Leaf) throws {
    func declared<Command: OSBSCtlOutputCommand>(_ command: Command) -> (OutputFormat, String?) {
      (command.output.format, command.output.refusal)
    }
    let parsed = try OSBSCtl.parseAsRoot(leaf.sample)
    let command = try #require(parsed as? any OSBSCtlCommand, "\(leaf)")
    if let output = parsed as? any OSBSCtlOutputCommand {
      let (format, refusal) = declared(output)
      #expect(command.outputFormat == format, "\(leaf)")
      #expect(command.refusedOutputFormat == refusal, "\(leaf)")
      // And a format other than the default, refused or not.
      let wide = try #require(
        try OSBSCtl.parseAsRoot(leaf.sample + ["-o", "wide"]) as? any OSBSCtlOutputCommand)
      #expect(wide.outputFormat == .wide, "\(leaf)")
      #expect(wide.refusedOutputFormat == declared(wide).1, "\(leaf)")
    } else {
      #expect(command.outputFormat == nil, "\(leaf)")
      #expect(command.refusedOutputFormat == nil, "\(leaf)")
    }
  }
}
