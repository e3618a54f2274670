import ArgumentParser

/// Lets global options stand anywhere, as kubectl's do: `osbsctl -o json task info 1`,
/// `osbsctl --debug version`, `osbsctl --kubeconfig K node list`.
///
/// The argument parser only knows options where the command that declares them is named, and every
/// leaf declares the global ones, so options found before the leaf is reached are moved to just after
/// it. A word that names no subcommand where one is expected is a typo: it gets "did you mean".
enum GlobalOptionPlacement {
  /// Options every leaf accepts (`GlobalOptions`, and `OutputOptions` on every leaf that prints), and
  /// whether each takes a value.
  static let globalOptions: [String: Bool] = OptionNames.takingValues(in: EveryGlobalOption.self)
    .merging(OptionNames.takingValues(in: EveryOutputFormat.self)) { first, _ in first }

  enum Outcome {
    /// The words in the parser's order, and the command the walk reached (the leaf, unless a word that
    /// names no subcommand, `help` or `--` stopped it before).
    case arguments([String], command: any ParsableCommand.Type)
    /// A word where a subcommand belongs that names none: the message, with a suggestion if one is near.
    case unknownCommand(String)
  }

  /// The words that ask for a command's help.
  static let helpFlags: Set<String> = ["-h", "--help"]
  /// The parser's own flags: never global options, and answering them needs no option table.
  static let parserFlags: Set<String> = helpFlags.union(["--version"])

  /// `globalOptions` is built from the parser's description of the option groups, which costs more than
  /// the rest of a short command's start-up; the loop consults it only for an option word standing
  /// before the leaf, so `osbsctl version` and `osbsctl ovs check --from F` never build it.
  static func arrange(_ arguments: [String], root: any ParsableCommand.Type) -> Outcome {
    var path: [String] = []
    var hoisted: [String] = []
    var command = root
    var index = 0
    while index < arguments.count {
      let token = arguments[index]
      if token == "--" { break }
      let children = command.configuration.subcommands
      // At the leaf every word already stands where the parser reads it: there is nothing to move.
      if children.isEmpty { break }
      if token.hasPrefix("-") {
        if parserFlags.contains(token) { break }
        let name = token.split(separator: "=", maxSplits: 1).first.map(String.init) ?? token
        guard let takesValue = globalOptions[name] else { break }
        hoisted.append(token)
        if takesValue && !token.contains("="), index + 1 < arguments.count {
          hoisted.append(arguments[index + 1])
          index += 1
        }
        index += 1
        continue
      }
      if let child = children.first(where: { names(of: $0).contains(token) }) {
        path.append(token)
        command = child
        index += 1
        continue
      }
      if token == "help" {
        // `help X Y` is `X Y --help`, so a word in it that names no command is refused as a mistyped
        // command is (the parser's own `help` showed the parent's help and exited 0). `help` alone is
        // left to the parser.
        let rest = arguments[(index + 1)...]
        if rest.isEmpty { break }
        return arrange(hoisted + path + rest + ["--help"], root: root)
      }
      let known = children.filter { $0.configuration.shouldDisplay }.flatMap { names(of: $0) }
      let parent = (["osbsctl"] + path).joined(separator: " ")
      var message = "unknown command '\(token)' for '\(parent)'"
      if let nearest = nearest(to: token, among: known) { message += ". Did you mean '\(nearest)'?" }
      message += " (see `\(parent) --help`)"
      return .unknownCommand(message)
    }
    return .arguments(path + hoisted + arguments[index...], command: command)
  }

  static func names(of command: any ParsableCommand.Type) -> [String] {
    let configuration = command.configuration
    let name = configuration.commandName ?? String(describing: command).lowercased()
    return [name] + configuration.aliases
  }

  /// The known name closest to `word`: a prefix of it, or within two edits.
  static func nearest(to word: String, among names: [String]) -> String? {
    if let prefixed = names.first(where: { $0.hasPrefix(word) && word.count >= 2 }) { return prefixed }
    let scored = names.map { ($0, distance(word, $0)) }.filter { $0.1 <= 2 }
    return scored.min { $0.1 < $1.1 }?.0
  }

  /// Levenshtein distance.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
