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
    /// Positional words every line gives (a leaf with an `@Argument`), except a line with an option that
    /// stands instead of them.
    var positionals: [String] = []
    var insteadOfPositionals: Set<String> = []
    var testDescription: String { path.joined(separator: " ") }

    func words(_ options: [String]) -> [String] {
      let names = options.map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? $0 }
      return path + options + (names.contains(where: insteadOfPositionals.contains) ? [] : positionals)
    }
  }

  static let leaves = [
    Leaf(path: ["config", "view"], type: ConfigViewCommand.self),
    Leaf(path: ["ovs", "check"], type: OVSCheckCommand.self),
    Leaf(path: ["ovs", "flows"], type: OVSFlowsCommand.self),
    Leaf(
      path: ["node", "cordon"], type: NodeCordonCommand.self, positionals: ["node-1", "node-2"],
      insteadOfPositionals: ["--selector", "-l"]),
    Leaf(
      path: ["node", "uncordon"], type: NodeUncordonCommand.self, positionals: ["node-1"],
      insteadOfPositionals: ["--selector", "-l"]),
  ]

  /// `DirectCommandLine.leaves` (found by identity, not by a cast) is every leaf that reads directly.
  @Test func theDirectLeavesAreListedWhereTheyAreLookedUp() {
    let conforming = CommandHelpShapeTests.leaves().filter { $0.type is any DirectlyReadArguments.Type }
    #expect(
      Set(conforming.map { ObjectIdentifier($0.type) })
        == Set(DirectCommandLine.leaves.map(ObjectIdentifier.init)))
    #expect(Set(conforming.map(\.path)) == Set(Self.leaves.map(\.path)))
    for leaf in CommandHelpShapeTests.leaves() {
      #expect(
        (DirectCommandLine.leaf(leaf.type) != nil) == (leaf.type is any DirectlyReadArguments.Type), "\(leaf)"
      )
    }
  }

  /// Options left out of the all-at-once line: they may not go with another one there.
  static let notTogether: Set<String> = ["--pods-json", "--selector", "--dry-run"]

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
      let arguments = leaf.words(line)
      let direct = try #require(Self.direct(arguments), "\(arguments) went to the parser")
      #expect(direct == Self.parsed(arguments), "\(arguments)")
    }
  }

  /// Every option at once, forwards and backwards, minus those that may not go together.
  @Test(arguments: leaves)
  func allOptionsTogetherAreReadAsTheParserReadsThem(leaf: Leaf) throws {
    let options = leaf.type.directOptions.filter { !Self.notTogether.contains($0.spellings[0]) }
    let words = options.map { option in
      option.takesValue ? [option.spellings[0], Self.value(for: option)] : [option.spellings[0]]
    }
    for order in [words, words.reversed()] {
      let arguments = leaf.words(order.flatMap { $0 })
      let direct = try #require(Self.direct(arguments), "\(arguments) went to the parser")
      #expect(direct == Self.parsed(arguments), "\(arguments)")
      #expect(direct.contains("word-1"))
    }
  }

  /// Names before, between and after options, as the parser takes them, in their order.
  @Test func positionalWordsAmongTheOptionsKeepTheirOrder() throws {
    for arguments in [
      ["node", "cordon", "b-node", "--confirm", "a-node", "-o", "json", "c-node"],
      ["node", "uncordon", "--kubeconfig", "kc", "z-node", "-y", "a-node"],
    ] {
      let direct = try #require(Self.direct(arguments), "\(arguments) went to the parser")
      #expect(direct == Self.parsed(arguments), "\(arguments)")
    }
    let command = try #require(
      DirectCommandLine.command(["node", "cordon", "b", "--confirm", "a"], root: OSBSCtl.self)
        as? NodeCordonCommand)
    #expect(command.selection.names == ["b", "a"])
    #expect(command.confirmation.confirm)
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
    ["node", "cordon"],
    ["node", "cordon", "-l", "role=build", "node-1"],
    ["node", "cordon", "node-1", "--confirm", "--dry-run"],
    ["node", "cordon", "--", "node-1"],
    ["node", "cordon", "-node-1"],
    ["node", "cordon", "node-1", "-yq"],
    ["node", "uncordon", "node-1", "--confirm", "--confirm"],
    ["node", "drain", "node-1"],
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
      ["node", "cordon", "node-1", "-o", "wide"],
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
