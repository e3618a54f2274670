import Foundation

/// A setting together with where it came from, so `config view` can answer "why is it this value?".
///
/// `source` is a file path (with `:line` when known), `flag --context`, `environment KUBECONFIG`,
/// `in-cluster service account`, or `default`.
public struct SourcedValue<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
  public var value: Value
  public var source: String

  public init(_ value: Value, source: String) {
    self.value = value
    self.source = source
  }

  func map<Other>(_ transform: (Value) throws -> Other) rethrows -> SourcedValue<Other> {
    SourcedValue<Other>(try transform(value), source: source)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: SourcedValueCodingKey.self)
    value = try container.decode(Value.self, forKey: .value)
    source = try container.decode(String.self, forKey: .source)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: SourcedValueCodingKey.self)
    try container.encode(value, forKey: .value)
    try container.encode(source, forKey: .source)
  }
}

/// `SourcedValue`'s keys, declared outside it: the synthesized `CodingKeys` nested in the generic type is
/// a type of its own for each `Value`, and the runtime built every keyed container's metadata again for
/// each of them on first use.
enum SourcedValueCodingKey: String, CodingKey {
  case value, source
}

/// Spellings of the `source` field shared by every section.
public enum SettingSource {
  public static let builtInDefault = "default"
  public static let inClusterServiceAccount = "in-cluster service account"

  public static func flag(_ name: String) -> String { "flag \(name)" }
  public static func environment(_ name: String) -> String { "environment \(name)" }
  public static func file(_ path: String, line: Int? = nil) -> String {
    guard let line else { return path }
    return "\(path):\(line)"
  }
}

/// Names of the command-line flags as they appear in `source` strings; the CLI must spell its flags the same.
public enum ConfigFlagName {
  public static let config = "--config"
  public static let profile = "--profile"
  public static let kojiConfig = "--koji-config"
  public static let kojiProfile = "--koji-profile"
  public static let kubeconfig = "--kubeconfig"
  public static let context = "--context"
  public static let namespace = "--namespace"
  public static let requestTimeout = "--request-timeout"
}

/// How secrets appear in anything that can be shown or encoded.
public enum Redaction {
  public static let placeholder = "[REDACTED]"

  /// Keys whose values are treated as secrets wherever they occur (koji.conf extras, kubeconfig fields).
  public static func isSecretKey(_ key: String) -> Bool {
    let lowered = key.lowercased()
    return ["password", "passwd", "token", "secret", "key-data", "key_data", "keydata"].contains {
      lowered.contains($0)
    }
  }
}
