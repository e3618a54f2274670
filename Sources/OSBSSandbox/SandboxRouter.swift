/// Handlers for one sandbox: HTTP routes by method and path pattern, and Koji XML-RPC methods by name.
///
/// Routes are tried in the order they were added; the first whose pattern and method match wins.
/// Registering a Koji method name again replaces the earlier handler.
public struct SandboxRouter: Sendable {
  public typealias Handler = @Sendable (SandboxRequest) async throws -> SandboxResponse
  public typealias KojiHandler = @Sendable (KojiCall) async throws -> KojiReply

  struct Route: Sendable {
    var method: String?
    var pattern: RoutePattern
    var handler: Handler
  }

  enum Resolution {
    case handler(Handler, parameters: [String: String])
    /// The path exists but not for this method.
    case methodNotAllowed(allowed: [String])
    case notFound
  }

  private(set) var routes: [Route] = []
  private(set) var kojiMethods: [String: KojiHandler] = [:]

  public init() {}

  /// Adds a route; `method` nil matches every method.
  public mutating func add(_ method: String?, _ pattern: String, handler: @escaping Handler) {
    routes.append(Route(method: method?.uppercased(), pattern: RoutePattern(pattern), handler: handler))
  }

  public mutating func addKojiMethod(_ name: String, handler: @escaping KojiHandler) {
    kojiMethods[name] = handler
  }

  /// Everything in `other` is added after this router's routes; its Koji methods win on name clashes.
  public mutating func merge(_ other: SandboxRouter) {
    routes += other.routes
    kojiMethods.merge(other.kojiMethods) { _, new in new }
  }

  /// `other`'s routes are tried before this router's, and its Koji methods win on name clashes.
  public mutating func prepend(_ other: SandboxRouter) {
    routes = other.routes + routes
    kojiMethods.merge(other.kojiMethods) { _, new in new }
  }

  public var kojiMethodNames: [String] {
    kojiMethods.keys.sorted()
  }

  func kojiHandler(named name: String) -> KojiHandler? {
    kojiMethods[name]
  }

  func resolve(method: String, path: String) -> Resolution {
    var allowed: [String] = []
    let parts = RoutePattern.segments(of: path)
    for route in routes {
      guard let parameters = route.pattern.match(segmentsOf: parts) else { continue }
      // A GET route answers HEAD too, as Go's ServeMux and Apache do (the server drops the body).
      guard let routeMethod = route.method, routeMethod != method, method != "HEAD" || routeMethod != "GET"
      else {
        return .handler(route.handler, parameters: parameters)
      }
      allowed.append(routeMethod)
    }
    return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
  }
}
