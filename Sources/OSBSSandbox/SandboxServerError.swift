import OSBSKit

/// Why a sandbox could not start.
public enum SandboxServerError: ClassifiedError, Equatable {
  case alreadyStarted
  /// The listener failed (address in use, no permission, …).
  case listenFailed(String)

  public var failureKind: FailureKind {
    switch self {
    case .alreadyStarted: .usage
    case .listenFailed: .unavailable
    }
  }

  public var description: String {
    switch self {
    case .alreadyStarted: "the sandbox server is already running"
    case .listenFailed(let reason): "the sandbox server could not listen: \(reason)"
    }
  }
}
