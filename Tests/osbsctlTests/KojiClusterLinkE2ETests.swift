import Foundation
import TestSupport
import Testing

/// In the built `osbs-sandbox`, a Koji container build also runs as an OpenShift build on the sandbox's
/// cluster, as in OSBS: labelled with its task, on a node, with the task's log and outcome.
@Suite("Koji builds on the sandbox's OpenShift cluster")
struct KojiClusterLinkE2ETests {
  /// Submits one build with `--nowait` and returns its task id and the build name the hub gave it.
  static func submit(_ sandbox: SandboxProcess, _ cli: CLI, _ checkout: URL) async throws -> (Int, String) {
    let submitted = try await cli.osbsctl(
      ["container-build", "-C", checkout.path, "--nowait", "--scratch", "-o", "json"],
      environment: sandbox.environment)
    let task = try #require(try submitted.json()["taskId"] as? Int, "\(submitted.summary)")
    let tasks = try #require(
      try JSONSerialization.jsonObject(with: try await sandbox.request("GET", "/_sandbox/koji/tasks"))
        as? [[String: Any]])
    let name = try #require(tasks.first { $0["id"] as? Int == task }?["osbsBuildName"] as? String)
    return (task, name)
  }

  static func phase(_ sandbox: SandboxProcess, _ cli: CLI, _ name: String) async throws -> String? {
    let get = try await cli.osbsctl(["build", "get", name, "-o", "json"], environment: sandbox.environment)
    guard get.exitCode == 0 else { return nil }
    return try get.json()["phase"] as? String
  }

  @Test func successfulTaskIsALabelledBuildOnANodeThatCompletes() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (task, name) = try await Self.submit(sandbox, cli, checkout)

    // Free: no builder has taken it, so OSBS has no build yet.
    #expect(try await Self.phase(sandbox, cli, name) == nil)

    try await sandbox.clock(advanceSeconds: 1.2)
    #expect(try await Self.phase(sandbox, cli, name) == "Pending")
    // The task log's self link and the cluster agree on namespace and name.
    let incremental = String(
      decoding: try await sandbox.taskFile(task, "openshift-incremental.log"), as: UTF8.self)
    #expect(incremental.contains("'openshift_build_selflink': u'/oapi/v1/namespaces/osbs/builds/\(name)'"))

    try await sandbox.clock(advanceSeconds: 3)
    #expect(try await Self.phase(sandbox, cli, name) == "Running")
    let found = try await cli.osbsctl(
      ["build", "for-task", String(task), "-o", "json"], environment: sandbox.environment)
    #expect(found.exitCode == 0, "\(found.summary)")
    let report = try found.json()
    #expect(report["source"] as? String == "label")
    #expect(report["names"] as? [String] == [name])
    let node = try await cli.osbsctl(["build", "node", name, "-o", "json"], environment: sandbox.environment)
    #expect(node.exitCode == 0, "\(node.summary)")
    let nodeName = try #require(try node.json()["nodeName"] as? String)
    #expect(!nodeName.isEmpty)
    // Each build of the report is `build get`'s summary, its node included.
    let builds = try #require(report["builds"] as? [[String: Any]], "\(found.summary)")
    #expect(builds.map { $0["nodeName"] as? String } == [nodeName], "\(found.summary)")
    let partial = try await cli.osbsctl(["build", "logs", name], environment: sandbox.environment)
    #expect(partial.stdout.contains(name), "the log so far names the build: \(partial.summary)")
    #expect(!partial.stdout.contains("build finished"))

    try await sandbox.clock(advanceSeconds: 10)
    #expect(try await Self.phase(sandbox, cli, name) == "Complete")
    let logs = try await cli.osbsctl(["build", "logs", name], environment: sandbox.environment)
    #expect(logs.stdout.hasSuffix("build finished\n"), "\(logs.summary)")
    // Every line of the task's log, once.
    let kojiLog = String(decoding: try await sandbox.taskFile(task, "x86_64.log"), as: UTF8.self)
    #expect(logs.stdout == kojiLog)
  }

  @Test func failedTaskEndsFailedUnderTheNameInItsFault() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    try await sandbox.script(#"{"outcome": "fail", "failureReason": "boom"}"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (task, name) = try await Self.submit(sandbox, cli, checkout)
    try await sandbox.clock(advanceSeconds: 20)

    #expect(try await Self.phase(sandbox, cli, name) == "Failed")
    let info = try await cli.osbsctl(
      ["task", "info", String(task), "-o", "json"], environment: sandbox.environment)
    #expect(info.stdout.contains("OSBS build id: \(name)"), "\(info.summary)")
    let found = try await cli.osbsctl(
      ["build", "for-task", String(task), "-o", "json"], environment: sandbox.environment)
    #expect(try found.json()["source"] as? String == "label", "\(found.summary)")
    #expect(try found.json()["names"] as? [String] == [name])
  }

  @Test func parentTaskFindsTheBuildsOfItsChildren() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    try await sandbox.script(#"{"children": true, "arches": ["x86_64", "aarch64"]}"#)
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let (task, _) = try await Self.submit(sandbox, cli, checkout)
    try await sandbox.clock(advanceSeconds: 20)

    let children = try await sandbox.tasks().filter { $0.parent == task }.map(\.id)
    #expect(children.count == 2)
    let found = try await cli.osbsctl(
      ["build", "for-task", String(task), "-o", "json"], environment: sandbox.environment)
    #expect(found.exitCode == 0, "\(found.summary)")
    let report = try found.json()
    #expect(report["source"] as? String == "label")
    // One build per arch: every child's (issue 11, defect 8).
    let names = try #require(report["names"] as? [String])
    #expect(names.count == 2)
    #expect(names.map { $0.split(separator: "-").last.map(String.init) ?? "" } == children.map(String.init))
    for child in children {
      let forChild = try await cli.osbsctl(
        ["build", "for-task", String(child), "-o", "json"], environment: sandbox.environment)
      let name = try #require(try forChild.json()["names"] as? [String]).first ?? ""
      #expect(name.hasSuffix("-\(child)"))
      #expect(try await Self.phase(sandbox, cli, name) == "Complete")
    }
  }
}
