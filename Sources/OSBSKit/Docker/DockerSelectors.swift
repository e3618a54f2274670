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

  /// Parses one `--filter` argument; only label filters exist (the other selections have their own flags).
  public init(parsing text: String) throws(DockerSelectorError) {
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
      throw DockerSelectorError(option: "--filter", value: text, expected: expected)
    }
    let parts = rest.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    guard let key = parts.first, !key.isEmpty else {
      throw DockerSelectorError(option: "--filter", value: text, expected: expected)
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
    let withFraction = ISO8601DateFormatter()
    withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = ISO8601DateFormatter().date(from: text) ?? withFraction.date(from: text) { return date }
    // Dates without a zone are read as UTC (Docker reads them in the daemon's zone; nodes run UTC).
    for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"] {
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = TimeZone(identifier: "UTC")
      formatter.dateFormat = format
      if let date = formatter.date(from: text) { return date }
    }
    return nil
  }
}

/// Go's `time.ParseDuration` syntax: `300ms`, `1.5h`, `2h45m`; units ns, us (µs), ms, s, m, h.
public enum GoDuration {
  /// Seconds, or nil when the text is not a Go duration. A bare `0` is zero, as in Go.
  public static func seconds(_ text: String) -> Double? {
    var rest = Substring(text)
    var sign = 1.0
    if rest.first == "-" || rest.first == "+" {
      sign = rest.first == "-" ? -1 : 1
      rest = rest.dropFirst()
    }
    if rest == "0" { return 0 }
    guard !rest.isEmpty else { return nil }
    let units: [(String, Double)] = [
      ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ]
    var total = 0.0
    while !rest.isEmpty {
      let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
      guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
      rest = rest.dropFirst(number.count)
      // Longest unit first so "ms" is not read as "m" followed by garbage.
      guard let unit = units.sorted(by: { $0.0.count > $1.0.count }).first(where: { rest.hasPrefix($0.0) })
      else { return nil }
      rest = rest.dropFirst(unit.0.count)
      total += value * unit.1
    }
    return sign * total
  }
}
