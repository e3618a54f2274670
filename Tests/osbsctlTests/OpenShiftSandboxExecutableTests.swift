import Foundation
import OSBSKit
import TestSupport
import Testing

/// The built `osbs-sandbox` serving only the given OpenShift build API, driven through its control API.
final class OpenShiftSandboxProcess: Sendable {
  struct Ready: Decodable, Sendable {
    var openshiftAPI: String
    var osbsctlConfig: String
    var kubeconfig: String
  }

  let launched: LaunchedSandbox
  let ready: Ready

  init(era: String, arguments extra: [String] = []) async throws {
    launched = try await LaunchedSandbox.start(["--openshift-api", era] + extra)
    ready = try JSONDecoder().decode(Ready.self, from: launched.readyLine)
  }

  /// `POST /_sandbox/openshift/<path>` with a JSON body; the decoded JSON answer.
  func control(_ path: String, _ body: String) async throws -> [String: Any] {
    let http = try HTTPClient(configuration: HTTPClientConfiguration())
    var headers = HTTPHeaders()
    headers.add("Content-Type", "application/json")
    let response = try await http.send(
      HTTPRequest(
        method: "POST", url: ready.openshiftAPI + "/_sandbox/openshift/" + path, headers: headers,
        body: Data(body.utf8)))
    guard response.status < 300,
      let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
    else { throw FixtureError("control \(path) answered \(response.status)") }
    return object
  }
}

@Suite("osbsctl build and node commands against the built osbs-sandbox")
struct OpenShiftSandboxExecutableTests {
  @Test(arguments: ["legacy", "grouped"])
  func commandsWorkOnEitherBuildAPI(era: String) async throws {
    let sandbox = try await OpenShiftSandboxProcess(era: era)
    let cli = try CLI()
    let environment = ["OSBSCTL_CONFIG": sandbox.ready.osbsctlConfig]

    let list = try await cli.osbsctl(["build", "list", "-o", "json"], environment: environment)
    #expect(list.exitCode == 0, "\(list.summary)")
    let builds = try #require(try list.json()["builds"] as? [[String: Any]])
    #expect(builds.count == 7)

    // A generated 3 MB log, its stream cut eight times mid-line, prints byte-identical.
    let generated = try await sandbox.control("builds", #"{"name": "big-log-1", "logBytes": 3000000}"#)
    let size = try #require(generated["logBytes"] as? Int)
    #expect(size >= 3_000_000)
    _ = try await sandbox.control("log-cuts", #"{"afterBytes": 400000, "times": 8}"#)
    let logs = try await cli.osbsctl(["build", "logs", "-f", "big-log-1"], environment: environment)
    #expect(logs.exitCode == 0, "\(logs.summary)")
    #expect(logs.stdout.utf8.count == size)
    let lines = logs.stdout.split(separator: "\n")
    #expect(lines.count == Set(lines).count, "a line was printed twice")
    #expect(lines.last?.contains("generated log line \(lines.count)") == true)

    let added = try await sandbox.control("nodes", #"{"count": 40}"#)
    #expect(added["nodes"] as? Int == 43)
    let cordon = try await cli.osbsctl(
      ["node", "cordon", "--confirm", "bench-node00010"], environment: environment)
    #expect(cordon.stdout == "node/bench-node00010 cordoned\n", "\(cordon.summary)")
    let nodes = try await cli.osbsctl(["node", "list"], environment: environment)
    #expect(nodes.stdout.split(separator: "\n").count == 44)
    let row = try #require(nodes.stdout.split(separator: "\n").first { $0.hasPrefix("bench-node00010 ") })
    #expect(row.contains("Ready,SchedulingDisabled"))

    let missing = try await cli.osbsctl(["build", "get", "no-such-build"], environment: environment)
    #expect(missing.exitCode == 3)
  }

  /// A build pod whose deletion began (the control API's pod-deletions) on a 3.x sandbox: osbsctl shows it
  /// Terminating and no longer counts it as a live build pod of its node.
  @Test func aPodWhoseDeletionBeganIsTerminating() async throws {
    let sandbox = try await OpenShiftSandboxProcess(era: "both", arguments: ["--openshift-era", "3.x"])
    let cli = try CLI()
    let environment = ["OSBSCTL_CONFIG": sandbox.ready.osbsctlConfig]
    let list = try await cli.osbsctl(["build", "list", "-o", "json"], environment: environment)
    let running = try #require(
      (try list.json()["builds"] as? [[String: Any]])?.first { $0["phase"] as? String == "Running" },
      "\(list.summary)")
    let pod = try #require(running["podName"] as? String)
    let node = try #require(running["nodeName"] as? String)
    let before = try await cli.osbsctl(["node", "list", "-o", "json"], environment: environment)
    let live = try #require(
      (try before.json()["nodes"] as? [[String: Any]])?.first { $0["name"] as? String == node }?[
        "buildPodCount"]
        as? Int)

    let answer = try await sandbox.control(
      "pod-deletions", #"{"pod": "\#(pod)", "namespace": "osbs", "gracePeriodSeconds": 30}"#)
    let metadata = try #require(answer["metadata"] as? [String: Any])
    #expect(metadata["finalizers"] as? [String] == ["foregroundDeletion"])
    #expect(metadata["deletionGracePeriodSeconds"] as? Int == 30)

    let pods = try await cli.osbsctl(["node", "pods", node, "-o", "json"], environment: environment)
    let entry = try #require(
      (try pods.json()["pods"] as? [[String: Any]])?.first { $0["name"] as? String == pod }, "\(pods.summary)"
    )
    #expect(entry["status"] as? String == "Terminating")
    let after = try await cli.osbsctl(["node", "list", "-o", "json"], environment: environment)
    let remaining = (try after.json()["nodes"] as? [[String: Any]])?.first { $0["name"] as? String == node }
    #expect(remaining?["buildPodCount"] as? Int == live - 1, "\(after.stdout)")
    await #expect(throws: FixtureError.self) {
      _ = try await sandbox.control("pod-deletions", #"{"pod": "nosuch"}"#)
    }
  }
}

@Suite("osbsctl build for-task against the sandbox's Koji hub")
struct OpenShiftBuildForTaskE2ETests {
  /// The sandbox's Koji builds are not on its cluster, so only the Koji evidence can name them: the
  /// selflink in a child's openshift-incremental.log, or the fault text of a failed task.
  @Test func kojiEvidenceNamesTheBuildWhenNoLabelDoes() async throws {
    // Koji builds stay off the cluster here, so no label exists and the Koji-side evidence must answer.
    let sandbox = try await SandboxProcess.start(extraArguments: ["--no-koji-builds-on-cluster"])
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    try await sandbox.script(#"[{"children": true}, {"outcome": "fail", "failureReason": "boom"}]"#)
    var taskIDs: [Int] = []
    for _ in 0..<2 {
      let submitted = try await cli.osbsctl(
        ["container-build", "-C", checkout.path, "--nowait", "--scratch", "-o", "json"],
        environment: sandbox.environment)
      taskIDs.append(try #require(try submitted.json()["taskId"] as? Int, "\(submitted.stderr)"))
    }
    let watched = try await cli.osbsctl(
      ["task", "watch", "--interval", "0.2"] + taskIDs.map(String.init), environment: sandbox.environment)
    #expect(watched.exitCode == 1, "one of the two fails: \(watched.summary)")
    let tasks = try #require(
      try JSONSerialization.jsonObject(with: try await sandbox.request("GET", "/_sandbox/koji/tasks"))
        as? [[String: Any]])

    for (index, task) in taskIDs.enumerated() {
      let expected = try #require(tasks.first { $0["id"] as? Int == task }?["osbsBuildName"] as? String)
      let found = try await cli.osbsctl(
        ["build", "for-task", String(task), "-o", "json"], environment: sandbox.environment)
      #expect(found.exitCode == 0, "\(found.summary)")
      let report = try found.json()
      #expect(report["names"] as? [String] == [expected])
      #expect((report["builds"] as? [Any])?.isEmpty == true)
      if index == 0 { #expect(report["source"] as? String == "selflink") }
      #expect(found.stderr.contains("which is gone"))
    }
    let none = try await cli.osbsctl(["build", "for-task", "424242"], environment: sandbox.environment)
    #expect(none.exitCode != 0)
  }
}
