import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// Adapts the sandbox's request/response types to FlyingFox.
struct FlyingFoxBridge: HTTPHandler {
  let dispatcher: SandboxDispatcher

  func handleRequest(_ request: FlyingFox.HTTPRequest) async throws -> FlyingFox.HTTPResponse {
    let body = try await request.bodyData
    var headers: [String: String] = [:]
    for (name, value) in request.headers {
      let key = name.rawValue.lowercased()
      headers[key] = headers[key].map { "\($0), \(value)" } ?? value
    }
    let sandboxRequest = SandboxRequest(
      method: request.method.rawValue,
      path: request.path,
      query: request.query.map { (name: $0.name, value: $0.value) },
      headers: headers,
      body: body)
    return Self.flyingFoxResponse(await dispatcher.respond(to: sandboxRequest))
  }

  static func flyingFoxResponse(_ response: SandboxResponse) -> FlyingFox.HTTPResponse {
    let status = HTTPStatusCode(response.status, phrase: HTTPReasonPhrase.phrase(for: response.status))
    var headers = HTTPHeaders()
    for (name, value) in response.headers {
      headers[HTTPHeader(name)] = value
    }
    switch response.body {
    case .data(let data):
      return HTTPResponse(statusCode: status, headers: headers, body: data)
    case .stream(let stream):
      // Without a count FlyingFox sends `Transfer-Encoding: chunked`, one chunk per buffer.
      return HTTPResponse(
        statusCode: status, headers: headers, body: HTTPBodySequence(from: StreamedBytes(stream)))
    case .dropConnection:
      // FlyingFox writes nothing for an upgrade until the handler has produced its frames; when
      // that throws, the server closes the socket without a byte of response.
      return HTTPResponse(headers: [:], webSocket: ConnectionDropper())
    }
  }
}

/// Ends the connection before any response bytes are written (see `SandboxResponse.dropConnection`).
struct ConnectionDropper: WSHandler {
  struct Dropped: Error {}

  func makeFrames(for client: AsyncThrowingStream<WSFrame, any Error>) async throws -> AsyncStream<WSFrame> {
    throw Dropped()
  }
}

/// A response body stream as FlyingFox's buffered byte sequence.
struct StreamedBytes: AsyncBufferedSequence {
  typealias Element = UInt8

  let chunks: AsyncStream<Data>

  init(_ chunks: AsyncStream<Data>) {
    self.chunks = chunks
  }

  func makeAsyncIterator() -> Iterator {
    Iterator(chunks: chunks.makeAsyncIterator())
  }

  struct Iterator: AsyncBufferedIteratorProtocol {
    var chunks: AsyncStream<Data>.Iterator
    var pending: [UInt8] = []

    mutating func next() async -> UInt8? {
      guard await fill() else { return nil }
      return pending.removeFirst()
    }

    /// Returns what is already buffered, waiting only when nothing is, so every produced chunk goes
    /// out as soon as it exists.
    mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
      guard await fill() else { return nil }
      let size = Swift.min(Swift.max(count, 1), pending.count)
      defer { pending.removeFirst(size) }
      return Array(pending.prefix(size))
    }

    private mutating func fill() async -> Bool {
      while pending.isEmpty {
        guard let chunk = await chunks.next() else { return false }
        pending.append(contentsOf: chunk)
      }
      return true
    }
  }
}

/// Set once the server is being stopped.
final class StopFlag: Sendable {
  private let value = Mutex(false)

  var isSet: Bool { value.withLock { $0 } }

  func set() { value.withLock { $0 = true } }
}

/// FlyingFox's log lines on standard error (standard output belongs to the ready line).
struct StandardErrorLogger: Logging {
  /// FlyingFox reports the listener it closes on stop as a critical "disconnected" error.
  let stopping: StopFlag

  func logDebug(_ debug: @autoclosure () -> String) {}
  func logInfo(_ info: @autoclosure () -> String) { write("info", info()) }
  func logWarning(_ warning: @autoclosure () -> String) { write("warning", warning()) }
  func logError(_ error: @autoclosure () -> String) { write("error", error()) }
  func logCritical(_ critical: @autoclosure () -> String) { write("critical", critical()) }

  private func write(_ level: String, _ message: String) {
    guard !stopping.isSet else { return }
    FileHandle.standardError.write(Data("osbs-sandbox \(level): \(message)\n".utf8))
  }
}
