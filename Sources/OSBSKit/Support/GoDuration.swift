/// Durations as Go's `time.ParseDuration` reads them (`300ms`, `1.5h`, `2h45m`; units ns, us (µs), ms, s,
/// m, h): the one grammar for every duration osbsctl reads, from a flag or a setting, and the short form
/// it writes them in.
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
    var total = 0.0
    while !rest.isEmpty {
      let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
      guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
      rest = rest.dropFirst(number.count)
      guard let unit = units.first(where: { rest.hasPrefix($0.name) }) else { return nil }
      rest = rest.dropFirst(unit.name.count)
      total += value * unit.seconds
    }
    return sign * total
  }

  /// A flag's or setting's duration: a Go duration or, as kubectl's `--request-timeout` and osbsctl's
  /// older flags take it, a bare number of seconds (`90`, `2.5`). Nil when malformed, negative or longer
  /// than a Duration holds in nanoseconds.
  public static func duration(_ text: String) -> Duration? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let seconds = Double(trimmed) ?? seconds(trimmed), seconds.isFinite, seconds >= 0,
      seconds < longestSeconds
    else { return nil }
    return .nanoseconds(Int64((seconds * 1e9).rounded()))
  }

  /// The longest duration read (2500000h, about 285 years): its nanoseconds still fit an `Int64`, as a Go
  /// duration's must, so no deadline or timeout made from it can overflow.
  public static let longestSeconds = 9e9

  /// `250ms`, `7.8s`, `59s`, `9m40s`, `2h5m`: short enough for a message, exact to the second from two
  /// minutes on.
  public static func text(_ duration: Duration) -> String {
    let (whole, attoseconds) = duration.components
    let milliseconds = whole * 1000 + attoseconds / 1_000_000_000_000_000
    if milliseconds < 1000 { return "\(milliseconds)ms" }
    if milliseconds < 120_000 {
      if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
      let tenths = (milliseconds + 50) / 100
      return "\(tenths / 10).\(tenths % 10)s"
    }
    let seconds = milliseconds / 1000
    var parts = ""
    if seconds >= 3600 { parts += "\(seconds / 3600)h" }
    if seconds % 3600 / 60 > 0 { parts += "\(seconds % 3600 / 60)m" }
    if seconds % 60 > 0 { parts += "\(seconds % 60)s" }
    return parts
  }

  /// Longest name first, so `ms` is not read as `m` followed by garbage.
  private static let units: [(name: String, seconds: Double)] = [
    ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
  ]
}
