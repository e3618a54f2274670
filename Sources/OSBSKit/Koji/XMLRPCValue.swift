import Foundation

/// One XML-RPC value, with koji's extensions (`<nil/>`, `<i8>`). Structs keep member order, because the
/// order is part of what a request looks like on the wire (koji's kwargs struct ends with `__starstar`).
public indirect enum XMLRPCValue: Sendable, Hashable {
  case int(Int64)
  case bool(Bool)
  case string(String)
  case double(Double)
  /// `dateTime.iso8601` text as sent; the hub itself sends times as strings and `*_ts` floats instead.
  case dateTime(String)
  case base64(Data)
  case array([XMLRPCValue])
  case structure([XMLRPCMember])
  case null
}

public struct XMLRPCMember: Sendable, Hashable {
  public var name: String
  public var value: XMLRPCValue

  public init(_ name: String, _ value: XMLRPCValue) {
    self.name = name
    self.value = value
  }
}

extension XMLRPCValue {
  /// A struct member by name (the last one wins, as in Python's dict).
  public subscript(key: String) -> XMLRPCValue? {
    guard case .structure(let members) = self else { return nil }
    return members.last { $0.name == key }?.value
  }

  public var intValue: Int64? {
    switch self {
    case .int(let value): value
    // The hub sends some sizes as strings (listTaskOutput's st_size).
    case .string(let text): Int64(text)
    case .double(let value) where value.rounded() == value && abs(value) < 9.2e18: Int64(value)
    default: nil
    }
  }

  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  public var boolValue: Bool? {
    switch self {
    case .bool(let value): value
    case .int(let value): value != 0
    default: nil
    }
  }

  public var doubleValue: Double? {
    switch self {
    case .double(let value): value
    case .int(let value): Double(value)
    case .string(let text): Double(text)
    default: nil
    }
  }

  public var arrayValue: [XMLRPCValue]? {
    if case .array(let values) = self { return values }
    return nil
  }

  public var members: [XMLRPCMember]? {
    if case .structure(let members) = self { return members }
    return nil
  }

  public var isNull: Bool { self == .null }

  /// Builds a struct from ordered pairs.
  public static func object(_ pairs: KeyValuePairs<String, XMLRPCValue>) -> XMLRPCValue {
    .structure(pairs.map { XMLRPCMember($0.key, $0.value) })
  }
}

extension XMLRPCValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByArrayLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int64) { self = .int(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: XMLRPCValue...) { self = .array(elements) }
  public init(floatLiteral value: Double) { self = .double(value) }
  public init(nilLiteral: ()) { self = .null }
}

/// A method call: positional arguments, plus keyword arguments sent the koji way (a trailing struct
/// marked with `__starstar: true`).
public struct XMLRPCCall: Sendable, Hashable {
  public var method: String
  public var params: [XMLRPCValue]

  public init(_ method: String, _ positional: [XMLRPCValue] = [], keywords: [XMLRPCMember] = []) {
    self.method = method
    self.params = positional
    if !keywords.isEmpty {
      params.append(.structure(keywords + [XMLRPCMember("__starstar", .bool(true))]))
    }
  }

  /// Splits koji-style kwargs back out of the parameter list (what the hub's `decode_args` does).
  public var positionalAndKeywords: (positional: [XMLRPCValue], keywords: [String: XMLRPCValue]) {
    guard let last = params.last, case .structure(let members) = last,
      members.contains(where: { $0.name == "__starstar" && $0.value.boolValue == true })
    else { return (params, [:]) }
    var keywords: [String: XMLRPCValue] = [:]
    for member in members where member.name != "__starstar" { keywords[member.name] = member.value }
    return (Array(params.dropLast()), keywords)
  }
}

/// A `<fault>`: koji's error channel (codes in `KojiFaultCode`).
public struct XMLRPCFault: Error, Sendable, Hashable {
  public var code: Int
  public var message: String

  public init(code: Int, message: String) {
    self.code = code
    self.message = message
  }
}

public enum XMLRPCResponse: Sendable, Hashable {
  case success(XMLRPCValue)
  case fault(XMLRPCFault)
}
