import Foundation
import OSBSKit

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
  static func rfc3339(seconds: Int64) -> String { UTCTime.rfc3339(seconds: seconds) }

  /// `2026-01-02T03:04:05.123456789Z` (always nine digits).
  static func rfc3339Nano(nanoseconds: Int64) -> String { UTCTime.rfc3339Nano(nanoseconds: nanoseconds) }

  /// Whole seconds since the epoch of `2026-01-02T03:04:05[.frac]Z` (an offset is applied, as the API
  /// server's `metav1.Time` does).
  static func parseSeconds(_ text: String) -> Int64? {
    UTCTime.parseISO8601(text).map { Int64($0.rounded(.down)) }
  }

  /// kubectl's AGE column.
  static func humanDuration(seconds: Int64) -> String { UTCTime.humanDuration(seconds: seconds) }
}
