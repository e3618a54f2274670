import Foundation
import OSBSKit
import OSBSSandbox
import Testing

/// A sandbox with the simulated hub on a manual clock: builds move only when a test advances time.
struct KojiHubFixture {
  let server: SandboxServer
  let hub: KojiHub
  let endpoints: SandboxEndpoints

  static func run<T>(_ body: (KojiHubFixture) async throws -> T) async throws -> T {
    let server = SandboxServer()
    let hub = KojiHub(clock: .manual())
    hub.install(on: server)
    let endpoints = try await server.start()
    let fixture = KojiHubFixture(server: server, hub: hub, endpoints: endpoints)
    do {
      let result = try await body(fixture)
      await server.stop()
      return result
    } catch {
      await server.stop()
      throw error
    }
  }

  func session(_ user: String? = nil, password: String? = nil) throws -> KojiSession {
    let authentication: KojiAuthentication =
      user.map { .password(user: $0, password: password ?? "\($0)pass") } ?? .anonymous
    return try KojiSession(
      configuration: KojiHubConfiguration(
        hubURL: endpoints.kojiHub, authentication: authentication, retry: KojiRetryPolicy(maxRetries: 0)))
  }

  /// One raw call with explicit session headers (for callnum rules the client would never break).
  func raw(
    _ method: String, _ params: [XMLRPCValue] = [], keywords: [XMLRPCMember] = [],
    headers: [String: String] = [:],
    path: String = "/kojihub"
  ) async throws -> (response: OSBSKit.XMLRPCResponse, text: String) {
    var allHeaders = ["Content-Type": "text/xml"]
    allHeaders.merge(headers) { _, new in new }
    let result = try await send(
      "POST", endpoints.baseURL + path,
      body: XMLRPCEncoder.encode(XMLRPCCall(method, params, keywords: keywords)),
      headers: allHeaders)
    #expect(result.status == 200)
    return (try XMLRPCDecoder.decodeResponse(result.body), result.text)
  }

  func login(_ user: String, _ password: String) async throws -> (id: Int, key: String) {
    let reply = try await raw("login", [.string(user), .string(password)])
    guard case .success(let info) = reply.response, let id = info["session-id"]?.intValue,
      let key = info["session-key"]?.stringValue
    else {
      Issue.record("login failed: \(reply.text)")
      throw CancellationError()
    }
    return (Int(id), key)
  }

  static func sessionHeaders(_ session: (id: Int, key: String), callnum: Int?) -> [String: String] {
    var headers = ["Koji-Session-Id": String(session.id), "Koji-Session-Key": session.key]
    if let callnum { headers["Koji-Session-Callnum"] = String(callnum) }
    return headers
  }

  static let source = XMLRPCValue.string("git+https://src.example.org/container/cockpit#abc123")
  static let target = XMLRPCValue.string("f25-container-candidate")
  static let scratchOpts = XMLRPCValue.object(["scratch": true, "git_branch": "f25"])
}

extension OSBSKit.XMLRPCResponse {
  var fault: XMLRPCFault? {
    if case .fault(let fault) = self { return fault }
    return nil
  }

  var value: XMLRPCValue? {
    if case .success(let value) = self { return value }
    return nil
  }
}

extension KojiSession {
  func fault(_ method: String, _ params: [XMLRPCValue] = [], keywords: [XMLRPCMember] = []) async
    -> XMLRPCFault?
  {
    do {
      _ = try await call(method, params, keywords: keywords)
      return nil
    } catch let error as KojiError {
      return error.fault
    } catch {
      return nil
    }
  }
}
