import Foundation
import OSBSSandbox
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Runs `body` against a freshly started sandbox on a free port and always stops it.
func withSandbox<T>(
  router: SandboxRouter = SandboxRouter(),
  _ body: (SandboxServer, SandboxEndpoints) async throws -> T
) async throws -> T {
  let server = SandboxServer(router: router)
  let endpoints = try await server.start()
  do {
    let result = try await body(server, endpoints)
    await server.stop()
    return result
  } catch {
    await server.stop()
    throw error
  }
}

struct HTTPResult {
  var status: Int
  var headers: [String: String]
  var body: Data

  var text: String { String(decoding: body, as: UTF8.self) }

  func header(_ name: String) -> String? {
    headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
  }
}

/// One request through URLSession (Foundation's libcurl-based client), no caching or cookies.
func send(
  _ method: String, _ url: String, body: Data? = nil, headers: [String: String] = [:]
) async throws -> HTTPResult {
  var request = URLRequest(url: try #require(URL(string: url)))
  request.httpMethod = method
  request.httpBody = body
  for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
  let session = URLSession(configuration: .ephemeral)
  defer { session.finishTasksAndInvalidate() }
  let (data, response) = try await session.data(for: request)
  let http = try #require(response as? HTTPURLResponse)
  var fields: [String: String] = [:]
  for (name, value) in http.allHeaderFields {
    if let name = name as? String, let value = value as? String { fields[name] = value }
  }
  return HTTPResult(status: http.statusCode, headers: fields, body: data)
}

/// An XML-RPC call exactly as the capture client sent it.
func kojiCall(_ method: String, params: [String] = []) -> Data {
  let paramXML = params.map { "<param>\n\($0)\n</param>\n" }.joined()
  return Data(
    "<?xml version='1.0'?>\n<methodCall>\n<methodName>\(method)</methodName>\n<params>\n\(paramXML)</params>\n</methodCall>\n"
      .utf8)
}

func postKoji(_ endpoints: SandboxEndpoints, _ method: String, headers: [String: String] = [:]) async throws
  -> HTTPResult
{
  var allHeaders = ["Content-Type": "text/xml"]
  allHeaders.merge(headers) { _, new in new }
  return try await send("POST", endpoints.kojiHub, body: kojiCall(method), headers: allHeaders)
}

/// The decoded content of an XML-RPC response: the single value's type and text, or the fault.
struct XMLRPCResponse: Equatable {
  var valueType: String?
  var valueText: String?
  var faultCode: Int?
  var faultString: String?
}

func parseXMLRPCResponse(_ data: Data) throws -> XMLRPCResponse {
  let reader = XMLRPCResponseReader()
  let parser = XMLParser(data: data)
  parser.delegate = reader
  #expect(parser.parse(), "response is well-formed XML")
  return reader.result
}

private final class XMLRPCResponseReader: NSObject, XMLParserDelegate {
  var result = XMLRPCResponse()
  private var stack: [String] = []
  private var text = ""
  private var memberName = ""

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    stack.append(elementName)
    text = ""
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    text += string
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    stack.removeLast()
    if stack.contains("fault") {
      if elementName == "name" { memberName = text }
      if elementName == "int", memberName == "faultCode" { result.faultCode = Int(text) }
      if elementName == "string", memberName == "faultString" { result.faultString = text }
    } else if stack.last == "value", stack.contains("params") {
      result.valueType = elementName
      result.valueText = text
    }
  }
}

/// Runs the curl CLI; returns its exit code and stdout. `--max-time` keeps a broken server from
/// hanging the test.
func curl(_ arguments: [String]) async throws -> (exitCode: Int32, output: String) {
  let run = try await ChildProcess.capture("/usr/bin/curl", ["-sS", "--max-time", "60"] + arguments)
  return (run.status, run.stdout)
}

/// curl running in the background with its stdout in a file, for tests that watch a response arrive.
struct BackgroundCurl {
  let child: ChildProcess
  let outputPath: String

  init(_ arguments: [String]) throws {
    outputPath =
      FileManager.default.temporaryDirectory.appendingPathComponent(
        "curl-\(UUID().uuidString.prefix(8)).out"
      ).path
    child = try ChildProcess(
      executable: "/usr/bin/curl", arguments: ["-sS", "--max-time", "60"] + arguments, stdoutPath: outputPath)
  }

  var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

  /// Stops curl if it still runs and removes its output.
  func finish() {
    child.stop(grace: .seconds(1))
    try? FileManager.default.removeItem(atPath: outputPath)
  }
}
