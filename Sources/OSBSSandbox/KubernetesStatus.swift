import Foundation
import OSBSKit

/// Kubernetes `Status` bodies, field for field as the API server writes them: every error the sandbox's
/// OpenShift side answers, from a route, the dispatcher or an injected fault, is one of these.
enum KubernetesStatus {
  struct Details: Encodable {
    var name: String?
    var group: String?
    var kind: String?
    var causes: [Cause]?
    var retryAfterSeconds: Int?
    var uid: String?
  }

  struct Cause: Encodable {
    var reason: String?
    var message: String?
    var field: String?
  }

  struct Body: Encodable {
    var kind = "Status"
    var apiVersion = "v1"
    var metadata: [String: String] = [:]
    var status: String
    var message: String?
    var reason: String?
    var details: Details?
    var code: Int
  }

  static func failure(
    _ code: Int, reason: String?, message: String, details: Details? = nil, headers: [String: String] = [:]
  ) -> SandboxResponse {
    var response = json(
      Body(status: "Failure", message: message, reason: reason, details: details, code: code), status: code)
    response.headers.merge(headers) { _, new in new }
    return response
  }

  /// What the API server's generic responses carry (apimachinery's `NewGenericServerResponse`): the
  /// reason that belongs to the code, and a `details` object that is present even when it is empty.
  static func generic(code: Int, message: String) -> SandboxResponse {
    failure(code, reason: reason(for: code), message: message, details: Details())
  }

  /// The `StatusReason` Kubernetes uses for a status code; nil where it has none.
  static func reason(for code: Int) -> String? {
    switch code {
    case 400: "BadRequest"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "NotFound"
    case 405: "MethodNotAllowed"
    case 406: "NotAcceptable"
    case 409: "Conflict"
    case 410: "Gone"
    case 413: "RequestEntityTooLarge"
    case 415: "UnsupportedMediaType"
    case 422: "Invalid"
    case 429: "TooManyRequests"
    case 500: "InternalError"
    case 503: "ServiceUnavailable"
    case 504: "Timeout"
    default: nil
    }
  }

  static func success(code: Int = 200, details: Details? = nil) -> SandboxResponse {
    json(Body(status: "Success", details: details, code: code), status: code)
  }

  /// Written as `SandboxResponse.json` writes a value, by `ReportJSON.data`, which spares every DELETE's
  /// reply `JSONEncoder`'s casts and key sorting (about a tenth of the sandbox's CPU in `prune builds`).
  private static func json(_ body: Body, status: Int) -> SandboxResponse {
    .json((try? ReportJSON.data(body, pretty: false)) ?? Data("{}".utf8), status: status)
  }

  static func notFound(_ kind: ResourceKind, _ name: String) -> SandboxResponse {
    failure(
      404, reason: "NotFound", message: "\(kind.qualifiedName) \"\(name)\" not found",
      details: Details(name: name, group: kind.group, kind: kind.rawValue))
  }

  static func conflict(_ kind: ResourceKind, _ name: String, _ detail: String) -> SandboxResponse {
    failure(
      409, reason: "Conflict",
      message: "Operation cannot be fulfilled on \(kind.qualifiedName) \"\(name)\": \(detail)",
      details: Details(name: name, group: kind.group, kind: kind.rawValue))
  }

  static func badRequest(_ message: String) -> SandboxResponse {
    failure(400, reason: "BadRequest", message: message)
  }

  static let unauthorized = failure(401, reason: "Unauthorized", message: "Unauthorized")

  /// A watch `ERROR` event carrying a 410 Status.
  static func expiredEvent(requested: String, oldest: Int) -> Data {
    let body = Body(
      status: "Failure", message: "too old resource version: \(requested) (\(oldest))", reason: "Expired",
      code: 410)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var line = Data("{\"type\":\"ERROR\",\"object\":".utf8)
    line.append((try? encoder.encode(body)) ?? Data("{}".utf8))
    line.append(contentsOf: "}\n".utf8)
    return line
  }
}

/// Reason phrases for status lines.
enum HTTPReasonPhrase {
  static func phrase(for code: Int) -> String {
    switch code {
    case 100: "Continue"
    case 200: "OK"
    case 201: "Created"
    case 202: "Accepted"
    case 204: "No Content"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 304: "Not Modified"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 406: "Not Acceptable"
    case 408: "Request Timeout"
    case 409: "Conflict"
    case 410: "Gone"
    case 413: "Payload Too Large"
    case 415: "Unsupported Media Type"
    case 422: "Unprocessable Entity"
    case 429: "Too Many Requests"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    case 501: "Not Implemented"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    case 505: "HTTP Version Not Supported"
    default: "Status \(code)"
    }
  }
}
