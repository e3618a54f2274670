import Foundation
import Testing

@testable import OSBSKit

/// `ReportJSON.data` (JSONText over `JSONTreeEncoder(for: .writing)`) must write the bytes Foundation's
/// `JSONEncoder`, set up as `ReportJSON.encoder`, writes for the same value, pretty and compact. The golden
/// files check every report; these check the edges of the format and thousands of random documents.
@Suite("JSON text as JSONEncoder writes it")
struct JSONTextTests {
  static func expectSameBytes<T: Encodable>(
    _ value: T, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    for pretty in [true, false] {
      let ours = String(decoding: try ReportJSON.data(value, pretty: pretty), as: UTF8.self)
      let foundation = String(decoding: try ReportJSON.encoder(pretty: pretty).encode(value), as: UTF8.self)
      #expect(ours == foundation, comment, sourceLocation: sourceLocation)
    }
  }

  struct Edges: Encodable {
    var keys: [String: Int] = [
      "a10": 1, "a9": 2, "B": 3, "a": 4, "_x": 5, "é": 6, "e": 7, "e\u{301}z": 8, "f": 9, "": 10,
      "\u{FFFF}": 11,
      "\u{10000}": 12, "a-b": 13, "a_b": 14, "Z": 15,
    ]
    var emptyObject: [String: Int] = [:]
    var emptyArray: [Int] = []
    var nested: [[[String: [Int]]]] = [[], [[:]], [["x": []], ["y": [1, 2]]]]
    var strings = [
      "a/b", "q\"uote", "back\\slash", "\u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f}\u{7f}",
      "\u{2028}\u{2029}é😀",
      "<>&'", "",
    ]
    var doubles: [Double] = [
      0, -0.0, 1.5, 0.1, 0.1 + 0.2, 1e20, 1e-7, 1e300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 100,
      1e15, 1e16,
      9_007_199_254_740_992, 9_007_199_254_740_994, Double(Int64.max), -Double(Int64.max), 1e-5, 1e-4, 4.35,
    ]
    var integers: [Int64] = [0, -1, .max, .min]
    var unsigned: UInt64 = .max
    var small: Int8 = -128
    var flag = true
    var absent: Int? = nil
    var null: Int?? = .some(nil)
    var time = Date(timeIntervalSince1970: 1_733_000_000.75)
    var bytes = Data([0, 1, 2, 250, 251, 252])
    var link = URL(string: "https://koji.example.org/kojihub?a=b&c=%20")!
    var tree: JSONTree = .object(["n": .double(60), "i": .int(60), "list": .array([.null, .bool(false)])])
  }

  @Test func theFormatsEdgesAreWrittenAsJSONEncoderWritesThem() throws {
    try Self.expectSameBytes(Edges())
    try Self.expectSameBytes([Edges(), Edges()])
    try Self.expectSameBytes("top-level string")
    try Self.expectSameBytes(-0.0)
    try Self.expectSameBytes([String: Edges]())
  }

  @Test func floatsDecimalsAndHugeIntegersAreLeftToJSONEncoder() throws {
    struct Measured: Encodable {
      var ratio: Float = 1e10
      var amount = Decimal(string: "12.50")!
    }
    #expect(throws: JSONTextFallback.self) { try JSONTreeEncoder(for: .writing).encode([Float(0.5)]) }
    #expect(throws: JSONTextFallback.self) { try JSONTreeEncoder(for: .writing).encode([Decimal(1)]) }
    #expect(throws: JSONTextFallback.self) { try JSONTreeEncoder(for: .writing).encode([UInt64.max]) }
    #expect(try JSONTreeEncoder(for: .writing).encode([UInt64(Int64.max)]) == .array([.int(.max)]))
    try Self.expectSameBytes(Measured())
    // Where JSONText would have differed: a whole Float above 2^24 is 1e+10 to JSONEncoder.
    #expect(String(decoding: try ReportJSON.data([Float(1e10)], pretty: false), as: UTF8.self) == "[1e+10]")
  }

  @Test func numbersJSONCannotWriteAreRefusedAsBefore() {
    for value in [Double.nan, .infinity, -.infinity] {
      #expect(throws: EncodingError.self) { try ReportJSON.data(["x": value], pretty: true) }
    }
  }

  /// Random documents from a seeded generator: numbers from random bit patterns, strings and names from
  /// control characters, ASCII, combining marks and characters beyond the Basic Multilingual Plane.
  @Test func randomDocumentsAreWrittenAsJSONEncoderWritesThem() throws {
    var random = OVSSeededRandom(seed: 0x4A53_4F4E)
    for round in 0..<2_000 {
      let tree = Self.randomTree(depth: 0, &random)
      try Self.expectSameBytes(tree, "round \(round)")
    }
  }

  static func randomTree(depth: Int, _ random: inout OVSSeededRandom) -> JSONTree {
    let choice = depth > 3 ? Int.random(in: 0..<5, using: &random) : Int.random(in: 0..<7, using: &random)
    switch choice {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &random))
    case 2: return .int(Int64(bitPattern: random.next()) >> Int64.random(in: 0..<64, using: &random))
    case 3:
      var number = Double(bitPattern: random.next())
      while !number.isFinite { number = Double(bitPattern: random.next()) }
      return .double(Bool.random(using: &random) ? number : number.rounded())
    case 4: return .string(randomString(&random))
    case 5:
      return .array(
        (0..<Int.random(in: 0..<4, using: &random)).map { _ in randomTree(depth: depth + 1, &random) })
    default:
      var members: [String: JSONTree] = [:]
      for _ in 0..<Int.random(in: 0..<5, using: &random) {
        members[randomString(&random)] = randomTree(depth: depth + 1, &random)
      }
      return .object(members)
    }
  }

  static func randomString(_ random: inout OVSSeededRandom) -> String {
    let pieces: [String] = [
      "a", "Z", "0", "9", "-", "_", "/", "\\", "\"", " ", "\u{0}", "\u{8}", "\u{9}", "\u{a}", "\u{b}",
      "\u{1f}",
      "\u{7f}", "é", "e\u{301}", "\u{2028}", "\u{FFFF}", "😀", "\u{10000}", "ｅ",
    ]
    return (0..<Int.random(in: 0..<6, using: &random)).map { _ in pieces.randomElement(using: &random)! }
      .joined()
  }
}
