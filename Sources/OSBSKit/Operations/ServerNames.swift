import Foundation

/// The names of things on the servers the configuration points at, as a shell offers them on TAB: nodes,
/// builds, recent Koji tasks.
///
/// A TAB must not hang on a server that is down, so every lookup is bounded by `timeout`, retries
/// included, and retries at most once; whatever goes wrong is thrown for the caller to drop.
public struct ServerNames: Sendable {
  public let settings: ResolvedSettings
  public let timeout: Duration

  public init(settings: ResolvedSettings, timeout: Duration) {
    self.settings = settings
    self.timeout = timeout
  }

  /// Every node of the cluster.
  public func nodeNames() async throws -> [String] {
    try await openShiftClient().nodes().collect().map(\.metadata.name).sorted()
  }

  /// The names the build commands (`get`, `logs`, `watch`, `cancel`, `node`) accept in the configured
  /// namespace.
  public func buildNames() async throws -> [String] {
    try await BuildListing(client: try openShiftClient()).names(in: .current)
  }

  /// The newest container-build tasks of the hub, newest first.
  public func recentKojiTaskIDs(limit: Int = 20) async throws -> [Int] {
    let connection = try settings.kojiConnection()
    var configuration = KojiHubConfiguration(
      hubURL: connection.endpoint.baseURL, tls: connection.endpoint.tls,
      retry: KojiRetryPolicy(maxRetries: 1, interval: .zero),
      timeouts: HTTPTimeouts(connect: timeout, total: timeout, idle: timeout))
    configuration.requestTimeout = timeout
    configuration.maxResponseBytes = settings.http.maxResponseBytes.value
    let session = try KojiSession(configuration: configuration)
    let tasks = try await session.call(
      "listTasks",
      [.object(["method": "buildContainer"]), .object(["order": "-id", "limit": .int(Int64(limit))])])
    return tasks.arrayValue?.compactMap { $0["id"]?.intValue.map(Int.init) } ?? []
  }

  private func openShiftClient() throws -> OpenShiftClient {
    var options = OpenShiftClientOptions(maxAttempts: 2, initialBackoff: .milliseconds(100))
    options.requestTimeout = timeout
    return try OpenShiftClient(
      connection: try settings.openShiftConnection(), options: options,
      maxResponseBytes: settings.http.maxResponseBytes.value)
  }
}

extension BuildListing {
  /// Every name the build commands accept in `scope`, sorted: what shell completion offers after
  /// `build logs` and its siblings. A kind of build those commands learn to take belongs in this list.
  public func names(in scope: NamespaceScope) async throws -> [String] {
    var names: [String] = []
    for kind in try await locator.kindsServed(forcing: nil) {
      switch kind {
      case .build: names += try await client.builds(in: scope).collect().map(\.metadata.name)
      case .pipelineRun:
        names += try await locator.tekton.pipelineRuns(in: scope).collect().map(\.metadata.name)
      }
    }
    return names.sorted()
  }
}
