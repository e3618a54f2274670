import ArgumentParser
import Foundation

/// The names of a set of options as the argument parser itself describes them (its JSON description of
/// the arguments, the one `--experimental-dump-help` prints), so that the options declared once in
/// `GlobalOptions` are the only list of them.
enum OptionNames {
  /// Every spelling (`-p`, `--profile`) of the options and flags of `arguments`, and whether it takes a
  /// value. The help flag the parser adds to everything is left out.
  static func takingValues(in arguments: any ParsableArguments.Type) -> [String: Bool] {
    guard
      let description = try? JSONDecoder().decode(Description.self, from: Data(arguments._dumpHelp().utf8))
    else { return [:] }
    var table: [String: Bool] = [:]
    for argument in description.command.arguments ?? [] where argument.kind != "positional" {
      let names = argument.names ?? []
      guard !names.contains(where: { $0.kind == "long" && $0.name == "help" }) else { continue }
      for name in names {
        table[name.kind == "long" ? "--" + name.name : "-" + name.name] = argument.kind == "option"
      }
    }
    return table
  }

  private struct Description: Decodable {
    struct Command: Decodable { var arguments: [Argument]? }
    struct Argument: Decodable {
      var kind: String
      var names: [Name]?
    }
    struct Name: Decodable {
      /// `short`, `long` or `longWithSingleDash`.
      var kind: String
      var name: String
    }
    var command: Command
  }
}
