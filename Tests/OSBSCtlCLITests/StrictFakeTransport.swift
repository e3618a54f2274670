import Foundation
import OSBSKit
import Synchronization
import Testing

/// One request a test expects a command to send, and the reply the server gave to it in a recording.
struct ExpectedRequest: Sendable, CustomStringConvertible {
  /// What a request's body must be.
  enum Body: Sendable {
    /// Nothing checked (a GET has none).
    case any
    /// One Koji hub call: the XML-RPC method and its parameters, decoded, exactly.
    case kojiCall(XMLRPCCall)
    /// A Koji hub call of this method, whatever its parameters (a whole `multiCall`).
    case kojiMethod(String)
    /// A JSON document equal to this one (key order and spacing aside).
    case json(String)
    /// A JSON object whose member at this key path is this JSON value (an object a PUT replaces whole).
    case jsonMember([String], String)
  }

  var method: String
  /// The path, without the query.
  var path: String
  /// The query's items, in any order; nil: none at all.
  var query: [String: String]?
  /// Items of `query` whose value need only start with the one given (a name the command makes up per
  /// run, such as a probe container's).
  var prefixQueryItems: Set<String> = []
  var body: Body
  var reply: HTTPResponse

  var description: String {
    var text = "\(method) \(path)"
    if let query, !query.isEmpty {
      text += "?" + query.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }
    if case .kojiCall(let call) = body { text += " \(call.method)\(call.params)" }
    if case .kojiMethod(let name) = body { text += " \(name)(…)" }
    return text
  }

  /// A REST call answered with `status` and a JSON body.
  static func rest(
    _ method: String, _ path: String, query: [String: String]? = nil, body: Body = .any, status: Int = 200,
    reply: Data
  ) -> ExpectedRequest {
    ExpectedRequest(
      method: method, path: path, query: query, body: body,
      reply: HTTPResponse(
        status: status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: reply))
  }

  /// A call answered with a whole recorded HTTP/1.1 response (`curl -i`): its status, its header fields
  /// and its body, for replies whose headers matter.
  static func recordedHTTP(_ method: String, _ path: String, response: Data) -> ExpectedRequest {
    let text = String(decoding: response, as: UTF8.self)
    let split = text.range(of: "\r\n\r\n")
    let head = split.map { String(text[..<$0.lowerBound]) } ?? text
    var lines = head.components(separatedBy: "\r\n")
    let statusLine = lines.isEmpty ? "" : lines.removeFirst()
    let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    let fields = lines.compactMap { line -> (name: String, value: String)? in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
    let body = split.map { Data(text[$0.upperBound...].utf8) } ?? Data()
    return ExpectedRequest(
      method: method, path: path, query: nil, body: .any,
      reply: HTTPResponse(status: status, headers: HTTPHeaders(fields), body: body))
  }

  /// A Koji hub call (`POST /kojihub`), answered with a recorded reply (a value or a fault).
  static func koji(_ call: XMLRPCCall, reply: KojiRecording) -> ExpectedRequest {
    koji(.kojiCall(call), reply: reply)
  }

  static func koji(_ body: Body, reply: KojiRecording) -> ExpectedRequest {
    ExpectedRequest(
      method: "POST", path: "/kojihub", query: nil, body: body,
      reply: HTTPResponse(
        status: 200, headers: HTTPHeaders([("Content-Type", "text/xml")]), body: reply.responseBody))
  }

  /// A Koji hub call answered with `value`, for a call no recording holds (say why where it is used).
  static func koji(_ call: XMLRPCCall, writtenReply value: XMLRPCValue) -> ExpectedRequest {
    ExpectedRequest(
      method: "POST", path: "/kojihub", query: nil, body: .kojiCall(call),
      reply: HTTPResponse(
        status: 200, headers: HTTPHeaders([("Content-Type", "text/xml")]),
        body: XMLRPCEncoder.encode(XMLRPCResponse.success(value))))
  }

  func matches(_ request: HTTPRequest, call: XMLRPCCall?) -> Bool {
    guard let components = URLComponents(string: request.url), request.method == method,
      components.path == path
    else { return false }
    let items = Dictionary(
      (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    let expected = query ?? [:]
    guard Set(items.keys) == Set(expected.keys),
      expected.allSatisfy({ item in
        prefixQueryItems.contains(item.key)
          ? items[item.key]?.hasPrefix(item.value) == true : items[item.key] == item.value
      })
    else { return false }
    switch body {
    case .any:
      return true
    case .kojiCall(let expected):
      return call == expected
    case .kojiMethod(let name):
      return call?.method == name
    case .json(let expected):
      return JSONText.canonical(request.body ?? Data()) == JSONText.canonical(Data(expected.utf8))
    case .jsonMember(let path, let expected):
      var value = try? JSONSerialization.jsonObject(with: request.body ?? Data())
      for key in path { value = (value as? [String: Any])?[key] }
      guard let value,
        let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
      else { return false }
      return JSONText.canonical(data) == JSONText.canonical(Data(expected.utf8))
    }
  }
}

/// A server that answers only what the test said to expect, each expectation once and in any order. A
/// request nobody expected fails the test (and gets a 599 reply that no client retries into success);
/// a Koji `multiCall` is taken apart as the hub does and each call in it must be expected. What was
/// expected but never asked for is reported by `unusedExpectations`.
final class StrictFakeTransport: HTTPTransport {
  private struct State {
    var pending: [ExpectedRequest]
    var unexpected: [String] = []
    var received: [String] = []
  }

  private let state: Mutex<State>

  init(_ expectations: [ExpectedRequest]) { state = Mutex(State(pending: expectations)) }

  /// Requests nobody expected, described.
  var unexpectedRequests: [String] { state.withLock { $0.unexpected } }
  /// Expectations no request matched.
  var unusedExpectations: [String] { state.withLock { $0.pending.map(\.description) } }
  /// Every request, in order, described.
  var receivedRequests: [String] { state.withLock { $0.received } }

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let call = request.body.flatMap { try? XMLRPCDecoder.decodeCall($0) }
    if let call, call.method == "multiCall", !expectsWhole(request, call) {
      return try multiCall(request, call)
    }
    return try answer(request, call: call)
  }

  /// Whether a test expects this multicall as one request (to answer it with one fault).
  private func expectsWhole(_ request: HTTPRequest, _ call: XMLRPCCall) -> Bool {
    state.withLock { $0.pending.contains { $0.matches(request, call: call) } }
  }

  private func answer(_ request: HTTPRequest, call: XMLRPCCall?) throws -> HTTPResponse {
    let path = URLComponents(string: request.url).map { $0.path + ($0.query.map { "?" + $0 } ?? "") }
    let described =
      "\(request.method) \(path ?? request.url)" + (call.map { " \($0.method)\($0.params)" } ?? "")
    let reply: HTTPResponse? = state.withLock { state in
      state.received.append(described)
      guard let index = state.pending.firstIndex(where: { $0.matches(request, call: call) }) else {
        state.unexpected.append(described)
        return nil
      }
      return state.pending.remove(at: index).reply
    }
    guard let reply else {
      Issue.record("unexpected request: \(described)")
      return HTTPResponse(status: 599, headers: HTTPHeaders(), body: Data("unexpected request".utf8))
    }
    return reply
  }

  /// koji's `multiCall`: each call answered on its own, the results one array of `[value]` or fault structs
  /// (the shape of Fixtures/koji-wire/52-multicall.txt).
  private func multiCall(_ request: HTTPRequest, _ call: XMLRPCCall) throws -> HTTPResponse {
    let calls = call.params.first?.arrayValue ?? []
    var results: [XMLRPCValue] = []
    for item in calls {
      let method = item["methodName"]?.stringValue ?? "?"
      let inner = XMLRPCCall(method, item["params"]?.arrayValue ?? [])
      var single = request
      single.body = XMLRPCEncoder.encode(inner)
      let reply = try answer(single, call: inner)
      switch try? XMLRPCDecoder.decodeResponse(reply.body) {
      case .success(let value):
        results.append(.array([value]))
      case .fault(let fault):
        results.append(
          .structure([
            XMLRPCMember("faultCode", .int(Int64(fault.code))),
            XMLRPCMember("faultString", .string(fault.message)),
          ]))
      case nil:
        return reply
      }
    }
    return HTTPResponse(
      status: 200, headers: HTTPHeaders([("Content-Type", "text/xml")]),
      body: XMLRPCEncoder.encode(XMLRPCResponse.success(.array(results))))
  }
}

/// JSON compared by meaning: object keys sorted, no spacing.
enum JSONText {
  static func canonical(_ data: Data) -> String? {
    guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
      let text = try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
    else { return nil }
    return String(decoding: text, as: UTF8.self)
  }
}
