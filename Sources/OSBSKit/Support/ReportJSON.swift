import Foundation

/// The JSON contract of every report (docs/json.md): sorted camelCase keys, ISO-8601 UTC times, no escaped
/// slashes. Here in the library so the golden-file tests encode exactly as `-o json` does.
public enum ReportJSON {
  public static func encoder(pretty: Bool) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty
      ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }
}
