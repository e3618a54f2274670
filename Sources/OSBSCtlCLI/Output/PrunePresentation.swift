import Foundation
import OSBSKit
import Synchronization

extension PruneReport: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide
      ? ["action", "kind", "namespace", "name", "size", "reason", "id"]
      : ["action", "kind", "namespace", "name", "reason"]
  }

  func rows(wide: Bool) -> [[String]] {
    func row(_ action: String, _ item: PruneItem, _ reason: String) -> [String] {
      let base = [action, item.kind.rawValue, item.namespace ?? "-", item.name]
      return wide
        ? base + [item.sizeBytes.map(ByteCount.format) ?? "-", reason, item.id] : base + [reason]
    }
    if dryRun { return planned.map { row("would delete", $0, $0.reason) } }
    return deleted.map { row("deleted", $0, $0.reason) }
      + skipped.map { row("skipped", $0.item, $0.reason) }
      + failed.map { row("failed", $0.item, $0.error) }
      + abandoned.map {
        row("abandoned", $0, "no answer when a second Ctrl-C stopped the wait: may or may not be gone")
      }
  }

  var resourceNames: [String] {
    (dryRun ? planned : deleted).map { "\($0.kind.rawValue)/\($0.name)" }
  }

  /// Nothing was planned and nothing went wrong while planning.
  var isEmptyPlan: Bool {
    totals.planned == 0 && abortError == nil && !interrupted && failed.isEmpty && skipped.isEmpty
  }

  /// The one-line account printed to stderr after the table or JSON.
  var summaryLine: String {
    let bytes = { (count: Int64) in count > 0 ? " (\(ByteCount.format(count)))" : "" }
    if dryRun {
      return "dry run: \(totals.planned) to delete\(bytes(totals.plannedBytes)); nothing changed. "
        + "Run again with --confirm to delete them."
    }
    var line =
      "deleted \(totals.deleted)\(bytes(totals.reclaimedBytes)), skipped \(totals.skipped), "
      + "failed \(totals.failed)"
    if totals.abandoned > 0 {
      line += ", abandoned \(totals.abandoned) (sent but unanswered: they may or may not be gone)"
    }
    if totals.notAttempted > 0 {
      line += ", not attempted \(totals.notAttempted) (run the same command again to finish)"
    }
    return line
  }
}

/// Shows how far a prune has got on a terminal's stderr, in place; silent on a pipe or a file.
final class PruneProgressBar: Sendable {
  private let console: Console
  private let label: String
  private let lastDraw = Mutex<ContinuousClock.Instant?>(nil)

  init(console: Console, label: String) {
    self.console = console
    self.label = label
  }

  /// The callback for `PruneExecutor.run(progress:)`, or nil when nobody is watching.
  var callback: (@Sendable (Int, Int) -> Void)? {
    guard console.showsProgress else { return nil }
    return { [self] done, total in self.update(done: done, total: total) }
  }

  func update(done: Int, total: Int) {
    let now = ContinuousClock.now
    // Redrawing on every deletion would cost more than the deletions on a fast server.
    let due = lastDraw.withLock { last in
      guard done == total || last.map({ now - $0 >= .milliseconds(100) }) ?? true else { return false }
      last = now
      return true
    }
    guard due, total > 0 else { return }
    let width = 30
    let filled = width * done / total
    let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
    console.stderr.write("\r\(label) [\(bar)] \(done)/\(total)")
  }

  /// Clears the line so the report starts on a clean one.
  func finish() {
    guard console.showsProgress, lastDraw.withLock({ $0 }) != nil else { return }
    console.stderr.write("\r\u{1B}[K")
  }
}

/// The common ending of every prune command: the report on stdout, the account on stderr, the exit code.
enum PruneOutput {
  static func finish(_ report: PruneReport, renderer: ResultRenderer, console: Console) throws -> Int32 {
    // Nothing matched: say so instead of an empty table and a call to run again with --confirm. JSON and
    // YAML still carry the (empty) report.
    if report.isEmptyPlan {
      if renderer.isStructured { try renderer.render(report) }
      console.message("nothing to prune")
      return ExitStatus.success
    }
    try renderer.render(report)
    // The exit code's kind in the error line; with -o json a failed run always has one, as every command's.
    if let kind = report.failureKind {
      if let abortError = report.abortError {
        console.error("stopped early: \(abortError)", kind: kind)
      } else if console.structuredErrors {
        console.error(report.interrupted ? "interrupted" : report.summaryLine, kind: kind)
      }
    }
    if report.interrupted {
      console.message(
        report.abandoned.isEmpty
          ? "interrupted: in-flight deletions finished, nothing new started"
          : "interrupted twice: stopped waiting for \(counted(report.abandoned.count, "deletion")) in flight")
    }
    console.message(report.summaryLine)
    return report.failureKind.map(ExitStatus.code(for:)) ?? ExitStatus.success
  }
}
