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
    /// How long one handler may run before the request fails with 500; nil (the default) lets it run
    /// until it returns or the server stops. Streamed bodies are never limited (a followed build log may
    /// run for as long as the build).
    public var handlerTimeout: Duration?

    public init(
      port: UInt16 = 0,
      kojiVersion: String = "1.35.3",
      openshiftToken: String = "sandbox-admin-token",
      logsToStandardError: Bool = false,
      handlerTimeout: Duration? = nil
    ) {
      self.port = port
      self.kojiVersion = kojiVersion
      self.openshiftToken = openshiftToken
      self.logsToStandardError = logsToStandardError
      self.handlerTimeout = handlerTimeout
    }
  }

  private struct Running: Sendable {
    var task: Task<Void, any Error>
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
    let dispatcher = SandboxDispatcher(context: context)
    var log: (@Sendable (String) -> Void)? = nil
    if configuration.logsToStandardError {
      log = { line in FileHandle.standardError.write(Data("osbs-sandbox: \(line)\n".utf8)) }
    }
    let http: SandboxHTTPServer
    do {
      http = try SandboxHTTPServer(
        port: configuration.port, handlerTimeout: configuration.handlerTimeout, log: log,
        respond: { await dispatcher.respond(to: $0) })
    } catch {
      throw SandboxServerError.listenFailed("\(error)")
    }
    let task = Task { try await http.run() }
    let claimed = running.withLock { slot -> Bool in
      guard slot == nil else { return false }
      slot = Running(task: task)
      return true
    }
    guard claimed else {
      task.cancel()  // run() closes the listener on its way out
      throw SandboxServerError.alreadyStarted
    }
    let endpoints = SandboxEndpoints(port: http.port)
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
    current.task.cancel()
    _ = await current.task.result
    context.endpoints.withLock { $0 = nil }
  }
}
