import Foundation

/// A value's tree (the slots of `JSONTreeEncoder(for: .writing)`, or a `JSONTree`) written as JSON text,
/// byte for byte as `ReportJSON.encoder` (Foundation's `JSONEncoder`: sorted keys, slashes unescaped)
/// writes the value itself; `ReportJSON.data` pairs them.
///
/// What `JSONEncoder` does, and this does too: members sorted by the bytes of their UTF-8 names; a
/// `Double` as its `description` without a trailing `.0`; in strings, `"` and `\` escaped, the control
/// characters that have a short escape written with it and the others as `\u00XX` (lowercase), everything
/// else (`/`, DEL, any non-ASCII character) as it is. Pretty printing indents by two spaces, writes
/// `"name" : value`, and an empty array or object as its brackets around an empty line.
enum JSONText {
  static func data(_ value: some JSONTextValue, pretty: Bool) -> Data {
    var writer = Writer(pretty: pretty)
    writer.value(value, depth: 0)
    return Data(writer.bytes)
  }

  private struct Writer {
    let pretty: Bool
    var bytes: [UInt8] = []

    init(pretty: Bool) {
      self.pretty = pretty
      bytes.reserveCapacity(4096)
    }

    mutating func value<Value: JSONTextValue>(_ value: Value, depth: Int) {
      switch value.jsonTextShape {
      case .scalar(let tree): scalar(tree, depth: depth)
      case .array(let values): array(values, depth: depth)
      case .object(let members): object(members, depth: depth)
      }
    }

    private mutating func scalar(_ tree: JSONTree, depth: Int) {
      switch tree {
      case .null: literal("null")
      case .bool(let flag): literal(flag ? "true" : "false")
      case .int(let number): integer(number)
      case .double(let number):
        let text = number.description
        bytes.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
      case .string(let text): string(text)
      case .array(let values): array(values, depth: depth)
      case .object(let members): object(members, depth: depth)
      }
    }

    private mutating func array<Element: JSONTextValue>(_ values: [Element], depth: Int) {
      open(UInt8(ascii: "["), isEmpty: values.isEmpty)
      for (index, element) in values.enumerated() {
        separate(first: index == 0, depth: depth + 1)
        value(element, depth: depth + 1)
      }
      close(UInt8(ascii: "]"), depth: depth)
    }

    private mutating func object<Element: JSONTextValue>(_ members: [String: Element], depth: Int) {
      open(UInt8(ascii: "{"), isEmpty: members.isEmpty)
      for (index, member) in members.sorted(by: { Self.precedes($0.key, $1.key) }).enumerated() {
        separate(first: index == 0, depth: depth + 1)
        string(member.key)
        if pretty { literal(" : ") } else { bytes.append(UInt8(ascii: ":")) }
        value(member.value, depth: depth + 1)
      }
      close(UInt8(ascii: "}"), depth: depth)
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

    private mutating func literal(_ text: StaticString) {
      bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Whether `a` sorts before `b` by the bytes of their UTF-8, compared where they lie rather than
    /// through their `UTF8View`s element by element.
    static func precedes(_ a: String, _ b: String) -> Bool {
      var a = a
      var b = b
      return a.withUTF8 { first in
        b.withUTF8 { second in
          let common = min(first.count, second.count)
          if common > 0, let x = first.baseAddress, let y = second.baseAddress {
            let order = memcmp(x, y, common)
            if order != 0 { return order < 0 }
          }
          return first.count < second.count
        }
      }
    }

    /// An integer's decimal digits, written in place.
    private mutating func integer(_ number: Int64) {
      if number < 0 { bytes.append(UInt8(ascii: "-")) }
      var magnitude = number.magnitude
      var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: Int64's 19 digits fit.
      var count = 0
      withUnsafeMutableBytes(of: &digits) { buffer in
        repeat {
          buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
          magnitude /= 10
          count += 1
        } while magnitude > 0
        bytes.append(contentsOf: buffer[(24 - count)...])
      }
    }

    /// A string in quotes, escaped; the runs between escapes are copied whole.
    private mutating func string(_ text: String) {
      bytes.append(UInt8(ascii: "\""))
      var text = text
      text.withUTF8 { utf8 in
        var runStart = 0
        for (index, byte) in utf8.enumerated()
        where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
          escape(byte)
          runStart = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
      }
      bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
      bytes.append(UInt8(ascii: "\\"))
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
      case 0x08: bytes.append(UInt8(ascii: "b"))
      case 0x09: bytes.append(UInt8(ascii: "t"))
      case 0x0A: bytes.append(UInt8(ascii: "n"))
      case 0x0C: bytes.append(UInt8(ascii: "f"))
      case 0x0D: bytes.append(UInt8(ascii: "r"))
      default:
        bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
        bytes.append(Self.hexDigits[Int(byte >> 4)])
        bytes.append(Self.hexDigits[Int(byte & 0x0F)])
      }
    }
  }
}

/// What `JSONText` writes: a scalar, or an array or object of more such values. `JSONTree` is one, and so
/// are the slots `JSONTreeEncoder` fills, which are written as they are.
protocol JSONTextValue {
  associatedtype Element: JSONTextValue
  var jsonTextShape: JSONTextShape<Element> { get }
}

enum JSONTextShape<Element> {
  /// Null, a boolean, a number or a string (the writer also takes any other tree here).
  case scalar(JSONTree)
  case array([Element])
  case object([String: Element])
}

extension JSONTree: JSONTextValue {
  var jsonTextShape: JSONTextShape<JSONTree> {
    switch self {
    case .array(let values): .array(values)
    case .object(let members): .object(members)
    default: .scalar(self)
    }
  }
}
