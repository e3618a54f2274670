import Foundation
import TestSupport
import Testing

/// Issue 11, defect 4: exactly-once recovery after RetryError 1009 asks the hub a bounded question.
@Suite("Bounded exactly-once recovery end to end")
struct KojiBoundedRecoveryE2ETests {
  /// builder1 owns 50,000 past buildContainer tasks. The submission's reply is lost after the hub ran
  /// it; the recovery must name the task that was created, with every hub reply under 256 KiB (the whole
  /// history as listTasks rows is over 100 MB).
  @Test func recoveryNamesTheNewTaskAmongFiftyThousandOldOnes() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    // The same source and target as the build below: only the time bound tells the old tasks apart.
    let head = try await sandbox.git(["-C", checkout.path, "rev-parse", "HEAD"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let source = "git+file://\(sandbox.ready.stateDir)/git/container/hello-world.git#\(head)"
    let seeded = try await sandbox.request(
      "POST", "/_sandbox/koji/tasks/history",
      json:
        #"{"owner": "builder1", "count": 50000, "source": "\#(source)", "target": "f45-container-candidate"}"#
    )
    let range = try #require(try JSONSerialization.jsonObject(with: seeded) as? [String: Int])
    #expect(range["last"] == 50_000)

    try await sandbox.addFault(
      #"{"match": {"xmlrpcMethod": "buildContainer"}, "action": "dropAfterExecute", "times": 1}"#)
    let result = try await cli.osbsctl(
      ["container-build", "-C", checkout.path, "--scratch", "--nowait", "-o", "json"],
      environment: sandbox.environment.merging(["OSBSCTL_MAX_RESPONSE_BYTES": "262144"]) { $1 })
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(try result.json()["taskId"] as? Int == 50_001, "\(result.stdout)")
    #expect(try await sandbox.installedFaults() == 0, "the drop did not happen")
    // The dropped call, and its retry answered RetryError: nothing was submitted twice.
    #expect(try await sandbox.calls("buildContainer") == 2)
  }
}
