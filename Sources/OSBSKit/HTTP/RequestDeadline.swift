import Foundation

/// A deadline for one logical call that may span several tries (`--request-timeout`).
///
/// The transport's own timeouts bound a single transfer; this bounds the caller's whole wait, so a
/// dead server costs at most the configured time however many retries the policy allows.
public struct RequestDeadline: Sendable {
  public let limit: Duration
  public let instant: ContinuousClock.Instant

  /// nil when there is no limit.
  public init?(_ limit: Duration?) {
    guard let limit, limit > .zero else { return nil }
    self.limit = limit
    self.instant = ContinuousClock.now + limit
  }

  public var remaining: Duration { max(.zero, instant - ContinuousClock.now) }

  /// Whether waiting `delay` before the next try would pass the deadline.
  public func forbids(waiting delay: Duration) -> Bool { ContinuousClock.now + delay >= instant }

  public func expired(url: String) -> HTTPError { .timeout(.request, url: url, limit: limit) }

  /// Giving up because waiting for the next try would pass the deadline: said as such, since the time
  /// itself has not run out.
  public func tooLateToRetry(url: String) -> HTTPError {
    .timeout(.requestBeforeRetry, url: url, limit: limit)
  }

  /// Runs `body`, cancelling it (and throwing the request timeout) if the deadline comes first, and
  /// calling `slow.notify` once if it has not finished after `slow.after` (so a hung server is
  /// mentioned while the user waits, not only when a try finally fails).
  public static func run<T: Sendable>(
    _ deadline: RequestDeadline?, url: String, slow: SlowAnswerNotice? = nil,
    _ body: @escaping @Sendable () async throws -> T
  ) async throws -> T {
    if deadline == nil && slow == nil { return try await body() }
    return try await withThrowingTaskGroup(of: Outcome<T>.self) { group in
      group.addTask { .value(try await body()) }
      // One timer task for both: the notice when it falls before the deadline, then the deadline. Every
      // request runs this, and each sleeping task costs a task and a timer to set up and cancel.
      let noticeAt = slow.map { ContinuousClock.now + $0.after }
      group.addTask {
        if let slow, let noticeAt, deadline.map({ noticeAt < $0.instant }) ?? true {
          try await Task.sleep(until: noticeAt, clock: .continuous)
          slow.notify(slow.after)
        }
        guard let deadline else { return .noticed }
        try await Task.sleep(until: deadline.instant, clock: .continuous)
        return .expired
      }
      defer { group.cancelAll() }
      while let outcome = try await group.next() {
        switch outcome {
        case .value(let value): return value
        case .expired: throw deadline?.expired(url: url) ?? HTTPError.cancelled(url: url)
        case .noticed: continue
        }
      }
      throw HTTPError.cancelled(url: url)
    }
  }

  private enum Outcome<T: Sendable>: Sendable {
    case value(T)
    case expired
    case noticed
  }
}

/// Said once when a call has waited `after` with no answer.
public struct SlowAnswerNotice: Sendable {
  public var after: Duration
  public var notify: @Sendable (_ waited: Duration) -> Void

  public init(after: Duration = .seconds(10), notify: @escaping @Sendable (_ waited: Duration) -> Void) {
    self.after = after
    self.notify = notify
  }
}
