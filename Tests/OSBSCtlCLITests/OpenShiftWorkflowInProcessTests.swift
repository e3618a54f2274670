import Foundation
import OSBSKit
import Testing

/// The OpenShift commands not in `OpenShiftCommandInProcessTests` (builds listed, followed, located;
/// node pods and drain; doctor; prune builds; the leftover-pod clean-ups), in process against a strict
/// fake API server answering with recorded objects (Fixtures/openshift-wire: OSE 3.9.41 builds and the
/// build pod scratch-79683-20191011152333-build on node example.com; OpenShift 4.7 nodes).
@Suite("OpenShift workflows in process against strict fakes")
struct OpenShiftWorkflowInProcessTests {
  typealias Case = CommandInProcessTests.Case
  typealias Recorded = OpenShiftCommandInProcessTests

  static let builds = Recorded.buildsPath
  static let namespace = InProcessCLI.namespace
  static let node = "example.com"
  /// The recorded running build whose pod is in the recorded pod list.
  static let runningBuild = "test-build-cancel-123"
  static let buildPod = "scratch-79683-20191011152333-build"

  static func wire(_ path: String) throws -> Data { try Recordings.data("openshift-wire/v3.9.41/" + path) }

  /// The recorded OpenShift 4.7 worker, renamed to the node the recorded 3.9 pods ran on (no recording
  /// holds a node called example.com).
  static func exampleNode(cordoned: Bool = false) throws -> Data {
    try Recorded.node("node_worker-0.json") { node in
      var metadata = node["metadata"] as? [String: Any] ?? [:]
      metadata["name"] = Self.node
      node["metadata"] = metadata
      if cordoned {
        var spec = node["spec"] as? [String: Any] ?? [:]
        spec["unschedulable"] = true
        node["spec"] = spec
      }
    }
  }

  /// The one pod of the recorded pod list, as a GET of it returns it.
  static func buildPodObject() throws -> Data {
    let list = try #require(try JSONSerialization.jsonObject(with: wire("pods.json")) as? [String: Any])
    var pod = try #require((list["items"] as? [[String: Any]])?.first)
    pod["kind"] = "Pod"
    pod["apiVersion"] = "v1"
    return try JSONSerialization.data(withJSONObject: pod, options: [.sortedKeys])
  }

  /// A list of the recorded objects `items` (the list's shell written here, as in `Recorded.list`).
  static func listOfBuilds(_ files: [String]) throws -> Data {
    try Recorded.list("BuildList", try files.map { try wire($0) })
  }

  static func emptyPodList() throws -> Data { try Recorded.list("PodList", []) }

  static func podsOnNode(_ reply: Data) -> ExpectedRequest {
    .rest(
      "GET", "/api/v1/pods", query: ["fieldSelector": "spec.nodeName=" + node, "limit": "500"], reply: reply)
  }

  static func cases() throws -> [Case] {
    let running = ExpectedRequest.rest(
      "GET", builds + "/" + runningBuild, reply: try wire("build_test-build-cancel-123_get.json"))
    let pod = ExpectedRequest.rest(
      "GET", "/api/v1/namespaces/\(namespace)/pods/\(buildPod)", reply: try buildPodObject())
    let node = ExpectedRequest.rest("GET", "/api/v1/nodes/" + Self.node, reply: try exampleNode())
    let missingNode = ExpectedRequest.rest(
      "GET", "/api/v1/nodes/no-such-node", status: 404,
      reply: Recorded.notFound("nodes", "no-such-node", group: ""))
    let buildList = ExpectedRequest.rest(
      "GET", builds, query: ["limit": "500"], reply: try wire("builds_list.json"))
    let buildPods = ExpectedRequest.rest(
      "GET", "/api/v1/namespaces/\(namespace)/pods",
      query: ["labelSelector": "openshift.io/build.name", "limit": "500"], reply: try wire("pods.json"))
    let apis = ExpectedRequest.rest("GET", "/apis", reply: Recorded.apiGroups)
    return [
      // MARK: build list
      Case(
        arguments: ["build", "list"], requests: [apis, buildList, buildPods], status: 0,
        stdout: [
          "NAME", "STATUS", "KOJI-TASK", "codeready-workspaces-codeready-10-rhel-7-3857d-1",
          "e2e-container-test-prod-release-e2e-test-10-rhe-d9e6f-1874", "40889125", "Failed",
        ]),
      Case(
        arguments: ["build", "list", "-o", "json"], requests: [apis, buildList, buildPods], status: 0,
        stdout: [
          #""name" : "e2e-container-test-prod-release-e2e-test-10-rhe-d9e6f-1874""#, #""taskId" : 40889125"#,
          #""phase" : "Failed""#,
        ]),
      // MARK: build for-task
      // The server applies the label selector; the reply is the recorded list cut to the build it selects.
      Case(
        arguments: ["build", "for-task", "40889125"],
        requests: [
          .rest(
            "GET", builds, query: ["labelSelector": "koji-task-id=40889125", "limit": "500"],
            reply: try Recordings.openShift("v3.9.41/builds_list.json") { list in
              list["items"] = (list["items"] as? [[String: Any]] ?? []).filter { item in
                ((item["metadata"] as? [String: Any])?["labels"] as? [String: Any])?["koji-task-id"]
                  as? String
                  == "40889125"
              }
            }),
          // Its pod, for the node: long pruned on that cluster.
          .rest(
            "GET",
            "/api/v1/namespaces/osbs-stage/pods/e2e-container-test-prod-release-e2e-test-10-rhe-d9e6f-1874-build",
            status: 404,
            reply: Recorded.notFound(
              "pods", "e2e-container-test-prod-release-e2e-test-10-rhe-d9e6f-1874-build", group: "")),
        ],
        status: 0, stdout: ["40889125", "e2e-container-test-prod-release-e2e-test-10-rhe-d9e6f-1874"]),
      Case(
        arguments: ["build", "for-task", "999999", "-o", "json"],
        requests: [
          .rest(
            "GET", builds, query: ["labelSelector": "koji-task-id=999999", "limit": "500"],
            reply: try wire("builds_list_empty.json")),
          // An empty answer makes the client ask whether the cluster has the build API at all, and the
          // hub for the task's children and outputs (which would name its builds); the hub answers []
          // for both (51: no children; 14: no output of a task it does not know) and a fault for its result (16).
          apis,
          .koji(
            XMLRPCCall("getTaskChildren", [.int(999999)]), reply: try KojiRecording("51-getTaskChildren.txt")),
          .koji(
            XMLRPCCall("listTaskOutput", [.int(999999)]),
            reply: try KojiRecording("14-listTaskOutput-nonexistent.txt")),
          .koji(
            XMLRPCCall(
              "getTaskResult", [.int(999999)], keywords: [XMLRPCMember("raise_fault", .bool(false))]),
            reply: try KojiRecording("16-getTaskResult-nonexistent.txt")),
        ],
        status: 3, stdout: [], stderr: [#""kind":"notFound""#]),
      // MARK: build node
      Case(
        arguments: ["build", "node", runningBuild],
        requests: [running, running, pod, node], status: 0,
        stdout: ["BUILD", runningBuild, buildPod, "172.20.48.82", Self.node]),
      Case(
        arguments: ["build", "node", runningBuild, "-o", "json"],
        requests: [running, running, pod, node], status: 0,
        stdout: [#""nodeName" : "example.com""#, #""podIP" : "172.20.48.82""#]),
      // MARK: build logs
      // The log is osbs-client's hand-written mock (openshift-wire/README.md), sent as the API sends text.
      Case(
        arguments: ["build", "logs", "test-build-123"],
        requests: [
          .rest(
            "GET", builds + "/test-build-123/log", query: ["timestamps": "true"],
            reply: try wire("build_test-build-123_logs.txt"))
        ],
        status: 0, stdout: ["líne 1"]),
      // MARK: build watch
      // A build that already finished: one GET, one list of it, and the final phase.
      Case(
        arguments: ["build", "watch", "test-build-123"],
        requests: [
          .rest("GET", builds + "/test-build-123", reply: try wire("build_test-build-123.json")),
          .rest(
            "GET", builds, query: ["fieldSelector": "metadata.name=test-build-123", "limit": "500"],
            reply: try listOfBuilds(["build_test-build-123.json"])),
        ],
        status: 0, stdout: ["build/test-build-123 Complete"]),
      // MARK: node pods
      Case(
        arguments: ["node", "pods", Self.node], requests: [node, podsOnNode(try wire("pods.json"))],
        status: 0, stdout: ["NAMESPACE", namespace, buildPod, "172.20.48.82"]),
      Case(
        arguments: ["node", "pods", "no-such-node"], requests: [missingNode],
        status: 3, stdout: [], stderr: ["not found"]),
      // MARK: node drain
      // The node is cordoned (the PATCH's answer is the node with spec.unschedulable set); the recorded
      // build pod is running, so drain waits for it rather than evicting a build, and is done once the
      // pod is gone from the node (the last list is empty).
      Case(
        arguments: ["node", "drain", Self.node, "--confirm"],
        requests: [
          node, node,
          .rest(
            "GET", "/api/v1",
            reply: try Recordings.data("openshift-wire/extra/kubeclient/core_api_resource_list.json")),
          podsOnNode(try wire("pods.json")),
          .rest(
            "PATCH", "/api/v1/nodes/" + Self.node, body: .json(#"{"spec":{"unschedulable":true}}"#),
            reply: try exampleNode(cordoned: true)),
          podsOnNode(try wire("pods.json")),
          podsOnNode(try emptyPodList()),
        ],
        status: 0, stdout: ["node/\(Self.node) drained"],
        stderr: ["node/\(Self.node) cordoned", "waiting for build pods \(buildPod)"]),
      // MARK: node probe --cleanup, fleet cleanup
      // Nothing left over: the server's label selector matches no pod (an empty PodList).
      Case(
        arguments: ["node", "probe", "--cleanup", Self.node, "-o", "json"],
        requests: [
          .rest(
            "GET", "/api/v1/namespaces/\(namespace)/pods",
            query: ["labelSelector": "osbsctl.io/probe=true", "limit": "500"], reply: try emptyPodList())
        ],
        status: 0, stdout: [#""selector" : "osbsctl.io/probe=true""#, #""deleted" : 0"#, #""failed" : 0"#]),
      Case(
        arguments: ["fleet", "cleanup", "-o", "json"],
        requests: [
          .rest(
            "GET", "/api/v1/namespaces/\(namespace)/pods",
            query: ["labelSelector": "osbsctl.io/fleet", "limit": "500"], reply: try emptyPodList())
        ],
        status: 0, stdout: [#""deleted" : 0"#, #""failed" : 0"#]),
      // MARK: doctor
      // The build's node is not this host, so the flows are not read (no ovs-ofctl run is expected).
      Case(
        arguments: ["doctor", "--build", runningBuild],
        requests: [running, pod, node], status: 0,
        stdout: ["STEP", "build", "pod", "node", Self.node, "network", "skipped"]),
      Case(
        arguments: ["doctor", "--build", "no-such-build", "-o", "json"],
        requests: [
          .rest(
            "GET", builds + "/no-such-build", status: 404,
            reply: Recorded.notFound("builds", "no-such-build", group: "build.openshift.io")),
          apis,
        ],
        // The doctor's report says where the walk stopped; the exit status says what kind of stop.
        status: 3, stdout: [#""status" : "problem""#, "is no longer on the cluster"]),
      // MARK: prune builds
      // The recorded builds failed in 2019 and no BuildConfig of theirs exists: with --orphans both go.
      Case(
        arguments: ["prune", "builds", "--orphans", "-o", "json"],
        requests: [
          apis,
          .rest(
            "GET", "/apis/build.openshift.io/v1/namespaces/\(namespace)/buildconfigs",
            query: ["limit": "500"],
            reply: try Recorded.list(
              "BuildConfigList", [try wire("created_build_config_test-build-config-123.json")])),
          buildList,
        ],
        status: 0,
        stdout: [
          #""dryRun" : true"#, #""kind" : "build""#,
          #""name" : "codeready-workspaces-codeready-10-rhel-7-3857d-1""#,
          #""name" : "e2e-container-test-prod-release-e2e-test-10-rhe-d9e6f-1874""#,
        ]),
    ]
  }

  @Test(arguments: try cases())
  func openShift(_ row: Case) async throws { try await CommandInProcessTests.run(row) }
}
