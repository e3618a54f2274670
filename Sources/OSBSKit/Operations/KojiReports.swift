import Foundation

/// One line of a task log, for `task logs -o json`.
public struct KojiLogLine: Codable, Sendable, Equatable {
  public var task: Int
  public var log: String
  public var line: String

  enum CodingKeys: String, CodingKey {
    case task = "taskId"
    case log, line
  }

  public init(task: Int, log: String, line: String) {
    self.task = task
    self.log = log
    self.line = line
  }
}

/// `task info`.
/// A Koji build a task made: `koji_builds` in the task's result, with the NVR the hub has for it.
public struct KojiBuildReference: Codable, Sendable, Equatable {
  public var id: Int
  /// `name-version-release`; nil when the hub has no such build (yet).
  public var nvr: String?

  enum CodingKeys: String, CodingKey {
    case id = "kojiBuildId"
    case nvr
  }

  public init(id: Int, nvr: String?) {
    self.id = id
    self.nvr = nvr
  }
}

public struct KojiTaskReport: Codable, Sendable, Equatable {
  public var task: KojiTaskInfo
  /// The Koji builds the task made (a buildContainer's `koji_builds`), with their NVRs; nil when none.
  public var builds: [KojiBuildReference]?
  public var label: String
  public var host: String?
  public var owner: String?
  public var children: [KojiTaskInfo]
  public var logs: [String]
  public var result: JSONTree?
  public var failure: String?
  public var url: String?

  enum CodingKeys: String, CodingKey {
    case builds = "kojiBuilds"
    case host = "hostName"
    case owner = "ownerName"
    case task, label, children, logs, result, failure, url
  }

  public init(
    task: KojiTaskInfo, host: String?, owner: String?, children: [KojiTaskInfo], logs: [String],
    result: JSONTree?, failure: String?, url: String?
  ) {
    self.task = task
    self.label = task.displayLabel
    self.host = host
    self.owner = owner
    self.children = children
    self.logs = logs
    self.result = result?.camelCasedKeys
    self.failure = failure
    self.url = url
  }
}

/// `task cancel`: one multicall, each task's own outcome.
/// `task cancel`: what happened to each task, read back from the hub (its `cancelTask` answers nil
/// whatever the task's state, so only the state afterwards tells a cancellation from a no-op).
public struct KojiCancelReport: Codable, Sendable, Equatable {
  public enum Outcome: String, Codable, Sendable, Equatable {
    /// The task was open, free or assigned and is canceled now.
    case cancelled
    /// The task had already finished (closed, failed or canceled): nothing to cancel.
    case alreadyClosed = "already-closed"
    /// Dry run: the task is running and would be cancelled.
    case wouldCancel = "would-cancel"
    case notFound = "not-found"
    /// The hub refused the call (not the owner, no permission); `error` has its fault.
    case refused
    /// The hub accepted the call but the task still runs.
    case notCancelled = "not-cancelled"
  }

  public struct Item: Codable, Sendable, Equatable {
    public var taskId: Int
    public var outcome: Outcome
    /// The task's state before the request (absent for a task that does not exist).
    public var stateBefore: KojiTaskState?
    /// The state read back afterwards (absent on a dry run and where nothing was sent).
    public var stateAfter: KojiTaskState?
    public var error: String?
    /// The hub's fault code when it refused.
    public var faultCode: Int?

    public init(
      taskId: Int, outcome: Outcome, stateBefore: KojiTaskState? = nil, stateAfter: KojiTaskState? = nil,
      error: String? = nil, faultCode: Int? = nil
    ) {
      self.taskId = taskId
      self.outcome = outcome
      self.stateBefore = stateBefore
      self.stateAfter = stateAfter
      self.error = error
      self.faultCode = faultCode
    }
  }

  /// True for `--dry-run`: nothing was sent but reads.
  public var dryRun: Bool
  public var tasks: [Item]

  public init(dryRun: Bool, tasks: [Item]) {
    self.dryRun = dryRun
    self.tasks = tasks
  }

  /// Why the command did not fully succeed, the gravest first: a permission refusal, a missing task,
  /// then a task still running. nil when every task is canceled or was already finished (or would be
  /// cancelled).
  public var failureKind: FailureKind? {
    let refusals = tasks.filter { $0.outcome == .refused }
    if refusals.contains(where: {
      KojiError.kind(of: XMLRPCFault(code: $0.faultCode ?? 0, message: "")) == .authentication
    }) {
      return .authentication
    }
    if tasks.contains(where: { $0.outcome == .notFound }) { return .notFound }
    if tasks.contains(where: { $0.outcome == .refused || $0.outcome == .notCancelled }) {
      return .operationFailed
    }
    return nil
  }
}

/// `koji whoami`.
public struct KojiIdentity: Codable, Sendable, Equatable {
  public var hub: String
  public var profile: String
  public var user: String?
  public var userID: Int?
  /// How the hub says this session authenticated: password, kerberos, ssl, gssapi; anonymous when not logged in.
  public var authentication: String
  public var kerberosPrincipal: String?
  public var permissions: [String]

  enum CodingKeys: String, CodingKey {
    case userID = "userId"
    case hub, profile, user, authentication, kerberosPrincipal, permissions
  }

  public init(
    hub: String, profile: String, user: String?, userID: Int?, authentication: String,
    kerberosPrincipal: String?,
    permissions: [String]
  ) {
    self.hub = hub
    self.profile = profile
    self.user = user
    self.userID = userID
    self.authentication = authentication
    self.kerberosPrincipal = kerberosPrincipal
    self.permissions = permissions
  }

  /// koji.AUTHTYPES.
  public static func authenticationName(_ code: Int64?) -> String {
    switch code {
    case 0: "password"
    case 1: "kerberos"
    case 2: "ssl"
    case 3: "gssapi"
    default: "unknown"
    }
  }
}

/// `container-build`: what was submitted and how it ended.
public struct ContainerBuildReport: Codable, Sendable, Equatable {
  public var taskId: Int?
  public var taskUrl: String?
  /// Last known task state, or `dry-run` / `submitted` (with --nowait).
  public var state: String
  public var source: String
  public var target: String
  public var gitBranch: String
  public var scratch: Bool
  public var repositories: [String]
  public var kojiBuilds: [Int]
  /// The NVRs (`name-version-release`) of `kojiBuilds`, in the same order; nil when there are none.
  public var kojiBuildNVRs: [String]?
  public var error: String?
  /// When the watch ended before the task did: the command that resumes it.
  public var resumeCommand: String?
  /// The exact call, for --dry-run, with Koji's option names in camelCase (`gitBranch`).
  public var call: JSONTree? {
    didSet { call = call?.camelCasedKeys }
  }

  enum CodingKeys: String, CodingKey {
    case taskUrl = "taskURL"
    case kojiBuilds = "kojiBuildIds"
    case taskId, state, source, target, gitBranch, scratch, repositories, kojiBuildNVRs, error
    case resumeCommand, call
  }

  public init(
    taskId: Int?, taskUrl: String?, state: String, source: String, target: String, gitBranch: String,
    scratch: Bool,
    repositories: [String] = [], kojiBuilds: [Int] = [], error: String? = nil, call: JSONTree? = nil
  ) {
    self.taskId = taskId
    self.taskUrl = taskUrl
    self.state = state
    self.source = source
    self.target = target
    self.gitBranch = gitBranch
    self.scratch = scratch
    self.repositories = repositories
    self.kojiBuilds = kojiBuilds
    self.error = error
    self.call = call?.camelCasedKeys
  }
}
