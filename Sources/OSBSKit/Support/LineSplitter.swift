import Foundation

/// Cuts a byte stream into lines, keeping an unfinished last line until more bytes (or the end) arrive.
public struct LineSplitter: Sendable {
  private var pending = Data()

  public init() {}

  /// Complete lines in `chunk` (without their `\n`), after any carried-over partial line.
  public mutating func lines(in chunk: Data) -> [Data] {
    var result: [Data] = []
    var start = chunk.startIndex
    for newline in Self.newlineIndices(chunk) {
      if pending.isEmpty {
        result.append(chunk[start..<newline])
      } else {
        pending.append(chunk[start..<newline])
        result.append(pending)
        pending = Data()
      }
      start = newline + 1
    }
    if start < chunk.endIndex { pending.append(chunk[start...]) }
    return result
  }

  private static func newlineIndices(_ chunk: Data) -> [Data.Index] {
    chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Data.Index] in
      guard let base = raw.baseAddress else { return [] }
      var indices: [Data.Index] = []
      var offset = 0
      while offset < raw.count, let found = memchr(base + offset, 0x0A, raw.count - offset) {
        let position = base.distance(to: UnsafeRawPointer(found))
        indices.append(chunk.startIndex + position)
        offset = position + 1
      }
      return indices
    }
  }

  /// The unfinished last line, if any, at the end of the stream.
  public mutating func finish() -> Data? {
    defer { pending = Data() }
    return pending.isEmpty ? nil : pending
  }
}
