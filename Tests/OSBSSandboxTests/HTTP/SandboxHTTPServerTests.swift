import Foundation
import OSBSSandbox
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The sandbox's HTTP/1.1 framing, seen from a raw socket: what a real client may send (pipelined
/// requests, heads split anywhere, chunked bodies, `Expect`, HTTP/1.0) and what a broken one may.
@Suite struct SandboxHTTPServerTests {
  private func echoRouter(_ seen: SeenBodies? = nil) -> SandboxRouter {
    var router = SandboxRouter()
    router.add("POST", "/echo") { request in
      seen?.bodies.withLock { $0.append(String(decoding: request.body, as: UTF8.self)) }
      return .text("got \(request.body.count): \(String(decoding: request.body, as: UTF8.self))")
    }
    router.add("GET", "/stream") { _ in
      .chunked([Data("one\n".utf8), Data("two\n".utf8)], interval: .milliseconds(1))
    }
    router.add("GET", "/query") { request in
      .text(request.path + " " + request.query.map { "\($0.name)=\($0.value)" }.joined(separator: ","))
    }
    return router
  }

  @Test func pipelinedRequestsAreAnsweredInOrderOnOneConnection() async throws {
    try await withSandbox(router: echoRouter()) { _, endpoints in
      let reply = try await RawConnection.exchange(
        port: endpoints.port,
        sending: [
          "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nfirst"
            + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nsecond"
            + "GET /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        ])
      // Each body ends where the next status line starts.
      #expect(reply.components(separatedBy: "HTTP/1.1 ").count == 4)
      #expect(reply.components(separatedBy: "HTTP/1.1 200 OK\r\n").count == 4)
      let first = try #require(reply.range(of: "got 5: first"))
      let second = try #require(reply.range(of: "got 6: second"))
      #expect(first.upperBound <= second.lowerBound)
      #expect(reply.contains("Connection: close\r\n"))
      #expect(reply.hasSuffix("}"))  // the version object, then the server closed
    }
  }

  @Test func aRequestSentOneByteAtATimeIsServed() async throws {
    try await withSandbox(router: echoRouter()) { _, endpoints in
      let request = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nConnection: close\r\n\r\nslow"
      let reply = try await RawConnection.exchange(port: endpoints.port, sending: request.map { String($0) })
      #expect(reply.hasPrefix("HTTP/1.1 200 OK\r\n"))
      #expect(reply.hasSuffix("\r\n\r\ngot 4: slow"))
      #expect(reply.contains("Content-Length: 11\r\n"))
    }
  }

  @Test func chunkedRequestBodiesAreDecodedAndTrailersDropped() async throws {
    let seen = SeenBodies()
    try await withSandbox(router: echoRouter(seen)) { _, endpoints in
      let reply = try await RawConnection.exchange(
        port: endpoints.port,
        sending: [
          "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
          "5;ext=1\r\nhello\r\n", "1\r\n \r\n6\r\nworld!\r\n0\r\nX-Trailer: t\r\n\r\n",
        ])
      #expect(reply.hasSuffix("got 12: hello world!"))
    }
    #expect(seen.bodies.withLock { $0 } == ["hello world!"])
  }

  @Test func bodiesLargerThanTheReadBufferArriveWhole() async throws {
    let seen = SeenBodies()
    let large = String(repeating: "0123456789abcdef", count: 20_000)  // 320,000 bytes
    try await withSandbox(router: echoRouter(seen)) { _, endpoints in
      let chunkedBody = "4e200\r\n" + String(large.prefix(320_000)) + "\r\n0\r\n\r\n"
      let reply = try await RawConnection.exchange(
        port: endpoints.port,
        sending: [
          "POST /echo HTTP/1.1\r\nContent-Length: 320000\r\n\r\n" + large.prefix(100_000),
          String(large.dropFirst(100_000)),
          "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunkedBody,
        ])
      #expect(reply.components(separatedBy: "HTTP/1.1 200 OK\r\n").count == 3)
    }
    #expect(seen.bodies.withLock { $0 } == [large, large])
  }

  @Test func expectContinueGetsAnInterimAnswerBeforeTheBody() async throws {
    try await withSandbox(router: echoRouter()) { _, endpoints in
      let connection = try RawConnection(port: endpoints.port)
      defer { connection.close() }
      try connection.send(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
      )
      // The client holds its body back until the server asks for it.
      let interim = try await connection.read(until: "\r\n\r\n")
      #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
      try connection.send("body")
      let reply = try await connection.readToEnd()
      #expect(reply.hasPrefix("HTTP/1.1 200 OK\r\n"))
      #expect(reply.hasSuffix("got 4: body"))
    }
  }

  @Test(arguments: [
    ("GARBAGE\r\n\r\n", "400 Bad Request"),
    ("POST /echo HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", "400 Bad Request"),
    ("POST /echo HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "501 Not Implemented"),
    ("POST /echo HTTP/1.1\r\nContent-Length: abc\r\n\r\n", "400 Bad Request"),
    ("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "400 Bad Request"),
    ("GET / HTTP/3\r\n\r\n", "505 HTTP Version Not Supported"),
  ])
  func malformedRequestsAreRefusedAndTheConnectionClosed(request: String, status: String) async throws {
    let seen = SeenBodies()
    try await withSandbox(router: echoRouter(seen)) { server, endpoints in
      let reply = try await RawConnection.exchange(
        port: endpoints.port, sending: [request + "GET /version HTTP/1.1\r\n\r\n"])
      #expect(reply.hasPrefix("HTTP/1.1 \(status)\r\n"))
      #expect(reply.contains("Connection: close\r\n"))
      // Nothing after the bad request is read as a request: it cannot be told apart from the bad one.
      #expect(reply.components(separatedBy: "HTTP/1.1 ").count == 2)
      #expect(await server.journal.all.isEmpty)
    }
    #expect(seen.bodies.withLock { $0 }.isEmpty)
  }

  @Test func aConnectionClosedMidRequestReachesNoHandler() async throws {
    let seen = SeenBodies()
    try await withSandbox(router: echoRouter(seen)) { _, endpoints in
      let reply = try await RawConnection.exchange(
        port: endpoints.port, sending: ["POST /echo HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort"],
        halfClose: true)
      #expect(reply.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
      // The server still answers whole requests on a new connection.
      let next = try await RawConnection.exchange(
        port: endpoints.port, sending: ["GET /version HTTP/1.1\r\nConnection: close\r\n\r\n"])
      #expect(next.hasPrefix("HTTP/1.1 200 OK\r\n"))
    }
    #expect(seen.bodies.withLock { $0 }.isEmpty)
  }

  @Test func streamedBodiesAreChunkedForHTTP11AndRawForHTTP10() async throws {
    try await withSandbox(router: echoRouter()) { _, endpoints in
      let chunked = try await RawConnection.exchange(
        port: endpoints.port, sending: ["GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"])
      #expect(chunked.contains("Transfer-Encoding: chunked\r\n"))
      #expect(chunked.hasSuffix("\r\n\r\n4\r\none\n\r\n4\r\ntwo\n\r\n0\r\n\r\n"))

      // HTTP/1.0 has no chunked coding: the body is the bytes, and its end is the connection's.
      let raw = try await RawConnection.exchange(
        port: endpoints.port, sending: ["GET /stream HTTP/1.0\r\n\r\n"])
      #expect(raw.hasPrefix("HTTP/1.1 200 OK\r\n"))
      #expect(!raw.contains("Transfer-Encoding"))
      #expect(raw.contains("Connection: close\r\n"))
      #expect(raw.hasSuffix("\r\n\r\none\ntwo\n"))
    }
  }

  @Test func http10KeepAliveIsConfirmedAndHeadHasNoBody() async throws {
    try await withSandbox(router: echoRouter()) { _, endpoints in
      let reply = try await RawConnection.exchange(
        port: endpoints.port,
        sending: [
          "GET /version HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" + "HEAD /version HTTP/1.0\r\n\r\n"
        ])
      let parts = reply.components(separatedBy: "HTTP/1.1 200 OK\r\n")
      try #require(parts.count == 3)
      #expect(parts[1].contains("Connection: keep-alive\r\n"))
      #expect(parts[1].hasSuffix("}"))
      // HEAD: the length a GET would have, no bytes of body, then the HTTP/1.0 connection ends.
      #expect(parts[2].contains("Content-Length: "))
      #expect(parts[2].contains("Connection: close\r\n"))
      #expect(parts[2].hasSuffix("\r\n\r\n"))
    }
  }

  @Test func pathsAndQueriesAreDecodedBeforeRouting() async throws {
    try await withSandbox(router: echoRouter()) { _, endpoints in
      let reply = try await RawConnection.exchange(
        port: endpoints.port,
        sending: [
          "GET /x/../qu%65ry?fieldSelector=spec.nodeName%3Dnode-1&watch HTTP/1.1\r\nConnection: close\r\n\r\n"
        ]
      )
      #expect(reply.hasSuffix("\r\n\r\n/query fieldSelector=spec.nodeName=node-1,watch="))
    }
  }

  @Test func aHandlerPastTheTimeoutIsAnswered500AndTheConnectionServesOn() async throws {
    var router = SandboxRouter()
    router.add("GET", "/stuck") { _ in
      try await Task.sleep(for: .seconds(3600))
      return .text("never")
    }
    let server = SandboxServer(
      configuration: .init(handlerTimeout: .milliseconds(200)), router: router)
    let endpoints = try await server.start()
    defer { Task { await server.stop() } }
    let reply = try await RawConnection.exchange(
      port: endpoints.port,
      sending: ["GET /stuck HTTP/1.1\r\n\r\n" + "GET /version HTTP/1.1\r\nConnection: close\r\n\r\n"])
    #expect(reply.hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
    #expect(reply.contains("HTTP/1.1 200 OK\r\n"))
    await server.stop()
  }

  @Test func stopEndsAStreamThatIsStillRunning() async throws {
    var router = SandboxRouter()
    router.add("GET", "/forever") { _ in
      .streaming { writer in
        writer.write("started\n")
        try await Task.sleep(for: .seconds(3600))
      }
    }
    let server = SandboxServer(router: router)
    let endpoints = try await server.start()
    let connection = try RawConnection(port: endpoints.port)
    defer { connection.close() }
    try connection.send("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n")
    _ = try await connection.read(until: "started\n")
    await server.stop()
    // The server closed its end: the client reads the end of the stream, not a final chunk.
    let rest = try await connection.readToEnd()
    #expect(!rest.contains("0\r\n\r\n"))
    #expect(!Loopback.acceptsTCP(port: endpoints.port))
  }
}

/// The request bodies an echo route was handed.
private final class SeenBodies: Sendable {
  let bodies = Mutex<[String]>([])
}

/// A blocking client socket whose reads run on their own thread, off the cooperative pool the server
/// under test needs.
private final class RawConnection: Sendable {
  let fd: Int32

  init(port: UInt16) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw FixtureError("socket() failed: errno \(errno)") }
    var timeout = timeval(tv_sec: 30, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      Glibc.close(fd)
      throw FixtureError("connect to port \(port) failed: errno \(errno)")
    }
    var on: Int32 = 1
    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
  }

  func send(_ text: String) throws {
    let bytes = Array(text.utf8)
    var sent = 0
    while sent < bytes.count {
      let count = bytes.withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL))
      }
      guard count > 0 else { throw FixtureError("send failed: errno \(errno)") }
      sent += count
    }
  }

  func shutdownWrites() { shutdown(fd, Int32(SHUT_WR)) }

  func close() { Glibc.close(fd) }

  /// Reads until `marker` has arrived (or the stream ends) and returns everything read.
  func read(until marker: String? = nil) async throws -> String {
    let fd = fd
    return try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        var received: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 4096)
        while true {
          if let marker, String(decoding: received, as: UTF8.self).hasSuffix(marker) { break }
          // Markers are read one byte at a time so nothing past them is taken from the socket.
          let count = block.withUnsafeMutableBytes { recv(fd, $0.baseAddress, marker == nil ? 4096 : 1, 0) }
          if count == 0 || (count < 0 && errno == ECONNRESET) { break }
          guard count > 0 else {
            continuation.resume(throwing: FixtureError("recv failed: errno \(errno)"))
            return
          }
          received += block[..<count]
        }
        continuation.resume(returning: String(decoding: received, as: UTF8.self))
      }
    }
  }

  func readToEnd() async throws -> String { try await read(until: nil) }

  /// Connects, sends each piece with a short pause between pieces, and reads until the server closes.
  static func exchange(port: UInt16, sending pieces: [String], halfClose: Bool = false) async throws -> String
  {
    let connection = try RawConnection(port: port)
    defer { connection.close() }
    for (index, piece) in pieces.enumerated() {
      if index > 0 { try await Task.sleep(for: .milliseconds(2)) }
      try connection.send(piece)
    }
    if halfClose { connection.shutdownWrites() }
    return try await connection.readToEnd()
  }
}
