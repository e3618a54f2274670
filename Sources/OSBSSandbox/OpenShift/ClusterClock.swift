import Foundation

/// Time as the API writes it: RFC 3339 in UTC, whole seconds for object timestamps and nanoseconds
/// for log-line stamps.
enum ClusterClock {
  static func nowNanoseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
  }

  static func nowSeconds() -> Int64 { nowNanoseconds() / 1_000_000_000 }

  /// `2026-01-02T03:04:05Z`.
  static func rfc3339(seconds: Int64) -> String {
    let (date, time) = civil(seconds)
    return date + "T" + time + "Z"
  }

  /// `2026-01-02T03:04:05.123456789Z` (always nine digits).
  static func rfc3339Nano(nanoseconds: Int64) -> String {
    let seconds = nanoseconds / 1_000_000_000
    let fraction = nanoseconds % 1_000_000_000
    let (date, time) = civil(seconds)
    return date + "T" + time + "." + pad(fraction, 9) + "Z"
  }

  /// Seconds since the epoch of `2026-01-02T03:04:05[.frac]Z`.
  static func parseSeconds(_ text: String) -> Int64? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20 else { return nil }
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
    return daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
  }

  static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  private static func civil(_ seconds: Int64) -> (String, String) {
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
    let date = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    let time =
      pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay % 3600 / 60, 2) + ":" + pad(secondOfDay % 60, 2)
    return (date, time)
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  /// kubectl's AGE column (apimachinery `duration.HumanDuration`).
  static func humanDuration(seconds: Int64) -> String {
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
}
