import Foundation

/// One build's log as the kubelet keeps it: `<RFC3339Nano stamp> <text>\n` lines in one buffer, with
/// each line's offset and stamp so `sinceTime` can find where to start.
struct BuildLogStore: Sendable {
  /// How this kubelet writes stamps.
  var generation = ClusterGeneration.current
  private(set) var bytes = Data()
  /// The last line has no newline yet: the log, read now, ends without one (as real logs can).
  private(set) var lastLineOpen = false
  private(set) var lineOffsets: [Int] = []
  private(set) var lineSeconds: [Int64] = []
  private(set) var lastNanoseconds: Int64 = 0

  /// Appends `text` split at newlines, stamping each line `interval` after the previous one starting at
  /// `start` (or now), never going back in time. A final line without a newline stays unterminated
  /// until the next append (the log then ends without a newline, as real ones may).
  mutating func append(_ text: String, start: Int64? = nil, interval: Int64 = 1000) {
    guard !text.isEmpty else { return }
    var stamp = max(start ?? ClusterClock.nowNanoseconds(), lastNanoseconds + 1)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let terminated = text.hasSuffix("\n")
    if terminated { lines.removeLast() }
    if lastLineOpen { bytes.append(UInt8(ascii: "\n")) }
    bytes.reserveCapacity(bytes.count + text.utf8.count + lines.count * 32)
    for (index, line) in lines.enumerated() {
      lineOffsets.append(bytes.count)
      lineSeconds.append(stamp / 1_000_000_000)
      bytes.append(contentsOf: generation.stamp(ClusterClock.rfc3339Nano(nanoseconds: stamp)).utf8)
      bytes.append(UInt8(ascii: " "))
      bytes.append(contentsOf: line.utf8)
      if terminated || index < lines.count - 1 { bytes.append(UInt8(ascii: "\n")) }
      lastNanoseconds = stamp
      stamp += max(1, interval)
    }
    lastLineOpen = !terminated
  }

  /// Byte offset of the first line stamped at or after `seconds`.
  func offset(sinceSeconds seconds: Int64?) -> Int {
    guard let seconds else { return 0 }
    var low = 0
    var high = lineSeconds.count
    while low < high {
      let middle = (low + high) / 2
      if lineSeconds[middle] < seconds { low = middle + 1 } else { high = middle }
    }
    return low < lineOffsets.count ? lineOffsets[low] : bytes.count
  }

  /// Byte offset of the last `count` lines (`tailLines`); the whole log when `count` is nil.
  func offset(tailLines count: Int?) -> Int {
    guard let count else { return 0 }
    guard count > 0 else { return bytes.count }
    return count >= lineOffsets.count ? 0 : lineOffsets[lineOffsets.count - count]
  }

  /// The text without stamps.
  var plainText: String {
    var out = ""
    for (index, start) in lineOffsets.enumerated() {
      let end = index + 1 < lineOffsets.count ? lineOffsets[index + 1] : bytes.count
      let line = bytes[start..<end]
      if let space = line.firstIndex(of: UInt8(ascii: " ")) {
        out += String(decoding: line[(space + 1)...], as: UTF8.self)
      }
    }
    return out
  }

  /// `bytes[from..<to]` without the stamps (for requests without `timestamps=true`).
  func unstamped(_ range: Range<Int>) -> Data {
    var out = Data()
    out.reserveCapacity(range.count)
    var position = range.lowerBound
    while position < range.upperBound {
      let slice = bytes[position..<range.upperBound]
      let newline = slice.firstIndex(of: UInt8(ascii: "\n")) ?? range.upperBound
      let line = bytes[position..<newline]
      if let space = line.firstIndex(of: UInt8(ascii: " ")) {
        out.append(bytes[(space + 1)..<newline])
      }
      if newline < range.upperBound { out.append(UInt8(ascii: "\n")) }
      position = newline + 1
    }
    return out
  }
}
