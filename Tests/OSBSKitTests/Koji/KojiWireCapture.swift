import Foundation

/// One recorded HTTP exchange with a real Koji hub (Fixtures/koji-wire): `>>>` request head, request
/// body, `<<<` response head, response body.
struct KojiWireCapture {
  var name: String
  var requestLine: String
  var requestHeaders: [String: String]
  var requestBody: Data
  var responseStatus: Int
  var responseHeaders: [String: String]
  var responseBody: Data

  static var directory: URL {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures/koji-wire")
  }

  /// Every capture of a single exchange (the host-side and summary files included, the transcript not).
  static func all() throws -> [KojiWireCapture] {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".txt") && $0 != "INDEX.txt" && $0 != "koji-cli-transcript.txt" }
      .sorted()
    return try names.compactMap { try load($0) }
  }

  static func load(_ name: String) throws -> KojiWireCapture? {
    let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    var lines = text.components(separatedBy: "\n")[...]
    while let first = lines.first, first.hasPrefix("#") { lines.removeFirst() }
    guard let requestLine = lines.first, requestLine.hasPrefix(">>> ") else { return nil }
    var capture = KojiWireCapture(
      name: name, requestLine: String(requestLine.dropFirst(4)), requestHeaders: [:], requestBody: Data(),
      responseStatus: 0, responseHeaders: [:], responseBody: Data())
    lines.removeFirst()
    while let line = lines.first, line.hasPrefix(">>> ") {
      let header = line.dropFirst(4).split(separator: ":", maxSplits: 1)
      capture.requestHeaders[String(header[0])] = header[1].trimmingCharacters(in: .whitespaces)
      lines.removeFirst()
    }
    lines.removeFirst()  // blank line after the head
    guard let responseStart = lines.firstIndex(where: { $0.hasPrefix("<<< HTTP/") }) else { return nil }
    // The request body (which ends in "\n", as Python writes it) is followed by a blank separator line.
    let requestText = lines[lines.startIndex..<responseStart].joined(separator: "\n")
    capture.requestBody = Data(requestText.utf8)
    lines = lines[responseStart...]
    capture.responseStatus = Int(lines.first!.split(separator: " ")[2])!
    lines.removeFirst()
    while let line = lines.first, line.hasPrefix("<<< ") {
      let header = line.dropFirst(4).split(separator: ":", maxSplits: 1)
      capture.responseHeaders[String(header[0])] = header[1].trimmingCharacters(in: .whitespaces)
      lines.removeFirst()
    }
    lines.removeFirst()
    // The body is the rest of the file (one capture's Content-Length header disagrees with its body).
    capture.responseBody = Data(lines.joined(separator: "\n").utf8)
    return capture
  }

  var isXMLRPCResponse: Bool { responseHeaders["Content-Type"] == "text/xml" }
}
