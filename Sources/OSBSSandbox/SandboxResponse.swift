import Foundation

/// What a sandbox handler answers. Besides ordinary bodies it can stream a body (chunked transfer
/// encoding) or drop the connection without answering at all.
public struct SandboxResponse: Sendable {
  public enum Body: Sendable {
    case data(Data)
    /// Sent with `Transfer-Encoding: chunked`, one chunk per element as soon as it is produced.
    case stream(AsyncStream<Data>)
    /// Close the socket without writing a status line.
    case dropConnection
  }

  public var status: Int
  public var headers: [String: String]
  public var body: Body

  public init(status: Int, headers: [String: String] = [:], body: Body = .data(Data())) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// The body bytes, or nil for streamed and dropped responses.
  public var bodyData: Data? {
    if case .data(let data) = body { return data }
    return nil
  }

  public static let dropConnection = SandboxResponse(status: 0, body: .dropConnection)

  public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain") -> Self {
    SandboxResponse(status: status, headers: ["Content-Type": contentType], body: .data(Data(text.utf8)))
  }

  public static func json(_ data: Data, status: Int = 200) -> Self {
    SandboxResponse(status: status, headers: ["Content-Type": "application/json"], body: .data(data))
  }

  /// Encodes `value` with sorted keys and unescaped slashes (stable output for tests and humans).
  public static func json(_ value: some Encodable, status: Int = 200) -> Self {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding the sandbox's own Codable values cannot fail; an empty object keeps the signature simple.
    let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
    return json(data, status: status)
  }

  /// Streams whatever `produce` writes. The producer starts at once and is cancelled when the client
  /// goes away or the response is discarded.
  public static func streaming(
    status: Int = 200,
    headers: [String: String] = ["Content-Type": "text/plain"],
    produce: @escaping @Sendable (SandboxStreamWriter) async throws -> Void
  ) -> Self {
    let (stream, continuation) = AsyncStream<Data>.makeStream()
    let producer = Task {
      try? await produce(SandboxStreamWriter(continuation: continuation))
      continuation.finish()
    }
    continuation.onTermination = { _ in producer.cancel() }
    return SandboxResponse(status: status, headers: headers, body: .stream(stream))
  }

  /// Streams `chunks` with `interval` between them (a build log that grows while it is read).
  public static func chunked(
    _ chunks: [Data],
    interval: Duration,
    status: Int = 200,
    headers: [String: String] = ["Content-Type": "text/plain"]
  ) -> Self {
    streaming(status: status, headers: headers) { writer in
      for (index, chunk) in chunks.enumerated() {
        if index > 0 { try await Task.sleep(for: interval) }
        writer.write(chunk)
      }
    }
  }
}

/// Feeds a streamed response body.
public struct SandboxStreamWriter: Sendable {
  let continuation: AsyncStream<Data>.Continuation

  /// Queues `data` as the next chunk; empty data is ignored because an empty chunk ends a chunked body.
  public func write(_ data: Data) {
    guard !data.isEmpty else { return }
    continuation.yield(data)
  }

  public func write(_ text: String) {
    write(Data(text.utf8))
  }
}
