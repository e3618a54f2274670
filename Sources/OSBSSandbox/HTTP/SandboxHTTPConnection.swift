import FlyingSocks
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One accepted connection: reads requests in blocks, answers them in order, and keeps the connection
/// open between requests as HTTP/1.1 allows.
///
/// Reads go straight to the descriptor into one growing buffer and the head is found by scanning it,
/// so a request costs a few system calls rather than an iterator step per byte.
struct SandboxHTTPConnection {
  let socket: Socket
  let pool: any AsyncSocketPool
  let handlerTimeout: Duration?
  let log: (@Sendable (String) -> Void)?
  let respond: @Sendable (SandboxRequest) async -> SandboxResponse

  /// Received bytes live in `buffer[consumed..<end]`; the rest of its capacity is room for the next read.
  private var buffer: [UInt8] = []
  /// Bytes of `buffer` before this index belong to requests already answered.
  private var consumed = 0
  private var end = 0

  init(
    socket: Socket, pool: any AsyncSocketPool, handlerTimeout: Duration?,
    log: (@Sendable (String) -> Void)?, respond: @escaping @Sendable (SandboxRequest) async -> SandboxResponse
  ) {
    self.socket = socket
    self.pool = pool
    self.handlerTimeout = handlerTimeout
    self.log = log
    self.respond = respond
  }

  /// Serves until the client closes, a response ends the connection, or the task is cancelled.
  mutating func serve() async {
    do {
      while try await serveOne() {}
    } catch is CancellationError {
    } catch {
      log?("connection: \(error)")
    }
  }

  /// Reads one request and answers it; false when the connection is to end.
  private mutating func serveOne() async throws -> Bool {
    let head: HTTPRequestHead
    let body: Data
    do {
      guard let next = try await readHead() else { return false }
      head = next
      let framing = try HTTPBodyFraming(head)
      if head.expectsContinue, framing != .length(0), !hasWholeBody(framing) {
        try await write(Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
      }
      body = try await readBody(framing)
    } catch let rejection as HTTPRequestRejection {
      // The stream cannot be trusted past a malformed request: answer and close, as Go's server does.
      log?("refused a request: \(rejection.status) \(rejection.reason)")
      try await write(
        Self.encodeHead(
          status: rejection.status,
          headers: [("Connection", "close"), ("Content-Length", "\(rejection.reason.utf8.count + 1)")])
          + Data((rejection.reason + "\n").utf8))
      return false
    }

    let (path, query) = HTTPRequestTarget.split(head.target)
    log?("\(head.method) \(path)")
    let request = SandboxRequest(
      method: head.method, path: path, query: query, lowercasedHeaders: head.fields, body: body)
    let response = await answer(request)
    return try await send(response, to: head)
  }

  // MARK: Reading

  /// The next request's head, or nil when the client closed the connection between requests.
  private mutating func readHead() async throws -> HTTPRequestHead? {
    var scanned = 0
    while true {
      switch try HTTPRequestHeadParser.parse(buffer, from: consumed, to: end, scanned: scanned) {
      case .complete(let head, let length):
        consumed += length
        return head
      case .incomplete(let done):
        scanned = done
      }
      guard try await fill() else {
        if end == consumed { return nil }
        throw HTTPRequestRejection(status: 400, reason: "the connection ended inside a request head")
      }
    }
  }

  private func hasWholeBody(_ framing: HTTPBodyFraming) -> Bool {
    if case .length(let count) = framing { return end - consumed >= count }
    return false
  }

  private mutating func readBody(_ framing: HTTPBodyFraming) async throws -> Data {
    switch framing {
    case .length(let count):
      try await awaitBuffered(count, orRefuseAsEndedInside: "a request body")
      defer { consumed += count }
      return Data(buffer[consumed..<consumed + count])
    case .chunked:
      return try await readChunkedBody()
    }
  }

  /// RFC 9112 §7.1: size line (hex, extensions ignored), data, CRLF; a zero size, then trailer lines.
  private mutating func readChunkedBody() async throws -> Data {
    var body = Data()
    while true {
      let sizeLine = try await readLine()
      let digits = sizeLine.prefix { $0 != UInt8(ascii: ";") }.filter { $0 != UInt8(ascii: " ") }
      guard !digits.isEmpty, digits.count <= 16,
        let size = Int(String(decoding: digits, as: UTF8.self), radix: 16)
      else {
        throw HTTPRequestRejection(status: 400, reason: "malformed chunk size")
      }
      if size == 0 { break }
      guard body.count + size <= HTTPBodyFraming.largestBody else {
        throw HTTPRequestRejection(status: 413, reason: "the chunked body is too large")
      }
      try await awaitBuffered(size + 2, orRefuseAsEndedInside: "a chunk")
      body.append(contentsOf: buffer[consumed..<consumed + size])
      guard buffer[consumed + size] == UInt8(ascii: "\r"), buffer[consumed + size + 1] == UInt8(ascii: "\n")
      else {
        throw HTTPRequestRejection(status: 400, reason: "a chunk does not end with CRLF")
      }
      consumed += size + 2
    }
    while try await !readLine().isEmpty {}  // trailer fields are read and dropped
    return body
  }

  /// Reads until `count` unanswered bytes are buffered; a connection that ends first is a 400.
  private mutating func awaitBuffered(_ count: Int, orRefuseAsEndedInside part: String) async throws {
    while end - consumed < count {
      guard try await fill() else {
        throw HTTPRequestRejection(status: 400, reason: "the connection ended inside \(part)")
      }
    }
  }

  /// One line without its CRLF (or bare LF).
  private mutating func readLine() async throws -> ArraySlice<UInt8> {
    var scanned = 0  // relative to `consumed`, which a fill may move
    while true {
      if let lineEnd = buffer[(consumed + scanned)..<end].firstIndex(of: UInt8(ascii: "\n")) {
        var line = buffer[consumed..<lineEnd]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        consumed = lineEnd + 1
        return line
      }
      guard end - consumed <= 4096 else {
        throw HTTPRequestRejection(status: 400, reason: "a chunk line is too long")
      }
      scanned = end - consumed
      guard try await fill() else {
        throw HTTPRequestRejection(status: 400, reason: "the connection ended inside a chunked body")
      }
    }
  }

  /// Appends what the socket has; false at end of stream.
  private mutating func fill() async throws -> Bool {
    makeRoom()
    let descriptor = socket.file.rawValue
    while true {
      let (start, room) = (end, buffer.count - end)
      let count = buffer.withUnsafeMutableBytes { bytes in
        Glibc.read(descriptor, bytes.baseAddress! + start, room)
      }
      if count > 0 {
        end += count
        return true
      }
      if count == 0 { return false }
      switch errno {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK: try await pool.suspendSocket(socket, untilReadyFor: .read)
      case ECONNRESET: return false
      default: throw SocketError.makeFailed("Read")
      }
    }
  }

  /// Moves unanswered bytes to the front, or doubles the buffer when they fill it (a large body).
  private mutating func makeRoom() {
    let block = 64 << 10
    if consumed > 0, consumed == end || end == buffer.count || consumed >= buffer.count / 2 {
      buffer.withUnsafeMutableBytes { bytes in
        bytes.baseAddress!.copyMemory(from: bytes.baseAddress! + consumed, byteCount: end - consumed)
      }
      end -= consumed
      consumed = 0
    }
    if buffer.count - end < block / 4 {
      buffer.append(contentsOf: repeatElement(0, count: max(block, buffer.count)))
    }
  }

  // MARK: Answering

  /// The handler's response, or 500 when it runs longer than the handler timeout, if there is one;
  /// streamed bodies are not limited.
  private func answer(_ request: SandboxRequest) async -> SandboxResponse {
    // Racing a timer costs a sleeping task and a timer per request, a tenth of the server's CPU.
    guard let timeout = handlerTimeout else { return await respond(request) }
    let respond = respond
    return await withTaskGroup(of: SandboxResponse?.self) { group in
      group.addTask { await respond(request) }
      group.addTask {
        try? await Task.sleep(for: timeout)
        return nil
      }
      let first = await group.next() ?? nil
      group.cancelAll()
      if first == nil { log?("the handler for \(request.method) \(request.path) timed out") }
      return first ?? SandboxResponse(status: 500)
    }
  }

  /// Writes `response`; false when the connection is to end after it.
  private func send(_ response: SandboxResponse, to head: HTTPRequestHead) async throws -> Bool {
    var keepAlive = head.keepsAlive
    var headers = response.headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    if let connection = headers.first(where: { $0.name.lowercased() == "connection" }) {
      keepAlive = keepAlive && !HTTPRequestHead.tokens(connection.value).contains("close")
    }
    // RFC 9110 §6.4.1: these statuses have no content, and a HEAD answer has none to send.
    let noContent = response.status == 204 || response.status == 304 || (100..<200).contains(response.status)
    let bodiless = head.method == "HEAD" || noContent
    let has = { (name: String) in headers.contains { $0.name.lowercased() == name } }

    switch response.body {
    case .dropConnection:
      return false

    case .data(let data):
      if !noContent, !has("content-length") { headers.append(("Content-Length", "\(data.count)")) }
      headers.append(contentsOf: connectionHeader(keepAlive: keepAlive, head: head, has: has))
      var bytes = Self.encodeHead(status: response.status, headers: headers)
      if !bodiless { bytes.append(data) }
      try await write(bytes)
      return keepAlive

    case .stream(let chunks):
      // An HTTP/1.0 client cannot read chunked coding: send the bytes as they come and close at the end.
      let chunked = head.minorVersion >= 1 && !bodiless
      if chunked {
        headers.append(("Transfer-Encoding", "chunked"))
      } else {
        keepAlive = false
      }
      headers.append(contentsOf: connectionHeader(keepAlive: keepAlive, head: head, has: has))
      try await write(Self.encodeHead(status: response.status, headers: headers))
      guard !bodiless else { return keepAlive }
      for await chunk in chunks {
        try Task.checkCancellation()
        guard chunked else {
          try await write(chunk)
          continue
        }
        var framed = Data(String(chunk.count, radix: 16).utf8)
        framed.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        framed.append(chunk)
        framed.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        try await write(framed)
      }
      try Task.checkCancellation()
      if chunked { try await write(Data("0\r\n\r\n".utf8)) }
      return keepAlive
    }
  }

  /// `Connection: close` when the server ends the connection (RFC 9112 §9.6); an HTTP/1.0 client that
  /// asked for keep-alive hears it confirmed.
  private func connectionHeader(keepAlive: Bool, head: HTTPRequestHead, has: (String) -> Bool)
    -> [(name: String, value: String)]
  {
    guard !has("connection") else { return [] }
    if !keepAlive { return [("Connection", "close")] }
    return head.minorVersion == 0 ? [("Connection", "keep-alive")] : []
  }

  static func encodeHead(status: Int, headers: [(name: String, value: String)]) -> Data {
    var text = "HTTP/1.1 \(status) \(HTTPReasonPhrase.phrase(for: status))\r\n"
    // Sorted by name, as Go's server writes them: stable bytes for tests and recordings alike.
    for (name, value) in headers.sorted(by: { $0.name < $1.name }) { text += "\(name): \(value)\r\n" }
    text += "\r\n"
    return Data(text.utf8)
  }

  private func write(_ data: Data) async throws {
    var sent = 0
    while sent < data.count {
      let count = data.withUnsafeBytes { bytes in
        Glibc.send(socket.file.rawValue, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
      }
      if count >= 0 {
        sent += count
        continue
      }
      switch errno {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK: try await pool.suspendSocket(socket, untilReadyFor: .write)
      default: throw SocketError.makeFailed("Write")
      }
    }
  }
}
