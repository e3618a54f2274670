import Foundation
import Testing

@testable import OSBSKit

@Suite("dist-git remotes and target derivation")
struct DistGitRemoteTests {
  @Test(arguments: [
    ("https://src.fedoraproject.org/container/cockpit.git", "container", "cockpit"),
    ("ssh://jdoe@pkgs.fedoraproject.org/container/cockpit", "container", "cockpit"),
    ("jdoe@pkgs.fedoraproject.org:docker/cockpit.git", "docker", "cockpit"),
    ("git://pkgs.example.org/rpms/bash", "rpms", "bash"),
    ("file:///srv/git/container/hello-world.git", "container", "hello-world"),
    ("/srv/git/container/hello-world.git/", "container", "hello-world"),
    ("https://pkgs.example.org/cockpit.git", "rpms", "cockpit"),
  ])
  func namespaceAndNameComeFromTheLastTwoPathElements(url: String, namespace: String, name: String) throws {
    let remote = try DistGitRemote(url: url)
    #expect(remote == DistGitRemote(namespace: namespace, name: name))
  }

  @Test(arguments: ["", "https://host", "https://host/", "x.git/.git"])
  func unparsableRemotesAreUsageErrors(url: String) {
    #expect(throws: DistGitError.self) { try DistGitRemote(url: url) }
  }

  @Test func templatesExpand() {
    let remote = DistGitRemote(namespace: "container", name: "cockpit")
    #expect(
      remote.expand("https://src.fedoraproject.org/{namespace}/{name}.git")
        == "https://src.fedoraproject.org/container/cockpit.git")
    #expect(remote.expand("https://h/{repo}") == "https://h/container/cockpit")
  }

  @Test func targetsFollowFedoraBranchRules() {
    let rule = BuildTargetRule.fedora
    #expect(rule.target(forBranch: "f45") == "f45-container-candidate")
    #expect(rule.target(forBranch: "main") == "rawhide-container-candidate")
    #expect(rule.target(forBranch: "master") == "rawhide-container-candidate")
    // rpkg's `<branch>-<namespace>-candidate`: Fedora's container images lived under docker/ until 2017.
    #expect(rule.target(forBranch: "f26", namespace: "docker") == "f26-docker-candidate")
    #expect(rule.target(forBranch: "main", namespace: "docker") == "rawhide-docker-candidate")
    let custom = BuildTargetRule(template: "{branch}-candidate", branchTargets: ["epel9": "epel9-special"])
    #expect(custom.target(forBranch: "epel9") == "epel9-special")
    #expect(custom.target(forBranch: "f40") == "f40-candidate")
  }
}

/// Real git repositories in a temporary directory: a bare origin and a clone.
struct GitSandbox {
  let root: URL
  let origin: URL
  let checkout: URL

  init() async throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("distgit-\(UUID().uuidString)")
    origin = root.appendingPathComponent("git/container/cockpit.git")
    checkout = root.appendingPathComponent("cockpit")
    try FileManager.default.createDirectory(at: origin, withIntermediateDirectories: true)
    try await git(["init", "-q", "--bare", origin.path], in: root)
    try await git(["clone", "-q", origin.path, checkout.path], in: root)
    try await git(["checkout", "-q", "-b", "f45"])
    try "FROM fedora:45\n".write(
      to: checkout.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
    try await git(["add", "Dockerfile"])
    try await commit("Initial")
    try await git(["push", "-q", "-u", "origin", "f45"])
  }

  @discardableResult
  func git(_ arguments: [String], in directory: URL? = nil) async throws -> String {
    let output = try await ProcessProgramRunner().run(
      "git", ["-c", "user.name=Test", "-c", "user.email=test@example.org"] + arguments,
      workingDirectory: (directory ?? checkout).path)
    guard output.status == 0 else { throw DistGitError.git(output.stderr) }
    return output.stdout
  }

  func commit(_ message: String) async throws {
    try await git(["commit", "-q", "--allow-empty", "-m", message])
  }

  func head() async throws -> String {
    try await git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func inspect(gitBranch: String? = nil) async throws -> DistGitCheckout {
    try await DistGitCheckout.inspect(
      directory: checkout.path, gitBranch: gitBranch, runner: ProcessProgramRunner())
  }
}

@Suite("dist-git checkouts, with real git")
struct DistGitCheckoutTests {
  @Test func aPushedCheckoutGivesSourceAndBranch() async throws {
    let repo = try await GitSandbox()
    let checkout = try await repo.inspect()
    let head = try await repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(checkout.commit == head)
    #expect(checkout.remoteBranch == "f45")
    #expect(checkout.remote == DistGitRemote(namespace: "container", name: "cockpit"))
    #expect(
      checkout.source(anonymousURLTemplate: "https://src.fedoraproject.org/{namespace}/{name}.git")
        == "git+https://src.fedoraproject.org/container/cockpit.git#\(head)")
  }

  @Test func unpushedCommitsAreNamed() async throws {
    let repo = try await GitSandbox()
    try await repo.commit("Not pushed yet")
    await #expect(throws: DistGitError.self) { try await repo.inspect() }
    do {
      _ = try await repo.inspect()
    } catch let DistGitError.unpushedCommits(branch, commits) {
      #expect(branch == "origin/f45")
      #expect(commits.count == 1)
      #expect(commits.first?.hasSuffix("Not pushed yet") == true)
      #expect(
        DistGitError.unpushedCommits(branch: branch, commits: commits).description
          .hasPrefix("1 commit not pushed to origin/f45;"))
    }
    try await repo.commit("Nor this")
    do {
      _ = try await repo.inspect()
      Issue.record("two unpushed commits were accepted")
    } catch let error as DistGitError {
      #expect(error.description.hasPrefix("2 commits not pushed to origin/f45;"), "\(error)")
    }
  }

  /// fedpkg refuses a branch that differs from its upstream either way: a checkout behind the remote
  /// would build an older commit than the branch has.
  @Test func aCheckoutBehindItsUpstreamIsRefused() async throws {
    let repo = try await GitSandbox()
    try await repo.commit("Pushed, then dropped locally")
    try await repo.git(["push", "-q"])
    try await repo.git(["reset", "-q", "--hard", "HEAD~1"])
    await #expect(throws: DistGitError.behindRemote(branch: "origin/f45", commits: 1)) {
      try await repo.inspect()
    }
    #expect(
      DistGitError.behindRemote(branch: "origin/f45", commits: 1).description
        .hasPrefix("the checkout is 1 commit behind origin/f45: pull first"))
  }

  @Test func anUnparsableRemoteIsNamedWithoutItsPassword() {
    let error = DistGitError.unparsableRemote("https://oauth2:glpat-secret@gitlab.example.com")
    #expect(!error.description.contains("glpat-secret"), "\(error)")
    #expect(error.description.contains("gitlab.example.com"), "\(error)")
  }

  @Test func changesToTrackedFilesAreRefused() async throws {
    let repo = try await GitSandbox()
    try "FROM fedora:46\n".write(
      to: repo.checkout.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
    await #expect(throws: DistGitError.uncommittedChanges(["Dockerfile"])) { try await repo.inspect() }
  }

  @Test func untrackedFilesAreAllowed() async throws {
    let repo = try await GitSandbox()
    try "scratch".write(
      to: repo.checkout.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    _ = try await repo.inspect()
  }

  @Test func aCheckoutWithoutDockerfileIsRefused() async throws {
    let repo = try await GitSandbox()
    try await repo.git(["rm", "-q", "Dockerfile"])
    try await repo.commit("Remove Dockerfile")
    try await repo.git(["push", "-q"])
    await #expect(throws: DistGitError.noDockerfile(repo.checkout.path)) { try await repo.inspect() }
  }

  @Test func aDirectoryOutsideGitIsRefused() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plain-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    await #expect(throws: DistGitError.notACheckout(directory.path)) {
      try await DistGitCheckout.inspect(directory: directory.path, runner: ProcessProgramRunner())
    }
  }

  @Test func aMissingDirectoryOrAFileIsNoSuchDirectory() async throws {
    let missing = "/nonexistent-\(UUID().uuidString)"
    await #expect(throws: DistGitError.noSuchDirectory(missing)) {
      try await DistGitCheckout.inspect(directory: missing, runner: ProcessProgramRunner())
    }
    #expect(DistGitError.noSuchDirectory(missing).description == "\(missing): no such directory")
    #expect(DistGitError.noSuchDirectory(missing).failureKind == .notFound)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("file-\(UUID().uuidString)")
    try Data("x".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    await #expect(throws: DistGitError.noSuchDirectory(file.path)) {
      try await DistGitCheckout.inspect(directory: file.path, runner: ProcessProgramRunner())
    }
  }

  @Test func aBranchWithoutUpstreamIsRefused() async throws {
    let repo = try await GitSandbox()
    try await repo.git(["checkout", "-q", "-b", "local-only"])
    await #expect(throws: DistGitError.noTrackingBranch("local-only")) { try await repo.inspect() }
  }

  /// `--git-branch` is the branch Koji records and the target comes from; a pushed upstream does not
  /// vouch for it.
  @Test func gitBranchMustHoldTheCommitEvenWhenTheUpstreamDoes() async throws {
    let repo = try await GitSandbox()
    let head = try await repo.head()
    await #expect(throws: DistGitError.unpushedCommits(branch: "origin/f46", commits: [head])) {
      try await repo.inspect(gitBranch: "f46")
    }
    try await repo.git(["push", "-q", "origin", "HEAD:f46"])
    let checkout = try await repo.inspect(gitBranch: "f46")
    #expect(checkout.remoteBranch == "f46")
    #expect(checkout.localBranch == "f45")
  }

  /// A clone made with `git clone -o upstream` has no `origin`; a detached checkout of it uses its one
  /// remote.
  @Test func aDetachedCheckoutUsesTheOnlyRemoteWhateverItsName() async throws {
    let repo = try await GitSandbox()
    try await repo.git(["remote", "rename", "origin", "upstream"])
    try await repo.git(["branch", "--unset-upstream", "f45"])
    try await repo.git(["checkout", "-q", "--detach"])
    let checkout = try await repo.inspect(gitBranch: "f45")
    #expect(checkout.remoteName == "upstream")
    #expect(checkout.remoteBranch == "f45")
    let head = try await repo.head()
    #expect(checkout.commit == head)
    try await repo.git(["remote", "add", "other", repo.origin.path])
    await #expect(throws: DistGitError.unpushedCommits(branch: "origin/f45", commits: [head])) {
      try await repo.inspect(gitBranch: "f45")
    }
  }
}

@Suite("Recorded command runner")
struct RecordedProgramRunnerTests {
  @Test func unrecordedInvocationsFail() async throws {
    let runner = RecordedProgramRunner([
      .init("git", ["rev-parse", "HEAD"], ProgramOutput(status: 0, stdout: "abc\n"))
    ])
    #expect(try await runner.run("git", ["rev-parse", "HEAD"], workingDirectory: nil).stdout == "abc\n")
    await #expect(throws: ExternalCommandError.self) {
      try await runner.run("git", ["status"], workingDirectory: nil)
    }
  }
}
