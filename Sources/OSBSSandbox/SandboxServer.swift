import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// The local simulator of a Koji hub and an OpenShift API, on one loopback port.
///
/// ```swift
/// let server = SandboxServer()
/// let endpoints = try await server.start()        // random free port
/// await server.faults.add(FaultRule(match: .init(xmlrpcMethod: "getTaskInfo"),
///                                   action: .dropConnection(afterExecute: false), times: 1))
/// ...
/// await server.stop()
/// ```
public final class SandboxServer: Sendable {
  public struct Configuration: Sendable {
    /// 0 picks a free port.
    public var port: UInt16
    /// Sent as `Koji-Version` and returned by `getKojiVersion`; the captured hub runs 1.35.3.
    public var kojiVersion: String
    /// The bearer token written to the kubeconfig for `sandbox-admin`.
    public var openshiftToken: String
    /// Log connections and requests to standard error.
    public var logsToStandardError: Bool
    /// How long one handler may run before the request fails with 500; streamed bodies are not
    /// limited (a followed build log may run for as long as the build).
    public var handlerTimeout: Duration

    public init(
      port: UInt16 = 0,
      kojiVersion: String = "1.35.3",
      openshiftToken: String = "sandbox-admin-token",
      logsToStandardError: Bool = false,
      handlerTimeout: Duration = .seconds(3600)
    ) {
      self.port = port
      self.kojiVersion = kojiVersion
      self.openshiftToken = openshiftToken
      self.logsToStandardError = logsToStandardError
      self.handlerTimeout = handlerTimeout
    }
  }

  private struct Running: Sendable {
    var http: HTTPServer
    var task: Task<Void, any Error>
    var stopping: StopFlag
  }

  public let configuration: Configuration
  private let context: SandboxContext
  private let running = Mutex<Running?>(nil)

  /// Fault rules applied to every request except the control API.
  public var faults: FaultInjector { context.faults }
  /// Every request the server has seen.
  public var journal: RequestJournal { context.journal }

  public init(configuration: Configuration = Configuration(), router: SandboxRouter = SandboxRouter()) {
    self.configuration = configuration
    self.context = SandboxContext(configuration: configuration, router: router)
  }

  /// Adds routes and Koji methods, also while the server runs. They take precedence over the
  /// built-in routes (discovery, control API) and earlier user routes.
  public func addRoutes(_ router: SandboxRouter) {
    context.router.withLock { $0.prepend(router) }
  }

  /// The clock whose time the Koji hub's replies carry in their `Date` header.
  public func useKojiClock(_ now: @escaping @Sendable () -> Date) {
    context.kojiClock.withLock { $0 = now }
  }

  /// Where the server answers, once started.
  public var endpoints: SandboxEndpoints? {
    context.endpoints.withLock { $0 }
  }

  /// Binds 127.0.0.1 and returns once the listener accepts connections.
  @discardableResult
  public func start() async throws -> SandboxEndpoints {
    let address: sockaddr_in
    do {
      address = try .inet(ip4: "127.0.0.1", port: configuration.port)
    } catch {
      throw SandboxServerError.listenFailed("\(error)")
    }
    let stopping = StopFlag()
    let http = HTTPServer(
      config: HTTPServer.Configuration(
        address: address,
        timeout: Double(configuration.handlerTimeout.components.seconds),
        logger: configuration.logsToStandardError ? StandardErrorLogger(stopping: stopping) : .disabled),
      handler: FlyingFoxBridge(dispatcher: SandboxDispatcher(context: context)))
    // FlyingFox reports a failed bind only by `run()` throwing; pass that on to `start()`.
    let (runFailures, runFailure) = AsyncStream<String>.makeStream()
    let task = Task {
      do {
        try await http.run()
      } catch {
        runFailure.yield("\(error)")
        throw error
      }
    }
    let claimed = running.withLock { slot -> Bool in
      guard slot == nil else { return false }
      slot = Running(http: http, task: task, stopping: stopping)
      return true
    }
    guard claimed else {
      task.cancel()
      throw SandboxServerError.alreadyStarted
    }

    do {
      try await Self.waitUntilListening(http, orFailureFrom: runFailures)
    } catch {
      running.withLock { $0 = nil }
      await http.stop()
      task.cancel()
      throw SandboxServerError.listenFailed("\(error)")
    }
    guard case .ip4(_, let port) = await http.listeningAddress else {
      await stop()
      throw SandboxServerError.listenFailed("no IPv4 listening address")
    }
    Self.disableNagle(onListenerAt: port)
    let endpoints = SandboxEndpoints(port: port)
    context.endpoints.withLock { $0 = endpoints }
    return endpoints
  }

  /// Closes the listener and every connection, including streams in progress.
  public func stop() async {
    guard
      let current = running.withLock({ slot in
        defer { slot = nil }; return slot
      })
    else { return }
    current.stopping.set()
    await current.http.stop(timeout: 0)
    current.task.cancel()
    _ = await current.task.result
    context.endpoints.withLock { $0 = nil }
  }

  /// FlyingFox writes a response's head and body with separate writes; with Nagle's algorithm on, the
  /// body waits for the client's delayed ACK (40 ms on Linux), so every Koji call took 40+ ms. Accepted
  /// sockets inherit TCP_NODELAY from the listener on Linux, and FlyingFox offers no hook to set it,
  /// so find the listening descriptor by its port and set it there.
  private static func disableNagle(onListenerAt port: UInt16) {
    #if canImport(Glibc)
      for descriptor in Int32(0)..<Int32(1024) {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
          $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0, address.sin_family == sa_family_t(AF_INET),
          UInt16(bigEndian: address.sin_port) == port
        else { continue }
        var accepting: Int32 = 0
        var optionLength = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &optionLength) == 0,
          accepting != 0
        else { continue }
        var on: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
      }
    #endif
  }

  private static func waitUntilListening(_ http: HTTPServer, orFailureFrom failures: AsyncStream<String>)
    async throws
  {
    struct RunFailed: Error, CustomStringConvertible {
      var description: String
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try await http.waitUntilListening(timeout: 30) }
      group.addTask {
        // Ends without an element when the group cancels it after the listener came up.
        for await failure in failures { throw RunFailed(description: failure) }
      }
      try await group.next()
      group.cancelAll()
    }
  }
}
