import Foundation

/// What the hub hands back from `login`/`sslLogin`.
struct KojiSessionCredentials: Sendable {
  var id: Int64
  var key: String
  var headerAuth: Bool
  var callnum: Int
}

/// A conversation with one Koji hub: anonymous or logged in, with koji's retry rules.
///
/// Logged-in calls go one at a time, because the hub rejects a callnum lower than one it has seen; a call
/// that is retried after a dropped connection resends the same callnum, so the hub can tell a retry from a
/// new call (and answers RetryError 1009 when the first attempt had already run).
public actor KojiSession {
  public nonisolated let configuration: KojiHubConfiguration
  private let hub: HTTPClient
  private let loginClient: HTTPClient
  /// The tickets a Kerberos login with a keytab or a chosen principal uses; nil for every other login.
  private let ticketCache: KerberosTicketCache?
  private var credentials: KojiSessionCredentials?
  private var gateBusy = false
  private var gateWaiters: [CheckedContinuation<Void, Never>] = []
  /// How many times this session logged in (the first login plus renewals after AuthExpired).
  public private(set) var loginCount = 0

  public init(configuration: KojiHubConfiguration) throws {
    self.configuration = configuration
    var base = HTTPClientConfiguration(
      tls: configuration.tls, timeouts: configuration.timeouts, userAgent: "osbsctl (koji/1)",
      maxResponseBytes: configuration.maxResponseBytes, diagnostics: configuration.diagnostics)
    base.transport = configuration.transport
    hub = try HTTPClient(configuration: base)
    var login = base
    var ticketCache: KerberosTicketCache?
    switch configuration.authentication {
    case .kerberos(let principal, let keytab) where principal != nil || keytab != nil:
      let cache = KerberosTicketCache(principal: principal, keytab: keytab)
      ticketCache = cache
      login.auth = .negotiateFromCache(cache.name)
    case .kerberos: login.auth = .negotiate
    // Hubs require the certificate on /ssllogin only, which on TLS 1.3 means a post-handshake request.
    case .certificate: login.tls.limitToTLS12 = true
    default: break
    }
    loginClient = try HTTPClient(configuration: login)
    self.ticketCache = ticketCache
  }

  public var isLoggedIn: Bool { credentials != nil }

  /// Logs in as the configuration says; anonymous sessions need nothing.
  public func login() async throws {
    await acquireGate()
    defer { releaseGate() }
    try await performLogin()
  }

  /// Ends the hub session (best effort: a short-lived command should not fail because logout did).
  public func logout() async {
    guard credentials != nil else { return }
    await acquireGate()
    defer { releaseGate() }
    _ = try? await exchange(XMLRPCCall("logout"), relogin: false)
    credentials = nil
  }

  public func call(
    _ method: String, _ params: [XMLRPCValue] = [], keywords: [XMLRPCMember] = []
  ) async throws -> XMLRPCValue {
    let loggedIn = credentials != nil
    if loggedIn { await acquireGate() }
    defer { if loggedIn { releaseGate() } }
    return try await exchange(XMLRPCCall(method, params, keywords: keywords), relogin: true)
  }

  /// `call` for a method that answers with bytes (`downloadTaskOutput`): base64 text in the reply comes
  /// back as `.base64`, decoded straight from the reply's bytes (`XMLRPCDecoder.decodeBase64Response`).
  public func callReturningBytes(
    _ method: String, _ params: [XMLRPCValue] = [], keywords: [XMLRPCMember] = []
  ) async throws -> XMLRPCValue {
    let loggedIn = credentials != nil
    if loggedIn { await acquireGate() }
    defer { if loggedIn { releaseGate() } }
    return try await exchange(
      XMLRPCCall(method, params, keywords: keywords), relogin: true,
      decode: XMLRPCDecoder.decodeBase64Response)
  }

  /// Runs several calls in one hub request; each result is the value or that call's own fault.
  public func multiCall(_ calls: [XMLRPCCall]) async throws -> [Result<XMLRPCValue, XMLRPCFault>] {
    if calls.isEmpty { return [] }
    let batch = XMLRPCValue.array(
      calls.map { .object(["methodName": .string($0.method), "params": .array($0.params)]) })
    let reply = try await call("multiCall", [batch])
    guard let items = reply.arrayValue, items.count == calls.count else {
      throw KojiError.unexpectedReply(method: "multiCall", detail: "expected \(calls.count) results")
    }
    return try items.map { item in
      if let single = item.arrayValue, single.count == 1 { return .success(single[0]) }
      if let code = item["faultCode"]?.intValue {
        return .failure(
          XMLRPCFault(code: Int(clamping: code), message: item["faultString"]?.stringValue ?? ""))
      }
      throw KojiError.unexpectedReply(method: "multiCall", detail: "a result is neither [value] nor a fault")
    }
  }

  // MARK: - Exchange

  /// How a reply's document becomes a value or a fault.
  typealias ReplyDecoder = @Sendable (Data) throws -> XMLRPCResponse

  private func exchange(
    _ call: XMLRPCCall, relogin: Bool, decode: ReplyDecoder = XMLRPCDecoder.decodeResponse
  ) async throws -> XMLRPCValue {
    var request = HTTPRequest(method: "POST", url: configuration.hubURL, body: XMLRPCEncoder.encode(call))
    request.headers.set("Content-Type", "text/xml")
    let callnum = attachSession(to: &request)
    do {
      return try await sendRidingOutOutages(
        request, method: call.method, callnum: callnum, label: Self.label(call), decode: decode)
    } catch let error as KojiError where relogin && error.fault?.code == KojiFaultCode.authExpired {
      guard configuration.authentication != .anonymous else { throw error }
      // koji renews an expired session once and repeats the call; so do we.
      try await performLogin()
      return try await exchange(call, relogin: false, decode: decode)
    }
  }

  /// koji's `offline_retry`: while the hub answers ServerOffline (1014), the same request (same callnum: the
  /// hub did not run it) is sent again after `offlineRetryInterval`, with no limit, as koji does.
  private func sendRidingOutOutages(
    _ request: HTTPRequest, method: String, callnum: Int?, label: String, decode: ReplyDecoder
  ) async throws -> XMLRPCValue {
    var told = false
    while true {
      do {
        return try await send(
          request, method: method, callnum: callnum, client: hub, label: label, decode: decode)
      } catch let error as KojiError where error.fault?.code == KojiFaultCode.serverOffline {
        guard let interval = configuration.offlineRetryInterval else { throw error }
        if !told {
          configuration.onOffline?(label, error.fault?.message ?? "")
          told = true
        }
        try await Task.sleep(for: interval)
      }
    }
  }

  /// Adds the session to a request and consumes one callnum; returns it.
  private func attachSession(to request: inout HTTPRequest) -> Int? {
    guard var session = credentials else { return nil }
    let callnum = session.callnum
    session.callnum += 1
    credentials = session
    if session.headerAuth {
      request.headers.set("Koji-Session-Id", String(session.id))
      request.headers.set("Koji-Session-Key", session.key)
      request.headers.set("Koji-Session-Callnum", String(callnum))
    } else {
      let separator = request.url.contains("?") ? "&" : "?"
      let key = session.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? session.key
      request.url += "\(separator)session-id=\(session.id)&session-key=\(key)&callnum=\(callnum)"
    }
    return callnum
  }

  private func send(
    _ request: HTTPRequest, method: String, callnum: Int?, client: HTTPClient, label: String? = nil,
    decode: ReplyDecoder = XMLRPCDecoder.decodeResponse
  ) async throws -> XMLRPCValue {
    let request = {
      var labelled = request
      labelled.label = label ?? method
      return labelled
    }()
    var attempt = 0
    let deadline = RequestDeadline(configuration.requestTimeout)
    let redactedURL = SecretRedactor.redact(url: request.url)
    while true {
      do {
        let response = try await client.send(request, deadline: deadline, slow: slowNotice(label ?? method))
        if response.status >= 500 || response.status == 429 || response.status == 408 {
          throw HTTPError.status(
            code: response.status, url: SecretRedactor.redact(url: request.url),
            bodyExcerpt: Self.excerpt(response.body))
        }
        guard response.status == 200 else {
          throw KojiError.hubStatus(
            method: method, status: response.status, excerpt: Self.excerpt(response.body))
        }
        switch try decode(response.body) {
        case .success(let value): return value
        case .fault(let fault): throw KojiError.fault(method: method, fault)
        }
      } catch let error as HTTPError where Self.isRetryable(error) && attempt < configuration.retry.maxRetries
      {
        attempt += 1
        // koji reconnects at once after the first failure and waits retry_interval after later ones.
        let wait = attempt > 1 ? configuration.retry.interval : .zero
        if let deadline, deadline.forbids(waiting: wait) { throw deadline.tooLateToRetry(url: redactedURL) }
        configuration.onRetry?(
          KojiRetryEvent(
            method: label ?? method, callnum: callnum, attempt: attempt, error: error.description,
            hubURL: SecretRedactor.redact(url: configuration.hubURL), policy: configuration.retry,
            requestTimeout: configuration.requestTimeout))
        if wait > .zero { try await Task.sleep(for: wait) }
      } catch let error as HTTPError {
        if case .status(let code, _, let excerpt) = error {
          throw KojiError.hubStatus(method: method, status: code, excerpt: excerpt)
        }
        throw error
      }
    }
  }

  private func slowNotice(_ call: String) -> SlowAnswerNotice? {
    guard let onSlowAnswer = configuration.onSlowAnswer else { return nil }
    return SlowAnswerNotice(after: configuration.slowAnswerAfter) { waited in onSlowAnswer(call, waited) }
  }

  /// Where certificate and Kerberos logins go: `<hub>/ssllogin`, always over https as koji's client sends
  /// it (the hub's TLS or GSSAPI front end is there; credentials never go over plain http).
  static func loginURL(hubURL: String) -> String {
    let base = hubURL.lowercased().hasPrefix("http://") ? "https://" + hubURL.dropFirst(7) : hubURL[...]
    return base.hasSuffix("/") ? base + "ssllogin" : base + "/ssllogin"
  }

  /// How a call is named in messages: a multicall by the calls inside it, so a retry warning says what
  /// is really being waited for.
  static func label(_ call: XMLRPCCall) -> String {
    guard call.method == "multiCall", let batch = call.params.first?.arrayValue else { return call.method }
    var order: [String] = []
    var counts: [String: Int] = [:]
    for item in batch {
      let name = item["methodName"]?.stringValue ?? "?"
      if counts[name] == nil { order.append(name) }
      counts[name, default: 0] += 1
    }
    let shown = order.prefix(4).map { counts[$0]! > 1 ? "\($0) ×\(counts[$0]!)" : $0 }
    return "multiCall(" + shown.joined(separator: ", ") + (order.count > 4 ? ", …" : "") + ")"
  }

  static func isRetryable(_ error: HTTPError) -> Bool {
    switch error {
    case .connectionRefused: return true
    case .timeout: return !error.isRequestTimeout
    case .status(let code, _, _): return code >= 500 || code == 429 || code == 408
    // Connection reset, empty reply, partial transfer, send/receive failures.
    case .transport(let code, _, _): return [18, 52, 55, 56, 92].contains(code)
    case .dnsFailure, .tlsVerificationFailed, .tlsClientCertificate, .cancelled, .responseTooLarge:
      return false
    }
  }

  /// One line; a proxy's HTML error page reduced to its words.
  private static func excerpt(_ body: Data) -> String { HTTPError.excerpt(of: body) }

  // MARK: - Login

  private func performLogin() async throws {
    credentials = nil
    let reply: XMLRPCValue
    switch configuration.authentication {
    case .anonymous:
      return
    case .password(let user, let password):
      reply = try await exchange(XMLRPCCall("login", [.string(user), .string(password)]), relogin: false)
    case .certificate, .kerberos:
      guard configuration.authentication != .certificate || configuration.tls.clientCertificate != nil else {
        throw KojiError.authenticationUnavailable(
          "authtype ssl needs a client certificate (cert= in koji.conf)")
      }
      if let ticketCache {
        let deadline = RequestDeadline(configuration.requestTimeout)
        let failure: String?
        do {
          failure = try await RequestDeadline.run(deadline, url: "the Kerberos KDC") {
            try await ticketCache.fill()
          }
        } catch is CancellationError {
          // Said as an interrupted transfer is: what the run was waiting for when it was stopped.
          throw HTTPError.cancelled(url: "the Kerberos KDC")
        }
        if let failure {
          let explained = ticketCache.failure(failure)
          throw KerberosTicketCache.isUnreachableKDC(failure)
            ? KojiError.kdcUnreachable(explained) : KojiError.authenticationUnavailable(explained)
        }
      }
      let url = Self.loginURL(hubURL: configuration.hubURL)
      var request = HTTPRequest(method: "POST", url: url, body: XMLRPCEncoder.encode(XMLRPCCall("sslLogin")))
      request.headers.set("Content-Type", "text/xml")
      reply = try await send(request, method: "sslLogin", callnum: nil, client: loginClient)
    }
    guard let id = reply["session-id"]?.intValue, let key = reply["session-key"]?.stringValue else {
      throw KojiError.unexpectedReply(method: "login", detail: "no session-id/session-key in the reply")
    }
    credentials = KojiSessionCredentials(
      id: id, key: key, headerAuth: reply["header-auth"]?.boolValue ?? false, callnum: 0)
    loginCount += 1
  }

  // MARK: - The hub's clock

  /// The hub's time, from the `Date` header Apache puts on its reply to an anonymous `getAPIVersion`
  /// (whole seconds, rounded down); nil when the reply has none.
  public func hubDate() async throws -> Date? {
    var request = HTTPRequest(
      method: "POST", url: configuration.hubURL, body: XMLRPCEncoder.encode(XMLRPCCall("getAPIVersion")))
    request.headers.set("Content-Type", "text/xml")
    request.label = "getAPIVersion"
    let response = try await hub.send(request)
    return response.headers["Date"].flatMap(Self.httpDate)
  }

  /// RFC 9110 IMF-fixdate (`Fri, 04 Dec 2026 16:16:54 GMT`).
  static func httpDate(_ text: String) -> Date? {
    UTCTime.parseHTTPDate(text).map { Date(timeIntervalSince1970: TimeInterval($0)) }
  }

  // MARK: - Serialising logged-in calls

  private func acquireGate() async {
    if !gateBusy {
      gateBusy = true
      return
    }
    await withCheckedContinuation { gateWaiters.append($0) }
  }

  private func releaseGate() {
    if gateWaiters.isEmpty {
      gateBusy = false
    } else {
      gateWaiters.removeFirst().resume()
    }
  }
}
