import CCurl
import Foundation
import Synchronization

/// The HTTP transport every protocol client uses, built on libcurl.
///
/// Buffered requests run on the client's `CurlDriver`: one thread and one libcurl multi handle for all of
/// them, whose connection cache keeps connections alive, so sequential requests to one server reuse a
/// connection and concurrent ones use more (one request per connection at a time). A stream runs on a
/// thread of its own with a "lane" (a multi handle plus one easy handle) taken from this client's pool.
public final class HTTPClient: Sendable {
  public let configuration: HTTPClientConfiguration
  let pool = LanePool()
  /// Nil with a test transport.
  let driver: CurlDriver?

  public init(configuration: HTTPClientConfiguration) throws {
    if configuration.transport != nil {
      self.configuration = configuration
      driver = nil
      return
    }
    if let failure = CurlLibrary.loadFailure() {
      throw HTTPError.transport(code: 2, message: "libcurl is not available: \(failure)", url: "-")
    }
    guard let driver = CurlDriver() else {
      throw HTTPError.transport(code: 2, message: "libcurl could not be initialised", url: "-")
    }
    self.driver = driver
    self.configuration = configuration
    if configuration.tls.insecureSkipVerify {
      configuration.diagnostics.warning?(
        "TLS certificate verification is disabled: the server's identity is not checked")
    }
  }

  /// Sends the request and collects the response, whatever its status.
  ///
  /// Bodies above `maxResponseBytes` fail with `HTTPError.responseTooLarge`. Cancelling the calling task
  /// aborts the transfer and throws `HTTPError.cancelled`.
  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    if let transport = configuration.transport { return try await transport.send(request) }
    return try await sendBuffered(request, watch: TransferWatch())
  }

  /// `send` bounded by `deadline`, saying `slow` once if no answer has come by then.
  ///
  /// The thread driving the transfer watches both as it waits on the network, so a request needs no timer
  /// task beside it: `RequestDeadline.run`'s task group cost every request two tasks, their hops between
  /// threads and the first `Task.sleep`'s conformance lookup (bench/README.md, Profiles, round twelve).
  /// A test transport gets `RequestDeadline.run`, which bounds any transport the same way.
  public func send(_ request: HTTPRequest, deadline: RequestDeadline?, slow: SlowAnswerNotice?) async throws
    -> HTTPResponse
  {
    guard configuration.transport == nil else {
      return try await RequestDeadline.run(deadline, url: SecretRedactor.redact(url: request.url), slow: slow)
      {
        try await self.send(request)
      }
    }
    do {
      return try await sendBuffered(request, watch: TransferWatch(deadline: deadline, slow: slow))
    } catch HTTPError.cancelled where Task.isCancelled {
      // Ctrl-C is the caller's cancellation, as it was when RequestDeadline.run's timer task saw it
      // first: commands end quietly on CancellationError and report an HTTPError.
      throw CancellationError()
    }
  }

  /// One buffered transfer through libcurl; cancelling the calling task aborts it.
  private func sendBuffered(_ request: HTTPRequest, watch: TransferWatch) async throws -> HTTPResponse {
    guard let driver else { preconditionFailure("a client with a test transport has no libcurl driver") }
    let transfer = CurlTransfer(
      request: request, configuration: configuration, mode: .buffered(limit: configuration.maxResponseBytes),
      pool: pool, watch: watch)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { transfer.startBuffered($0, on: driver) }
    } onCancel: {
      transfer.abort(.cancelled)
    }
  }

  /// Starts the request and returns once the status, headers and first body bytes (or the end) arrived.
  ///
  /// The body is delivered in chunks; the transfer waits while `streamBufferBytes` are not yet consumed.
  /// A status of 400 or more throws `HTTPError.status` with the start of the body. Dropping the body stream,
  /// or cancelling the task that iterates it, aborts the transfer.
  public func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
    if let transport = configuration.transport {
      let response = try await transport.send(request).requireSuccess(url: request.url)
      return HTTPStreamingResponse(
        status: response.status, headers: response.headers, body: HTTPBodyStream(replaying: response.body))
    }
    let transfer = CurlTransfer(
      request: request, configuration: configuration,
      mode: .streaming(capacity: max(1, configuration.streamBufferBytes)), pool: pool)
    // Owned from here on, so a cancelled stream() call also releases the transfer.
    let owner = HTTPBodyStream.Owner(transfer: transfer)
    let head = try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { transfer.startStreaming($0) }
    } onCancel: {
      transfer.abort(.cancelled)
    }
    return HTTPStreamingResponse(
      status: head.status, headers: head.headers, body: HTTPBodyStream(owner: owner))
  }

  /// Transfers not yet concluded: buffered ones on the driver (queued or running), streams on their lanes.
  var lanesInUse: Int { pool.lanesInUse + (driver?.transfersRunning ?? 0) }
}

/// A response whose body is still arriving.
public struct HTTPStreamingResponse: Sendable {
  public let status: Int
  public let headers: HTTPHeaders
  public let body: HTTPBodyStream
}

/// The chunks of a streamed body, in order. Iterate it once; the transfer ends when it is no longer referenced.
public struct HTTPBodyStream: AsyncSequence, Sendable {
  public typealias Element = Data

  /// Aborts the transfer when the last copy of the stream and its iterators is gone.
  final class Owner: Sendable {
    let transfer: CurlTransfer?
    /// The body of an `HTTPTransport`'s reply, handed out in one chunk.
    let replayed: Mutex<Data?>

    init(transfer: CurlTransfer) {
      self.transfer = transfer
      replayed = Mutex(nil)
    }

    init(replaying body: Data) {
      transfer = nil
      replayed = Mutex(body)
    }

    deinit { transfer?.abort(.consumerGone) }
  }

  let owner: Owner

  init(owner: Owner) { self.owner = owner }

  init(replaying body: Data) { owner = Owner(replaying: body) }

  public func makeAsyncIterator() -> Iterator { Iterator(owner: owner) }

  public struct Iterator: AsyncIteratorProtocol, Sendable {
    let owner: Owner

    public mutating func next() async throws -> Data? {
      guard let transfer = owner.transfer else {
        return owner.replayed.withLock { body in
          defer { body = nil }
          return body?.isEmpty == false ? body : nil
        }
      }
      return try await withTaskCancellationHandler {
        try await transfer.nextChunk()
      } onCancel: {
        transfer.abort(.cancelled)
      }
    }
  }

  /// The most bytes the stream held for its consumer at once (back-pressure keeps it within the capacity).
  var bufferedBytesPeak: Int { owner.transfer?.bufferedBytesPeak ?? 0 }
}

extension HTTPTraceEvent {
  /// One line for `--debug`: `GET https://h/x?session-key=[REDACTED] -> 200 1234B in 12ms`, and for a Koji
  /// call its method after the URL: `POST https://h/kojihub getTaskInfo -> 200 …`.
  public func formatted() -> String {
    let result = status.map(String.init) ?? "failed"
    let what = label.map { " \($0)" } ?? ""
    var line = "\(method) \(url)\(what) -> \(result) \(bytesReceived)B in \(GoDuration.text(duration))"
    if let error { line += " (\(error))" }
    return line
  }
}
