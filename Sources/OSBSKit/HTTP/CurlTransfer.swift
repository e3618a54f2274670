import CCurl
import Foundation

/// Status line and headers of a streamed response, delivered before its body.
struct HTTPStreamHead: Sendable {
  var status: Int
  var headers: HTTPHeaders
}

/// One request/response exchange: a buffered one driven by its client's `CurlDriver`, a stream on its own
/// thread with a lane checked out of the pool.
///
/// Two kinds of state live here. Fields marked *transfer thread* are only touched by the thread driving the
/// transfer (the driver's, or the stream's own) and the libcurl callbacks it triggers. Fields marked *shared*
/// are guarded by `condition` and connect that thread with the Swift tasks waiting for the response or
/// consuming the stream.
final class CurlTransfer: @unchecked Sendable {
  enum Mode {
    /// Collect the whole body, failing beyond `limit` bytes.
    case buffered(limit: Int)
    /// Hand chunks to a consumer, holding at most `capacity` bytes that it has not taken yet.
    case streaming(capacity: Int)
  }

  /// Why the transfer was stopped before libcurl finished it.
  enum AbortReason {
    case cancelled
    case consumerGone
    case idleTimeout
    case tooLarge
    /// A streamed error response: enough of its body was read for the error message.
    case errorExcerptComplete
    /// The caller's request deadline passed (`TransferWatch`).
    case deadline
  }

  let request: HTTPRequest
  let configuration: HTTPClientConfiguration
  let mode: Mode
  let pool: LanePool
  let redactedURL: String
  /// Values that must never appear in messages (credentials, secret query values).
  let secrets: [String]
  let watch: TransferWatch

  // MARK: shared
  private let condition = NSCondition()
  private var abortReason: AbortReason?
  /// The lane while libcurl may be waiting in `curl_multi_poll` on it, so `abort` can wake it.
  private var runningLane: CurlLane?
  private var pendingChunks: [Data] = []
  private var bufferedBytes = 0
  private var bufferedBytesHighWater = 0
  private var headWaiter: CheckedContinuation<HTTPStreamHead, any Error>?
  private var responseWaiter: CheckedContinuation<HTTPResponse, any Error>?
  private var chunkWaiter: CheckedContinuation<Data?, any Error>?
  /// Set once the transfer thread is done; an error is reported to the consumer once, then the stream ends.
  private var streamEnd: Result<Void, HTTPError>?
  private var streamEndReported = false

  // MARK: transfer thread
  private var lane: CurlLane?
  private var responseHeaders: [(name: String, value: String)] = []
  /// The whole body (buffered) or the start of an error body (streaming).
  private var collectedBody = Data()
  private var headDelivered = false
  private var lastActivity = ContinuousClock.now
  /// Start and byte count of the current idle window (buffered transfers: the drip check).
  private var windowStart = ContinuousClock.now
  private var windowBytes = 0
  /// The first response byte arrived; waiting for the server to answer is not a drip.
  private var responseStarted = false
  private var lastUploaded: curl_off_t = 0
  private var lastDownloaded: curl_off_t = 0
  private var sentHeaders: [(name: String, value: String)] = []
  private var statistics: (status: Int, bytesSent: Int, bytesReceived: Int) = (0, 0, 0)
  private var slowAnswerSaid = false
  private var started = ContinuousClock.now

  init(
    request: HTTPRequest, configuration: HTTPClientConfiguration, mode: Mode, pool: LanePool,
    watch: TransferWatch = TransferWatch()
  ) {
    self.request = request
    self.configuration = configuration
    self.mode = mode
    self.pool = pool
    self.watch = watch
    redactedURL = SecretRedactor.redact(url: request.url)
    var secrets = SecretRedactor.secretValues(inURL: request.url)
    switch configuration.auth {
    case .bearer(let token): secrets.append(token)
    case .basic(_, let password): secrets.append(password)
    case .none, .negotiate, .negotiateFromCache: break
    }
    for field in request.headers where SecretRedactor.isSecretHeader(field.name) {
      secrets.append(field.value)
    }
    self.secrets = secrets
  }

  // MARK: - Starting and stopping (any thread)

  func startBuffered(_ waiter: CheckedContinuation<HTTPResponse, any Error>, on driver: CurlDriver) {
    condition.withLock { responseWaiter = waiter }
    driver.submit(self)
  }

  func startStreaming(_ waiter: CheckedContinuation<HTTPStreamHead, any Error>) {
    condition.withLock { headWaiter = waiter }
    let thread = Thread { self.run() }
    thread.name = "osbs-http"
    thread.start()
  }

  /// Stops the transfer promptly: wakes the thread whether it waits on the network or on the consumer.
  func abort(_ reason: AbortReason) {
    condition.withLock {
      if abortReason == nil && streamEnd == nil { abortReason = reason }
      if let lane = runningLane { osbs_curl_multi_wakeup(lane.multi) }
      condition.broadcast()
    }
  }

  /// The most the stream ever held for its consumer (a test hook for back-pressure).
  var bufferedBytesPeak: Int { condition.withLock { bufferedBytesHighWater } }

  // MARK: - Consumer side of a stream (Swift tasks)

  func nextChunk() async throws -> Data? {
    if Task.isCancelled {
      abort(.cancelled)
      throw HTTPError.cancelled(url: redactedURL)
    }
    return try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Data?, any Error>) in
      condition.lock()
      if !pendingChunks.isEmpty {
        let chunk = pendingChunks.removeFirst()
        bufferedBytes -= chunk.count
        condition.broadcast()
        condition.unlock()
        waiter.resume(returning: chunk)
        return
      }
      if let end = streamEnd {
        let report = !streamEndReported
        streamEndReported = true
        condition.unlock()
        if case .failure(let error) = end, report {
          waiter.resume(throwing: error)
        } else {
          waiter.resume(returning: nil)
        }
        return
      }
      chunkWaiter = waiter
      condition.unlock()
    }
  }

  // MARK: - The transfer thread

  /// A stream's own thread: a lane from the pool, driven until the transfer ends.
  private func run() {
    let result: Result<Int, HTTPError>
    if let lane = pool.checkOut() {
      switch begin(on: lane) {
      case .success(let lists): result = end(code: drive(lane), lane: lane, lists: lists)
      case .failure(let error): result = .failure(error)
      }
      pool.checkIn(lane)
    } else {
      result = .failure(Self.noHandle(url: redactedURL))
    }
    conclude(result)
  }

  static func noHandle(url: String) -> HTTPError {
    .transport(code: 2, message: "libcurl could not create a handle", url: url)
  }

  /// Configures `lane` for this transfer and attaches it to the lane's multi handle. Fails, with the lane
  /// detached, when the transfer was aborted, its deadline has passed or libcurl refused an option.
  func begin(on lane: CurlLane) -> Result<CurlLists, HTTPError> {
    started = .now
    lastActivity = started
    windowStart = started
    let proceed = condition.withLock {
      guard abortReason == nil else { return false }
      runningLane = lane
      return true
    }
    guard proceed else { return .failure(.cancelled(url: redactedURL)) }
    self.lane = lane
    // Nothing is sent once the deadline has passed: not even one step of a call that is not idempotent.
    if let deadline = watch.deadline, ContinuousClock.now >= deadline.instant {
      detach()
      return .failure(deadline.expired(url: redactedURL))
    }
    lane.errorBuffer[0] = 0
    switch configure(lane) {
    case .success(let lists):
      let added = osbs_curl_multi_add_handle(lane.multi, lane.easy)
      guard added == CURLM_OK else {
        lists.free()
        detach()
        let message = "libcurl could not start the transfer (multi code \(added.rawValue))"
        return .failure(.transport(code: 2, message: message, url: redactedURL))
      }
      return .success(lists)
    case .failure(let error):
      detach()
      return .failure(error)
    }
  }

  /// Detaches the lane once libcurl finished (`code`) or the transfer was stopped (nil): the result to conclude.
  func end(code: CURLcode?, lane: CurlLane, lists: CurlLists) -> Result<Int, HTTPError> {
    osbs_curl_multi_remove_handle(lane.multi, lane.easy)
    recordStatistics(lane)
    let result = outcome(code: code, lane: lane)
    lists.free()
    detach()
    return result
  }

  private func detach() {
    condition.withLock { runningLane = nil }
    lane = nil
  }

  /// Traces the transfer and hands its result to whoever waits for it.
  func conclude(_ result: Result<Int, HTTPError>) {
    emitTrace(result: result, duration: ContinuousClock.now - started)
    finish(result)
  }

  /// Runs a stream's lane until the transfer ends or is stopped; nil when it was stopped.
  private func drive(_ lane: CurlLane) -> CURLcode? {
    var running: Int32 = 1
    while true {
      if isAborted { return nil }
      let performed = osbs_curl_multi_perform(lane.multi, &running)
      guard performed == CURLM_OK else { return CURLE_FAILED_INIT }
      if running == 0 { return completionCode(lane) }
      if mustStop() { return nil }
      // Returns early when the socket is ready or `abort` calls curl_multi_wakeup.
      guard osbs_curl_multi_poll(lane.multi, nil, 0, 100, nil) == CURLM_OK else { return CURLE_FAILED_INIT }
    }
  }

  /// Whether `abort` stopped the transfer.
  var isAborted: Bool { condition.withLock { abortReason != nil } }

  /// Checked between libcurl's steps: true once the transfer must stop — aborted, idle beyond its limit, or
  /// past the caller's deadline. Says the caller's slow-answer notice when it falls due.
  func mustStop() -> Bool {
    if let idle = configuration.timeouts.idle, isIdle(limit: idle) {
      setAbortReason(.idleTimeout)
      return true
    }
    if watch.isWatching {
      let now = ContinuousClock.now
      // The deadline first: a notice due at the same moment is not said, as RequestDeadline.run does.
      if let deadline = watch.deadline, now >= deadline.instant {
        setAbortReason(.deadline)
        return true
      }
      if let slow = watch.slow, !slowAnswerSaid, now >= watch.noticeAt {
        slowAnswerSaid = true
        slow.notify(slow.after)
      }
    }
    return isAborted
  }

  /// Nothing arrived for `limit`; or, for a buffered body, too little arrived in the last window of `limit`.
  private func isIdle(limit: Duration) -> Bool {
    let now = ContinuousClock.now
    if now - lastActivity > limit { return true }
    guard case .buffered = mode, responseStarted, now - windowStart > limit else { return false }
    // Fewer bytes than the minimum over a whole window: a drip, not a transfer.
    if windowBytes < HTTPTimeouts.idleWindowMinimumBytes { return true }
    windowStart = now
    windowBytes = 0
    return false
  }

  private func completionCode(_ lane: CurlLane) -> CURLcode {
    var queued: Int32 = 0
    while let message = osbs_curl_multi_info_read(lane.multi, &queued) {
      if message.pointee.msg == CURLMSG_DONE { return message.pointee.data.result }
    }
    return CURLE_OK
  }

  private func setAbortReason(_ reason: AbortReason) {
    condition.withLock { if abortReason == nil { abortReason = reason } }
  }

  private func outcome(code: CURLcode?, lane: CurlLane) -> Result<Int, HTTPError> {
    let status = responseCode(lane)
    let reason = condition.withLock { abortReason }
    let isStreaming: Bool
    if case .streaming = mode { isStreaming = true } else { isStreaming = false }
    switch reason {
    case .cancelled, .consumerGone: return .failure(.cancelled(url: redactedURL))
    case .idleTimeout:
      return .failure(.timeout(.idle, url: redactedURL, limit: configuration.timeouts.idle ?? .zero))
    case .tooLarge:
      return .failure(.responseTooLarge(limit: configuration.maxResponseBytes, url: redactedURL))
    case .deadline:
      return .failure(watch.deadline?.expired(url: redactedURL) ?? .cancelled(url: redactedURL))
    case .errorExcerptComplete, nil:
      break
    }
    if isStreaming && status >= 400 && (code == CURLE_OK || reason == .errorExcerptComplete) {
      let excerpt = HTTPError.excerpt(of: collectedBody, secrets: secrets)
      return .failure(.status(code: status, url: redactedURL, bodyExcerpt: excerpt))
    }
    guard let code, code != CURLE_OK else { return .success(status) }
    return .failure(CurlErrorMapping.error(for: code, lane: lane, transfer: self))
  }

  private func recordStatistics(_ lane: CurlLane) {
    var sent: curl_off_t = 0
    var received: curl_off_t = 0
    _ = osbs_easy_getinfo_off(lane.easy, CURLINFO_SIZE_UPLOAD_T, &sent)
    _ = osbs_easy_getinfo_off(lane.easy, CURLINFO_SIZE_DOWNLOAD_T, &received)
    statistics = (responseCode(lane), Int(sent), Int(received))
  }

  func responseCode(_ lane: CurlLane) -> Int {
    var status = 0
    _ = osbs_easy_getinfo_long(lane.easy, CURLINFO_RESPONSE_CODE, &status)
    return status
  }

  private func finish(_ result: Result<Int, HTTPError>) {
    condition.lock()
    let headers = HTTPHeaders(responseHeaders)
    switch mode {
    case .buffered:
      let waiter = responseWaiter
      responseWaiter = nil
      condition.unlock()
      waiter?.resume(with: result.map { HTTPResponse(status: $0, headers: headers, body: collectedBody) })
    case .streaming:
      streamEnd = result.map { _ in () }
      let head = headDelivered ? nil : headWaiter
      headWaiter = nil
      var chunks = chunkWaiter
      chunkWaiter = nil
      if chunks != nil { streamEndReported = true }
      if head != nil, case .failure = result {
        // The caller of stream() gets the error; the body it never saw has nothing more to report.
        streamEndReported = true
        chunks = nil
      }
      condition.broadcast()
      condition.unlock()
      head?.resume(with: result.map { HTTPStreamHead(status: $0, headers: headers) })
      chunks?.resume(with: result.map { _ in nil })
    }
  }

  private func emitTrace(result: Result<Int, HTTPError>, duration: Duration) {
    guard let trace = configuration.diagnostics.trace else { return }
    let error: String?
    if case .failure(let failure) = result { error = failure.description } else { error = nil }
    var event = HTTPTraceEvent(
      method: request.method, url: redactedURL, status: statistics.status > 0 ? statistics.status : nil,
      bytesSent: statistics.bytesSent, bytesReceived: statistics.bytesReceived, duration: duration,
      requestHeaders: SecretRedactor.redact(headers: sentHeaders), error: error)
    event.label = request.label
    trace(event)
  }
}

// MARK: - Handle configuration (transfer thread)

extension CurlTransfer {
  /// Methods whose requests always carry a body, even an empty one (`Content-Length: 0`).
  private static let bodyMethods: Set<String> = ["POST", "PUT", "PATCH"]

  private func configure(_ lane: CurlLane) -> Result<CurlLists, HTTPError> {
    let easy = lane.easy
    osbs_curl_easy_reset(easy)
    var options = CurlOptions(easy: easy)
    let context = Unmanaged.passUnretained(self).toOpaque()

    options.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(lane.errorBuffer))
    options.set(CURLOPT_URL, request.url)
    options.set(CURLOPT_PROTOCOLS_STR, "http,https")
    options.set(CURLOPT_NOSIGNAL, 1)
    options.set(CURLOPT_FOLLOWLOCATION, 0)
    options.set(CURLOPT_TCP_KEEPALIVE, 1)
    options.set(CURLOPT_ACCEPT_ENCODING, "")
    options.set(CURLOPT_USERAGENT, configuration.userAgent)
    options.set(
      CURLOPT_CONNECTTIMEOUT_MS, max(1, TransportDuration.milliseconds(configuration.timeouts.connect)))
    if let total = configuration.timeouts.total {
      options.set(CURLOPT_TIMEOUT_MS, max(1, TransportDuration.milliseconds(total)))
    }
    if let socket = configuration.unixSocketPath { options.set(CURLOPT_UNIX_SOCKET_PATH, socket) }

    options.check(
      osbs_easy_setopt_write_cb(easy, CURLOPT_WRITEFUNCTION, curlTransferWrite), CURLOPT_WRITEFUNCTION)
    options.set(CURLOPT_WRITEDATA, pointer: context)
    options.check(
      osbs_easy_setopt_write_cb(easy, CURLOPT_HEADERFUNCTION, curlTransferHeader), CURLOPT_HEADERFUNCTION)
    options.set(CURLOPT_HEADERDATA, pointer: context)
    options.check(
      osbs_easy_setopt_xferinfo_cb(easy, CURLOPT_XFERINFOFUNCTION, curlTransferProgress),
      CURLOPT_XFERINFOFUNCTION)
    options.set(CURLOPT_XFERINFODATA, pointer: context)
    options.set(CURLOPT_NOPROGRESS, 0)
    if case .buffered(let limit) = mode { options.set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(limit)) }

    // Runs on the thread that performs the transfer, where libcurl will ask the GSS-API for its credential.
    if case .negotiateFromCache(let cache) = configuration.auth,
      let failure = KerberosTicketCache.useOnThisThread(cache)
    {
      return .failure(.transport(code: 2, message: failure, url: redactedURL))
    }
    configureMethod(&options)
    configureTLS(&options)
    configureProxy(&options)
    let lists = CurlLists(
      headers: configureHeadersAndAuth(&options), connectTo: configureServerName(&options))
    if let failure = options.firstFailure {
      lists.free()
      let message =
        "libcurl rejected option \(failure.option.rawValue): \(String(cString: osbs_curl_easy_strerror(failure.code)))"
      return .failure(.transport(code: Int(failure.code.rawValue), message: message, url: redactedURL))
    }
    return .success(lists)
  }

  /// kubeconfig's `proxy-url`. Go's SOCKS5 dialer hands the proxy the host name, which libcurl does for
  /// `socks5h://`, not `socks5://` (that resolves locally).
  private func configureProxy(_ options: inout CurlOptions) {
    guard let proxy = configuration.proxy, !proxy.isEmpty, configuration.unixSocketPath == nil else { return }
    let socks = "socks5://"
    let url = proxy.lowercased().hasPrefix(socks) ? "socks5h://" + proxy.dropFirst(socks.count) : proxy
    options.set(CURLOPT_PROXY, url)
  }

  /// kubeconfig's `tls-server-name`: libcurl checks the certificate against, and sends by SNI, the URL's
  /// host, so the URL names the server by that name and `CONNECT_TO` still reaches the address configured.
  private func configureServerName(_ options: inout CurlOptions) -> UnsafeMutablePointer<curl_slist>? {
    guard let name = configuration.tls.serverName, !name.isEmpty, configuration.unixSocketPath == nil,
      var components = URLComponents(string: request.url), let host = components.host,
      host.lowercased() != name.lowercased()
    else { return nil }
    let port = components.port ?? (components.scheme?.lowercased() == "http" ? 80 : 443)
    components.host = name
    guard let url = components.string else { return nil }
    options.set(CURLOPT_URL, url)
    let address = host.hasPrefix("[") || !host.contains(":") ? host : "[\(host)]"
    let list = osbs_curl_slist_append(nil, "\(name):\(port):\(address):\(port)")
    options.set(CURLOPT_CONNECT_TO, list: list)
    return list
  }

  private func configureMethod(_ options: inout CurlOptions) {
    let method = request.method.uppercased()
    if method == "HEAD" {
      options.set(CURLOPT_NOBODY, 1)
      return
    }
    if request.body != nil || Self.bodyMethods.contains(method) {
      let body = request.body ?? Data()
      options.set(CURLOPT_POST, 1)
      options.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
      // COPYPOSTFIELDS copies the bytes, so they need not outlive this call; a rewind (auth retry) re-sends them.
      if body.isEmpty {
        options.set(CURLOPT_COPYPOSTFIELDS, "")
      } else {
        body.withUnsafeBytes { bytes in
          options.set(CURLOPT_COPYPOSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: bytes.baseAddress!))
        }
      }
    } else {
      options.set(CURLOPT_HTTPGET, 1)
    }
    if method != "GET" && method != "POST" { options.set(CURLOPT_CUSTOMREQUEST, method) }
  }

  private func configureTLS(_ options: inout CurlOptions) {
    let tls = configuration.tls
    if tls.limitToTLS12 { options.set(CURLOPT_SSLVERSION, Int(OSBS_CURL_SSLVERSION_TLS12_ONLY)) }
    if tls.insecureSkipVerify {
      options.set(CURLOPT_SSL_VERIFYPEER, 0)
      options.set(CURLOPT_SSL_VERIFYHOST, 0)
    } else if let ca = tls.caCertificate {
      // A configured CA replaces the system store, as koji's serverca and kubeconfig's CA do.
      options.check(osbs_easy_setopt_string(options.easy, CURLOPT_CAPATH, nil), CURLOPT_CAPATH)
      switch ca {
      case .file(let path): options.set(CURLOPT_CAINFO, path)
      case .data(let pem): options.set(CURLOPT_CAINFO_BLOB, blob: pem)
      }
    }
    guard let certificate = tls.clientCertificate else { return }
    options.set(CURLOPT_SSLCERTTYPE, "PEM")
    options.set(CURLOPT_SSLKEYTYPE, "PEM")
    // Without a separate key, the key is read from the certificate's PEM (koji's `cert` holds both).
    let key = tls.clientKey ?? certificate
    switch certificate {
    case .file(let path): options.set(CURLOPT_SSLCERT, path)
    case .data(let pem): options.set(CURLOPT_SSLCERT_BLOB, blob: pem)
    }
    switch key {
    case .file(let path): options.set(CURLOPT_SSLKEY, path)
    case .data(let pem): options.set(CURLOPT_SSLKEY_BLOB, blob: pem)
    }
  }

  private func configureHeadersAndAuth(_ options: inout CurlOptions) -> UnsafeMutablePointer<curl_slist>? {
    var fields = request.headers.fields
    let has = { (name: String) in self.request.headers[name] != nil }
    /// What the trace shows for an Authorization header that libcurl computes itself.
    var computedAuthorization: String?
    switch configuration.auth {
    case .none: break
    case .bearer(let token):
      if !has("Authorization") { fields.append(("Authorization", "Bearer \(token)")) }
    case .basic(let user, let password):
      options.set(CURLOPT_HTTPAUTH, Int(truncatingIfNeeded: OSBS_CURLAUTH_BASIC))
      options.set(CURLOPT_USERNAME, user)
      options.set(CURLOPT_PASSWORD, password)
      computedAuthorization = "Basic"
    case .negotiate, .negotiateFromCache:
      options.set(CURLOPT_HTTPAUTH, Int(truncatingIfNeeded: OSBS_CURLAUTH_NEGOTIATE))
      // An empty user makes libcurl take the Kerberos identity from the default credential cache.
      options.set(CURLOPT_USERPWD, ":")
      computedAuthorization = "Negotiate"
    }
    var list: UnsafeMutablePointer<curl_slist>?
    for field in fields {
      // For libcurl "Name:" removes a header, so an empty value must be written as "Name;".
      list = osbs_curl_slist_append(
        list, field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
    }
    // No 100-continue round trip before a body: libcurl would otherwise wait up to a second for it.
    if !has("Expect") { list = osbs_curl_slist_append(list, "Expect:") }
    // Without this libcurl labels every body as a form.
    if request.body != nil && !has("Content-Type") { list = osbs_curl_slist_append(list, "Content-Type:") }
    options.set(CURLOPT_HTTPHEADER, list: list)
    sentHeaders = [("User-Agent", configuration.userAgent)] + fields
    if let computedAuthorization { sentHeaders.append(("Authorization", computedAuthorization)) }
    return list
  }
}

// MARK: - Callbacks (transfer thread)

extension CurlTransfer {
  fileprivate func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
    lastActivity = .now
    if !responseStarted {
      responseStarted = true
      windowStart = lastActivity
      windowBytes = 0
    }
    windowBytes += bytes.count
    let line = Self.trimmed(bytes.bindMemory(to: UInt8.self))
    if line.isEmpty, case .streaming = mode, let lane {
      // The end of a final response's head: a stream is open from here, though a watch may send no event
      // for minutes. (1xx heads come before the real one; errors keep their body for the message.)
      let status = responseCode(lane)
      if status >= 200 && status < 400 { deliverHead(status: status) }
      return
    }
    if line.starts(with: "HTTP/".utf8) {
      // A new response begins (after 1xx, or the 401 leg of an authentication exchange).
      responseHeaders.removeAll()
    } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
      let name = Self.trimmed(UnsafeBufferPointer(rebasing: line[..<colon]))
      let value = Self.trimmed(UnsafeBufferPointer(rebasing: line[(colon + 1)...]))
      responseHeaders.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
    }
  }

  /// Without the spaces, tabs and line ends around it (HTTP's optional whitespace), read in place: a
  /// header line costs two small strings, not a round of Foundation's Unicode trimming per field.
  private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
    var start = 0
    var end = bytes.count
    while start < end && isSpace(bytes[start]) { start += 1 }
    while end > start && isSpace(bytes[end - 1]) { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
  }

  /// Returns false to make libcurl stop the transfer.
  fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
    lastActivity = .now
    switch mode {
    case .buffered(let limit):
      guard collectedBody.count + bytes.count <= limit else {
        setAbortReason(.tooLarge)
        return false
      }
      if collectedBody.isEmpty, let lane { reserveBody(lane, limit: limit) }
      collectedBody.append(bytes.bindMemory(to: UInt8.self))
      return true
    case .streaming(let capacity):
      guard let lane else { return false }
      let status = responseCode(lane)
      if status >= 400 {
        let room = HTTPError.excerptByteLimit - collectedBody.count
        collectedBody.append(contentsOf: bytes.prefix(max(0, room)))
        guard collectedBody.count < HTTPError.excerptByteLimit else {
          setAbortReason(.errorExcerptComplete)
          return false
        }
        return true
      }
      deliverHead(status: status)
      var offset = 0
      while offset < bytes.count {
        let end = min(bytes.count, offset + max(1, capacity))
        guard enqueue(Data(bytes[offset..<end]), capacity: capacity) else { return false }
        offset = end
      }
      // Time spent waiting for a slow consumer is not the server being idle.
      lastActivity = .now
      return true
    }
  }

  /// Room for the announced body at its first bytes: a megabyte reply grows in one allocation instead of
  /// a chain of reallocations, each copying what came before.
  private func reserveBody(_ lane: CurlLane, limit: Int) {
    var announced: curl_off_t = -1
    guard osbs_easy_getinfo_off(lane.easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced) == CURLE_OK,
      announced > 0, announced <= limit
    else { return }
    collectedBody = Data(capacity: Int(announced))
  }

  fileprivate func progress(downloaded: curl_off_t, uploaded: curl_off_t) {
    if downloaded != lastDownloaded || uploaded != lastUploaded {
      windowBytes += Int(max(0, downloaded - lastDownloaded))
      lastDownloaded = downloaded
      lastUploaded = uploaded
      lastActivity = .now
    }
  }

  private func deliverHead(status: Int) {
    guard !headDelivered else { return }
    headDelivered = true
    let head = HTTPStreamHead(status: status, headers: HTTPHeaders(responseHeaders))
    let waiter = condition.withLock {
      defer { headWaiter = nil }
      return headWaiter
    }
    waiter?.resume(returning: head)
  }

  /// Hands a chunk to the consumer, waiting while it holds `capacity` bytes; false once aborted.
  private func enqueue(_ chunk: Data, capacity: Int) -> Bool {
    condition.lock()
    while abortReason == nil && chunkWaiter == nil && bufferedBytes > 0
      && bufferedBytes + chunk.count > capacity
    {
      condition.wait()
    }
    guard abortReason == nil else {
      condition.unlock()
      return false
    }
    if let waiter = chunkWaiter {
      chunkWaiter = nil
      condition.unlock()
      waiter.resume(returning: chunk)
      return true
    }
    pendingChunks.append(chunk)
    bufferedBytes += chunk.count
    bufferedBytesHighWater = max(bufferedBytesHighWater, bufferedBytes)
    condition.unlock()
    return true
  }
}

private func curlTransferWrite(
  _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
  guard let context else { return 0 }
  let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
  let length = size * count
  return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

private func curlTransferHeader(
  _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
  guard let context else { return 0 }
  let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
  let length = size * count
  transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
  return length
}

private func curlTransferProgress(
  _ context: UnsafeMutableRawPointer?, _ downloadTotal: curl_off_t, _ downloaded: curl_off_t,
  _ uploadTotal: curl_off_t, _ uploaded: curl_off_t
) -> Int32 {
  guard let context else { return 0 }
  Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    .progress(downloaded: downloaded, uploaded: uploaded)
  return 0
}

// MARK: - Option setting

/// Typed `curl_easy_setopt` calls that remember the first failure instead of checking each one.
struct CurlOptions {
  let easy: UnsafeMutableRawPointer
  private(set) var firstFailure: (option: CURLoption, code: CURLcode)?

  init(easy: UnsafeMutableRawPointer) { self.easy = easy }

  mutating func check(_ code: CURLcode, _ option: CURLoption) {
    if code != CURLE_OK && firstFailure == nil { firstFailure = (option, code) }
  }

  mutating func set(_ option: CURLoption, _ value: Int) {
    check(osbs_easy_setopt_long(easy, option, value), option)
  }

  mutating func set(_ option: CURLoption, _ value: String) {
    check(osbs_easy_setopt_string(easy, option, value), option)
  }

  mutating func set(_ option: CURLoption, offset: Int64) {
    check(osbs_easy_setopt_off(easy, option, curl_off_t(offset)), option)
  }

  mutating func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) {
    check(osbs_easy_setopt_pointer(easy, option, pointer), option)
  }

  mutating func set(_ option: CURLoption, list: UnsafeMutablePointer<curl_slist>?) {
    check(osbs_easy_setopt_slist(easy, option, list), option)
  }

  /// libcurl copies blob bytes (CURL_BLOB_COPY), so `data` need not outlive the call.
  mutating func set(_ option: CURLoption, blob data: Data) {
    var bytes = data
    let code = bytes.withUnsafeMutableBytes { osbs_easy_setopt_blob(easy, option, $0.baseAddress, $0.count) }
    check(code, option)
  }
}

// MARK: - Errors

enum CurlErrorMapping {
  /// Alert texts by which OpenSSL reports that the server refused our client certificate.
  private static let clientCertificateAlerts = [
    "certificate required", "bad certificate", "certificate unknown", "unknown ca", "certificate expired",
    "certificate revoked", "unsupported certificate", "unable to set private key",
    "unable to use client certificate",
  ]

  static func error(for code: CURLcode, lane: CurlLane, transfer: CurlTransfer) -> HTTPError {
    let url = transfer.redactedURL
    let bufferMessage = lane.errorMessage.trimmingCharacters(in: .whitespacesAndNewlines)
    let message = SecretRedactor.redact(
      text: bufferMessage.isEmpty ? String(cString: osbs_curl_easy_strerror(code)) : bufferMessage,
      secrets: transfer.secrets)
    let lowered = message.lowercased()
    switch code {
    case CURLE_COULDNT_CONNECT:
      return .connectionRefused(url: url, detail: message)
    case CURLE_COULDNT_RESOLVE_HOST:
      return .dnsFailure(host: URLComponents(string: transfer.request.url)?.host ?? url, url: url)
    case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR:
      return .tlsVerificationFailed(url: url, detail: message)
    case CURLE_SSL_CERTPROBLEM, CURLE_SSL_CLIENTCERT:
      return .tlsClientCertificate(url: url, detail: message)
    case CURLE_SSL_CONNECT_ERROR, CURLE_RECV_ERROR, CURLE_SEND_ERROR:
      if clientCertificateAlerts.contains(where: lowered.contains) {
        return .tlsClientCertificate(url: url, detail: message)
      }
      return .transport(code: Int(code.rawValue), message: message, url: url)
    case CURLE_OPERATION_TIMEDOUT:
      return timeout(lane: lane, transfer: transfer)
    case CURLE_FILESIZE_EXCEEDED:
      return .responseTooLarge(limit: transfer.configuration.maxResponseBytes, url: url)
    case CURLE_ABORTED_BY_CALLBACK:
      return .cancelled(url: url)
    default:
      return .transport(code: Int(code.rawValue), message: message, url: url)
    }
  }

  /// libcurl reports both limits as one code: a transfer that never got past connecting hit the connect limit.
  private static func timeout(lane: CurlLane, transfer: CurlTransfer) -> HTTPError {
    let timeouts = transfer.configuration.timeouts
    var pretransfer: curl_off_t = 0
    _ = osbs_easy_getinfo_off(lane.easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer)
    if let total = timeouts.total, pretransfer > 0 || total < timeouts.connect {
      return .timeout(.total, url: transfer.redactedURL, limit: total)
    }
    return .timeout(.connect, url: transfer.redactedURL, limit: timeouts.connect)
  }
}

/// The lists a configured handle points to, freed once its transfer is over.
struct CurlLists {
  var headers: UnsafeMutablePointer<curl_slist>?
  var connectTo: UnsafeMutablePointer<curl_slist>?

  func free() {
    osbs_curl_slist_free_all(headers)
    osbs_curl_slist_free_all(connectTo)
  }
}

/// What the transfer thread watches for its caller besides the network: the request deadline, which ends
/// the transfer with the request timeout, and the moment to say once that no answer has come yet.
struct TransferWatch: Sendable {
  let deadline: RequestDeadline?
  let slow: SlowAnswerNotice?
  /// Counted from when the transfer was made, as `RequestDeadline.run` counts from its start.
  let noticeAt: ContinuousClock.Instant

  init(deadline: RequestDeadline? = nil, slow: SlowAnswerNotice? = nil) {
    self.deadline = deadline
    self.slow = slow
    noticeAt = ContinuousClock.now + (slow?.after ?? .zero)
  }

  var isWatching: Bool { deadline != nil || slow != nil }
}
