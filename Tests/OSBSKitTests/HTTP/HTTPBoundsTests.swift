import Foundation
import OSBSKit
import Synchronization
import TestSupport
import Testing

/// Every reply is bounded: in size (non-streamed bodies), in time without data (idle, drips), in nesting.
@Suite("HTTP bounds against hostile servers")
struct HTTPBoundsTests {
  static func client(maxResponseBytes: Int = HTTPClientConfiguration.defaultMaxResponseBytes, idle: Duration?)
    throws -> HTTPClient
  {
    try HTTPClient(
      configuration: HTTPClientConfiguration(
        timeouts: HTTPTimeouts(connect: .seconds(5), total: nil, idle: idle),
        maxResponseBytes: maxResponseBytes))
  }

  static func head(length: Int) -> Data {
    HostileHTTPServer.Reply.head(
      status: 200, reason: "OK", headers: ["Content-Type: text/plain", "Content-Length: \(length)"])
  }

  @Test func defaultCapIs64MiB() {
    #expect(HTTPClientConfiguration().maxResponseBytes == 64 << 20)
  }

  /// A 2 GB Content-Length fails before any body arrives, naming the URL (query secrets redacted) and the cap.
  @Test func announcedHugeBodyFailsAtOnce() async throws {
    let server = try HostileHTTPServer { _ in .raw(Self.head(length: 2_147_483_648)) }
    defer { server.stop() }
    let url = server.baseURL + "/x?session-key=sekrit-123&callnum=1"
    let error = await #expect(throws: HTTPError.self) {
      _ = try await Self.client(maxResponseBytes: 1 << 20, idle: .seconds(30)).send(HTTPRequest(url: url))
    }
    #expect(error?.failureKind == .unavailable)
    guard case .responseTooLarge(let limit, let shown) = error else {
      Issue.record("not responseTooLarge: \(String(describing: error))")
      return
    }
    #expect(limit == 1 << 20)
    #expect(!shown.contains("sekrit-123") && shown.contains("/x?"))
    #expect(error?.description.contains("1048576 bytes") == true)
  }

  /// A body without Content-Length that grows past the cap stops at the cap.
  @Test func unannouncedBodyStopsAtTheCap() async throws {
    let body = Data(repeating: 0x61, count: 300_000)
    let server = try HostileHTTPServer { _ in
      .raw(
        HostileHTTPServer.Reply.head(status: 200, reason: "OK", headers: ["Content-Type: text/plain"]) + body)
    }
    defer { server.stop() }
    await #expect(throws: HTTPError.responseTooLarge(limit: 100_000, url: server.baseURL + "/")) {
      _ = try await Self.client(maxResponseBytes: 100_000, idle: .seconds(30)).send(
        HTTPRequest(url: server.baseURL + "/"))
    }
    // Streaming is not capped: the same body streams whole, chunk by chunk.
    let response = try await Self.client(maxResponseBytes: 100_000, idle: .seconds(30)).stream(
      HTTPRequest(url: server.baseURL + "/"))
    var received = 0
    for try await chunk in response.body { received += chunk.count }
    #expect(received == body.count)
  }

  /// Headers, then silence: the idle timeout ends it with a typed error.
  @Test func silenceHitsTheIdleTimeout() async throws {
    let server = try HostileHTTPServer { _ in
      .drip(head: Self.head(length: 10), body: Data("0123456789".utf8), interval: .seconds(30))
    }
    defer { server.stop() }
    let error = await #expect(throws: HTTPError.self) {
      _ = try await Self.client(idle: .milliseconds(500)).send(HTTPRequest(url: server.baseURL + "/slow"))
    }
    #expect(error == .timeout(.idle, url: server.baseURL + "/slow", limit: .milliseconds(500)))
    #expect(error?.failureKind == .unavailable)
  }

  /// One byte at a time, each well within the idle timeout: still too little per window, so it fails
  /// rather than holding the command for as long as the server likes.
  @Test func drippingBodyHitsTheIdleTimeout() async throws {
    let body = Data(repeating: 0x62, count: 5000)
    let server = try HostileHTTPServer { _ in
      .drip(head: Self.head(length: body.count), body: body, interval: .milliseconds(100))
    }
    defer { server.stop() }
    let error = await #expect(throws: HTTPError.self) {
      _ = try await Self.client(idle: .milliseconds(700)).send(HTTPRequest(url: server.baseURL + "/drip"))
    }
    #expect(error == .timeout(.idle, url: server.baseURL + "/drip", limit: .milliseconds(700)))
  }

  /// A proxy's HTML error page becomes its words in the error, not markup.
  @Test func htmlErrorPagesAreReducedToText() async throws {
    let page = """
      <!DOCTYPE html>
      <html><head><title>502 Bad Gateway</title><style>body { color: red }</style></head>
      <body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>
      """
    let server = try HostileHTTPServer { _ in
      .complete(status: 502, reason: "Bad Gateway", contentType: "text/html", body: Data(page.utf8))
    }
    defer { server.stop() }
    let response = try await Self.client(idle: .seconds(30)).send(HTTPRequest(url: server.baseURL + "/"))
    let error = #expect(throws: HTTPError.self) { _ = try response.requireSuccess(url: server.baseURL + "/") }
    let text = error?.description ?? ""
    #expect(
      text.contains("502 Bad Gateway Bad Gateway The proxy server received an invalid response."), "\(text)")
    #expect(!text.contains("<") && !text.contains("color: red"), "\(text)")
  }

  /// Foundation refuses JSON nested deeper than 512 with an error (measured: no crash at 100,000), so
  /// server JSON needs no pre-scan; this pins that behaviour.
  @Test func deeplyNestedJSONIsAnErrorNotACrash() {
    let depth = 100_000
    let json = Data((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
    #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode([String].self, from: json) }
    #expect(throws: (any Error).self) { _ = try JSONSerialization.jsonObject(with: json) }
  }
}

/// The request deadline and the slow-answer notice, watched by the transfer's own thread.
@Suite("HTTP request deadline on the transfer thread")
struct TransferWatchTests {
  /// A server that sends its head at once and a byte every 100 ms: never idle, never done in time.
  static func dripping() throws -> HostileHTTPServer {
    try HostileHTTPServer { _ in
      .drip(head: HTTPBoundsTests.head(length: 1_000), body: Data(count: 1_000), interval: .milliseconds(100))
    }
  }

  @Test func theDeadlineEndsATransferThatKeepsReceiving() async throws {
    let server = try Self.dripping()
    defer { server.stop() }
    let started = ContinuousClock.now
    let notices = Mutex<[Duration]>([])
    let slow = SlowAnswerNotice(after: .milliseconds(300)) { _ in
      notices.withLock { $0.append(ContinuousClock.now - started) }
    }
    let url = server.baseURL + "/x?token=sekrit-9"
    let error = await #expect(throws: HTTPError.self) {
      _ = try await HTTPBoundsTests.client(idle: .seconds(30)).send(
        HTTPRequest(url: url), deadline: RequestDeadline(.seconds(1)), slow: slow)
    }
    guard case .timeout(.request, let shown, let limit) = error else {
      Issue.record("not the request timeout: \(String(describing: error))")
      return
    }
    #expect(limit == .seconds(1))
    #expect(!shown.contains("sekrit-9"), "\(shown)")
    // Said once, at its time, while the transfer was still waiting.
    let said = notices.withLock { $0 }
    #expect(said.count == 1, "\(said)")
    #expect(said.allSatisfy { $0 >= .milliseconds(300) && $0 < .seconds(1) }, "\(said)")
  }

  @Test func anAnswerInTimeIsNotAnnouncedAsSlow() async throws {
    let server = try HostileHTTPServer { _ in .raw(HTTPBoundsTests.head(length: 2) + Data("ok".utf8)) }
    defer { server.stop() }
    let notices = Mutex(0)
    let slow = SlowAnswerNotice(after: .seconds(5)) { _ in notices.withLock { $0 += 1 } }
    let response = try await HTTPBoundsTests.client(idle: .seconds(30)).send(
      HTTPRequest(url: server.baseURL + "/x"), deadline: RequestDeadline(.seconds(30)), slow: slow)
    #expect(response.status == 200)
    #expect(response.body == Data("ok".utf8))
    #expect(notices.withLock { $0 } == 0)
  }

  /// A notice due at the deadline is not said: the timeout says it all.
  @Test func aNoticeDueAtTheDeadlineIsNotSaid() async throws {
    let server = try Self.dripping()
    defer { server.stop() }
    let notices = Mutex(0)
    // The deadline is made first, so the notice falls due at it or just after it, in the same look.
    let deadline = RequestDeadline(.milliseconds(500))
    let slow = SlowAnswerNotice(after: .milliseconds(500)) { _ in notices.withLock { $0 += 1 } }
    await #expect(throws: HTTPError.self) {
      _ = try await HTTPBoundsTests.client(idle: .seconds(30)).send(
        HTTPRequest(url: server.baseURL + "/x"), deadline: deadline, slow: slow)
    }
    #expect(notices.withLock { $0 } == 0)
  }

  @Test func aDeadlineAlreadyPastSendsNothing() async throws {
    let requests = Mutex(0)
    let server = try HostileHTTPServer { _ in
      requests.withLock { $0 += 1 }
      return .raw(HTTPBoundsTests.head(length: 2) + Data("ok".utf8))
    }
    defer { server.stop() }
    let deadline = RequestDeadline(.milliseconds(1))
    try await Task.sleep(for: .milliseconds(20))
    let error = await #expect(throws: HTTPError.self) {
      _ = try await HTTPBoundsTests.client(idle: .seconds(30)).send(
        HTTPRequest(url: server.baseURL + "/x"), deadline: deadline, slow: nil)
    }
    #expect(error?.isRequestTimeout == true, "\(String(describing: error))")
    #expect(requests.withLock { $0 } == 0)
  }

  /// Ctrl-C cancels the command's task: the caller sees its cancellation, not a failed request.
  @Test func cancellingTheCallerThrowsCancellationError() async throws {
    let server = try Self.dripping()
    defer { server.stop() }
    let client = try HTTPBoundsTests.client(idle: .seconds(30))
    let request = Task {
      try await client.send(
        HTTPRequest(url: server.baseURL + "/x"), deadline: RequestDeadline(.seconds(60)),
        slow: SlowAnswerNotice(after: .seconds(30)) { _ in })
    }
    try await Task.sleep(for: .milliseconds(300))
    request.cancel()
    await #expect(throws: CancellationError.self) { _ = try await request.value }
  }
}
