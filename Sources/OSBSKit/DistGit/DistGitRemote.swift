/// The `namespace/name` a dist-git remote URL points at, as rpkg derives it: the last path element is the
/// repository (minus `.git`), the one before it the namespace (`container`, `docker`, `rpms`…).
public struct DistGitRemote: Sendable, Equatable, Codable {
  public var namespace: String
  public var name: String

  public init(namespace: String, name: String) {
    self.namespace = namespace
    self.name = name
  }

  /// Accepts URLs (`https://`, `ssh://`, `git://`, `file://`), scp-style `user@host:path` and plain paths.
  public init(url: String) throws {
    let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw DistGitError.unparsableRemote(url) }
    var path: Substring
    if let schemeEnd = trimmed.range(of: "://") {
      let afterScheme = trimmed[schemeEnd.upperBound...]
      if trimmed.hasPrefix("file://") {
        path = afterScheme
      } else {
        guard let slash = afterScheme.firstIndex(of: "/") else { throw DistGitError.unparsableRemote(url) }
        path = afterScheme[slash...]
      }
    } else if let colon = trimmed.firstIndex(of: ":"), !trimmed.hasPrefix("/"),
      !trimmed[..<colon].contains("/")
    {
      path = trimmed[trimmed.index(after: colon)...]  // user@host:namespace/name.git
    } else {
      path = Substring(trimmed)
    }
    if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
    var parts = path.split(separator: "/").map(String.init)
    guard var last = parts.popLast(), !last.isEmpty else { throw DistGitError.unparsableRemote(url) }
    if last.hasSuffix(".git") { last.removeLast(4) }
    guard !last.isEmpty else { throw DistGitError.unparsableRemote(url) }
    name = last
    namespace = parts.last ?? "rpms"
  }

  /// Fills `{namespace}` and `{name}` (and `{repo}` = `namespace/name`) in a URL template.
  public func expand(_ template: String) -> String {
    template.replacingOccurrences(of: "{namespace}", with: namespace)
      .replacingOccurrences(of: "{name}", with: name)
      .replacingOccurrences(of: "{repo}", with: "\(namespace)/\(name)")
  }
}

public enum DistGitError: ClassifiedError, Equatable {
  /// The directory to build from (`-C`) does not exist or is not a directory.
  case noSuchDirectory(String)
  case notACheckout(String)
  case noDockerfile(String)
  case detachedHead
  case noTrackingBranch(String)
  case uncommittedChanges([String])
  case unpushedCommits(branch: String, commits: [String])
  /// HEAD lacks commits the remote branch has: what would be built is older than what was pushed.
  case behindRemote(branch: String, commits: Int)
  case unparsableRemote(String)
  case git(String)

  public var failureKind: FailureKind {
    switch self {
    case .notACheckout, .noDockerfile, .unparsableRemote: .usage
    case .noSuchDirectory: .notFound
    default: .operationFailed
    }
  }

  public var description: String {
    switch self {
    case .noSuchDirectory(let directory):
      "\(directory): no such directory"
    case .notACheckout(let directory):
      "\(directory) is not inside a git checkout; run container-build in a dist-git clone"
    case .noDockerfile(let directory):
      "there is no Dockerfile in \(directory); a container build needs one at the top of the repository"
    case .detachedHead:
      "HEAD is detached; check out a branch or name the branch to build"
    case .noTrackingBranch(let branch):
      "branch '\(branch)' tracks no remote branch; push it with `git push -u origin \(branch)`"
    case .uncommittedChanges(let files):
      "uncommitted changes to tracked files (\(files.prefix(5).joined(separator: ", "))"
        + (files.count > 5 ? ", …" : "") + "); commit and push them first"
    case .unpushedCommits(let branch, let commits):
      "\(counted(commits.count, "commit")) not pushed to \(branch); push before building:\n"
        + commits.prefix(10).map { "  \($0)" }.joined(separator: "\n")
    case .behindRemote(let branch, let commits):
      "the checkout is \(counted(commits, "commit")) behind \(branch): pull first, or the build would be of an "
        + "older commit than the branch has"
    case .unparsableRemote(let url):
      "cannot tell namespace and name from the remote URL '\(SecretRedactor.redact(url: url))'"
    case .git(let message):
      "git: \(message)"
    }
  }
}
