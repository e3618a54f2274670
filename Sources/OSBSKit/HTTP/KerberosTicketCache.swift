import CCurl
import Foundation
import Synchronization

/// Kerberos tickets in a credential cache of osbsctl's own, for a SPNEGO login as koji.conf's `principal`
/// or from its `keytab`, without reading or changing the user's default cache.
///
/// libcurl cannot be handed a credential: it asks the GSS-API for the default one of the thread that runs
/// the transfer. So `fill()` puts the tickets into a `MEMORY:` cache (private to the process, gone with
/// it), and a client with `HTTPAuth.negotiateFromCache` makes that cache the default of its transfer
/// threads (`useOnThisThread`), which MIT's GSS-API keeps per thread.
public struct KerberosTicketCache: Sendable, Equatable {
  /// The cache's GSS-API name.
  public let name: String
  /// nil: the keytab's first principal.
  public let principal: String?
  /// nil: the principal's tickets are taken from the caller's caches (a `kinit` done before).
  public let keytab: String?

  public init(principal: String?, keytab: String?) {
    self.name = "MEMORY:osbsctl-\(UUID().uuidString)"
    self.principal = principal
    self.keytab = keytab
  }

  /// Fills the cache: initial tickets from the KDC with the keytab, otherwise the principal's tickets
  /// copied from the caller's cache collection. Returns nil, or why not in the GSS-API's words. Asking the
  /// KDC blocks, so it runs on a thread of its own rather than the command's. A cancelled caller (Ctrl-C, the
  /// request timeout) stops waiting at once with `CancellationError`; the GSS-API call cannot be stopped,
  /// and ends on its thread within krb5.conf's KDC timeouts, into a cache nothing reads any more.
  public func fill() async throws -> String? {
    let (principal, keytab, name) = (principal, keytab, name)
    let answer = OneAnswer<String?>()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        answer.wait(with: continuation)
        guard !Task.isCancelled else { return answer.give(.failure(CancellationError())) }
        Self.fetching.add(1, ordering: .sequentiallyConsistent)
        Thread.detachNewThread {
          defer { Self.fetching.subtract(1, ordering: .sequentiallyConsistent) }
          answer.give(
            .success(Self.withMessageBuffer { osbs_gss_fill_cache(principal, keytab, name, $0, $1) }))
        }
      }
    } onCancel: {
      answer.give(.failure(CancellationError()))
    }
  }

  /// Whether a fetch is still inside the GSS-API on its thread, such as one its caller gave up on. A process
  /// that ends meanwhile must end with `_exit`: `exit` would run the Kerberos libraries' finalizers, which
  /// free what that thread may be using. (A thread of the process is its state, so this count is too.)
  public static var isFetching: Bool { fetching.load(ordering: .sequentiallyConsistent) > 0 }
  private static let fetching = Atomic<Int>(0)

  /// Whether the GSS-API's `reason` says no KDC of the realm answered (MIT's KRB5_KDC_UNREACH): the
  /// network or the KDC is down, not the credentials wrong.
  public static func isUnreachableKDC(_ reason: String) -> Bool {
    reason.contains("Cannot contact any KDC")
  }

  /// Which tickets could not be had, and why: for a keytab that is not one or lacks the principal, what the
  /// file holds; otherwise the GSS-API's `reason`.
  public func failure(_ reason: String) -> String {
    let who = principal ?? "the keytab's first principal"
    guard let keytab else {
      return "no Kerberos ticket for \(who) in the credential caches (run kinit \(who) first): \(reason)"
    }
    let lead = "no Kerberos ticket for \(who) from keytab \(keytab)"
    let data = KeytabFile.path(named: keytab).flatMap { FileManager.default.contents(atPath: $0) }
    guard let data else { return "\(lead): \(reason)" }
    guard let names = KeytabFile.principals(in: data) else { return "\(lead): the file is not a keytab" }
    if names.isEmpty { return "\(lead): the keytab holds no keys" }
    if let principal, !names.contains(where: { Self.sameName($0, principal) }) {
      return "\(lead): the keytab has no key for \(principal), only for \(names.joinedText(separator: ", "))"
    }
    return "\(lead): \(reason)"
  }

  /// `name` as written in koji.conf may leave out the realm (the default one, which this does not know:
  /// any realm matches).
  private static func sameName(_ entry: String, _ name: String) -> Bool {
    entry == name || (!name.contains("@") && entry.split(separator: "@").first.map(String.init) == name)
  }

  /// Makes `cache` the default credential cache of the calling thread's GSS-API calls; nil, or why not.
  static func useOnThisThread(_ cache: String) -> String? {
    withMessageBuffer { osbs_gss_use_cache_on_this_thread(cache, $0, $1) }
  }

  /// What a failed call wrote into its message buffer; nil when it succeeded.
  private static func withMessageBuffer(_ call: (UnsafeMutablePointer<CChar>, Int) -> Int32) -> String? {
    var buffer = [CChar](repeating: 0, count: 1024)
    let succeeded = buffer.withUnsafeMutableBufferPointer { call($0.baseAddress!, $0.count) } == 1
    if succeeded { return nil }
    let message = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return message.isEmpty ? "the GSS-API gave no reason" : message
  }
}

/// A continuation resumed once, by whichever answers first: the worker thread or a cancellation. One that
/// comes before the continuation is there is dropped; `fill` checks for cancellation after handing it over.
private final class OneAnswer<Value: Sendable>: Sendable {
  private let waiter = Mutex<CheckedContinuation<Value, any Error>?>(nil)

  func wait(with continuation: CheckedContinuation<Value, any Error>) {
    waiter.withLock { $0 = continuation }
  }

  func give(_ result: Result<Value, any Error>) {
    waiter.withLock { $0.take() }?.resume(with: result)
  }
}
