/// A path pattern such as `/api/v1/namespaces/{namespace}/pods/{name}`.
///
/// `{name}` captures one segment; a final `*` matches the remaining segments (captured as `*`).
/// Empty segments are ignored on both sides, so `/apis/` matches `/apis` — clients differ on
/// trailing slashes (osbs-client's watch URLs end in one).
public struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
  enum Segment: Sendable, Hashable {
    case literal(String)
    case parameter(String)
    case rest
  }

  public let description: String
  let segments: [Segment]
  /// Whether a `*` takes the rest of the path (else only paths with as many segments can match).
  let endsOpen: Bool

  public init(_ pattern: String) {
    description = pattern
    segments = pattern.split(separator: "/").map { part in
      if part == "*" { return .rest }
      if part.hasPrefix("{"), part.hasSuffix("}"), part.count > 2 {
        return .parameter(String(part.dropFirst().dropLast()))
      }
      return .literal(String(part))
    }
    endsOpen = segments.contains(.rest)
  }

  /// The captured parameters if `path` matches, else nil.
  public func match(_ path: String) -> [String: String]? {
    match(segmentsOf: Self.segments(of: path))
  }

  /// A path's segments, split once per request and matched against every route (splitting the path
  /// again for each route was most of the sandbox's CPU per API request).
  static func segments(of path: String) -> [Substring] {
    path.split(separator: "/")
  }

  func match(segmentsOf parts: [Substring]) -> [String: String]? {
    if !endsOpen && parts.count != segments.count { return nil }
    var parameters: [String: String] = [:]
    for (index, segment) in segments.enumerated() {
      switch segment {
      case .rest:
        parameters["*"] = parts.dropFirst(index).joined(separator: "/")
        return parameters
      case .literal(let literal):
        guard index < parts.count, parts[index] == literal else { return nil }
      case .parameter(let name):
        guard index < parts.count else { return nil }
        parameters[name] = String(parts[index])
      }
    }
    return parts.count == segments.count ? parameters : nil
  }
}
