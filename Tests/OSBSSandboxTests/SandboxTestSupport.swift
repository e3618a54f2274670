import Foundation
import OSBSSandbox
import Synchronization
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

/// Collects a child process's output as it arrives.
///
/// A plain thread doing blocking reads: `FileHandle.readabilityHandler` registers the pipe with
/// libdispatch's event loop, which crashed here when sockets were closed concurrently.
final class OutputCollector: Sendable {
  private let buffer = Mutex(Data())
  private let updates: AsyncStream<Void>
  private let notify: AsyncStream<Void>.Continuation

  init(_ handle: FileHandle) {
    (updates, notify) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    let thread = Thread { [self] in
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        buffer.withLock { $0.append(chunk) }
        notify.yield()
      }
      notify.finish()
      try? handle.close()
    }
    thread.start()
  }

  var data: Data { buffer.withLock { $0 } }
  var text: String { String(decoding: data, as: UTF8.self) }

  /// Waits until the output satisfies `condition` or ends; false if it ended first.
  func wait(until condition: (String) -> Bool) async -> Bool {
    if condition(text) { return true }
    for await _ in updates where condition(text) { return true }
    return condition(text)
  }
}

/// A running child process with collected stdout and stderr.
final class ChildProcess: Sendable {
  let process: Process
  let stdout: OutputCollector
  let stderr: OutputCollector
  private let exit: Task<Int32, Never>

  init(_ executable: URL, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let (exits, exited) = AsyncStream<Int32>.makeStream()
    process.terminationHandler = { exited.yield($0.terminationStatus) }
    stdout = OutputCollector(out.fileHandleForReading)
    stderr = OutputCollector(err.fileHandleForReading)
    try process.run()
    self.process = process
    exit = Task {
      for await status in exits { return status }
      return -1
    }
  }

  var pid: Int32 { process.processIdentifier }

  /// The exit status once the process has ended.
  func exitStatus() async -> Int32 {
    await exit.value
  }
}

/// Runs the curl CLI; returns its exit code and stdout. `--max-time` keeps a broken server from
/// hanging the test.
func curl(_ arguments: [String]) async throws -> (exitCode: Int32, output: String) {
  let child = try ChildProcess(
    URL(fileURLWithPath: "/usr/bin/curl"), ["-sS", "--max-time", "60"] + arguments)
  let status = await child.exitStatus()
  _ = await child.stdout.wait { _ in false }
  return (status, child.stdout.text)
}

struct DeadlineExceeded: Error {}

/// Fails the calling test instead of hanging when `operation` does not finish in time.
func withDeadline<T: Sendable>(
  seconds: Double = 60, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
  return try await withThrowingTaskGroup(of: T.self) { group in
    group.addTask { try await operation() }
    group.addTask {
      try await Task.sleep(for: .seconds(seconds))
      throw DeadlineExceeded()
    }
    defer { group.cancelAll() }
    return try #require(try await group.next())
  }
}
