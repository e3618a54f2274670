import Foundation
import Synchronization
import Testing

@testable import OSBSKit

/// `PruneExecutor` on its own: what a first and a second interrupt leave in the report.
@Suite struct PruneExecutorTests {
  /// Deletions that finish at once, except those of the items in `hanging`, which wait for `release()`.
  final class Server: Sendable {
    let hanging: Set<String>
    private let state = Mutex<(started: Set<String>, gate: [CheckedContinuation<Void, Never>], open: Bool)>(
      ([], [], false))

    init(hanging: Set<String>) { self.hanging = hanging }

    var started: Set<String> { state.withLock { $0.started } }

    func delete(_ item: PruneItem) async -> PruneDeletion {
      state.withLock { _ = $0.started.insert(item.id) }
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
}
