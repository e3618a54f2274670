import Foundation
import OSBSKit
import TestSupport

/// The package's recorded server traffic (Tests/OSBSKitTests/Fixtures), read in place.
enum Recordings {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("OSBSKitTests/Fixtures")

  static func data(_ path: String) throws -> Data {
    try Data(contentsOf: fixtures.appendingPathComponent(path))
  }

  /// A recorded OpenShift object, changed by `edit` (as the server would change it for a request).
  static func openShift(_ path: String, edit: (inout [String: Any]) throws -> Void = { _ in }) throws -> Data
  {
    let raw = try data("openshift-wire/" + path)
    guard var object = try JSONSerialization.jsonObject(with: raw) as? [String: Any] else {
      throw FixtureError("\(path) is not a JSON object")
    }
    try edit(&object)
    return try JSONSerialization.data(
      withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
  }
}

/// One exchange with a real Koji hub (Fixtures/koji-wire): the reply's bytes as the hub sent them.
struct KojiRecording: Sendable {
  var name: String
  var responseBody: Data

  init(_ name: String) throws {
    self.name = name
    let text = try String(decoding: Recordings.data("koji-wire/" + name), as: UTF8.self)
    // The reply's head starts `<<< HTTP/`; its body follows the first blank line after it.
    guard let head = text.range(of: "\n<<< HTTP/"),
      let blank = text.range(of: "\n\n", range: head.upperBound..<text.endIndex)
    else { throw FixtureError("\(name) holds no reply") }
    responseBody = Data(text[blank.upperBound...].utf8)
  }
}
