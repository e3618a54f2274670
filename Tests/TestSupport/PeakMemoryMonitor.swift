import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Follows a running child's own peak resident set size (`VmHWM` in /proc/PID/status) until it exits.
///
/// VmHWM belongs to the address space the child got at exec, so unlike wait4's `ru_maxrss` it does
/// not include the test process's memory. It disappears when the child exits, so the figure is the
/// last sample taken (every few milliseconds): a body buffered in memory would show long before.
public final class PeakMemoryMonitor: Sendable {
  public struct Report: Sendable, Equatable {
    public var peakKiB: Int
    public var samples: Int
  }

  private let outcome = Outcome()

  /// The sampling thread starts here, not from a task: on a busy cooperative pool a task could start
  /// it only after a short-lived child had already exited, and the report would hold no samples.
  public init(pid: pid_t, interval: Duration = .milliseconds(5)) {
    let path = "/proc/\(pid)/status"
    let outcome = outcome
    let thread = Thread {
      var report = Report(peakKiB: 0, samples: 0)
      let microseconds = useconds_t(interval.components.attoseconds / 1_000_000_000_000)
      while let kib = Self.highWaterKiB(statusPath: path) {
        report.peakKiB = max(report.peakKiB, kib)
        report.samples += 1
        usleep(microseconds)
      }
      outcome.finish(report)
    }
    thread.start()
  }

  /// The peak once the child has exited (or was reaped).
  public func report() async -> Report {
    await withCheckedContinuation { outcome.deliver(to: $0) }
  }

  /// The sampling thread's result, handed to whoever asks, before or after it is known.
  private final class Outcome: Sendable {
    private struct State {
      var report: Report?
      var waiting: [CheckedContinuation<Report, Never>] = []
    }
    private let state = Mutex(State())

    func finish(_ report: Report) {
      let waiting = state.withLock { state in
        state.report = report
        defer { state.waiting = [] }
        return state.waiting
      }
      for continuation in waiting { continuation.resume(returning: report) }
    }

    func deliver(to continuation: CheckedContinuation<Report, Never>) {
      let known: Report? = state.withLock { state in
        if let report = state.report { return report }
        state.waiting.append(continuation)
        return nil
      }
      if let known { continuation.resume(returning: known) }
    }
  }

  /// nil once the process is a zombie (no address space) or gone.
  public static func highWaterKiB(statusPath: String) -> Int? {
    guard let text = try? String(contentsOfFile: statusPath, encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return nil }
    return Int(line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).split(separator: " ")[0])
  }
}
