import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A loopback HTTP/1.1 server that answers with exactly the bytes a test scripts: truncated bodies, lying
/// `Content-Length`s, invalid UTF-8, HTML error pages, bodies dripped a byte at a time. No HTTP library
/// sits in between to tidy the reply up. One thread per connection; every connection is closed after one
/// reply, so each request is answered afresh.
public final class HostileHTTPServer: Sendable {
  /// The request line and body as the client sent them.
  public struct Request: Sendable {
    public var method: String
    public var path: String
    public var headers: [String: String]
    public var body: Data

    /// The path without its query (still percent-encoded).
    public var pathOnly: String {
      URLComponents(string: "http://server" + path)?.percentEncodedPath ?? path
    }

    /// The query's parameters by name (the last of a repeated one; a bare name maps to "").
    public var query: [String: String] {
      var items: [String: String] = [:]
      for item in URLComponents(string: "http://server" + path)?.queryItems ?? [] {
        items[item.name] = item.value ?? ""
      }
      return items
    }

    /// `<methodName>` of an XML-RPC call, if this is one.
    public var xmlrpcMethod: String? {
      let text = String(decoding: body, as: UTF8.self)
      guard let open = text.range(of: "<methodName>"), let close = text.range(of: "</methodName>") else {
        return nil
      }
      return String(text[open.upperBound..<close.lowerBound])
    }
  }

  /// How to answer one request.
  public enum Reply: Sendable {
    /// These bytes verbatim (status line, headers, body), then close.
    case raw(Data)
    /// Write `head` at once, then one byte of `body` every `interval`, then close.
    case drip(head: Data, body: Data, interval: Duration)

    /// A well-formed reply: status line, Content-Type and Content-Length, then the body.
    public static func complete(
      status: Int = 200, reason: String = "OK", contentType: String, body: Data,
      extraHeaders: [String] = []
    ) -> Reply {
      .raw(
        head(
          status: status, reason: reason,
          headers: ["Content-Type: \(contentType)", "Content-Length: \(body.count)"] + extraHeaders) + body)
    }

    /// A status line and headers (no body) as bytes.
    public static func head(status: Int, reason: String, headers: [String]) -> Data {
      Data(
        (["HTTP/1.1 \(status) \(reason)"] + headers + ["Connection: close", "", ""]).joined(separator: "\r\n")
          .utf8)
    }
  }

  public typealias Handler = @Sendable (Request) -> Reply

  public let port: UInt16
  private let listener: Int32
  private let handler: Mutex<Handler>
  private let stopped = Atomic<Bool>(false)
  private let requestLog = Mutex<[Request]>([])

  public var baseURL: String { "http://127.0.0.1:\(port)" }

  /// Requests seen so far, in order.
  public var requests: [Request] { requestLog.withLock { $0 } }

  public init(_ handler: @escaping Handler) throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw FixtureError("socket() failed: errno \(errno)") }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard bound == 0, named == 0, listen(fd, 64) == 0 else {
      close(fd)
      throw FixtureError("cannot listen on 127.0.0.1: errno \(errno)")
    }
    listener = fd
    port = UInt16(bigEndian: address.sin_port)
    self.handler = Mutex(handler)
    let thread = Thread { [self] in acceptLoop() }
    thread.name = "hostile-http"
    thread.start()
  }

  /// Answers later requests differently.
  public func setHandler(_ handler: @escaping Handler) { self.handler.withLock { $0 = handler } }

  /// Stops accepting; connections in progress finish their reply.
  public func stop() {
    guard !stopped.exchange(true, ordering: .relaxed) else { return }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }

  deinit { stop() }

  private func acceptLoop() {
    while !stopped.load(ordering: .relaxed) {
      let client = accept(listener, nil, nil)
      if client < 0 {
        if errno == EINTR { continue }
        return
      }
      let thread = Thread { [self] in serve(client) }
      thread.start()
    }
  }

  private func serve(_ client: Int32) {
    defer { close(client) }
    guard let request = readRequest(client) else { return }
    requestLog.withLock { $0.append(request) }
    switch handler.withLock({ $0 })(request) {
    case .raw(let bytes):
      _ = send(client, bytes)
    case .drip(let head, let body, let interval):
      guard send(client, head) else { return }
      for byte in body {
        Thread.sleep(
          forTimeInterval: Double(interval.components.seconds) + Double(interval.components.attoseconds)
            / 1e18)
        if stopped.load(ordering: .relaxed) || !send(client, Data([byte])) { return }
      }
    }
    shutdown(client, Int32(SHUT_WR))
  }

  private func send(_ client: Int32, _ bytes: Data) -> Bool {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = Glibc.send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
        if written <= 0 {
          if written < 0 && errno == EINTR { continue }
          return false
        }
        offset += written
      }
      return true
    }
  }

  /// Reads the head and a `Content-Length` body; nil when the client went away first.
  private func readRequest(_ client: Int32) -> Request? {
    var buffer = Data()
    var chunk = [UInt8](repeating: 0, count: 64 << 10)
    let separator = Data("\r\n\r\n".utf8)
    while buffer.range(of: separator) == nil {
      let count = recv(client, &chunk, chunk.count, 0)
      guard count > 0 else { return nil }
      buffer.append(contentsOf: chunk[0..<count])
    }
    let headEnd = buffer.range(of: separator)!
    let lines = String(decoding: buffer[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
    let parts = lines.first?.split(separator: " ") ?? []
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
        in: .whitespaces)
    }
    var body = Data(buffer[headEnd.upperBound...])
    let expected = Int(headers["content-length"] ?? "0") ?? 0
    while body.count < expected {
      let count = recv(client, &chunk, chunk.count, 0)
      guard count > 0 else { break }
      body.append(contentsOf: chunk[0..<count])
    }
    return Request(
      method: parts.first.map(String.init) ?? "", path: parts.count > 1 ? String(parts[1]) : "/",
      headers: headers, body: body)
  }
}
