import Foundation
import OSBSKit
import OSBSSandbox
import Testing

/// Issue 11, defect 4: the simulated hub's listTasks answers bounded queries as Koji 1.35 does (captures
/// 71–72): strict `createdAfter`, `order`, `limit` with 0 meaning none, unknown options ignored, rows with
/// the captured fields; and its replies carry the hub clock in `Date`.
@Suite struct KojiListTasksFidelityTests {
  typealias Fixture = KojiHubFixture

  static let capturedRowKeys = [
    "arch", "awaited", "channel_id", "completion_time", "completion_ts", "create_time", "create_ts",
    "host_id",
    "id", "label", "method", "owner", "owner_name", "owner_type", "parent", "priority", "request", "result",
    "start_time", "start_ts", "state", "waiting", "weight",
  ]

  @Test func boundedListTasksFollowsTheCaptures() async throws {
    try await Fixture.run { hub in
      let history = try await send(
        "POST", hub.endpoints.baseURL + "/_sandbox/koji/tasks/history",
        body: Data(#"{"owner": "builder1", "count": 20}"#.utf8), headers: ["Content-Type": "application/json"]
      )
      #expect(history.status == 201)
      let session = try await hub.login("builder1", "builder1pass")
      var created: [Int] = []
      for callnum in 1...6 {
        let reply = try await hub.raw(
          "buildContainer", [Fixture.source, Fixture.target, Fixture.scratchOpts],
          headers: Fixture.sessionHeaders(session, callnum: callnum))
        created.append(Int(try #require(reply.response.value?.intValue)))
        hub.hub.clock.advance(by: 1)
      }
      #expect(created == Array(21...26))
      let start = hub.hub.clock.now().timeIntervalSince1970 - 100
      func list(_ opts: [XMLRPCMember], _ queryOpts: [XMLRPCMember]) async throws -> [XMLRPCValue] {
        let reply = try await hub.raw("listTasks", [.structure(opts), .structure(queryOpts)])
        return try #require(reply.response.value?.arrayValue, "\(reply.text.prefix(300))")
      }
      let mine: [XMLRPCMember] = [XMLRPCMember("owner", 2), XMLRPCMember("method", "buildContainer")]
      let newestFirst = [XMLRPCMember("order", "-id"), XMLRPCMember("limit", 5)]

      // Capture 71: newest first, the limit cuts the oldest, the bound excludes the history.
      let bounded = try await list(mine + [XMLRPCMember("createdAfter", .double(start))], newestFirst)
      #expect(bounded.compactMap { $0["id"]?.intValue } == [26, 25, 24, 23, 22])
      #expect(bounded.first?.members?.map(\.name) == Self.capturedRowKeys)
      #expect(bounded.first?["request"]?.stringValue?.hasPrefix("<?xml version='1.0'?>") == true)

      // The bound is strict: a task created exactly at it is left out.
      let createTS = try #require(bounded.last?["create_ts"])
      let strict = try await list(
        mine + [XMLRPCMember("createdAfter", createTS)], [XMLRPCMember("order", "-id")])
      #expect(strict.compactMap { $0["id"]?.intValue } == [26, 25, 24, 23])

      // Capture 72: decode gives request as values and result as a one-element list.
      let decoded = try await list(
        mine + [XMLRPCMember("createdAfter", .double(start)), XMLRPCMember("decode", true)], newestFirst)
      #expect(decoded.first?["request"]?.arrayValue?.count == 3)

      // A misspelt option is ignored (the query is unbounded again), and limit 0 is no limit.
      let typo = try await list(
        mine + [XMLRPCMember("created_after", .double(start))], [XMLRPCMember("order", "-id")])
      #expect(typo.count == 26)
      let unlimited = try await list(mine, [XMLRPCMember("order", "-id"), XMLRPCMember("limit", 0)])
      #expect(unlimited.count == 26)
      let oldest = try await list(mine, [XMLRPCMember("order", "id"), XMLRPCMember("limit", 1)])
      #expect(oldest.compactMap { $0["id"]?.intValue } == [1])
    }
  }

  @Test func repliesCarryTheHubClockInTheDateHeader() async throws {
    try await Fixture.run { hub in
      hub.hub.clock.advance(by: 3600)
      let reply = try await send(
        "POST", hub.endpoints.kojiHub, body: XMLRPCEncoder.encode(XMLRPCCall("getAPIVersion")),
        headers: ["Content-Type": "text/xml"])
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = TimeZone(identifier: "GMT")
      formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
      #expect(reply.headers["Date"] == formatter.string(from: hub.hub.clock.now()))
    }
  }
}

/// Issue 11, defect 5: the faults a watch meets on a real hub, byte for byte as captured.
@Suite struct KojiSessionFaultFidelityTests {
  typealias Fixture = KojiHubFixture

  static func faultDocument(_ code: Int, _ message: String) -> String {
    "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n"
      + "<value><int>\(code)</int></value>\n</member>\n<member>\n<name>faultString</name>\n"
      + "<value><string>\(message)</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n"
  }

  /// Capture 73: after the session row is deleted, a multicall with it fails whole with 1002.
  @Test func aDeletedSessionFailsTheWholeMulticall() async throws {
    try await Fixture.run { hub in
      let session = try await hub.login("builder1", "builder1pass")
      #expect(hub.hub.deleteSessions() == [session.id])
      let batch = XMLRPCValue.array([
        .object(["methodName": "getTaskInfo", "params": .array([24])]),
        .object(["methodName": "getLoggedInUser", "params": .array([])]),
      ])
      let reply = try await hub.raw(
        "multiCall", [batch], headers: Fixture.sessionHeaders(session, callnum: 1))
      #expect(reply.text == Self.faultDocument(1002, "Invalid session or bad credentials"))
      #expect(reply.text.utf8.count == 292)
    }
  }

  /// Capture 74: during a database outage every call gets 1014 "database outage" (HTTP 200).
  @Test func aDatabaseOutageAnswersEveryCallWith1014() async throws {
    try await Fixture.run { hub in
      await hub.server.faults.add(
        FaultRule(match: .init(path: "/kojihub"), action: .databaseOutage, times: 2))
      let first = try await hub.raw("getTaskInfo", [24])
      #expect(first.text == Self.faultDocument(1014, "database outage"))
      #expect(first.text.utf8.count == 273)
      let multicall = try await hub.raw(
        "multiCall", [.array([.object(["methodName": "getTaskInfo", "params": .array([24])])])])
      #expect(multicall.response.fault == XMLRPCFault(code: 1014, message: "database outage"))
      #expect(try await hub.raw("getAPIVersion").response.value == 1)
    }
  }

  /// An outage can be given a length instead of a number of requests.
  @Test func anOutageWithADurationEnds() async throws {
    try await Fixture.run { hub in
      let rule = try JSONDecoder().decode(
        FaultRule.self,
        from: Data(#"{"match": {"path": "/kojihub"}, "action": "databaseOutage", "durationMs": 3000}"#.utf8))
      #expect(rule == FaultRule(match: .init(path: "/kojihub"), action: .databaseOutage, durationMs: 3000))
      await hub.server.faults.add(rule)
      // Long enough that a loaded machine still sends the first call inside the outage; the wait
      // for its end is bounded by polls, not by a time the test assumes.
      #expect(try await hub.raw("getAPIVersion").response.fault?.code == 1014)
      var ended = false
      for _ in 0..<1_000 where !ended {
        try await Task.sleep(for: .milliseconds(20))
        ended = await hub.server.faults.installed.isEmpty
      }
      #expect(ended)
      #expect(try await hub.raw("getAPIVersion").response.value == 1)
    }
  }
}
