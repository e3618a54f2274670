import Foundation

/// Kubernetes `Status` failure bodies, the shape every API error has on the wire.
public enum KubernetesStatus {
  struct Body: Encodable {
    var kind = "Status"
    var apiVersion = "v1"
    var metadata: [String: String] = [:]
    var status = "Failure"
    var message: String
    var reason: String?
    var details: [String: String]? = [:]
    var code: Int
  }

  public static func failure(code: Int, message: String, reason: String? = nil) -> SandboxResponse {
    .json(Body(message: message, reason: reason ?? Self.reason(for: code), code: code), status: code)
  }

  /// The `StatusReason` Kubernetes uses for a status code; nil where it has none.
  public static func reason(for code: Int) -> String? {
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
}

/// Reason phrases for status lines.
enum HTTPReasonPhrase {
  static func phrase(for code: Int) -> String {
    switch code {
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
    case 500: "Internal Server Error"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    default: "Status \(code)"
    }
  }
}
