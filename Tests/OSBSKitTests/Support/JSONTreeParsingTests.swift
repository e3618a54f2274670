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

  @Test func aByteOrderMarkIsSkippedAsTheDecoderSkipsIt() throws {
    let data = Data([0xEF, 0xBB, 0xBF]) + Data(#"{"a": [1, "b"]}"#.utf8)
    let reference = try #require(Self.decoded(data))
    #expect(try JSONTree(json: data) == reference)
    #expect(try JSONTree(json: data, selecting: .members(["a": .all])) == reference)
    #expect(throws: JSONTreeSyntaxError.self) { try JSONTree(json: Data([0xEF, 0xBB, 0xBF])) }
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

  /// What `init(json:selecting:)` must give: the whole tree with what the selection leaves out removed.
  static func pruned(_ tree: JSONTree, _ selection: JSONTree.Selection) -> JSONTree {
    switch (tree, selection) {
    case (_, .all): return tree
    case (.object(let members), .members(let wanted)):
      return .object(
        members.reduce(into: [:]) { kept, member in
          if let inner = wanted[member.key] { kept[member.key] = pruned(member.value, inner) }
        })
    case (.array(let elements), .members): return .array(elements.map { pruned($0, selection) })
    default: return tree
    }
  }

  static let selections: [JSONTree.Selection] = [
    .members([:]),
    .members(["items": .members(["metadata": .members(["name": .all]), "status": .all])]),
    .members(["metadata": .all, "kind": .all, "spec": .members(["containers": .members(["name": .all])])]),
  ]

  @Test func selectingGivesThePrunedTreeOfEveryFixture() throws {
    for url in Self.fixtureDocuments {
      let data = try Data(contentsOf: url)
      let whole = try JSONTree(json: data)
      for selection in Self.selections {
        #expect(
          try JSONTree(json: data, selecting: selection) == Self.pruned(whole, selection),
          "\(url.lastPathComponent)")
      }
    }
  }

  /// What is left out is still read: a document is refused, with the same offset and reason, whatever
  /// the selection.
  @Test(arguments: [
    "", " ", "{", "[1 2]", #"{"a" 1}"#, #"{a:1}"#, "01", "-", "1.", ".5", "1e", "+1", "tru", "nul", "1 2",
    "[]]",
    #"{"x": "\x"}"#, #"{"x": "\ud800"}"#, #"{"x": ["\udc00x"]}"#, #"{"x": "\u12"}"#, "{\"x\": \"a\u{1}b\"}",
    #"{"x": "open"#, #"{"x": ["open]}"#, #"{"x": NaN}"#, #"{"x": 1e999}"#, #"{"x": [1,]}"#,
    #"{"x": {"a":1,}}"#,
    #"{"x": {"a" 1}}"#, #"{"x": {"a": 1 "b": 2}}"#, #"{"x": {}, "y": [{}, {"z": tru}]}"#, #"{"x": 1,}"#,
    #"{"x": "é", "y": "\u00e9\ud83d\ude00"}"#, #"{"x": -0.5e+3, "y": [true, false, null]}"#,
  ])
  func selectingRefusesWhatTheWholeReadRefuses(document: String) {
    let data = Data(document.utf8)
    let whole = Result { () throws(JSONTreeSyntaxError) in try JSONTree(json: data) }
    for selection in Self.selections {
      let selected = Result { () throws(JSONTreeSyntaxError) in try JSONTree(json: data, selecting: selection)
      }
      switch (whole, selected) {
      case (.failure(let expected), .failure(let error)): #expect(error == expected, "\(document)")
      case (.success(let tree), .success(let part)):
        #expect(part == Self.pruned(tree, selection), "\(document)")
      default: Issue.record("\(document): \(whole) but selecting \(selection): \(selected)")
      }
    }
  }

  @Test func selectingRefusesBadUTF8AndDeepNestingItSkips() {
    let skipped = JSONTree.Selection.members([:])
    let notUTF8 = Data(#"{"x": ""#.utf8) + Data([0xFF, 0xFE]) + Data(#""}"#.utf8)
    #expect(throws: JSONTreeSyntaxError(offset: 10, reason: "a string is not UTF-8")) {
      try JSONTree(json: notUTF8, selecting: skipped)
    }
    #expect(throws: JSONTreeSyntaxError.self) { try JSONTree(json: notUTF8) }
    let deep = Data(
      (#"{"x": "# + String(repeating: #"{"a": "#, count: 100_000) + "1"
        + String(repeating: "}", count: 100_001)).utf8)
    #expect(throws: JSONTreeSyntaxError(offset: 3_071, reason: "nested deeper than 512")) {
      try JSONTree(json: deep, selecting: skipped)
    }
  }

  @Test func saysWhereTheDocumentBreaks() {
    #expect(throws: JSONTreeSyntaxError(offset: 6, reason: "',' or ']' was expected")) {
      try JSONTree(json: Data("[1, 2 3]".utf8))
    }
  }
}
