import Foundation
import Synchronization

/// Engine-side filters (`filters=` query parameter): a JSON object of string lists, e.g.
/// `{"status":["exited"],"label":["app=web"]}`.
public struct DockerFilters: Sendable, Equatable {
  public private(set) var values: [String: [String]]

  public init(_ values: [String: [String]] = [:]) { self.values = values }

  public mutating func add(_ name: String, _ value: String) { values[name, default: []].append(value) }

  public var isEmpty: Bool { values.isEmpty }

  /// The JSON text, keys sorted so the same filters always give the same URL.
  public var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(values)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
  }
}

/// A client of the Docker Engine API (Docker, or podman's compatible service) over `HTTPClient`.
///
/// The first request asks the engine for its API version (`GET /version`, unversioned) and pins
/// `/v1.NN`: the engine's version, capped to the newest one this client was written against. Engines older
/// than 1.24 are refused. Failures throw `DockerError`.
public final class DockerEngineClient: Sendable {
  /// The oldest API current engines still accept, and the oldest this client speaks (Docker 1.12).
  public static let oldestAPIVersion = DockerAPIVersion(1, 24)
  /// The newest API whose list, delete and df replies this client was checked against.
  public static let newestAPIVersion = DockerAPIVersion(1, 47)

  public let connection: DockerConnection
  let http: HTTPClient
  /// For requests the engine answers only when it is done: a container's wait, and the sizes it computes
  /// (`/system/df`, `size=1`), which take minutes on a full node. Sending nothing meanwhile is normal,
  /// so there is no idle limit, only `patientTotal`.
  let patientHTTP: HTTPClient
  private let pinned = Mutex<DockerAPIVersion?>(nil)

  /// The longest a patient request may take (a probe waits at most 10 minutes and its grace).
  public static let patientTotal = Duration.seconds(30 * 60)

  /// `transport` answers the requests instead of the engine (a test's fake); nil: the engine's socket or URL.
  public init(
    connection: DockerConnection, diagnostics: HTTPDiagnostics = HTTPDiagnostics(),
    timeouts: HTTPTimeouts = HTTPTimeouts(connect: .seconds(10), total: .seconds(300), idle: .seconds(120)),
    transport: (any HTTPTransport)? = nil
  ) throws {
    self.connection = connection
    var configuration = HTTPClientConfiguration(
      timeouts: timeouts, unixSocketPath: connection.unixSocketPath, diagnostics: diagnostics)
    configuration.userAgent = "osbsctl"
    configuration.transport = transport
    http = try HTTPClient(configuration: configuration)
    configuration.timeouts = HTTPTimeouts(connect: timeouts.connect, total: Self.patientTotal, idle: nil)
    patientHTTP = try HTTPClient(configuration: configuration)
  }

  /// `unix:///var/run/docker.sock` or the TCP base URL: how error messages name the engine.
  /// A URL's user and password are left out (they would reach error messages and `disk usage -o json`).
  public var hostDescription: String {
    connection.unixSocketPath.map { "unix://" + $0 } ?? SecretRedactor.redact(url: connection.baseURL)
  }

  // MARK: - Version

  /// The engine's version reply (unversioned path, so it works whatever the engine speaks).
  public func version() async throws -> DockerVersion {
    let response = try await exchange(method: "GET", path: "/version", versioned: false)
    return try DockerReply.version(response.body)
  }

  /// Negotiates once, then returns the pinned version.
  ///
  /// Asks `GET /_ping`, as the docker CLI does: its `Api-Version` header (Docker 1.13 and later, podman)
  /// is all negotiation needs, and it costs the engine nothing, where podman answers `/version` only after
  /// running conmon and runc for their versions (a quarter of a second here). An engine whose ping does
  /// not say is asked `/version`.
  public func apiVersion() async throws -> DockerAPIVersion {
    if let version = pinned.withLock({ $0 }) { return version }
    let reply: DockerVersion
    if let announced = try await pingedAPIVersion() {
      reply = DockerVersion(apiVersion: announced)
    } else {
      reply = try await version()
    }
    let chosen = try Self.negotiate(engine: reply, host: hostDescription)
    pinned.withLock { $0 = chosen }
    return chosen
  }

  /// The `Api-Version` header of `GET /_ping`; nil when the engine does not send one or has no ping.
  private func pingedAPIVersion() async throws -> String? {
    do {
      let response = try await exchange(method: "GET", path: "/_ping", versioned: false)
      return response.headers["Api-Version"].flatMap { $0.isEmpty ? nil : $0 }
    } catch let error as DockerError where error.failureKind == .notFound {
      return nil
    }
  }

  /// The version to pin for an engine's `/version` reply.
  static func negotiate(engine: DockerVersion, host: String) throws(DockerError) -> DockerAPIVersion {
    // An engine that does not say (very old) is asked at the oldest version; it refuses with 400 if it must.
    guard let text = engine.apiVersion, let engineVersion = DockerAPIVersion(text) else {
      return oldestAPIVersion
    }
    if engineVersion < oldestAPIVersion {
      throw .unsupportedAPIVersion(
        host: host, engineVersion: engineVersion.description, minimum: oldestAPIVersion.description)
    }
    return min(engineVersion, newestAPIVersion)
  }

  // MARK: - Containers

  /// `GET /containers/json?all=…&size=…&filters=…`.
  public func containers(all: Bool = true, size: Bool = false, filters: DockerFilters = DockerFilters())
    async throws -> [DockerContainer]
  {
    var query = [QueryItem("all", all ? "1" : "0")]
    if size { query.append(QueryItem("size", "1")) }
    if !filters.isEmpty { query.append(QueryItem("filters", filters.json)) }
    let response = try await exchange(method: "GET", path: "/containers/json", query: query, patient: size)
    return try DockerReply.containers(response.body)
  }

  /// `DELETE /containers/{id}`; without force the engine refuses running containers (409, podman 500).
  /// With `force` the engine kills a running container first (what `docker rm -f` does).
  public func removeContainer(id: String, removeVolumes: Bool = false, force: Bool = false) async throws {
    let query = [QueryItem("v", removeVolumes ? "1" : "0"), QueryItem("force", force ? "1" : "0")]
    _ = try await exchange(method: "DELETE", path: "/containers/\(Self.pathSegment(id))", query: query)
  }

  // MARK: - Images

  /// `GET /images/json?all=…&filters=…`.
  public func images(all: Bool = false, filters: DockerFilters = DockerFilters()) async throws
    -> [DockerImage]
  {
    var query = [QueryItem("all", all ? "1" : "0")]
    if !filters.isEmpty { query.append(QueryItem("filters", filters.json)) }
    let response = try await exchange(method: "GET", path: "/images/json", query: query)
    return try DockerReply.images(response.body)
  }

  /// `GET /images/{id}/json`, or nil when the engine has no such image.
  public func inspectImage(id: String) async throws -> DockerImageInspection? {
    let path = "/images/\(Self.pathSegment(id))/json"
    do {
      return try DockerReply.imageInspection(try await exchange(method: "GET", path: path).body, path: path)
    } catch let error as DockerError {
      guard let failure = error.failure, failure.status == 404 || failure.saysMissing else { throw error }
      return nil
    }
  }

  /// `DELETE /images/{id}` without force: the engine refuses images in use or with children (409), and
  /// by ID an image with more than one tag. `id` may also be a `repo:tag`, which removes that tag (and
  /// the image with its last one).
  public func removeImage(id: String) async throws -> [DockerImageDeletion] {
    let path = "/images/\(Self.pathSegment(id))"
    let response = try await exchange(
      method: "DELETE", path: path, query: [QueryItem("force", "0"), QueryItem("noprune", "0")])
    return try DockerReply.imageDeletions(response.body, path: path)
  }

  // MARK: - Disk usage

  /// The first API version with `/system/df` (Docker 1.13).
  public static let systemDataUsageVersion = DockerAPIVersion(1, 25)

  /// `GET /system/df` (API 1.25 and newer).
  public func systemDataUsage() async throws -> DockerSystemDataUsage {
    let response = try await exchange(method: "GET", path: "/system/df", patient: true)
    return try DockerReply.systemDataUsage(response.body)
  }

  // MARK: - Transport

  /// Sends one request and returns the 2xx response; everything else becomes a `DockerError`.
  func exchange(
    method: String, path: String, query: [QueryItem] = [], versioned: Bool = true, json body: Data? = nil,
    patient: Bool = false
  ) async throws -> HTTPResponse {
    let prefix = versioned ? "/v\(try await apiVersion())" : ""
    var url = connection.baseURL + prefix + path
    if !query.isEmpty {
      url += "?" + query.map { "\($0.name)=\(Self.percentEncoded($0.value))" }.joined(separator: "&")
    }
    let response: HTTPResponse
    do {
      var request = HTTPRequest(method: method, url: url, body: body)
      if body != nil { request.headers.set("Content-Type", "application/json") }
      response = try await (patient ? patientHTTP : http).send(request)
    } catch let error as HTTPError {
      throw translate(error)
    }
    guard (200..<300).contains(response.status) else {
      throw DockerError.from(status: response.status, body: response.body, method: method, path: path)
    }
    return response
  }

  private func translate(_ error: HTTPError) -> any Error {
    if case .cancelled = error { return error }
    if let socket = connection.unixSocketPath, !FileManager.default.fileExists(atPath: socket) {
      return DockerError.socketMissing(path: socket)
    }
    guard error.failureKind == .unavailable else { return error }
    return DockerError.engineUnreachable(host: hostDescription, detail: error.description)
  }

  private static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

  static func percentEncoded(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
  }

  /// IDs and names as one path segment; `:` is allowed in a path (`sha256:…`, `busybox:latest`) but `/` is
  /// part of repository names and must stay a separator for the engine's router.
  static func pathSegment(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: unreserved.union(CharacterSet(charactersIn: ":/")))
      ?? text
  }
}
