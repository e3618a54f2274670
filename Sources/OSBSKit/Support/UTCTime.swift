import Foundation

/// Civil time in UTC, done by arithmetic (no formatter, no locale): what the API servers write and what
/// people read. One implementation for the library, the command line and the sandbox.
public enum UTCTime {
  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days-from-civil).
  public static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The date and time of day of `seconds` since the epoch (the inverse of `daysFromCivil`).
  public static func civil(
    seconds: Int64
  ) -> (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60)
  }

  /// `2026-01-02 03:04:05` (Koji's and Python logging's form, without a fraction).
  public static func civilText(seconds: Int64, separator: String = " ") -> String {
    let c = civil(seconds: seconds)
    return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) + separator + pad(c.hour, 2) + ":"
      + pad(c.minute, 2) + ":" + pad(c.second, 2)
  }

  /// `2026-01-02T03:04:05Z`.
  public static func rfc3339(seconds: Int64) -> String { civilText(seconds: seconds, separator: "T") + "Z" }

  /// `2026-01-02T03:04:05.123456789Z` (always nine digits).
  public static func rfc3339Nano(nanoseconds: Int64) -> String {
    let seconds = nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds - 999_999_999) / 1_000_000_000
    return civilText(seconds: seconds, separator: "T") + "." + pad(nanoseconds - seconds * 1_000_000_000, 9)
      + "Z"
  }

  /// An RFC 3339 UTC stamp (`…05Z`, `…05.25Z`, up to nine fraction digits) as seconds and nanoseconds
  /// since the epoch; nil for anything else (offsets other than `Z` included).
  public static func parseRFC3339(_ text: Substring) -> (seconds: Int64, nanoseconds: Int32)? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[4] == UInt8(ascii: "-"),
      bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
    else { return nil }
    func number(_ range: Range<Int>) -> Int64? {
      var value: Int64 = 0
      for index in range {
        let digit = Int64(bytes[index]) - 48
        guard (0...9).contains(digit) else { return nil }
        value = value * 10 + digit
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
    else { return nil }
    var nanos: Int64 = 0
    if bytes.count > 20 {
      let digits = bytes.count - 21
      guard bytes[19] == UInt8(ascii: "."), (1...9).contains(digits),
        let fraction = number(20..<(bytes.count - 1))
      else { return nil }
      nanos = fraction
      for _ in 0..<(9 - digits) { nanos *= 10 }
    }
    let seconds =
      daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    return (seconds, Int32(nanos))
  }

  /// The stamp as a `Date`; nil when it is not RFC 3339 UTC.
  public static func date(rfc3339 text: String) -> Date? {
    guard let parsed = parseRFC3339(Substring(text)) else { return nil }
    return Date(timeIntervalSince1970: Double(parsed.seconds) + Double(parsed.nanoseconds) / 1e9)
  }

  /// kubectl's AGE and DURATION form (apimachinery's `HumanDuration`): `45s`, `3m20s`, `17m`, `5h12m`,
  /// `30h`, `3d4h`, `30d`, `3y10d`, `9y`.
  public static func humanDuration(seconds: Int64) -> String {
    if seconds < -1 { return "<invalid>" }
    if seconds < 0 { return "0s" }
    if seconds < 120 { return "\(seconds)s" }
    let minutes = seconds / 60
    if minutes < 10 {
      let rest = seconds % 60
      return rest == 0 ? "\(minutes)m" : "\(minutes)m\(rest)s"
    }
    if minutes < 180 { return "\(minutes)m" }
    let hours = minutes / 60
    if hours < 8 {
      let rest = minutes % 60
      return rest == 0 ? "\(hours)h" : "\(hours)h\(rest)m"
    }
    if hours < 48 { return "\(hours)h" }
    if hours < 24 * 8 {
      let rest = hours % 24
      return rest == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(rest)h"
    }
    if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
    if hours < 24 * 365 * 8 {
      let rest = (hours / 24) % 365
      return rest == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(rest)d"
    }
    return "\(hours / 24 / 365)y"
  }

  static func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }
}
