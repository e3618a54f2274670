import Foundation

/// One field of a flow's match as `ovs-ofctl` printed it: `nw_dst=10.128.0.0/16`, `in_port="veth-a"`,
/// or a bare keyword such as `tcp` or `vlan_tci` without a value.
public struct OVSMatchField: Codable, Sendable, Equatable {
  public var name: String
  /// The value without its mask, as printed (hex stays hex, quoted port names keep their quotes);
  /// nil for a bare keyword.
  public var value: String?
  /// The part after `/` (`16`, `255.255.0.0`, `00:00:ff:ff:ff:ff`), when the field is masked.
  public var mask: String?

  public init(name: String, value: String? = nil, mask: String? = nil) {
    self.name = name
    self.value = value
    self.mask = mask
  }

  /// The field exactly as it goes back to `ovs-ofctl`.
  public var text: String {
    guard let value else { return name }
    guard let mask else { return "\(name)=\(value)" }
    return "\(name)=\(value)/\(mask)"
  }
}

/// One flow of an `ovs-ofctl dump-flows` reply.
///
/// Absent fields mean what OVS means by leaving them out: cookie 0, table 0, priority 32768. Statistics
/// (`duration`, `nPackets`, …) are nil when the dump was taken with `--no-stats`.
public struct OVSFlow: Codable, Sendable, Equatable {
  /// The priority OVS leaves out of its output.
  public static let defaultPriority = 32768

  /// Hex as OVS prints it (`0x0`); a string because cookies are 64-bit and JSON numbers are not.
  public var cookie: String
  public var table: Int
  public var priority: Int
  /// Seconds since the flow was added.
  public var duration: Double?
  public var nPackets: UInt64?
  public var nBytes: UInt64?
  public var idleAge: Int?
  public var hardAge: Int?
  public var idleTimeout: Int?
  public var hardTimeout: Int?
  public var importance: Int?
  /// `send_flow_rem`, `check_overlap`, `reset_counts`, `no_packet_counts`, `no_byte_counts`.
  public var flags: [String]
  /// The protocol shorthand of the match (`ip`, `arp`, `tcp`, …), when there is one.
  public var `protocol`: String?
  /// Every match field in printed order, the protocol keyword excluded.
  public var match: [OVSMatchField]
  /// Each action as printed; commas inside `()` and `[]` stay inside their action.
  public var actions: [String]
  /// 1-based line of the dump this flow came from.
  public var line: Int
  /// The line as `ovs-ofctl` printed it, without surrounding white space.
  public var raw: String

  enum CodingKeys: String, CodingKey {
    case duration = "durationSeconds"
    case cookie, table, priority, nPackets, nBytes, idleAge, hardAge, idleTimeout, hardTimeout, importance
    case flags, `protocol`, match, actions, line, raw
  }

  public init(
    cookie: String = "0x0", table: Int = 0, priority: Int = OVSFlow.defaultPriority,
    protocol: String? = nil, match: [OVSMatchField] = [], actions: [String] = [], line: Int = 0,
    raw: String = ""
  ) {
    self.cookie = cookie
    self.table = table
    self.priority = priority
    self.flags = []
    self.protocol = `protocol`
    self.match = match
    self.actions = actions
    self.line = line
    self.raw = raw
  }

  /// The cookie as a number.
  public var cookieValue: UInt64 { OVSNumber.unsigned(cookie) ?? 0 }

  /// The protocol and the match fields, comma-joined as OVS prints them (`arp,in_port=5,arp_spa=10.0.0.5`).
  public var matchText: String {
    ((self.protocol.map { [$0] } ?? []) + match.map(\.text)).joined(separator: ",")
  }

  /// Table, priority and match: what `ovs-ofctl --strict del-flows` needs to remove exactly this flow.
  public var strictMatch: String {
    let match = matchText
    return "table=\(table),priority=\(priority)" + (match.isEmpty ? "" : "," + match)
  }

  public var actionsText: String { actions.joined(separator: ",") }

  /// The first match field of that name.
  public func field(_ name: String) -> OVSMatchField? { match.first { $0.name == name } }
}

/// A parsed `ovs-ofctl dump-flows` reply.
public struct OVSFlowDump: Codable, Sendable, Equatable {
  /// Header lines such as `OFPST_FLOW reply (OF1.3) (xid=0x2):`, in order.
  public var headers: [String]
  public var flows: [OVSFlow]

  public init(headers: [String] = [], flows: [OVSFlow]) {
    self.headers = headers
    self.flows = flows
  }

  /// Parses the text `ovs-ofctl dump-flows` prints, with or without statistics and header lines.
  public static func parse(_ text: String) throws(OVSFlowParseError) -> OVSFlowDump {
    var text = text
    var result: Result<OVSFlowDump, OVSFlowParseError> = .success(OVSFlowDump(flows: []))
    text.withUTF8 { result = parse(utf8: $0) }
    return try result.get()
  }

  /// One pass over the dump's bytes: each line is parsed where it lies (20,000 lines are a few MB, and
  /// splitting them into arrays first cost more than parsing them).
  private static func parse(utf8 text: UnsafeBufferPointer<UInt8>) -> Result<OVSFlowDump, OVSFlowParseError> {
    var headers: [String] = []
    var flows: [OVSFlow] = []
    var lineNumber = 0
    var start = 0
    while start <= text.count {
      let end = text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.count
      lineNumber += 1
      let bytes = UnsafeBufferPointer(rebasing: text[OVSFlowLineParser.trimmed(text, start..<end)])
      start = end + 1
      if bytes.isEmpty { continue }
      if OVSFlowLineParser.isHeader(bytes) {
        headers.append(String(decoding: bytes, as: UTF8.self))
        continue
      }
      do {
        flows.append(try OVSFlowLineParser.parse(bytes, line: lineNumber))
      } catch {
        return .failure(error)
      }
    }
    return .success(OVSFlowDump(headers: headers, flows: flows))
  }
}

/// A dump line that is not a flow, with its 1-based line number.
public struct OVSFlowParseError: ClassifiedError, Equatable {
  public var line: Int
  public var reason: String
  /// The offending line, shortened.
  public var text: String

  public init(line: Int, reason: String, text: String) {
    self.line = line
    self.reason = reason
    self.text = text
  }

  public var failureKind: FailureKind { .usage }
  public var description: String { "flow dump line \(line): \(reason): \(text)" }
}

/// Numbers as OVS prints them: decimal, or hex with `0x`.
enum OVSNumber {
  static func unsigned(_ text: String) -> UInt64? {
    var text = text
    return text.withUTF8 { unsigned(bytes: $0[...]) }
  }

  /// What `UInt64(text)` reads, or `UInt64(text.dropFirst(2), radix: 16)` after `0x`/`0X` (an optional
  /// `+` or `-` first, `-` only of zero), read from the bytes: a dump has a few numbers on each of
  /// thousands of lines, and making a `String` of each cost more than reading it.
  static func unsigned(bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
    var digits = bytes
    var radix: UInt64 = 10
    if digits.count >= 2, digits.first == UInt8(ascii: "0"),
      digits[digits.startIndex + 1] | 0x20 == UInt8(ascii: "x")
    {
      digits = digits.dropFirst(2)
      radix = 16
    }
    var negative = false
    if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
      negative = sign == UInt8(ascii: "-")
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty else { return nil }
    var value: UInt64 = 0
    for byte in digits {
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
      let (sum, carry) = shifted.addingReportingOverflow(UInt64(digit))
      if overflow || carry { return nil }
      value = sum
    }
    return negative && value != 0 ? nil : value
  }

  private static let powersOfTen: [Double] = [
    1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  ]

  /// What `Double(text)` reads. A plain decimal of at most 15 digits (`2.744`, what `duration=` holds) is
  /// read here: its digits make an integer below 2⁵³ and 10ᵏ for k ≤ 15 is exact, so the one division is
  /// rounded as `strtod` rounds. Anything else (exponents, signs, `inf`, longer numbers) goes to `Double`.
  static func decimal(bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
    var mantissa: UInt64 = 0
    var digits = 0
    var whole = 0
    var fraction: Int? = nil
    for byte in bytes {
      if byte == UInt8(ascii: "."), fraction == nil {
        fraction = 0
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 15 else {
        return Double(OVSFlowLineParser.text(bytes))
      }
      mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
      digits += 1
      if let places = fraction { fraction = places + 1 } else { whole += 1 }
    }
    guard whole > 0, fraction != 0 else { return Double(OVSFlowLineParser.text(bytes)) }
    return Double(mantissa) / powersOfTen[fraction ?? 0]
  }
}
