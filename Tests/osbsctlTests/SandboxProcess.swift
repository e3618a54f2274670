import Foundation
import OSBSKit
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The built `osbs-sandbox` running as a child of the test, with helpers for its control API.
///
/// Each test starts its own (random port, private state directory) and stops it by PID.
final class SandboxProcess: Sendable {
  /// The JSON line the sandbox prints once it serves requests.
  struct Ready: Decodable, Sendable {
    var kojiHub: String
    var controlAPI: String
    var port: UInt16
    var kojiConfig: String
    var osbsctlConfig: String
    var stateDir: String
    var pid: Int32
  }

  /// One request the sandbox saw (`GET /_sandbox/state` → `requests`).
  struct JournalEntry: Decodable, Sendable {
    var sequence: Int
    var method: String
    var path: String
    var xmlrpcMethod: String?
    var faultRuleIDs: [Int]
  }

  /// A task as `GET /_sandbox/koji/tasks` reports it.
  struct HubTask: Decodable, Sendable {
    var id: Int
    var method: String
    var state: String
    var parent: Int?
    var owner: String
    var files: [String: Int]
  }

  let launched: LaunchedSandbox
  let ready: Ready
  private let http: HTTPClient

  var child: ChildProcess { launched.child }
  var directory: URL { launched.directory }
  var baseURL: String { "http://127.0.0.1:\(ready.port)" }

  /// Starts the sandbox; `kojiSpeed` 10 makes a default build take about one second, 0 freezes builds.
  /// The Koji profile gets `retry_interval = 0` so retried calls do not wait.
  static func start(kojiSpeed: Double = 10, extraArguments: [String] = []) async throws -> SandboxProcess {
    let launched = try await LaunchedSandbox.start(["--koji-speed", String(kojiSpeed)] + extraArguments)
    let ready = try JSONDecoder().decode(Ready.self, from: launched.readyLine)
    // Fast retries: a dropped connection is retried at once, later attempts after 0 s.
    let kojiConfig = try String(contentsOfFile: ready.kojiConfig, encoding: .utf8)
    try (kojiConfig + "retry_interval = 0\nmax_retries = 30\n").write(
      toFile: ready.kojiConfig, atomically: true, encoding: .utf8)
    // The rewrite made a new file; it holds a password, so owner-only again (else osbsctl warns).
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: ready.kojiConfig)
    return SandboxProcess(
      launched: launched, ready: ready, http: try HTTPClient(configuration: HTTPClientConfiguration()))
  }

  private init(launched: LaunchedSandbox, ready: Ready, http: HTTPClient) {
    self.launched = launched
    self.ready = ready
    self.http = http
  }

  /// Stops the sandbox by its PID and removes its state directory and checkouts.
  func stop() { launched.stop() }

  /// The environment that points osbsctl at this sandbox.
  var environment: [String: String] { ["OSBSCTL_CONFIG": ready.osbsctlConfig] }

  // MARK: - Control API

  @discardableResult
  func request(_ method: String, _ path: String, json: String? = nil) async throws -> Data {
    var request = HTTPRequest(method: method, url: baseURL + path, body: json.map { Data($0.utf8) })
    if json != nil { request.headers.set("Content-Type", "application/json") }
    let response = try await http.send(request)
    guard (200..<300).contains(response.status) else {
      throw FixtureError(
        "\(method) \(path) -> \(response.status): \(String(decoding: response.body.prefix(500), as: UTF8.self))"
      )
    }
    return response.body
  }

  func tasks() async throws -> [HubTask] {
    try JSONDecoder().decode([HubTask].self, from: try await request("GET", "/_sandbox/koji/tasks"))
  }

  func journal() async throws -> [JournalEntry] {
    struct State: Decodable { var requests: [JournalEntry] }
    return try JSONDecoder().decode(State.self, from: try await request("GET", "/_sandbox/state")).requests
  }

  func calls(_ xmlrpcMethod: String) async throws -> Int {
    try await journal().count { $0.xmlrpcMethod == xmlrpcMethod }
  }

  /// Installs a fault rule (JSON as the control API takes it).
  func addFault(_ json: String) async throws {
    try await request("POST", "/_sandbox/faults", json: json)
  }

  /// How many fault rules are still installed.
  func installedFaults() async throws -> Int {
    let data = try await request("GET", "/_sandbox/faults")
    return (try JSONSerialization.jsonObject(with: data) as? [Any])?.count ?? 0
  }

  func script(_ json: String) async throws {
    try await request("POST", "/_sandbox/koji/script", json: json)
  }

  func clock(speed: Double? = nil, advanceSeconds: Double? = nil) async throws {
    var fields: [String] = []
    if let speed { fields.append("\"speed\": \(speed)") }
    if let advanceSeconds { fields.append("\"advanceSeconds\": \(advanceSeconds)") }
    try await request("POST", "/_sandbox/koji/clock", json: "{\(fields.joined(separator: ", "))}")
  }

  /// Sets condition statuses on a node as its kubelet would report them (`"DiskPressure": "True"`).
  func setNodeConditions(_ node: String, _ conditions: [String: String]) async throws {
    let body = try JSONSerialization.data(withJSONObject: ["node": node, "conditions": conditions])
    try await request(
      "POST", "/_sandbox/openshift/node-conditions", json: String(decoding: body, as: UTF8.self))
  }

  func expireSessions() async throws {
    try await request("POST", "/_sandbox/koji/sessions/expire", json: "{}")
  }

  /// A task's output file as the hub's `topurl` serves it.
  func taskFile(_ task: Int, _ name: String) async throws -> Data {
    try await request("GET", "/kojifiles/work/tasks/\(task % 10000)/\(task)/\(name)")
  }

  // MARK: - Dist-git checkouts

  /// A checkout of `container/NAME` on `branch` with a Dockerfile, committed and pushed to a bare
  /// origin under the sandbox's `git/` directory (where the anonymous URL template points).
  func distGitCheckout(
    name: String = "hello-world", branch: String = "f45", dockerfile: Bool = true
  ) async throws -> URL {
    let origin = URL(fileURLWithPath: ready.stateDir).appendingPathComponent("git/container/\(name).git")
    let checkout = directory.appendingPathComponent("checkout-\(name)-\(UUID().uuidString.prefix(6))")
    try await git(["init", "-q", "--bare", origin.path])
    try await git(["init", "-q", "-b", branch, checkout.path])
    try await git(["-C", checkout.path, "remote", "add", "origin", origin.path])
    let file = checkout.appendingPathComponent(dockerfile ? "Dockerfile" : "README")
    try "FROM fedora:45\n".write(to: file, atomically: true, encoding: .utf8)
    try await git(["-C", checkout.path, "add", "."])
    try await commit(in: checkout, message: "init")
    try await git(["-C", checkout.path, "push", "-q", "-u", "origin", branch])
    return checkout
  }

  func commit(in checkout: URL, message: String) async throws {
    try await git([
      "-C", checkout.path, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-a",
      "-m", message,
    ])
  }

  @discardableResult
  func git(_ arguments: [String]) async throws -> String {
    try await ChildProcess.run(
      "/usr/bin/git", arguments, environment: ["HOME": directory.path, "PATH": "/usr/bin:/bin"],
      workDirectory: directory)
  }
}

/// An `osbsctl` run the test watches while it runs (to act mid-run: send SIGINT, expire a session).
struct RunningCLI {
  let child: ChildProcess
  let stdoutPath: String
  let stderrPath: String

  init(_ cli: CLI, _ arguments: [String], environment extra: [String: String], newProcessGroup: Bool = false)
    throws
  {
    let id = UUID().uuidString.prefix(8)
    stdoutPath = cli.home.appendingPathComponent("running-\(id).out").path
    stderrPath = cli.home.appendingPathComponent("running-\(id).err").path
    child = try ChildProcess(
      executable: try BuiltProducts.executable("osbsctl"), arguments: arguments,
      environment: cli.environment.merging(extra) { $1 }, stdoutPath: stdoutPath, stderrPath: stderrPath,
      newProcessGroup: newProcessGroup)
  }

  var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
  var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }

  /// Waits until stderr contains `text` (or the process ended); true when it appeared.
  func waitForStderr(_ text: String, attempts: Int = 600) async throws -> Bool {
    try await wait(for: text, attempts: attempts) { stderr }
  }

  /// Waits until stdout contains `text` (or the process ended); true when it appeared.
  func waitForStdout(_ text: String, attempts: Int = 600) async throws -> Bool {
    try await wait(for: text, attempts: attempts) { stdout }
  }

  private func wait(for text: String, attempts: Int, in stream: () -> String) async throws -> Bool {
    for _ in 0..<attempts {
      if stream().contains(text) { return true }
      if child.exitedTermination() != nil { return stream().contains(text) }
      try await Task.sleep(for: .milliseconds(50))
    }
    return false
  }

  func finish() async -> CLIResult {
    let termination = await child.waitForExit()
    return CLIResult(exitCode: termination.exitCode, stdout: stdout, stderr: stderr)
  }
}
