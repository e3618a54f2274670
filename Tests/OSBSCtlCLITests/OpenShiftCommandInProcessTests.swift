import Foundation
import OSBSKit
import Testing

/// OpenShift commands in process against a strict fake API server answering with recorded objects
/// (Tests/OSBSKitTests/Fixtures/openshift-wire): OpenShift 4.7 nodes (extra/insights), an OSE 3.9.41 build
/// and pod list (v3.9.41).
@Suite("OpenShift commands in process against strict fakes")
struct OpenShiftCommandInProcessTests {
  typealias Case = CommandInProcessTests.Case

  static let worker = "worker-0.imeixner20210707.lab.upshift.rdu2.redhat.com"
  static let master = "master-0.imeixner20210707.lab.upshift.rdu2.redhat.com"

  /// A recorded node as the API server sends it: the insights archive dropped `kind` and `apiVersion`.
  static func node(_ file: String, edit: @escaping (inout [String: Any]) -> Void = { _ in }) throws -> Data {
    try Recordings.openShift("extra/insights/" + file) { node in
      node["kind"] = "Node"
      node["apiVersion"] = "v1"
      edit(&node)
    }
  }

  static func list(_ kind: String, _ items: [Data]) throws -> Data {
    let objects = try items.map { try JSONSerialization.jsonObject(with: $0) }
    return try JSONSerialization.data(
      withJSONObject: [
        "kind": kind, "apiVersion": "v1", "metadata": ["resourceVersion": "1"], "items": objects,
      ],
      options: [.sortedKeys])
  }

  /// The Status an API server sends for a missing object (the shape of the recorded 410 Status,
  /// extra/kubeclient/pods_410.json, with the NotFound reason and its details).
  static func notFound(_ resource: String, _ name: String, group: String) -> Data {
    Data(
      """
      {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
      "message":"\(resource).\(group) \\"\(name)\\" not found","reason":"NotFound",\
      "details":{"name":"\(name)","group":"\(group)","kind":"\(resource)"},"code":404}
      """.utf8)
  }

  /// `/apis` of an OpenShift cluster, cut to the build group (written here: no recording holds `/apis`).
  static let apiGroups = Data(
    """
    {"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"build.openshift.io","versions":\
    [{"groupVersion":"build.openshift.io/v1","version":"v1"}],"preferredVersion":\
    {"groupVersion":"build.openshift.io/v1","version":"v1"}}]}
    """.utf8)

  static let buildsPath = "/apis/build.openshift.io/v1/namespaces/osbs-stage/builds"

  static func cases() throws -> [Case] {
    let workerNode = try node("node_worker-0.json")
    let cordonedWorker = try node("node_worker-0.json") { node in
      var spec = node["spec"] as? [String: Any] ?? [:]
      spec["unschedulable"] = true
      node["spec"] = spec
    }
    return [
      Case(
        arguments: ["node", "list"],
        requests: [
          .rest(
            "GET", "/api/v1/nodes", query: ["limit": "500"],
            reply: try list("NodeList", [try node("node_master-0.json"), workerNode])),
          .rest(
            "GET", "/api/v1/pods", query: ["labelSelector": "openshift.io/build.name", "limit": "500"],
            reply: try Recordings.data("openshift-wire/v3.9.41/pods.json")),
          Self.taskRunPods(),
        ],
        status: 0, stdout: ["NAME", "STATUS", Self.master, Self.worker]),
      Case(
        arguments: ["node", "cordon", Self.worker, "--confirm"],
        requests: [
          .rest("GET", "/api/v1/nodes/" + Self.worker, reply: workerNode),
          .rest(
            "PATCH", "/api/v1/nodes/" + Self.worker, body: .json(#"{"spec":{"unschedulable":true}}"#),
            reply: cordonedWorker),
        ],
        status: 0, stdout: ["node/\(Self.worker) cordoned"]),
      // Already schedulable: nothing is sent after the GET.
      Case(
        arguments: ["node", "uncordon", Self.worker, "--confirm"],
        requests: [.rest("GET", "/api/v1/nodes/" + Self.worker, reply: workerNode)],
        status: 0, stdout: [Self.worker]),
      Case(
        arguments: ["node", "uncordon", Self.worker, "--confirm"],
        requests: [
          .rest("GET", "/api/v1/nodes/" + Self.worker, reply: cordonedWorker),
          .rest(
            "PATCH", "/api/v1/nodes/" + Self.worker, body: .json(#"{"spec":{"unschedulable":null}}"#),
            reply: workerNode),
        ],
        status: 0, stdout: ["node/\(Self.worker) uncordoned"]),
      // Every format prints the same outcome: kubectl's line in a table, the report otherwise.
      Case(
        arguments: ["node", "cordon", Self.worker, "--confirm", "-o", "name"],
        requests: [
          .rest("GET", "/api/v1/nodes/" + Self.worker, reply: workerNode),
          .rest(
            "PATCH", "/api/v1/nodes/" + Self.worker, body: .json(#"{"spec":{"unschedulable":true}}"#),
            reply: cordonedWorker),
        ],
        status: 0, stdout: ["node/\(Self.worker)\n"]),
      Case(
        arguments: ["-o", "json", "node", "cordon", Self.worker, "--confirm"],
        requests: [
          .rest("GET", "/api/v1/nodes/" + Self.worker, reply: workerNode),
          .rest(
            "PATCH", "/api/v1/nodes/" + Self.worker, body: .json(#"{"spec":{"unschedulable":true}}"#),
            reply: cordonedWorker),
        ],
        status: 0, stdout: [#""nodeName" : "\#(Self.worker)""#, #""changed" : true"#]),
      // An empty list is said on stderr for a person, and is an empty list for a script.
      Case(
        arguments: ["node", "list"],
        requests: Self.emptyNodeList(),
        status: 0, stdout: [], stderr: ["No nodes found."]),
      Case(
        arguments: ["node", "list", "-o", "json"],
        requests: Self.emptyNodeList(),
        status: 0, stdout: [#""nodes" : ["#]),
      // A command that talks to no Koji hub reads no koji config: a missing one does not stop it...
      Case(
        arguments: ["node", "list", "--koji-config", "/nonexistent/koji.conf", "-o", "json"],
        requests: Self.emptyNodeList(),
        status: 0, stdout: [#""nodes" : ["#]),
      // ...while one that does talk to the hub refuses before sending anything.
      Case(
        arguments: ["build", "for-task", "1", "--koji-config", "/nonexistent/koji.conf"],
        requests: [],
        status: 3, stdout: [], stderr: ["/nonexistent/koji.conf"]),
      Case(
        arguments: ["build", "cancel", "test-build-cancel-123"],
        requests: [
          // Once to learn what the name is, once more for the object the PUT replaces.
          .rest(
            "GET", Self.buildsPath + "/test-build-cancel-123",
            reply: try Recordings.data("openshift-wire/v3.9.41/build_test-build-cancel-123_get.json")),
          .rest(
            "GET", Self.buildsPath + "/test-build-cancel-123",
            reply: try Recordings.data("openshift-wire/v3.9.41/build_test-build-cancel-123_get.json")),
          .rest(
            "PUT", Self.buildsPath + "/test-build-cancel-123",
            body: .jsonMember(["status", "cancelled"], "true"),
            reply: try Recordings.data("openshift-wire/v3.9.41/build_test-build-cancel-123_put.json")),
        ],
        status: 0, stdout: ["build/test-build-cancel-123 cancelled"]),
      Case(
        arguments: ["build", "get", "test-build-123"],
        requests: [
          .rest(
            "GET", Self.buildsPath + "/test-build-123",
            reply: try Recordings.data("openshift-wire/v3.9.41/build_test-build-123.json")),
          // The build's pod is gone (pruned), as it is for most finished builds.
          .rest(
            "GET", "/api/v1/namespaces/osbs-stage/pods/scratch-38385-20191011152344-build", status: 404,
            reply: Self.notFound("pods", "scratch-38385-20191011152344-build", group: "")),
        ],
        status: 0, stdout: ["test-build-123", "Complete"]),
      Case(
        arguments: ["build", "get", "no-such-build", "-o", "json"],
        requests: [
          .rest(
            "GET", Self.buildsPath + "/no-such-build", status: 404,
            reply: Self.notFound("builds", "no-such-build", group: "build.openshift.io")),
          // A 404 for a build makes the client ask whether the cluster has the build API at all.
          .rest("GET", "/apis", reply: Self.apiGroups),
        ],
        status: 3, stdout: [], stderr: [#""exitCode":3"#, #""kind":"notFound""#]),
    ]
  }

  static func emptyNodeList() -> [ExpectedRequest] {
    [
      .rest("GET", "/api/v1/nodes", query: ["limit": "500"], reply: (try? list("NodeList", [])) ?? Data()),
      .rest(
        "GET", "/api/v1/pods", query: ["labelSelector": "openshift.io/build.name", "limit": "500"],
        reply: (try? list("PodList", [])) ?? Data()),
      taskRunPods(),
    ]
  }

  /// `node list`'s listing of OSBS 2 build pods (a PipelineRun's TaskRuns'), none on a 3.x cluster.
  static func taskRunPods() -> ExpectedRequest {
    .rest(
      "GET", "/api/v1/pods", query: ["labelSelector": "tekton.dev/pipelineRun", "limit": "500"],
      reply: (try? list("PodList", [])) ?? Data())
  }

  @Test(arguments: try cases())
  func openShift(_ row: Case) async throws { try await CommandInProcessTests.run(row) }
}
