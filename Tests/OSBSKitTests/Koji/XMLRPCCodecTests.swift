import Foundation
import Testing

@testable import OSBSKit

@Suite("XML-RPC codec against real Koji hub traffic")
struct XMLRPCCodecTests {
  @Test func everyCapturedResponseDecodesAndReencodesByteForByte() throws {
    let captures = try KojiWireCapture.all().filter(\.isXMLRPCResponse)
    #expect(captures.count >= 60)
    for capture in captures {
      let response = try XMLRPCDecoder.decodeResponse(capture.responseBody)
      let reencoded = XMLRPCEncoder.encode(response)
      #expect(
        String(decoding: reencoded, as: UTF8.self) == String(decoding: capture.responseBody, as: UTF8.self),
        "\(capture.name)")
    }
  }

  @Test func everyCapturedRequestDecodesAndReencodesAsPythonWritesIt() throws {
    let requests = try KojiWireCapture.all().filter {
      $0.requestLine.hasPrefix("POST") && $0.requestHeaders["Content-Type"] == "text/xml"
        && !$0.requestBody.isEmpty
    }
    #expect(requests.count >= 50)
    for capture in requests {
      let call = try XMLRPCDecoder.decodeCall(capture.requestBody)
      #expect(
        String(decoding: XMLRPCEncoder.encode(call), as: UTF8.self)
          == String(decoding: capture.requestBody, as: UTF8.self), "\(capture.name)")
    }
  }

  @Test func faultsCarryCodeAndMessage() throws {
    let capture = try #require(try KojiWireCapture.load("05-unknown-method.txt"))
    let response = try XMLRPCDecoder.decodeResponse(capture.responseBody)
    #expect(response == .fault(XMLRPCFault(code: 1000, message: "Invalid method: noSuchMethod")))
  }

  @Test func kojiExtensionsDecode() throws {
    let capture = try #require(try KojiWireCapture.load("22-getLoggedInUser-password-session.txt"))
    guard case .success(let user) = try XMLRPCDecoder.decodeResponse(capture.responseBody) else {
      Issue.record("expected a success")
      return
    }
    #expect(user["name"] == "builder1")
    #expect(user["krb_principal"] == .null)
    #expect(user["krb_principals"] == .array([]))
  }

  @Test func stringTypedSizesReadAsIntegers() throws {
    let capture = try #require(try KojiWireCapture.load("39-listTaskOutput-open-stat.txt"))
    guard case .success(let listing) = try XMLRPCDecoder.decodeResponse(capture.responseBody) else {
      Issue.record("expected a success")
      return
    }
    let size = listing["openshift-incremental.log"]?["st_size"]
    #expect(size == .string("610"))
    #expect(size?.intValue == 610)
  }

  @Test func keywordArgumentsTravelAsTheTrailingStarStarStruct() throws {
    let call = XMLRPCCall("getTaskInfo", [1], keywords: [XMLRPCMember("request", true)])
    let text = String(decoding: XMLRPCEncoder.encode(call), as: UTF8.self)
    #expect(text.contains("<name>__starstar</name>\n<value><boolean>1</boolean></value>"))
    let decoded = try XMLRPCDecoder.decodeCall(XMLRPCEncoder.encode(call))
    #expect(decoded.positionalAndKeywords.positional == [1])
    #expect(decoded.positionalAndKeywords.keywords == ["request": true])
  }

  @Test func everyTypeRoundTrips() throws {
    let value: XMLRPCValue = .object([
      "small": .int(-5), "large": .int(1 << 40), "flag": false, "text": "a < b & c > d \u{e9}",
      "empty": "", "pi": 3.25, "when": .dateTime("20161102T13:26:28"),
      "blob": .base64(Data((0..<200).map { UInt8($0) })), "nothing": .null,
      "nested": [[1, 2], .object(["k": "v"]), []],
    ])
    let encoded = XMLRPCEncoder.encode(.success(value))
    #expect(String(decoding: encoded, as: UTF8.self).contains("<i8>1099511627776</i8>"))
    #expect(try XMLRPCDecoder.decodeResponse(encoded) == .success(value))
  }

  @Test func untypedValuesEntitiesAndCDATAAreStrings() throws {
    let xml = """
      <?xml version="1.0"?><!-- comment --><methodResponse><params><param><value><array><data>\
      <value>  plain  </value><value/><value><string/></value><value>&#233;&#x41;&quot;&apos;</value>\
      <value><string><![CDATA[<raw & text>]]></string></value><value><i4>+7</i4></value>\
      </data></array></value></param></params></methodResponse>
      """
    let response = try XMLRPCDecoder.decodeResponse(Data(xml.utf8))
    #expect(response == .success(["  plain  ", "", "", "\u{e9}A\"'", "<raw & text>", 7]))
  }

  @Test(arguments: [
    "", "<methodResponse>",
    "<methodResponse><params><param><value><int>x</int></value></param></params></methodResponse>",
    "<methodResponse><fault><value><struct></struct></value></fault></methodResponse>",
    "<html><body>502 Bad Gateway</body></html>",
    "<methodResponse><params><param><value><foo>1</foo></value></param></params></methodResponse>",
    "<methodResponse><params><param><value><string>unterminated",
    "<!DOCTYPE x [<!ENTITY a 'b'>]><methodResponse/>",
    "<methodResponse><params><param><value><string>&bogus;</string></value></param></params></methodResponse>",
  ])
  func malformedRepliesAreTypedErrors(_ text: String) {
    #expect(throws: XMLRPCDecodingError.self) { try XMLRPCDecoder.decodeResponse(Data(text.utf8)) }
  }

  @Test func hostileNestingIsRefusedNotRecursedInto() {
    let depth = 10_000
    let xml =
      "<methodResponse><params><param>"
      + String(repeating: "<value><array><data>", count: depth)
      + String(repeating: "</data></array></value>", count: depth) + "</param></params></methodResponse>"
    #expect(throws: XMLRPCDecodingError.self) { try XMLRPCDecoder.decodeResponse(Data(xml.utf8)) }
  }

  @Test func aMultiMegabyteBase64StringDecodes() throws {
    let payload = Data((0..<(12 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    let response = XMLRPCEncoder.encode(.success(.string(payload.base64EncodedString())))
    guard case .success(.string(let text)) = try XMLRPCDecoder.decodeResponse(response) else {
      Issue.record("expected a string")
      return
    }
    #expect(Data(base64Encoded: text) == payload)
  }
}
