import Foundation

/// One HTTP request as the sandbox's handlers see it: the body is already read, header names are
/// case-insensitive and path parameters come from the route pattern that matched.
public struct SandboxRequest: Sendable {
  /// Upper-case HTTP method, e.g. `GET`.
  public var method: String
  /// Decoded path without the query string.
  public var path: String
  /// Query items in request order (a name may repeat).
  public var query: [(name: String, value: String)]
  /// Header names lower-cased; repeated headers joined with ", ".
  public var headers: [String: String]
  public var body: Data
  /// Values captured by `{name}` segments (and `*` for a trailing wildcard) of the matching route.
  public var pathParameters: [String: String]

  public init(
    method: String,
    path: String,
    query: [(name: String, value: String)] = [],
    headers: [String: String] = [:],
    body: Data = Data(),
    pathParameters: [String: String] = [:]
  ) {
    self.init(
      method: method, path: path, query: query,
      lowercasedHeaders: Dictionary(
        headers.map { ($0.key.lowercased(), $0.value) },
        uniquingKeysWith: { a, b in
          "\(a), \(b)"
        }),
      body: body)
    self.pathParameters = pathParameters
  }

  /// For the server, whose header names `HTTPRequestHeadParser` has already lower-cased (and repeats
  /// joined), so the dictionary is not rebuilt a second time per request.
  init(
    method: String, path: String, query: [(name: String, value: String)], lowercasedHeaders: [String: String],
    body: Data
  ) {
    self.method = method.uppercased()
    self.path = path
    self.query = query
    self.headers = lowercasedHeaders
    self.body = body
    self.pathParameters = [:]
  }

  public func header(_ name: String) -> String? {
    headers[name.lowercased()]
  }

  /// The first value of a query item.
  public func queryValue(_ name: String) -> String? {
    query.first { $0.name == name }?.value
  }
}
