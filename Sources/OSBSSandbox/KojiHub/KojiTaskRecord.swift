import Foundation
import OSBSKit

/// koji.TASK_STATES.
enum HubTaskState: Int, Sendable, Codable, CaseIterable {
  case free = 0
  case open = 1
  case closed = 2
  case canceled = 3
  case assigned = 4
  case failed = 5

  var name: String {
    switch self {
    case .free: "FREE"
    case .open: "OPEN"
    case .closed: "CLOSED"
    case .canceled: "CANCELED"
    case .assigned: "ASSIGNED"
    case .failed: "FAILED"
    }
  }

  var isFinished: Bool { self == .closed || self == .canceled || self == .failed }
}

/// One file in a task's output directory.
struct KojiTaskFile: Sendable {
  enum Content: Sendable {
    /// Written at once, e.g. `openshift-incremental.log`'s head.
    case fixed([UInt8])
    /// Grows from `growthStart` until the task finishes; `bytesPerSecond` nil spreads it evenly.
    case growing(SimulatedLog, bytesPerSecond: Double?)
    /// `head` from `appearsAt`, then `whole` (which starts with `head`) from `growthEnd`: a log such as
    /// `osbs-client.log` that says what was started at once and how it ended at the end.
    case staged(head: [UInt8], whole: [UInt8])
  }

  var content: Content
  var appearsAt: Date
  var growthStart: Date
  var growthEnd: Date
  /// Where `listTaskOutput` lists the file: by rank, then by name (a builder's upload order).
  var rank = 0

  /// Size and modification time as seen at `now`, for a task whose output stops at `frozenAt`.
  func visible(now: Date, frozenAt: Date?) -> (size: Int, mtime: Date)? {
    let seen = frozenAt.map { min($0, now) } ?? now
    guard seen >= appearsAt else { return nil }
    switch content {
    case .fixed(let bytes):
      return (bytes.count, appearsAt)
    case .staged(let head, let whole):
      return seen >= growthEnd ? (whole.count, growthEnd) : (head.count, appearsAt)
    case .growing(let log, let bytesPerSecond):
      if seen >= growthEnd { return (log.totalSize, growthEnd) }
      let elapsed = seen.timeIntervalSince(growthStart)
      let size: Int
      if let bytesPerSecond {
        size = log.visibleSize(elapsed: elapsed, bytesPerSecond: bytesPerSecond)
      } else {
        let span = growthEnd.timeIntervalSince(growthStart)
        size = log.visibleSize(fraction: span > 0 ? elapsed / span : 1)
      }
      return (size, seen)
    }
  }

  func bytes(in range: Range<Int>) -> [UInt8] {
    switch content {
    case .fixed(let bytes), .staged(_, let bytes):
      let lower = min(max(0, range.lowerBound), bytes.count)
      let upper = min(max(lower, range.upperBound), bytes.count)
      return Array(bytes[lower..<upper])
    case .growing(let log, _):
      return log.bytes(in: range)
    }
  }
}

/// A task as stored: its whole simulated future is decided when it is created, and what a client sees
/// is computed from the hub clock (`snapshot(at:)`), so no timers run inside the hub.
struct KojiTaskRecord: Sendable {
  enum Result: Sendable {
    case success(XMLRPCValue)
    case failure(XMLRPCFault)
  }

  var id: Int
  var method: String
  var arch: String
  var label: String?
  var parent: Int?
  var owner: Int
  var channelID: Int
  var priority: Int
  /// The positional parameters the task was made with (`make_task(method, arglist)`).
  var request: [XMLRPCValue]
  var hostID: Int
  var createdAt: Date
  var openAt: Date
  var finishAt: Date
  var result: Result
  var files: [String: KojiTaskFile]
  var canceledAt: Date?
  /// Children wait for their parent; parents wait for children.
  var hasChildren = false
  var osbsBuildName: String?
  var kojiBuildID: Int?
  /// The run is a Tekton PipelineRun (koji-containerbuild 1.4.0): no OpenShift Build mirrors it.
  var runsOnTekton = false
  /// The pipeline task a failing kcb140 run fails in (its fault and logs name it).
  var failedPipelineTask: String?
  /// The error line its failing step writes (the same line koji-containerbuild copies into the task's
  /// `<arch>.log` or `osbs-build.log`).
  var failedStepMessage: String?

  struct Snapshot: Sendable {
    var state: HubTaskState
    var started: Date?
    var completed: Date?
    var hostID: Int?
  }

  func snapshot(at now: Date) -> Snapshot {
    if let canceledAt, canceledAt < finishAt, now >= canceledAt {
      let opened = canceledAt >= openAt
      return Snapshot(
        state: .canceled, started: opened ? openAt : nil, completed: canceledAt, hostID: opened ? hostID : nil
      )
    }
    if now >= finishAt {
      let state: HubTaskState
      if case .success = result { state = .closed } else { state = .failed }
      return Snapshot(state: state, started: openAt, completed: finishAt, hostID: hostID)
    }
    if now >= openAt {
      return Snapshot(state: .open, started: openAt, completed: nil, hostID: hostID)
    }
    return Snapshot(state: .free, started: nil, completed: nil, hostID: nil)
  }

  /// When output stops changing: cancellation freezes it, completion finishes it.
  var outputFrozenAt: Date? {
    guard let canceledAt, canceledAt < finishAt else { return nil }
    return canceledAt
  }

  /// Task fields in the order the hub's reply has them (sorted names; `request` last when asked for).
  func info(at now: Date, request includeRequest: Bool, parentWaiting: Bool? = nil) -> XMLRPCValue {
    let snap = snapshot(at: now)
    func time(_ date: Date?) -> XMLRPCValue { date.map { .string(KojiTime.isoString($0)) } ?? .null }
    func stamp(_ date: Date?) -> XMLRPCValue { date.map { .double(KojiTime.timestamp($0)) } ?? .null }
    let waiting: XMLRPCValue = hasChildren ? .bool(snap.state == .open) : .null
    let awaited: XMLRPCValue = parent == nil ? .null : .bool(parentWaiting ?? false)
    var members: [XMLRPCMember] = [
      XMLRPCMember("arch", .string(arch)),
      XMLRPCMember("awaited", awaited),
      XMLRPCMember("channel_id", .int(Int64(channelID))),
      XMLRPCMember("completion_time", time(snap.completed)),
      XMLRPCMember("completion_ts", stamp(snap.completed)),
      XMLRPCMember("create_time", time(createdAt)),
      XMLRPCMember("create_ts", stamp(createdAt)),
      XMLRPCMember("host_id", snap.hostID.map { .int(Int64($0)) } ?? .null),
      XMLRPCMember("id", .int(Int64(id))),
      XMLRPCMember("label", label.map { .string($0) } ?? .null),
      XMLRPCMember("method", .string(method)),
      XMLRPCMember("owner", .int(Int64(owner))),
      XMLRPCMember("parent", parent.map { .int(Int64($0)) } ?? .null),
      XMLRPCMember("priority", .int(Int64(priority))),
      XMLRPCMember("start_time", time(snap.started)),
      XMLRPCMember("start_ts", stamp(snap.started)),
      XMLRPCMember("state", .int(Int64(snap.state.rawValue))),
      XMLRPCMember("waiting", waiting),
      // The builder raises the weight when it takes the task (host.setTaskWeight).
      XMLRPCMember("weight", .double(snap.started == nil ? 1.0 : 2.0)),
    ]
    if includeRequest { members.append(XMLRPCMember("request", .array(request))) }
    return .structure(members)
  }

  /// The request as the hub stores it: the XML-RPC call text of `method(*request)`.
  var requestXML: String {
    String(decoding: XMLRPCEncoder.encode(XMLRPCCall(method, request)), as: UTF8.self)
  }

  /// The stored result as XML-RPC response text (what `listTasks` returns without `decode`).
  var resultXML: String {
    switch result {
    case .success(let value): String(decoding: XMLRPCEncoder.encode(.success(value)), as: UTF8.self)
    case .failure(let fault): String(decoding: XMLRPCEncoder.encode(.fault(fault)), as: UTF8.self)
    }
  }
}
