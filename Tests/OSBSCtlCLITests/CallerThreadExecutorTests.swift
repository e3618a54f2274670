import Foundation
import Synchronization
import Testing

@testable import OSBSCtlCLI

/// The executor a command's task runs on (`CommandRunner`): everything the task does, its child tasks and
/// what resumes it from other threads included, runs on the thread that called `run`, and `run` returns
/// when the task is done.
@Suite("CallerThreadExecutor")
struct CallerThreadExecutorTests {
  /// The id of the calling thread.
  private static func currentThread() -> UInt { UInt(bitPattern: Int(bitPattern: pthread_self())) }

  /// What a driven task saw: the threads its parts ran on, and after how many of them the set-up ran.
  private final class Record: Sendable {
    let seen = Mutex<[UInt]>([])
    let afterFirst = Mutex<[Int]>([])

    func report(_ thread: UInt) { seen.withLock { $0.append(thread) } }
  }

  /// Runs `body` as a task on a `CallerThreadExecutor` driven by a thread of its own, as the executable's
  /// main thread drives it; returns the driving thread, the threads `body` reported, and when
  /// `afterFirstJobs` ran (after how many reports).
  private static func drive(
    _ body: @escaping @Sendable (_ record: Record) async -> Void
  ) async -> (driver: UInt, seen: [UInt], afterFirst: [Int]) {
    let record = Record()
    let driver = await withCheckedContinuation { (done: CheckedContinuation<UInt, Never>) in
      Thread.detachNewThread {
        let executor = CallerThreadExecutor()
        _ = Task(executorPreference: executor) {
          defer { executor.finish() }
          await body(record)
        }
        executor.run { record.afterFirst.withLock { $0.append(record.seen.withLock(\.count)) } }
        done.resume(returning: currentThread())
      }
    }
    return (driver, record.seen.withLock { $0 }, record.afterFirst.withLock { $0 })
  }

  @Test func theTaskItsChildrenAndItsResumptionsRunOnTheDrivingThread() async {
    let (driver, seen, afterFirst) = await Self.drive { record in
      record.report(Self.currentThread())
      // Resumed from another thread: the rest still runs on the driver.
      await withCheckedContinuation { (resumed: CheckedContinuation<Void, Never>) in
        Thread.detachNewThread { resumed.resume() }
      }
      record.report(Self.currentThread())
      await withTaskGroup(of: UInt.self) { group in
        for _ in 0..<4 { group.addTask { Self.currentThread() } }
        for await thread in group { record.report(thread) }
      }
      try? await Task.sleep(for: .milliseconds(5))
      record.report(Self.currentThread())
    }
    #expect(seen.count == 7)
    #expect(seen.allSatisfy { $0 == driver }, "driver \(driver), seen \(seen)")
    // Once, when the task first waited (after its first report).
    #expect(afterFirst == [1])
  }

  @Test func aTaskThatNeverWaitsEndsTheRunAndSkipsTheSetUp() async {
    let (driver, seen, afterFirst) = await Self.drive { record in record.report(Self.currentThread()) }
    #expect(seen == [driver])
    #expect(afterFirst.isEmpty)
  }
}
