import Foundation

/// What a container build needs to know about a dist-git checkout.
public struct DistGitCheckout: Sendable, Equatable, Codable {
  public var topLevel: String
  public var commit: String
  /// The local branch checked out.
  public var localBranch: String
  /// The remote branch it tracks (`branch.<local>.merge` without `refs/heads/`): koji's `git_branch`.
  public var remoteBranch: String
  public var remoteName: String
  public var remoteURL: String
  public var remote: DistGitRemote

  /// Reads the checkout and refuses what would build something other than what was pushed: no Dockerfile,
  /// changes to tracked files, commits the remote does not have.
  public static func inspect(
    directory: String, gitBranch: String? = nil, runner: any ProgramRunner
  ) async throws -> DistGitCheckout {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
    else { throw DistGitError.noSuchDirectory(directory) }
    let git = GitInvoker(runner: runner, directory: directory)
    guard let topLevel = try? await git.line(["rev-parse", "--show-toplevel"]) else {
      throw DistGitError.notACheckout(directory)
    }
    guard FileManager.default.fileExists(atPath: topLevel + "/Dockerfile") else {
      throw DistGitError.noDockerfile(topLevel)
    }
    let commit = try await git.line(["rev-parse", "HEAD"])
    let symbolic = try? await git.line(["symbolic-ref", "--quiet", "--short", "HEAD"])
    guard let localBranch = symbolic ?? gitBranch else { throw DistGitError.detachedHead }

    let dirty = try await git.output(["status", "--porcelain", "--untracked-files=no"])
    let changed = dirty.split(separator: "\n").map { String($0.dropFirst(3)) }
    if !changed.isEmpty { throw DistGitError.uncommittedChanges(changed) }

    let remoteName: String
    if let configured = try? await git.line(["config", "--get", "branch.\(localBranch).remote"]) {
      remoteName = configured
    } else {
      remoteName = try await defaultRemote(git)
    }
    let merge = try? await git.line(["config", "--get", "branch.\(localBranch).merge"])
    guard let merge else {
      if let gitBranch {
        return try await unverified(git, topLevel, commit, localBranch, gitBranch, remoteName)
      }
      throw DistGitError.noTrackingBranch(localBranch)
    }
    let remoteBranch = merge.hasPrefix("refs/heads/") ? String(merge.dropFirst(11)) : merge
    let unpushed = try await git.output(["rev-list", "--oneline", "\(remoteName)/\(remoteBranch)..HEAD"])
      .split(separator: "\n").map(String.init)
    if !unpushed.isEmpty {
      throw DistGitError.unpushedCommits(branch: "\(remoteName)/\(remoteBranch)", commits: unpushed)
    }
    // fedpkg refuses a checkout whose branch and upstream differ either way (`git rev-list A...B`).
    let behind = try await git.line(["rev-list", "--count", "HEAD..\(remoteName)/\(remoteBranch)"])
    if let count = Int(behind), count > 0 {
      throw DistGitError.behindRemote(branch: "\(remoteName)/\(remoteBranch)", commits: count)
    }
    // `--git-branch` names the branch Koji records and the target comes from: the commit must be there too.
    if let gitBranch, gitBranch != remoteBranch {
      try await requireOnRemoteBranch(git, commit, remoteName, gitBranch)
    }
    let remoteURL = try await git.line(["remote", "get-url", remoteName])
    return DistGitCheckout(
      topLevel: topLevel, commit: commit, localBranch: localBranch, remoteBranch: gitBranch ?? remoteBranch,
      remoteName: remoteName, remoteURL: remoteURL, remote: try DistGitRemote(url: remoteURL))
  }

  private static func unverified(
    _ git: GitInvoker, _ topLevel: String, _ commit: String, _ localBranch: String, _ gitBranch: String,
    _ remoteName: String
  ) async throws -> DistGitCheckout {
    // With --git-branch and no tracking branch, check the commit is on the named remote branch instead.
    try await requireOnRemoteBranch(git, commit, remoteName, gitBranch)
    let remoteURL = try await git.line(["remote", "get-url", remoteName])
    return DistGitCheckout(
      topLevel: topLevel, commit: commit, localBranch: localBranch, remoteBranch: gitBranch,
      remoteName: remoteName, remoteURL: remoteURL, remote: try DistGitRemote(url: remoteURL))
  }

  private static func requireOnRemoteBranch(
    _ git: GitInvoker, _ commit: String, _ remoteName: String, _ branch: String
  ) async throws {
    let contains = try await git.output(["branch", "-r", "--contains", commit])
    guard
      contains.split(separator: "\n").contains(where: {
        $0.trimmingCharacters(in: .whitespaces) == "\(remoteName)/\(branch)"
      })
    else {
      throw DistGitError.unpushedCommits(branch: "\(remoteName)/\(branch)", commits: [commit])
    }
  }

  /// The remote of a branch that names none (detached, or no upstream): the checkout's only remote, as
  /// `git clone -o NAME` leaves it, else `origin`.
  private static func defaultRemote(_ git: GitInvoker) async throws -> String {
    let remotes = try await git.output(["remote"]).split(separator: "\n").map(String.init)
    return remotes.count == 1 ? remotes[0] : "origin"
  }

  /// `git+<anonymous URL>#<commit>`: what Koji's builder clones.
  public func source(anonymousURLTemplate: String) -> String {
    "git+\(remote.expand(anonymousURLTemplate))#\(commit)"
  }
}

/// Derives the Koji build target from the branch the way fedpkg does, with configurable overrides:
/// `{branch}` and `{namespace}` (the dist-git namespace, `container` on Fedora today, `docker` before)
/// are substituted in the template and in the per-branch targets.
public struct BuildTargetRule: Sendable, Equatable {
  public var template: String
  public var branchTargets: [String: String]

  public static let fedora = BuildTargetRule(
    template: BuiltInDefaults.targetTemplate, branchTargets: BuiltInDefaults.branchTargets)

  public init(template: String, branchTargets: [String: String]) {
    self.template = template
    self.branchTargets = branchTargets
  }

  public func target(forBranch branch: String, namespace: String = "container") -> String {
    (branchTargets[branch] ?? template)
      .replacingOccurrences(of: "{branch}", with: branch)
      .replacingOccurrences(of: "{namespace}", with: namespace)
  }
}

struct GitInvoker {
  let runner: any ProgramRunner
  let directory: String

  func output(_ arguments: [String]) async throws -> String {
    let result = try await runner.run("git", arguments, workingDirectory: directory)
    guard result.status == 0 else {
      throw DistGitError.git(
        "git \(arguments.joined(separator: " ")) failed: \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))"
      )
    }
    return result.stdout
  }

  func line(_ arguments: [String]) async throws -> String {
    let text = try await output(arguments).trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else {
      throw DistGitError.git("git \(arguments.joined(separator: " ")) printed nothing")
    }
    return text
  }
}
