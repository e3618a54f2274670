import Foundation

/// What `ContainerBuildRun` says while it runs, for the caller to show as it happens.
public enum ContainerBuildProgress: Sendable {
  /// The hub created the task; `taskURL` is its page in the Koji web UI (nil without a `weburl`).
  case submitted(taskID: Int, taskURL: String?)
  case task(KojiTaskWatchEvent)
  case log(KojiLogChunk)
}

/// How a container build ended (or, with `--dry-run` or `--nowait`, how far it went).
public struct ContainerBuildOutcome: Sendable {
  public var report: ContainerBuildReport
  /// For `--dry-run`: the call as Python would write it.
  public var callText: String?
  /// The watched task tree, when the build was followed to its end: its failed tasks' logs explain a
  /// failure.
  public var watcher: KojiTaskWatcher?
  public var hub: KojiHubConfiguration?

  public var succeeded: Bool { report.error == nil }
}

/// The watch ended before the task did (Ctrl-C, an outage, a refused call): the task keeps running.
/// `report` carries what is known (the task id, its last state seen); `cause` is what ended the watch.
public struct ContainerBuildWatchEnded: Error {
  public var report: ContainerBuildReport
  public var cause: any Error
}

/// `container-build`: the dist-git checkout → its build target → `buildContainer` → the task followed to
/// its end → the repositories and Koji builds it made.
public struct ContainerBuildRun: Sendable {
  /// Opens a Koji session, logged in when asked (the submission) or anonymous.
  public typealias OpenSession =
    @Sendable (_ authenticated: Bool) async throws -> (KojiSession, KojiConnection)

  public var directory: String
  public var options: ContainerBuildOptions
  public var distGit: ResolvedDistGitSettings
  /// Build the request and submit nothing.
  public var dryRun = false
  /// Follow the task to its end (false: return once it is submitted).
  public var wait = true
  /// Tail the task logs while following.
  public var followLogs = true
  /// Between polls of the task tree; nil for the Koji profile's `poll_interval`.
  public var pollInterval: Duration?
  public var runner: any ProgramRunner
  public var openSession: OpenSession

  public init(
    directory: String, options: ContainerBuildOptions, distGit: ResolvedDistGitSettings,
    runner: any ProgramRunner = ProcessProgramRunner(), openSession: @escaping OpenSession
  ) {
    self.directory = directory
    self.options = options
    self.distGit = distGit
    self.runner = runner
    self.openSession = openSession
  }

  /// The exact `buildContainer` request for the checkout, and the branch it records.
  public func request() async throws -> (ContainerBuildRequest, branch: String) {
    try options.validate()
    let checkout = try await DistGitCheckout.inspect(
      directory: directory, gitBranch: options.gitBranch, runner: runner)
    let rule = BuildTargetRule(
      template: distGit.targetTemplate.value, branchTargets: distGit.branchTargets.mapValues(\.value))
    let branch = options.gitBranch ?? checkout.remoteBranch
    let request = ContainerBuildRequest(
      source: checkout.source(anonymousURLTemplate: distGit.anonURLTemplate.value),
      target: options.target ?? rule.target(forBranch: branch, namespace: checkout.remote.namespace),
      opts: options.kojiOpts(gitBranch: branch),
      priority: options.submissionPriority, channel: options.channel)
    return (request, branch)
  }

  /// Runs the build as far as asked and returns its outcome; a build that failed is an outcome (its
  /// report has the error), a watch that ended early is `ContainerBuildWatchEnded`.
  public func run(
    progress: (ContainerBuildProgress) async throws -> Void
  ) async throws -> ContainerBuildOutcome {
    let (request, branch) = try await request()
    var report = ContainerBuildReport(
      taskId: nil, taskUrl: nil, state: "dry-run", source: request.source, target: request.target,
      gitBranch: branch, scratch: options.scratch)
    if dryRun {
      report.call = request.callTree
      return ContainerBuildOutcome(report: report, callText: request.pythonText)
    }

    let (session, connection) = try await openSession(true)
    let submitter = ContainerBuildSubmitter(session: session)
    let preflight = try await submitter.preflight(request)
    let taskID = try await submitter.submit(request, preflight: preflight)
    report.taskId = taskID
    report.taskUrl = session.configuration.taskURL(taskID)
    report.state = "submitted"
    try await progress(.submitted(taskID: taskID, taskURL: report.taskUrl))
    // Watching needs no session: like koji, log out and watch anonymously, so a session the hub drops
    // (swept, or ended by CheckClientIP when the client's address changes) cannot end the watch.
    await session.logout()
    guard wait else { return ContainerBuildOutcome(report: report, hub: session.configuration) }

    let follow = KojiTaskFollow(
      session: session, roots: [taskID], pollInterval: pollInterval ?? connection.pollInterval,
      followLogs: followLogs)
    var lastState: String?
    let watcher: KojiTaskWatcher
    do {
      watcher = try await follow.run { event in
        switch event {
        case .task(let change):
          if change.task.id == taskID { lastState = change.task.state.name }
          try await progress(.task(change))
        case .log(let chunk): try await progress(.log(chunk))
        }
      }
    } catch {
      report.state = lastState ?? report.state
      throw ContainerBuildWatchEnded(report: report, cause: error)
    }

    let root = watcher.tasks[taskID]
    report.state = root?.state.name ?? "unknown"
    if root?.state == .closed {
      let output = try await KojiClient(session: session).containerOutput(taskID)
      report.repositories = output.repositories
      report.kojiBuilds = output.builds.map(\.id)
      if !output.builds.isEmpty { report.kojiBuildNVRs = output.builds.map { $0.nvr ?? String($0.id) } }
    } else {
      report.error = watcher.failures[taskID] ?? "task \(taskID) \(report.state)"
    }
    return ContainerBuildOutcome(report: report, watcher: watcher, hub: session.configuration)
  }
}
