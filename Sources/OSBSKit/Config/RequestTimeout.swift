import Foundation

/// `--request-timeout` / `http.requestTimeout`, read as kubectl reads its flag: a Go duration (`30s`,
/// `1m30s`) or a bare number of seconds; `0` means no limit.
public enum RequestTimeout {
  static func setting(_ value: SourcedValue<String>?) throws(ConfigError) -> SourcedValue<Double>? {
    guard let value else { return nil }
    let text = value.value.trimmingCharacters(in: .whitespaces)
    guard let seconds = Double(text) ?? GoDuration.seconds(text), seconds.isFinite else {
      throw .invalidSetting(
        name: "http.requestTimeout", source: value.source,
        reason: "'\(value.value)' is not a duration (expected 30s, 2m, 1m30s or a number of seconds)")
    }
    guard seconds >= 0 else {
      throw .invalidSetting(
        name: "http.requestTimeout", source: value.source, reason: "'\(value.value)' must not be negative")
    }
    guard seconds < GoDuration.longestSeconds else {
      throw .invalidSetting(
        name: "http.requestTimeout", source: value.source,
        reason: "'\(value.value)' is too long (at most 2500000h; 0 means no limit)")
    }
    return seconds == 0 ? nil : SourcedValue(seconds, source: value.source)
  }

  /// The setting as a `Duration`.
  public static func duration(_ settings: ResolvedHTTPSettings) -> Duration? {
    settings.requestTimeout.map { .milliseconds(Int64(($0.value * 1000).rounded(.up))) }
  }
}
