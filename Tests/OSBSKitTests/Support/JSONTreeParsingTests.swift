import Foundation
import Testing

@testable import OSBSKit

/// `JSONTree(json:)` reads bytes itself; `JSONDecoder` through `JSONTree.init(from:)` is the reference it
/// must agree with, on every document both accept and on which documents are JSON at all.
@Suite struct JSONTreeParsingTests {
  static func decoded(_ data: Data) -> JSONTree? { try? JSONDecoder().decode(JSONTree.self, from: data) }

  static var fixtureDocuments: [URL] {
    let root = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.allObjects ?? []
    return files.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
  }

  @Test func everyJSONFixtureGivesTheDecodersTree() throws {
    let documents = Self.fixtureDocuments
    #expect(documents.count > 80)
    for url in documents {
      let data = try Data(contentsOf: url)
      let reference = try #require(Self.decoded(data), "\(url.lastPathComponent)")
      #expect(try JSONTree(json: data) == reference, "\(url.lastPathComponent)")
    }
  }

  @Test(arguments: [
    "0", "-0", "42", "-17", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1.5",
    "-0.25", "1e3", "2E-2", "-1.25e+3", "1.0", "true", "false", "null", "\"\"", "[]", "{}",
    #"{"a": [1, 2.5, "x", null, true, {"b": {}}], "c": "d"}"#, #"  [ 1 , [ ] ]  "#,
    #""tab\tnew\nquote\"slash\/back\\""#, #""\u00e9\u4e2d\ud83d\ude00\u0000""#, #""plain é 中""#,
    #"{"k": 1, "k": 2}"#, "12345678901234567.0", "1.5e1", "-0.0", "1e18", "1e19", "0.1", "0e-5", "-0.0e-3",
    "100e-2", "1e-5",
  ])
  func agreesWithTheDecoder(document: String) throws {
    let data = Data(document.utf8)
    let reference = try #require(Self.decoded(data))
    #expect(try JSONTree(json: data) == reference)
  }

  @Test func numbersKeepTheirKind() throws {
    #expect(
      try JSONTree(json: Data("[7, 7.0, 7e0, 7.5, 9223372036854775808, 1e300]".utf8))
        == .array([
          .int(7), .int(7), .int(7), .double(7.5), .double(9_223_372_036_854_775_808), .double(1e300),
        ]))
  }

  @Test(arguments: [
    "", " ", "{", "[1 2]", #"{"a" 1}"#, #"{a:1}"#, "01", "-", "1.", ".5", "1e", "+1",
    "tru", "nul", "1 2", "[]]", #""\x""#, #""\ud800""#, #""\udc00x""#, #""\u12""#, "\"a\u{1}b\"",
    "\"open", "[\"open]", "NaN", "1e999",
  ])
  func refusesWhatIsNotJSON(document: String) {
    #expect(Self.decoded(Data(document.utf8)) == nil, "the reference accepts \(document)")
    #expect(throws: JSONTreeSyntaxError.self) { try JSONTree(json: Data(document.utf8)) }
  }

  /// `JSONDecoder` takes these; RFC 8259 does not, and no report has them.
  @Test(arguments: ["[1,]", #"{"a":1,}"#])
  func refusesTrailingCommas(document: String) {
    #expect(throws: JSONTreeSyntaxError.self) { try JSONTree(json: Data(document.utf8)) }
  }

  @Test func refusesBytesThatAreNotUTF8() {
    #expect(throws: JSONTreeSyntaxError.self) { try JSONTree(json: Data([0x22, 0xFF, 0xFE, 0x22])) }
  }

  @Test func deepNestingIsRefusedNotAStackOverflow() throws {
    let deep = Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
    #expect(throws: JSONTreeSyntaxError.self) { try JSONTree(json: deep) }
    let fine = Data((String(repeating: "[", count: 500) + String(repeating: "]", count: 500)).utf8)
    #expect(try JSONTree(json: fine) != .null)
  }

  @Test func saysWhereTheDocumentBreaks() {
    #expect(throws: JSONTreeSyntaxError(offset: 6, reason: "',' or ']' was expected")) {
      try JSONTree(json: Data("[1, 2 3]".utf8))
    }
  }
}
