import ArgumentParser

/// The `-o` formats that mean something for a command: its help and completions offer these, and any
/// other is refused with exit 64 before the command runs, as kubectl refuses an output format a command
/// does not print. A command names its set in the type of its `-o` option (`OutputOptions<StreamFormats>`),
/// so its help, completions and refusal read the one list.
protocol OutputFormatSet: Sendable {
  static var formats: [OutputFormat] { get }
}

/// Results with a table, wide columns, JSON, YAML and resource names.
enum EveryFormat: OutputFormatSet {
  static let formats = OutputFormat.allCases
}

/// Streams print events as they happen: there is no table to widen and no resource list to name.
enum StreamFormats: OutputFormatSet {
  static let formats: [OutputFormat] = [.table, .json, .yaml]
}

/// Results whose table has no wide columns.
enum NoWideFormats: OutputFormatSet {
  static let formats: [OutputFormat] = [.table, .json, .yaml, .name]
}

/// One `-o` value. Any format parses, so that one outside `Formats` is refused by `OutputOptions` with a
/// message naming those the command has; help and completions list only `Formats`.
struct OutputFormatArgument<Formats: OutputFormatSet>: ExpressibleByArgument, Sendable {
  let format: OutputFormat

  init(_ format: OutputFormat) { self.format = format }

  init?(argument: String) {
    guard let format = OutputFormat(rawValue: argument) else { return nil }
    self.format = format
  }

  var defaultValueDescription: String { format.rawValue }
  static var allValueStrings: [String] { Formats.formats.map(\.rawValue) }
  static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// `-o/--output` for commands that print resources, offering the formats of `Formats`.
struct OutputOptions<Formats: OutputFormatSet>: ParsableArguments {
  @Option(name: [.short, .long], help: ArgumentHelp("Output format: \(Self.formatList)."))
  var output: OutputFormatArgument<Formats> = .init(.table)

  var format: OutputFormat { output.format }

  /// "table, json or yaml".
  static var formatList: String {
    // Built on every run (the `-o` option's help is made with the command), so without the generic
    // `joined(separator:)`, which costs ~0.35 M instructions unspecialised.
    let names = Formats.formats
    var list = ""
    for (index, format) in names.enumerated() {
      if index > 0 { list += index == names.count - 1 ? " or " : ", " }
      list += format.rawValue
    }
    return list
  }

  /// Why `-o` is refused (naming the formats the command has), or nil when the command has that format.
  var refusal: String? {
    guard !Formats.formats.contains(format) else { return nil }
    let names = Formats.formats.map(\.rawValue).joined(separator: ", ")
    return "this command has no -o \(format.rawValue) output; use one of: \(names)"
  }
}

/// Every format shown: the groups of the completion tree, and the option table of `GlobalOptionPlacement`.
typealias EveryOutputFormat = OutputOptions<EveryFormat>
