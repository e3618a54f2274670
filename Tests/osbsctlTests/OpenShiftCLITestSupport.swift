import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

/// A simulated cluster served in the test process, and the built `osbsctl` pointed at it through the
/// sandbox's own osbsctl.yaml and kubeconfig (written to the CLI's private home).
struct OpenShiftCLIFixture {
  let server: SandboxServer
  let cluster: OpenShiftCluster
  let cli: CLI
  let configPath: String

  static func run<T>(
    _ configuration: OpenShiftCluster.Configuration = OpenShiftCluster.Configuration(),
    _ body: (OpenShiftCLIFixture) async throws -> T
  ) async throws -> T {
    let server = SandboxServer()
    let cluster = OpenShiftCluster(configuration: configuration)
    cluster.install(on: server)
    let endpoints = try await server.start()
    do {
      let cli = try CLI()
      let directory = SandboxStateDirectory(url: cli.home.appendingPathComponent("sandbox"))
      let files = try directory.write(endpoints: endpoints, token: configuration.token)
      let fixture = OpenShiftCLIFixture(
        server: server, cluster: cluster, cli: cli, configPath: files.osbsctlConfig.path)
      let result = try await body(fixture)
      await server.stop()
      return result
    } catch {
      await server.stop()
      throw error
    }
  }

  /// The cluster's API address.
  var baseURL: String { server.endpoints.map { $0.openshiftAPI } ?? "" }

  func osbsctl(_ arguments: String...) async throws -> CLIResult {
    try await osbsctl(arguments)
  }

  func osbsctl(_ arguments: [String]) async throws -> CLIResult {
    try await cli.osbsctl(arguments, environment: ["OSBSCTL_CONFIG": configPath])
  }

  /// Waits until the sandbox has seen `count` requests to `path` (a child osbsctl got that far).
  func waitForRequests(to path: String, count: Int) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while await server.journal.all.filter({ $0.path == path }).count < count {
      guard ContinuousClock.now < deadline else { throw FixtureError("no \(count) requests to \(path)") }
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  /// The seeded build of a phase (the seed gives one build per phase, Koji tasks from 900001 in this order).
  func seeded(_ phase: BuildPhase) throws -> Build {
    let order: [BuildPhase] = [.complete, .failed, .error, .cancelled, .running, .pending, .new]
    let index = try #require(order.firstIndex(of: phase))
    return try #require(cluster.builds(kojiTaskID: 900_001 + index).first)
  }
}

extension CLIResult {
  /// Each stdout line decoded as a JSON object (JSON Lines).
  func jsonLines() throws -> [[String: Any]] {
    try stdout.split(separator: "\n").map { line in
      guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        throw FixtureError("not a JSON object: \(line.prefix(200))")
      }
      return object
    }
  }

  var summary: String { "exit \(exitCode.map(String.init) ?? "?"); stderr: \(stderr.prefix(2000))" }
}
