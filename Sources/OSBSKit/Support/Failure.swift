/// What kind of failure an error is, independent of which protocol produced it.
///
/// The executable maps each kind to one documented exit code; the library only classifies.
public enum FailureKind: String, Sendable, Codable, CaseIterable {
  /// The operation ran and failed (a build failed, a server refused a request for a non-auth reason).
  case operationFailed
  /// The user interrupted the command (SIGINT).
  case interrupted
  /// The named thing (task, build, node, profile) does not exist.
  case notFound
  /// Authentication or authorisation was refused, or a credential is missing.
  case authentication
  /// The server or network could not be reached after retries.
  case unavailable
  /// Still pending, or a wait timed out.
  case pending
  /// The command line or a configuration file is malformed.
  case usage
}

/// An error that knows its `FailureKind`; every error the library throws conforms.
public protocol ClassifiedError: Error, CustomStringConvertible {
  var failureKind: FailureKind { get }
}
