import Foundation
import Testing

@testable import OSBSKit

/// `JSONTreeEncoder` must give the tree of the JSON that `ReportJSON`'s encoder writes for the same value,
/// and `ReportJSON.data` (the encoder's writing side) that encoder's very bytes.
/// The golden-file tests check it on every report; these check the edges of the Codable model.
@Suite struct JSONTreeEncoderTests {
  static func reference<T: Encodable>(_ value: T) throws -> JSONTree {
    try JSONTree(json: ReportJSON.encoder(pretty: false).encode(value))
  }

  static func expectSameTree<T: Encodable>(
    _ value: T, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let tree = try JSONTreeEncoder().encode(value)
    #expect(tree == (try reference(value)), sourceLocation: sourceLocation)
    // The writing side of the same encoder: `-o json` must write JSONEncoder's bytes for every edge here.
    for pretty in [true, false] {
      let written = try ReportJSON.data(value, pretty: pretty)
      #expect(
        written == (try ReportJSON.encoder(pretty: pretty).encode(value)), sourceLocation: sourceLocation)
    }
  }

  @Test func numbersAreReadAsTheirJSONText() throws {
    try Self.expectSameTree([60.0, -0.0, 0.1, 0.1 + 0.2, 1e18, 1e19, 2.5e-8, 12_345_678_901_234_567.0])
    try Self.expectSameTree([Float(0.1), Float(60), Float(3.4e38), Float(1e-7)])
    try Self.expectSameTree([UInt64.max, UInt64(Int64.max), 0])
    try Self.expectSameTree([Int64.min, Int64.max])
    try Self.expectSameTree(Int8.min)
    #expect(try JSONTreeEncoder().encode(60.0) == .int(60))
    #expect(try JSONTreeEncoder().encode(0.5) == .double(0.5))
  }

  @Test func numbersJSONCannotWriteAreRefusedAsJSONEncoderRefusesThem() {
    for value in [Double.nan, .infinity, -.infinity] {
      #expect(throws: EncodingError.self) { try JSONTreeEncoder().encode(["x": value]) }
      #expect(throws: EncodingError.self) { try ReportJSON.encoder(pretty: false).encode(["x": value]) }
    }
    #expect(throws: EncodingError.self) { try JSONTreeEncoder().encode([Float.nan]) }
  }

  @Test func aRefusedNumberIsNamedByTheSamePathAsJSONEncoderNamesIt() throws {
    struct Holder: Encodable { var readings = ["x": [1.0, .nan]] }
    func path(_ encode: () throws -> Void) -> [String]? {
      do {
        try encode()
      } catch EncodingError.invalidValue(_, let context) {
        return context.codingPath.map { $0.stringValue }
      } catch {}
      return nil
    }
    let ours = path { _ = try JSONTreeEncoder().encode(Holder()) }
    #expect(ours == ["readings", "x", "Index 1"])
    #expect(ours == path { _ = try ReportJSON.encoder(pretty: false).encode(Holder()) })
  }

  @Test func timesURLsAndDataAreStringsAsInJSON() throws {
    struct Record: Encodable {
      var at = Date(timeIntervalSince1970: 1_733_000_000.75)
      var times = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 2_000_000_000)]
      var link = URL(string: "https://koji.example.org/kojihub?a=b&c=%20")!
      var bytes = Data([0, 1, 2, 250, 251, 252])
      var optionalTime: Date? = Date(timeIntervalSince1970: 86_400)
      var decimal = Decimal(string: "12.50")!
    }
    try Self.expectSameTree(Record())
    let tree = try JSONTreeEncoder().encode(Record())
    guard case .object(let members) = tree else {
      Issue.record("not an object: \(tree)")
      return
    }
    #expect(members["at"] == .string("2024-11-30T20:53:20Z"))
    #expect(members["link"] == .string("https://koji.example.org/kojihub?a=b&c=%20"))
  }

  @Test func optionalsNullsAndEmptyContainers() throws {
    struct Inner: Encodable {
      func encode(to encoder: any Encoder) throws {}
    }
    struct Outer: Encodable {
      var absent: String?
      var inner = Inner()
      var values: [Int?] = [1, nil, 3]
      var empty: [String] = []
      var nothing: [String: Int] = [:]
      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(absent, forKey: .absent)
        try container.encode(inner, forKey: .inner)
        try container.encode(values, forKey: .values)
        try container.encode(empty, forKey: .empty)
        try container.encode(nothing, forKey: .nothing)
        try container.encodeNil(forKey: .null)
      }
      enum CodingKeys: String, CodingKey { case absent, inner, values, empty, nothing, null }
    }
    try Self.expectSameTree(Outer())
    #expect(throws: EncodingError.self) { try JSONTreeEncoder().encode(Inner()) }
  }

  @Test func nestedAndSuperContainersAndRepeatedKeys() throws {
    struct Shapes: Encodable {
      enum Keys: String, CodingKey { case list, map, again, plain }
      func encode(to encoder: any Encoder) throws {
        var top = encoder.container(keyedBy: Keys.self)
        var list = top.nestedUnkeyedContainer(forKey: .list)
        try list.encode("a")
        var element = list.nestedContainer(keyedBy: Keys.self)
        try element.encode(true, forKey: .plain)
        var deeper = list.nestedUnkeyedContainer()
        try deeper.encode(UInt8(7))
        try deeper.encodeNil()
        try list.encode(contentsOf: [1.5, 2.0])
        var map = top.nestedContainer(keyedBy: Keys.self, forKey: .map)
        try map.encode("first", forKey: .plain)
        try map.encode("second", forKey: .plain)
        try "base".encode(to: top.superEncoder())
        try 42.encode(to: top.superEncoder(forKey: .again))
        // A second keyed container of the same encoder adds to the same object.
        var more = encoder.container(keyedBy: Keys.self)
        try more.encode(Int16(-3), forKey: .plain)
      }
    }
    try Self.expectSameTree(Shapes())
  }

  @Test func singleValueWrappersAndDictionariesWithIntKeys() throws {
    struct Wrapper: Encodable {
      var inner: [String: [Int]]
      func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(inner)
      }
    }
    try Self.expectSameTree(Wrapper(inner: ["b": [2], "a": [1, 1]]))
    try Self.expectSameTree([3: "three", 1: "one"])
    try Self.expectSameTree(["plain é 中", "tab\tnew\n", ""])
    try Self.expectSameTree([[String: Bool]]([["x": true], [:]]))
  }
}
