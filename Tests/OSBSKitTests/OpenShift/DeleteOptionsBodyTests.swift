import Foundation
import Testing

@testable import OSBSKit

@Suite("DeleteOptions bodies")
struct DeleteOptionsBodyTests {
  @Test(arguments: [nil, "1", "20261205", "", "a\"b/c\\d", "12 3", "\u{e9}"] as [String?])
  func theBodyIsTheDocumentJSONSerializationWrites(_ resourceVersion: String?) throws {
    var options: [String: Any] = ["kind": "DeleteOptions", "apiVersion": "v1"]
    if let resourceVersion { options["preconditions"] = ["resourceVersion": resourceVersion] }
    let expected = try JSONSerialization.data(withJSONObject: options, options: [.sortedKeys])
    let body = try OpenShiftClient.deleteOptions(resourceVersion: resourceVersion)
    #expect(String(decoding: body, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
  }
}
