import Foundation

/// One build's log as the kubelet keeps it: `<RFC3339Nano stamp> <text>\n` lines in one buffer, with
/// each line's offset and stamp so `sinceTime` can find where to start.
struct BuildLogStore: Sendable {
  private(set) var bytes = Data()
  private(set) var lineOffsets: [Int] = []
  private(set) var lineSeconds: [Int64] = []
  private(set) var lastNanoseconds: Int64 = 0

  /// Appends `text` split at newlines (a final line without one counts as a line), stamping each line
  /// `interval` after the previous one starting at `start` (or now), never going back in time.
  mutating func append(_ text: String, start: Int64? = nil, interval: Int64 = 1000) {
    var stamp = max(start ?? ClusterClock.nowNanoseconds(), lastNanoseconds + 1)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if text.hasSuffix("\n") { lines.removeLast() }
    bytes.reserveCapacity(bytes.count + text.utf8.count + lines.count * 32)
    for line in lines {
      lineOffsets.append(bytes.count)
      lineSeconds.append(stamp / 1_000_000_000)
      bytes.append(contentsOf: ClusterClock.rfc3339Nano(nanoseconds: stamp).utf8)
      bytes.append(UInt8(ascii: " "))
      bytes.append(contentsOf: line.utf8)
      bytes.append(UInt8(ascii: "\n"))
      lastNanoseconds = stamp
      stamp += max(1, interval)
    }
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
