import Foundation

/// A container's `State` as `GET /containers/{id}/json` reports it. Times are RFC 3339 with
/// nanoseconds, `0001-01-01T00:00:00Z` when the event has not happened yet.
public struct DockerContainerState: Codable, Sendable, Equatable {
  /// `created`, `running`, `paused`, `restarting`, `removing`, `exited` or `dead`.
  public var status: String
  public var running: Bool
  public var exitCode: Int
  public var oomKilled: Bool
  /// Why the engine could not run the container (empty when it ran).
  public var error: String
  public var startedAt: String?
  public var finishedAt: String?

  public init(
    status: String, running: Bool, exitCode: Int = 0, oomKilled: Bool = false, error: String = "",
    startedAt: String? = nil, finishedAt: String? = nil
  ) {
    self.status = status
    self.running = running
    self.exitCode = exitCode
    self.oomKilled = oomKilled
    self.error = error
    self.startedAt = startedAt
    self.finishedAt = finishedAt
  }

  /// Ran and stopped: `exited`, or `dead` when the engine gave up on it.
  public var hasExited: Bool { status == "exited" || status == "dead" }

  enum CodingKeys: String, CodingKey {
    case status = "Status"
    case running = "Running"
    case exitCode = "ExitCode"
    case oomKilled = "OOMKilled"
    case error = "Error"
    case startedAt = "StartedAt"
    case finishedAt = "FinishedAt"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    status = try container.decodeIfPresent(String.self, forKey: .status) ?? ""
    running = try container.decodeIfPresent(Bool.self, forKey: .running) ?? false
    exitCode = try container.decodeIfPresent(Int.self, forKey: .exitCode) ?? 0
    oomKilled = try container.decodeIfPresent(Bool.self, forKey: .oomKilled) ?? false
    error = try container.decodeIfPresent(String.self, forKey: .error) ?? ""
    startedAt = try container.decodeIfPresent(String.self, forKey: .startedAt)
    finishedAt = try container.decodeIfPresent(String.self, forKey: .finishedAt)
  }
}

/// What `GET /containers/{id}/json` says about a container: its ID, image ID and state.
public struct DockerContainerInspection: Codable, Sendable, Equatable {
  public var id: String
  /// The image's ID (`sha256:…`).
  public var image: String
  public var state: DockerContainerState

  public init(id: String, image: String, state: DockerContainerState) {
    self.id = id
    self.image = image
    self.state = state
  }

  enum CodingKeys: String, CodingKey {
    case id = "Id"
    case image = "Image"
    case state = "State"
  }
}

extension DockerEngineClient {
  /// `GET /containers/{id}/json`.
  public func inspectContainer(id: String) async throws -> DockerContainerInspection {
    let path = "/containers/\(Self.pathSegment(id))/json"
    let response = try await exchange(method: "GET", path: path)
    do {
      return try JSONDecoder().decode(DockerContainerInspection.self, from: response.body)
    } catch {
      throw DockerError.malformedResponse(path: path, detail: "\(error)")
    }
  }

  /// `POST /containers/{id}/kill?signal=…`.
  public func killContainer(id: String, signal: String = "KILL") async throws {
    _ = try await exchange(
      method: "POST", path: "/containers/\(Self.pathSegment(id))/kill", query: [QueryItem("signal", signal)])
  }

  /// `POST /containers/{id}/stop?t=…`: the container's stop signal (SIGTERM unless its image says
  /// otherwise), then SIGKILL after `graceSeconds`. A container already stopped (304) is not an error.
  public func stopContainer(id: String, graceSeconds: Int) async throws {
    do {
      _ = try await exchange(
        method: "POST", path: "/containers/\(Self.pathSegment(id))/stop",
        query: [QueryItem("t", String(max(0, graceSeconds)))])
    } catch let error as DockerError where error.failure?.status == 304 {
      return
    }
  }

  /// `GET /images/{name}/json`: the image's ID; `DockerError.notFound` when the engine does not have it.
  public func imageID(of reference: String) async throws -> String {
    let path = "/images/\(Self.pathSegment(reference))/json"
    let response = try await exchange(method: "GET", path: path)
    struct Inspected: Decodable { var Id: String }
    do {
      return try JSONDecoder().decode(Inspected.self, from: response.body).Id
    } catch {
      throw DockerError.malformedResponse(path: path, detail: "\(error)")
    }
  }

  /// `GET /containers/{id}/logs?stdout=1&stderr=1`: the whole log, demultiplexed.
  public func containerLog(id: String) async throws -> String {
    let response = try await exchange(
      method: "GET", path: "/containers/\(Self.pathSegment(id))/logs",
      query: [QueryItem("stdout", "1"), QueryItem("stderr", "1")])
    return DockerLogStream.text(of: response.body)
  }
}
