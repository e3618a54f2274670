import Foundation
import OSBSSandbox
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `osbs-sandbox` binary the way scripts and CI use it.
@Suite struct SandboxExecutableTests {
  @Test(arguments: [SIGTERM, SIGINT])
  func printsOneReadyLineServesAndExitsCleanlyOnSignal(signal: Int32) async throws {
    let sandbox = try await LaunchedSandbox.start()
    defer { sandbox.stop() }
    let child = sandbox.child
    let info = try JSONDecoder().decode(SandboxReadyLine.self, from: sandbox.readyLine)
    #expect(info.pid == child.pid)
    #expect(info.stateDir == sandbox.stateDirectory)
    #expect(FileManager.default.fileExists(atPath: info.kojiConfig))
    #expect(FileManager.default.fileExists(atPath: info.kubeconfig))
    #expect(FileManager.default.fileExists(atPath: info.osbsctlConfig))
    #expect(info.kojiHub == "http://127.0.0.1:\(info.port)/kojihub")

    let version = try await send("GET", info.openshiftAPI + "/version")
    #expect(version.status == 200)

    kill(child.pid, signal)
    #expect(await child.waitForExit().exitCode == 0)
    #expect(sandbox.stdout.split(separator: "\n").count == 1, "exactly one line on stdout")
    // The listener is gone.
    let afterExit = try await curl(["--max-time", "5", info.openshiftAPI + "/version"])
    #expect(afterExit.exitCode == 7)
  }
}
