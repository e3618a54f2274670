import Foundation
import OSBSSandbox
import Synchronization
import TestSupport
import Testing

@Suite struct FaultInjectionTests {
  @Test func statusRuleAnswersForItsTimesThenStops() async throws {
    try await withSandbox { server, endpoints in
      await server.faults.add(
        FaultRule(
          match: .init(path: "/version", method: "get"),
          action: .status(code: 503, body: nil, contentType: nil),
          times: 2))
      let first = try await send("GET", endpoints.openshiftAPI + "/version")
      let second = try await send("GET", endpoints.openshiftAPI + "/version")
      let third = try await send("GET", endpoints.openshiftAPI + "/version")
      let statuses: [Int] = [first.status, second.status, third.status]
      #expect(statuses == [503, 503, 200])
      // Kubernetes clients get a Status object.
      #expect(first.text.contains(#""reason":"ServiceUnavailable""#))
      #expect(await server.faults.installed.isEmpty)
    }
  }

  @Test func statusRuleWithBodyOnlyMatchesTheNamedXMLRPCMethod() async throws {
    try await withSandbox { server, endpoints in
      await server.faults.add(
        FaultRule(
          match: .init(xmlrpcMethod: "hello"),
          action: .status(code: 502, body: "proxy error", contentType: nil)))
      let hello = try await postKoji(endpoints, "hello")
      #expect(hello.status == 502)
      #expect(hello.text == "proxy error")
      #expect(try await postKoji(endpoints, "getAPIVersion").status == 200)
      #expect(try await send("GET", endpoints.openshiftAPI + "/version").status == 200)
    }
  }

  @Test func dropConnectionGivesTheClientAConnectionError() async throws {
    try await withSandbox { server, endpoints in
      await server.faults.add(
        FaultRule(match: .init(path: "/version"), action: .dropConnection(afterExecute: false), times: 1))
      let dropped = try await curl([endpoints.openshiftAPI + "/version"])
      // curl 52: "Empty reply from server" — the socket closed without a status line.
      #expect(dropped.exitCode == 52)
      #expect(dropped.output.isEmpty)

      await #expect(throws: (any Error).self) {
        await server.faults.add(FaultRule(action: .dropConnection(afterExecute: false), times: 1))
        _ = try await send("GET", endpoints.openshiftAPI + "/version")
      }
      #expect(try await send("GET", endpoints.openshiftAPI + "/version").status == 200)
    }
  }

  @Test func dropAfterExecuteRunsTheHandlerButNeverAnswers() async throws {
    let executions = Counter()
    var router = SandboxRouter()
    router.addKojiMethod("cancelTask") { _ in
      executions.increment()
      return .none
    }
    try await withSandbox(router: router) { server, endpoints in
      await server.faults.add(
        FaultRule(
          match: .init(xmlrpcMethod: "cancelTask"), action: .dropConnection(afterExecute: true), times: 1))
      let call = String(decoding: kojiCall("cancelTask"), as: UTF8.self)
      let dropped = try await curl(["-H", "Content-Type: text/xml", "--data-binary", call, endpoints.kojiHub])
      #expect(dropped.exitCode == 52)
      #expect(executions.value == 1)

      let retried = try await postKoji(endpoints, "cancelTask")
      #expect(retried.status == 200)
      #expect(executions.value == 2)
    }
  }

  @Test func expireSessionAnswersAuthExpiredForTheSession() async throws {
    try await withSandbox { server, endpoints in
      await server.faults.add(
        FaultRule(match: .init(xmlrpcMethod: "hello"), action: .expireSession, times: 1))
      let expired = try await postKoji(endpoints, "hello", headers: ["Koji-Session-Id": "12"])
      let fault = try parseXMLRPCResponse(expired.body)
      #expect(fault.faultCode == 1007)
      #expect(fault.faultString == #"session "12" has expired"#)

      await server.faults.add(FaultRule(match: .init(path: "/apis"), action: .expireSession, times: 1))
      #expect(try await send("GET", endpoints.openshiftAPI + "/apis").status == 401)
    }
  }

  @Test func delayHoldsTheResponseBack() async throws {
    try await withSandbox { server, endpoints in
      // Far longer than the client waits, so the outcome does not depend on machine speed.
      let id = await server.faults.add(
        FaultRule(match: .init(path: "/healthz"), action: .delay(milliseconds: 30_000), times: 1))
      // The request has arrived (the journal shows it) and its answer is still held back; no client
      // timeout decides this, so a slow machine cannot turn it into a pass or a failure.
      let held = try BackgroundCurl([endpoints.openshiftAPI + "/healthz"])
      defer { held.finish() }
      var arrived = false
      for _ in 0..<3000 {
        arrived = await server.journal.all.contains { $0.path == "/healthz" }
        if arrived || held.child.exitedTermination() != nil { break }
        try await Task.sleep(for: .milliseconds(10))
      }
      #expect(arrived, "curl's request reached the sandbox")
      #expect(held.child.exitedTermination() == nil, "the answer is held back")
      held.child.stop(grace: .seconds(1))
      #expect(held.output.isEmpty)

      // A delay does not stop later rules from applying to the same request.
      let delayID = await server.faults.add(
        FaultRule(match: .init(path: "/healthz"), action: .delay(milliseconds: 1)))
      let statusID = await server.faults.add(
        FaultRule(
          match: .init(path: "/healthz"), action: .status(code: 500, body: nil, contentType: nil), times: 1))
      #expect(try await send("GET", endpoints.openshiftAPI + "/healthz").status == 500)
      let entries = await server.journal.all.filter { $0.path == "/healthz" }
      #expect(entries.map(\.faultRuleIDs) == [[id], [delayID, statusID]])
    }
  }

  @Test func controlAPIInstallsListsAndClearsRules() async throws {
    try await withSandbox { server, endpoints in
      let rules = """
        [{"match": {"path": "/version"}, "action": {"type": "status", "code": 429}, "times": 1},
         {"match": {"xmlrpcMethod": "hello"}, "action": "dropAfterExecute"}]
        """
      let installed = try await send("POST", endpoints.controlAPI + "/faults", body: Data(rules.utf8))
      #expect(installed.status == 201)
      #expect(installed.text == #"{"ids":[1,2]}"#)

      let state = try await send("GET", endpoints.controlAPI + "/state")
      let decoded = try JSONDecoder().decode(StateView.self, from: state.body)
      #expect(
        decoded.faults.map(\.rule.action) == [
          .status(code: 429, body: nil, contentType: nil), .dropConnection(afterExecute: true),
        ])
      #expect(decoded.endpoints == endpoints)
      #expect(decoded.kojiMethods.contains("getAPIVersion"))

      #expect(try await send("GET", endpoints.openshiftAPI + "/version").status == 429)
      // Control requests are never faulted, even by a catch-all rule.
      await server.faults.add(FaultRule(action: .status(code: 500, body: nil, contentType: nil)))
      #expect(try await send("DELETE", endpoints.controlAPI + "/faults/2").status == 200)
      #expect(try await send("DELETE", endpoints.controlAPI + "/faults/2").status == 404)
      #expect(try await send("DELETE", endpoints.controlAPI + "/faults").text == #"{"removed":1}"#)
      #expect(await server.faults.installed.isEmpty)
      #expect(try await send("GET", endpoints.openshiftAPI + "/version").status == 200)
    }
  }

  @Test func controlAPIRejectsMalformedRules() async throws {
    try await withSandbox { server, endpoints in
      for body in [
        #"{"action": {"type": "bogus"}}"#, #"{"action": {"type": "delay"}}"#, "not json",
        #"{"action": {"type": "status", "code": 42}}"#,
      ] {
        let result = try await send("POST", endpoints.controlAPI + "/faults", body: Data(body.utf8))
        #expect(result.status == 400, "\(body)")
      }
      #expect(await server.faults.installed.isEmpty)
    }
  }

  @Test(arguments: [
    ("/apis/*/builds", "/apis/build.openshift.io/v1/namespaces/osbs/builds", true),
    ("/apis/*/builds", "/apis/build.openshift.io/v1/namespaces/osbs/builds/x", false),
    ("/kojihub*", "/kojihub/ssllogin", true),
    ("/version", "/version", true),
    ("/version", "/versions", false),
    ("*", "/anything", true),
  ])
  func pathPatternsMatch(pattern: String, path: String, expected: Bool) {
    #expect(FaultRule.Match(path: pattern).matches(method: "GET", path: path, xmlrpcMethod: nil) == expected)
  }

  @Test func rulesRoundTripThroughJSONAndAcceptBareActionNames() throws {
    let rule = FaultRule(
      match: .init(path: "/kojihub", method: "POST", xmlrpcMethod: "getTaskInfo"),
      action: .status(code: 503, body: "busy", contentType: "text/plain"), times: 3)
    let decoded = try JSONDecoder().decode(FaultRule.self, from: try JSONEncoder().encode(rule))
    #expect(decoded == rule)

    let bare = try JSONDecoder().decode(
      FaultRule.self, from: Data(#"{"match": {}, "action": "expireSession"}"#.utf8))
    #expect(bare == FaultRule(action: .expireSession, times: nil))
    let delay = try JSONDecoder().decode(
      FaultRule.Action.self, from: Data(#"{"type": "delay", "ms": 250}"#.utf8))
    #expect(delay == .delay(milliseconds: 250))
    let throttle = try JSONDecoder().decode(
      FaultRule.Action.self, from: Data(#"{"type": "throttle", "retryAfterSeconds": 3}"#.utf8))
    #expect(throttle == .throttle(retryAfterSeconds: 3))
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(FaultRule.Action.self, from: Data(#"{"type": "throttle"}"#.utf8))
    }
  }

  /// The API server's max-in-flight refusal: 429, `Retry-After`, and a `Status` saying how long.
  @Test func throttleAnswers429WithRetryAfter() async throws {
    try await withSandbox { server, endpoints in
      await server.faults.add(
        FaultRule(match: .init(path: "/version"), action: .throttle(retryAfterSeconds: 2), times: 1))
      let refused = try await send("GET", endpoints.openshiftAPI + "/version")
      #expect(refused.status == 429)
      #expect(refused.header("Retry-After") == "2")
      let status = try #require(try JSONSerialization.jsonObject(with: refused.body) as? [String: Any])
      #expect(status["kind"] as? String == "Status" && status["reason"] as? String == "TooManyRequests")
      #expect((status["details"] as? [String: Any])?["retryAfterSeconds"] as? Int == 2)
      #expect(try await send("GET", endpoints.openshiftAPI + "/version").status == 200)
    }
  }
}

/// The part of `GET /_sandbox/state` these tests read.
private struct StateView: Decodable {
  var endpoints: SandboxEndpoints
  var faults: [FaultInjector.InstalledRule]
  var kojiMethods: [String]
}

final class Counter: Sendable {
  private let count = Mutex(0)
  var value: Int { count.withLock { $0 } }
  func increment() { count.withLock { $0 += 1 } }
}
