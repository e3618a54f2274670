import Foundation
import Testing

@testable import OSBSKit

/// What `node cordon` reads of a Node without decoding all of it, on a Node recorded from a real
/// OpenShift 4.7 cluster and on that Node changed the ways a server or a proxy could change it.
@Suite("Node schedulability read from the JSON tree")
struct NodeSchedulabilityTests {
  static let recorded = "extra/insights/node_worker-0.json"
  static let name = "worker-0.imeixner20210707.lab.upshift.rdu2.redhat.com"

  /// The recorded Node with its `spec` (or its `metadata`) changed by `change`.
  private func node(_ change: (inout [String: Any]) -> Void) throws -> Data {
    var object = try #require(
      try JSONSerialization.jsonObject(with: OpenShiftWireRecordingTests.data(Self.recorded))
        as? [String: Any])
    change(&object)
    return try JSONSerialization.data(withJSONObject: object)
  }

  private func spec(_ value: Any?) throws -> Data {
    try node { object in
      var spec = object["spec"] as? [String: Any] ?? [:]
      spec["unschedulable"] = value
      object["spec"] = spec
    }
  }

  @Test func theRecordedNodeIsSchedulable() throws {
    let read = try NodeSchedulability(json: OpenShiftWireRecordingTests.data(Self.recorded))
    #expect(read == NodeSchedulability(name: Self.name, unschedulable: nil))
    #expect(read.isSchedulable)
  }

  @Test func unschedulableTrueFalseAndNull() throws {
    #expect(
      try NodeSchedulability(json: spec(true))
        == .init(name: "worker-0.imeixner20210707.lab.upshift.rdu2.redhat.com", unschedulable: true))
    #expect(try !NodeSchedulability(json: spec(true)).isSchedulable)
    #expect(
      try NodeSchedulability(json: spec(false))
        == .init(name: "worker-0.imeixner20210707.lab.upshift.rdu2.redhat.com", unschedulable: false))
    #expect(try NodeSchedulability(json: spec(NSNull())).unschedulable == nil)
    #expect(try NodeSchedulability(json: node { $0["spec"] = nil }).isSchedulable)
    #expect(try NodeSchedulability(json: node { $0["spec"] = NSNull() }).isSchedulable)
  }

  @Test func aNodeThatIsNotOneIsRefusedWithWhatIsWrong() throws {
    func refusal(_ data: Data) -> String? {
      do {
        _ = try NodeSchedulability(json: data)
        return nil
      } catch {
        return error.description
      }
    }
    #expect(refusal(try spec("true")) == "spec.unschedulable is not a boolean")
    #expect(refusal(try node { $0["spec"] = "x" }) == "spec is not an object")
    #expect(refusal(try node { $0["metadata"] = ["uid": "1"] }) == "no string at metadata.name")
    #expect(refusal(try node { $0["metadata"] = nil }) == "no object at metadata")
    #expect(refusal(Data("[]".utf8)) == "not a JSON object")
    #expect(refusal(Data(#"{"metadata": {"name": "n"}"#.utf8))?.hasPrefix("malformed JSON at byte") == true)
  }
}
