import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Real kubectl running, watching, reading and deleting pods that the sandbox kubelet runs on a real
/// podman engine.
@Suite("Real kubectl against pods the sandbox kubelet runs", .serialized)
struct KubeletKubectlTests {
  /// Runs `body` with a kubectl sandbox whose `osbs-node01` has a kubelet on a fresh podman engine.
  static func withKubelet(_ body: (KubectlSandbox, PodmanService) async throws -> Void) async throws {
    let engine = try await PodmanService.start()
    defer { engine.stop() }
    try await KubectlSandbox.run { sandbox in
      try sandbox.cluster.attachKubelet(KubeletNode(node: "osbs-node01", socket: engine.socketPath))
      do {
        try await body(sandbox, engine)
      } catch {
        await sandbox.cluster.stopKubelets()
        throw error
      }
      await sandbox.cluster.stopKubelets()
    }
  }

  static let onNode01 = #"{"apiVersion":"v1","spec":{"nodeName":"osbs-node01"}}"#

  @Test func runLogsAndDeleteAPod() async throws {
    try await Self.withKubelet { sandbox, engine in
      let run = try await sandbox.kubectl(
        "run", "hello", "-n", "osbs", "--image", PodmanService.busyboxImage, "--restart=Never",
        "--overrides", Self.onNode01, "--command", "--", "sh", "-c",
        "echo hello from the node; echo second line")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout == "pod/hello created\n")
      let pod = try #require(sandbox.cluster.pod(named: "hello"))
      #expect(pod.spec.restartPolicy == "Never")
      #expect(
        pod.spec.containers?.first?.command == ["sh", "-c", "echo hello from the node; echo second line"])

      let waited = try await sandbox.kubectl(
        "wait", "-n", "osbs", "--for=jsonpath={.status.phase}=Succeeded", "pod/hello", "--timeout=60s")
      #expect(waited.status == 0, "\(waited.stderr)")
      let listed = try await sandbox.kubectl("get", "pod", "hello", "-n", "osbs")
      #expect(listed.rows.first == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"])
      #expect(Array(listed.rows.dropFirst().first?.prefix(4) ?? []) == ["hello", "0/1", "Completed", "0"])

      let logs = try await sandbox.kubectl("logs", "hello", "-n", "osbs")
      #expect(logs.status == 0, "\(logs.stderr)")
      #expect(logs.stdout == "hello from the node\nsecond line\n")
      let tail = try await sandbox.kubectl("logs", "hello", "-n", "osbs", "--tail=1")
      #expect(tail.stdout == "second line\n")

      let uid = try #require(pod.metadata.uid)
      let onEngine = try await engine.podman([
        "ps", "-a", "-q", "--filter", "label=io.kubernetes.pod.uid=\(uid)",
      ])
      #expect(!onEngine.isEmpty)
      let deleted = try await sandbox.kubectl("delete", "pod", "hello", "-n", "osbs")
      #expect(deleted.status == 0, "\(deleted.stderr)")
      // kubectl 1.32 says which pod; the pinned 1.37 also names its namespace.
      #expect(
        ["pod \"hello\" deleted\n", "pod \"hello\" deleted from osbs namespace\n"].contains(deleted.stdout),
        "\(deleted.stdout)")
      #expect(
        try await engine.podman(["ps", "-a", "-q", "--filter", "label=io.kubernetes.pod.uid=\(uid)"]).isEmpty)
      let gone = try await sandbox.kubectl("get", "pod", "hello", "-n", "osbs")
      #expect(gone.status != 0)
      #expect(gone.stderr.contains(#"pods "hello" not found"#))
    }
  }

  @Test func getWatchPrintsEachStatusTheContainerGoesThrough() async throws {
    try await Self.withKubelet { sandbox, _ in
      let watcher = try BackgroundKubectl(
        sandbox, ["get", "pod", "-n", "osbs", "--field-selector", "metadata.name=watched", "-w"])
      defer { watcher.stop() }
      // The watch is open once kubectl has listed (no pod matches yet) and asked to watch.
      let deadline = ContinuousClock.now + .seconds(60)
      while await sandbox.server.journal.all.filter({ $0.path == "/api/v1/namespaces/osbs/pods" }).count < 2 {
        guard ContinuousClock.now < deadline else {
          throw FixtureError("kubectl never watched: \(watcher.stderr)")
        }
        try await Task.sleep(for: .milliseconds(20))
      }
      let run = try await sandbox.kubectl(
        "run", "watched", "-n", "osbs", "--image", PodmanService.busyboxImage, "--restart=Never",
        "--overrides", Self.onNode01, "--command", "--", "sh", "-c", "sleep 2; exit 4")
      #expect(run.status == 0, "\(run.stderr)")
      let final = try await watcher.waitForStdout { $0.contains(" Error ") }
      watcher.stop()
      let rows = final.split(separator: "\n").map {
        $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      }
      #expect(rows.first == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"])
      var statuses: [String] = []
      for row in rows.dropFirst() where row.count > 2 && statuses.last != row[2] { statuses.append(row[2]) }
      #expect(statuses == ["Pending", "ContainerCreating", "Running", "Error"])
      #expect(rows.dropFirst().allSatisfy { $0.first == "watched" })
    }
  }

  @Test func getShowsTheKubeletsImageReason() async throws {
    try await Self.withKubelet { sandbox, _ in
      let run = try await sandbox.kubectl(
        "run", "no-image", "-n", "osbs", "--image", "localhost/not-on-the-node:1", "--restart=Never",
        "--image-pull-policy=Never", "--overrides", Self.onNode01)
      #expect(run.status == 0, "\(run.stderr)")
      let waited = try await sandbox.kubectl(
        "wait", "-n", "osbs",
        "--for=jsonpath={.status.containerStatuses[0].state.waiting.reason}=ErrImageNeverPull",
        "pod/no-image", "--timeout=60s")
      #expect(waited.status == 0, "\(waited.stderr)")
      let listed = try await sandbox.kubectl("get", "pod", "no-image", "-n", "osbs")
      #expect(
        Array(listed.rows.dropFirst().first?.prefix(3) ?? []) == ["no-image", "0/1", "ErrImageNeverPull"])
      let logs = try await sandbox.kubectl("logs", "no-image", "-n", "osbs")
      #expect(logs.status != 0)
      #expect(logs.stderr.contains(#"is waiting to start: ErrImageNeverPull"#))
    }
  }
}

/// A kubectl left running (a watch), its output collected in files until it is stopped.
final class BackgroundKubectl: Sendable {
  let process: Process
  let stdoutURL: URL
  let stderrURL: URL

  init(_ sandbox: KubectlSandbox, _ arguments: [String]) throws {
    let executable = try #require(RealKubectl.path, "kubectl not found: run scripts/setup")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["--cache-dir", sandbox.home.appendingPathComponent("cache").path] + arguments
    process.environment = [
      "HOME": sandbox.home.path, "KUBECONFIG": sandbox.home.appendingPathComponent("kubeconfig").path,
      "PATH": "/usr/bin:/bin",
    ]
    stdoutURL = sandbox.home.appendingPathComponent("watch-stdout-\(UUID().uuidString)")
    stderrURL = sandbox.home.appendingPathComponent("watch-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
    process.standardError = try FileHandle(forWritingTo: stderrURL)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    self.process = process
  }

  var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
  var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

  func waitForStdout(_ done: (String) -> Bool) async throws -> String {
    let deadline = ContinuousClock.now + .seconds(60)
    while true {
      let text = stdout
      if done(text) { return text }
      guard ContinuousClock.now < deadline, process.isRunning else {
        throw FixtureError("kubectl printed no such output: \(text)\nstderr: \(stderr)")
      }
      try await Task.sleep(for: .milliseconds(50))
    }
  }

  func stop() {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
  }
}
