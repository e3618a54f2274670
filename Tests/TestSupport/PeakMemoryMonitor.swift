import Foundation

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

  private let finished: Task<Report, Never>

  public init(pid: pid_t, interval: Duration = .milliseconds(5)) {
    let path = "/proc/\(pid)/status"
    finished = Task.detached {
      await withCheckedContinuation { continuation in
        let thread = Thread {
          var report = Report(peakKiB: 0, samples: 0)
          let microseconds = useconds_t(interval.components.attoseconds / 1_000_000_000_000)
          while let kib = Self.highWaterKiB(statusPath: path) {
            report.peakKiB = max(report.peakKiB, kib)
            report.samples += 1
            usleep(microseconds)
          }
          continuation.resume(returning: report)
        }
        thread.start()
      }
    }
  }

  /// The peak once the child has exited (or was reaped).
  public func report() async -> Report { await finished.value }

  /// nil once the process is a zombie (no address space) or gone.
  static func highWaterKiB(statusPath: String) -> Int? {
    guard let text = try? String(contentsOfFile: statusPath, encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return nil }
    return Int(line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).split(separator: " ")[0])
  }
}
