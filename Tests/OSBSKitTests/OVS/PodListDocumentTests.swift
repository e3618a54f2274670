import Foundation
import Testing

@testable import OSBSKit

/// `ovs check --pods-from` reads a few fields of each pod (`PodListDocument`); decoding the whole `Pod`
/// as the API client does is the reference.
@Suite struct PodListDocumentTests {
  static let recordedPodLists = [
    "openshift-wire/extra/kubeclient/pods_1.json", "openshift-wire/extra/kubeclient/pods_2.json",
    "openshift-wire/v3.9.41/pods.json", "openshift-wire/v3.9.41-2018/pods.json",
  ]

  static func fixture(_ path: String) throws -> Data {
    let root = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
    return try Data(contentsOf: root.appendingPathComponent(path))
  }

  @Test(arguments: recordedPodLists)
  func readsWhatTheWholePodsSay(path: String) throws {
    let data = try Self.fixture(path)
    let reference = try JSONDecoder().decode(ObjectList<Pod>.self, from: data).items.map(PodNetworkFacts.init)
    #expect(!reference.isEmpty)
    #expect(try PodListDocument(json: data).items == reference)
  }

  static let pod =
    #"{"metadata": {"name": "p", "namespace": "ns"}, "spec": {}, "status": {"phase": "Running"}}"#

  @Test(arguments: [
    (#"{"kind": "PodList"}"#, "missing .items"),
    (#"{"items": null}"#, "missing .items"),
    (#"{"items": {}}"#, "unexpected value at .items: expected an array"),
    (#"[]"#, "unexpected value at the document: expected an object"),
    (#"{"items": [\#(pod), 7]}"#, "unexpected value at .items[1]: expected an object"),
    (#"{"items": [{"spec": {}, "status": {}}]}"#, "missing .items[0].metadata"),
    (#"{"items": [{"metadata": {}, "spec": {}, "status": {}}]}"#, "missing .items[0].metadata.name"),
    (
      #"{"items": [{"metadata": {"name": null}, "spec": {}, "status": {}}]}"#,
      "missing .items[0].metadata.name"
    ),
    (#"{"items": [{"metadata": {"name": "p"}, "status": {}}]}"#, "missing .items[0].spec"),
    (#"{"items": [{"metadata": {"name": "p"}, "spec": {}}]}"#, "missing .items[0].status"),
    (
      #"{"items": [{"metadata": {"name": 1}, "spec": {}, "status": {}}]}"#,
      "unexpected value at .items[0].metadata.name: expected a string"
    ),
    (
      #"{"items": [{"metadata": {"name": "p"}, "spec": {"hostNetwork": "yes"}, "status": {}}]}"#,
      "unexpected value at .items[0].spec.hostNetwork: expected true or false"
    ),
    (
      #"{"items": [{"metadata": {"name": "p"}, "spec": [], "status": {}}]}"#,
      "unexpected value at .items[0].spec: expected an object"
    ),
    (
      #"{"items": [{"metadata": {"name": "p"}, "spec": {}, "status": {"podIP": false}}]}"#,
      "unexpected value at .items[0].status.podIP: expected a string"
    ),
    (
      #"{"items": [\#(pod)], "kind": "List",}"#,
      "not JSON (malformed JSON at byte 119: a member name was expected)"
    ),
  ])
  func saysWhichFieldIsWrong(document: String, reason: String) {
    #expect(throws: PodListReadError(reason: reason)) { try PodListDocument(json: Data(document.utf8)) }
  }

  /// PowerShell's `Out-File -Encoding utf8` and older Notepad start the file with one.
  @Test func aByteOrderMarkIsNoReasonToRefuseAList() throws {
    let data = Data([0xEF, 0xBB, 0xBF]) + Data(#"{"items": [\#(Self.pod)]}"#.utf8)
    #expect(try PodListDocument(json: data).items.map(\.name) == ["p"])
  }

  @Test func fieldsNotReadMayHoldAnything() throws {
    let document = #"""
      {"kind": "List", "items": [{"metadata": {"name": "p", "labels": {"a": [1, {"b": null}]}, "uid": 3},
       "spec": {"nodeName": "n", "containers": [{"name": "c", "ports": [{"containerPort": 8080}]}]},
       "status": {"phase": "Running", "podIP": "10.128.0.2", "conditions": [true, "\u00e9"]}}]}
      """#
    let items = try PodListDocument(json: Data(document.utf8)).items
    #expect(
      items.map(\.name) == ["p"] && items.map(\.nodeName) == ["n"] && items.map(\.podIP) == ["10.128.0.2"])
    #expect(items.map(\.namespace) == [nil] && items.map(\.hostNetwork) == [nil])
  }
}
