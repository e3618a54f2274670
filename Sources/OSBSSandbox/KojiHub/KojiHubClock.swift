import Foundation
import OSBSKit
import Synchronization

/// The hub's notion of "now": wall time scaled by a speed factor, plus a manual offset.
///
/// The simulated builder derives every task state and log size from this clock, so a test can run a
/// ten-second build in no time: `speed: 0` freezes the clock and `advance(by:)` moves it on.
public final class KojiHubClock: Sendable {
  private struct Reading: Sendable {
    var simulatedBase: Date
    var realBase: Date
    var speed: Double
  }

  private let reading: Mutex<Reading>

  /// `start` is the simulated time at creation; `speed` 1 runs at wall-clock pace, 0 stands still.
  public init(start: Date = Date(), speed: Double = 1) {
    reading = Mutex(Reading(simulatedBase: start, realBase: Date(), speed: max(0, speed)))
  }

  /// A clock that only moves when told to.
  public static func manual(start: Date = Date(timeIntervalSince1970: 1_795_921_351)) -> KojiHubClock {
    KojiHubClock(start: start, speed: 0)
  }

  public func now() -> Date {
    reading.withLock { Self.simulated($0, at: Date()) }
  }

  public var speed: Double {
    get { reading.withLock { $0.speed } }
    set {
      let real = Date()
      reading.withLock { state in
        state.simulatedBase = Self.simulated(state, at: real)
        state.realBase = real
        state.speed = max(0, newValue)
      }
    }
  }

  /// Moves simulated time forward (a negative amount is ignored: time never runs backwards).
  public func advance(by seconds: TimeInterval) {
    guard seconds > 0 else { return }
    reading.withLock { $0.simulatedBase += seconds }
  }

  private static func simulated(_ state: Reading, at real: Date) -> Date {
    state.simulatedBase + real.timeIntervalSince(state.realBase) * state.speed
  }
}

/// Renders times the way the hub does: `isoformat(' ')` strings (database timestamps have microsecond
/// precision; Python drops the fraction when it is zero) and float seconds.
enum KojiTime {
  static func microseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
  }

  /// `2026-11-29 03:02:31.694879+00:00`.
  static func isoString(_ date: Date) -> String {
    let micros = microseconds(date)
    let seconds = micros.floorDivided(by: 1_000_000)
    let fraction = micros - seconds * 1_000_000
    var text = civil(seconds)
    if fraction != 0 { text += "." + pad(Int(fraction), 6) }
    return text + "+00:00"
  }

  static func timestamp(_ date: Date) -> Double {
    Double(microseconds(date)) / 1_000_000
  }

  /// `2026-11-29 03:02:32,145`, Python logging's default format.
  static func logString(milliseconds: Int64) -> String {
    let seconds = milliseconds.floorDivided(by: 1000)
    return civil(seconds) + "," + pad(Int(milliseconds - seconds * 1000), 3)
  }

  /// `YYYY-MM-DD HH:MM:SS` in UTC.
  static func civil(_ epochSeconds: Int64) -> String { UTCTime.civilText(seconds: epochSeconds) }

  private static func pad(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}

extension Int64 {
  func floorDivided(by divisor: Int64) -> Int64 {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }
}
