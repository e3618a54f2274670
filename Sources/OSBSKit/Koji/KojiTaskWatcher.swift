import Foundation

/// Something that happened to a task in a watched tree.
public struct KojiTaskWatchEvent: Codable, Sendable, Equatable {
  public enum Kind: String, Codable, Sendable {
    /// First seen (a root on the first poll, or a child when it appears).
    case appeared
    /// Its state changed since the previous poll.
    case changed
  }

  public var kind: Kind
  public var task: KojiTaskInfo
  /// 0 for the tasks asked for, 1 for their children, …
  public var level: Int
  public var previousState: KojiTaskState?
  /// The builder the task runs on, when it has one.
  public var host: String?
  /// Why a failed task failed (the fault `getTaskResult` raises).
  public var failure: String?

  enum CodingKeys: String, CodingKey {
    case host = "hostName"
    case kind, task, level, previousState, failure
  }
}

/// Watches task trees with one `multiCall` per poll (a second one only when a task fails or lands on a
/// host not seen before, to fetch the reason and the host name).
public struct KojiTaskWatcher: Sendable {
  public let roots: [Int]
  public private(set) var tasks: [Int: KojiTaskInfo] = [:]
  public private(set) var levels: [Int: Int] = [:]
  public private(set) var failures: [Int: String] = [:]
  /// Hub requests made so far (for `bench` and `--debug`).
  public private(set) var hubRequests = 0
  public private(set) var polls = 0
  private var hostNames: [Int: String] = [:]
  /// Finished tasks whose children were listed after they finished: nothing more can appear under them.
  private var settled: Set<Int> = []

  public init(roots: [Int]) { self.roots = roots }

  /// Every task known and finished, and no child can appear any more.
  public var isFinished: Bool {
    !tasks.isEmpty && roots.allSatisfy { tasks[$0] != nil } && tasks.keys.allSatisfy { settled.contains($0) }
  }

  /// The tasks asked for that did not close successfully.
  public var unsuccessfulRoots: [Int] { roots.filter { tasks[$0]?.state != .closed } }

  public func hostName(_ id: Int?) -> String? { id.flatMap { hostNames[$0] } }

  /// Every task known has finished but some children lists are still to be read: poll again at once
  /// rather than after an interval (nothing will change on the hub in the meantime).
  public var needsImmediatePoll: Bool {
    !isFinished && roots.allSatisfy { tasks[$0] != nil } && tasks.values.allSatisfy(\.state.isFinished)
  }

  /// The log files of a failed task (names ending in "log"), read when it failed.
  public private(set) var failedTaskLogs: [Int: [String]] = [:]

  public mutating func poll(using session: KojiSession) async throws -> [KojiTaskWatchEvent] {
    polls += 1
    let unknownRoots = roots.filter { tasks[$0] == nil }
    let pending = unknownRoots + tasks.keys.filter { !(tasks[$0]!.state.isFinished) }.sorted()
    // A root's children are listed in the same multicall as its first getTaskInfo: when that says the task
    // finished, the listing that follows it is complete, so a finished tree needs no second round trip.
    let childLists = unknownRoots + tasks.keys.filter { !settled.contains($0) }.sorted()
    var calls = pending.map { XMLRPCCall("getTaskInfo", [.int(Int64($0))]) }
    calls += childLists.map { XMLRPCCall("getTaskChildren", [.int(Int64($0))]) }
    hubRequests += 1
    let results = try await session.multiCall(calls)

    var updates: [(info: KojiTaskInfo, level: Int)] = []
    for (index, id) in pending.enumerated() {
      let value = try results[index].get()
      if value.isNull { throw KojiError.noSuchTask(id) }
      updates.append((try KojiTaskInfo(xmlrpc: value), levels[id] ?? 0))
    }
    for (offset, parent) in childLists.enumerated() {
      let children = try results[pending.count + offset].get().arrayValue ?? []
      for child in children {
        let info = try KojiTaskInfo(xmlrpc: child)
        // A child already polled above carries the same or newer data.
        if !updates.contains(where: { $0.info.id == info.id }) {
          updates.append((info, (levels[parent] ?? 0) + 1))
        }
      }
      // Finished before its children were listed (in an earlier poll, or earlier in this multicall).
      let state = updates.first { $0.info.id == parent }?.info.state ?? tasks[parent]?.state
      if let state, state.isFinished { settled.insert(parent) }
    }

    try await fetchDetails(for: updates.map(\.info), using: session)

    var events: [KojiTaskWatchEvent] = []
    for (info, level) in updates {
      let previous = tasks[info.id]
      if previous?.state == info.state { continue }
      tasks[info.id] = info
      levels[info.id] = level
      events.append(
        KojiTaskWatchEvent(
          kind: previous == nil ? .appeared : .changed, task: info, level: level,
          previousState: previous?.state,
          host: hostName(info.hostID), failure: info.state == .failed ? failures[info.id] : nil))
    }
    return events
  }

  /// Host names and failure reasons, in one extra request only when something new needs them.
  private mutating func fetchDetails(for infos: [KojiTaskInfo], using session: KojiSession) async throws {
    let hosts = Set(infos.compactMap(\.hostID).filter { hostNames[$0] == nil }).sorted()
    let failed = infos.filter { $0.state == .failed && failures[$0.id] == nil }.map(\.id)
    guard !hosts.isEmpty || !failed.isEmpty else { return }
    var calls = hosts.map { XMLRPCCall("getHost", [.int(Int64($0))]) }
    calls += failed.map { XMLRPCCall("getTaskResult", [.int(Int64($0))]) }
    // The logs of a failed task, for the "Relevant logs" koji prints after the failure.
    calls += failed.map { XMLRPCCall("listTaskOutput", [.int(Int64($0))]) }
    hubRequests += 1
    let results = try await session.multiCall(calls)
    for (index, host) in hosts.enumerated() {
      hostNames[host] = (try? results[index].get())?["name"]?.stringValue ?? "host \(host)"
    }
    for (offset, id) in failed.enumerated() {
      switch results[hosts.count + offset] {
      case .failure(let fault): failures[id] = "\(fault.message) (fault \(fault.code))"
      case .success: failures[id] = "failed without a fault"
      }
      let files = (try? results[hosts.count + failed.count + offset].get())?.arrayValue ?? []
      failedTaskLogs[id] = files.compactMap(\.stringValue).filter { $0.hasSuffix("log") }.sorted()
    }
  }
}
