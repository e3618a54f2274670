import ArgumentParser
import OSBSKit

/// The few argument vectors answered without parsing: `osbsctl --help` and `osbsctl version`, with or
/// without `--client` and with at most one `-o FORMAT`.
///
/// Parsing any command line costs swift-argument-parser ~15–23 M instructions: it reflects over the
/// command types with `Mirror`, parses twice more for its `--generate-completion-script` flag, and the
/// first cast of each (type, protocol) pair makes the Swift runtime scan all ~8,400 protocol-conformance
/// records of the binary (bench/README.md, "Profiles"). That is most of these commands' start-up, and
/// scripts and people run them to ask what the tool is. Only a vector that could mean nothing else takes
/// this path; every other one, including any extra word, help flag or unknown format, goes to the
/// parser, which stays the only judge of errors.
enum StartupFastPath: Equatable {
  case rootHelp
  /// `client`: only osbsctl's own version, without loading libcurl to ask for its version.
  case version(client: Bool, OutputFormat)

  /// The request `arguments` (without the program name) make, when it is one this path answers.
  init?(_ arguments: [String]) {
    if arguments == ["--help"] || arguments == ["-h"] {
      self = .rootHelp
      return
    }
    guard arguments.first == "version" else { return nil }
    var client = false
    var format: OutputFormat?
    var rest = arguments.dropFirst()[...]
    while let word = rest.popFirst() {
      switch word {
      case "--client" where !client:
        client = true
      case "-o", "--output":
        guard format == nil, let value = rest.popFirst(), let named = OutputFormat(rawValue: value) else {
          return nil
        }
        format = named
      default:
        return nil
      }
    }
    self = .version(client: client, format ?? .table)
  }

  /// Writes what the parser's way prints: the root's help screen as ArgumentParser prints it for
  /// `--help` (same generator, terminal width and trailing newline), or `VersionCommand`'s report
  /// through the same renderer.
  func answer<Root: ParsableCommand>(root: Root.Type) throws {
    switch self {
    case .rootHelp:
      print(root.helpMessage())
    case .version(let client, let format):
      // The environment only decides colour on stderr, and this answer writes nothing there: reading it
      // (`ProcessInfo.environment`, ~0.9 M instructions) would be a third of `--client`'s cost.
      let console = Console(
        colorMode: .never, structuredErrors: format == .json || format == .yaml, environment: [:])
      try ResultRenderer(format: format, console: console)
        .render(VersionCommand.report(client: client))
    }
  }
}
