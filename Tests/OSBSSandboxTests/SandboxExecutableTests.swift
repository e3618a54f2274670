import Foundation
import OSBSSandbox
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `osbs-sandbox` binary the way scripts and CI use it.
@Suite struct SandboxExecutableTests {
  /// The binary next to the test bundle in the build products directory.
  static func executable() throws -> URL {
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment["OSBS_SANDBOX_BINARY"] {
      candidates.append(URL(fileURLWithPath: override))
    }
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    candidates.append(testBinary.deletingLastPathComponent().appendingPathComponent("osbs-sandbox"))
    candidates.append(
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("osbs-sandbox"))
    candidates.append(Bundle.main.bundleURL.appendingPathComponent("osbs-sandbox"))
    let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    return try #require(
      found, "osbs-sandbox not built next to the tests; looked at \(candidates.map(\.path))")
  }

  @Test(arguments: [SIGTERM, SIGINT])
  func printsOneReadyLineServesAndExitsCleanlyOnSignal(signal: Int32) async throws {
    let stateDir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "osbs-sandbox-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: stateDir) }
    let child = try ChildProcess(try Self.executable(), ["--state-dir", stateDir.path, "--quiet"])
    let ready = try await withDeadline { await child.stdout.wait { $0.contains("\n") } }
    #expect(ready, "stderr: \(child.stderr.text)")
    let line = try #require(child.stdout.text.split(separator: "\n").first)
    let info = try JSONDecoder().decode(SandboxReadyLine.self, from: Data(line.utf8))
    #expect(info.pid == child.pid)
    #expect(info.stateDir == stateDir.path)
    #expect(FileManager.default.fileExists(atPath: info.kojiConfig))
    #expect(FileManager.default.fileExists(atPath: info.kubeconfig))
    #expect(FileManager.default.fileExists(atPath: info.osbsctlConfig))
    #expect(info.kojiHub == "http://127.0.0.1:\(info.port)/kojihub")

    let version = try await send("GET", info.openshiftAPI + "/version")
    #expect(version.status == 200)

    kill(child.pid, signal)
    #expect(await child.exitStatus() == 0)
    _ = await child.stdout.wait { _ in false }
    #expect(child.stdout.text.split(separator: "\n").count == 1, "exactly one line on stdout")
    // The listener is gone.
    let afterExit = try await curl(["--max-time", "5", info.openshiftAPI + "/version"])
    #expect(afterExit.exitCode == 7)
  }
}
