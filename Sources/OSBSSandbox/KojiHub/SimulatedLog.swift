import Foundation

/// A build log that exists only as a recipe: a small fixed head, `lineCount` generated lines of equal
/// width, and a fixed tail. Any byte range can be produced on demand, so a 100 MB log costs nothing
/// until somebody downloads it, and the same range always has the same bytes.
struct SimulatedLog: Sendable, Hashable {
  var head: [UInt8]
  var tail: [UInt8]
  var lineCount: Int
  /// Bytes per generated line, newline included.
  var lineWidth: Int
  var arch: String
  var component: String
  var buildName: String
  /// Log time of the first generated line, and the spacing of the following ones.
  var firstLineMilliseconds: Int64
  var millisecondsPerLine: Double

  var totalSize: Int { head.count + lineCount * lineWidth + tail.count }

  /// A log with `lineCount` lines of `step N/M of COMPONENT build NAME`, sized to about `targetBytes`.
  init(
    targetBytes: Int?, arch: String, component: String, buildName: String, start: Date,
    duration: TimeInterval,
    tail: String
  ) {
    self.head = []
    self.tail = Array(tail.utf8)
    self.arch = arch
    self.component = component
    self.buildName = buildName
    self.firstLineMilliseconds = Int64((start.timeIntervalSince1970 * 1000).rounded())
    var count = 20
    if let targetBytes {
      // The width depends on the digits of the count, and the count on the width: two rounds settle it.
      let budget = max(0, targetBytes - self.tail.count)
      for _ in 0..<2 {
        let width = Self.width(lineCount: count, arch: arch, component: component, buildName: buildName)
        count = max(1, budget / width)
      }
    }
    self.lineCount = count
    self.lineWidth = Self.width(lineCount: count, arch: arch, component: component, buildName: buildName)
    self.millisecondsPerLine = count > 0 ? duration * 1000 / Double(count) : 0
  }

  private static func width(lineCount: Int, arch: String, component: String, buildName: String) -> Int {
    let digits = String(lineCount).count
    // "2026-11-29 03:02:32,145 - atomic_reactor - INFO - [x86_64] step 0001/1000 of c build b\n"
    return 23 + " - atomic_reactor - INFO - [".utf8.count + arch.utf8.count + "] step ".utf8.count + digits
      + 1
      + digits + " of ".utf8.count + component.utf8.count + " build ".utf8.count + buildName.utf8.count + 1
  }

  /// Size of the part written after `fraction` (0...1) of the run; whole lines only, the tail last.
  func visibleSize(fraction: Double) -> Int {
    if fraction >= 1 { return totalSize }
    let lines = Int((max(0, fraction) * Double(lineCount)).rounded(.down))
    return head.count + min(lines, lineCount) * lineWidth
  }

  /// Size after `bytesPerSecond` growth for `elapsed` seconds (whole lines, never the tail).
  func visibleSize(elapsed: TimeInterval, bytesPerSecond: Double) -> Int {
    let bytes = max(0, elapsed) * bytesPerSecond
    let lines = min(lineCount, Int((bytes / Double(lineWidth)).rounded(.down)))
    return head.count + lines * lineWidth
  }

  /// The bytes of `range`, clamped to the log.
  func bytes(in range: Range<Int>) -> [UInt8] {
    let lower = max(0, range.lowerBound)
    let upper = min(totalSize, range.upperBound)
    guard lower < upper else { return [] }
    var out: [UInt8] = []
    out.reserveCapacity(upper - lower)
    var position = lower
    if position < head.count {
      let end = min(upper, head.count)
      out += head[position..<end]
      position = end
    }
    let bodyEnd = head.count + lineCount * lineWidth
    while position < upper && position < bodyEnd {
      let index = (position - head.count) / lineWidth
      let lineStart = head.count + index * lineWidth
      let line = self.line(index)
      let from = position - lineStart
      let to = min(lineWidth, upper - lineStart)
      out += line[from..<to]
      position = lineStart + to
    }
    if position < upper {
      out += tail[(position - bodyEnd)..<(upper - bodyEnd)]
    }
    return out
  }

  func line(_ index: Int) -> [UInt8] {
    let milliseconds = firstLineMilliseconds + Int64((Double(index) * millisecondsPerLine).rounded(.down))
    let total = String(lineCount)
    let step = String(index + 1)
    let padded = String(repeating: "0", count: max(0, total.count - step.count)) + step
    let text =
      KojiTime.logString(milliseconds: milliseconds) + " - atomic_reactor - INFO - [\(arch)] step \(padded)/"
      + "\(total) of \(component) build \(buildName)\n"
    return Array(text.utf8)
  }
}
