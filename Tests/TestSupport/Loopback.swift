import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Loopback helpers: free ports and "does it answer yet" probes.
public enum Loopback {
  /// A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it; callers retry on a clash).
  public static func freePort() throws -> UInt16 {
    let socket = try boundSocket()
    close(socket.fd)
    return socket.port
  }

  /// A TCP socket bound to 127.0.0.1 on a port the kernel picked, not listening; the caller closes `fd`.
  public static func boundSocket() throws -> (fd: Int32, port: UInt16) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw FixtureError("socket() failed: errno \(errno)") }
    var address = loopbackAddress(port: 0)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0 else {
      close(fd)
      throw FixtureError("bind(127.0.0.1:0) failed: errno \(errno)")
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else {
      close(fd)
      throw FixtureError("getsockname failed: errno \(errno)")
    }
    return (fd, UInt16(bigEndian: address.sin_port))
  }

  /// True if something accepts a TCP connection on 127.0.0.1:`port` right now.
  public static func acceptsTCP(port: UInt16) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = loopbackAddress(port: port)
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }

  /// True if something accepts a connection on the unix-domain socket at `path` right now.
  public static func acceptsUnix(path: String) -> Bool {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      buffer.copyBytes(from: bytes)
      buffer[bytes.count] = 0
    }
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
      }
    }
  }

  public static func loopbackAddress(port: UInt16) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
  }
}

/// Polls until a freshly started server answers, failing early if it exits and with its log on timeout.
enum Readiness {
  static func wait(
    for process: ChildProcess, name: String, logPaths: [String], timeout: Duration = .seconds(10),
    isReady: () -> Bool
  ) async throws {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while true {
      if isReady() { return }
      if let ended = process.exitedTermination() {
        throw FixtureError("\(name) exited during start-up (\(ended)).\n\(logText(logPaths))")
      }
      if ContinuousClock.now >= deadline {
        process.stop()
        throw FixtureError("\(name) did not answer within \(timeout).\n\(logText(logPaths))")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  static func logText(_ paths: [String]) -> String {
    paths.map { path in
      let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(missing)"
      return "--- \(path) ---\n\(text)"
    }.joined(separator: "\n")
  }
}

/// A private directory under /tmp (short, so unix-socket paths fit in sun_path), readable by the
/// unprivileged user that Apache and nginx workers switch to when started as root.
public struct TemporaryDirectory: Sendable {
  public let url: URL
  public var path: String { url.path }

  public init(prefix: String) throws {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw FixtureError("mkdtemp failed: errno \(errno)") }
    let path = String(cString: made)
    chmod(path, 0o755)
    url = URL(fileURLWithPath: path, isDirectory: true)
  }

  public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

  @discardableResult
  public func makeSubdirectory(_ name: String) throws -> String {
    let path = file(name)
    try FileManager.default.createDirectory(
      atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    return path
  }

  public func write(_ text: String, to name: String, permissions: Int = 0o644) throws {
    let path = file(name)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    chmod(path, mode_t(permissions))
  }

  public func remove() { try? FileManager.default.removeItem(at: url) }
}
