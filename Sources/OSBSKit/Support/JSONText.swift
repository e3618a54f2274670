import Foundation

/// A `JSONTree` written as JSON text, byte for byte as `ReportJSON.encoder` (Foundation's `JSONEncoder`:
/// sorted keys, slashes unescaped) writes the value the tree was made from with
/// `JSONTreeEncoder(for: .writing)`; `ReportJSON.data` pairs them.
///
/// What `JSONEncoder` does, and this does too: members sorted by the bytes of their UTF-8 names; a
/// `Double` as its `description` without a trailing `.0`; in strings, `"` and `\` escaped, the control
/// characters that have a short escape written with it and the others as `\u00XX` (lowercase), everything
/// else (`/`, DEL, any non-ASCII character) as it is. Pretty printing indents by two spaces, writes
/// `"name" : value`, and an empty array or object as its brackets around an empty line.
enum JSONText {
  static func data(_ tree: JSONTree, pretty: Bool) -> Data {
    var writer = Writer(pretty: pretty)
    writer.value(tree, depth: 0)
    return Data(writer.bytes)
  }

  private struct Writer {
    let pretty: Bool
    var bytes: [UInt8] = []

    init(pretty: Bool) {
      self.pretty = pretty
      bytes.reserveCapacity(4096)
    }

    mutating func value(_ tree: JSONTree, depth: Int) {
      switch tree {
      case .null: bytes.append(contentsOf: "null".utf8)
      case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
      case .int(let number): bytes.append(contentsOf: String(number).utf8)
      case .double(let number):
        let text = number.description
        bytes.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
      case .string(let text): string(text)
      case .array(let values):
        open(UInt8(ascii: "["), isEmpty: values.isEmpty)
        for (index, element) in values.enumerated() {
          separate(first: index == 0, depth: depth + 1)
          value(element, depth: depth + 1)
        }
        close(UInt8(ascii: "]"), depth: depth)
      case .object(let members):
        open(UInt8(ascii: "{"), isEmpty: members.isEmpty)
        let names = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (index, name) in names.enumerated() {
          separate(first: index == 0, depth: depth + 1)
          string(name)
          bytes.append(contentsOf: pretty ? " : ".utf8 : ":".utf8)
          value(members[name]!, depth: depth + 1)
        }
        close(UInt8(ascii: "}"), depth: depth)
      }
    }

    private mutating func open(_ bracket: UInt8, isEmpty: Bool) {
      bytes.append(bracket)
      if pretty, isEmpty { bytes.append(0x0A) }
    }

    private mutating func close(_ bracket: UInt8, depth: Int) {
      if pretty { newline(depth: depth) }
      bytes.append(bracket)
    }

    /// Before each element: a comma after the first, and in pretty form a new indented line.
    private mutating func separate(first: Bool, depth: Int) {
      if !first { bytes.append(UInt8(ascii: ",")) }
      if pretty { newline(depth: depth) }
    }

    private mutating func newline(depth: Int) {
      bytes.append(0x0A)
      bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func string(_ text: String) {
      bytes.append(UInt8(ascii: "\""))
      for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
        case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
        case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
        case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
        case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
        case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
        case 0..<0x20:
          bytes.append(contentsOf: #"\u00"#.utf8)
          bytes.append(Self.hexDigits[Int(byte >> 4)])
          bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        default: bytes.append(byte)
        }
      }
      bytes.append(UInt8(ascii: "\""))
    }
  }
}
