/// How osbsctl logs in to a Koji hub; mirrors koji.conf's `authtype`.
public enum KojiAuthentication: Sendable, Equatable {
  case anonymous
  case password(user: String, password: String)
  /// `sslLogin` at `<server>/ssllogin` with the TLS client certificate of `KojiHubConfiguration.tls`.
  case certificate
  /// `sslLogin` at `<server>/ssllogin` with SPNEGO. Without `principal` and `keytab`: the caller's default
  /// Kerberos credential cache. With a `keytab`: initial tickets for `principal` (nil: the keytab's first)
  /// from the KDC; with only a `principal`: that principal's tickets among the caller's caches. Both of
  /// those go through a cache of osbsctl's own (`KerberosTicketCache`), so the caller's is left as it was.
  case kerberos(principal: String?, keytab: String? = nil)
}

/// Connection errors and 5xx replies are retried with these limits (koji.conf `max_retries`,
/// `retry_interval`), clamped so a typo cannot make a command hang for days.
public struct KojiRetryPolicy: Sendable, Equatable {
  public static let maximumRetries = 100
  public static let maximumInterval: Duration = .seconds(300)

  public var maxRetries: Int
  public var interval: Duration

  public init(maxRetries: Int = 30, interval: Duration = .seconds(20)) {
    self.maxRetries = min(max(0, maxRetries), Self.maximumRetries)
    self.interval = min(max(.zero, interval), Self.maximumInterval)
  }
}

/// One failed attempt that will be retried, for the executable to mention on stderr.
public struct KojiRetryEvent: Sendable {
  /// The call as people know it: `getTaskInfo`, or for a multicall the calls inside it
  /// (`multiCall(getTaskInfo ×2, listTaskOutput)`).
  public var method: String
  public var callnum: Int?
  /// The try that failed (1 for the first).
  public var attempt: Int
  public var error: String
  /// The hub's URL, redacted.
  public var hubURL: String
  public var policy: KojiRetryPolicy
  /// `--request-timeout`, when set: the whole wait cannot exceed it.
  public var requestTimeout: Duration?

  /// The longest the remaining retries can take: koji retries at once after the first failure, then
  /// waits `interval` before each later try (each try's own transfer time comes on top).
  public var longestRemainingWait: Duration {
    // The retry about to happen waits only when it is not the first; every later one waits.
    let waits = policy.interval * (max(0, policy.maxRetries - attempt) + (attempt > 1 ? 1 : 0))
    guard let requestTimeout else { return waits }
    return min(waits, requestTimeout)
  }
}

public struct KojiHubConfiguration: Sendable {
  /// The XML-RPC endpoint, e.g. `https://koji.fedoraproject.org/kojihub`.
  public var hubURL: String
  public var webURL: String?
  public var topURL: String?
  public var authentication: KojiAuthentication
  public var tls: TLSOptions
  public var retry: KojiRetryPolicy
  public var timeouts: HTTPTimeouts
  /// Cap on one hub reply (`HTTPClientConfiguration.maxResponseBytes`).
  public var maxResponseBytes = HTTPClientConfiguration.defaultMaxResponseBytes
  public var diagnostics: HTTPDiagnostics
  public var onRetry: (@Sendable (KojiRetryEvent) -> Void)?
  /// The longest one call may take, every retry included (`--request-timeout`); nil: no such limit.
  public var requestTimeout: Duration?
  /// Told once per call that has had no answer for a while: the call's name and how long it waited.
  public var onSlowAnswer: (@Sendable (_ call: String, _ waited: Duration) -> Void)?
  public var slowAnswerAfter: Duration = .seconds(10)
  /// koji's `offline_retry`: when set, a call the hub answers with ServerOffline (1014, maintenance or a
  /// database outage) is sent again after this interval, for as long as the hub says it is offline; nil
  /// ends the call with the fault.
  public var offlineRetryInterval: Duration?
  /// Told once per call that waits out an offline hub: the call and the hub's message.
  public var onOffline: (@Sendable (_ call: String, _ message: String) -> Void)?
  /// What answers the session's requests instead of the network (`HTTPClientConfiguration.transport`).
  public var transport: (any HTTPTransport)?

  public init(
    hubURL: String, webURL: String? = nil, topURL: String? = nil,
    authentication: KojiAuthentication = .anonymous,
    tls: TLSOptions = TLSOptions(), retry: KojiRetryPolicy = KojiRetryPolicy(),
    timeouts: HTTPTimeouts = HTTPTimeouts(
      connect: .seconds(30), total: .seconds(43_200), idle: .seconds(600)),
    diagnostics: HTTPDiagnostics = HTTPDiagnostics(), onRetry: (@Sendable (KojiRetryEvent) -> Void)? = nil
  ) {
    self.hubURL = hubURL
    self.webURL = webURL
    self.topURL = topURL
    self.authentication = authentication
    self.tls = tls
    self.retry = retry
    self.timeouts = timeouts
    self.diagnostics = diagnostics
    self.onRetry = onRetry
  }

  /// `<topurl>/work/tasks/<id % 10000>/<id>/<file>` (koji's `PathInfo.task`), where a task's output is
  /// served; nil without a `topurl`.
  public func taskOutputURL(_ taskID: Int, file: String) -> String? {
    topURL.map {
      "\($0.hasSuffix("/") ? String($0.dropLast()) : $0)/work/tasks/\(taskID % 10000)/\(taskID)/\(file)"
    }
  }

  /// `<weburl>/taskinfo?taskID=N`, the page `koji` prints after submitting.
  public func taskURL(_ taskID: Int) -> String? {
    webURL.map { "\($0.hasSuffix("/") ? String($0.dropLast()) : $0)/taskinfo?taskID=\(taskID)" }
  }
}
