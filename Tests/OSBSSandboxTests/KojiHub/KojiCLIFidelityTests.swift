import Foundation
import OSBSSandbox
import TestSupport
import Testing

/// The real koji CLI (1.36.1, installed into `.venv-koji` by scripts/setup) against the simulated hub:
/// each command must succeed and print what it prints against a real hub. The same checks run from the
/// shell in scripts/koji-fidelity against the osbs-sandbox executable.
@Suite struct KojiCLIFidelityTests {
  /// Ten-second builds take half a second; the checks never depend on exact timing.
  static let speed = 20.0

  @Test func kojiCLIAgreesWithTheSimulatedHub() async throws {
    try FixtureError.requireTool(
      KojiCLI.executablePath, setup: "run scripts/setup (it installs koji 1.36.1 into .venv-koji)")
    let koji = KojiCLI(directory: URL(fileURLWithPath: "/"))
    let server = SandboxServer()
    let hub = KojiHub(clock: KojiHubClock(speed: Self.speed))
    hub.install(on: server)
    let endpoints = try await server.start()
    let cli: KojiCLI
    do {
      cli = try koji.configured(for: endpoints)
    } catch {
      await server.stop()
      throw error
    }
    do {
      try await Self.check(cli, hub: hub, endpoints: endpoints)
    } catch {
      Issue.record(error)
    }
    await server.stop()
    try? FileManager.default.removeItem(at: cli.directory)
  }

  static func check(_ cli: KojiCLI, hub: KojiHub, endpoints: SandboxEndpoints) async throws {

    let hello = try await cli.run(["--noauth", "hello"])
    #expect(hello.status == 0)
    #expect(hello.lines.first == "Not authenticated")
    #expect(hello.lines.dropFirst().first?.hasSuffix(", anonymous user!") == true)
    #expect(hello.lines.contains("You are using the hub at \(endpoints.kojiHub) (Koji 1.35.3)"))

    let version = try await cli.run(["--noauth", "version"])
    #expect(version.lines == ["Client: 1.36.1", "Hub:    1.35.3"])

    let targets = try await cli.run(["--noauth", "list-targets"])
    #expect(targets.status == 0)
    #expect(
      targets.lines.prefix(3) == [
        "Name                           Buildroot                      Destination                   ",
        String(repeating: "-", count: 93),
        "f25-container-candidate        f25-container-build            f25-container-candidate       ",
      ])

    #expect(try await cli.run(["--noauth", "call", "getTaskInfo", "999999"]).lines == ["None"])
    let anonymous = try await cli.run(["--noauth"] + KojiCLI.buildContainer("cockpit"))
    #expect(anonymous.status == 1 && anonymous.stderr.contains("GenericError: task must have an owner"))

    // Long enough (5 s at speed 20) that koji, however slowly it starts, sees the task before it closes.
    hub.enqueue([KojiBuildScript(durationSeconds: 100)])
    let submitted = try await cli.run(KojiCLI.password + KojiCLI.buildContainer("cockpit"))
    let task = try #require(
      Int(submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "\(submitted)")
    #expect(
      try await cli.run(["--noauth", "call", "getTaskInfo", "\(task)"]).stdout.contains(
        "'method': 'buildContainer'"))

    let watch = try await cli.run(["--noauth", "watch-task", "\(task)"])
    #expect(watch.status == 0)
    #expect(watch.lines.first == "Watching tasks (this may be safely interrupted)...")
    #expect(
      watch.lines.contains { $0.hasPrefix("\(task) buildContainer (noarch): ") && $0.hasSuffix("-> closed") })
    #expect(watch.lines.last == "\(task) buildContainer (noarch) completed successfully")

    let logs = try await cli.run(["--noauth", "watch-logs", "\(task)"])
    #expect(logs.lines.contains("==> \(task):DEFAULT:openshift-incremental.log: <=="))
    #expect(logs.lines.contains("==> \(task):DEFAULT:x86_64.log: <=="))
    #expect(
      logs.stdout.contains(
        "'openshift_build_selflink': u'/oapi/v1/namespaces/default/builds/cockpit-f25-\(task)'"))
    #expect(logs.stdout.hasSuffix("build finished\n"))

    let info = try await cli.run(["--noauth", "taskinfo", "\(task)"])
    #expect(info.lines.contains("State: closed") && info.lines.contains("Host: buildvm-01.example.org"))
    #expect(info.lines.contains("  /mnt/koji/work/tasks/\(task)/\(task)/x86_64.log"))

    hub.enqueue([KojiBuildScript(outcome: .fail, arches: ["x86_64", "aarch64"], children: true)])
    let failing = try await cli.run(KojiCLI.password + KojiCLI.buildContainer("etcd"))
    let parent = try #require(Int(failing.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    let failedWatch = try await cli.run(["--noauth", "watch-task", "\(parent)"])
    #expect(failedWatch.status == 1)
    #expect(failedWatch.lines.contains { $0.hasPrefix("  \(parent + 1) createContainer (x86_64): ") })
    #expect(
      failedWatch.stdout.contains(
        "FAILED: Fault: <Fault 2001: 'Image build failed. OSBS build id: etcd-f25-\(parent + 1)'>"))
    #expect(failedWatch.lines.last == "\(parent) buildContainer (noarch) failed")
    let followed = try await cli.run(["--noauth", "watch-logs", "-f", "\(parent)"])
    #expect(followed.lines.contains("==> \(parent + 2):DEFAULT:aarch64.log: <=="))
  }
}

/// The koji CLI from the package's `.venv-koji`, with a profile pointing at one sandbox.
struct KojiCLI {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let executablePath = packageRoot.appendingPathComponent(".venv-koji/bin/koji").path
  static let password = ["--authtype=password", "--user=builder1", "--password=builder1pass"]

  static func buildContainer(_ component: String) -> [String] {
    [
      "call", "--python", "buildContainer", "'git+https://src.example.org/container/\(component)#abc123'",
      "'f25-container-candidate'", "{'scratch': True, 'git_branch': 'f25'}",
    ]
  }

  var directory: URL

  func configured(for endpoints: SandboxEndpoints) throws -> KojiCLI {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "koji-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let config = """
      [koji]
      server = \(endpoints.kojiHub)
      weburl = \(endpoints.kojiWeb)
      topurl = \(endpoints.kojiFiles)
      poll_interval = 0

      """
    try Data(config.utf8).write(to: directory.appendingPathComponent("koji.conf"))
    return KojiCLI(directory: directory)
  }

  struct Output: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var lines: [String] {
      stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
    var description: String { "status \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
  }

  /// Runs koji to its end; output goes to files so a long log cannot fill a pipe.
  ///
  /// `watch-logs` writes a log's bytes to stdout's binary buffer and its headers with `print`. Into a file,
  /// Python's text layer holds `print`'s lines back, so the headers land after the log unless
  /// PYTHONUNBUFFERED is set: it is set here, whatever the caller's environment, for the order a person
  /// sees on a terminal.
  func run(_ arguments: [String]) async throws -> Output {
    var environment = ProcessInfo.processInfo.environment
    environment["PYTHONUNBUFFERED"] = "1"
    let run = try await ChildProcess.capture(
      Self.executablePath, ["-c", directory.appendingPathComponent("koji.conf").path] + arguments,
      environment: environment, workDirectory: directory)
    return Output(status: run.status, stdout: run.stdout, stderr: run.stderr)
  }

}
