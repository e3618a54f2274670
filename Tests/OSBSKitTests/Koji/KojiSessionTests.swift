import Foundation
import OSBSSandbox
import Synchronization
import Testing

@testable import OSBSKit

/// `KojiSession` against the sandbox's simulated hub, in process, on a manual clock.
@Suite("KojiSession against the simulated hub")
struct KojiSessionTests {
  /// A sandbox with the hub and an extra `echoCallnum` method that records the callnum header it gets.
  struct Hub {
    let server: SandboxServer
    let hub: KojiHub
    let endpoints: SandboxEndpoints
    let seenCallnums: CallnumLog

    static func run<T>(_ body: (Hub) async throws -> T) async throws -> T {
      let server = SandboxServer()
      let hub = KojiHub(clock: .manual())
      hub.install(on: server)
      let recorder = CallnumLog()
      var echo = SandboxRouter()
      echo.addKojiMethod("echoCallnum") { call in
        let callnum = call.request.header("Koji-Session-Callnum").flatMap { Int($0) } ?? -1
        recorder.append(callnum)
        return .value(.int(Int64(callnum)))
      }
      server.addRoutes(echo)
      let endpoints = try await server.start()
      let fixture = Hub(server: server, hub: hub, endpoints: endpoints, seenCallnums: recorder)
      do {
        let result = try await body(fixture)
        await server.stop()
        return result
      } catch {
        await server.stop()
        throw error
      }
    }

    func session(user: String? = "builder1", retries: Int = 3) throws -> KojiSession {
      try KojiSession(
        configuration: KojiHubConfiguration(
          hubURL: endpoints.kojiHub, webURL: endpoints.kojiWeb,
          authentication: user.map { .password(user: $0, password: "\($0)pass") } ?? .anonymous,
          retry: KojiRetryPolicy(maxRetries: retries, interval: .zero)))
    }

    func count(_ method: String) async -> Int { await server.journal.count(xmlrpcMethod: method) }
  }

  /// The callnums `echoCallnum` saw, in order.
  final class CallnumLog: Sendable {
    private let seen = Mutex<[Int]>([])
    func append(_ number: Int) { seen.withLock { $0.append(number) } }
    var all: [Int] { seen.withLock { $0 } }
  }

  static let source = XMLRPCValue.string("git+https://src.example.org/container/cockpit#abc123")

  static let scratchBuild = ContainerBuildRequest(
    source: "git+https://src.example.org/container/cockpit#abc123", target: "f25-container-candidate",
    opts: [XMLRPCMember("scratch", true), XMLRPCMember("git_branch", "f25")], priority: nil, channel: nil)

  /// koji's `ssl_login` and `gssapi_login` switch the hub URL to https before POSTing to `/ssllogin`.
  @Test(arguments: [
    ("http://koji.example.org/kojihub", "https://koji.example.org/kojihub/ssllogin"),
    ("HTTP://koji.example.org:8443/kojihub/", "https://koji.example.org:8443/kojihub/ssllogin"),
    ("https://koji.example.org/kojihub", "https://koji.example.org/kojihub/ssllogin"),
  ])
  func certificateAndKerberosLoginsGoOverHTTPS(hub: String, login: String) {
    #expect(KojiSession.loginURL(hubURL: hub) == login)
  }

  @Test func callnumIncrementsWithEveryLoggedInCall() async throws {
    try await Hub.run { hub in
      let session = try hub.session()
      try await session.login()
      var replies: [Int64] = []
      for _ in 0..<4 { replies.append(try await session.call("echoCallnum").intValue ?? -1) }
      #expect(replies == [0, 1, 2, 3])
      // Hub calls in between keep counting, and the hub accepts each.
      _ = try await session.call("getLoggedInUser")
      #expect(try await session.call("echoCallnum").intValue == 5)
    }
  }

  @Test func aRetryAfterADroppedConnectionReusesItsCallnum() async throws {
    try await Hub.run { hub in
      let session = try hub.session()
      try await session.login()
      _ = try await session.call("echoCallnum")
      await hub.server.faults.add(
        FaultRule(
          match: .init(xmlrpcMethod: "echoCallnum"), action: .dropConnection(afterExecute: true), times: 1))
      #expect(try await session.call("echoCallnum").intValue == 1)
      #expect(hub.seenCallnums.all == [0, 1, 1])
      #expect(try await session.call("echoCallnum").intValue == 2)
    }
  }

  /// The hub ran buildContainer, the answer was lost, the retry gets RetryError 1009: the submitter finds
  /// the task the first attempt created instead of failing or submitting again.
  @Test func droppedBuildContainerIsRecoveredNotResubmitted() async throws {
    try await Hub.run { hub in
      let session = try hub.session()
      try await session.login()
      let submitter = ContainerBuildSubmitter(session: session)
      let request = Self.scratchBuild
      let first = try await submitter.submit(request, preflight: try await submitter.preflight(request))
      await hub.server.faults.add(
        FaultRule(
          match: .init(xmlrpcMethod: "buildContainer"), action: .dropConnection(afterExecute: true), times: 1)
      )
      let preflight = try await submitter.preflight(request)
      let second = try await submitter.submit(request, preflight: preflight)
      #expect(first == 1)
      #expect(second == 2)
      #expect(hub.hub.tasks().map(\.id) == [1, 2])
      #expect(await hub.count("buildContainer") == 3)
    }
  }

  /// A cancel multicall whose reply was lost after the hub ran it: the retry gets RetryError 1009, which
  /// is neither a refusal nor an authentication failure; the states read back say the task was cancelled.
  @Test func aCancelWhoseReplyWasLostIsReadBackNotFailed() async throws {
    try await Hub.run { hub in
      let session = try hub.session()
      try await session.login()
      let submitter = ContainerBuildSubmitter(session: session)
      let request = Self.scratchBuild
      let task = try await submitter.submit(request, preflight: try await submitter.preflight(request))
      await hub.server.faults.add(
        FaultRule(
          match: .init(xmlrpcMethod: "multiCall", bodyContains: "<string>cancelTask</string>"),
          action: .dropConnection(afterExecute: true), times: 1))
      let cancellation = KojiTaskCancellation(client: KojiClient(session: session))
      let multicallsBefore = await hub.count("multiCall")
      let report = try await cancellation.cancel([task])
      #expect(report.tasks.map(\.outcome) == [.cancelled], "\(report)")
      #expect(report.tasks.first?.error == nil)
      #expect(hub.hub.tasks().first?.state == "CANCELED")
      #expect(await hub.count("multiCall") - multicallsBefore == 4, "read, cancel, its retry, read back")
    }
  }

  @Test func anExpiredSessionLogsInOnceAndRepeatsTheCall() async throws {
    try await Hub.run { hub in
      let session = try hub.session()
      try await session.login()
      #expect(try await session.call("getLoggedInUser")["name"] == "builder1")
      #expect(hub.hub.expireSessions().count == 1)
      #expect(try await session.call("getLoggedInUser")["name"] == "builder1")
      #expect(await session.loginCount == 2)
      #expect(await hub.count("login") == 2)
      #expect(try await session.call("getLoggedInUser")["name"] == "builder1")
      #expect(await hub.count("login") == 2)
    }
  }

  @Test func anonymousSessionDoesNotHideAuthExpired() async throws {
    try await Hub.run { hub in
      let session = try hub.session(user: nil)
      await hub.server.faults.add(
        FaultRule(match: .init(xmlrpcMethod: "hello"), action: .expireSession, times: 1))
      await #expect(throws: KojiError.self) { try await session.call("hello") }
      #expect(await hub.count("login") == 0)
    }
  }

  @Test func multicallReturnsEachCallsValueOrFault() async throws {
    try await Hub.run { hub in
      let session = try hub.session(user: nil)
      let results = try await session.multiCall([
        XMLRPCCall("getBuildTarget", ["f25-container-candidate"]),
        XMLRPCCall("noSuchMethod"),
        XMLRPCCall("getTaskResult", [999_999]),
        XMLRPCCall("getTaskInfo", [999_999]),
      ])
      #expect(results.count == 4)
      #expect((try? results[0].get())?["dest_tag_name"] == "f25-container-candidate")
      #expect(results[1] == .failure(XMLRPCFault(code: 1000, message: "Invalid method: noSuchMethod")))
      #expect(results[2] == .failure(XMLRPCFault(code: 1000, message: "No such task")))
      #expect((try? results[3].get())?.isNull == true)
      #expect(await hub.count("multiCall") == 1)
      #expect(try await session.multiCall([]).isEmpty)
      #expect(await hub.count("multiCall") == 1)
    }
  }

  @Test func koji5xxIsRetriedAndHubFaultsAreTyped() async throws {
    try await Hub.run { hub in
      let session = try hub.session(user: nil)
      await hub.server.faults.add(
        FaultRule(
          match: .init(xmlrpcMethod: "getAPIVersion"),
          action: .status(code: 503, body: nil, contentType: nil), times: 2))
      #expect(try await session.call("getAPIVersion").intValue != nil)
      #expect(await hub.count("getAPIVersion") == 3)
      do {
        _ = try await session.call("getTaskResult", [999_999])
        Issue.record("expected a fault")
      } catch let error as KojiError {
        #expect(error.fault?.code == 1000)
        #expect(error.failureKind == .notFound)
        #expect(error.description.contains("No such task"))
      }
    }
  }

  /// Koji's session headers carry the key: traces and error texts must hide them.
  @Test func sessionKeyHeadersAreSecret() {
    #expect(SecretRedactor.isSecretHeader("Koji-Session-Key"))
    #expect(
      SecretRedactor.redact(headerName: "koji-session-key", value: "2-abc") == SecretRedactor.placeholder)
    #expect(!SecretRedactor.isSecretHeader("Koji-Session-Callnum"))
    #expect(!SecretRedactor.isSecretHeader("Koji-Session-Id"))
  }
}
