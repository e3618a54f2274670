import FlyingFox
import Foundation
import Synchronization
import Testing

@testable import OSBSKit

/// `node probe` through the OpenShift API, against a loopback API server that answers pod create, list,
/// watch, log and delete. The sandbox cannot run pods yet (no kubelet), so the pod's last state is given
/// by each test in the shape a 3.9 kubelet reported a terminated build pod (openshift-wire
/// `v3.9.41-2018/pods.json`: `containerStatuses[].state.terminated` with `exitCode`, phase `Failed`);
/// the logs are the lines the probe printed in a real podman container (busybox 1.35 nc).
/// `ErrImagePull`/`ImagePullBackOff` are the kubelet's waiting reasons for an image it cannot pull; no
/// recording holds one, so that shape follows the `ContainerStateWaiting` fields only.
@Suite(.serialized) struct PodNetworkProbeTests {
  static let namespace = "probe-ns"

  /// What the server does once the probe pod exists.
  enum Script: Sendable {
    /// The watch reports the pod with this status, then the log endpoint answers `log`.
    case ends(status: String, log: String)
    /// The pod stays Pending: the watch never reports a change.
    case staysPending
  }

  final class FakeAPI: Sendable {
    let script: Script
    let created = Mutex<[Data]>([])
    let deleted = Mutex<[String]>([])
    let watchesAnswered = Mutex<Int>(0)

    init(script: Script) { self.script = script }

    var createdPods: [[String: Any]] {
      created.withLock { $0 }.compactMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }

    var storedPods: [[String: Any]] {
      let gone = Set(deleted.withLock { $0 })
      return createdPods.filter { !gone.contains(Self.name(of: $0)) }
    }

    static func name(of pod: [String: Any]) -> String {
      ((pod["metadata"] as? [String: Any])?["name"] as? String) ?? ""
    }

    static func json(_ object: Any, status: HTTPStatusCode = .ok) throws -> FlyingFox.HTTPResponse {
      let data = try JSONSerialization.data(withJSONObject: object)
      return FlyingFox.HTTPResponse(
        statusCode: status, headers: [HTTPHeader("Content-Type"): "application/json"], body: data)
    }

    func install(on server: FlyingFox.HTTPServer) async {
      let pods = "/api/v1/namespaces/\(PodNetworkProbeTests.namespace)/pods"
      await server.appendRoute(HTTPRoute("POST \(pods)")) { [self] request in
        let body = try await request.bodyData
        var pod = try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
        var metadata = pod["metadata"] as? [String: Any] ?? [:]
        metadata["namespace"] = PodNetworkProbeTests.namespace
        metadata["resourceVersion"] = "10"
        pod["metadata"] = metadata
        pod["status"] = ["phase": "Pending", "qosClass": "BestEffort"]
        let stored = try JSONSerialization.data(withJSONObject: pod)
        created.withLock { $0.append(stored) }
        return try Self.json(pod, status: .created)
      }
      await server.appendRoute(HTTPRoute("GET \(pods)")) { [self] request in
        let isWatch = request.query.contains { $0.name == "watch" && $0.value == "1" }
        guard isWatch else {
          return try Self.json([
            "kind": "PodList", "apiVersion": "v1", "metadata": ["resourceVersion": "10"],
            "items": storedPods,
          ])
        }
        let first = watchesAnswered.withLock { count in
          count += 1
          return count == 1
        }
        guard first, case .ends(let status, _) = script, var pod = storedPods.first else {
          // Nothing changes: hold the watch open as a quiet server does, then end it.
          try await Task.sleep(for: .seconds(20))
          return FlyingFox.HTTPResponse(statusCode: .ok, body: Data())
        }
        var metadata = pod["metadata"] as? [String: Any] ?? [:]
        metadata["resourceVersion"] = "11"
        pod["metadata"] = metadata
        pod["status"] = try JSONSerialization.jsonObject(with: Data(status.utf8))
        let event = try JSONSerialization.data(withJSONObject: ["type": "MODIFIED", "object": pod])
        return FlyingFox.HTTPResponse(statusCode: .ok, body: event + Data("\n".utf8))
      }
      await server.appendRoute(HTTPRoute("GET \(pods)/*/log")) { [self] _ in
        guard case .ends(_, let log) = script else {
          return FlyingFox.HTTPResponse(statusCode: .ok, body: Data())
        }
        return FlyingFox.HTTPResponse(statusCode: .ok, body: Data(log.utf8))
      }
      await server.appendRoute(HTTPRoute("DELETE \(pods)/*")) { [self] request in
        let name = String(request.path.split(separator: "/").last ?? "")
        deleted.withLock { $0.append(name) }
        return try Self.json(["kind": "Status", "apiVersion": "v1", "status": "Success"])
      }
    }
  }

  /// The terminated-container status of the recorded 3.9 build pod, for the probe container.
  static func terminated(exitCode: Int, image: String) -> String {
    """
    {"conditions": [
      {"lastProbeTime": null, "lastTransitionTime": "2018-10-30T12:12:55Z", "reason": "PodCompleted",
       "status": "True", "type": "Initialized"},
      {"lastProbeTime": null, "lastTransitionTime": "2018-10-30T12:27:38Z", "reason": "PodCompleted",
       "status": "False", "type": "Ready"},
      {"lastProbeTime": null, "lastTransitionTime": "2018-10-30T12:12:55Z", "status": "True", "type": "PodScheduled"}],
     "containerStatuses": [
      {"containerID": "docker://d9e6dee11d7acf361f44572d839a5108034693bc902eb2d490b0b2e6f1b6d45e",
       "image": "\(image)",
       "imageID": "docker://8daf4790420f666bea3bfe56d1df720d9bc03e0a85de6278eab5f13a4641b509",
       "lastState": {}, "name": "probe", "ready": false, "restartCount": 0,
       "state": {"terminated": {
         "containerID": "docker://4b723c4bc3e39e73a067123564916329571566f83a84f1223d768897c6679b6d",
         "exitCode": \(exitCode), "finishedAt": "2018-10-30T12:27:37Z", "startedAt": "2018-10-30T12:12:58Z"}}}],
     "hostIP": "192.168.124.195", "phase": "\(exitCode == 0 ? "Succeeded" : "Failed")", "podIP": "172.16.73.6",
     "qosClass": "BestEffort", "startTime": "2018-10-30T12:12:55Z"}
    """
  }

  static func run(
    _ script: Script, timeout: Duration = .seconds(2), grace: Duration = .seconds(1),
    _ body: (PodNetworkProbe, FakeAPI) async throws -> Void
  ) async throws {
    let server = FlyingFox.HTTPServer(address: .loopback(port: 0), logger: .disabled)
    let api = FakeAPI(script: script)
    await api.install(on: server)
    let task = Task { try await server.run() }
    defer { task.cancel() }
    try await server.waitUntilListening(timeout: 60)
    let authority: String
    switch await server.listeningAddress {
    case .ip4(_, let port): authority = "127.0.0.1:\(port)"
    case .ip6(_, let port): authority = "[::1]:\(port)"
    default: throw CancellationError()
    }
    let client = OpenShiftClient(
      http: try HTTPClient(configuration: HTTPClientConfiguration()), baseURL: "http://\(authority)",
      namespace: namespace,
      options: OpenShiftClientOptions(
        maxAttempts: 2, initialBackoff: .milliseconds(10), maxBackoff: .seconds(1)))
    let request = try NetworkProbeRequest(
      target: ProbeTarget(url: "https://fedoraproject.org/"), image: "buildroot:latest", timeout: timeout,
      grace: grace)
    try await body(PodNetworkProbe(client: client, request: request), api)
    await server.stop()
  }

  @Test func terminatedPodsGiveVerdictsFromExitCodeAndLogAndAreDeleted() async throws {
    let cases: [(Int, String, ProbeVerdict)] = [
      (
        1,
        "nc: can't connect to remote host (127.0.0.1): Connection refused\nosbsctl-probe: tool=nc exit=1\n",
        .refused
      ),
      (1, "nc: timed out\nosbsctl-probe: tool=nc exit=1\n", .timeout),
      (0, "osbsctl-probe: tool=nc exit=0\n", .connected),
    ]
    for (exitCode, log, expected) in cases {
      try await Self.run(
        .ends(status: Self.terminated(exitCode: exitCode, image: "buildroot:latest"), log: log)
      ) {
        probe, api in
        let report = try await probe.run(nodes: ["node-a"])
        let result = try #require(report.results.first)
        #expect(result.verdict == expected)
        #expect(result.evidence.exitCode == exitCode)
        #expect(result.evidence.logTail.contains { $0.hasPrefix(ProbeCommand.marker) })
        #expect(result.evidence.cleanup == "removed")
        #expect(api.storedPods.isEmpty)
        // What was sent: pinned to the node, run once, labelled, the probe command in the image.
        let pod = try #require(api.createdPods.first)
        let spec = try #require(pod["spec"] as? [String: Any])
        #expect(spec["nodeName"] as? String == "node-a")
        #expect(spec["restartPolicy"] as? String == "Never")
        let container = try #require((spec["containers"] as? [[String: Any]])?.first)
        #expect(container["image"] as? String == "buildroot:latest")
        #expect(container["command"] as? [String] == ["/bin/sh", "-c"])
        let labels = (pod["metadata"] as? [String: Any])?["labels"] as? [String: String]
        #expect(labels?[NetworkProbeRequest.label] == "true")
        if expected == .timeout { #expect(result.nextCommand == "osbsctl ovs check --node node-a") }
      }
    }
  }

  @Test func imagePullFailureIsImageMissing() async throws {
    let status = """
      {"phase": "Pending", "qosClass": "BestEffort",
       "containerStatuses": [{"name": "probe", "ready": false, "restartCount": 0, "image": "buildroot:latest",
         "imageID": "",
         "state": {"waiting": {"reason": "ImagePullBackOff",
                               "message": "Back-off pulling image \\"buildroot:latest\\""}}}]}
      """
    try await Self.run(.ends(status: status, log: "")) { probe, api in
      let result = try #require(try await probe.run(nodes: ["node-a"]).results.first)
      #expect(result.verdict == .imageMissing)
      #expect(result.evidence.detail?.hasPrefix("ImagePullBackOff") == true)
      #expect(api.storedPods.isEmpty)
    }
  }

  @Test func podPendingPastTheWaitIsNotScheduledAndDeleted() async throws {
    try await Self.run(.staysPending, timeout: .seconds(1), grace: .milliseconds(500)) { probe, api in
      let report = try await probe.run(nodes: ["node-gone"])
      let result = try #require(report.results.first)
      #expect(result.verdict == .notScheduled)
      #expect(result.evidence.detail?.contains("Pending") == true)
      #expect(!report.healthy)
      #expect(api.created.withLock { $0.count } == 1)
      #expect(api.storedPods.isEmpty)
    }
  }

  @Test func cancellingWhileWaitingDeletesThePod() async throws {
    try await Self.run(.staysPending, timeout: .seconds(60)) { probe, api in
      let running = Task { try await probe.run(nodes: ["node-a"]) }
      for _ in 0..<200 where api.created.withLock({ $0.isEmpty }) {
        try await Task.sleep(for: .milliseconds(20))
      }
      running.cancel()
      _ = await running.result
      #expect(api.created.withLock { $0.count } == 1)
      #expect(api.storedPods.isEmpty)
    }
  }
}
