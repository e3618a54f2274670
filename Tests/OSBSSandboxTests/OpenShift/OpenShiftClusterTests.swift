import Foundation
import OSBSKit
import OSBSSandbox
import Testing

/// The simulated cluster's wire behaviour, checked with a plain HTTP client.
@Suite("Sandbox OpenShift cluster API")
struct OpenShiftClusterTests {
  func withCluster(
    _ configuration: OpenShiftCluster.Configuration = OpenShiftCluster.Configuration(),
    _ body: (OpenShiftCluster, SandboxEndpoints) async throws -> Void
  ) async throws {
    let cluster = OpenShiftCluster(configuration: configuration)
    try await withSandbox(router: cluster.router()) { _, endpoints in try await body(cluster, endpoints) }
  }

  func object(_ result: HTTPResult) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: result.body) as? [String: Any])
  }

  @Test func notFoundIsAKubernetesStatus() async throws {
    try await withCluster { _, endpoints in
      let result = try await send("GET", endpoints.openshiftAPI + "/api/v1/nodes/nosuch")
      #expect(result.status == 404)
      let status = try object(result)
      #expect(status["kind"] as? String == "Status")
      #expect(status["apiVersion"] as? String == "v1")
      #expect(status["status"] as? String == "Failure")
      #expect(status["reason"] as? String == "NotFound")
      #expect(status["message"] as? String == #"nodes "nosuch" not found"#)
      #expect(status["code"] as? Int == 404)
      #expect((status["details"] as? [String: Any])?["kind"] as? String == "nodes")
      #expect((status["metadata"] as? [String: Any])?.isEmpty == true)
    }
  }

  /// Every error body comes from one Status type; the shapes differ as the API server's constructors do:
  /// a generic response (`NewGenericServerResponse`) keeps an empty `details` object, `NewUnauthorized`
  /// has none, a request fault's 405 names the allowed methods.
  @Test func errorBodiesHaveTheAPIServersShapes() async throws {
    try await withCluster { _, endpoints in
      let unknown = try await send("GET", endpoints.openshiftAPI + "/api/v1/nosuchresources")
      #expect(unknown.status == 404)
      #expect(
        String(decoding: unknown.body, as: UTF8.self)
          == #"{"apiVersion":"v1","code":404,"details":{},"kind":"Status","message":"the server could not find the requested resource","metadata":{},"reason":"NotFound","status":"Failure"}"#
      )
      let wrong = try await send(
        "GET", endpoints.openshiftAPI + "/api/v1/nodes", headers: ["Authorization": "Bearer nope"])
      #expect(
        String(decoding: wrong.body, as: UTF8.self)
          == #"{"apiVersion":"v1","code":401,"kind":"Status","message":"Unauthorized","metadata":{},"reason":"Unauthorized","status":"Failure"}"#
      )
    }
  }

  @Test func wrongTokenIsUnauthorizedAndMissingTokenDependsOnConfiguration() async throws {
    try await withCluster { _, endpoints in
      let wrong = try await send(
        "GET", endpoints.openshiftAPI + "/api/v1/nodes", headers: ["Authorization": "Bearer nope"])
      #expect(wrong.status == 401)
      #expect(try object(wrong)["reason"] as? String == "Unauthorized")
      #expect(try await send("GET", endpoints.openshiftAPI + "/api/v1/nodes").status == 200)
    }
    try await withCluster(OpenShiftCluster.Configuration(requireToken: true)) { cluster, endpoints in
      #expect(try await send("GET", endpoints.openshiftAPI + "/api/v1/nodes").status == 401)
      let right = try await send(
        "GET", endpoints.openshiftAPI + "/api/v1/nodes",
        headers: ["Authorization": "Bearer \(cluster.configuration.token)"])
      #expect(right.status == 200)
    }
  }

  @Test func nodeTableShowsSchedulingDisabled() async throws {
    try await withCluster { _, endpoints in
      let patch = try await send(
        "PATCH", endpoints.openshiftAPI + "/api/v1/nodes/osbs-node02",
        body: Data(#"{"spec":{"unschedulable":true}}"#.utf8),
        headers: ["Content-Type": "application/merge-patch+json"])
      #expect(patch.status == 200)
      let table = try object(
        try await send(
          "GET", endpoints.openshiftAPI + "/api/v1/nodes?limit=500",
          headers: ["Accept": "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"]))
      #expect(table["kind"] as? String == "Table")
      let rows = try #require(table["rows"] as? [[String: Any]])
      let cells = rows.compactMap { $0["cells"] as? [Any] }
      #expect(cells.map { $0[1] as? String } == ["Ready", "Ready,SchedulingDisabled", "Ready"])
    }
  }

  @Test func unsupportedPatchTypeIs415() async throws {
    try await withCluster { _, endpoints in
      let result = try await send(
        "PATCH", endpoints.openshiftAPI + "/api/v1/nodes/osbs-node01", body: Data("[]".utf8),
        headers: ["Content-Type": "application/json-patch+json"])
      #expect(result.status == 415)
      #expect(try object(result)["reason"] as? String == "UnsupportedMediaType")
    }
  }

  @Test func expiredWatchGetsAnInStreamGoneError() async throws {
    try await withCluster { cluster, endpoints in
      cluster.expireWatchHistory()
      let result = try await send(
        "GET",
        endpoints.openshiftAPI
          + "/apis/build.openshift.io/v1/namespaces/osbs/builds?watch=1&resourceVersion=5")
      #expect(result.status == 200)
      let event = try object(result)
      #expect(event["type"] as? String == "ERROR")
      let status = try #require(event["object"] as? [String: Any])
      #expect(status["code"] as? Int == 410)
      #expect(status["reason"] as? String == "Expired")
    }
  }

  @Test func refusedEvictionIs429AndAllowedEvictionDeletes() async throws {
    try await withCluster { cluster, endpoints in
      let url = endpoints.openshiftAPI + "/api/v1/namespaces/default/pods/registry-console-1-x7k2p/eviction"
      cluster.refuseEviction(pod: "registry-console-1-x7k2p", namespace: "default")
      let refused = try await send(
        "POST", url, body: Data("{}".utf8), headers: ["Content-Type": "application/json"])
      #expect(refused.status == 429)
      #expect(cluster.pod(named: "registry-console-1-x7k2p", namespace: "default") != nil)
      cluster.refuseEviction(pod: "registry-console-1-x7k2p", namespace: "default", refuse: false)
      let evicted = try await send(
        "POST", url, body: Data("{}".utf8), headers: ["Content-Type": "application/json"])
      #expect(evicted.status == 201)
      #expect(cluster.pod(named: "registry-console-1-x7k2p", namespace: "default") == nil)
    }
  }

  @Test func logHonoursSinceTimeAndTimestamps() async throws {
    try await withCluster(OpenShiftCluster.Configuration(seed: .init(nodes: 1, buildsPerPhase: 0))) {
      cluster, endpoints in
      let build = cluster.createBuild(.init(buildConfig: "log", phase: .running))
      // 2026-01-01T00:00:00Z, one line every half second.
      cluster.appendLog(
        build: build.metadata.name, "a\nb\nc\nd\n", startingAt: 1_767_225_600_000_000_000,
        intervalNanoseconds: 500_000_000)
      try cluster.setBuildPhase(.complete, build: build.metadata.name)
      let base =
        endpoints.openshiftAPI
        + "/apis/build.openshift.io/v1/namespaces/osbs/builds/\(build.metadata.name)/log"
      #expect(try await send("GET", base).text == "a\nb\nc\nd\n")
      #expect(try await send("GET", base + "?sinceTime=2026-01-01T00:00:01Z").text == "c\nd\n")
      #expect(
        try await send("GET", base + "?timestamps=true&sinceTime=2026-01-01T00:00:01Z").text
          == "2026-01-01T00:00:01.000000000Z c\n2026-01-01T00:00:01.500000000Z d\n")
      #expect(try await send("GET", base + "?follow=true").text == "a\nb\nc\nd\n")
    }
  }

  /// Tables as each era served them: `meta.k8s.io/v1` today, only `v1beta1` on Kubernetes 1.9 (a client
  /// that accepts only `v1` gets the plain list), none on Kubernetes 1.0.
  @Test(arguments: ClusterGeneration.allCases)
  func tablesAsTheEraServedThem(_ generation: ClusterGeneration) async throws {
    try await withCluster(OpenShiftCluster.Configuration(generation: generation)) { _, endpoints in
      let both =
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"
      let onlyV1 = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
      let answered = try object(
        try await send("GET", endpoints.openshiftAPI + "/api/v1/nodes", headers: ["Accept": both]))
      let strict = try object(
        try await send("GET", endpoints.openshiftAPI + "/api/v1/nodes", headers: ["Accept": onlyV1]))
      switch generation {
      case .current:
        #expect(
          answered["kind"] as? String == "Table" && answered["apiVersion"] as? String == "meta.k8s.io/v1")
        #expect(strict["kind"] as? String == "Table")
      case .v3:
        #expect(
          answered["kind"] as? String == "Table" && answered["apiVersion"] as? String == "meta.k8s.io/v1beta1"
        )
        #expect(strict["kind"] as? String == "NodeList")
      case .legacy:
        #expect(answered["kind"] as? String == "NodeList")
        #expect(strict["kind"] as? String == "NodeList")
      }
    }
  }

  /// A cordon taints the node where Kubernetes 1.12+ does (TaintNodesByCondition); an uncordon removes it.
  @Test(arguments: ClusterGeneration.allCases)
  func cordonTaintsOnlyWhereTheServerDid(_ generation: ClusterGeneration) async throws {
    try await withCluster(OpenShiftCluster.Configuration(generation: generation)) { cluster, endpoints in
      for unschedulable in ["true", "null"] {
        let patch = try await send(
          "PATCH", endpoints.openshiftAPI + "/api/v1/nodes/osbs-node02",
          body: Data(#"{"spec":{"unschedulable":\#(unschedulable)}}"#.utf8),
          headers: ["Content-Type": "application/merge-patch+json"])
        #expect(patch.status == 200)
        let taints = cluster.node(named: "osbs-node02")?.spec.taints
        if unschedulable == "true" && generation == .current {
          #expect(taints?.map(\.key) == ["node.kubernetes.io/unschedulable"])
          #expect(taints?.first?.effect == "NoSchedule" && taints?.first?.timeAdded != nil)
        } else {
          #expect(taints == nil)
        }
      }
    }
  }

  /// A pod whose deletion began stays, with the deletion time, grace period and finalizers set.
  @Test func beginDeletionLeavesATerminatingPod() async throws {
    try await withCluster { cluster, endpoints in
      let pod = try #require(cluster.pods().first { $0.buildName != nil })
      try cluster.beginDeletion(
        pod: pod.metadata.name, namespace: pod.metadata.namespace, gracePeriodSeconds: 30)
      let result = try await send(
        "GET",
        endpoints.openshiftAPI
          + "/api/v1/namespaces/\(pod.metadata.namespace ?? "")/pods/\(pod.metadata.name)")
      let metadata = try #require(try object(result)["metadata"] as? [String: Any])
      #expect(metadata["deletionGracePeriodSeconds"] as? Int == 30)
      #expect(metadata["finalizers"] as? [String] == ["foregroundDeletion"])
      let deletion = try #require(metadata["deletionTimestamp"] as? String)
      let created = try #require(metadata["creationTimestamp"] as? String)
      #expect(deletion > created)
      #expect(cluster.pod(named: pod.metadata.name, namespace: pod.metadata.namespace)?.isTerminating == true)
      #expect(throws: OpenShiftCluster.ClusterError.self) { try cluster.beginDeletion(pod: "nosuch") }
    }
  }

  /// Pod status as the kubelet of each era writes it, through a build's life.
  @Test(arguments: ClusterGeneration.allCases)
  func buildPodsCarryKubeletStatus(_ generation: ClusterGeneration) async throws {
    try await withCluster(
      OpenShiftCluster.Configuration(generation: generation, seed: .init(nodes: 1, buildsPerPhase: 0))
    ) { cluster, _ in
      let build = cluster.createBuild(.init(buildConfig: "k", name: "k-1", phase: .running))
      var pod = try #require(cluster.pod(named: build.podName))
      let expected: [String] =
        switch generation {
        case .legacy: ["Ready"]
        case .v3: ["Initialized", "Ready", "PodScheduled"]
        case .current: ["Initialized", "Ready", "ContainersReady", "PodScheduled"]
        }
      #expect(pod.status.conditions?.map(\.type) == expected)
      #expect(pod.status.conditions?.first { $0.type == "Ready" }?.status == "True")
      #expect(pod.status.containerStatuses?.first?.state?.running != nil)
      #expect(pod.status.containerStatuses?.first?.ready == true)
      #expect(pod.status.qosClass == "BestEffort")

      _ = try cluster.setBuildPhase(.failed, build: "k-1")
      pod = try #require(cluster.pod(named: build.podName))
      #expect(pod.status.conditions?.first { $0.type == "Ready" }?.reason == "PodCompleted")
      let terminated = try #require(pod.status.containerStatuses?.first?.state?.terminated)
      #expect(terminated.exitCode == 1)
      #expect(pod.status.containerStatuses?.first?.ready == false)
    }
  }
}
