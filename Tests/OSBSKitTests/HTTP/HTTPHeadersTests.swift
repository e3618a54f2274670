import Foundation
import Testing

@testable import OSBSKit

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
  static let names = [
    "Content-Type", "content-type", "CONTENT-TYPE", "Content-Typf", "Content-Typ", "Accept", "accept",
    "X-Ünïcode", "x-ünïcode", "X-ÜNÏCODE", "Straße", "STRASSE", "strasse", "Kelvin-\u{212A}", "Kelvin-k", "",
    "a", "A", "[", "{", "@", "`",
  ]

  @Test("names compare as Foundation's case-insensitive comparison does, ASCII or not")
  func nameComparisonAgreesWithFoundation() {
    for lhs in Self.names {
      for rhs in Self.names {
        #expect(
          HTTPHeaders.sameName(lhs, rhs) == (lhs.caseInsensitiveCompare(rhs) == .orderedSame),
          "\(lhs) / \(rhs)")
      }
    }
  }

  @Test("lookups ignore case and take the last field; set replaces every field of that name")
  func lookupAndSet() {
    var headers = HTTPHeaders([("Accept", "a"), ("X-One", "1"), ("accept", "b")])
    #expect(headers["ACCEPT"] == "b")
    #expect(headers["x-one"] == "1")
    #expect(headers["X-Two"] == nil)
    headers.set("aCCept", "c")
    #expect(headers.fields.map(\.name) == ["X-One", "aCCept"])
    #expect(headers["accept"] == "c")
  }
}
