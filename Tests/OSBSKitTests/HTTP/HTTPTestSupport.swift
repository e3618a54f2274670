import Foundation
import Synchronization
import Testing

@testable import OSBSKit

/// Helpers shared by the transport's tests (namespaced: other suites live in the same test module).
enum HTTPTestSupport {
  /// Collects values handed to a diagnostics closure from transfer threads.
  final class Recorder<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])

    func record(_ value: Value) { storage.withLock { $0.append(value) } }

    var values: [Value] { storage.withLock { $0 } }
  }

  /// A port nothing listens on: bound once by us, then released.
  static func unusedLoopbackPort() throws -> Int {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
        bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
      }
    }
    guard bound else { throw PythonTestHTTPServer.ServerStartFailure() }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  static func client(_ configure: (inout HTTPClientConfiguration) -> Void = { _ in }) throws -> HTTPClient {
    var configuration = HTTPClientConfiguration()
    configuration.timeouts = HTTPTimeouts(connect: .seconds(5), total: .seconds(60), idle: .seconds(20))
    configure(&configuration)
    return try HTTPClient(configuration: configuration)
  }

  static func decodeJSON(_ data: Data) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// Reads from a pipe until `done` accepts what arrived (or the pipe closes), on a thread of its own:
  /// blocking reads on the two-thread cooperative pool would starve the in-process servers of other tests.
  static func readOffPool(_ handle: FileHandle, until done: @escaping @Sendable (Data) -> Bool) async -> Data
  {
    await withCheckedContinuation { continuation in
      Thread {
        var seen = Data()
        while !done(seen) {
          let more = handle.availableData
          if more.isEmpty { break }
          seen.append(more)
        }
        continuation.resume(returning: seen)
      }.start()
    }
  }
}
