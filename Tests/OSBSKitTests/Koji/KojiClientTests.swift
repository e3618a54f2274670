import Foundation
import OSBSSandbox
import Testing

@testable import OSBSKit

/// `KojiClient`'s typed calls against the sandbox's simulated hub, in process, on a manual clock.
@Suite("KojiClient against the simulated hub")
struct KojiClientTests {
  typealias Hub = KojiSessionTests.Hub

  /// Submits one build (not a scratch one: only those make Koji builds) as builder1 and lets the hub's
  /// clock run past its end.
  static func finishedBuild(_ hub: Hub, _ script: KojiBuildScript) async throws -> Int {
    hub.hub.enqueue([script])
    let session = try hub.session()
    try await session.login()
    let reply = try await session.call(
      "buildContainer",
      [KojiSessionTests.source, "f25-container-candidate", .object(["git_branch": "f25"])])
    await session.logout()
    hub.hub.clock.advance(by: 120)
    return Int(try #require(reply.intValue))
  }

  @Test func taskDetailsOfASuccessfulBuildNameHostOwnerAndNVRsInTwoMulticalls() async throws {
    try await Hub.run { hub in
      let id = try await Self.finishedBuild(hub, KojiBuildScript())
      let client = KojiClient(session: try hub.session(user: nil))
      let before = await hub.count("multiCall")
      let details = try await client.taskDetails(id)
      #expect(await hub.count("multiCall") == before + 2)

      #expect(details.task.id == id)
      #expect(details.task.state == .closed)
      #expect(details.owner == "builder1")
      #expect(details.host != nil)
      #expect(details.failure == nil)
      #expect(details.label == "buildContainer (noarch)")
      let builds = try #require(details.builds)
      #expect(!builds.isEmpty)
      #expect(builds.allSatisfy { ($0.nvr?.split(separator: "-").count ?? 0) >= 3 })

      // The container output reads the same result and the same builds.
      let output = try await client.containerOutput(id)
      #expect(output.builds == builds)
      #expect(!output.repositories.isEmpty)
    }
  }

  @Test func taskDetailsOfAFailedBuildCarryItsFaultAndNoBuilds() async throws {
    try await Hub.run { hub in
      let id = try await Self.finishedBuild(
        hub, KojiBuildScript(outcome: .fail, failureReason: "Dockerfile has no FROM", faultCode: 2001))
      let client = KojiClient(session: try hub.session(user: nil))
      let details = try await client.taskDetails(id)
      #expect(details.task.state == .failed)
      #expect(details.builds == nil)
      #expect(details.result == nil)
      let failure = try #require(details.failure)
      #expect(failure.contains("Dockerfile has no FROM"), "\(failure)")
      #expect(failure.hasSuffix("(fault 2001)"), "\(failure)")
      // Without raise_fault=false the hub raises the task's fault.
      await #expect(throws: KojiError.self) { try await client.containerOutput(id) }
    }
  }

  @Test func taskDetailsOfAnUnknownTaskIsNoSuchTask() async throws {
    try await Hub.run { hub in
      let client = KojiClient(session: try hub.session(user: nil))
      await #expect(throws: KojiError.noSuchTask(424_242)) { try await client.taskDetails(424_242) }
    }
  }

  @Test func identityOfALoggedInAndAnAnonymousSession() async throws {
    try await Hub.run { hub in
      let session = try hub.session()
      try await session.login()
      let identity = try await KojiClient(session: session).identity(profile: "sandbox")
      #expect(identity.user == "builder1")
      #expect(identity.userID != nil)
      #expect(identity.authentication == "password")
      #expect(identity.profile == "sandbox")
      #expect(identity.hub == hub.endpoints.kojiHub)
      let hubPerms = try await session.call("getPerms").arrayValue?.compactMap(\.stringValue) ?? []
      #expect(identity.permissions == hubPerms)

      let anonymous = try await KojiClient(session: try hub.session(user: nil)).identity(profile: "sandbox")
      #expect(anonymous.user == nil)
      #expect(anonymous.authentication == "anonymous")
      #expect(anonymous.permissions.isEmpty)
    }
  }

  @Test func cancelAnswersPerTaskAndStatesReadBack() async throws {
    try await Hub.run { hub in
      hub.hub.enqueue([KojiBuildScript(durationSeconds: 600)])
      let running = try await KojiTaskWatcherTests.submit(hub)
      let anonymous = KojiClient(session: try hub.session(user: nil))
      // Not the owner: the hub refuses, and the task runs on.
      let refused = try await anonymous.cancelTasks([running])
      #expect(refused.map { $0?.code } == [1004])
      #expect(try await anonymous.taskStates([running, 424_242]).first??.isFinished == false)
      #expect(try await anonymous.taskStates([424_242]) == [nil])

      let session = try hub.session()
      try await session.login()
      let owner = KojiClient(session: session)
      #expect(try await owner.cancelTasks([running]) == [nil])
      #expect(try await owner.taskStates([running]) == [.canceled])
    }
  }

  /// Every method name in `KojiMethod` is one the hub says it serves.
  @Test func everyMethodInTheListIsOneTheHubServes() async throws {
    try await Hub.run { hub in
      let session = try hub.session(user: nil)
      let served = Set(
        try await session.call("system.listMethods").arrayValue?.compactMap(\.stringValue) ?? [])
      try #require(!served.isEmpty)
      let unknown = KojiMethod.allCases.map(\.rawValue).filter { !served.contains($0) }
      #expect(unknown.isEmpty, "\(unknown)")
    }
  }
}
