import Foundation
import OSBSSandbox
import Testing

@testable import OSBSKit

/// `KojiTaskWatcher` and `KojiTaskLogFollower` against the simulated hub on a manual clock.
@Suite("KojiTaskWatcher against the simulated hub")
struct KojiTaskWatcherTests {
  static let arches = ["x86_64", "aarch64", "ppc64le", "s390x", "i686", "armv7hl", "riscv64", "mips64el"]

  /// Submits one scratch build as builder1; returns its task id.
  static func submit(_ hub: KojiSessionTests.Hub) async throws -> Int {
    let session = try hub.session()
    try await session.login()
    let reply = try await session.call(
      "buildContainer",
      [
        KojiSessionTests.source, "f25-container-candidate",
        .object(["scratch": true, "git_branch": "f25"]),
      ])
    await session.logout()
    return Int(try #require(reply.intValue))
  }

  /// The journal's newest sequence number, to count the requests made after it.
  static func mark(_ hub: KojiSessionTests.Hub) async -> Int {
    await hub.server.journal.all.last?.sequence ?? 0
  }

  /// Requests since `mark`: all of them, and how many were multicalls.
  static func requests(since mark: Int, _ hub: KojiSessionTests.Hub) async -> (all: Int, multicalls: Int) {
    let new = await hub.server.journal.all.filter { $0.sequence > mark }
    return (new.count, new.count { $0.xmlrpcMethod == "multiCall" })
  }

  @Test func oneHubRequestPerPollOnAOnePlusEightTree() async throws {
    try await KojiSessionTests.Hub.run { hub in
      hub.hub.enqueue([KojiBuildScript(arches: Self.arches, children: true)])
      let root = try await Self.submit(hub)
      let session = try hub.session(user: nil)
      var watcher = KojiTaskWatcher(roots: [root])
      var events: [KojiTaskWatchEvent] = []

      // Until the whole tree is there and every task runs on its host.
      for _ in 0..<40 {
        hub.hub.clock.advance(by: 0.5)
        events += try await watcher.poll(using: session)
        if watcher.tasks.count == 9 && watcher.tasks.values.allSatisfy({ $0.state == .open }) { break }
      }
      try #require(watcher.tasks.count == 9)
      #expect(watcher.tasks.values.filter { $0.parent == root }.count == 8)
      #expect(
        Set(watcher.tasks.values.filter { $0.parent == root }.map(\.label))
          == Set(Self.arches.map { "\($0)-container" }))

      // Steady state: nothing new to learn, one multicall per poll.
      for _ in 0..<5 {
        let requestsBefore = watcher.hubRequests
        let mark = await Self.mark(hub)
        hub.hub.clock.advance(by: 0.1)
        let new = try await watcher.poll(using: session)
        #expect(new.isEmpty)
        let counted = await Self.requests(since: mark, hub)
        #expect(counted.all == 1)
        #expect(counted.multicalls == 1)
        #expect(watcher.hubRequests == requestsBefore + 1)
      }

      // To the end: hosts are known and nothing fails, so still one request per poll.
      var polls = 0
      while !watcher.isFinished && polls < 40 {
        polls += 1
        let mark = await Self.mark(hub)
        hub.hub.clock.advance(by: 5)
        events += try await watcher.poll(using: session)
        let counted = await Self.requests(since: mark, hub)
        #expect(counted.all == 1)
      }
      #expect(watcher.isFinished)
      #expect(watcher.unsuccessfulRoots.isEmpty)
      #expect(watcher.tasks.values.allSatisfy { $0.state == .closed })
      #expect(events.filter { $0.kind == .appeared }.count == 9)
      #expect(events.filter { $0.level == 1 }.allSatisfy { $0.task.parent == root })
    }
  }

  @Test func aFailedRootCarriesItsFault() async throws {
    try await KojiSessionTests.Hub.run { hub in
      hub.hub.enqueue([KojiBuildScript(outcome: .fail, failureReason: "boom")])
      let root = try await Self.submit(hub)
      let session = try hub.session(user: nil)
      var watcher = KojiTaskWatcher(roots: [root])
      var events: [KojiTaskWatchEvent] = []
      for _ in 0..<20 where !watcher.isFinished {
        hub.hub.clock.advance(by: 5)
        events += try await watcher.poll(using: session)
      }
      #expect(watcher.unsuccessfulRoots == [root])
      let failure = try #require(events.last { $0.task.id == root }?.failure)
      #expect(failure.contains("boom") && failure.contains("OSBS build id:"))
    }
  }

  /// Issue 11, defect 7: a tree that already finished is read to the end without waiting between polls:
  /// a childless root in one multicall, a root with children in one more (no sleep needed in between), and
  /// a failed task's logs are listed for "Relevant logs".
  @Test func aFinishedTreeSettlesWithoutWaiting() async throws {
    try await KojiSessionTests.Hub.run { hub in
      hub.hub.enqueue([
        KojiBuildScript(arches: ["x86_64", "aarch64"], children: true),
        KojiBuildScript(outcome: .fail, failureReason: "boom"),
      ])
      let tree = try await Self.submit(hub)
      let failed = try await Self.submit(hub)
      hub.hub.clock.advance(by: 600)
      let session = try hub.session(user: nil)

      var single = KojiTaskWatcher(roots: [failed])
      _ = try await single.poll(using: session)
      #expect(single.isFinished)
      #expect(single.failedTaskLogs[failed]?.contains("x86_64.log") == true)

      var watcher = KojiTaskWatcher(roots: [tree])
      _ = try await watcher.poll(using: session)
      #expect(watcher.tasks.count == 3)
      #expect(!watcher.isFinished && watcher.needsImmediatePoll)
      _ = try await watcher.poll(using: session)
      #expect(watcher.isFinished && !watcher.needsImmediatePoll)
      #expect(watcher.polls == 2)
    }
  }

  @Test func unknownTaskIsNotFound() async throws {
    try await KojiSessionTests.Hub.run { hub in
      var watcher = KojiTaskWatcher(roots: [424_242])
      await #expect(throws: KojiError.noSuchTask(424_242)) {
        try await watcher.poll(using: try hub.session(user: nil))
      }
    }
  }

  /// Logs read by offset: nothing repeated or skipped while the log grows and downloads are dropped.
  @Test func logFollowerReadsEachByteOnceAcrossDrops() async throws {
    try await KojiSessionTests.Hub.run { hub in
      hub.hub.enqueue([KojiBuildScript(logBytes: 300_000, openAfterSeconds: 0, durationSeconds: 10)])
      let root = try await Self.submit(hub)
      let session = try hub.session(user: nil)
      var follower = KojiTaskLogFollower(logNames: ["x86_64.log"], chunkSize: 16_384)
      var collected = Data()
      for step in 0..<12 {
        if step % 3 == 1 {
          await hub.server.faults.add(
            FaultRule(
              match: .init(xmlrpcMethod: "downloadTaskOutput"), action: .dropConnection(afterExecute: false),
              times: 1))
        }
        hub.hub.clock.advance(by: 1)
        try await follower.poll(tasks: [root], using: session) { chunk in
          #expect(chunk.offset == collected.count)
          collected.append(chunk.data)
        }
      }
      let file = try await HTTPClient(configuration: HTTPClientConfiguration()).send(
        HTTPRequest(url: "\(hub.endpoints.kojiFiles)/work/tasks/\(root % 10000)/\(root)/x86_64.log"))
      #expect(file.status == 200)
      // The simulated log is about logBytes long (whole lines).
      #expect(collected.count > 290_000)
      #expect(collected == file.body)
      #expect(follower.offset(task: root, file: "x86_64.log") == file.body.count)
    }
  }
}
