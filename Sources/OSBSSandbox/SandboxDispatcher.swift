import Foundation
import OSBSKit
import Synchronization

/// Shared by the server, the built-in routes and the request pipeline. Holds no routes that capture
/// it, so there is no reference cycle.
final class SandboxContext: Sendable {
  let configuration: SandboxServer.Configuration
  let faults = FaultInjector()
  let journal = RequestJournal()
  let endpoints = Mutex<SandboxEndpoints?>(nil)
  /// The simulated hub's clock, for the `Date` header of its replies (the wall clock until a hub is installed).
  let kojiClock = Mutex<(@Sendable () -> Date)?>(nil)
  /// Routes and Koji methods added by users of the server; they take precedence over the built-ins.
  let router: Mutex<SandboxRouter>

  init(configuration: SandboxServer.Configuration, router: SandboxRouter) {
    self.configuration = configuration
    self.router = Mutex(router)
  }
}

/// Turns one request into one response: records it, applies fault rules, then routes it to the
/// Koji hub, a user route or a built-in route.
struct SandboxDispatcher: Sendable {
  static let controlPrefix = "/_sandbox/"

  let context: SandboxContext
  let builtins: SandboxRouter

  init(context: SandboxContext) {
    self.context = context
    var builtins = SandboxRouter()
    builtins.merge(KojiBuiltins.router(kojiVersion: context.configuration.kojiVersion))
    builtins.merge(ControlAPI.router(context: context))
    builtins.merge(ClusterDiscovery.builtinRouter())
    self.builtins = builtins
  }

  func respond(to request: SandboxRequest) async -> SandboxResponse {
    let isKoji = Self.isKojiPath(request.path)
    let xmlrpcMethod = isKoji && request.method == "POST" ? KojiCall.methodName(in: request.body) : nil
    let isControl = request.path.hasPrefix(Self.controlPrefix)
    let plan =
      isControl
      ? FaultPlan()
      : await context.faults.plan(
        for: FaultTarget(
          method: request.method, path: request.path, xmlrpcMethod: xmlrpcMethod, body: request.body))
    await context.journal.record(
      method: request.method, path: request.path, xmlrpcMethod: xmlrpcMethod, faultRuleIDs: plan.firedRuleIDs)

    if plan.delayMilliseconds > 0 {
      try? await Task.sleep(for: .milliseconds(plan.delayMilliseconds))
    }
    switch plan.terminal {
    case nil, .delay:
      return await route(request, xmlrpcMethod: xmlrpcMethod)
    case .status(let code, let body, let contentType):
      return Self.faultStatus(code: code, body: body, contentType: contentType, isKoji: isKoji)
    case .throttle(let seconds):
      return Self.throttled(retryAfterSeconds: seconds, isKoji: isKoji)
    case .dropConnection(let afterExecute):
      if afterExecute {
        // Run the handler for its side effects; its answer is thrown away with the connection.
        _ = await route(request, xmlrpcMethod: xmlrpcMethod)
      }
      return .dropConnection
    case .expireSession:
      if isKoji {
        let sessionID =
          (request.header("Koji-Session-Id") ?? request.queryValue("session-id")).flatMap { Int($0) } ?? 0
        return kojiResponse(.fault(.sessionExpired(sessionID: sessionID)))
      }
      return KubernetesStatus.unauthorized
    case .kojiFault(let code, let message):
      if isKoji { return kojiResponse(.fault(KojiFault(code: code, message: message))) }
      return KubernetesStatus.generic(code: 503, message: "injected fault: \(message)")
    }
  }

  static func isKojiPath(_ path: String) -> Bool {
    path == "/kojihub" || path.hasPrefix("/kojihub/")
  }

  private func route(_ request: SandboxRequest, xmlrpcMethod: String?) async -> SandboxResponse {
    if Self.isKojiPath(request.path) {
      return await kojiHub(request, methodName: xmlrpcMethod)
    }
    let userRouter = context.router.withLock { $0 }
    var resolution = userRouter.resolve(method: request.method, path: request.path)
    if case .notFound = resolution {
      resolution = builtins.resolve(method: request.method, path: request.path)
    }
    switch resolution {
    case .handler(let handler, let parameters):
      var request = request
      request.pathParameters = parameters
      do {
        return try await handler(request)
      } catch {
        return KubernetesStatus.generic(code: 500, message: "sandbox handler failed: \(error)")
      }
    case .methodNotAllowed(let allowed):
      var response = KubernetesStatus.generic(
        code: 405, message: "the server does not allow this method on the requested resource")
      response.headers["Allow"] = allowed.joined(separator: ", ")
      return response
    case .notFound:
      return KubernetesStatus.generic(code: 404, message: "the server could not find the requested resource")
    }
  }

  private func kojiHub(_ request: SandboxRequest, methodName: String?) async -> SandboxResponse {
    guard request.method == "POST" else {
      // Byte-for-byte what the hub's WSGI app answers to anything but POST.
      var response = SandboxResponse.text(
        "Method Not Allowed\nThis is an XML-RPC server. Only POST requests are accepted.\n", status: 405)
      response.headers["Allow"] = "POST"
      response.headers["Koji-Version"] = context.configuration.kojiVersion
      return response
    }
    guard let methodName else {
      var response = SandboxResponse.text(
        "Bad Request\nThe request body is not an XML-RPC call.\n", status: 400)
      response.headers["Koji-Version"] = context.configuration.kojiVersion
      return response
    }
    let handler =
      context.router.withLock { $0.kojiHandler(named: methodName) } ?? builtins.kojiHandler(named: methodName)
    guard let handler else {
      return kojiResponse(.fault(.invalidMethod(methodName)))
    }
    let call = KojiCall(methodName: methodName, body: request.body, request: request)
    do {
      return kojiResponse(try await handler(call))
    } catch let fault as KojiFault {
      return kojiResponse(.fault(fault))
    } catch {
      // The hub reports exceptions that are not Koji errors as fault 1 "<type>: <message>".
      return kojiResponse(.fault(KojiFault(code: 1, message: "\(type(of: error)): \(error)")))
    }
  }

  func kojiResponse(_ reply: KojiReply) -> SandboxResponse {
    // Apache dates every reply; clients may read the hub's time from it (capture 71).
    let now = context.kojiClock.withLock { $0 }?() ?? Date()
    return SandboxResponse(
      status: 200,
      headers: [
        "Content-Type": "text/xml", "Koji-Version": context.configuration.kojiVersion,
        "Date": UTCTime.httpDate(seconds: Int64(now.timeIntervalSince1970.rounded(.down))),
      ],
      body: .data(KojiWire.document(for: reply)))
  }

  static func throttled(retryAfterSeconds seconds: Int, isKoji: Bool) -> SandboxResponse {
    let retryAfter = ["Retry-After": String(seconds)]
    if isKoji {
      var response = SandboxResponse.text("429 Too Many Requests\n", status: 429)
      response.headers.merge(retryAfter) { _, new in new }
      return response
    }
    return KubernetesStatus.failure(
      429, reason: "TooManyRequests", message: "Too many requests, please try again later.",
      details: .init(retryAfterSeconds: seconds), headers: retryAfter)
  }

  static func faultStatus(code: Int, body: String?, contentType: String?, isKoji: Bool) -> SandboxResponse {
    if let body {
      return .text(
        body, status: code, contentType: contentType ?? (isKoji ? "text/plain" : "application/json"))
    }
    if isKoji {
      return .text("\(code) \(HTTPReasonPhrase.phrase(for: code))\n", status: code)
    }
    return KubernetesStatus.generic(
      code: code, message: "injected fault: \(HTTPReasonPhrase.phrase(for: code))")
  }
}
