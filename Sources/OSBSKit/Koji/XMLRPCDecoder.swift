import Foundation

public struct XMLRPCDecodingError: ClassifiedError, Equatable {
  public var reason: String
  /// Byte offset in the document where decoding stopped.
  public var offset: Int

  public var failureKind: FailureKind { .unavailable }
  public var description: String { "malformed XML-RPC reply at byte \(offset): \(reason)" }
}

/// A single-pass XML-RPC reader over bytes. XML-RPC needs only a sliver of XML (no attributes, namespaces
/// or DTDs), and reading it directly keeps multi-megabyte `downloadTaskOutput` replies linear and avoids
/// libxml2's 10 MB text-node limit.
public enum XMLRPCDecoder {
  /// Nesting deeper than this is refused: no real reply comes close, and a hostile one must not exhaust the stack.
  public static let maximumDepth = 64

  public static func decodeResponse(_ data: Data) throws -> XMLRPCResponse {
    try withScanner(data) { scanner in
      try scanner.skipProlog()
      try scanner.expectOpen("methodResponse")
      let tag = try scanner.nextTag()
      let response: XMLRPCResponse
      switch (tag.name, tag.kind) {
      case ("params", .open):
        try scanner.expectOpen("param")
        let value = try scanner.parseValueElement(depth: 0)
        try scanner.expectClose("param")
        try scanner.expectClose("params")
        response = .success(value)
      case ("fault", .open):
        let value = try scanner.parseValueElement(depth: 0)
        try scanner.expectClose("fault")
        guard let code = value["faultCode"]?.intValue else {
          throw scanner.error("fault without an integer faultCode")
        }
        let message = value["faultString"]?.stringValue ?? ""
        response = .fault(XMLRPCFault(code: Int(clamping: code), message: message))
      default:
        throw scanner.error("expected <params> or <fault>, found <\(tag.name)>")
      }
      try scanner.expectClose("methodResponse")
      return response
    }
  }

  /// `decodeResponse`, except that base64 text in the reply's value (a `<base64>` element, or a string as
  /// Koji's `downloadTaskOutput` sends) comes back as `.base64` bytes. The usual shape of such a reply is
  /// decoded where it lies, without the text ever becoming a `String`; any other document takes the
  /// general path, so the answers (and errors) are those of `decodeResponse`.
  public static func decodeBase64Response(_ data: Data) throws -> XMLRPCResponse {
    let direct: Data? = data.withUnsafeBytes { raw in
      var scanner = XMLScanner(bytes: raw.bindMemory(to: UInt8.self))
      return try? scanner.base64ReplyInPlace()
    }
    if let direct { return .success(.base64(direct)) }
    switch try decodeResponse(data) {
    case .success(.string(let text)):
      guard let bytes = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
        return .success(.string(text))
      }
      return .success(.base64(bytes))
    case let other:
      return other
    }
  }

  public static func decodeCall(_ data: Data) throws -> XMLRPCCall {
    try withScanner(data) { scanner in
      try scanner.skipProlog()
      try scanner.expectOpen("methodCall")
      try scanner.expectOpen("methodName")
      let method = try scanner.readText().trimmingCharacters(in: .whitespacesAndNewlines)
      try scanner.expectClose("methodName")
      var params: [XMLRPCValue] = []
      let tag = try scanner.nextTag()
      if tag.name == "params" && tag.kind == .open {
        while true {
          let next = try scanner.nextTag()
          if next.name == "params" && next.kind == .close { break }
          guard next.name == "param" && next.kind == .open else {
            throw scanner.error("expected <param>, found <\(next.name)>")
          }
          params.append(try scanner.parseValueElement(depth: 0))
          try scanner.expectClose("param")
        }
        try scanner.expectClose("methodCall")
      } else if !(tag.name == "methodCall" && tag.kind == .close)
        && !(tag.name == "params" && tag.kind == .empty)
      {
        throw scanner.error("expected <params>, found <\(tag.name)>")
      } else if tag.kind == .empty {
        try scanner.expectClose("methodCall")
      }
      return XMLRPCCall(method, params)
    }
  }

  private static func withScanner<T>(_ data: Data, _ body: (inout XMLScanner) throws -> T) throws -> T {
    try data.withUnsafeBytes { raw in
      var scanner = XMLScanner(bytes: raw.bindMemory(to: UInt8.self))
      return try body(&scanner)
    }
  }
}

private struct XMLTag {
  enum Kind { case open, close, empty }
  var name: String
  var kind: Kind
}

private struct XMLScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  var position = 0

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  func error(_ reason: String) -> XMLRPCDecodingError {
    XMLRPCDecodingError(reason: reason, offset: position)
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  mutating func skipWhitespace() {
    while position < bytes.count && Self.isSpace(bytes[position]) { position += 1 }
  }

  private func hasPrefix(_ literal: StaticString, at index: Int) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard index + count <= bytes.count else { return false }
    let start = literal.utf8Start
    for offset in 0..<count where bytes[index + offset] != start[offset] { return false }
    return true
  }

  private mutating func skip(past terminator: StaticString) throws {
    while position < bytes.count {
      if hasPrefix(terminator, at: position) {
        position += terminator.utf8CodeUnitCount
        return
      }
      position += 1
    }
    throw error("unterminated markup (missing \(terminator))")
  }

  /// Skips whitespace, the XML declaration, comments and a doctype.
  mutating func skipProlog() throws {
    while true {
      skipWhitespace()
      if hasPrefix("<?", at: position) {
        try skip(past: "?>")
      } else if hasPrefix("<!--", at: position) {
        try skip(past: "-->")
      } else if hasPrefix("<!DOCTYPE", at: position) {
        throw error("document type declarations are not accepted")
      } else {
        return
      }
    }
  }

  /// Reads the next tag, skipping whitespace and comments before it.
  mutating func nextTag() throws -> XMLTag {
    while true {
      skipWhitespace()
      guard position < bytes.count else { throw error("unexpected end of document") }
      guard bytes[position] == UInt8(ascii: "<") else { throw error("unexpected text between elements") }
      if hasPrefix("<!--", at: position) {
        try skip(past: "-->")
        continue
      }
      return try readTag()
    }
  }

  private mutating func readTag() throws -> XMLTag {
    position += 1  // "<"
    var kind = XMLTag.Kind.open
    if position < bytes.count && bytes[position] == UInt8(ascii: "/") {
      kind = .close
      position += 1
    }
    let nameStart = position
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || Self.isSpace(byte) { break }
      position += 1
    }
    guard position > nameStart else { throw error("empty tag name") }
    let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<position]), as: UTF8.self)
    skipWhitespace()
    guard position < bytes.count else { throw error("unterminated tag <\(name)") }
    if bytes[position] == UInt8(ascii: "/") {
      guard kind == .open, position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else {
        throw error("malformed tag <\(name)")
      }
      position += 2
      return XMLTag(name: name, kind: .empty)
    }
    guard bytes[position] == UInt8(ascii: ">") else {
      throw error("attributes are not part of XML-RPC (<\(name)>)")
    }
    position += 1
    return XMLTag(name: name, kind: kind)
  }

  mutating func expectOpen(_ name: String) throws {
    let tag = try nextTag()
    guard tag.name == name && tag.kind == .open else {
      throw error("expected <\(name)>, found \(tag.kind == .close ? "</" : "<")\(tag.name)>")
    }
  }

  mutating func expectClose(_ name: String) throws {
    let tag = try nextTag()
    guard tag.name == name && tag.kind == .close else {
      throw error("expected </\(name)>, found \(tag.kind == .close ? "</" : "<")\(tag.name)>")
    }
  }

  /// The bytes of a reply that is one string or base64 value holding base64 text with no entities or
  /// CDATA; nil (or an error) for any other document, which the general decoder then reads.
  mutating func base64ReplyInPlace() throws -> Data? {
    try skipProlog()
    try expectOpen("methodResponse")
    try expectOpen("params")
    try expectOpen("param")
    try expectOpen("value")
    var element: String?
    if hasPrefix("<string>", at: position) {
      element = "string"
    } else if hasPrefix("<base64>", at: position) {
      element = "base64"
    }
    if let element { position += element.utf8.count + 2 }
    let start = position
    guard let end = Self.firstIndex(of: UInt8(ascii: "<"), in: bytes, from: start),
      Self.firstIndex(of: UInt8(ascii: "&"), in: UnsafeBufferPointer(rebasing: bytes[..<end]), from: start)
        == nil,
      !hasPrefix("<![CDATA[", at: end)
    else { return nil }
    position = end
    if let element { try expectCloseHere(element) }
    try expectClose("value")
    try expectClose("param")
    try expectClose("params")
    try expectClose("methodResponse")
    return Base64Text.decode(UnsafeBufferPointer(rebasing: bytes[start..<end]))
  }

  /// `memchr`: the text of a large reply is scanned at memory speed, not byte by byte.
  private static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int)
    -> Int?
  {
    guard start < bytes.count, let base = bytes.baseAddress else { return nil }
    guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
    return UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
  }

  /// Character data up to the next tag, with entities and CDATA sections decoded.
  mutating func readText() throws -> String {
    let start = position
    var needsDecoding = false
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "<") {
        if hasPrefix("<![CDATA[", at: position) {
          needsDecoding = true
          position += 9
          try skip(past: "]]>")
          continue
        }
        break
      }
      if byte == UInt8(ascii: "&") { needsDecoding = true }
      position += 1
    }
    guard position < bytes.count else { throw error("unexpected end of document in text") }
    let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
    if !needsDecoding { return String(decoding: slice, as: UTF8.self) }
    return try decodeEntities(slice, startOffset: start)
  }

  private func decodeEntities(_ slice: UnsafeBufferPointer<UInt8>, startOffset: Int) throws -> String {
    var out: [UInt8] = []
    out.reserveCapacity(slice.count)
    var index = 0
    while index < slice.count {
      let byte = slice[index]
      if byte == UInt8(ascii: "<") {  // a CDATA section: copied verbatim
        let contentStart = index + 9
        var end = contentStart
        while end + 2 < slice.count
          && !(slice[end] == UInt8(ascii: "]") && slice[end + 1] == UInt8(ascii: "]")
            && slice[end + 2] == UInt8(ascii: ">"))
        {
          end += 1
        }
        out.append(contentsOf: slice[contentStart..<end])
        index = end + 3
        continue
      }
      guard byte == UInt8(ascii: "&") else {
        out.append(byte)
        index += 1
        continue
      }
      var end = index + 1
      while end < slice.count && slice[end] != UInt8(ascii: ";") && end - index < 12 { end += 1 }
      guard end < slice.count, slice[end] == UInt8(ascii: ";") else {
        throw XMLRPCDecodingError(reason: "unterminated entity", offset: startOffset + index)
      }
      let entity = String(decoding: UnsafeBufferPointer(rebasing: slice[(index + 1)..<end]), as: UTF8.self)
      switch entity {
      case "amp": out.append(UInt8(ascii: "&"))
      case "lt": out.append(UInt8(ascii: "<"))
      case "gt": out.append(UInt8(ascii: ">"))
      case "quot": out.append(UInt8(ascii: "\""))
      case "apos": out.append(UInt8(ascii: "'"))
      default:
        var scalarValue: UInt32?
        if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
          scalarValue = UInt32(entity.dropFirst(2), radix: 16)
        } else if entity.hasPrefix("#") {
          scalarValue = UInt32(entity.dropFirst(1))
        }
        guard let value = scalarValue, let scalar = Unicode.Scalar(value) else {
          throw XMLRPCDecodingError(reason: "unknown entity &\(entity);", offset: startOffset + index)
        }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
      }
      index = end + 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Parses `<value>…</value>` (the opening tag not yet read).
  mutating func parseValueElement(depth: Int) throws -> XMLRPCValue {
    let tag = try nextTag()
    guard tag.name == "value" else { throw error("expected <value>, found <\(tag.name)>") }
    switch tag.kind {
    case .empty: return .string("")
    case .close: throw error("unexpected </value>")
    case .open: return try parseValueContent(depth: depth)
    }
  }

  /// After `<value>`: either bare text (an untyped string) or one typed element, then `</value>`.
  private mutating func parseValueContent(depth: Int) throws -> XMLRPCValue {
    guard depth < XMLRPCDecoder.maximumDepth else {
      throw error("values nested deeper than \(XMLRPCDecoder.maximumDepth) levels")
    }
    let text = try readText()
    let tag = try readTagHere()
    if tag.name == "value" && tag.kind == .close { return .string(text) }
    guard text.allSatisfy(\.isWhitespace) else { throw error("text mixed with <\(tag.name)>") }
    guard tag.kind != .close else { throw error("unexpected </\(tag.name)>") }
    let value = try parseTyped(tag, depth: depth)
    try expectClose("value")
    return value
  }

  private mutating func readTagHere() throws -> XMLTag {
    guard position < bytes.count, bytes[position] == UInt8(ascii: "<") else {
      throw error("unexpected end of document")
    }
    return try readTag()
  }

  private mutating func scalarText(_ tag: XMLTag) throws -> String {
    if tag.kind == .empty { return "" }
    let text = try readText()
    try expectCloseHere(tag.name)
    return text
  }

  private mutating func expectCloseHere(_ name: String) throws {
    let tag = try readTagHere()
    guard tag.name == name && tag.kind == .close else {
      throw error("expected </\(name)>, found <\(tag.name)>")
    }
  }

  private mutating func parseTyped(_ tag: XMLTag, depth: Int) throws -> XMLRPCValue {
    switch tag.name {
    case "string":
      return .string(try scalarText(tag))
    case "int", "i4", "i8", "i1", "i2", "biginteger":
      let text = try scalarText(tag).trimmingCharacters(in: .whitespacesAndNewlines)
      guard let number = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
        throw error("<\(tag.name)> holds \"\(text.prefix(40))\", not a 64-bit integer")
      }
      return .int(number)
    case "boolean":
      switch try scalarText(tag).trimmingCharacters(in: .whitespacesAndNewlines) {
      case "1", "true": return .bool(true)
      case "0", "false": return .bool(false)
      case let other: throw error("<boolean> holds \"\(other.prefix(40))\"")
      }
    case "double", "float":
      let text = try scalarText(tag).trimmingCharacters(in: .whitespacesAndNewlines)
      guard let number = Double(text) else { throw error("<double> holds \"\(text.prefix(40))\"") }
      return .double(number)
    case "dateTime.iso8601":
      return .dateTime(try scalarText(tag).trimmingCharacters(in: .whitespacesAndNewlines))
    case "base64":
      let text = try scalarText(tag)
      guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
        throw error("<base64> is not valid base64")
      }
      return .base64(data)
    case "nil":
      if tag.kind == .open { try expectCloseHere("nil") }
      return .null
    case "array":
      return .array(try parseArray(tag, depth: depth))
    case "struct":
      return .structure(try parseStruct(tag, depth: depth))
    default:
      throw error("unknown value type <\(tag.name)>")
    }
  }

  private mutating func parseArray(_ tag: XMLTag, depth: Int) throws -> [XMLRPCValue] {
    if tag.kind == .empty { return [] }
    let data = try nextTag()
    guard data.name == "data" else { throw error("expected <data> in <array>, found <\(data.name)>") }
    var values: [XMLRPCValue] = []
    if data.kind == .open {
      while true {
        let next = try nextTag()
        if next.name == "data" && next.kind == .close { break }
        guard next.name == "value" else { throw error("expected <value> in <data>, found <\(next.name)>") }
        switch next.kind {
        case .empty: values.append(.string(""))
        case .open: values.append(try parseValueContent(depth: depth + 1))
        case .close: throw error("unexpected </value>")
        }
      }
    }
    try expectClose("array")
    return values
  }

  private mutating func parseStruct(_ tag: XMLTag, depth: Int) throws -> [XMLRPCMember] {
    if tag.kind == .empty { return [] }
    var members: [XMLRPCMember] = []
    while true {
      let next = try nextTag()
      if next.name == "struct" && next.kind == .close { break }
      guard next.name == "member" && next.kind == .open else {
        throw error("expected <member> in <struct>, found <\(next.name)>")
      }
      try expectOpen("name")
      let name = try readText()
      try expectCloseHere("name")
      let value = try parseValueElement(depth: depth + 1)
      try expectClose("member")
      members.append(XMLRPCMember(name, value))
    }
    return members
  }
}
