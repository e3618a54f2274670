import Foundation

/// What `POST /containers/create` needs for a short-lived, non-interactive container.
public struct DockerContainerSpec: Sendable, Equatable {
  public var image: String
  /// Replaces the image's entrypoint, so the image's own `ENTRYPOINT` cannot swallow the command.
  public var entrypoint: [String]
  public var command: [String]
  public var labels: [String: String]
  /// `HostConfig.NetworkMode`; nil keeps the engine's default (the bridge a build container gets).
  public var networkMode: String?
  /// `NAME=VALUE` entries.
  public var environment: [String]
  public var workingDirectory: String?
  /// `UID` or `UID:GID`; nil runs as the image's user.
  public var user: String?
  public var privileged: Bool
  /// `HOST:CONTAINER[:ro]` bind mounts.
  public var binds: [String]

  public init(
    image: String, entrypoint: [String], command: [String], labels: [String: String] = [:],
    networkMode: String? = nil, environment: [String] = [], workingDirectory: String? = nil,
    user: String? = nil, privileged: Bool = false, binds: [String] = []
  ) {
    self.image = image
    self.entrypoint = entrypoint
    self.command = command
    self.labels = labels
    self.networkMode = networkMode
    self.environment = environment
    self.workingDirectory = workingDirectory
    self.user = user
    self.privileged = privileged
    self.binds = binds
  }

  struct Wire: Encodable {
    struct HostConfig: Encodable {
      var NetworkMode: String?
      var Privileged: Bool?
      var Binds: [String]?
    }
    var Image: String
    /// Empty keeps the image's own (an empty list would be sent as "no entrypoint").
    var Entrypoint: [String]?
    var Cmd: [String]?
    var Env: [String]?
    var WorkingDir: String?
    var User: String?
    var Labels: [String: String]
    var Tty = false
    var AttachStdin = false
    var OpenStdin = false
    var HostConfig: HostConfig
  }

  var wire: Wire {
    Wire(
      Image: image, Entrypoint: entrypoint.isEmpty ? nil : entrypoint, Cmd: command.isEmpty ? nil : command,
      Env: environment.isEmpty ? nil : environment, WorkingDir: workingDirectory, User: user, Labels: labels,
      HostConfig: .init(
        NetworkMode: networkMode, Privileged: privileged ? true : nil, Binds: binds.isEmpty ? nil : binds))
  }
}

extension DockerEngineClient {
  /// `POST /containers/create?name=…`; returns the new container's ID. A missing image is a 404
  /// (`DockerError.notFound`): the API never pulls on create.
  public func createContainer(name: String, spec: DockerContainerSpec) async throws -> String {
    let body = try JSONEncoder().encode(spec.wire)
    let response = try await exchange(
      method: "POST", path: "/containers/create", query: [QueryItem("name", name)], json: body)
    struct Created: Decodable { var Id: String }
    do {
      return try JSONDecoder().decode(Created.self, from: response.body).Id
    } catch {
      throw DockerError.malformedResponse(path: "/containers/create", detail: "\(error)")
    }
  }

  /// `POST /containers/{id}/start`.
  public func startContainer(id: String) async throws {
    _ = try await exchange(method: "POST", path: "/containers/\(Self.pathSegment(id))/start")
  }

  /// `POST /containers/{id}/wait?condition=not-running`: blocks until the container exits; its exit code.
  public func waitContainer(id: String) async throws -> Int {
    let path = "/containers/\(Self.pathSegment(id))/wait"
    let response = try await exchange(
      method: "POST", path: path, query: [QueryItem("condition", "not-running")], patient: true)
    struct Waited: Decodable { var StatusCode: Int }
    do {
      return try JSONDecoder().decode(Waited.self, from: response.body).StatusCode
    } catch {
      throw DockerError.malformedResponse(path: path, detail: "\(error)")
    }
  }

  /// `GET /containers/{id}/logs?stdout=1&stderr=1&tail=N`: stdout and stderr interleaved as the engine
  /// stored them, demultiplexed.
  public func containerLogs(id: String, tail: Int) async throws -> String {
    let response = try await exchange(
      method: "GET", path: "/containers/\(Self.pathSegment(id))/logs",
      query: [QueryItem("stdout", "1"), QueryItem("stderr", "1"), QueryItem("tail", String(tail))])
    return DockerLogStream.text(of: response.body)
  }
}

/// The engine's log stream for a container without a TTY: frames of an 8-byte header (stream 0/1/2,
/// three zero bytes, a big-endian payload length) followed by the payload. A TTY container's log is raw.
enum DockerLogStream {
  static func text(of data: Data) -> String {
    let bytes = [UInt8](data)
    var payload: [UInt8] = []
    var offset = 0
    while offset < bytes.count {
      guard offset + 8 <= bytes.count, bytes[offset] <= 2,
        bytes[offset + 1] == 0, bytes[offset + 2] == 0, bytes[offset + 3] == 0
      else {
        // Not a framed stream (TTY, or an engine that sends raw text): keep the rest as it is.
        payload += bytes[offset...]
        break
      }
      let length =
        Int(bytes[offset + 4]) << 24 | Int(bytes[offset + 5]) << 16 | Int(bytes[offset + 6]) << 8
        | Int(bytes[offset + 7])
      let start = offset + 8
      let end = min(start + length, bytes.count)
      payload += bytes[start..<end]
      offset = end
    }
    return String(decoding: payload, as: UTF8.self)
  }
}
