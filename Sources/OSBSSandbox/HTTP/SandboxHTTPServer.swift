import FlyingSocks
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The sandbox's HTTP/1.1 server on 127.0.0.1, on FlyingSocks' event-driven sockets.
///
/// FlyingFox's server, used before, parsed each request one byte at a time through a chain of async
/// iterators; that was three quarters of the sandbox's CPU per request, and the benchmarks that send
/// thousands of requests measured it more than the client. This one reads in blocks
/// (`SandboxHTTPConnection`).
final class SandboxHTTPServer: Sendable {
  let port: UInt16
  private let listener: Socket
  private let pool: SocketPool<ePoll>
  private let handlerTimeout: Duration?
  private let log: (@Sendable (String) -> Void)?
  private let respond: @Sendable (SandboxRequest) async -> SandboxResponse

  /// Binds and listens at once, so a port in use fails here rather than in `run()`.
  init(
    port: UInt16, handlerTimeout: Duration?, log: (@Sendable (String) -> Void)?,
    respond: @escaping @Sendable (SandboxRequest) async -> SandboxResponse
  ) throws {
    let socket = try Socket(domain: AF_INET, type: .stream)
    do {
      try socket.setValue(true, for: .localAddressReuse)
      // The head and a streamed body's chunks go out in separate writes; with Nagle's algorithm the
      // second waits for the client's delayed ACK (40 ms on Linux). Accepted sockets inherit this.
      try socket.setValue(true, for: BoolSocketOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY))
      try socket.bind(to: sockaddr_in.inet(ip4: "127.0.0.1", port: port))
      try socket.listen()
      guard case .ip4(_, let bound) = try socket.sockname() else {
        throw SocketError.makeFailed("Bind")
      }
      self.port = bound
    } catch {
      try? socket.close()
      throw error
    }
    self.listener = socket
    self.pool = .ePoll(maxEvents: 64)
    self.handlerTimeout = handlerTimeout
    self.log = log
    self.respond = respond
  }

  /// Accepts and serves connections until the task is cancelled; then closes every connection,
  /// including streams in progress, and the listener.
  func run() async throws {
    try await pool.prepare()
    let listening = try AsyncSocket(socket: listener, pool: pool)
    defer { try? listener.close() }
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { [pool] in try await pool.run() }
      group.addTask { try await self.acceptConnections(on: listening) }
      _ = try await group.next()
      group.cancelAll()
    }
  }

  private func acceptConnections(on listening: AsyncSocket) async throws {
    try await withThrowingDiscardingTaskGroup { group in
      while !Task.isCancelled {
        let client: AsyncSocket
        do {
          client = try await listening.accept()
        } catch is CancellationError {
          return
        } catch {
          // Out of descriptors, or a connection reset before it was accepted: keep serving the rest.
          log?("accept: \(error)")
          try await Task.sleep(for: .milliseconds(10))
          continue
        }
        group.addTask {
          var connection = SandboxHTTPConnection(
            socket: client.socket, pool: self.pool, handlerTimeout: self.handlerTimeout, log: self.log,
            respond: self.respond)
          await connection.serve()
          try? client.close()
        }
      }
    }
  }
}
