/// The last object a watch writes when it ends before its tasks (an outage, a refused call, Ctrl-C): the
/// tasks, what ended it and the command that picks the watch up again, so a script never loses the id.
public struct KojiWatchEnded: Codable, Sendable, Equatable {
  /// The first task watched (the one `container-build` submitted).
  public var taskId: Int
  public var taskIds: [Int]
  public var error: String
  public var resumeCommand: String

  public init(taskIds: [Int], error: String, resumeCommand: String) {
    self.taskId = taskIds.first ?? 0
    self.taskIds = taskIds
    self.error = error
    self.resumeCommand = resumeCommand
  }
}

/// Something `KojiTaskFollow` saw.
public enum KojiFollowEvent: Sendable {
  case task(KojiTaskWatchEvent)
  case log(KojiLogChunk)
}

/// Watches task trees to the end, optionally tailing their logs: each round is one watcher poll (one
/// multicall) and, with logs, one listing multicall plus the downloads of what grew.
public struct KojiTaskFollow: Sendable {
  public var session: KojiSession
  public var roots: [Int]
  public var pollInterval: Duration
  public var followLogs: Bool
  public var logNames: Set<String>?

  public init(
    session: KojiSession, roots: [Int], pollInterval: Duration, followLogs: Bool, logNames: Set<String>? = nil
  ) {
    self.session = session
    self.roots = roots
    self.pollInterval = pollInterval
    self.followLogs = followLogs
    self.logNames = logNames
  }

  /// Runs until every task in the trees finished; returns the final tree.
  @discardableResult
  public func run(_ handle: (KojiFollowEvent) async throws -> Void) async throws -> KojiTaskWatcher {
    var watcher = KojiTaskWatcher(roots: roots)
    var follower = KojiTaskLogFollower(logNames: logNames)
    while true {
      let events = try await watcher.poll(using: session)
      // A task's last log lines come before the line that says it finished: its logs are read after its
      // state, and its end is reported after them.
      let (endings, others) = (
        events.filter { $0.task.state.isFinished }, events.filter { !$0.task.state.isFinished }
      )
      for event in others { try await handle(.task(event)) }
      if followLogs {
        try await follower.poll(tasks: watcher.tasks.keys.sorted(), using: session) {
          try await handle(.log($0))
        }
      }
      for event in endings { try await handle(.task(event)) }
      if watcher.isFinished { return watcher }
      if !watcher.needsImmediatePoll { try await Task.sleep(for: pollInterval) }
    }
  }

  /// The logs as they are now, of the tasks and their descendants (no waiting for them to finish).
  public func snapshot(_ handle: (KojiLogChunk) async throws -> Void) async throws {
    var watcher = KojiTaskWatcher(roots: roots)
    var known = -1
    // Each poll reveals one more level of children; stop when nothing new appears.
    while watcher.tasks.count != known && !watcher.isFinished {
      known = watcher.tasks.count
      _ = try await watcher.poll(using: session)
    }
    var follower = KojiTaskLogFollower(logNames: logNames)
    try await follower.poll(tasks: watcher.tasks.keys.sorted(), using: session, emit: handle)
  }
}
