import Foundation

/// Reads one `dump-flows` line, byte by byte and without recursion, so arbitrary input ends in a flow or
/// an `OVSFlowParseError`.
///
/// The rules are openshift-sdn's (`ParseFlow`): fields are separated by `,` or spaces, `actions=`
/// takes the rest of the line, and separators inside `()`, `[]` or double quotes do not count.
enum OVSFlowLineParser {
  static let protocols: Set<String> = [
    "ip", "ipv6", "icmp", "icmp6", "tcp", "tcp6", "udp", "udp6", "sctp", "sctp6", "arp", "rarp", "mpls",
    "mplsm",
  ]
  static let flagNames: Set<String> = [
    "send_flow_rem", "check_overlap", "reset_counts", "no_packet_counts", "no_byte_counts",
  ]
  private static let actionsKeyword = Array("actions=".utf8)
  private static let space = UInt8(ascii: " ")
  private static let comma = UInt8(ascii: ",")
  private static let quote = UInt8(ascii: "\"")
  private static let backslash = UInt8(ascii: "\\")

  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == space || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }

  /// `range` of `bytes` without the white space around it (an empty range when it is all white space).
  static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper && isWhitespace(bytes[lower]) { lower += 1 }
    while upper > lower && isWhitespace(bytes[upper - 1]) { upper -= 1 }
    return lower..<upper
  }

  static func text(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
  }

  /// `OFPST_FLOW reply (OF1.3) (xid=0x2):`, `NXST_FLOW reply (xid=0x4):` — possibly several in one
  /// dump, since a large reply comes in several messages.
  static func isHeader(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = bytes.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else {
      return false
    }
    let text = String(decoding: bytes, as: UTF8.self)
    return text.contains(" reply") && !text.contains("actions=")
  }

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws(OVSFlowParseError) -> OVSFlow {
    let raw = String(decoding: bytes, as: UTF8.self)
    var flow = OVSFlow(line: line, raw: raw)
    let failure = { @Sendable (reason: String) -> OVSFlowParseError in
      let text = raw.count > 200 ? String(raw.prefix(200)) + "…" : raw
      return OVSFlowParseError(line: line, reason: reason, text: text)
    }

    var seen: UInt16 = 0
    let fieldsEnd = try forEachTopLevelPiece(
      of: bytes, from: 0, separatedBy: { $0 == comma || isWhitespace($0) }, keepingEmptyPieces: false,
      in: "", failure: failure, stoppingBefore: { startsWithActions(bytes, at: $0) }
    ) { piece throws(OVSFlowParseError) in
      try apply(bytes[piece], to: &flow, seen: &seen, failure: failure)
    }
    guard case .stopped(let actionsAt) = fieldsEnd else { throw failure("no actions= (not a flow)") }
    flow.actions = try splitActions(bytes, from: actionsAt + actionsKeyword.count, failure: failure)
    return flow
  }

  /// The one scanner of a flow's text: splits `bytes[start...]` at top-level separators, those outside
  /// double quotes (where a backslash escapes the next byte) and outside `()` or `[]`, and hands each
  /// piece to `piece`. Without `keepingEmptyPieces`, a run of separators makes no empty pieces.
  /// `stoppingBefore` may end the scan where a piece would begin. The last piece, the one no separator
  /// ends, is returned rather than handed over, so the caller decides what an unfinished line means.
  private static func forEachTopLevelPiece(
    of bytes: UnsafeBufferPointer<UInt8>, from start: Int, separatedBy isSeparator: (UInt8) -> Bool,
    keepingEmptyPieces: Bool, in part: String, failure: (String) -> OVSFlowParseError,
    stoppingBefore stop: (Int) -> Bool = { _ in false },
    _ piece: (Range<Int>) throws(OVSFlowParseError) -> Void
  ) throws(OVSFlowParseError) -> ScanEnd {
    var pieceStart: Int? = keepingEmptyPieces ? start : nil
    var depth = 0
    var inQuotes = false
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if inQuotes {
        if byte == backslash {
          index += 1
        } else if byte == quote {
          inQuotes = false
        }
        index += 1
        continue
      }
      if depth == 0 && isSeparator(byte) {
        if let begun = pieceStart { try piece(begun..<index) }
        pieceStart = keepingEmptyPieces ? index + 1 : nil
        index += 1
        continue
      }
      if pieceStart == nil {
        if stop(index) { return .stopped(at: index) }
        pieceStart = index
      }
      switch byte {
      case quote: inQuotes = true
      case UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"):
        depth -= 1
        if depth < 0 { throw failure("unbalanced '\(Character(Unicode.Scalar(byte)))'\(part)") }
      default: break
      }
      index += 1
    }
    if inQuotes { throw failure("unterminated quote\(part)") }
    if depth != 0 { throw failure("unbalanced brackets\(part)") }
    return .ended(lastPiece: pieceStart.map { $0..<bytes.count })
  }

  private enum ScanEnd {
    case stopped(at: Int)
    case ended(lastPiece: Range<Int>?)
  }

  private static func startsWithActions(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    guard bytes.count - index >= actionsKeyword.count else { return false }
    return equal(actionsKeyword, bytes[index..<index + actionsKeyword.count])
  }

  /// What `dump-flows` prints about a flow before its match, each at most once a line. Told apart from
  /// match fields by their bytes, so that only a match field's name becomes a `String`.
  enum FlowProperty: Int, CaseIterable {
    case cookie, duration, table, priority, nPackets, nBytes, idleAge, hardAge, idleTimeout, hardTimeout
    case importance

    var key: String {
      switch self {
      case .cookie: "cookie"
      case .duration: "duration"
      case .table: "table"
      case .priority: "priority"
      case .nPackets: "n_packets"
      case .nBytes: "n_bytes"
      case .idleAge: "idle_age"
      case .hardAge: "hard_age"
      case .idleTimeout: "idle_timeout"
      case .hardTimeout: "hard_timeout"
      case .importance: "importance"
      }
    }

    private static let keys = allCases.map { Array($0.key.utf8) }

    static func named(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> FlowProperty? {
      for property in allCases where OVSFlowLineParser.equal(keys[property.rawValue], name) {
        return property
      }
      return nil
    }
  }

  /// Byte for byte, without the generic iterators of `elementsEqual` (a few per field of every line).
  static func equal(_ word: [UInt8], _ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    guard word.count == bytes.count else { return false }
    var index = bytes.startIndex
    for byte in word {
      if bytes[index] != byte { return false }
      index += 1
    }
    return true
  }

  private static let protocolWords = protocols.map { Array($0.utf8) }
  private static let flagWords = flagNames.map { Array($0.utf8) }

  private static func isOne(of words: [[UInt8]], _ token: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    words.contains { equal($0, token) }
  }

  private static func apply(
    _ token: Slice<UnsafeBufferPointer<UInt8>>, to flow: inout OVSFlow, seen: inout UInt16,
    failure: (String) -> OVSFlowParseError
  ) throws(OVSFlowParseError) {
    guard let equals = token.firstIndex(of: UInt8(ascii: "=")) else {
      let word = text(token)
      if isOne(of: flagWords, token) {
        flow.flags.append(word)
      } else if flow.protocol == nil && isOne(of: protocolWords, token) {
        flow.protocol = word
      } else {
        flow.match.append(OVSMatchField(name: word))
      }
      return
    }
    let name = token[..<equals]
    let valueBytes = token[(equals + 1)...]
    if name.isEmpty { throw failure("field without a name: '\(text(token))'") }
    guard let property = FlowProperty.named(name) else {
      let key = text(name)
      if valueBytes.isEmpty { throw failure("\(key)= has no value") }
      flow.match.append(splitMask(name: key, value: valueBytes))
      return
    }
    let key = property.key
    if valueBytes.isEmpty { throw failure("\(key)= has no value") }
    // The value as text only for an error message: the numbers are read from the bytes.
    var value: String { text(valueBytes) }
    let bit: UInt16 = 1 << property.rawValue
    if seen & bit != 0 { throw failure("\(key) appears twice") }
    seen |= bit

    func integer(_ range: ClosedRange<Int>) throws(OVSFlowParseError) -> Int {
      guard let number = OVSNumber.unsigned(bytes: valueBytes), number <= UInt64(range.upperBound),
        Int(number) >= range.lowerBound
      else { throw failure("\(key)=\(value) is not a number in \(range.lowerBound)…\(range.upperBound)") }
      return Int(number)
    }
    func counter() throws(OVSFlowParseError) -> UInt64 {
      guard let number = OVSNumber.unsigned(bytes: valueBytes) else {
        throw failure("\(key)=\(value) is not a number")
      }
      return number
    }

    switch property {
    case .cookie:
      // A dump prints the plain cookie; a filter may add `/mask`, which is not part of the flow. Read as
      // `split(separator: "/")` reads it: empty pieces skipped, a value of slashes alone kept whole. A
      // non-ASCII byte takes the text's way, where a `/` with a combining mark after it is no slash.
      let number: UInt64?
      if valueBytes.allSatisfy({ $0 < 0x80 }) {
        let slash = UInt8(ascii: "/")
        let plain = valueBytes.drop { $0 == slash }
        number = OVSNumber.unsigned(bytes: plain.isEmpty ? valueBytes : plain.prefix { $0 != slash })
      } else {
        number = OVSNumber.unsigned(value.split(separator: "/", maxSplits: 1).first.map(String.init) ?? value)
      }
      guard let number else { throw failure("cookie=\(value) is not a number") }
      flow.cookie = "0x" + String(number, radix: 16)
    case .duration:
      let seconds = valueBytes.last == UInt8(ascii: "s") ? valueBytes.dropLast() : valueBytes
      guard let number = OVSNumber.decimal(bytes: seconds), number.isFinite, number >= 0 else {
        throw failure("duration=\(value) is not a time")
      }
      flow.duration = number
    case .table: flow.table = try integer(0...255)
    case .priority: flow.priority = try integer(0...65535)
    case .nPackets: flow.nPackets = try counter()
    case .nBytes: flow.nBytes = try counter()
    case .idleAge: flow.idleAge = try integer(0...Int(Int32.max))
    case .hardAge: flow.hardAge = try integer(0...Int(Int32.max))
    case .idleTimeout: flow.idleTimeout = try integer(0...65535)
    case .hardTimeout: flow.hardTimeout = try integer(0...65535)
    case .importance: flow.importance = try integer(0...65535)
    }
  }

  /// `value/mask`, where a `/` inside a quoted port name is not a mask.
  private static func splitMask(name: String, value: Slice<UnsafeBufferPointer<UInt8>>) -> OVSMatchField {
    var inQuotes = false
    var index = value.startIndex
    var slash: Int? = nil
    while index < value.endIndex {
      let byte = value[index]
      if inQuotes && byte == backslash {
        index += 2
        continue
      }
      if byte == quote { inQuotes.toggle() }
      if !inQuotes && byte == UInt8(ascii: "/") { slash = index }
      index += 1
    }
    guard let slash, slash > value.startIndex, slash < value.endIndex - 1 else {
      return OVSMatchField(name: name, value: text(value))
    }
    return OVSMatchField(name: name, value: text(value[..<slash]), mask: text(value[(slash + 1)...]))
  }

  private static func splitActions(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, failure: (String) -> OVSFlowParseError
  ) throws(OVSFlowParseError) -> [String] {
    if trimmed(bytes, start..<bytes.count).isEmpty { return [] }
    var actions: [String] = []
    func append(_ piece: Range<Int>) throws(OVSFlowParseError) {
      let action = trimmed(bytes, piece)
      if action.isEmpty { throw failure("empty action in the action list") }
      actions.append(text(bytes[action]))
    }
    let end = try forEachTopLevelPiece(
      of: bytes, from: start, separatedBy: { $0 == comma }, keepingEmptyPieces: true, in: " in actions",
      failure: failure, append)
    if case .ended(let last?) = end { try append(last) }
    return actions
  }
}
