import Foundation

/// The request line and header fields of one HTTP/1.x request (RFC 9112 §3 and §5).
struct HTTPRequestHead: Equatable, Sendable {
  var method: String
  /// The target as sent: origin form (`/a/b?c=d`) or absolute form (`http://host/a/b?c=d`).
  var target: String
  /// 0 for HTTP/1.0, 1 for HTTP/1.1.
  var minorVersion: Int
  /// Field names lower-cased; a repeated field's values joined with ", " (RFC 9110 §5.3).
  var fields: [String: String]

  /// Whether the connection stays open after the response (RFC 9112 §9.3).
  var keepsAlive: Bool {
    let tokens = Self.tokens(fields["connection"])
    return minorVersion >= 1 ? !tokens.contains("close") : tokens.contains("keep-alive")
  }

  /// `Expect: 100-continue` (RFC 9110 §10.1.1): the client waits for an interim answer before its body.
  var expectsContinue: Bool {
    minorVersion >= 1 && Self.tokens(fields["expect"]).contains("100-continue")
  }

  static func tokens(_ value: String?) -> [String] {
    guard let value else { return [] }
    return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
  }
}

/// A request the server refuses before any handler sees it, with the status a real server answers.
struct HTTPRequestRejection: Error, Equatable {
  var status: Int
  var reason: String
}

/// How the request body is framed (RFC 9112 §6.3).
enum HTTPBodyFraming: Equatable {
  case length(Int)
  case chunked

  /// Requests may be at most this large; the sandbox holds each body in memory.
  static let largestBody = 512 << 20

  init(_ head: HTTPRequestHead) throws(HTTPRequestRejection) {
    let length = head.fields["content-length"]
    if let encoding = head.fields["transfer-encoding"] {
      // Both at once is how request smuggling starts; RFC 9112 §6.1 lets a server refuse it.
      guard length == nil else {
        throw HTTPRequestRejection(status: 400, reason: "Content-Length and Transfer-Encoding together")
      }
      guard HTTPRequestHead.tokens(encoding).last == "chunked" else {
        throw HTTPRequestRejection(status: 501, reason: "unsupported Transfer-Encoding \(encoding)")
      }
      self = .chunked
      return
    }
    guard let length else {
      self = .length(0)
      return
    }
    // A repeated field arrives joined with ", "; identical copies are allowed (RFC 9110 §8.6).
    let values = Set(length.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    guard values.count == 1, let value = values.first, !value.isEmpty, value.utf8.allSatisfy(\.isASCIIDigit),
      let count = Int(value)
    else {
      throw HTTPRequestRejection(status: 400, reason: "invalid Content-Length \(length)")
    }
    guard count <= Self.largestBody else {
      throw HTTPRequestRejection(status: 413, reason: "a body of \(count) bytes is too large")
    }
    self = .length(count)
  }
}

/// Finds and parses the head at the start of a buffer.
enum HTTPRequestHeadParser {
  /// Heads larger than this are refused with 431, as Go's `net/http` does past its 1 MB default.
  static let largestHead = 1 << 20

  enum Result: Equatable {
    /// More bytes are needed; `scanned` bytes need not be looked at again.
    case incomplete(scanned: Int)
    /// The head, and how many bytes it took including the empty line that ends it.
    case complete(HTTPRequestHead, length: Int)
  }

  /// Parses `bytes[start..<end]`. Lines may end in CRLF or a bare LF, and empty lines before the request
  /// line are skipped (RFC 9112 §2.2).
  static func parse(_ bytes: [UInt8], from start: Int, to end: Int? = nil, scanned: Int = 0)
    throws(HTTPRequestRejection) -> Result
  {
    let end = end ?? bytes.count
    var first = start
    while first < end, bytes[first] == .cr || bytes[first] == .lf { first += 1 }
    var index = max(first, start + scanned)
    while index < end {
      if bytes[index] == .lf {
        // The head ends at an empty line: LF LF or LF CR LF.
        if index + 1 < end, bytes[index + 1] == .lf {
          return try .complete(head(bytes[first..<index + 1]), length: index + 2 - start)
        }
        if index + 2 < end, bytes[index + 1] == .cr, bytes[index + 2] == .lf {
          return try .complete(head(bytes[first..<index + 1]), length: index + 3 - start)
        }
        if index + 2 >= end { break }
      }
      index += 1
    }
    let seen = end - start
    guard seen <= largestHead else {
      throw HTTPRequestRejection(status: 431, reason: "the request head is over \(largestHead) bytes")
    }
    // Step back over a line end that may be the start of the empty line still to come.
    return .incomplete(scanned: max(0, min(index, end - 2) - start))
  }

  private static func head(_ block: ArraySlice<UInt8>) throws(HTTPRequestRejection) -> HTTPRequestHead {
    var lines = block.split(separator: .lf, omittingEmptySubsequences: false).map { line in
      line.last == .cr ? line.dropLast() : line
    }
    if lines.last?.isEmpty == true { lines.removeLast() }
    guard let requestLine = lines.first else {
      throw HTTPRequestRejection(status: 400, reason: "no request line")
    }
    let parts = requestLine.split(separator: .space, omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(\.isTokenCharacter), !parts[1].isEmpty,
      let version = String(bytes: parts[2], encoding: .ascii)
    else {
      throw HTTPRequestRejection(status: 400, reason: "malformed request line")
    }
    let minorVersion: Int
    switch version {
    case "HTTP/1.1": minorVersion = 1
    case "HTTP/1.0": minorVersion = 0
    default: throw HTTPRequestRejection(status: 505, reason: "unsupported version \(version)")
    }
    guard parts[1].allSatisfy({ $0 > .space && $0 < 0x7F }) else {
      throw HTTPRequestRejection(status: 400, reason: "malformed request target")
    }
    var fields: [String: String] = [:]
    for line in lines.dropFirst() {
      // Obsolete line folding (a line starting with white space) is refused, as RFC 9112 §5.2 allows.
      guard let colon = line.firstIndex(of: .colon), colon > line.startIndex,
        line[line.startIndex..<colon].allSatisfy(\.isTokenCharacter)
      else {
        throw HTTPRequestRejection(status: 400, reason: "malformed header field")
      }
      let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
      let value = String(decoding: line[(colon + 1)...].trimmingSpaces, as: UTF8.self)
      fields[name] = fields[name].map { "\($0), \(value)" } ?? value
    }
    return HTTPRequestHead(
      method: String(decoding: parts[0], as: UTF8.self), target: String(decoding: parts[1], as: UTF8.self),
      minorVersion: minorVersion, fields: fields)
  }
}

/// The path and query of a request target, decoded as the sandbox's handlers expect them.
enum HTTPRequestTarget {
  /// The percent-decoded path with dot segments removed, and the query items in order.
  static func split(_ target: String) -> (path: String, query: [(name: String, value: String)]) {
    var rest = Substring(target)
    if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
    // Absolute form: drop the scheme and authority.
    if !rest.hasPrefix("/"), let scheme = rest.range(of: "://") {
      let authority = rest[scheme.upperBound...]
      rest = authority.firstIndex(where: { $0 == "/" || $0 == "?" }).map { authority[$0...] } ?? ""
    }
    let question = rest.firstIndex(of: "?")
    let rawPath = question.map { rest[..<$0] } ?? rest
    let rawQuery = question.map { rest[rest.index(after: $0)...] } ?? ""
    return (path(rawPath), query(rawQuery))
  }

  /// Paths made only of plain characters, without dot segments, empty segments or a trailing slash, are
  /// returned as sent; anything else goes through Foundation's URL standardisation (which, among
  /// other things, drops a trailing slash).
  static func path(_ raw: Substring) -> String {
    if raw.isEmpty { return "/" }
    if isPlain(raw) { return String(raw) }
    return URL(string: String(raw))?.standardized.path ?? String(raw.removingPercentEncoding ?? String(raw))
  }

  private static func isPlain(_ raw: Substring) -> Bool {
    var previous: UInt8 = 0
    for byte in raw.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"),
        UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "="):
        break
      case UInt8(ascii: "/"):
        if previous == UInt8(ascii: "/") { return false }
      case UInt8(ascii: "."):
        if previous == UInt8(ascii: "/") { return false }
      default:
        return false
      }
      previous = byte
    }
    return raw.utf8.first == UInt8(ascii: "/") && (raw.utf8.count == 1 || previous != UInt8(ascii: "/"))
  }

  /// `a=1&b&c=%2F` → (a, 1), (b, ""), (c, /). `+` stays `+`, as Foundation's query items leave it.
  static func query(_ raw: Substring) -> [(name: String, value: String)] {
    raw.split(separator: "&").map { item in
      let equals = item.firstIndex(of: "=")
      let name = equals.map { item[..<$0] } ?? item
      let value = equals.map { item[item.index(after: $0)...] } ?? ""
      return (decoded(name), decoded(value))
    }
  }

  private static func decoded(_ text: Substring) -> String {
    guard text.contains("%") else { return String(text) }
    return text.removingPercentEncoding ?? String(text)
  }
}

extension UInt8 {
  fileprivate static let cr = UInt8(ascii: "\r")
  fileprivate static let lf = UInt8(ascii: "\n")
  fileprivate static let space = UInt8(ascii: " ")
  fileprivate static let colon = UInt8(ascii: ":")

  fileprivate var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }

  /// `tchar` of RFC 9110 §5.6.2.
  fileprivate var isTokenCharacter: Bool {
    switch self {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default:
      return "!#$%&'*+-.^_`|~".utf8.contains(self)
    }
  }
}

extension ArraySlice<UInt8> {
  fileprivate var trimmingSpaces: ArraySlice<UInt8> {
    var slice = self
    while let first = slice.first, first == .space || first == UInt8(ascii: "\t") { slice.removeFirst() }
    while let last = slice.last, last == .space || last == UInt8(ascii: "\t") { slice.removeLast() }
    return slice
  }
}
