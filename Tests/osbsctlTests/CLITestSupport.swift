import Foundation
import TestSupport

/// What one run of the built `osbsctl` printed and how it exited.
struct CLIResult: Sendable {
  var exitCode: Int32?
  var stdout: String
  var stderr: String

  func json() throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
      throw FixtureError("stdout is not a JSON object: \(stdout.prefix(300))")
    }
    return object
  }

  /// The `error` object of a -o json run: the last line of stderr (the lines before it are for people).
  func errorObject() throws -> [String: Any] {
    let last = stderr.split(separator: "\n").last.map(String.init) ?? ""
    let object = try? JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any]
    guard let error = object?["error"] as? [String: Any] else {
      throw FixtureError("stderr does not end with an error object: \(stderr.suffix(300))")
    }
    return error
  }
}

/// Runs the built executables in an isolated environment: a private HOME and no inherited osbsctl, koji or
/// kubeconfig settings, so nothing on the developer's machine leaks into a test.
struct CLI {
  /// Removes the private home when the last copy of this CLI is gone, so runs don't litter /tmp.
  final class Home: Sendable {
    let url: URL

    init() throws {
      url = FileManager.default.temporaryDirectory.appendingPathComponent("osbsctl-cli-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
  }

  private let homeDirectory: Home
  var home: URL { homeDirectory.url }
  var environment: [String: String]

  init() throws {
    homeDirectory = try Home()
    let home = homeDirectory.url
    var base = ProcessInfo.processInfo.environment
    for key in base.keys
    where key.hasPrefix("OSBSCTL_") || key.hasPrefix("KUBE") || key.hasPrefix("KRB5")
      || key == "XDG_CONFIG_HOME"
      || key == "DOCKER_HOST"
    {
      base[key] = nil
    }
    base["HOME"] = home.path
    base["NO_COLOR"] = "1"
    environment = base
  }

  func osbsctl(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> CLIResult {
    try await run(BuiltProducts.executable("osbsctl"), arguments, environment: extra)
  }

  func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:])
    async throws
    -> CLIResult
  {
    let run = try await ChildProcess.capture(
      executable, arguments, environment: environment.merging(extra) { $1 }, workDirectory: home)
    return CLIResult(exitCode: run.termination.exitCode, stdout: run.stdout, stderr: run.stderr)
  }

  /// Writes a file under the private home and returns its path.
  /// osbsctl's environment for an API server at `server` (a replay): a kubeconfig with a bearer token
  /// and `namespace` as the context's, and a default profile using it.
  func replayEnvironment(server: String, namespace: String) throws -> [String: String] {
    let kube = try write(
      "replay/kubeconfig",
      """
      apiVersion: v1
      kind: Config
      clusters: [{name: r, cluster: {server: "\(server)"}}]
      users: [{name: u, user: {token: replay-token}}]
      contexts: [{name: r, context: {cluster: r, user: u, namespace: \(namespace)}}]
      current-context: r

      """)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: kube)
    let config = try write(
      "replay/osbsctl.yaml",
      """
      defaultProfile: r
      profiles:
        r:
          openshift: {kubeconfig: "\(kube)", context: r}

      """)
    return ["OSBSCTL_CONFIG": config]
  }

  @discardableResult
  func write(_ relativePath: String, _ text: String) throws -> String {
    let url = home.appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// The package root (for committed files such as completions/ and man/).
  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }
}
