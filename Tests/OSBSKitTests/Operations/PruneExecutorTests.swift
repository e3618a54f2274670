import Foundation
import Synchronization
import Testing

@testable import OSBSKit

/// `PruneExecutor` on its own: what a first and a second interrupt leave in the report.
@Suite struct PruneExecutorTests {
  /// Deletions that finish at once, except those of the items in `hanging`, which wait for `release()`.
  final class Server: Sendable {
    let hanging: Set<String>
    private let state = Mutex<
      (
        started: Set<String>, ended: Set<String>, endedAtStart: [String: Set<String>],
        gate: [CheckedContinuation<Void, Never>], open: Bool
      )
    >(([], [], [:], [], false))

    init(hanging: Set<String>) { self.hanging = hanging }

    var started: Set<String> { state.withLock { $0.started } }
    /// For each item started, the items whose deletion had returned by then.
    var endedAtStart: [String: Set<String>] { state.withLock { $0.endedAtStart } }

    func delete(_ item: PruneItem) async -> PruneDeletion {
      defer { state.withLock { _ = $0.ended.insert(item.id) } }
      state.withLock { state in
        state.started.insert(item.id)
        state.endedAtStart[item.id] = state.ended
      }
      if hanging.contains(item.id) {
        await withCheckedContinuation { continuation in
          let open = state.withLock { state -> Bool in
            if !state.open { state.gate.append(continuation) }
            return state.open
          }
          if open { continuation.resume() }
        }
      }
      return .deleted(reclaimedBytes: nil)
    }

    func release() {
      let waiting = state.withLock { state in
        state.open = true
        defer { state.gate = [] }
        return state.gate
      }
      for continuation in waiting { continuation.resume() }
    }
  }

  static func items(_ count: Int) -> [PruneItem] {
    (0..<count).map { PruneItem(kind: .build, id: "ns/b\($0)", name: "b\($0)", reason: "test") }
  }

  static func waitUntil(_ condition: () -> Bool) async throws {
    for _ in 0..<2_000 where !condition() { try await Task.sleep(for: .milliseconds(5)) }
    #expect(condition())
  }

  @Test func aSecondInterruptStopsWaitingAndReportsTheUnansweredAsAbandoned() async throws {
    let items = Self.items(10)
    // Items 0–4 are deleted at once; 5, 6 and 7 (one per lane) hang.
    let server = Server(hanging: ["ns/b5", "ns/b6", "ns/b7"])
    defer { server.release() }
    let stop = StopWaitingSignal()
    let executor = PruneExecutor(parallelism: 3, stopWaiting: stop)
    let run = Task { await executor.run(scope: "builds", items: items) { await server.delete($0) } }
    try await Self.waitUntil { server.started.isSuperset(of: server.hanging) }
    run.cancel()  // the first Ctrl-C: nothing new starts, the hanging ones are still waited for
    stop.fire()  // the second: stop waiting
    let report = await run.value

    #expect(report.interrupted)
    #expect(report.deleted.map(\.id) == ["ns/b0", "ns/b1", "ns/b2", "ns/b3", "ns/b4"])
    #expect(report.abandoned.map(\.id) == ["ns/b5", "ns/b6", "ns/b7"])
    #expect(report.totals.abandoned == 3 && report.totals.notAttempted == 2)
    #expect(report.failureKind == .interrupted)
  }

  @Test func aFirstInterruptAloneWaitsForWhatIsInFlight() async throws {
    let items = Self.items(10)
    let server = Server(hanging: ["ns/b5", "ns/b6", "ns/b7"])
    let executor = PruneExecutor(parallelism: 3, stopWaiting: StopWaitingSignal())
    let run = Task { await executor.run(scope: "builds", items: items) { await server.delete($0) } }
    try await Self.waitUntil { server.started.isSuperset(of: server.hanging) }
    run.cancel()
    server.release()
    let report = await run.value

    #expect(report.interrupted)
    #expect(report.deleted.count == 8 && report.abandoned.isEmpty)
    #expect(report.totals.notAttempted == 2)
  }

  /// Item 2 is a parent of 0 and 1, and 4 of 2: neither starts before what it waits for has ended, while
  /// item 3, which waits for nothing, goes ahead of them.
  @Test func anItemStartsOnlyAfterTheItemsItWaitsForHaveEnded() async throws {
    let items = Self.items(5)
    let server = Server(hanging: ["ns/b0"])
    defer { server.release() }
    let executor = PruneExecutor(parallelism: 8)
    let run = Task {
      await executor.run(scope: "images", items: items, after: [[], [], [0, 1], [], [2]]) {
        await server.delete($0)
      }
    }
    try await Self.waitUntil { server.started == ["ns/b0", "ns/b1", "ns/b3"] }
    // b0 hangs, so b2 (and b4 after it) cannot have started, however long the run has had.
    #expect(server.started == ["ns/b0", "ns/b1", "ns/b3"])
    server.release()
    let report = await run.value

    #expect(report.deleted.map(\.id) == items.map(\.id))
    let endedAtStart = server.endedAtStart
    #expect(endedAtStart["ns/b2"]?.isSuperset(of: ["ns/b0", "ns/b1"]) == true, "\(endedAtStart)")
    #expect(endedAtStart["ns/b4"]?.contains("ns/b2") == true, "\(endedAtStart)")
  }

  /// A prerequisite that comes later in the order (which the plan never makes) is ignored rather than
  /// waited for forever.
  @Test func aLaterPrerequisiteIsIgnored() async {
    let items = Self.items(2)
    let server = Server(hanging: [])
    let report = await PruneExecutor(parallelism: 1).run(scope: "images", items: items, after: [[1], [0]]) {
      await server.delete($0)
    }
    #expect(report.deleted.map(\.id) == ["ns/b0", "ns/b1"])
    #expect(server.endedAtStart["ns/b1"] == ["ns/b0"])
  }
}
