import Foundation
import OSBSKit
import OSBSSandbox
import Testing

/// The objects the sandbox serves carry the fields real ones do (issue 12, item 10): every key path of a
/// recorded Build, Pod and Node (Fixtures/openshift-wire) is one the sandbox sends, in some era and some
/// state, unless it is a deliberate exception listed here with its reason.
@Suite("the sandbox's objects carry the recorded fields")
struct SandboxWireFidelityTests {
  enum Kind: String, CaseIterable, Sendable {
    case build = "Build"
    case pod = "Pod"
    case node = "Node"
  }

  /// Key paths of `value`, dotted, with `[]` for array elements. The keys of free-form maps (labels,
  /// annotations, node selectors) are the data's, not the schema's, and are left out.
  static func keyPaths(_ value: Any, prefix: String = "", into paths: inout Set<String>) {
    if let object = value as? [String: Any] {
      for (key, child) in object {
        let path = prefix.isEmpty ? key : prefix + "." + key
        paths.insert(path)
        if freeFormMaps.contains(where: { path.hasSuffix($0) }) { continue }
        keyPaths(child, prefix: path, into: &paths)
      }
    } else if let array = value as? [Any] {
      for element in array { keyPaths(element, prefix: prefix + "[]", into: &paths) }
    }
  }

  static let freeFormMaps = ["metadata.labels", "metadata.annotations", "spec.nodeSelector"]

  /// Recorded objects of each kind: single objects, list items, watch events' objects.
  static func recorded(_ kind: Kind) throws -> [[String: Any]] {
    let files: [String] =
      switch kind {
      case .build:
        ["v3.9.41", "v3.9.41-2018"].flatMap { folder in
          [
            "build_test-build-123", "build_test-build-cancel-123_get", "build_test-build-cancel-123_put",
            "build_test-orchestrator-build-123", "instantiated_test-build-config-123", "builds_list",
            "watch_build_test-build-123", "watch_build_test-orchestrator-build-123",
          ].map { "\(folder)/\($0).json" }
        }
      case .pod:
        [
          "v3.9.41/pods.json", "v3.9.41-2018/pods.json", "extra/kubeclient/pods_1.json",
          "extra/kubeclient/pods_2.json",
        ]
      case .node:
        [
          "extra/kubeclient/node_notice.json", "extra/insights/node_master-0.json",
          "extra/insights/node_worker-0.json",
        ]
      }
    var objects: [[String: Any]] = []
    for file in files {
      let json = try #require(
        try JSONSerialization.jsonObject(with: OpenShiftWireRecordingTests.data(file)) as? [String: Any])
      if let items = json["items"] as? [[String: Any]] {
        objects += items
      } else if let object = json["object"] as? [String: Any] {
        objects.append(object)
      } else {
        objects.append(json)
      }
    }
    return objects
  }

  /// Recorded keys the sandbox deliberately never sends (the key and everything under it), with the reason.
  static let exceptions: [Kind: [String: String]] = [
    .build: [
      "metadata.selfLink": "removed from Kubernetes in 1.20; osbsctl never reads it",
      "spec.nodeSelector": "always null on the recorded builds: no selector to simulate",
      "spec.postCommit": "always {} on OSBS builds",
      "spec.resources": "always {} on OSBS builds",
      "spec.strategy.customStrategy.env":
        "OSBS's builder configuration (REACTOR_CONFIG, USER_PARAMS…): the sandbox runs no builder",
      "spec.strategy.customStrategy.secrets": "the builder's mounted secrets: the sandbox runs no builder",
      "status.output": "{} on every recorded build (a digest only on pushed images); osbsctl reads none",
    ],
    .pod: [
      "metadata.selfLink": "removed from Kubernetes in 1.20; osbsctl never reads it",
      "spec.activeDeadlineSeconds": "the build's deadline, enforced by the kubelet; the sandbox has none",
      "spec.containers[].command": "the sandbox runs no containers",
      "spec.containers[].env": "the sandbox runs no containers",
      "spec.containers[].imagePullPolicy": "the sandbox pulls no images",
      "spec.containers[].ports": "the sandbox runs no containers",
      "spec.containers[].resources": "no quotas or requests are simulated (qosClass says BestEffort)",
      "spec.containers[].securityContext": "no security context constraints are simulated",
      "spec.containers[].terminationMessagePath": "the sandbox runs no containers",
      "spec.containers[].terminationMessagePolicy": "the sandbox runs no containers",
      "spec.containers[].volumeMounts": "no volumes are simulated",
      "spec.imagePullSecrets": "the sandbox pulls no images",
      "spec.nodeSelector": "no node selection is simulated: a build pod goes to any schedulable node",
      "spec.priority": "no scheduler priorities are simulated",
      "spec.securityContext": "no security context constraints are simulated",
      "spec.tolerations": "no taint-based scheduling is simulated",
      "spec.volumes": "no volumes are simulated",
    ],
    .node: [
      "metadata.selfLink": "removed from Kubernetes in 1.20; osbsctl never reads it",
      "status.images": "the images a node holds: osbsctl reads image usage from the Docker API instead",
    ],
  ]

  /// What the sandbox serves of each kind, in every era: lists and single objects under both build API
  /// paths, with builds in every phase, a cordoned node, and a pod whose deletion has begun.
  static func served() async throws -> [Kind: [[String: Any]]] {
    var served: [Kind: [[String: Any]]] = [:]
    for generation in ClusterGeneration.allCases {
      let server = SandboxServer()
      let cluster = OpenShiftCluster(configuration: OpenShiftCluster.Configuration(generation: generation))
      cluster.install(on: server)
      let endpoints = try await server.start()
      do {
        let http = try HTTPClient(
          configuration: HTTPClientConfiguration(auth: .bearer(cluster.configuration.token)))
        let client = OpenShiftClient(http: http, baseURL: endpoints.openshiftAPI, namespace: "osbs")
        _ = try await client.cordon(node: "osbs-node02")
        let terminating = try #require(cluster.pods().first { $0.buildName != nil })
        try cluster.beginDeletion(pod: terminating.metadata.name, namespace: terminating.metadata.namespace)

        func get(_ path: String) async throws -> [String: Any] {
          let response = try await http.send(HTTPRequest(url: endpoints.openshiftAPI + path))
          #expect(response.status == 200, "GET \(path)")
          return try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        }
        func list(_ path: String) async throws -> [[String: Any]] {
          try #require(try await get(path)["items"] as? [[String: Any]])
        }
        var bases = ["/oapi/v1"]
        if generation != .legacy { bases.append("/apis/build.openshift.io/v1") }
        for base in bases {
          let builds = try await list(base + "/namespaces/osbs/builds")
          served[.build, default: []] += builds
          for build in builds {
            let name = try #require((build["metadata"] as? [String: Any])?["name"] as? String)
            served[.build, default: []].append(try await get(base + "/namespaces/osbs/builds/" + name))
          }
        }
        served[.pod, default: []] += try await list("/api/v1/pods")
        let nodes = try await list("/api/v1/nodes")
        served[.node, default: []] += nodes
        served[.node, default: []].append(try await get("/api/v1/nodes/osbs-node02"))
        await server.stop()
      } catch {
        await server.stop()
        throw error
      }
    }
    return served
  }

  @Test func everyRecordedKeyIsSentOrAnException() async throws {
    let served = try await Self.served()
    for kind in Kind.allCases {
      var recorded: Set<String> = []
      for object in try Self.recorded(kind) { Self.keyPaths(object, into: &recorded) }
      var sent: Set<String> = []
      for object in served[kind] ?? [] { Self.keyPaths(object, into: &sent) }
      #expect(!recorded.isEmpty && !sent.isEmpty)
      let exceptions = Self.exceptions[kind] ?? [:]
      func excepted(_ path: String) -> Bool {
        exceptions.keys.contains { path == $0 || path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[]") }
      }
      let missing = recorded.subtracting(sent).filter { !excepted($0) }.sorted()
      #expect(
        missing.isEmpty, "\(kind.rawValue) keys the recordings have and the sandbox never sends: \(missing)")
      // An exception for a key the sandbox sends after all, or one no recording has, is stale.
      for key in exceptions.keys.sorted() {
        #expect(!sent.contains(key), "\(kind.rawValue).\(key) is sent: drop the exception")
        #expect(recorded.contains(key), "\(kind.rawValue).\(key) is in no recording: drop the exception")
      }
    }
  }

  /// Each key path's value kinds agree where both have the key: an object stays an object, a string a
  /// string (a sandbox that sent `"exitCode": "1"` would decode in a lenient client and fail in kubectl).
  @Test func sharedKeysHaveTheRecordedJSONTypes() async throws {
    func types(_ value: Any, prefix: String, into result: inout [String: Set<String>]) {
      if let object = value as? [String: Any] {
        for (key, child) in object {
          let path = prefix.isEmpty ? key : prefix + "." + key
          if SandboxWireFidelityTests.freeFormMaps.contains(where: { path.hasSuffix($0) }) { continue }
          types(child, prefix: path, into: &result)
        }
        if !prefix.isEmpty { result[prefix, default: []].insert("object") }
      } else if let array = value as? [Any] {
        result[prefix, default: []].insert("array")
        for element in array { types(element, prefix: prefix + "[]", into: &result) }
      } else if value is NSNull {
        result[prefix, default: []].insert("null")
      } else if value is String {
        result[prefix, default: []].insert("string")
      } else {
        // Numbers and booleans (Foundation on Linux does not tell them apart reliably).
        result[prefix, default: []].insert("scalar")
      }
    }
    let served = try await Self.served()
    for kind in Kind.allCases {
      var recorded: [String: Set<String>] = [:]
      for object in try Self.recorded(kind) { types(object, prefix: "", into: &recorded) }
      var sent: [String: Set<String>] = [:]
      for object in served[kind] ?? [] { types(object, prefix: "", into: &sent) }
      for (path, kinds) in sent.sorted(by: { $0.key < $1.key }) {
        guard let expected = recorded[path] else { continue }
        // `null` stands for an unset time or selector; the sandbox may set what a recording left unset.
        let unexpected = kinds.subtracting(expected).subtracting(["null"])
        #expect(
          unexpected.isEmpty || expected == ["null"],
          "\(kind.rawValue).\(path): sandbox sends \(kinds.sorted()), recordings have \(expected.sorted())")
      }
    }
  }
}
