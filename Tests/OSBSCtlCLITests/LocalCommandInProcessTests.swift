import Foundation
import OSBSKit
import TestSupport
import Testing

@testable import OSBSCtlCLI

/// Commands that read local state or a checkout (`config view`, `container-build --dry-run`), the raw
/// `debug fetch`, and `prune all` (API server and engine in one run), in process against strict fakes.
@Suite("local, debug and combined commands in process against strict fakes")
struct LocalCommandInProcessTests {
  typealias Case = CommandInProcessTests.Case

  static func cases() throws -> [Case] {
    let coreResources = try Recordings.data("openshift-wire/extra/kubeclient/core_api_resource_list.json")
    return [
      // MARK: config view
      Case(
        arguments: ["config", "view"], requests: [], status: 0,
        stdout: [
          "SETTING", "koji.server", InProcessCLI.kojiHub, "openshift.server", InProcessCLI.openShiftAPI,
          "[REDACTED]",
        ]),
      Case(
        arguments: ["config", "view", "-o", "json"], requests: [], status: 0,
        stdout: [#""docker" : {"#, #""value" : "unix:///var/run/docker.sock""#, #""value" : "builder1""#]),
      Case(
        arguments: ["config", "view", "--profile", "no-such-profile"], requests: [], status: 64, stdout: [],
        stderr: ["no-such-profile"]),
      // MARK: debug fetch
      Case(
        arguments: ["debug", "fetch", InProcessCLI.openShiftAPI + "/api/v1"],
        requests: [.rest("GET", "/api/v1", reply: coreResources)], status: 0,
        stdout: [String(decoding: coreResources, as: UTF8.self)]),
      Case(
        arguments: ["debug", "fetch", InProcessCLI.openShiftAPI + "/api/v1/nodes/no-such-node"],
        requests: [
          .rest(
            "GET", "/api/v1/nodes/no-such-node", status: 404,
            reply: OpenShiftCommandInProcessTests.notFound("nodes", "no-such-node", group: ""))
        ],
        status: 3, stdout: [], stderr: ["404"]),
    ]
  }

  @Test(arguments: try cases())
  func local(_ row: Case) async throws { try await CommandInProcessTests.run(row) }

  /// The config must never print the Koji password.
  @Test func configViewRedactsThePassword() async throws {
    let cli = try InProcessCLI()
    defer { cli.removeHome() }
    for format in ["table", "json", "yaml"] {
      let run = await cli.run(["config", "view", "-o", format])
      #expect(run.status == 0, "\(run)")
      #expect(!run.stdout.contains("builder1pass") && !run.stdout.contains("fake-token"), "\(run)")
    }
  }

  // MARK: prune all

  /// Both plans, one report: the recorded 2019 builds and podman's exited containers and dangling image.
  @Test func pruneAllPlansBuildsThenTheNode() async throws {
    let cli = try InProcessCLI()
    defer { cli.removeHome() }
    let namespace = InProcessCLI.namespace
    let run = await cli.run(
      ["prune", "all", "--orphans", "-o", "json"],
      expecting: [
        .rest("GET", "/apis", reply: OpenShiftCommandInProcessTests.apiGroups),
        .rest(
          "GET", "/apis/build.openshift.io/v1/namespaces/\(namespace)/buildconfigs", query: ["limit": "500"],
          reply: try OpenShiftCommandInProcessTests.list(
            "BuildConfigList",
            [try Recordings.data("openshift-wire/v3.9.41/created_build_config_test-build-config-123.json")])),
        .rest(
          "GET", OpenShiftCommandInProcessTests.buildsPath, query: ["limit": "500"],
          reply: try Recordings.data("openshift-wire/v3.9.41/builds_list.json")),
      ],
      docker: [try DockerCommandInProcessTests.enginePing()]
        + (try DockerCommandInProcessTests.stoppedContainers())
        + (try DockerCommandInProcessTests.danglingImagePlan()))
    #expect(run.status == 0, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    #expect(report["scope"] as? String == "all", "\(run)")
    let kinds = Set((report["planned"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String })
    #expect(kinds == ["build", "container", "image"], "\(run)")
  }

  // MARK: container-build

  /// A throwaway dist-git checkout: a bare "origin", a clone on branch f25 with a Dockerfile, pushed,
  /// and the remote then renamed to the dist-git URL the build's source names.
  struct Checkout {
    let root: URL
    var work: String { root.appendingPathComponent("cockpit").path }

    init() async throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent("osbsctl-checkout-\(UUID())")
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
      let base = root.path
      try await Self.git(["init", "-q", "--bare", "origin.git"], in: base)
      try await Self.git(["init", "-q", "-b", "f25", "cockpit"], in: base)
      try "FROM fedora:25\nLABEL com.redhat.component=cockpit\n".write(
        toFile: base + "/cockpit/Dockerfile", atomically: true, encoding: .utf8)
      let work = base + "/cockpit"
      try await Self.git(["add", "Dockerfile"], in: work)
      try await Self.git(
        ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "first"], in: work)
      try await Self.git(["remote", "add", "origin", base + "/origin.git"], in: work)
      try await Self.git(["push", "-q", "-u", "origin", "f25"], in: work)
      try await Self.git(
        ["remote", "set-url", "origin", "https://src.fedoraproject.org/container/cockpit.git"], in: work)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    static func git(_ arguments: [String], in directory: String) async throws -> ProgramOutput {
      let output = try await ProcessProgramRunner().run("git", arguments, workingDirectory: directory)
      guard output.status == 0 else { throw FixtureError("git \(arguments): \(output.stderr)") }
      return output
    }

    /// What git prints for `arguments` in the checkout now: the runs the command will make, recorded.
    func recorded(_ arguments: [String]) async throws -> ExpectedProgram {
      ExpectedProgram(
        "git", arguments, try await ProcessProgramRunner().run("git", arguments, workingDirectory: work))
    }

    /// The git runs that inspect a clean checkout on a tracking branch, in the order they are made.
    func inspection() async throws -> [ExpectedProgram] {
      var runs: [ExpectedProgram] = []
      for arguments in [
        ["rev-parse", "--show-toplevel"], ["rev-parse", "HEAD"],
        ["symbolic-ref", "--quiet", "--short", "HEAD"],
        ["status", "--porcelain", "--untracked-files=no"], ["config", "--get", "branch.f25.remote"],
        ["config", "--get", "branch.f25.merge"], ["rev-list", "--oneline", "origin/f25..HEAD"],
        ["rev-list", "--count", "HEAD..origin/f25"], ["remote", "get-url", "origin"],
      ] {
        runs.append(try await recorded(arguments))
      }
      return runs
    }
  }

  @Test func containerBuildDryRunPrintsTheCallFromTheCheckoutAndAsksNoHub() async throws {
    let checkout = try await Checkout()
    defer { checkout.remove() }
    let commit = try await Checkout.git(["rev-parse", "HEAD"], in: checkout.work).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let cli = try InProcessCLI()
    defer { cli.removeHome() }
    let run = await cli.run(
      ["container-build", "-C", checkout.work, "--scratch", "--dry-run", "-o", "json"],
      programs: try await checkout.inspection())
    #expect(run.status == 0, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    #expect((report["source"] as? String)?.hasSuffix("#" + commit) == true, "\(run)")
    #expect(report["target"] as? String == "f25-container-candidate", "\(run)")
    #expect(report["gitBranch"] as? String == "f25", "\(run)")
    #expect(report["state"] as? String == "dry-run", "\(run)")
  }

  /// A changed tracked file stops the build before anything is sent: git status names it.
  @Test func containerBuildRefusesUncommittedChanges() async throws {
    let checkout = try await Checkout()
    defer { checkout.remove() }
    try "FROM fedora:26\n".write(toFile: checkout.work + "/Dockerfile", atomically: true, encoding: .utf8)
    var runs: [ExpectedProgram] = []
    for arguments in [
      ["rev-parse", "--show-toplevel"], ["rev-parse", "HEAD"],
      ["symbolic-ref", "--quiet", "--short", "HEAD"],
      ["status", "--porcelain", "--untracked-files=no"],
    ] {
      runs.append(try await checkout.recorded(arguments))
    }
    let cli = try InProcessCLI()
    defer { cli.removeHome() }
    let run = await cli.run(["container-build", "-C", checkout.work, "--scratch"], programs: runs)
    #expect(run.status != 0, "\(run)")
    #expect(run.stdout.isEmpty, "\(run)")
    #expect(run.stderr.contains("Dockerfile"), "\(run)")
  }

  /// The library says HEAD is detached; the command names the flag that builds a branch anyway.
  @Test func containerBuildOnADetachedHeadNamesItsBranchFlag() async throws {
    let checkout = try await Checkout()
    defer { checkout.remove() }
    try await Checkout.git(["checkout", "-q", "--detach"], in: checkout.work)
    var runs: [ExpectedProgram] = []
    for arguments in [
      ["rev-parse", "--show-toplevel"], ["rev-parse", "HEAD"],
      ["symbolic-ref", "--quiet", "--short", "HEAD"],
    ] {
      runs.append(try await checkout.recorded(arguments))
    }
    let cli = try InProcessCLI()
    defer { cli.removeHome() }
    let run = await cli.run(["container-build", "-C", checkout.work, "--dry-run"], programs: runs)
    #expect(run.status == 1, "\(run)")
    #expect(run.stdout.isEmpty, "\(run)")
    #expect(
      run.stderr == "error: HEAD is detached; check out a branch or name one with --git-branch\n", "\(run)")
  }
}
