import Foundation
import TestSupport
import Testing

@testable import OSBSKit

/// The recordings of real OpenShift servers (Fixtures/openshift-wire, see its README) through
/// OSBSKit's models: every recorded object decodes, with the values the server sent.
@Suite("recorded OpenShift objects decode")
struct OpenShiftWireRecordingTests {
  static var directory: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures/openshift-wire") }

  static func data(_ path: String) throws -> Data {
    try Data(contentsOf: directory.appendingPathComponent(path))
  }

  static func decode<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
    try JSONDecoder().decode(type, from: data(path))
  }

  /// How each recorded file is read. A file in none of these (or in `notDecoded`) fails the inventory.
  enum Reading: Sendable {
    case build, buildList, buildConfig, buildWatchEvent, podList, node, nodeWatchEvent, status
    /// A discovery document: read by the client's discovery, over HTTP (`discoveryDocuments`).
    case discovery
  }

  static let readings: [String: Reading] = {
    var readings: [String: Reading] = [:]
    for folder in ["v3.9.41", "v3.9.41-2018"] {
      for name in [
        "build_test-build-123", "build_test-build-cancel-123_get", "build_test-build-cancel-123_put",
        "build_test-orchestrator-build-123", "instantiated_test-build-config-123",
      ] {
        readings["\(folder)/\(name).json"] = .build
      }
      for name in ["builds_list", "builds_list_one", "builds_list_empty"] {
        readings["\(folder)/\(name).json"] = .buildList
      }
      readings["\(folder)/created_build_config_test-build-config-123.json"] = .buildConfig
      readings["\(folder)/watch_build_test-build-123.json"] = .buildWatchEvent
      readings["\(folder)/watch_build_test-orchestrator-build-123.json"] = .buildWatchEvent
      readings["\(folder)/pods.json"] = .podList
    }
    readings["extra/kubeclient/pods_1.json"] = .podList
    readings["extra/kubeclient/pods_2.json"] = .podList
    readings["extra/kubeclient/pods_410.json"] = .status
    readings["extra/kubeclient/node_notice.json"] = .nodeWatchEvent
    readings["extra/insights/node_master-0.json"] = .node
    readings["extra/insights/node_worker-0.json"] = .node
    readings["extra/kubeclient/versions_list.json"] = .discovery
    readings["extra/kubeclient/core_api_resource_list.json"] = .discovery
    readings["extra/kubeclient/core_oapi_resource_list_without_kind.json"] = .discovery
    return readings
  }()

  /// Recorded files that are not objects osbsctl reads, each with the reason.
  static let notDecoded: [String: String] = {
    var skipped: [String: String] = [
      "README.md": "this folder's description",
      "extra/kubeclient/node.json":
        "a v1beta3 node relabelled v1 by the kubeclient authors (conditions carry `kind`, not `type`): not a server's answer",
    ]
    for folder in ["v3.9.41", "v3.9.41-2018"] {
      skipped["\(folder)/authorize.txt"] = "an OAuth token redirect, not an API object"
      skipped["\(folder)/build_test-build-123_logs.txt"] = "a build log (replayed by OpenShiftReplayTests)"
      skipped["\(folder)/build_test-orchestrator-build-123_logs.txt"] = "a hand-written build log"
      skipped["\(folder)/create_config_map.json"] = "a ConfigMap: osbsctl reads none"
      skipped["\(folder)/get_user.json"] = "a User: `koji whoami` is Koji's; osbsctl reads no OpenShift user"
      skipped["\(folder)/imagestream.json"] = "an ImageStream: osbsctl reads none"
      skipped["\(folder)/imagestreamimport.json"] = "an ImageStreamImport: osbsctl reads none"
    }
    return skipped
  }()

  /// Every file in the folder is read here or named as not an object osbsctl reads.
  @Test func everyRecordingIsAccountedFor() throws {
    var found: Set<String> = []
    let root = Self.directory.resolvingSymlinksInPath().path
    let walker = try #require(FileManager.default.enumerator(atPath: root))
    for case let path as String in walker {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        found.insert(path)
      }
    }
    let accounted = Set(Self.readings.keys).union(Self.notDecoded.keys)
    #expect(
      found.subtracting(accounted).isEmpty,
      "recordings nobody reads: \(found.subtracting(accounted).sorted())")
    #expect(
      accounted.subtracting(found).isEmpty, "missing recordings: \(accounted.subtracting(found).sorted())")
  }

  @Test(arguments: readings.filter { $0.value != .discovery }.keys.sorted())
  func decodes(_ path: String) throws {
    switch try #require(Self.readings[path]) {
    case .build:
      let build = try Self.decode(Build.self, path)
      #expect(build.kind == "Build")
      #expect(build.metadata.name.hasPrefix("test-"))
      #expect(build.metadata.namespace != nil)
      #expect(build.spec?.strategy?.type == "Custom")
    case .buildList:
      let list = try Self.decode(ObjectList<Build>.self, path)
      #expect(list.kind == "BuildList")
      #expect(list.metadata.resourceVersion != nil)
      // List items carry no kind or apiVersion on these servers.
      #expect(list.items.allSatisfy { $0.kind == nil && $0.apiVersion == nil })
      #expect(list.items.allSatisfy { $0.status.startTimestamp != nil && $0.spec?.source?.git?.uri != nil })
    case .buildConfig:
      let config = try Self.decode(BuildConfig.self, path)
      #expect(config.kind == "BuildConfig")
    case .buildWatchEvent:
      let event = try Self.decode(WireWatchEvent<Build>.self, path)
      #expect(event.type == "MODIFIED")
      #expect(event.object?.status.phase == .complete)
    case .podList:
      let list = try Self.decode(ObjectList<Pod>.self, path)
      #expect(!list.items.isEmpty)
      #expect(list.items.allSatisfy { $0.spec.nodeName != nil && $0.status.phase != nil })
      #expect(list.items.allSatisfy { $0.status.qosClass != nil })
    case .node:
      let node = try Self.decode(Node.self, path)
      #expect(node.isReady == true)
      #expect(node.status.nodeInfo?.kubeletVersion == "v1.20.0+2817867")
      #expect(node.status.capacity?["pods"] == "250")
      #expect(node.status.allocatable?["pods"] == "250")
      #expect(node.status.daemonEndpoints?.kubeletEndpoint?.port == 10250)
      // What a cordon reads of the same bytes without decoding the Node.
      #expect(try NodeSchedulability(json: Self.data(path)) == NodeSchedulability(node))
    case .nodeWatchEvent:
      let event = try Self.decode(WireWatchEvent<Node>.self, path)
      #expect(event.type == "ADDED")
      let node = try #require(event.object)
      #expect(node.isReady == true)
      #expect(node.spec.externalID == "openshift.local")
      #expect(
        node.status.conditions?.map(\.type) == ["OutOfDisk", "MemoryPressure", "DiskPressure", "Ready"])
    case .status:
      let status = try Self.decode(APIStatus.self, path)
      #expect(status.code == 410)
      #expect(status.reason == "Expired")
    case .discovery:
      Issue.record("discovery documents are read over HTTP")
    }
  }

  /// The fields issue 12 asks osbsctl to carry, as the recordings have them.
  @Test func recordedValuesComeThrough() throws {
    let list = try Self.decode(ObjectList<Build>.self, "v3.9.41/builds_list.json")
    #expect(list.items.map(\.status.phase) == [.failed, .failed])
    #expect(list.items.allSatisfy { $0.status.reason == "GenericBuildFailed" })
    #expect(list.items.first?.status.logSnippet?.contains("clone_git_repo") == true)
    #expect(list.items.first?.status.duration == 27_000_000_000)

    let failed = try Self.decode(Build.self, "v3.9.41/build_test-build-123.json")
    #expect(failed.status.reason == "GenericBuildFailed")
    #expect(failed.status.config?.name == "test-build-123")
    #expect(failed.spec?.output?.to?.kind == "DockerImage")
    #expect(failed.spec?.output?.pushSecret?.name == "builder-dockercfg-8rq9z")
    #expect(failed.spec?.completionDeadlineSeconds == 10800)
    #expect(failed.spec?.strategy?.customStrategy?.exposeDockerSocket == true)
    #expect(failed.spec?.strategy?.customStrategy?.from?.kind == "DockerImage")

    let legacy = try Self.decode(Build.self, "v3.9.41-2018/build_test-build-123.json")
    #expect(legacy.apiVersion == "v1")
    #expect(legacy.metadata.ownerReferences?.first?.kind == "BuildConfig")
    #expect(legacy.spec?.triggeredBy?.first?.message == "Manually triggered")
    #expect(legacy.status.duration == 39_000_000_000)

    let pages = try Self.decode(ObjectList<Pod>.self, "extra/kubeclient/pods_1.json")
    #expect(pages.metadata.continue == "eyJ2IjoibWV0YS5rOHMua")
    let held = try #require(pages.items.first { $0.metadata.deletionTimestamp != nil })
    #expect(held.metadata.name == "my-ruby-project-2-build")
    #expect(held.metadata.deletionGracePeriodSeconds == 0)
    #expect(held.metadata.finalizers == ["foregroundDeletion"])
    #expect(held.isTerminating && !held.isLive && held.displayStatus == "Terminating")
    #expect(held.status.conditions?.map(\.type) == ["Initialized", "Ready", "PodScheduled"])
    #expect(held.status.conditions?.first?.lastProbeTime == nil)
    #expect(held.metadata.ownerReferences?.first?.blockOwnerDeletion == nil)

    let running = try #require(try Self.decode(ObjectList<Pod>.self, "v3.9.41/pods.json").items.first)
    #expect(running.status.containerStatuses?.first?.state?.running?.startedAt == "2019-10-11T15:23:38Z")
    #expect(running.status.containerStatuses?.first?.lastState == ContainerState())
    #expect(running.status.qosClass == "Burstable")
    #expect(running.metadata.deletionGracePeriodSeconds == 30)
    #expect(running.spec.restartPolicy == "Never")

    let finished = try #require(try Self.decode(ObjectList<Pod>.self, "v3.9.41-2018/pods.json").items.first)
    let terminated = try #require(finished.status.containerStatuses?.first?.state?.terminated)
    #expect(terminated.exitCode == 1)
    #expect(terminated.finishedAt == "2018-10-30T12:27:37Z")

    let master = try Self.decode(Node.self, "extra/insights/node_master-0.json")
    #expect(master.spec.taints?.first?.key == "node-role.kubernetes.io/master")
    #expect(master.spec.taints?.first?.effect == "NoSchedule")
    #expect(
      master.status.conditions?.map(\.type) == ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"])
  }

  /// A pod condition written again keeps the server's `null` times.
  @Test func podConditionsRoundTripTheirNullTimes() throws {
    let pod = try #require(try Self.decode(ObjectList<Pod>.self, "v3.9.41/pods.json").items.first)
    let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(pod)) as? [String: Any]
    let conditions = try #require((encoded?["status"] as? [String: Any])?["conditions"] as? [[String: Any]])
    #expect(conditions.allSatisfy { $0["lastProbeTime"] is NSNull })
    #expect(conditions.first { $0["type"] as? String == "ContainersReady" }?["lastTransitionTime"] is NSNull)
  }

  /// The discovery documents, served as a server of their era did, through the client's discovery: no
  /// `/apis` (404), `/oapi/v1` without `kind`, and a `/api/v1` without an eviction subresource.
  @Test func discoveryDocuments() async throws {
    let documents = [
      "/api": "extra/kubeclient/versions_list.json",
      "/api/v1": "extra/kubeclient/core_api_resource_list.json",
      "/oapi/v1": "extra/kubeclient/core_oapi_resource_list_without_kind.json",
    ]
    var bodies: [String: Data] = [:]
    for (path, file) in documents { bodies[path] = try Self.data(file) }
    let served = bodies
    let server = try HostileHTTPServer { request in
      let path = String(request.path.prefix { $0 != "?" })
      guard let body = served[path] else {
        return .complete(
          status: 404, reason: "Not Found", contentType: "text/plain", body: Data("404 page not found\n".utf8)
        )
      }
      return .complete(contentType: "application/json", body: body)
    }
    defer { server.stop() }
    let client = OpenShiftClient(
      http: try HTTPClient(configuration: HTTPClientConfiguration()), baseURL: server.baseURL,
      namespace: "osbs")
    #expect(try await client.buildAPI() == .legacy)
    #expect(try await client.podRemovalMethod() == .delete)
  }
}
