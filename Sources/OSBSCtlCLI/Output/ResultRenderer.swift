import Foundation
import OSBSKit
import Yams

/// How a result type shows as a table and as `-o name`; its JSON/YAML form is its Codable shape.
protocol TablePresentable {
  static func columns(wide: Bool) -> [String]
  func rows(wide: Bool) -> [[String]]
  /// `kind/name` lines for `-o name`.
  var resourceNames: [String] { get }
}

/// Lines a table shows under itself (a failed build's message and log snippet); never in JSON.
protocol TableFootnotes {
  var footnotes: [String] { get }
}

enum ResultEncoding {
  static func json<T: Encodable>(_ value: T, pretty: Bool) throws -> Data {
    try ReportJSON.data(value, pretty: pretty)
  }

  static func yaml<T: Encodable>(_ value: T) throws -> String {
    // The JSON form's tree, so YAML shows exactly the same keys and time format as JSON.
    let tree = try JSONTreeEncoder().encode(value)
    let text = try Yams.serialize(node: tree.yamlNode)
    return text.hasSuffix("\n") ? text : text + "\n"
  }
}

extension JSONTree {
  var yamlNode: Yams.Node {
    switch self {
    case .null: return Yams.Node("null")
    case .bool(let value): return Yams.Node(value ? "true" : "false")
    case .int(let value): return Yams.Node(String(value))
    case .double(let value): return Yams.Node(String(value))
    case .string(let value):
      return Yams.Node(value, .implicit, Self.needsQuoting(value) ? .doubleQuoted : .any)
    case .array(let values): return Yams.Node(values.map(\.yamlNode))
    case .object(let members):
      return Yams.Node(members.keys.sorted().map { (Yams.Node($0), members[$0]!.yamlNode) })
    }
  }

  /// Strings that YAML would otherwise read back as another type (true, 1, null, dates) keep quotes.
  private static func needsQuoting(_ value: String) -> Bool {
    value.isEmpty || Resolver.default.resolveTag(of: Yams.Node(value)) != .str
  }
}

struct ResultRenderer: Sendable {
  let format: OutputFormat
  let console: Console

  /// JSON or YAML: a script is reading, so no human decoration.
  var isStructured: Bool { format == .json || format == .yaml }

  /// The whole document reaches stdout before the command says anything more on stderr. In table and
  /// wide format a `HumanPresentation` adds what it says to a person around the table.
  func render<T: Encodable & TablePresentable>(_ value: T) throws {
    defer { console.stdout.flush() }
    let human = value as? any HumanPresentation
    if !isStructured, let message = human?.emptyMessage {
      console.message(message)
      return
    }
    switch format {
    case .json:
      let data = try ResultEncoding.json(value, pretty: true)
      console.stdout.write(data)
      console.output("\n")
    case .yaml:
      console.output(try ResultEncoding.yaml(value))
    case .name:
      for name in value.resourceNames { console.output(name + "\n") }
    case .table, .wide:
      let wide = format == .wide
      let rows = value.rows(wide: wide)
      if !rows.isEmpty || human?.showsEmptyTable ?? true {
        console.output(TextTable.render(columns: T.columns(wide: wide), rows: rows))
        if let notes = (value as? any TableFootnotes)?.footnotes, !notes.isEmpty {
          console.output("\n" + notes.joined(separator: "\n") + "\n")
        }
      }
      for line in human?.closingLines ?? [] { console.output(line + "\n") }
      console.stdout.flush()
      for note in human?.humanNotes ?? [] { console.message(note) }
    }
  }

  /// One finished item of a report a person reads line by line (kubectl's `node/X cordoned`): printed
  /// now in table format, where `renderItems` then prints nothing more.
  func itemDone(_ line: @autoclosure () -> String) {
    if format == .table { console.output(line() + "\n") }
  }

  /// The report whose items `itemDone` told: printed whole in every format but table.
  func renderItems<T: Encodable & TablePresentable>(_ value: T) throws {
    if format != .table { try render(value) }
  }

  /// Text for a person on stdout after a stream's events (a watch's summary); nothing in JSON or YAML.
  func humanText(_ text: @autoclosure () -> String) {
    if !isStructured { console.output(text()) }
  }

  /// An error for a person on stderr when the report already carries it for a script (JSON and YAML).
  func humanError(_ text: @autoclosure () -> String) {
    if !isStructured { console.error(text(), kind: .operationFailed) }
  }

  /// A message for a person on stderr; nothing in JSON or YAML, where stderr carries only the error object.
  func humanMessage(_ text: @autoclosure () -> String) {
    if !isStructured { console.message(text()) }
  }

  /// One event of a stream: a JSON Lines object, a YAML document, or the caller's human line. Every
  /// streaming command writes its events through here, so each one reaches a pipe or terminal as it happens
  /// (stdout is otherwise block-buffered until exit).
  func emit<T: Encodable>(event: T, humanLine: @autoclosure () -> String?) throws {
    defer { console.stdout.flush() }
    switch format {
    case .json:
      console.stdout.write(try ResultEncoding.json(event, pretty: false))
      console.output("\n")
    case .yaml:
      console.output("---\n" + (try ResultEncoding.yaml(event)))
    case .table, .wide, .name:
      if let line = humanLine() { console.output(line + "\n") }
    }
  }
}

/// kubectl-style columns: upper-case titles, left-aligned, three spaces apart.
enum TextTable {
  static func render(columns: [String], rows: [[String]]) -> String {
    let lines = [columns.map { $0.uppercased() }] + rows
    let counts = lines.map { $0.map(width) }
    var widths = counts[0]
    for row in counts.dropFirst() {
      for (index, count) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], count)
      }
    }
    // Written as bytes: appending each cell and its padding to a String checked and grew the String
    // every time (0.14 M instructions of a 45-row `config view`).
    var text: [UInt8] = []
    text.reserveCapacity(lines.count * (widths.reduce(0, +) + 3 * widths.count + 1))
    for (cells, cellCounts) in zip(lines, counts) {
      for (index, cell) in cells.enumerated() {
        if index > 0 { text.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 3)) }
        text.append(contentsOf: cell.utf8)
        // Padded in Characters, as the widths are counted (Foundation's `padding(toLength:)` counts
        // UTF-16 units, cut cells with characters outside the BMP, and costs an NSString bridge).
        if index < cells.count - 1, index < widths.count {
          text.append(
            contentsOf: repeatElement(UInt8(ascii: " "), count: max(0, widths[index] - cellCounts[index])))
        }
      }
      text.append(UInt8(ascii: "\n"))
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// A cell's width in Characters. Counting walks the grapheme clusters, so text of printable ASCII,
  /// where each byte is one Character, is measured by its bytes.
  static func width(_ cell: String) -> Int {
    let bytes = cell.utf8
    if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return bytes.count }
    return cell.count
  }
}
