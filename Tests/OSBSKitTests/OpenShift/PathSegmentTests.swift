import Foundation
import Testing

@testable import OSBSKit

@Suite("OpenShift path segments")
struct PathSegmentTests {
  @Test(
    "a segment is percent-encoded as Foundation encodes it, whether or not it needed encoding",
    arguments: [
      "httpd-container-f40-2", "osbs", "a.b_c~d-0", "", "with space", "slash/in", "percent%41", "qu?ery",
      "h#sh", "ünïcode", "colon:name", "UPPER", "emoji-🔑",
    ])
  func segmentsMatchFoundation(_ name: String) {
    let expected = name.addingPercentEncoding(withAllowedCharacters: OpenShiftClient.unreserved) ?? name
    #expect(OpenShiftClient.segment(name) == expected)
  }
}
