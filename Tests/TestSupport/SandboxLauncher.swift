import Foundation

/// The built `osbs-sandbox` started as a child of the test: the one launcher behind every suite that
/// needs the executable (OSBSSandboxTests drives its signals and flags, osbsctlTests points osbsctl at it).
///
/// Its state lives in a private directory; it is returned once it has printed its ready line.
public final class LaunchedSandbox: Sendable {
  public let child: ChildProcess
  /// The directory holding the sandbox's `--state-dir` (`sb`) and its captured output.
  public let directory: URL
  /// The ready line, a JSON object with the endpoints and generated configuration paths.
  public let readyLine: Data

  public var stdoutPath: String { directory.appendingPathComponent("sandbox.stdout").path }
  public var stderrPath: String { directory.appendingPathComponent("sandbox.stderr").path }
  public var stateDirectory: String { directory.appendingPathComponent("sb").path }

  /// Starts `osbs-sandbox --quiet --state-dir … <arguments>` and waits for its ready line.
  public static func start(_ arguments: [String] = []) async throws -> LaunchedSandbox {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "osbs-sandbox-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let stdoutPath = directory.appendingPathComponent("sandbox.stdout").path
    let child = try ChildProcess(
      executable: try BuiltProducts.executable("osbs-sandbox"),
      arguments: ["--quiet", "--state-dir", directory.appendingPathComponent("sb").path] + arguments,
      stdoutPath: stdoutPath, stderrPath: directory.appendingPathComponent("sandbox.stderr").path)
    let ready = try await child.waitForOutput(at: stdoutPath) { $0.contains("\n") }
    guard ready, let output = FileManager.default.contents(atPath: stdoutPath),
      let line = output.split(separator: 0x0A).first
    else {
      child.stop()
      let log =
        (try? String(contentsOfFile: directory.appendingPathComponent("sandbox.stderr").path, encoding: .utf8))
        ?? ""
      try? FileManager.default.removeItem(at: directory)
      throw FixtureError("osbs-sandbox did not print its ready line: \(log)")
    }
    return LaunchedSandbox(child: child, directory: directory, readyLine: Data(line))
  }

  private init(child: ChildProcess, directory: URL, readyLine: Data) {
    self.child = child
    self.directory = directory
    self.readyLine = readyLine
  }

  deinit { stop() }

  /// Stops the sandbox by its PID and removes its directory. Safe to call twice.
  public func stop() {
    child.stop(grace: .seconds(5))
    try? FileManager.default.removeItem(at: directory)
  }

  /// Everything the sandbox printed on stdout so far.
  public var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
}
