import Foundation
import Testing

@testable import OSBSKit

/// `decodeBase64Response` reads `downloadTaskOutput` chunks from the reply's bytes; it must answer what
/// the general decoder followed by Foundation's base64 decoding answers, for every document.
@Suite("XML-RPC replies carrying base64 bytes")
struct XMLRPCBase64ReplyTests {
  /// What `decodeBase64Response` promises, spelled with the general decoder.
  static func expected(_ document: Data) throws -> XMLRPCResponse {
    switch try XMLRPCDecoder.decodeResponse(document) {
    case .success(.string(let text)):
      guard let bytes = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
        return .success(.string(text))
      }
      return .success(.base64(bytes))
    case let other: return other
    }
  }

  static func reply(_ value: String) -> Data {
    Data(
      ("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>" + value
        + "</value>\n</param>\n</params>\n</methodResponse>\n").utf8)
  }

  @Test func everyCapturedResponseDecodesAsTheGeneralDecoderSays() throws {
    let captures = try KojiWireCapture.all().filter(\.isXMLRPCResponse)
    #expect(captures.count >= 60)
    for capture in captures {
      #expect(
        try XMLRPCDecoder.decodeBase64Response(capture.responseBody) == Self.expected(capture.responseBody),
        "\(capture.name)")
    }
  }

  @Test func aCapturedChunkComesBackAsItsBytes() throws {
    let capture = try #require(try KojiWireCapture.load("46-downloadTaskOutput-full.txt"))
    guard case .success(.base64(let bytes)) = try XMLRPCDecoder.decodeBase64Response(capture.responseBody)
    else {
      Issue.record("expected bytes")
      return
    }
    #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("2026-11-29 03:02:32,138 - osbs.api - DEBUG"))
  }

  @Test(arguments: [
    "<string>QUJD</string>", "QUJDRA==", "<base64>QUJD\nREVG\n</base64>", "<string></string>",
    // Entities and CDATA take the general path.
    "<string>QU&#74;D</string>", "<string><![CDATA[QUJD]]></string>", "<string>QU&amp;JD</string>",
    // Not base64: the string itself.
    "<string>not base64!</string>", "<string>QUJ</string>", "<string>QQ==QUJD</string>",
    // Other values and mixed shapes.
    "<int>7</int>", "<struct></struct>", " <string>QUJD</string>", "<string/>",
    "<array><data><value><string>QUJD</string></value></data></array>",
  ])
  func repliesOfEveryShapeAgreeWithTheGeneralDecoder(_ value: String) throws {
    let document = Self.reply(value)
    #expect(try XMLRPCDecoder.decodeBase64Response(document) == Self.expected(document))
  }

  @Test func faultsAreFaults() throws {
    let capture = try #require(try KojiWireCapture.load("15-downloadTaskOutput-nonexistent.txt"))
    let response = try XMLRPCDecoder.decodeBase64Response(capture.responseBody)
    guard case .fault(let fault) = response else {
      Issue.record("expected a fault, got \(response)")
      return
    }
    #expect(response == (try XMLRPCDecoder.decodeResponse(capture.responseBody)))
    #expect(!fault.message.isEmpty)
  }

  @Test(arguments: [
    "<methodResponse><params><param><value><string>QUJD",
    "<methodResponse><params><param><value><string>QUJD</string>",
    "<methodResponse><params><param><value><string>QUJD</value></param></params></methodResponse>",
    "<methodResponse><params><param><value><base64>QUJ</base64></value></param></params></methodResponse>",
    "<methodResponse><params><param><value><base64>QU!D</base64></value></param></params></methodResponse>",
    "<methodResponse><params><param><value><string>QU&bogus;JD</string></value></param></params></methodResponse>",
  ])
  func malformedRepliesAreTheGeneralDecodersErrors(_ text: String) {
    let document = Data(text.utf8)
    #expect(throws: XMLRPCDecodingError.self) { try XMLRPCDecoder.decodeBase64Response(document) }
    #expect(throws: XMLRPCDecodingError.self) { try XMLRPCDecoder.decodeResponse(document) }
  }

  // MARK: - The base64 text decoder against Foundation's

  static func foundation(_ text: [UInt8]) -> Data? {
    Data(base64Encoded: String(decoding: text, as: UTF8.self), options: .ignoreUnknownCharacters)
  }

  static func ours(_ text: [UInt8]) -> Data? {
    text.withUnsafeBufferPointer { Base64Text.decode($0) }
  }

  static func canonical(_ text: [UInt8]) -> Data? {
    text.withUnsafeBufferPointer { Base64Text.decodeCanonical($0) }
  }

  @Test func theCommonShapesAreDecodedInPlace() {
    var random = OVSSeededRandom(seed: 16)
    for length in 0..<200 {
      let payload = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &random) })
      for options in [Data.Base64EncodingOptions(), [.lineLength76Characters, .endLineWithCarriageReturn]] {
        let text = Array(payload.base64EncodedString(options: options).utf8)
        #expect(Self.canonical(text) == payload, "length \(length)")
        #expect(Self.ours(text) == Self.foundation(text))
      }
    }
  }

  @Test func damagedTextIsDecodedAsFoundationDecodesIt() {
    var random = OVSSeededRandom(seed: 1616)
    let damage: [UInt8] = Array("=!&<\n \t-_.\u{7F}".utf8) + [0x00, 0xC3, 0xA9, 0xFF]
    for round in 0..<3000 {
      let length = Int.random(in: 0..<40, using: &random)
      let payload = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &random) })
      var text = Array(payload.base64EncodedString().utf8)
      switch round % 4 {
      case 0 where !text.isEmpty:  // truncated
        text.removeLast(Int.random(in: 1...min(3, text.count), using: &random))
      case 1:  // a character inserted anywhere
        text.insert(damage.randomElement(using: &random)!, at: Int.random(in: 0...text.count, using: &random))
      case 2 where !text.isEmpty:  // a character replaced
        text[Int.random(in: 0..<text.count, using: &random)] = damage.randomElement(using: &random)!
      default:  // padding added or removed
        if text.last == UInt8(ascii: "=") { text.removeLast() } else { text.append(UInt8(ascii: "=")) }
      }
      #expect(Self.ours(text) == Self.foundation(text), "\(String(decoding: text, as: UTF8.self))")
    }
  }

  @Test func spareBitsAndMisplacedPaddingLeaveTheFastPath() {
    for text in ["QR==", "QUI=QUJD", "Q===", "QUJD=", "QUJD====", "QQ= =", "QQ=\n=", " ", "\r\n"] {
      #expect(Self.canonical(Array(text.utf8)) == nil, "\(text)")
      #expect(Self.ours(Array(text.utf8)) == Self.foundation(Array(text.utf8)), "\(text)")
    }
  }
}
