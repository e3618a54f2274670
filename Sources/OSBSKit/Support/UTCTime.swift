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

  /// The whole second of `date` as `2026-01-02T03:04:05Z`.
  public static func rfc3339(_ date: Date) -> String {
    rfc3339(seconds: Int64(date.timeIntervalSince1970.rounded(.down)))
  }

  /// `2026-01-02T03:04:05.123456789Z` (always nine digits).
  public static func rfc3339Nano(nanoseconds: Int64) -> String {
    let seconds = nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds - 999_999_999) / 1_000_000_000
    return civilText(seconds: seconds, separator: "T") + "." + pad(nanoseconds - seconds * 1_000_000_000, 9)
      + "Z"
  }

  /// An RFC 3339 UTC stamp (`…05Z`, `…05.25Z`, up to nine fraction digits) as seconds and nanoseconds
  /// since the epoch; nil for anything else (offsets other than `Z` included).
  public static func parseRFC3339(_ text: Substring) -> (seconds: Int64, nanoseconds: Int32)? {
    guard let stamp = Stamp(text), stamp.zone == .utc, stamp.hasTime else { return nil }
    return (stamp.seconds, stamp.nanoseconds)
  }

  /// An ISO 8601 date or date and time, as people type one and as Koji's and Docker's time filters take
  /// it: `2026-11-01`, `2026-11-01T00:00:00`, `2026-11-01T00:00:00.5Z`, `2026-11-01T02:00:00+02:00`. A
  /// stamp without a zone is UTC. Seconds since the epoch; nil for anything else.
  public static func parseISO8601(_ text: String) -> Double? {
    guard let stamp = Stamp(Substring(text)) else { return nil }
    return Double(stamp.seconds) + Double(stamp.nanoseconds) / 1e9
  }

  /// One reading of `YYYY-MM-DD[Thh:mm:ss[.fraction]][Z|±hh:mm]` behind both public parsers.
  struct Stamp {
    enum Zone { case none, utc, offset }
    var seconds: Int64
    var nanoseconds: Int32 = 0
    var zone = Zone.none
    var hasTime = false

    init?(_ text: Substring) {
      let bytes = Array(text.utf8)
      func number(_ range: Range<Int>, in valid: ClosedRange<Int64>) -> Int64? {
        guard range.upperBound <= bytes.count else { return nil }
        var value: Int64 = 0
        for index in range {
          let digit = Int64(bytes[index]) - 48
          guard (0...9).contains(digit) else { return nil }
          value = value * 10 + digit
        }
        return valid.contains(value) ? value : nil
      }
      func byte(_ index: Int, is choices: String) -> Bool {
        index < bytes.count && choices.utf8.contains(bytes[index])
      }
      guard byte(4, is: "-"), byte(7, is: "-"), let year = number(0..<4, in: 0...9999),
        let month = number(5..<7, in: 1...12), let day = number(8..<10, in: 1...31)
      else { return nil }
      seconds = UTCTime.daysFromCivil(year: year, month: month, day: day) * 86_400
      guard bytes.count > 10 else { return }
      guard byte(10, is: "Tt"), byte(13, is: ":"), byte(16, is: ":"), let hour = number(11..<13, in: 0...23),
        let minute = number(14..<16, in: 0...59), let second = number(17..<19, in: 0...60)
      else { return nil }
      seconds += hour * 3600 + minute * 60 + second
      hasTime = true
      var index = 19
      if byte(index, is: ".") {
        let digits = bytes[(index + 1)...].prefix { (48...57).contains($0) }.count
        guard (1...9).contains(digits),
          var fraction = number((index + 1)..<(index + 1 + digits), in: 0...999_999_999)
        else { return nil }
        for _ in digits..<9 { fraction *= 10 }
        nanoseconds = Int32(fraction)
        index += 1 + digits
      }
      if index == bytes.count { return }
      if byte(index, is: "Zz"), index + 1 == bytes.count {
        zone = .utc
        return
      }
      guard byte(index, is: "+-"), bytes.count == index + 6, byte(index + 3, is: ":"),
        let hours = number((index + 1)..<(index + 3), in: 0...23),
        let minutes = number((index + 4)..<(index + 6), in: 0...59)
      else { return nil }
      seconds -= (bytes[index] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
      zone = .offset
    }
  }

  /// RFC 9110's IMF-fixdate, as HTTP servers write `Date`: `Fri, 04 Dec 2026 16:16:54 GMT`.
  public static func httpDate(seconds: Int64) -> String {
    let c = civil(seconds: seconds)
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    // 1970-01-01 was a Thursday.
    let weekday = weekdays[Int(((days % 7) + 7 + 3) % 7)]
    return weekday + ", " + pad(c.day, 2) + " " + months[Int(c.month) - 1] + " " + pad(c.year, 4) + " "
      + pad(c.hour, 2) + ":" + pad(c.minute, 2) + ":" + pad(c.second, 2) + " GMT"
  }

  /// An IMF-fixdate `Date` header as seconds since the epoch; nil for anything else.
  public static func parseHTTPDate(_ text: String) -> Int64? {
    let fields = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
    guard fields.count == 6, fields[0].count == 4, fields[0].hasSuffix(","),
      weekdays.contains(String(fields[0].dropLast())), fields[1].count == 2, let day = Int64(fields[1]),
      let month = months.firstIndex(of: String(fields[2])), fields[3].count == 4, let year = Int64(fields[3]),
      fields[4].count == 8, fields[5] == "GMT", let time = Stamp(Substring("1970-01-01T" + fields[4])),
      time.zone == .none, (1...31).contains(day)
    else { return nil }
    return daysFromCivil(year: year, month: Int64(month) + 1, day: day) * 86_400 + time.seconds
  }

  private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

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
