import OSBSKit

/// The single mapping from failure kinds to the exit codes documented in the README and the man page.
enum ExitStatus {
  static let success: Int32 = 0

  static func code(for kind: FailureKind) -> Int32 {
    switch kind {
    case .operationFailed: 1
    case .interrupted: 2
    case .notFound: 3
    case .authentication: 4
    case .unavailable: 5
    case .pending: 8
    case .usage: 64
    }
  }
}
