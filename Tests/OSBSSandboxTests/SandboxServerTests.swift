import Foundation
import OSBSSandbox
import TestSupport
import Testing

@Suite struct SandboxServerTests {
  @Test func discoveryAnswersLikeAnAPIServer() async throws {
    try await withSandbox { _, endpoints in
      #expect(endpoints.kojiHub == "http://127.0.0.1:\(endpoints.port)/kojihub")
      #expect(endpoints.port != 0)
      let version = try await send("GET", endpoints.openshiftAPI + "/version")
      let object = try #require(try JSONSerialization.jsonObject(with: version.body) as? [String: Any])
      #expect(object["gitVersion"] as? String == "v1.30.0")
      #expect(try await send("GET", endpoints.openshiftAPI + "/healthz").text == "ok")
      #expect(try await send("GET", endpoints.openshiftAPI + "/api").text.contains(#""versions":["v1"]"#))
      #expect(
        try await send("GET", endpoints.openshiftAPI + "/apis/").text.contains(
          #""name":"build.openshift.io""#))

      let missing = try await send("GET", endpoints.openshiftAPI + "/api/v1/nodes/n1")
      #expect(missing.status == 404)
      #expect(missing.header("Content-Type") == "application/json")
      #expect(missing.text.contains(#""kind":"Status""#))
    }
  }

  @Test func userRoutesCaptureParametersAndRejectOtherMethods() async throws {
    var router = SandboxRouter()
    router.add("GET", "/api/v1/namespaces/{namespace}/pods/{name}") { request in
      .text(
        "\(request.pathParameters["namespace"] ?? "")/\(request.pathParameters["name"] ?? "")"
          + " \(request.queryValue("pretty") ?? "-") \(request.header("x-test") ?? "-")")
    }
    router.add(nil, "/files/*") { request in .text(request.pathParameters["*"] ?? "") }
    try await withSandbox(router: router) { server, endpoints in
      let pod = try await send(
        "GET", endpoints.openshiftAPI + "/api/v1/namespaces/osbs/pods/p1?pretty=true",
        headers: ["X-Test": "yes"])
      #expect(pod.text == "osbs/p1 true yes")
      let delete = try await send("DELETE", endpoints.openshiftAPI + "/api/v1/namespaces/osbs/pods/p1")
      #expect(delete.status == 405)
      #expect(delete.header("Allow") == "GET")
      #expect(try await send("PUT", endpoints.openshiftAPI + "/files/a/b.txt").text == "a/b.txt")

      // Routes added while running win over earlier ones and over the built-ins.
      var later = SandboxRouter()
      later.add("GET", "/version") { _ in .text("overridden") }
      server.addRoutes(later)
      #expect(try await send("GET", endpoints.openshiftAPI + "/version").text == "overridden")
    }
  }

  @Test func handlerErrorsBecomeInternalErrorStatus() async throws {
    struct Boom: Error {}
    var router = SandboxRouter()
    router.add("GET", "/boom") { _ in throw Boom() }
    try await withSandbox(router: router) { _, endpoints in
      let result = try await send("GET", endpoints.openshiftAPI + "/boom")
      #expect(result.status == 500)
      #expect(result.text.contains(#""reason":"InternalError""#))
    }
  }

  @Test func streamedBodiesArriveChunkByChunk() async throws {
    let (gate, open) = AsyncStream<Void>.makeStream()
    var router = SandboxRouter()
    router.add("GET", "/log") { _ in
      .streaming { writer in
        writer.write("first line\n")
        // The last chunk is produced only after the client has seen the first.
        for await _ in gate { break }
        writer.write("last line\n")
      }
    }
    try await withSandbox(router: router) { _, endpoints in
      let client = try BackgroundCurl(["-N", "-i", endpoints.openshiftAPI + "/log"])
      defer { client.finish() }
      let sawFirst = try await client.child.waitForOutput(at: client.outputPath) {
        $0.contains("first line\n")
      }
      #expect(sawFirst)
      #expect(!client.output.contains("last line"))
      open.yield()
      #expect(await client.child.waitForExit().exitCode == 0)
      let output = client.output
      #expect(output.lowercased().contains("transfer-encoding: chunked"))
      #expect(output.hasSuffix("first line\nlast line\n"))
    }
  }

  @Test func chunkedHelperSendsEveryChunkInOrder() async throws {
    var router = SandboxRouter()
    router.add("GET", "/chunks") { _ in
      .chunked((1...5).map { Data("chunk \($0)\n".utf8) }, interval: .milliseconds(5))
    }
    try await withSandbox(router: router) { _, endpoints in
      let result = try await send("GET", endpoints.openshiftAPI + "/chunks")
      #expect(result.text == (1...5).map { "chunk \($0)\n" }.joined())
    }
  }

  @Test func aBusyPortIsReportedAndStopFreesIt() async throws {
    let first = SandboxServer()
    let endpoints = try await first.start()
    let second = SandboxServer(configuration: .init(port: endpoints.port))
    await #expect(throws: SandboxServerError.self) { try await second.start() }
    await #expect(throws: SandboxServerError.alreadyStarted) { try await first.start() }
    await first.stop()
    #expect(first.endpoints == nil)
    // The port is free again once stopped.
    let restarted = try await second.start()
    #expect(restarted.port == endpoints.port)
    await second.stop()
  }
}
