import Foundation

/// Which openshift-sdn generation laid out br0's tables.
public enum SDNLayout: String, Codable, Sendable, CaseIterable {
  /// Origin 1.2/1.3 and OpenShift 3.4–3.5: per-pod flows in tables 2 (from pod), 6 (ARP to pod) and
  /// 7 (IP to pod).
  case origin13 = "origin-1.3"
  /// OpenShift 3.6 and later: tables 20 (from pod), 25 (source VNID), 40 (ARP to pod), 70 (IP to pod),
  /// and NetworkPolicy isolation flows in 27/80.
  case openshift3 = "openshift-3.x"
  /// Per-pod flows of both layouts on one bridge (flows left over from a plugin migration).
  case mixed
  /// No per-pod flow of either layout.
  case unknown
}

/// What a per-pod flow does for its pod.
public enum SDNPodFlowRole: String, Codable, Sendable, CaseIterable, Comparable {
  /// Table 2/20, `arp, in_port=<port>, arp_spa=<ip>`: ARP sent by the pod.
  case fromPodARP = "from-pod-arp"
  /// Table 2/20, `ip, in_port=<port>, nw_src=<ip>`: IP sent by the pod.
  case fromPodIP = "from-pod-ip"
  /// Table 25, `ip, nw_src=<ip>`: the pod's VNID for traffic coming back from a service.
  case sourceVNID = "source-vnid"
  /// Table 6/40, `arp, arp_tpa=<ip>`: ARP delivered to the pod's port.
  case toPodARP = "to-pod-arp"
  /// Table 7/70, `ip, nw_dst=<ip>`: IP delivered to the pod's port.
  case toPodIP = "to-pod-ip"
  /// Tables 27/80 priority 500: NetworkPolicy isolation (drop) of the pod's address.
  case policyIsolation = "policy-isolation"

  /// The flows every live pod has in every layout; without one, the pod cannot talk or be reached.
  public static let required: [SDNPodFlowRole] = [.fromPodARP, .fromPodIP, .toPodARP, .toPodIP]

  public static func < (lhs: SDNPodFlowRole, rhs: SDNPodFlowRole) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }

  /// The table that holds this role's flow in a layout.
  public func table(in layout: SDNLayout) -> Int {
    let old = layout == .origin13
    switch self {
    case .fromPodARP, .fromPodIP: return old ? 2 : 20
    case .sourceVNID: return 25
    case .toPodARP: return old ? 6 : 40
    case .toPodIP: return old ? 7 : 70
    case .policyIsolation: return 27
    }
  }

  var phrase: String {
    switch self {
    case .fromPodARP: return "ARP from the pod"
    case .fromPodIP: return "IP from the pod"
    case .sourceVNID: return "source VNID"
    case .toPodARP: return "ARP to the pod"
    case .toPodIP: return "IP to the pod"
    case .policyIsolation: return "NetworkPolicy isolation"
    }
  }
}

/// A flow openshift-sdn installs for one pod address: its IP, its role and the OVS port it names.
public struct SDNPodFlow: Sendable, Equatable {
  public var flow: OVSFlow
  public var ip: String
  public var role: SDNPodFlowRole
  /// The pod's port as the flow names it (`in_port`, `output:`, `load:<port>->NXM_NX_REG2[]`), in decimal
  /// when it is a number; nil for roles that name no port.
  public var port: String?
  public var layout: SDNLayout

  /// Recognises the per-pod flows of both layouts (priority 100, or 500 for isolation, with a single-host
  /// address); every other flow (defaults, gateway, node and service flows) gives nil.
  public static func recognise(_ flow: OVSFlow) -> SDNPodFlow? {
    let layout: SDNLayout
    switch flow.table {
    case 2, 6, 7: layout = .origin13
    case 20, 25, 40, 70, 27, 80: layout = .openshift3
    default: return nil
    }
    let isolation = flow.table == 27 || flow.table == 80
    guard flow.priority == (isolation ? 500 : 100) else { return nil }
    let isARP = flow.protocol == "arp"
    let isIP = flow.protocol == "ip"
    guard isARP || isIP else { return nil }

    func host(_ names: [String]) -> String? {
      for name in names {
        if let field = flow.field(name), let value = field.value {
          return singleHost(value, mask: field.mask)
        }
      }
      return nil
    }
    let source = isARP ? host(["arp_spa", "nw_src"]) : host(["nw_src"])
    let destination = isARP ? host(["arp_tpa", "nw_dst"]) : host(["nw_dst"])

    switch flow.table {
    case 2, 20:
      guard let ip = source, let inPort = flow.field("in_port")?.value else { return nil }
      return SDNPodFlow(
        flow: flow, ip: ip, role: isARP ? .fromPodARP : .fromPodIP, port: normalisedPort(inPort),
        layout: layout)
    case 25:
      guard isIP, let ip = source else { return nil }
      return SDNPodFlow(flow: flow, ip: ip, role: .sourceVNID, port: nil, layout: layout)
    case 6, 40:
      guard isARP, let ip = destination else { return nil }
      return SDNPodFlow(flow: flow, ip: ip, role: .toPodARP, port: outputPort(flow.actions), layout: layout)
    case 7, 70:
      guard isIP, let ip = destination else { return nil }
      return SDNPodFlow(
        flow: flow, ip: ip, role: .toPodIP, port: outputPort(flow.actions) ?? register2Port(flow.actions),
        layout: layout)
    case 27:
      guard isIP, let ip = source else { return nil }
      return SDNPodFlow(flow: flow, ip: ip, role: .policyIsolation, port: nil, layout: layout)
    case 80:
      guard isIP, let ip = destination else { return nil }
      return SDNPodFlow(flow: flow, ip: ip, role: .policyIsolation, port: nil, layout: layout)
    default:
      return nil
    }
  }

  /// An IPv4 address naming one host (no mask, or /32), in canonical dotted form.
  static func singleHost(_ value: String, mask: String?) -> String? {
    if let mask, mask != "32", mask != "255.255.255.255" { return nil }
    return IPv4.canonical(value)
  }

  static func normalisedPort(_ text: String) -> String {
    if let number = OVSNumber.unsigned(text) { return String(number) }
    return text
  }

  static func outputPort(_ actions: [String]) -> String? {
    for action in actions {
      if let port = between("output:", "", in: action) { return normalisedPort(port) }
    }
    return nil
  }

  /// `load:0x5->NXM_NX_REG2[]` or `set_field:0x5->reg2`: era C/D hand the output port to table 80 in REG2.
  static func register2Port(_ actions: [String]) -> String? {
    for action in actions {
      if let port = between("load:", "->NXM_NX_REG2[]", in: action)
        ?? between("set_field:", "->reg2", in: action)
      {
        return normalisedPort(port)
      }
    }
    return nil
  }

  /// `text` without `prefix` and `suffix`, or nil when it lacks either. Cut by bytes: once `hasPrefix` and
  /// `hasSuffix` (which compare characters) agree, the ASCII prefix and suffix are whole characters of
  /// `text`, so their bytes are its first and last, and counting characters to drop them cost more than
  /// the rest of a flow's recognition.
  private static func between(_ prefix: String, _ suffix: String, in text: String) -> String? {
    guard text.hasPrefix(prefix), text.hasSuffix(suffix),
      text.utf8.count >= prefix.utf8.count + suffix.utf8.count
    else { return nil }
    return String(Substring(text.utf8.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count)))
  }
}

/// Dotted-quad IPv4 addresses, parsed without Foundation's resolver.
///
/// Read byte by byte: a check of 20,000 flows reads an address from each and sorts by them, and splitting
/// each into four Substrings and joining four Strings back was a third of `ovs check`'s instructions.
enum IPv4 {
  /// The address and whether `text` is already its canonical form (no leading zeros).
  private static func parse(_ text: String) -> (value: UInt32, isCanonical: Bool)? {
    var result: UInt32 = 0
    var octet: UInt32 = 0
    var digits = 0
    var octets = 0
    var isCanonical = true
    for byte in text.utf8 {
      if byte == UInt8(ascii: ".") {
        guard digits > 0, octets < 3, octet <= 255 else { return nil }
        result = result << 8 | octet
        octets += 1
        octet = 0
        digits = 0
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 3 else { return nil }
      if digits == 1 && octet == 0 { isCanonical = false }
      octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
      digits += 1
    }
    guard digits > 0, octets == 3, octet <= 255 else { return nil }
    return (result << 8 | octet, isCanonical)
  }

  static func value(_ text: String) -> UInt32? {
    guard let (value, _) = parse(text) else { return nil }
    return value
  }

  static func canonical(_ text: String) -> String? {
    guard let (value, isCanonical) = parse(text) else { return nil }
    if isCanonical { return text }
    return [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xff) }.joined(separator: ".")
  }

  /// Numeric order, with anything that is not an IPv4 address after all addresses.
  static func sortKey(_ text: String) -> UInt64 {
    value(text).map(UInt64.init) ?? UInt64.max
  }

  static func less(_ lhs: String, _ rhs: String) -> Bool {
    (sortKey(lhs), lhs) < (sortKey(rhs), rhs)
  }
}
