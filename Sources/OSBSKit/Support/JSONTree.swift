import Foundation

/// A JSON document as a tree: for report fields whose shape the server decides, and for re-emitting JSON
/// as YAML without Foundation's NSNumber ambiguity (is 1 a Bool?).
public indirect enum JSONTree: Codable, Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONTree])
  case object([String: JSONTree])

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let flag): try container.encode(flag)
    case .int(let number): try container.encode(number)
    case .double(let number): try container.encode(number)
    case .string(let text): try container.encode(text)
    case .array(let values): try container.encode(values)
    case .object(let members): try container.encode(members)
    }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let flag = try? container.decode(Bool.self) {
      self = .bool(flag)
    } else if let number = try? container.decode(Int64.self) {
      self = .int(number)
    } else if let number = try? container.decode(Double.self) {
      self = .double(number)
    } else if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let values = try? container.decode([JSONTree].self) {
      self = .array(values)
    } else {
      self = .object(try container.decode([String: JSONTree].self))
    }
  }
}

extension JSONTree {
  /// The tree of one JSON document (RFC 8259), read straight from its bytes.
  ///
  /// The tree `JSONDecoder` builds through `init(from:)`, which tries each kind of value in turn and
  /// pays for every failed try with an error value: turning a report's JSON into YAML or table rows that
  /// way took ~5 M instructions for a 2 KB settings report. Whole numbers that fit `Int64` are `.int`
  /// (`1.0` and `1e3` too), every other number `.double`; a
  /// repeated member name keeps its first value. Unlike `JSONDecoder`, it refuses trailing commas
  /// (RFC 8259 has none, and `ReportJSON` writes none).
  public init(json data: Data) throws(JSONTreeSyntaxError) {
    let parsed: Result<JSONTree, JSONTreeSyntaxError> = data.withUnsafeBytes { raw in
      var reader = JSONTreeReader(bytes: raw.bindMemory(to: UInt8.self))
      return Result { () throws(JSONTreeSyntaxError) -> JSONTree in try reader.document() }
    }
    self = try parsed.get()
  }
}

extension JSONTree {
  /// Which parts of a document to build. The rest is still read and checked, so a document is refused
  /// exactly when `init(json:)` refuses it, but no tree is made of it: for a large list of which a
  /// command reads a few fields an item (`ovs check`'s 5,000 pods), the whole tree is a dictionary per
  /// object and a `String` per member, most of them never looked at.
  public indirect enum Selection: Sendable {
    /// The whole value.
    case all
    /// Of an object, only these members, each selected in turn; of an array, each element selected so.
    /// A value of another kind is built whole.
    case members([String: Selection])

    func member(_ name: String) -> Selection? {
      switch self {
      case .all: return .all
      case .members(let members):
        // A handful of names: comparing them costs less than hashing the name.
        for (wanted, selection) in members where wanted == name { return selection }
        return nil
      }
    }
  }

  /// The tree of `selection`'s parts of one JSON document; see `Selection`.
  public init(json data: Data, selecting selection: Selection) throws(JSONTreeSyntaxError) {
    let parsed: Result<JSONTree, JSONTreeSyntaxError> = data.withUnsafeBytes { raw in
      var reader = JSONTreeReader(bytes: raw.bindMemory(to: UInt8.self))
      return Result { () throws(JSONTreeSyntaxError) -> JSONTree in try reader.document(selection) }
    }
    self = try parsed.get()
  }
}

/// Where a JSON document stops being JSON.
public struct JSONTreeSyntaxError: Error, Equatable, CustomStringConvertible {
  public let offset: Int
  public let reason: String

  public var description: String { "malformed JSON at byte \(offset): \(reason)" }
}

/// A recursive-descent reader over the bytes of one document.
private struct JSONTreeReader {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0
  /// Deeper nesting is refused rather than allowed to exhaust the stack.
  static let maximumDepth = 512

  mutating func document(_ selection: JSONTree.Selection = .all) throws(JSONTreeSyntaxError) -> JSONTree {
    // A UTF-8 byte-order mark, as editors on Windows write one, is not part of the document; `JSONDecoder`
    // skips it too.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    let tree = try value(depth: 0, selection)
    skipWhitespace()
    guard index == bytes.count else { throw failure("text after the document") }
    return tree
  }

  private func failure(_ reason: String) -> JSONTreeSyntaxError {
    JSONTreeSyntaxError(offset: index, reason: reason)
  }

  private mutating func skipWhitespace() {
    while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
  }

  private mutating func value(depth: Int, _ selection: JSONTree.Selection = .all) throws(JSONTreeSyntaxError)
    -> JSONTree
  {
    guard depth < Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth)") }
    skipWhitespace()
    guard index < bytes.count else { throw failure("a value was expected") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(depth: depth, selection)
    case UInt8(ascii: "["): return try array(depth: depth, selection)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    default: return try number()
    }
  }

  private mutating func literal(_ word: StaticString, _ tree: JSONTree) throws(JSONTreeSyntaxError)
    -> JSONTree
  {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count,
      (0..<count).allSatisfy({ bytes[index + $0] == word.utf8Start[$0] })
    else { throw failure("not a JSON value") }
    index += count
    return tree
  }

  /// Reads a value the selection leaves out: checked as `value` checks it, nothing built.
  private mutating func skipValue(depth: Int) throws(JSONTreeSyntaxError) {
    guard depth < Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth)") }
    skipWhitespace()
    guard index < bytes.count else { throw failure("a value was expected") }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      if isEmpty(closedBy: UInt8(ascii: "}")) { return }
      repeat {
        try toMemberName()
        try skipString()
        try pastColon()
        try skipValue(depth: depth + 1)
      } while try !closes(UInt8(ascii: "}"), "object")
    case UInt8(ascii: "["):
      if isEmpty(closedBy: UInt8(ascii: "]")) { return }
      repeat {
        try skipValue(depth: depth + 1)
      } while try !closes(UInt8(ascii: "]"), "array")
    case UInt8(ascii: "\""): try skipString()
    default: _ = try value(depth: depth)
    }
  }

  /// Past a string: printable ASCII without escapes is only scanned; anything else is read by `string`,
  /// which checks escapes and UTF-8.
  private mutating func skipString() throws(JSONTreeSyntaxError) {
    let start = index
    index += 1
    if try scanToQuoteOrEscape(), index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
      index += 1
      return
    }
    index = start
    _ = try string()
  }

  /// Past a string's plain bytes, to its closing quote, a backslash or its end; whether they were all ASCII
  /// (which is UTF-8 as it stands).
  private mutating func scanToQuoteOrEscape() throws(JSONTreeSyntaxError) -> Bool {
    var ascii = true
    while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
      guard bytes[index] >= 0x20 else { throw failure("a control character inside a string") }
      if bytes[index] >= 0x80 { ascii = false }
      index += 1
    }
    return ascii
  }

  private mutating func object(depth: Int, _ selection: JSONTree.Selection) throws(JSONTreeSyntaxError)
    -> JSONTree
  {
    var members: [String: JSONTree] = [:]
    if isEmpty(closedBy: UInt8(ascii: "}")) { return .object(members) }
    while true {
      try toMemberName()
      let key = try string()
      try pastColon()
      guard let wanted = selection.member(key) else {
        try skipValue(depth: depth + 1)
        if try closes(UInt8(ascii: "}"), "object") { return .object(members) }
        continue
      }
      let member = try value(depth: depth + 1, wanted)
      // A repeated name keeps its first value, as `JSONDecoder` does (put back in the rare case; one
      // lookup for the usual one).
      if let first = members.updateValue(member, forKey: key) { members[key] = first }
      if try closes(UInt8(ascii: "}"), "object") { return .object(members) }
    }
  }

  private mutating func array(depth: Int, _ selection: JSONTree.Selection) throws(JSONTreeSyntaxError)
    -> JSONTree
  {
    var elements: [JSONTree] = []
    if isEmpty(closedBy: UInt8(ascii: "]")) { return .array(elements) }
    while true {
      elements.append(try value(depth: depth + 1, selection))
      if try closes(UInt8(ascii: "]"), "array") { return .array(elements) }
    }
  }

  /// To the quote that opens a member's name.
  private mutating func toMemberName() throws(JSONTreeSyntaxError) {
    skipWhitespace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
      throw failure("a member name was expected")
    }
  }

  /// Past the colon after a member's name.
  private mutating func pastColon() throws(JSONTreeSyntaxError) {
    skipWhitespace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("':' was expected") }
    index += 1
  }

  /// Past a container's opening bracket: true, and past `bracket` too, when the container is empty.
  private mutating func isEmpty(closedBy bracket: UInt8) -> Bool {
    index += 1
    skipWhitespace()
    guard index < bytes.count, bytes[index] == bracket else { return false }
    index += 1
    return true
  }

  /// After a member or an element: true past the `bracket` that closes the container, false past a comma.
  private mutating func closes(_ bracket: UInt8, _ container: String) throws(JSONTreeSyntaxError) -> Bool {
    skipWhitespace()
    guard index < bytes.count else { throw failure("the \(container) is not closed") }
    let separator = bytes[index]
    guard separator == bracket || separator == UInt8(ascii: ",") else {
      throw failure("',' or '\(Character(Unicode.Scalar(bracket)))' was expected")
    }
    index += 1
    return separator == bracket
  }

  private mutating func string() throws(JSONTreeSyntaxError) -> String {
    index += 1
    let start = index
    // Most strings have no escapes: one copy of their bytes.
    let ascii = try scanToQuoteOrEscape()
    guard index < bytes.count else { throw failure("the string is not closed") }
    if bytes[index] == UInt8(ascii: "\"") {
      index += 1
      return try text(UnsafeBufferPointer(rebasing: bytes[start..<index - 1]), ascii: ascii)
    }
    var utf8 = Array(bytes[start..<index])
    while bytes[index] != UInt8(ascii: "\"") {
      if bytes[index] == UInt8(ascii: "\\") {
        try escape(into: &utf8)
      } else {
        guard bytes[index] >= 0x20 else { throw failure("a control character inside a string") }
        utf8.append(bytes[index])
        index += 1
      }
      guard index < bytes.count else { throw failure("the string is not closed") }
    }
    index += 1
    return try utf8.withUnsafeBufferPointer { (buffer) throws(JSONTreeSyntaxError) in try text(buffer) }
  }

  /// The string of UTF-8 bytes: decoded on the standard library's fast path, then, unless every byte is
  /// ASCII (which is UTF-8 as it stands), checked unchanged (decoding replaces a malformed sequence with
  /// U+FFFD). The check costs ~450 instructions a string; `String(validating:as:)` is not specialised and
  /// cost twice that.
  private func text(_ utf8: UnsafeBufferPointer<UInt8>, ascii: Bool = false) throws(JSONTreeSyntaxError)
    -> String
  {
    let decoded = String(decoding: utf8, as: UTF8.self)
    guard ascii || decoded.utf8.elementsEqual(utf8) else { throw failure("a string is not UTF-8") }
    return decoded
  }

  private mutating func escape(into utf8: inout [UInt8]) throws(JSONTreeSyntaxError) {
    index += 1
    guard index < bytes.count else { throw failure("the string is not closed") }
    let letter = bytes[index]
    index += 1
    switch letter {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(letter)
    case UInt8(ascii: "b"): utf8.append(0x08)
    case UInt8(ascii: "f"): utf8.append(0x0C)
    case UInt8(ascii: "n"): utf8.append(0x0A)
    case UInt8(ascii: "r"): utf8.append(0x0D)
    case UInt8(ascii: "t"): utf8.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try hexQuad()
      if (0xD800..<0xDC00).contains(scalar) {
        // A high surrogate counts only with the low one that must follow it.
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        else { throw failure("a lone surrogate in \\u escapes") }
        index += 2
        let low = try hexQuad()
        guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate in \\u escapes") }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00..<0xE000).contains(scalar) {
        throw failure("a lone surrogate in \\u escapes")
      }
      guard let unicode = Unicode.Scalar(scalar) else { throw failure("not a Unicode scalar") }
      utf8.append(contentsOf: Array(String(Character(unicode)).utf8))
    default:
      index -= 1
      throw failure("an unknown escape")
    }
  }

  private mutating func hexQuad() throws(JSONTreeSyntaxError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw failure("a \\u escape needs four hex digits") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let digit: UInt32
      switch bytes[index] {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(bytes[index] - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(bytes[index] - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(bytes[index] - UInt8(ascii: "A") + 10)
      default: throw failure("a \\u escape needs four hex digits")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  /// RFC 8259's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  private mutating func number() throws(JSONTreeSyntaxError) -> JSONTree {
    let start = index
    func digits(_ reader: inout JSONTreeReader) -> Int {
      let first = reader.index
      while reader.index < reader.bytes.count,
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(reader.bytes[reader.index])
      {
        reader.index += 1
      }
      return reader.index - first
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    let leading = index
    guard digits(&self) > 0 else { throw failure("not a JSON value") }
    guard bytes[leading] != UInt8(ascii: "0") || index - leading == 1 else {
      throw failure("a number with a leading zero")
    }
    var integral = true
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      integral = false
      index += 1
      guard digits(&self) > 0 else { throw failure("a fraction needs digits") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      integral = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        index += 1
      }
      guard digits(&self) > 0 else { throw failure("an exponent needs digits") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if let whole = integral ? Int64(text) : Self.wholeNumber(text) { return .int(whole) }
    guard let real = Double(text), real.isFinite else { throw failure("a number out of range") }
    return .double(real)
  }

  /// A number written with a fraction or an exponent whose value is whole and fits `Int64`, exactly
  /// (`12345678901234567.0` is not rounded through `Double`), as `JSONDecoder` reads `Int64`.
  private static func wholeNumber(_ text: String) -> Int64? {
    let lowered = text.lowercased()
    let parts = lowered.split(separator: "e", maxSplits: 1)
    guard let exponent = parts.count == 2 ? Int(parts[1]) : 0, abs(exponent) < 40 else { return nil }
    let mantissa = parts[0].split(separator: ".", maxSplits: 1)
    let fraction = mantissa.count == 2 ? mantissa[1] : ""
    var digits = String(mantissa[0]) + fraction
    let shift = exponent - fraction.count
    if shift >= 0 {
      digits += String(repeating: "0", count: shift)
    } else {
      guard digits.suffix(-shift).allSatisfy({ $0 == "0" || $0 == "-" }) else { return nil }
      digits.removeLast(min(-shift, digits.count))
      if digits.isEmpty || digits == "-" { return 0 }
    }
    return Int64(digits)
  }
}
