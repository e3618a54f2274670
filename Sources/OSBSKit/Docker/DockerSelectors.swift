import Foundation

/// A malformed `--filter`, `--until` or `--older-than` value.
public struct DockerSelectorError: ClassifiedError, Equatable {
  public var option: String
  public var value: String
  public var expected: String

  public init(option: String, value: String, expected: String) {
    self.option = option
    self.value = value
    self.expected = expected
  }

  public var failureKind: FailureKind { .usage }

  public var description: String { "\(option) \(value): expected \(expected)" }
}

/// `label=key`, `label=key=value`, `label!=key`, `label!=key=value`, as `docker … prune --filter` takes them.
public struct DockerLabelFilter: Sendable, Equatable, CustomStringConvertible {
  public var key: String
  public var value: String?
  /// `label!=…`: objects that do NOT carry the label (or value) are selected.
  public var negated: Bool

  public init(key: String, value: String? = nil, negated: Bool = false) {
    self.key = key
    self.value = value
    self.negated = negated
  }

  /// Parses one filter argument (`option` is how the caller's users give it, for errors); only label
  /// filters exist (the other selections have their own flags).
  public init(parsing text: String, option: String) throws(DockerSelectorError) {
    let expected = "label=KEY, label=KEY=VALUE, label!=KEY or label!=KEY=VALUE"
    let negated: Bool
    let rest: Substring
    if text.hasPrefix("label!=") {
      negated = true
      rest = text.dropFirst("label!=".count)
    } else if text.hasPrefix("label=") {
      negated = false
      rest = text.dropFirst("label=".count)
    } else {
      throw DockerSelectorError(option: option, value: text, expected: expected)
    }
    let parts = rest.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    guard let key = parts.first, !key.isEmpty else {
      throw DockerSelectorError(option: option, value: text, expected: expected)
    }
    self.init(key: String(key), value: parts.count > 1 ? String(parts[1]) : nil, negated: negated)
  }

  public func matches(_ labels: [String: String]) -> Bool {
    let carries: Bool
    if let value { carries = labels[key] == value } else { carries = labels[key] != nil }
    return carries != negated
  }

  public var description: String {
    "label\(negated ? "!=" : "=")\(key)\(value.map { "=" + $0 } ?? "")"
  }
}

/// A point in time given as Docker's `until` takes it: a Go duration before now (`24h`, `1h30m`), a Unix
/// timestamp (`1700000000`, `1700000000.5`), or an RFC 3339 date (`2026-11-01T00:00:00Z`, `2026-11-01`).
public enum DockerTimeCutoff {
  public static func parse(_ text: String, option: String, now: Date) throws(DockerSelectorError) -> Date {
    let expected = "a duration such as 24h or 1h30m, a Unix timestamp, or a date such as 2026-11-01T00:00:00Z"
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 {
      return Date(timeIntervalSince1970: seconds)
    }
    if let duration = GoDuration.seconds(trimmed) {
      guard duration > 0 else {
        throw DockerSelectorError(option: option, value: text, expected: "a positive duration")
      }
      return now.addingTimeInterval(-duration)
    }
    if let date = date(trimmed) { return date }
    throw DockerSelectorError(option: option, value: text, expected: expected)
  }

  private static func date(_ text: String) -> Date? {
    // A stamp without a zone is read as UTC (Docker reads it in the daemon's zone; nodes run UTC).
    UTCTime.parseISO8601(text).map { Date(timeIntervalSince1970: $0) }
  }
}
