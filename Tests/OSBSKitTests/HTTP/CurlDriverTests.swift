import Foundation
import Testing

@testable import OSBSKit

/// The driver runs every buffered transfer of a client on one thread (`CurlDriver`), against a real server.
@Suite("HTTPClient's transfer driver")
struct CurlDriverTests {
  /// Waits until the server has accepted `count` connections, asking through `client` itself: the asking
  /// shows that the driver serves a new transfer while the others wait, and its own connection is counted.
  private func waitForConnections(_ count: Int, server: PythonTestHTTPServer, client: HTTPClient) async throws
  {
    for _ in 0..<400 {
      let reply = try await client.send(HTTPRequest(url: server.url("/connections")))
      if let accepted = Int(String(decoding: reply.body, as: UTF8.self)), accepted >= count { return }
      try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("the server never saw \(count) connections")
  }

  @Test("transfers in flight together share one thread, and the driver still serves others while they wait")
  func concurrentTransfersShareOneThread() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client()
    let driver = try #require(client.driver)
    // /head-then-release answers only once /release was asked for: eight transfers wait on the driver together.
    let held = server.url("/head-then-release")
    let waiting = (0..<8).map { _ in Task { try await client.send(HTTPRequest(url: held)) } }
    // Eight held requests, each on its connection, plus the one that asks.
    try await waitForConnections(9, server: server, client: client)
    #expect(client.lanesInUse == 8)
    // From here on one of the eight keeps the thread running until all are answered: no other starts.
    let threads = driver.threadsStarted
    let release = try await client.send(HTTPRequest(url: server.url("/release")))
    #expect(String(decoding: release.body, as: UTF8.self) == "released")
    for task in waiting {
      let response = try await task.value
      #expect(String(decoding: response.body, as: UTF8.self) == "after-release")
    }
    #expect(driver.threadsStarted == threads)
    #expect(client.lanesInUse == 0)
  }

  @Test("cancelling one transfer ends it alone; the others on the driver complete")
  func cancellingOneLeavesTheOthers() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client {
      $0.timeouts = HTTPTimeouts(connect: .seconds(5), total: nil, idle: nil)
    }
    let held = server.url("/head-then-release")
    let waiting = (0..<3).map { _ in Task { try await client.send(HTTPRequest(url: held)) } }
    let silentURL = server.url("/silent")
    let silent = Task { try await client.send(HTTPRequest(url: silentURL)) }
    // Cancelled once it is running: the server has its request.
    try await waitForConnections(5, server: server, client: client)
    silent.cancel()
    // /silent answers nothing for 30 s: only the cancellation can end it while the others still wait.
    await #expect(throws: HTTPError.cancelled(url: server.url("/silent"))) { try await silent.value }
    #expect(client.lanesInUse == 3)
    _ = try await client.send(HTTPRequest(url: server.url("/release")))
    for task in waiting {
      #expect(String(decoding: try await task.value.body, as: UTF8.self) == "after-release")
    }
  }

  @Test("the thread ends with its last transfer, and the next request starts another on the same connection")
  func idleDriverStopsAndRestarts() async throws {
    let server = try await PythonTestHTTPServer()
    let client = try HTTPTestSupport.client()
    let driver = try #require(client.driver)
    #expect(try await client.send(HTTPRequest(url: server.url("/echo"))).status == 200)
    for _ in 0..<400 where driver.isThreadRunning { try await Task.sleep(for: .milliseconds(10)) }
    #expect(!driver.isThreadRunning)
    #expect(driver.threadsStarted == 1)
    #expect(try await client.send(HTTPRequest(url: server.url("/echo"))).status == 200)
    #expect(driver.threadsStarted == 2)
    // The connection outlived the thread: it belongs to the driver's multi handle.
    let count = try await client.send(HTTPRequest(url: server.url("/connections")))
    #expect(String(decoding: count.body, as: UTF8.self) == "1")
  }
}
