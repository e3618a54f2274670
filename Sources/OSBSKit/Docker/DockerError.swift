import Foundation

/// What the engine said when it refused a request: its status and the `message` of its error body.
public struct DockerAPIFailure: Sendable, Equatable, Codable {
  public var status: Int
  public var message: String
  public var method: String
  /// The request path, without the `/v1.NN` prefix.
  public var path: String

  public init(status: Int, message: String, method: String, path: String) {
    self.status = status
    self.message = message
    self.method = method
    self.path = path
  }

  /// podman answers "container state improper" with 500 where Docker answers 409.
  var saysRunning: Bool {
    let text = message.lowercased()
    return text.contains("running") || text.contains("paused") || text.contains("state improper")
      || text.contains("removal of container") && text.contains("in progress")
  }

  var saysInUse: Bool {
    let text = message.lowercased()
    return text.contains("in use") || text.contains("being used") || text.contains("dependent child")
      || text.contains("has dependent")
  }

  /// The engine will not remove an image by ID while several tags name it: Docker's 409 "image is
  /// referenced in multiple repositories", podman's 500 "by ID with more than one tag".
  var saysSeveralTags: Bool {
    let text = message.lowercased()
    return text.contains("referenced in multiple repositories") || text.contains("with more than one tag")
  }

  var saysMissing: Bool {
    let text = message.lowercased()
    return text.contains("no such") || text.contains("not found") || text.contains("no container with")
  }
}

/// A failed exchange with a Docker Engine API (Docker itself, or podman's compatible service).
public enum DockerError: ClassifiedError, Equatable {
  /// The unix socket does not exist: no engine is listening there.
  case socketMissing(path: String)
  /// The engine could not be reached (refused, reset, timed out).
  case engineUnreachable(host: String, detail: String)
  /// 404: no such container or image.
  case notFound(DockerAPIFailure)
  /// 409: in use, running, or a conflicting operation.
  case conflict(DockerAPIFailure)
  /// Any other 4xx or a 500 the engine reports for this request (podman's "container state improper").
  case rejected(DockerAPIFailure)
  /// 502, 503, 504: something in front of the engine, or the engine itself, is not serving.
  case unavailable(DockerAPIFailure)
  /// The engine's API is older than 1.24, the oldest this client speaks.
  case unsupportedAPIVersion(host: String, engineVersion: String, minimum: String)
  /// A 2xx answer whose body is not what the API promises.
  case malformedResponse(path: String, detail: String)

  public var failureKind: FailureKind {
    switch self {
    case .socketMissing, .engineUnreachable, .unavailable, .unsupportedAPIVersion, .malformedResponse:
      return .unavailable
    case .notFound: return .notFound
    case .conflict, .rejected: return .operationFailed
    }
  }

  /// The engine's refusal, when the engine answered.
  public var failure: DockerAPIFailure? {
    switch self {
    case .notFound(let failure), .conflict(let failure), .rejected(let failure), .unavailable(let failure):
      return failure
    case .socketMissing, .engineUnreachable, .unsupportedAPIVersion, .malformedResponse:
      return nil
    }
  }

  public var description: String {
    switch self {
    case .socketMissing(let path):
      return "cannot reach the Docker engine: the socket \(path) does not exist (is the Docker daemon or "
        + "podman's API service running? choose another engine with --host or DOCKER_HOST)"
    case .engineUnreachable(let host, let detail):
      return "cannot reach the Docker engine at \(host): \(detail)"
    case .notFound(let failure), .conflict(let failure), .rejected(let failure), .unavailable(let failure):
      return
        "Docker engine refused \(failure.method) \(failure.path) (HTTP \(failure.status)): \(failure.message)"
    case .unsupportedAPIVersion(let host, let engineVersion, let minimum):
      return "the Docker engine at \(host) speaks API \(engineVersion); osbsctl needs \(minimum) or newer"
    case .malformedResponse(let path, let detail):
      return "unexpected response from the Docker engine for \(path): \(detail)"
    }
  }

  /// Classifies a refusal from its status and `{"message": …}` body.
  static func from(status: Int, body: Data, method: String, path: String) -> DockerError {
    let message =
      (try? JSONDecoder().decode(DockerErrorBody.self, from: body))?.message
      ?? HTTPError.excerpt(of: body)
    let failure = DockerAPIFailure(status: status, message: message, method: method, path: path)
    switch status {
    case 404: return .notFound(failure)
    case 409: return .conflict(failure)
    case 502, 503, 504: return .unavailable(failure)
    default: return .rejected(failure)
    }
  }
}

/// The engine's error body: `{"message": "…"}` (podman adds `cause` and `response`).
struct DockerErrorBody: Decodable {
  var message: String
}
