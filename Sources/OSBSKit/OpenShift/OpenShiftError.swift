import Foundation

/// A failed exchange with the OpenShift/Kubernetes API, classified from the server's `Status` body.
///
/// URLs are redacted; the server's message is kept because it names the object (`builds "b-1" not found`).
public enum OpenShiftError: ClassifiedError, Equatable {
  /// 404 NotFound.
  case notFound(APIFailure)
  /// 401: the credential is missing, expired or revoked.
  case unauthorized(APIFailure)
  /// 403: authenticated, but not allowed.
  case forbidden(APIFailure)
  /// 409 Conflict (stale resourceVersion, failed precondition) or AlreadyExists.
  case conflict(APIFailure)
  /// 410 Gone / Expired: a resourceVersion or continue token is too old.
  case gone(APIFailure)
  /// 429 or 5xx still failing after the retries.
  case unavailable(APIFailure, attempts: Int)
  /// Any other status (400, 422, 405, …).
  case rejected(APIFailure)
  /// A 2xx answer whose body is not what the API promises.
  case malformedResponse(url: String, detail: String)
  /// Neither `/apis/build.openshift.io/v1` nor `/oapi/v1` serves builds.
  case buildAPIMissing(url: String)
  /// A drain timed out with these pods (build pods first) still on the node.
  case drainTimedOut(node: String, remainingPods: [String])
  /// A name or namespace given empty ("resource name", "namespace"); nothing was sent.
  case emptyName(String)

  public var failureKind: FailureKind {
    switch self {
    case .notFound, .gone: return .notFound
    case .unauthorized, .forbidden: return .authentication
    // A reply that is not what the API promises is the server's fault, like Koji's malformed replies (exit 5).
    case .unavailable, .buildAPIMissing, .malformedResponse: return .unavailable
    case .conflict, .rejected: return .operationFailed
    case .drainTimedOut: return .pending
    case .emptyName: return .usage
    }
  }

  /// The failure's details when it came from an API status.
  public var failure: APIFailure? {
    switch self {
    case .notFound(let failure), .unauthorized(let failure), .forbidden(let failure), .conflict(let failure),
      .gone(let failure), .rejected(let failure), .unavailable(let failure, _):
      return failure
    case .malformedResponse, .buildAPIMissing, .drainTimedOut, .emptyName:
      return nil
    }
  }

  public var isConflict: Bool {
    if case .conflict = self { return true }
    return false
  }

  public var isBuildAPIMissing: Bool {
    if case .buildAPIMissing = self { return true }
    return false
  }

  public var description: String {
    switch self {
    case .unauthorized(let failure):
      return
        "Error from server (\(failure.reason)): \(failure.message) — the OpenShift API at \(failure.url) "
        + "did not accept the credentials; the bearer token is missing, expired or revoked: renew it "
        + "(oc login, or a new token in the kubeconfig or token file)"
    case .unavailable(let failure, let attempts):
      return "Error from server (\(failure.reason)): \(failure.message) (\(failure.method) \(failure.url), "
        + "gave up after \(attempts) attempts)"
    case .notFound(let failure), .forbidden(let failure), .conflict(let failure), .gone(let failure),
      .rejected(let failure):
      return "Error from server (\(failure.reason)): \(failure.message)"
    case .malformedResponse(let url, let detail):
      return "unexpected response from \(url): \(detail)"
    case .buildAPIMissing(let url):
      return "the server at \(url) serves no OpenShift build API (neither /apis/build.openshift.io/v1 nor "
        + "/oapi/v1): not an OpenShift cluster, or OpenShift installed without the Build capability"
    case .drainTimedOut(let node, let remaining):
      return "timed out draining node \(node): still running: \(remaining.joined(separator: ", "))"
    case .emptyName(let what):
      // kubectl's words for an empty name.
      return "\(what) may not be empty"
    }
  }

  /// Classifies a failed response from its status code and (if present) `Status` body.
  static func from(status code: Int, body: Data, method: String, url: String, attempts: Int) -> OpenShiftError
  {
    let decoded = try? JSONDecoder().decode(APIStatus.self, from: body)
    let isStatus = decoded?.kind == "Status"
    let reason = (isStatus ? decoded?.reason : nil) ?? APIFailure.defaultReason(for: code)
    var message = (isStatus ? decoded?.message : nil) ?? ""
    if message.isEmpty {
      let excerpt = HTTPError.excerpt(of: body)
      message = excerpt.isEmpty ? "the server responded with HTTP \(code)" : excerpt
    }
    let failure = APIFailure(
      code: code, reason: reason, message: message, method: method, url: SecretRedactor.redact(url: url),
      details: isStatus ? decoded?.details : nil)
    switch code {
    case 401: return .unauthorized(failure)
    case 403: return .forbidden(failure)
    case 404: return .notFound(failure)
    case 409: return .conflict(failure)
    case 410: return .gone(failure)
    case 429, 500...599: return .unavailable(failure, attempts: attempts)
    default: return .rejected(failure)
    }
  }
}

/// What the server said about a failed request.
public struct APIFailure: Sendable, Equatable {
  public var code: Int
  /// Kubernetes `StatusReason`, e.g. `NotFound`, `Conflict`, `Expired`.
  public var reason: String
  public var message: String
  public var method: String
  /// Redacted.
  public var url: String
  public var details: APIStatus.Details?

  public init(
    code: Int, reason: String, message: String, method: String, url: String, details: APIStatus.Details? = nil
  ) {
    self.code = code
    self.reason = reason
    self.message = message
    self.method = method
    self.url = url
    self.details = details
  }

  static func defaultReason(for code: Int) -> String {
    switch code {
    case 400: "BadRequest"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "NotFound"
    case 405: "MethodNotAllowed"
    case 409: "Conflict"
    case 410: "Gone"
    case 422: "Invalid"
    case 429: "TooManyRequests"
    case 500: "InternalError"
    case 503: "ServiceUnavailable"
    case 504: "Timeout"
    default: "Unknown"
    }
  }
}
