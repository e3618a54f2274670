import CCurl
import Foundation
import Synchronization

/// One libcurl easy handle and the multi handle that drives it.
///
/// A stream's lane owns its multi handle, and with it the connection cache, so a transfer that reuses the
/// lane reuses its keep-alive connection. The lanes of a `CurlDriver` share the driver's multi handle and
/// its cache. A lane belongs to at most one transfer at a time; the only call made on it from another
/// thread is `curl_multi_wakeup`, which libcurl allows from any thread.
final class CurlLane: @unchecked Sendable {
  let multi: UnsafeMutableRawPointer
  let easy: UnsafeMutableRawPointer
  /// Filled by libcurl with a human-readable message when a transfer fails (CURLOPT_ERRORBUFFER).
  let errorBuffer: UnsafeMutablePointer<CChar>
  private let ownsMulti: Bool

  /// A lane with a multi handle of its own.
  convenience init?() {
    guard let multi = osbs_curl_multi_init() else { return nil }
    self.init(multi: multi, owned: true)
  }

  /// A lane on `multi`, which must outlive it (`CurlDriver` closes its lanes before its multi handle).
  convenience init?(sharing multi: UnsafeMutableRawPointer) {
    self.init(multi: multi, owned: false)
  }

  private init?(multi: UnsafeMutableRawPointer, owned: Bool) {
    guard let easy = osbs_curl_easy_init() else {
      if owned { osbs_curl_multi_cleanup(multi) }
      return nil
    }
    self.multi = multi
    self.easy = easy
    ownsMulti = owned
    errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
  }

  var errorMessage: String { String(cString: errorBuffer) }

  deinit {
    // The easy handle is never left attached: transfers remove it before returning the lane.
    osbs_curl_easy_cleanup(easy)
    if ownsMulti { osbs_curl_multi_cleanup(multi) }
    errorBuffer.deallocate()
  }
}

/// Idle stream lanes of one `HTTPClient`, most recently used first so sequential streams share a connection.
final class LanePool: Sendable {
  /// Lanes kept beyond this many idle ones are closed; bursts of concurrency do not pin sockets forever.
  static let maximumIdleLanes = 16

  private let idle = Mutex<[CurlLane]>([])
  private let checkedOut = Atomic<Int>(0)

  func checkOut() -> CurlLane? {
    let reused = idle.withLock { $0.popLast() }
    guard let lane = reused ?? CurlLane() else { return nil }
    checkedOut.add(1, ordering: .relaxed)
    return lane
  }

  func checkIn(_ lane: CurlLane) {
    checkedOut.subtract(1, ordering: .relaxed)
    let surplus: CurlLane? = idle.withLock { lanes in
      guard lanes.count < Self.maximumIdleLanes else { return lane }
      lanes.append(lane)
      return nil
    }
    // Closed outside the lock: closing may shut down a TLS connection.
    _ = surplus
  }

  /// Lanes currently running a transfer (a test hook: a dropped stream must release its lane).
  var lanesInUse: Int { checkedOut.load(ordering: .relaxed) }
}
