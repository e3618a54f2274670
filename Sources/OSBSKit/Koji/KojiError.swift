/// Koji's fault codes (koji/__init__.py) that osbsctl treats specially.
public enum KojiFaultCode {
  public static let generic = 1000
  public static let authError = 1002
  public static let actionNotAllowed = 1004
  public static let authLock = 1006
  public static let authExpired = 1007
  public static let sequenceError = 1008
  public static let retryError = 1009
  public static let serverOffline = 1014
  public static let parameterError = 1019
  public static let gssapiAuthError = 1023
  /// koji-containerbuild: "Image build failed. … OSBS build id: NAME".
  public static let containerError = 2001
  /// koji-containerbuild: "Image build was cancelled by OSBS."
  public static let containerCancelled = 2002
}

public enum KojiError: ClassifiedError, Equatable {
  /// The hub answered the call with a fault.
  case fault(method: String, XMLRPCFault)
  /// The hub answered with an HTTP error instead of XML-RPC (a proxy page, a 5xx after retries).
  case hubStatus(method: String, status: Int, excerpt: String)
  /// The reply was XML-RPC but not of the shape the method returns.
  case unexpectedReply(method: String, detail: String)
  case noSuchTask(Int)
  case noSuchTarget(String)
  /// The profile asks for an authentication the configuration cannot provide.
  case authenticationUnavailable(String)
  /// No KDC of the realm answered when the login asked for tickets.
  case kdcUnreachable(String)

  public var failureKind: FailureKind {
    switch self {
    case .fault(_, let fault): Self.kind(of: fault)
    case .hubStatus(_, let status, _):
      switch status {
      case 401, 403: .authentication
      case 404: .notFound
      default: .unavailable
      }
    case .unexpectedReply: .unavailable
    case .noSuchTask, .noSuchTarget: .notFound
    case .authenticationUnavailable: .authentication
    case .kdcUnreachable: .unavailable
    }
  }

  public static func kind(of fault: XMLRPCFault) -> FailureKind {
    switch fault.code {
    case KojiFaultCode.authError, KojiFaultCode.authLock, KojiFaultCode.authExpired,
      KojiFaultCode.sequenceError,
      KojiFaultCode.gssapiAuthError, KojiFaultCode.actionNotAllowed:
      return .authentication
    case KojiFaultCode.serverOffline:
      return .unavailable
    case KojiFaultCode.generic:
      let message = fault.message
      let missing = [
        "No such task", "query returned no rows", "No such build target", "No such tag", "output by task",
        "No such channel", "No such user",
      ]
      return missing.contains { message.contains($0) } ? .notFound : .operationFailed
    default:
      return .operationFailed
    }
  }

  public var description: String {
    switch self {
    case .fault(let method, let fault):
      "Koji hub refused \(method): \(fault.message) (fault \(fault.code))"
    case .hubStatus(let method, let status, let excerpt):
      "Koji hub answered \(method) with HTTP \(status)" + (excerpt.isEmpty ? "" : ": \(excerpt)")
    case .unexpectedReply(let method, let detail):
      "unexpected reply from the Koji hub to \(method): \(detail)"
    case .noSuchTask(let id):
      "no such task: \(id)"
    case .noSuchTarget(let name):
      "unknown build target: \(name)"
    case .authenticationUnavailable(let detail):
      "cannot log in to Koji: \(detail)"
    case .kdcUnreachable(let detail):
      "cannot log in to Koji, no Kerberos KDC answered: \(detail)"
    }
  }

  /// The hub's fault, when this error is one.
  public var fault: XMLRPCFault? {
    if case .fault(_, let fault) = self { return fault }
    return nil
  }
}
