import Foundation
import OSBSKit

/// Control API of the simulated hub (JSON; never subject to fault rules):
///
/// - `POST /_sandbox/koji/script`: queue builds — one `KojiBuildScript` object, an array, or
///   `{"builds": [...]}`; answers 201 `{"queued": N}` (N counts `repeat`).
/// - `GET /_sandbox/koji/script`: `{"pending": [...]}`; `DELETE /_sandbox/koji/script`: `{"removed": N}`.
/// - `GET /_sandbox/koji/tasks`: `[{"id", "method", "state", "parent", "owner", "osbsBuildName",
///   "files": {"x86_64.log": size}}]`.
/// - `POST /_sandbox/koji/tasks/history`: `{"owner": "builder1", "count": 50000}` (optional `method`,
///   `source`, `target`, `newestSecondsAgo` (3600), `spacingSeconds` (60)) adds that many finished tasks of
///   the user from the past; answers 201 `{"first": id, "last": id}`.
/// - `GET /_sandbox/koji/clock`: `{"now": seconds, "speed": factor}`; `POST` the same path with
///   `{"advanceSeconds": 5}` and/or `{"speed": 10}` to move or rescale simulated time.
/// - `GET /_sandbox/koji/sessions`: `{"sessions": [ids]}`; `POST /_sandbox/koji/sessions/expire` with
///   `{"sessionID": N}` or `{}` (all): `{"expired": [ids]}`; `POST /_sandbox/koji/sessions/delete` (same
///   body) deletes them as koji-sweep-db does, so their later calls fail with 1002: `{"deleted": [ids]}`.
///
/// Task output is also served like a hub's `topurl`: `GET /kojifiles/work/tasks/{id % 10000}/{id}/{file}`.
extension KojiHub {
  struct ClockReading: Codable {
    var now: Double
    var speed: Double
  }

  struct ClockChange: Codable {
    var advanceSeconds: Double?
    var speed: Double?
  }

  struct ScriptBatch: Codable {
    var builds: [KojiBuildScript]
  }

  /// `POST /_sandbox/koji/tasks/history`: past, finished tasks of one user.
  struct HistoryRequest: Codable {
    var owner: String
    var count: Int
    var method: String?
    /// The task's positional arguments; default: a buildContainer of an unrelated source.
    var source: String?
    var target: String?
    var newestSecondsAgo: Double?
    var spacingSeconds: Double?
  }

  struct SessionSelection: Codable {
    var sessionID: Int?
  }

  struct Message: Codable {
    var error: String
  }

  /// Adds the hub's XML-RPC methods and its control routes to `server` (replacing the built-in
  /// `hello`/`getAPIVersion`/`getKojiVersion`).
  public func install(on server: SandboxServer) {
    server.addRoutes(router())
    server.useKojiClock { [clock] in clock.now() }
  }

  /// The hub's XML-RPC methods and control routes, for `SandboxServer(router:)` or `addRoutes`.
  public func router() -> SandboxRouter {
    var router = SandboxRouter()
    for name in methodNames {
      router.addKojiMethod(name) { [self] call in
        let decoded: XMLRPCCall
        do {
          decoded = try XMLRPCDecoder.decodeCall(call.body)
        } catch {
          return .fault(KojiFault(code: 1, message: "<class 'xml.parsers.expat.ExpatError'>: \(error)"))
        }
        return reply(to: decoded, request: call.request)
      }
    }
    addControlRoutes(to: &router)
    return router
  }

  private func addControlRoutes(to router: inout SandboxRouter) {
    router.add("POST", "/_sandbox/koji/script") { [self] request in
      let decoder = JSONDecoder()
      let builds: [KojiBuildScript]
      if let batch = try? decoder.decode(ScriptBatch.self, from: request.body) {
        builds = batch.builds
      } else if let list = try? decoder.decode([KojiBuildScript].self, from: request.body) {
        builds = list
      } else {
        do {
          builds = [try decoder.decode(KojiBuildScript.self, from: request.body)]
        } catch {
          return .json(Message(error: "invalid build script: \(error)"), status: 400)
        }
      }
      enqueue(builds)
      return .json(["queued": builds.reduce(0) { $0 + $1.repeatCount }], status: 201)
    }
    router.add("GET", "/_sandbox/koji/script") { [self] _ in .json(["pending": pendingScript]) }
    router.add("DELETE", "/_sandbox/koji/script") { [self] _ in .json(["removed": clearScript()]) }
    router.add("GET", "/_sandbox/koji/tasks") { [self] _ in .json(tasks()) }
    router.add("POST", "/_sandbox/koji/tasks/history") { [self] request in
      guard let history = try? JSONDecoder().decode(HistoryRequest.self, from: request.body),
        history.count > 0, history.count <= 1_000_000
      else {
        return .json(
          Message(
            error: "expected {\"owner\": NAME, \"count\": 1...1000000} (method, source, target, "
              + "newestSecondsAgo, spacingSeconds optional)"), status: 400)
      }
      guard let range = addHistory(history) else {
        return .json(Message(error: "no such user: \(history.owner)"), status: 400)
      }
      return .json(["first": range.lowerBound, "last": range.upperBound], status: 201)
    }
    router.add("GET", "/_sandbox/koji/clock") { [self] _ in
      .json(ClockReading(now: clock.now().timeIntervalSince1970, speed: clock.speed))
    }
    router.add("POST", "/_sandbox/koji/clock") { [self] request in
      guard let change = try? JSONDecoder().decode(ClockChange.self, from: request.body) else {
        return .json(Message(error: "expected {\"advanceSeconds\": N} and/or {\"speed\": N}"), status: 400)
      }
      if let speed = change.speed { clock.speed = speed }
      if let seconds = change.advanceSeconds { clock.advance(by: seconds) }
      return .json(ClockReading(now: clock.now().timeIntervalSince1970, speed: clock.speed))
    }
    router.add("GET", "/_sandbox/koji/sessions") { [self] _ in .json(["sessions": sessionIDs]) }
    router.add("POST", "/_sandbox/koji/sessions/expire") { [self] request in
      let selection =
        request.body.isEmpty
        ? SessionSelection() : (try? JSONDecoder().decode(SessionSelection.self, from: request.body))
      guard let selection else {
        return .json(Message(error: "expected {\"sessionID\": N} or {}"), status: 400)
      }
      return .json(["expired": expireSessions(id: selection.sessionID)])
    }
    router.add("POST", "/_sandbox/koji/sessions/delete") { [self] request in
      let selection =
        request.body.isEmpty
        ? SessionSelection() : (try? JSONDecoder().decode(SessionSelection.self, from: request.body))
      guard let selection else {
        return .json(Message(error: "expected {\"sessionID\": N} or {}"), status: 400)
      }
      return .json(["deleted": deleteSessions(id: selection.sessionID)])
    }
    router.add("GET", "/kojifiles/work/tasks/{bucket}/{id}/{file}") { [self] request in
      guard let id = request.pathParameters["id"].flatMap({ Int($0) }),
        let name = request.pathParameters["file"],
        let (file, size) = visibleFile(task: id, name: name)
      else {
        return .text("Not Found\n", status: 404)
      }
      let chunk = 1 << 20
      return .streaming(headers: ["Content-Type": "text/plain", "Content-Length": String(size)]) { writer in
        var offset = 0
        while offset < size {
          try Task.checkCancellation()
          let end = min(size, offset + chunk)
          writer.write(Data(file.bytes(in: offset..<end)))
          offset = end
        }
      }
    }
  }

  func visibleFile(task id: Int, name: String) -> (KojiTaskFile, Int)? {
    let now = clock.now()
    return stateSnapshot { state in
      guard let task = state.task(id, at: now), let file = task.files[name],
        let seen = file.visible(now: now, frozenAt: task.outputFrozenAt)
      else { return nil }
      return (file, seen.size)
    }
  }
}
