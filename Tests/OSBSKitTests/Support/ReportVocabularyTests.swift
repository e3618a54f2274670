import Foundation
import Testing

@testable import OSBSKit

@Suite("report vocabulary helpers")
struct ReportVocabularyTests {
  /// Koji's snake_case names become camelCase at every depth; keys that are data stay as they are.
  @Test func snakeCaseKeysOfWireDataBecomeCamelCase() {
    let wire = JSONTree.object([
      "koji_builds": .array([.object(["build_id": .int(1)])]),
      "x86_64": .string("arch keys are data"),
      "image-id": .string("so are hyphenated ones"),
      "repositories": .array([.string("git_branch stays: a value, not a key")]),
      "_private": .null,
      "trailing_": .null,
    ])
    #expect(
      wire.camelCasedKeys
        == .object([
          "kojiBuilds": .array([.object(["buildId": .int(1)])]),
          "x86_64": .string("arch keys are data"),
          "image-id": .string("so are hyphenated ones"),
          "repositories": .array([.string("git_branch stays: a value, not a key")]),
          "_private": .null,
          "trailing_": .null,
        ]))
  }

  struct Conditions: Codable, Equatable {
    @AlwaysEncoded var ready: Bool? = nil
    @AlwaysEncoded var diskPressure: Bool? = nil
  }

  /// An unknown boolean is `null`, never a missing key; a document without the key still decodes.
  @Test func unknownBooleansAreNullAndOldDocumentsDecode() throws {
    let json = try ReportJSON.encoder(pretty: false).encode(Conditions(ready: true, diskPressure: nil))
    #expect(String(decoding: json, as: UTF8.self) == #"{"diskPressure":null,"ready":true}"#)
    let old = try JSONDecoder().decode(Conditions.self, from: Data(#"{"ready":false}"#.utf8))
    #expect(old == Conditions(ready: false, diskPressure: nil))
  }
}
