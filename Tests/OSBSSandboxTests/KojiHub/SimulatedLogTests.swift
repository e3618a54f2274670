import Foundation
import Testing

@testable import OSBSSandbox

@Suite("Simulated build logs")
struct SimulatedLogTests {
  /// The byte writer must produce exactly the documented line format (the hub's log time in UTC).
  @Test func generatedLinesMatchTheLogFormat() {
    // Starts 10 s before midnight UTC so lines cross a day boundary.
    let start = Date(timeIntervalSince1970: 1_795_996_790)
    let log = SimulatedLog(
      targetBytes: 200_000, arch: "x86_64", component: "cockpit", buildName: "cockpit-f45-1", start: start,
      duration: 30, tail: "done\n")
    let total = String(log.lineCount)
    for index in [0, 1, log.lineCount / 3, log.lineCount / 2, log.lineCount - 1] {
      let milliseconds =
        log.firstLineMilliseconds + Int64((Double(index) * log.millisecondsPerLine).rounded(.down))
      let step = String(index + 1)
      let padded = String(repeating: "0", count: total.count - step.count) + step
      let expected =
        KojiTime.logString(milliseconds: milliseconds)
        + " - atomic_reactor - INFO - [x86_64] step \(padded)/\(total) of cockpit build cockpit-f45-1\n"
      #expect(String(decoding: log.line(index), as: UTF8.self) == expected)
      #expect(log.line(index).count == log.lineWidth)
    }
    #expect(String(decoding: log.line(log.lineCount - 1), as: UTF8.self).hasPrefix("2026-11-30 "))
  }

  @Test func anyRangeIsTheSliceOfTheWholeLog() {
    let log = SimulatedLog(
      targetBytes: 50_000, arch: "aarch64", component: "c", buildName: "b",
      start: Date(timeIntervalSince1970: 0),
      duration: 5, tail: "tail line\n")
    let whole = log.bytes(in: 0..<log.totalSize)
    #expect(whole.count == log.totalSize)
    for range in [0..<1, 7..<300, 1_000..<1_001, (log.totalSize - 20)..<(log.totalSize + 50), 123..<45_678] {
      let clamped = range.clamped(to: 0..<log.totalSize)
      #expect(log.bytes(in: range) == Array(whole[clamped]))
    }
  }

  @Test(arguments: [10_000, 999_999, 104_857_600])
  func sizeComesCloseToTheTarget(target: Int) {
    let log = SimulatedLog(
      targetBytes: target, arch: "x86_64", component: "cockpit", buildName: "cockpit-f45-1",
      start: Date(timeIntervalSince1970: 0), duration: 10, tail: "")
    #expect(log.totalSize <= target)
    #expect(target - log.totalSize < log.lineWidth)
  }
}
