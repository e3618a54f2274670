/// What of a container's log the sandbox kubelet may copy into the log the API serves.
///
/// The engine gives the log only whole, so the kubelet reads it again on every look and copies what is
/// new. A read is not always a prefix of the next one: podman's k8s-file reader hands over the entry
/// at the end of the file as it finds it, and a read that lands while conmon is writing that entry gets
/// it cut (`<time> stdout F ` alone is an empty line, the `{` after it not yet written). Copying such a
/// read by byte offset drops or repeats text. A cut can only be in the read's last line, so while the
/// container runs a line is copied once a read shows more after it, and only as far as that read and
/// the one before agree; once the container has exited, all of it when two reads are equal.
struct ContainerLogCopy: Sendable, Equatable {
  /// Bytes of the engine's log already handed out, never taken back.
  private(set) var copiedBytes = 0
  /// The whole log has been copied: the container had exited and two reads were equal.
  private(set) var isSettled = false
  private var lastRead: [UInt8] = []

  /// The text to append after one more read of the whole log.
  mutating func take(_ read: [UInt8], exited: Bool) -> [UInt8] {
    guard !isSettled else { return [] }
    let end: Int
    if exited && read == lastRead {
      isSettled = true
      end = read.count
    } else {
      let newline = UInt8(ascii: "\n")
      let agreed = zip(lastRead, read).prefix { $0 == $1 }.count
      let agreedLines = read[..<agreed].lastIndex(of: newline).map { $0 + 1 } ?? 0
      let beforeLastLine = (read.last == newline ? read.dropLast() : read[...]).lastIndex(of: newline)
      end = min(agreedLines, beforeLastLine.map { $0 + 1 } ?? 0)
    }
    lastRead = read
    return handOut(upTo: end)
  }

  /// The rest of the last read, for an exited container whose reads never agreed (an engine that
  /// kept changing its answer): the last one is the best there is.
  mutating func settle() -> [UInt8] {
    guard !isSettled else { return [] }
    isSettled = true
    return handOut(upTo: lastRead.count)
  }

  private mutating func handOut(upTo end: Int) -> [UInt8] {
    guard end > copiedBytes else { return [] }
    defer { copiedBytes = end }
    return Array(lastRead[copiedBytes..<end])
  }
}
