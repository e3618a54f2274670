import ArgumentParser
import Foundation

/// The names of options as the argument parser itself describes them (its JSON description of the
/// arguments, the one `--experimental-dump-help` prints), so that options declared once, as in
/// `GlobalOptions`, need no second list.
enum OptionNames {
  /// Every spelling (`-p`, `--profile`) of the options and flags of `arguments`, and whether it takes a
  /// value. The help flag the parser adds to everything is left out.
  static func takingValues(in arguments: any ParsableArguments.Type) -> [String: Bool] {
    var table: [String: Bool] = [:]
    for argument in description(of: arguments)?.arguments ?? [] where !argument.isHelp {
      for name in argument.spellings { table[name] = argument.takesValue }
    }
    return table
  }

  /// The long options (`--kubeconfig`) anywhere in `command`'s tree that take a value, leaving out any
  /// name that is a flag somewhere.
  static func longOptionsTakingValues(in command: any ParsableCommand.Type) -> Set<String> {
    var options: Set<String> = []
    var flags: Set<String> = []
    var pending = description(of: command).map { [$0] } ?? []
    while let next = pending.popLast() {
      for argument in next.arguments ?? [] where argument.kind != "positional" {
        let long = argument.spellings.filter { $0.hasPrefix("--") }
        if argument.takesValue { options.formUnion(long) } else { flags.formUnion(long) }
      }
      pending += next.subcommands ?? []
    }
    return options.subtracting(flags)
  }

  private static func description(of arguments: any ParsableArguments.Type) -> Command? {
    try? JSONDecoder().decode(ToolDescription.self, from: Data(arguments._dumpHelp().utf8)).command
  }

  private struct ToolDescription: Decodable {
    var command: Command
  }

  private struct Command: Decodable {
    var arguments: [Argument]?
    var subcommands: [Command]?
  }

  private struct Argument: Decodable {
    /// `option`, `flag` or `positional`.
    var kind: String
    var names: [Name]?

    var takesValue: Bool { kind == "option" }
    var spellings: [String] { (names ?? []).map { $0.kind == "long" ? "--" + $0.name : "-" + $0.name } }
    var isHelp: Bool { (names ?? []).contains { $0.kind == "long" && $0.name == "help" } }
  }

  private struct Name: Decodable {
    /// `short`, `long` or `longWithSingleDash`.
    var kind: String
    var name: String
  }
}
