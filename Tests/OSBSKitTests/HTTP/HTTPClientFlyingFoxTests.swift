import FlyingFox
import Foundation
import Testing

@testable import OSBSKit

@Suite("HTTPClient against a FlyingFox server")
struct HTTPClientFlyingFoxTests {
  /// Echoes the method, one request header and the body back, with a response header of its own.
  private func startEchoServer() async throws -> (FlyingFox.HTTPServer, Task<Void, any Error>, String) {
    let server = FlyingFox.HTTPServer(address: .loopback(port: 0), logger: .disabled)
    await server.appendRoute("/echo") { request in
      let body = try await request.bodyData
      let summary = "\(request.method.rawValue)|\(request.headers[HTTPHeader("X-Request-Tag")] ?? "-")|"
      var headers = FlyingFox.HTTPHeaders()
      headers.addValue("reply-tag", for: HTTPHeader("X-Reply-Tag"))
      return FlyingFox.HTTPResponse(statusCode: .ok, headers: headers, body: Data(summary.utf8) + body)
    }
    let task = Task { try await server.run() }
    try await server.waitUntilListening(timeout: 60)
    switch await server.listeningAddress {
    case .ip4(_, let port): return (server, task, "127.0.0.1:\(port)")
    case .ip6(_, let port): return (server, task, "[::1]:\(port)")
    default: throw PythonTestHTTPServer.ServerStartFailure()
    }
  }

  @Test("GET, POST, PATCH and DELETE carry method, headers and body both ways")
  func methodsRoundTrip() async throws {
    let (server, task, authority) = try await startEchoServer()
    defer { task.cancel() }
    let client = try HTTPTestSupport.client()
    for (method, body) in [("GET", nil), ("POST", "<methodCall/>"), ("PATCH", #"{"a":1}"#), ("DELETE", nil)] {
      var request = OSBSKit.HTTPRequest(method: method, url: "http://\(authority)/echo")
      request.headers.add("X-Request-Tag", "tag-\(method)")
      request.body = body.map { Data($0.utf8) }
      let response = try await client.send(request)
      #expect(response.status == 200)
      #expect(response.headers["x-reply-tag"] == "reply-tag")
      #expect(String(decoding: response.body, as: UTF8.self) == "\(method)|tag-\(method)|\(body ?? "")")
    }
    await server.stop()
  }

  @Test("twenty concurrent requests all succeed, and none is left running")
  func concurrentRequests() async throws {
    let (server, task, authority) = try await startEchoServer()
    defer { task.cancel() }
    let client = try HTTPTestSupport.client()
    let bodies = try await withThrowingTaskGroup(of: String.self) { group in
      for index in 0..<20 {
        group.addTask {
          let request = OSBSKit.HTTPRequest(
            method: "POST", url: "http://\(authority)/echo", body: Data("body-\(index)".utf8))
          let response = try await client.send(request)
          return String(decoding: response.body, as: UTF8.self)
        }
      }
      return try await group.reduce(into: Set<String>()) { $0.insert($1) }
    }
    #expect(bodies == Set((0..<20).map { "POST|-|body-\($0)" }))
    #expect(client.lanesInUse == 0)
    await server.stop()
  }

  @Test("requests travel over a unix-domain socket")
  func unixSocket() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("osbs-\(UUID().uuidString).sock")
      .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let server = FlyingFox.HTTPServer(address: .unix(path: path), logger: .disabled)
    await server.appendRoute("GET /_ping") { request in
      FlyingFox.HTTPResponse(
        statusCode: .ok, body: Data("pong for \(request.headers[HTTPHeader("Host")] ?? "-")".utf8))
    }
    let task = Task { try await server.run() }
    defer { task.cancel() }
    try await server.waitUntilListening(timeout: 60)
    let client = try HTTPTestSupport.client { $0.unixSocketPath = path }
    let response = try await client.send(OSBSKit.HTTPRequest(url: "http://docker/_ping"))
    #expect(response.status == 200)
    #expect(String(decoding: response.body, as: UTF8.self) == "pong for docker")
    await server.stop()
  }
}
