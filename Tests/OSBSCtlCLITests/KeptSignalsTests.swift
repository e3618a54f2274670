import Dispatch
import Foundation
import Synchronization
import Testing

@testable import OSBSCtlCLI

/// The hand-over of a command's Ctrl-C and SIGTERM to Dispatch (`KeptSignals`), with a signal no test
/// process uses (SIGUSR2) standing in for them: one that comes after the handler switched to keeping and
/// before the source registered reaches the source once, and the next ones reach it through Dispatch.
@Suite("KeptSignals")
struct KeptSignalsTests {
  @Test func aSignalBeforeTheSourceRegistersIsHandedToItOnce() async throws {
    let handled = Atomic<Int>(0)
    let count: @Sendable () -> Int = { handled.load(ordering: .sequentiallyConsistent) }
    KeptSignals.startKeeping([SIGUSR2])
    // Kept, and the process goes on. Raised on a thread of its own: a test runs on a Dispatch thread, which
    // blocks every signal.
    #expect(Self.raiseOnAThreadThatTakesIt(SIGUSR2) == 0)
    #expect(count() == 0)
    let sources = KeptSignals.sources(for: [SIGUSR2], queue: DispatchQueue(label: "kept-signals-test")) {
      handled.add(1, ordering: .sequentiallyConsistent)
    }
    defer { for source in sources { source.cancel() } }
    try await Self.wait { count() >= 1 }
    #expect(count() == 1)
    // Registered: Dispatch's own handler is in place, so a new signal (sent to the process, as a terminal's
    // Ctrl-C is) is an event, not kept again.
    #expect(kill(getpid(), SIGUSR2) == 0)
    try await Self.wait { count() >= 2 }
    try await Task.sleep(for: .milliseconds(100))
    #expect(count() == 2)
  }

  /// `raise(number)` on a new thread that does not block it, so that the handler runs there before it
  /// returns.
  private static func raiseOnAThreadThatTakesIt(_ number: Int32) -> Int32 {
    let result = Mutex<Int32>(-1)
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      var set = sigset_t()
      sigemptyset(&set)
      sigaddset(&set, number)
      pthread_sigmask(SIG_UNBLOCK, &set, nil)
      let raised = raise(number)
      result.withLock { $0 = raised }
      done.signal()
    }
    done.wait()
    return result.withLock { $0 }
  }

  private static func wait(_ done: @Sendable () -> Bool) async throws {
    for _ in 0..<400 where !done() { try await Task.sleep(for: .milliseconds(10)) }
  }
}
