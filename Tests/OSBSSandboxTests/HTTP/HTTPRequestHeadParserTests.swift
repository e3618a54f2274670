import Foundation
import Testing

@testable import OSBSSandbox

@Suite struct HTTPRequestHeadParserTests {
  /// Feeds `text` one byte at a time, as a slow client would, and returns the head once it is whole.
  private func parseByteByByte(_ text: String) throws(HTTPRequestRejection) -> (HTTPRequestHead, length: Int)?
  {
    let bytes = Array(text.utf8)
    var scanned = 0
    for end in 1...bytes.count {
      switch try HTTPRequestHeadParser.parse(Array(bytes[..<end]), from: 0, scanned: scanned) {
      case .complete(let head, let length): return (head, length)
      case .incomplete(let done): scanned = done
      }
    }
    return nil
  }

  @Test func aHeadSentByteByByteIsFoundWhereItEnds() throws {
    let text = "GET /api/v1/nodes?limit=500 HTTP/1.1\r\nHost: x\r\nAccept: a\r\n\r\nBODY"
    let (head, length) = try #require(try parseByteByByte(text))
    #expect(length == text.utf8.count - 4)
    #expect(head.method == "GET")
    #expect(head.target == "/api/v1/nodes?limit=500")
    #expect(head.minorVersion == 1)
    #expect(head.fields == ["host": "x", "accept": "a"])
  }

  @Test func bareLineFeedsAndLeadingEmptyLinesAreAccepted() throws {
    let text = "\r\n\nPOST /kojihub HTTP/1.0\nContent-Length: 3\n\nabc"
    let (head, length) = try #require(try parseByteByByte(text))
    #expect(length == text.utf8.count - 3)
    #expect(head.method == "POST")
    #expect(head.minorVersion == 0)
    #expect(head.fields["content-length"] == "3")
  }

  @Test func repeatedFieldsAreJoinedAndValuesTrimmed() throws {
    let text = "GET / HTTP/1.1\r\nAccept:  a \r\nACCEPT:\tb\r\nX-Empty:\r\n\r\n"
    let (head, _) = try #require(try parseByteByByte(text))
    #expect(head.fields == ["accept": "a, b", "x-empty": ""])
  }

  @Test func aHeadStartingLaterInTheBufferIsParsedFromThere() throws {
    let first = "GET /a HTTP/1.1\r\n\r\n"
    let bytes = Array((first + "GET /b HTTP/1.1\r\nHost: y\r\n\r\n").utf8)
    guard
      case .complete(let head, let length) = try HTTPRequestHeadParser.parse(bytes, from: first.utf8.count)
    else {
      Issue.record("the second head was not found")
      return
    }
    #expect(head.target == "/b")
    #expect(first.utf8.count + length == bytes.count)
  }

  @Test(arguments: [
    ("GET /\r\n\r\n", 400),
    ("GET  / HTTP/1.1\r\n\r\n", 400),
    ("G(T / HTTP/1.1\r\n\r\n", 400),
    ("GET / HTTP/2.0\r\n\r\n", 505),
    ("GET /a\u{7F} HTTP/1.1\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nNo colon here\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nName : value\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nA: b\r\n  folded\r\n\r\n", 400),
  ])
  func malformedHeadsAreRefusedWithTheirStatus(text: String, status: Int) {
    #expect(throws: HTTPRequestRejection.self) { try parseByteByByte(text) }
    do {
      _ = try parseByteByByte(text)
    } catch {
      #expect(error.status == status)
    }
  }

  @Test func anEndlessHeadIsRefusedWith431() {
    let bytes = Array("GET / HTTP/1.1\r\nX: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 1 << 20)
    #expect(throws: HTTPRequestRejection(status: 431, reason: "the request head is over 1048576 bytes")) {
      try HTTPRequestHeadParser.parse(bytes, from: 0)
    }
  }

  @Test func bodyFramingFollowsRFC9112() throws {
    func framing(_ fields: [String: String]) throws(HTTPRequestRejection) -> HTTPBodyFraming {
      try HTTPBodyFraming(HTTPRequestHead(method: "POST", target: "/", minorVersion: 1, fields: fields))
    }
    #expect(try framing([:]) == .length(0))
    #expect(try framing(["content-length": "42"]) == .length(42))
    #expect(try framing(["content-length": "42, 42"]) == .length(42))
    #expect(try framing(["transfer-encoding": "gzip, chunked"]) == .chunked)
    #expect(throws: HTTPRequestRejection.self) { try framing(["content-length": "42, 43"]) }
    #expect(throws: HTTPRequestRejection.self) { try framing(["content-length": "-1"]) }
    #expect(throws: HTTPRequestRejection.self) { try framing(["content-length": "+1"]) }
    #expect(throws: HTTPRequestRejection.self) {
      try framing(["content-length": "1", "transfer-encoding": "chunked"])
    }
    do {
      _ = try framing(["transfer-encoding": "gzip"])
      Issue.record("gzip alone was accepted")
    } catch {
      #expect(error.status == 501)
    }
    do {
      _ = try framing(["content-length": "\(HTTPBodyFraming.largestBody + 1)"])
      Issue.record("an oversized body was accepted")
    } catch {
      #expect(error.status == 413)
    }
  }

  @Test func connectionPersistenceFollowsTheVersionAndTheConnectionField() {
    func head(_ minor: Int, _ fields: [String: String]) -> HTTPRequestHead {
      HTTPRequestHead(method: "GET", target: "/", minorVersion: minor, fields: fields)
    }
    #expect(head(1, [:]).keepsAlive)
    #expect(!head(1, ["connection": "Keep-Alive, Close"]).keepsAlive)
    #expect(!head(0, [:]).keepsAlive)
    #expect(head(0, ["connection": "keep-alive"]).keepsAlive)
    #expect(head(1, ["expect": "100-Continue"]).expectsContinue)
    #expect(!head(0, ["expect": "100-continue"]).expectsContinue)
  }
}

@Suite struct HTTPRequestTargetTests {
  @Test func queryItemsAreSplitAndPercentDecodedInOrder() {
    let (path, query) = HTTPRequestTarget.split("/api/v1/pods?labelSelector=a%3Db&watch&x=1+2&&y=%zz&a=2")
    #expect(path == "/api/v1/pods")
    #expect(query.map(\.name) == ["labelSelector", "watch", "x", "y", "a"])
    #expect(query.map(\.value) == ["a=b", "", "1+2", "%zz", "2"])
  }

  @Test func absoluteFormAndFragmentsAreReducedToThePath() {
    #expect(HTTPRequestTarget.split("http://127.0.0.1:8080/kojihub?x=1").path == "/kojihub")
    #expect(HTTPRequestTarget.split("http://127.0.0.1:8080").path == "/")
    #expect(HTTPRequestTarget.split("/a#frag").path == "/a")
  }

  /// The shortcut for plain paths must give what Foundation's standardisation gives, which the sandbox's
  /// routes were written against.
  @Test(arguments: [
    "/", "/kojihub", "/api/v1/namespaces/osbs/builds/build-1", "/a/b/", "/a//b", "/a/./b", "/a/../b",
    "/.well-known/x", "/a%2Fb/c", "/a%20b", "/a:b@c+d,e=f", "/a-b_c~d", "/a.b/c.d", "/_sandbox/koji/script",
  ])
  func plainPathsMatchFoundationsStandardisation(path: String) throws {
    let foundation = try #require(URL(string: path)?.standardized.path)
    #expect(HTTPRequestTarget.path(Substring(path)) == foundation)
  }
}
