import Dispatch
import Synchronization

/// A task executor whose jobs run on the thread that calls `run(afterFirstJobs:)`, for a command's task
/// (`CommandRunner`): its nonisolated code, its child tasks and the default actors it calls then run on
/// the process's main thread instead of Dispatch's pool.
///
/// A command that waits for one answer spent more time making pool threads than working: each new thread
/// takes the loader's lock, which libcurl's mapping holds for 7–9 ms (bench/README.md, Profiles, rounds
/// fourteen and fifteen), so the command's own start could not overlap the mapping. Commands that send many
/// requests at once lose nothing: their transfers run on the HTTP driver's thread either way, and what the
/// task does between answers is a few microseconds per answer.
///
/// A job that blocks the thread blocks every job of the command, as one blocked pool thread would not: the
/// command code awaits, and what blocks (a program's pipes, a ticket fetch, a transfer) runs on threads of
/// its own. What still blocks here is waiting for a person or a pipe the command reads, as it blocked a
/// pool thread before. A question (`TerminalQuestion`) ends at the first Ctrl-C wherever it is asked: before
/// the task first waits, from the signal handler (`CommandRunner`); later, by the cancellation, which wakes
/// its wait. A read of `--from -` after the first wait would take a second Ctrl-C.
final class CallerThreadExecutor: TaskExecutor, Sendable {
  private struct Queue {
    var jobs: [UnownedJob] = []
    var finished = false
  }

  private let queue = Mutex(Queue())
  /// Signalled once per job and once by `finish`; a wake-up that finds nothing left is harmless.
  private let wakeUp = DispatchSemaphore(value: 0)

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.withLock { $0.jobs.append(job) }
    wakeUp.signal()
  }

  /// Ends `run` once the jobs already queued have run; called as the command's task returns.
  func finish() {
    queue.withLock { $0.finished = true }
    wakeUp.signal()
  }

  /// Runs jobs on this thread until `finish`; jobs queued after it are left, as the command is done.
  /// `afterFirstJobs` runs once, when the task first waits: up to then the command has only read its
  /// settings and started its first request, and what is set up here (Ctrl-C's signal sources, which start
  /// a thread) does not delay that.
  func run(afterFirstJobs: () -> Void) {
    var first = true
    while true {
      wakeUp.wait()
      let jobs = queue.withLock { queue in
        defer { queue.jobs.removeAll(keepingCapacity: true) }
        return queue.jobs
      }
      for job in jobs { job.runSynchronously(on: asUnownedTaskExecutor()) }
      if queue.withLock({ $0.finished }) { return }
      if first, !jobs.isEmpty {
        first = false
        afterFirstJobs()
      }
    }
  }
}
