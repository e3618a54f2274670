/// Helpers that keep report JSON in the one vocabulary of docs/json.md.

/// A yes/no the server may not have said (a node condition it does not report): encoded as `null` then,
/// never left out, so a script can read every boolean of a report without testing for its key.
@propertyWrapper
public struct AlwaysEncoded: Codable, Sendable, Hashable {
  public var wrappedValue: Bool?

  public init(wrappedValue: Bool?) {
    self.wrappedValue = wrappedValue
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    wrappedValue = container.decodeNil() ? nil : try container.decode(Bool.self)
  }
}

extension KeyedDecodingContainer {
  /// A report written before the key was always present still decodes (as unknown).
  public func decode(_ type: AlwaysEncoded.Type, forKey key: Key) throws -> AlwaysEncoded {
    try decodeIfPresent(type, forKey: key) ?? AlwaysEncoded(wrappedValue: nil)
  }
}

extension JSONTree {
  /// The same tree with Koji's and OSBS's snake_case member names (`koji_builds`, `git_branch`) in the
  /// camelCase of every other key: wire data is mapped where it enters a report. Only names made of
  /// lower-case letters and underscores are touched, so data used as keys (`x86_64`, `image-id`) stays.
  public var camelCasedKeys: JSONTree {
    switch self {
    case .array(let values): return .array(values.map(\.camelCasedKeys))
    case .object(let members):
      var mapped: [String: JSONTree] = [:]
      for (key, value) in members { mapped[Self.camelCase(key)] = value.camelCasedKeys }
      return .object(mapped)
    default: return self
    }
  }

  static func camelCase(_ key: String) -> String {
    let words = key.split(separator: "_", omittingEmptySubsequences: false)
    guard words.count > 1, words.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } })
    else { return key }
    return String(words[0]) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
  }
}
