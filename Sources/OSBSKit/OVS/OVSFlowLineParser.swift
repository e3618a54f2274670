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

    var seen: [String] = []
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
    for offset in 0..<actionsKeyword.count where bytes[index + offset] != actionsKeyword[offset] {
      return false
    }
    return true
  }

  private static func apply(
    _ token: Slice<UnsafeBufferPointer<UInt8>>, to flow: inout OVSFlow, seen: inout [String],
    failure: (String) -> OVSFlowParseError
  ) throws(OVSFlowParseError) {
    guard let equals = token.firstIndex(of: UInt8(ascii: "=")) else {
      let word = text(token)
      if flagNames.contains(word) {
        flow.flags.append(word)
      } else if flow.protocol == nil && protocols.contains(word) {
        flow.protocol = word
      } else {
        flow.match.append(OVSMatchField(name: word))
      }
      return
    }
    let key = text(token[..<equals])
    let valueBytes = token[(equals + 1)...]
    if key.isEmpty { throw failure("field without a name: '\(text(token))'") }
    if valueBytes.isEmpty { throw failure("\(key)= has no value") }
    // Most fields are match fields, whose value splitMask reads from the bytes; statistics need it whole.
    var value: String { text(valueBytes) }

    func once() throws(OVSFlowParseError) {
      // A handful of statistics per line: a linear scan beats hashing.
      if seen.contains(key) { throw failure("\(key) appears twice") }
      seen.append(key)
    }
    func integer(_ range: ClosedRange<Int>) throws(OVSFlowParseError) -> Int {
      guard let number = OVSNumber.unsigned(value), number <= UInt64(range.upperBound),
        Int(number) >= range.lowerBound
      else { throw failure("\(key)=\(value) is not a number in \(range.lowerBound)…\(range.upperBound)") }
      return Int(number)
    }
    func counter() throws(OVSFlowParseError) -> UInt64 {
      guard let number = OVSNumber.unsigned(value) else { throw failure("\(key)=\(value) is not a number") }
      return number
    }

    switch key {
    case "cookie":
      try once()
      // A dump prints the plain cookie; a filter may add `/mask`, which is not part of the flow.
      let plain = value.split(separator: "/", maxSplits: 1).first.map(String.init) ?? value
      guard let number = OVSNumber.unsigned(plain) else { throw failure("cookie=\(value) is not a number") }
      flow.cookie = "0x" + String(number, radix: 16)
    case "duration":
      try once()
      let seconds = value.hasSuffix("s") ? String(value.dropLast()) : value
      guard let number = Double(seconds), number.isFinite, number >= 0 else {
        throw failure("duration=\(value) is not a time")
      }
      flow.duration = number
    case "table":
      try once()
      flow.table = try integer(0...255)
    case "priority":
      try once()
      flow.priority = try integer(0...65535)
    case "n_packets":
      try once()
      flow.nPackets = try counter()
    case "n_bytes":
      try once()
      flow.nBytes = try counter()
    case "idle_age":
      try once()
      flow.idleAge = try integer(0...Int(Int32.max))
    case "hard_age":
      try once()
      flow.hardAge = try integer(0...Int(Int32.max))
    case "idle_timeout":
      try once()
      flow.idleTimeout = try integer(0...65535)
    case "hard_timeout":
      try once()
      flow.hardTimeout = try integer(0...65535)
    case "importance":
      try once()
      flow.importance = try integer(0...65535)
    default:
      flow.match.append(splitMask(name: key, value: valueBytes))
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
