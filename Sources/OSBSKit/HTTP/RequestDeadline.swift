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

  /// Runs `body`, cancelling it (and throwing the request timeout) if the deadline comes first.
  public static func run<T: Sendable>(
    _ deadline: RequestDeadline?, url: String, _ body: @escaping @Sendable () async throws -> T
  ) async throws -> T {
    guard let deadline else { return try await body() }
    return try await withThrowingTaskGroup(of: T?.self) { group in
      group.addTask { try await body() }
      group.addTask {
        try await Task.sleep(until: deadline.instant, clock: .continuous)
        return nil
      }
      defer { group.cancelAll() }
      guard let first = try await group.next(), let value = first else { throw deadline.expired(url: url) }
      return value
    }
  }
}
