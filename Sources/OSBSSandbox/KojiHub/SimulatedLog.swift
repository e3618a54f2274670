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
      // The width depends on the digits of the count, and the count on the width: iterate until both
      // agree (a few rounds at most; stop early if it oscillates at a digit boundary).
      let budget = max(0, targetBytes - self.tail.count)
      for _ in 0..<6 {
        let width = Self.width(lineCount: count, arch: arch, component: component, buildName: buildName)
        let next = max(1, budget / width)
        if next == count { break }
        count = next
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
    var writer = LineWriter(log: self)
    var partial: [UInt8] = []
    while position < upper && position < bodyEnd {
      let index = (position - head.count) / lineWidth
      let lineStart = head.count + index * lineWidth
      let from = position - lineStart
      let to = min(lineWidth, upper - lineStart)
      if from == 0 && to == lineWidth {
        writer.append(line: index, to: &out)
      } else {
        partial.removeAll(keepingCapacity: true)
        writer.append(line: index, to: &partial)
        out += partial[from..<to]
      }
      position = lineStart + to
    }
    if position < upper {
      out += tail[(position - bodyEnd)..<(upper - bodyEnd)]
    }
    return out
  }

  func line(_ index: Int) -> [UInt8] {
    var writer = LineWriter(log: self)
    var out: [UInt8] = []
    writer.append(line: index, to: &out)
    return out
  }

  /// Writes generated lines as bytes, without building Strings, so a 100 MB log is produced about as
  /// fast as memory is written: a benchmark of a client must not measure this generator instead.
  private struct LineWriter {
    let log: SimulatedLog
    let middle: [UInt8]
    let total: [UInt8]
    let suffix: [UInt8]
    var cachedDay = Int64.min
    var dayPrefix: [UInt8] = []

    init(log: SimulatedLog) {
      self.log = log
      middle = Array(" - atomic_reactor - INFO - [\(log.arch)] step ".utf8)
      total = Array(String(log.lineCount).utf8)
      suffix = Array(" of \(log.component) build \(log.buildName)\n".utf8)
    }

    mutating func append(line index: Int, to out: inout [UInt8]) {
      let milliseconds =
        log.firstLineMilliseconds + Int64((Double(index) * log.millisecondsPerLine).rounded(.down))
      let seconds = milliseconds.floorDivided(by: 1000)
      let day = seconds.floorDivided(by: 86_400)
      if day != cachedDay {
        // "YYYY-MM-DD " from the shared civil-date formatter, once per day of log time.
        cachedDay = day
        dayPrefix = Array(KojiTime.civil(day * 86_400).prefix(11).utf8)
      }
      out += dayPrefix
      let secondOfDay = Int(seconds - day * 86_400)
      Self.appendDigits(secondOfDay / 3600, width: 2, to: &out)
      out.append(UInt8(ascii: ":"))
      Self.appendDigits(secondOfDay / 60 % 60, width: 2, to: &out)
      out.append(UInt8(ascii: ":"))
      Self.appendDigits(secondOfDay % 60, width: 2, to: &out)
      out.append(UInt8(ascii: ","))
      Self.appendDigits(Int(milliseconds - seconds * 1000), width: 3, to: &out)
      out += middle
      Self.appendDigits(index + 1, width: total.count, to: &out)
      out.append(UInt8(ascii: "/"))
      out += total
      out += suffix
    }

    private static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
      var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
      var rest = value
      var position = width - 1
      while position >= 0 && rest > 0 {
        digits[position] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
        position -= 1
      }
      out += digits
    }
  }
}
