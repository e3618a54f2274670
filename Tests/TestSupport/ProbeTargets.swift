import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Real loopback sockets that give a connection attempt each outcome the network probe distinguishes:
/// `open` completes the handshake, `closed` is bound but not listening (the kernel answers RST: refused),
/// `blackhole` listens with a backlog that is already full, so the kernel drops new SYNs and a client
/// waits until its own timeout, as behind a stale flow.
public final class ProbeTargets: Sendable {
  public let openPort: UInt16
  public let closedPort: UInt16
  public let blackholePort: UInt16
  private let descriptors: [Int32]

  public init() throws {
    var descriptors: [Int32] = []
    do {
      let open = try Self.boundSocket(&descriptors)
      guard listen(open.fd, 16) == 0 else { throw FixtureError("listen failed: errno \(errno)") }
      let closed = try Self.boundSocket(&descriptors)
      let blackhole = try Self.boundSocket(&descriptors)
      guard listen(blackhole.fd, 0) == 0 else { throw FixtureError("listen failed: errno \(errno)") }
      // Never accepted: these connections fill the accept queue (a backlog of 0 holds one).
      for _ in 0..<3 {
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard client >= 0 else { throw FixtureError("socket() failed: errno \(errno)") }
        descriptors.append(client)
        _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
        var address = Loopback.loopbackAddress(port: blackhole.port)
        _ = withUnsafePointer(to: &address) {
          $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
          }
        }
      }
      // Let the queued handshakes complete before anyone relies on the queue being full.
      usleep(200_000)
      openPort = open.port
      closedPort = closed.port
      blackholePort = blackhole.port
      self.descriptors = descriptors
    } catch {
      descriptors.forEach { close($0) }
      throw error
    }
  }

  deinit { descriptors.forEach { close($0) } }

  public func url(port: UInt16) -> String { "http://127.0.0.1:\(port)/" }

  private static func boundSocket(_ descriptors: inout [Int32]) throws -> (fd: Int32, port: UInt16) {
    let socket = try Loopback.boundSocket()
    descriptors.append(socket.fd)
    return socket
  }
}
