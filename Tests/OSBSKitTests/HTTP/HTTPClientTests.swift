import Foundation
import Testing

@testable import OSBSKit

@Suite("HTTPClient against a python server")
struct HTTPClientTests {
  @Test("HEAD returns headers without a body; POST sends no Expect header and no form content type")
  func headAndPostHeaders() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client()
    let head = try await client.send(HTTPRequest(method: "HEAD", url: server.url("/echo")))
    #expect(head.status == 200)
    #expect(head.body.isEmpty)
    #expect(head.headers["X-Echo"] == "yes")

    let big = Data(repeating: UInt8(ascii: "a"), count: 200_000)
    let post = try await client.send(HTTPRequest(method: "POST", url: server.url("/echo"), body: big))
    let echoed = try HTTPTestSupport.decodeJSON(post.body)
    let headers = try #require(echoed["headers"] as? [String: String])
    #expect(headers["expect"] == nil)
    #expect(headers["content-type"] == nil)
    #expect(headers["content-length"] == "200000")
    #expect(headers["user-agent"] == "osbsctl")
    #expect((echoed["body"] as? String)?.count == 200_000)

    let emptyPut = try await client.send(HTTPRequest(method: "PUT", url: server.url("/echo")))
    let putEcho = try HTTPTestSupport.decodeJSON(emptyPut.body)
    #expect(putEcho["method"] as? String == "PUT")
    #expect((putEcho["headers"] as? [String: String])?["content-length"] == "0")
  }

  @Test("gzip bodies are decompressed by libcurl")
  func gzipBody() async throws {
    let server = try await PythonTestHTTPServer()
    let response = try await HTTPTestSupport.client().send(HTTPRequest(url: server.url("/gzip")))
    #expect(
      String(decoding: response.body, as: UTF8.self) == String(repeating: "compressed payload ", count: 100))
  }

  @Test("1,000 sequential requests reuse one keep-alive connection")
  func sequentialRequestsReuseConnection() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client()
    for index in 0..<1000 {
      let response = try await client.send(HTTPRequest(url: server.url("/echo?n=\(index)")))
      #expect(response.status == 200)
    }
    let count = try await client.send(HTTPRequest(url: server.url("/connections")))
    let connections = try #require(Int(String(decoding: count.body, as: UTF8.self)))
    #expect(connections >= 1 && connections <= 2)
  }

  @Test("send returns error statuses; requireSuccess turns them into classified errors")
  func statusErrors() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client()
    let url = server.url("/status?code=404")
    let response = try await client.send(HTTPRequest(url: url))
    #expect(response.status == 404)
    let error = try #require(throws: HTTPError.self) { try response.requireSuccess(url: url) }
    #expect(error == .status(code: 404, url: url, bodyExcerpt: "error body for 404 second line"))
    #expect(error.failureKind == .notFound)
    let fine = HTTPResponse(status: 204, headers: HTTPHeaders(), body: Data())
    #expect(try fine.requireSuccess(url: url).status == 204)
  }

  @Test(
    "status codes map to failure kinds",
    arguments: [
      (401, FailureKind.authentication), (403, .authentication), (404, .notFound), (409, .operationFailed),
      (500, .unavailable), (503, .unavailable),
    ])
  func statusKinds(code: Int, kind: FailureKind) {
    #expect(HTTPError.status(code: code, url: "u", bodyExcerpt: "").failureKind == kind)
  }

  @Test("a streamed error status throws with a bounded excerpt of the body")
  func streamedErrorStatus() async throws {
    let server = try await PythonTestHTTPServer()
    let url = server.url("/status?code=503")
    let error = try await #require(throws: HTTPError.self) {
      _ = try await HTTPTestSupport.client().stream(HTTPRequest(url: url))
    }
    #expect(error == .status(code: 503, url: url, bodyExcerpt: "error body for 503 second line"))
    #expect(error.failureKind == .unavailable)
  }

  @Test("a stream delivers the first chunk before the server sends the second")
  func streamingIsIncremental() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client()
    let response = try await client.stream(HTTPRequest(url: server.url("/two-chunks")))
    #expect(response.status == 200)
    var iterator = response.body.makeAsyncIterator()
    let first = try await iterator.next()
    #expect(first.map { String(decoding: $0, as: UTF8.self) } == "first")
    // The server holds the second chunk until this request arrives (or gives up after 10 s).
    _ = try await client.send(HTTPRequest(url: server.url("/release")))
    var rest = Data()
    while let chunk = try await iterator.next() { rest.append(chunk) }
    #expect(String(decoding: rest, as: UTF8.self) == "second-after-release")
  }

  /// A watch can be open for minutes before its first event: the stream is open when the head is in, and
  /// "still waiting for the server to answer" must not be said of it (it was, after 10 s of a quiet watch).
  @Test("a stream opens when the response head arrives, before any body")
  func streamOpensAtTheHead() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client()
    let response = try await client.stream(HTTPRequest(url: server.url("/head-then-release")))
    #expect(response.status == 200)
    // The server sends the body only after this request, so the stream cannot have waited for it.
    _ = try await client.send(HTTPRequest(url: server.url("/release")))
    var body = Data()
    for try await chunk in response.body { body.append(chunk) }
    #expect(String(decoding: body, as: UTF8.self) == "after-release")
  }

  @Test("a slow consumer holds back the transfer: never more than the buffer capacity is queued")
  func backPressure() async throws {
    let server = try await PythonTestHTTPServer()
    let capacity = 64 << 10
    let total = 8 << 20
    let client = try HTTPTestSupport.client { $0.streamBufferBytes = capacity }
    let response = try await client.stream(HTTPRequest(url: server.url("/bytes?n=\(total)")))
    var received = 0
    var chunks = 0
    for try await chunk in response.body {
      received += chunk.count
      chunks += 1
      if chunks % 8 == 0 { try await Task.sleep(for: .milliseconds(2)) }
    }
    #expect(received == total)
    #expect(response.body.bufferedBytesPeak > 0)
    #expect(response.body.bufferedBytesPeak <= capacity)
  }

  @Test("time spent waiting for a slow consumer does not count as idle")
  func slowConsumerIsNotIdle() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client {
      $0.streamBufferBytes = 16 << 10
      $0.timeouts.idle = .milliseconds(300)
    }
    let response = try await client.stream(HTTPRequest(url: server.url("/bytes?n=\(4 << 20)")))
    var received = 0
    for try await chunk in response.body {
      // Far longer than the idle limit, while the transfer thread is blocked on the full buffer.
      if received == 0 { try await Task.sleep(for: .milliseconds(900)) }
      received += chunk.count
    }
    #expect(received == 4 << 20)
  }

  @Test("dropping a stream's body aborts the transfer and frees its lane")
  func droppedStreamAborts() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client { $0.streamBufferBytes = 64 << 10 }
    do {
      let response = try await client.stream(HTTPRequest(url: server.url("/bytes?n=\(1 << 30)")))
      var iterator = response.body.makeAsyncIterator()
      _ = try await iterator.next()
      #expect(client.lanesInUse == 1)
    }
    // The transfer thread notices within one poll interval; allow plenty.
    for _ in 0..<200 where client.lanesInUse > 0 { try await Task.sleep(for: .milliseconds(25)) }
    #expect(client.lanesInUse == 0)
  }

  @Test("cancelling a request to a silent server ends it with cancelled, without waiting for the server")
  func cancellationIsPrompt() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client {
      $0.timeouts = HTTPTimeouts(connect: .seconds(5), total: nil, idle: nil)
    }
    for streaming in [false, true] {
      let request = HTTPRequest(url: server.url("/silent"))
      let task = Task {
        if streaming { _ = try await client.stream(request) } else { _ = try await client.send(request) }
      }
      try await Task.sleep(for: .milliseconds(300))
      task.cancel()
      // /silent answers nothing for 30 s, so only the cancellation can end the request sooner; the 20 s
      // guard tells the two apart without measuring how fast the cancellation was.
      let ended = await withTaskGroup(of: Bool.self) { group in
        group.addTask {
          _ = await task.result
          return true
        }
        group.addTask {
          try? await Task.sleep(for: .seconds(20))
          return false
        }
        let first = await group.next() ?? false
        group.cancelAll()
        return first
      }
      #expect(ended)
      let result = await task.result
      #expect(throws: HTTPError.cancelled(url: server.url("/silent"))) { try result.get() }
    }
    #expect(HTTPError.cancelled(url: "u").failureKind == .interrupted)
  }

  @Test("a server that sends headers and then stalls hits the idle timeout")
  func idleTimeout() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client { $0.timeouts.idle = .milliseconds(300) }
    let url = server.url("/stall-headers")
    await #expect(throws: HTTPError.timeout(.idle, url: url, limit: .milliseconds(300))) {
      _ = try await client.send(HTTPRequest(url: url))
    }
    // A stream is open once the head is in; the stall is then the body's.
    let response = try await client.stream(HTTPRequest(url: url))
    await #expect(throws: HTTPError.timeout(.idle, url: url, limit: .milliseconds(300))) {
      for try await _ in response.body {}
    }
  }

  @Test("the total timeout is reported as such")
  func totalTimeout() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client {
      $0.timeouts = HTTPTimeouts(connect: .seconds(5), total: .milliseconds(400))
    }
    let url = server.url("/silent")
    let error = try await #require(throws: HTTPError.self) {
      _ = try await client.send(HTTPRequest(url: url))
    }
    #expect(error == .timeout(.total, url: url, limit: .milliseconds(400)))
    #expect(error.failureKind == .unavailable)
  }

  @Test("bodies over maxResponseBytes fail, with and without Content-Length")
  func responseTooLarge() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client { $0.maxResponseBytes = 1000 }
    for query in ["n=5000", "n=5000&chunked=1"] {
      let url = server.url("/bytes?\(query)")
      await #expect(throws: HTTPError.responseTooLarge(limit: 1000, url: url)) {
        _ = try await client.send(HTTPRequest(url: url))
      }
    }
    let small = try await client.send(HTTPRequest(url: server.url("/bytes?n=1000")))
    #expect(small.body.count == 1000)
  }

  @Test("a closed port is connectionRefused, an unknown host dnsFailure")
  func connectionFailures() async throws {
    let client = try HTTPTestSupport.client()
    let refusedURL = "http://127.0.0.1:\(try HTTPTestSupport.unusedLoopbackPort())/x"
    let refused = try await #require(throws: HTTPError.self) {
      _ = try await client.send(HTTPRequest(url: refusedURL))
    }
    guard case .connectionRefused(let url, _) = refused else {
      Issue.record("expected connectionRefused, got \(refused)")
      return
    }
    #expect(url == refusedURL)
    #expect(refused.failureKind == .unavailable)
    #expect(refused.description.contains(refusedURL))

    let unknown = try await #require(throws: HTTPError.self) {
      _ = try await client.send(HTTPRequest(url: "http://nonexistent.invalid/x"))
    }
    #expect(unknown == .dnsFailure(host: "nonexistent.invalid", url: "http://nonexistent.invalid/x"))
    #expect(unknown.failureKind == .unavailable)
  }

  @Test("traces and errors never contain the bearer token or the session key")
  func traceRedaction() async throws {
    let server = try await PythonTestHTTPServer()
    let traces = HTTPTestSupport.Recorder<HTTPTraceEvent>()
    let token = "tok-SECRET-4711"
    let sessionKey = "SK-SECRET-0815"
    let client = try HTTPTestSupport.client {
      $0.auth = .bearer(token)
      $0.diagnostics.trace = { traces.record($0) }
    }
    var request = HTTPRequest(
      method: "POST", url: server.url("/echo?session-id=42&session-key=\(sessionKey)&callnum=3"),
      body: Data("<methodCall/>".utf8))
    request.headers.add("X-Private-Token", "header-SECRET-99")
    let response = try await client.send(request)
    // The server did get the credentials.
    let echoed = try #require(try HTTPTestSupport.decodeJSON(response.body)["headers"] as? [String: String])
    #expect(echoed["authorization"] == "Bearer \(token)")

    let refusedURL =
      "http://127.0.0.1:\(try HTTPTestSupport.unusedLoopbackPort())/x?session-key=\(sessionKey)"
    let failure = try await #require(throws: HTTPError.self) {
      _ = try await client.send(HTTPRequest(url: refusedURL))
    }

    let events = traces.values
    #expect(events.count == 2)
    let first = try #require(events.first)
    #expect(first.status == 200)
    #expect(first.method == "POST")
    #expect(first.bytesSent == 13)
    #expect(first.bytesReceived == response.body.count)
    #expect(first.url.contains("session-id=42"))
    #expect(first.url.contains("callnum=3"))
    #expect(first.requestHeaders.contains { $0.name == "Authorization" && $0.value == "[REDACTED]" })
    let texts =
      events.map { event in
        ([event.formatted(), event.url, event.error ?? ""]
          + event.requestHeaders.map { "\($0.name): \($0.value)" })
          .joined(separator: "\n")
      } + [failure.description]
    for text in texts {
      for secret in [token, sessionKey, "header-SECRET-99"] {
        #expect(!text.contains(secret), "\(secret) leaked into \(text)")
      }
    }
    #expect(
      first.formatted().hasPrefix(
        "POST \(server.url("/echo?session-id=42&session-key=[REDACTED]&callnum=3")) -> 200 "))
  }

  @Test("basic credentials reach the server, but redirects are not followed")
  func basicAuthAndRedirects() async throws {
    let server = try await PythonTestHTTPServer()
    let traces = HTTPTestSupport.Recorder<HTTPTraceEvent>()
    let client = try HTTPTestSupport.client {
      $0.auth = .basic(user: "alice", password: "pw-SECRET")
      $0.diagnostics.trace = { traces.record($0) }
    }
    let response = try await client.send(HTTPRequest(url: server.url("/echo")))
    let headers = try #require(try HTTPTestSupport.decodeJSON(response.body)["headers"] as? [String: String])
    #expect(headers["authorization"] == "Basic " + Data("alice:pw-SECRET".utf8).base64EncodedString())
    #expect(traces.values.first?.requestHeaders.contains { $0 == ("Authorization", "[REDACTED]") } == true)

    let redirect = try await client.send(HTTPRequest(url: server.url("/redirect")))
    #expect(redirect.status == 302)
    #expect(redirect.headers["Location"]?.hasPrefix("http://127.0.0.2:") == true)
    #expect(String(decoding: redirect.body, as: UTF8.self) == "moved")
  }

  @Test("insecureSkipVerify warns through diagnostics")
  func insecureWarning() throws {
    let warnings = HTTPTestSupport.Recorder<String>()
    _ = try HTTPTestSupport.client {
      $0.tls.insecureSkipVerify = true
      $0.diagnostics.warning = { warnings.record($0) }
    }
    #expect(warnings.values.count == 1)
    #expect(warnings.values.first?.contains("verification is disabled") == true)
    _ = try HTTPTestSupport.client { $0.diagnostics.warning = { warnings.record($0) } }
    #expect(warnings.values.count == 1)
  }

  @Test("libcurl's version and features are reported")
  func libcurlInfo() {
    let info = LibcurlInfo.current
    #expect(info.version.first?.isNumber == true)
    #expect(info.features.contains("SSL"))
    #expect(info.features.contains("UnixSockets"))
    #expect(info.sslVersion != nil)
  }
}
