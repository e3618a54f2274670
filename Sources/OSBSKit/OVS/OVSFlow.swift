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
    if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
    return UInt64(text)
  }
}
