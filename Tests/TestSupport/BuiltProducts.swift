import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Executables SwiftPM built next to the test bundle (`.build/<scratch>/debug/`).
public enum BuiltProducts {
  public static func executable(_ name: String) throws -> String {
    let bundle = Bundle.main.bundleURL
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      bundle, bundle.deletingLastPathComponent(),
    ].map { $0.appendingPathComponent(name).path }
    guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
      throw FixtureError("no built '\(name)' next to the test bundle; looked at \(candidates)")
    }
    return found
  }
}

/// Reads a descriptor to its end on a dedicated thread, counting bytes without keeping them.
public enum DescriptorDrain {
  /// A connected pair (read end, write end), both close-on-exec from birth: a child spawned by a
  /// parallel test must not inherit the write end, or the reader would never see end-of-file.
  /// (Glibc's pipe2 is not visible to Swift; a stream socketpair behaves the same for a child's stdout.)
  public static func makeChannel() throws -> (read: Int32, write: Int32) {
    var descriptors: [Int32] = [-1, -1]
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0, &descriptors) == 0
    else {
      throw FixtureError("socketpair failed: errno \(errno)")
    }
    shutdown(descriptors[0], Int32(SHUT_WR))
    return (descriptors[0], descriptors[1])
  }

  /// Closes `descriptor` when done. Returns the byte count, or throws on a read error. A slow reader
  /// (`readSize` bytes at a time, `pauseMicroseconds` after each read) plays a consumer that falls behind.
  public static func count(_ descriptor: Int32, readSize: Int = 1 << 20, pauseMicroseconds: UInt32 = 0)
    async throws -> Int
  {
    let result: Result<Int, FixtureError> = await withCheckedContinuation { continuation in
      let thread = Thread {
        let capacity = readSize
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer {
          buffer.deallocate()
          close(descriptor)
        }
        var total = 0
        while true {
          let got = read(descriptor, buffer, capacity)
          if got > 0 {
            total += got
            if pauseMicroseconds > 0 { usleep(pauseMicroseconds) }
          } else if got == 0 {
            continuation.resume(returning: .success(total))
            return
          } else if errno != EINTR {
            continuation.resume(returning: .failure(FixtureError("read failed: errno \(errno)")))
            return
          }
        }
      }
      thread.start()
    }
    return try result.get()
  }
}
