import Foundation
import OSBSKit

/// A login session (koji's `sessions` table).
struct KojiHubSession: Sendable {
  var id: Int
  var key: String
  var userID: Int
  /// koji.AUTHTYPES: NORMAL 0, KERBEROS 1, SSL 2, GSSAPI 3.
  var authtype: Int
  /// The callnum of the last call that changed something (the hub stores it only when it commits).
  var callnum: Int?
  var expired = false
  var closed = false
}

/// A koji build made by a non-scratch container build.
struct KojiBuildRecord: Sendable {
  var id: Int
  var name: String
  var version: String
  var release: String
  var taskID: Int
  var ownerID: Int
  var createdAt: Date
  var completedAt: Date
  var nvr: String { "\(name)-\(version)-\(release)" }
}

/// Who is calling, and what the call did.
struct KojiCallContext: Sendable {
  var now: Date
  var method: String
  var request: SandboxRequest
  var sessionID: Int?
  var user: KojiHubUser?
  var authtype: Int?
  /// Set by methods that change hub state; the session's callnum is stored only then.
  var committed = false
  /// Whether the method runs inside a `multiCall` (its value is then one element of the multicall's).
  var isNested = false
  /// Set by a top-level `downloadTaskOutput`: its reply is encoded from these bytes after the hub's lock.
  var outputChunk: KojiTaskOutputChunk?
}

/// Everything the hub remembers, guarded by one lock in `KojiHub`.
struct KojiHubState: Sendable {
  var configuration: KojiHub.Configuration
  var users: [KojiHubUser]
  var sessions: [Int: KojiHubSession] = [:]
  var nextSessionID = 1
  var tasks: [Int: KojiTaskRecord] = [:]
  var nextTaskID = 1
  var builds: [Int: KojiBuildRecord] = [:]
  var nextBuildID = 1
  var script: [KojiBuildScript] = []

  init(configuration: KojiHub.Configuration) {
    self.configuration = configuration
    users = configuration.seed.users
  }

  var seed: KojiHubSeed { configuration.seed }

  func user(id: Int) -> KojiHubUser? { users.first { $0.id == id } }
  func user(named name: String) -> KojiHubUser? { users.first { $0.name == name } }

  /// Resolves a user given by id or name, as `get_user` does.
  func user(matching value: XMLRPCValue) -> KojiHubUser? {
    switch value {
    case .int(let id): user(id: Int(id))
    case .string(let name): user(named: name)
    case .structure:
      value["id"]?.intValue.flatMap { user(id: Int($0)) }
        ?? value["name"]?.stringValue.flatMap { user(named: $0) }
    default: nil
    }
  }

  func host(id: Int) -> KojiHubHost? { seed.hosts.first { $0.id == id } }

  // MARK: - Sessions

  /// Checks the session a request carries (headers, or the query string of old clients), with koji's
  /// callnum rules: a lower callnum is SequenceError 1008, the same one RetryError 1009. Only calls that
  /// commit store their callnum, so read-only calls may be replayed.
  func authenticate(_ request: SandboxRequest, method: String, now: Date) throws(KojiFault) -> (
    session: KojiHubSession, callnum: Int?
  )? {
    guard let idText = request.header("Koji-Session-Id") ?? request.queryValue("session-id") else {
      return nil
    }
    let key = request.header("Koji-Session-Key") ?? request.queryValue("session-key")
    guard let id = Int(idText), let key, let session = sessions[id], session.key == key, !session.closed
    else {
      throw KojiFault(code: 1002, message: "Invalid session or bad credentials")
    }
    let renewing = method == "login" || method == "sslLogin"
    if session.expired && !renewing {
      throw KojiFault.sessionExpired(sessionID: id)
    }
    // Hubs before 1.35 read Koji-Callnum; clients may still send it.
    let callnumText =
      request.header("Koji-Session-Callnum") ?? request.header("Koji-Callnum")
      ?? request.queryValue("callnum")
    guard let callnumText else { return (session, nil) }
    guard let callnum = Int(callnumText) else {
      throw KojiFault(code: 1002, message: "Invalid callnum: '\(callnumText)'")
    }
    if let last = session.callnum {
      if last > callnum {
        throw KojiFault(code: 1008, message: "\(last) > \(callnum) (session \(id))")
      }
      if last == callnum {
        throw KojiFault(
          code: 1009, message: "unable to retry call \(callnum) (method \(method)) for session \(id)")
      }
    }
    return (session, callnum)
  }

  mutating func createSession(userID: Int, authtype: Int, reusing id: Int? = nil) -> XMLRPCValue {
    let sessionID: Int
    if let id {
      sessionID = id
    } else {
      sessionID = nextSessionID
      nextSessionID += 1
    }
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    var generator = SystemRandomNumberGenerator()
    let random = String(
      (0..<19).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    let key = "\(userID)-\(random)"
    sessions[sessionID] = KojiHubSession(id: sessionID, key: key, userID: userID, authtype: authtype)
    return .object([
      "session-id": .int(Int64(sessionID)), "session-key": .string(key), "header-auth": .bool(true),
    ])
  }

  /// Marks sessions expired (all when `id` is nil); returns the ids affected.
  mutating func expireSessions(id: Int?) -> [Int] {
    var expired: [Int] = []
    for (sessionID, session) in sessions where !session.closed && (id == nil || id == sessionID) {
      sessions[sessionID]?.expired = true
      expired.append(sessionID)
    }
    return expired.sorted()
  }

  /// Deletes sessions (all when `id` is nil) as koji-sweep-db does, or as the hub's CheckClientIP ends one
  /// whose client moved: every later call with them, multicalls whole, is 1002 (capture 73).
  mutating func deleteSessions(id: Int?) -> [Int] {
    let deleted = sessions.keys.filter { id == nil || id == $0 }.sorted()
    for sessionID in deleted { sessions[sessionID] = nil }
    return deleted
  }

  // MARK: - Tasks

  func task(_ id: Int, at now: Date) -> KojiTaskRecord? {
    guard let task = tasks[id] else { return nil }
    // Children come into being when their parent starts running.
    if task.parent != nil && task.createdAt > now { return nil }
    return task
  }

  func children(of id: Int, at now: Date) -> [KojiTaskRecord] {
    tasks.values.filter { $0.parent == id && $0.createdAt <= now }.sorted { $0.id < $1.id }
  }

  func info(_ task: KojiTaskRecord, at now: Date, request: Bool) -> XMLRPCValue {
    let parentWaiting = task.parent.flatMap { tasks[$0] }.map { $0.snapshot(at: now).state == .open }
    return task.info(at: now, request: request, parentWaiting: parentWaiting)
  }

  /// Adds `count` finished tasks of `owner` from the past, one every `spacing` seconds, the newest
  /// `newestAge` seconds before `now` (a hub with history, for bounded queries); returns their id range.
  mutating func addHistory(
    owner: Int, method: String, count: Int, request: [XMLRPCValue], newestAge: TimeInterval,
    spacing: TimeInterval, now: Date
  ) -> ClosedRange<Int>? {
    guard count > 0 else { return nil }
    let first = nextTaskID
    for index in 0..<count {
      let created = now - newestAge - Double(count - 1 - index) * spacing
      let id = first + index
      tasks[id] = KojiTaskRecord(
        id: id, method: method, arch: "noarch", label: nil, parent: nil, owner: owner, channelID: 1,
        priority: 20, request: request, hostID: 1, createdAt: created, openAt: created + 1,
        finishAt: created + 2,
        result: .success(
          .object([
            "repositories": .array([.string("\(configuration.registry)/history:\(id)")]),
            "koji_builds": .array([]),
          ])),
        files: [:])
    }
    nextTaskID += count
    return first...(first + count - 1)
  }

  /// Cancels `id` at `now` unless it already finished; with `recurse`, its unfinished children too.
  mutating func cancel(_ id: Int, at now: Date, recurse: Bool) {
    guard let task = tasks[id], !task.snapshot(at: now).state.isFinished else { return }
    tasks[id]?.canceledAt = now
    for child in tasks.values where child.parent == id {
      if child.createdAt > now {
        // The parent never got to start it.
        tasks[child.id] = nil
      } else if recurse {
        cancel(child.id, at: now, recurse: true)
      }
    }
  }
}
