import Foundation

/// The JSON contract of every report (docs/json.md): sorted camelCase keys, ISO-8601 UTC times, no escaped
/// slashes. Here in the library so the golden-file tests encode exactly as `-o json` does.
public enum ReportJSON {
  /// A report's JSON as `-o json` writes it: the bytes `encoder(pretty:)` gives for `value`.
  ///
  /// Made by `JSONText` from `JSONTreeEncoder(for: .writing)`'s tree rather than by `JSONEncoder`, which
  /// casts every value it meets to its private marker protocols (the first cast of each type scans every
  /// conformance record of the binary) and builds each keyed container's type from its mangled name: 1.6 M
  /// instructions of a `config view -o json`. A value holding a `Float`, a `Decimal` or an integer beyond
  /// `Int64` is left to `JSONEncoder`, whose text for them does not come from a `Double` or an `Int64`.
  public static func data<T: Encodable>(_ value: T, pretty: Bool) throws -> Data {
    do {
      return try JSONTreeEncoder(for: .writing).jsonText(value, pretty: pretty)
    } catch is JSONTextFallback {
      return try encoder(pretty: pretty).encode(value)
    }
  }

  /// Foundation's encoder set to the contract: what `data(_:pretty:)` is held to.
  public static func encoder(pretty: Bool) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty
      ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }
}
