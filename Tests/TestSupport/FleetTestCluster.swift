import Foundation
import Synchronization

/// A strict stand-in for the API server and the nodes' kubelets, for `osbsctl fleet` tests that must not
/// wait for the sandbox kubelet: it answers only the requests the fleet is meant to make (node list/get,
/// pod create, the pod list/watch by name, the pod's log, pod delete, the pods on a node) and records
/// anything else as unexpected. A pod bound to a node that `runs` really runs: its command is the built
/// osbsctl with the pod's arguments, its hostPath sockets mapped to that node's files (the Docker socket to
/// the node's podman service), at create time; its log is what that process printed (stdout then
/// stderr, as a kubelet's log holds both) and its exit code the container's.
///
/// Spawned-binary tests (osbsctlTests) and in-process ones (OSBSCtlCLITests) share it; only `runs` needs
/// the built osbsctl, looked up when such a pod is created.
public final class FleetTestCluster: Sendable {
  public enum NodeBehaviour: Sendable {
    /// Pods run the osbsctl binary; hostPath `/x` is read as `root + /x`.
    case runs(root: String)
    /// Pods print this and exit so.
    case prints(String, exitCode: Int)
    /// Pods stay Pending (the kubelet never starts them).
    case neverStarts
    /// Pods run and never finish.
    case hangs
  }

  public struct NodeSpec: Sendable {
    public var name: String
    public var behaviour: NodeBehaviour
    public var cordoned: Bool
    public var ready: Bool

    public init(name: String, behaviour: NodeBehaviour, cordoned: Bool = false, ready: Bool = true) {
      self.name = name
      self.behaviour = behaviour
      self.cordoned = cordoned
      self.ready = ready
    }
  }

  public struct StoredPod: @unchecked Sendable {
    public var manifest: [String: Any]
    public var name: String
    public var node: String
    public var phase: String
    public var exitCode: Int?
    public var log: String
  }

  public let server: HostileHTTPServer
  public let namespace: String
  private let nodes: [NodeSpec]
  /// Pods on each node as the API lists them (`fleet ovs-check` hands them to its pod).
  private let nodePods: [String: Data]
  /// What each later listing of a node's pods answers instead (pods that started or went meanwhile).
  private let laterNodePods: [String: Data]
  private let state = Mutex<
    (
      pods: [String: StoredPod], created: [StoredPod], deleted: [String], unexpected: [String], version: Int,
      podListings: [String: Int]
    )
  >(
    ([:], [], [], [], 1, [:]))

  public init(
    namespace: String = "fleet", nodes: [NodeSpec], nodePods: [String: [[String: Any]]] = [:],
    laterNodePods: [String: [[String: Any]]] = [:]
  ) throws {
    self.namespace = namespace
    self.nodes = nodes
    self.nodePods = nodePods.mapValues { (try? JSONSerialization.data(withJSONObject: $0)) ?? Data() }
    self.laterNodePods = laterNodePods.mapValues {
      (try? JSONSerialization.data(withJSONObject: $0)) ?? Data()
    }
    let box = Mutex<FleetTestCluster?>(nil)
    server = try HostileHTTPServer { request in
      guard let cluster = box.withLock({ $0 }) else { return Self.json(["kind": "Status"], status: 503) }
      return cluster.answer(request)
    }
    box.withLock { $0 = self }
  }

  deinit { server.stop() }

  public var created: [StoredPod] { state.withLock { $0.created } }
  public var deleted: [String] { state.withLock { $0.deleted } }
  public var unexpected: [String] { state.withLock { $0.unexpected } }
  /// How often each node's pods were listed.
  public var podListings: [String: Int] { state.withLock { $0.podListings } }
  /// The nodes, in the order the API lists them.
  public var nodeNames: [String] { nodes.map(\.name) }
  /// Pods created and not deleted.
  public var remaining: [String] { state.withLock { Array($0.pods.keys) } }

  // MARK: Routing

  private func answer(_ request: HostileHTTPServer.Request) -> HostileHTTPServer.Reply {
    let path = request.pathOnly
    let query = request.query
    let podsPath = "/api/v1/namespaces/\(namespace)/pods"
    switch (request.method, path) {
    case ("GET", "/api/v1/nodes"):
      return Self.json(list("NodeList", nodes.filter { matches($0, query["labelSelector"]) }.map(node)))
    case ("GET", _) where path.hasPrefix("/api/v1/nodes/"):
      let name = String(path.dropFirst("/api/v1/nodes/".count))
      guard let spec = nodes.first(where: { $0.name == name }) else { return notFound("nodes", name) }
      return Self.json(node(spec))
    case ("GET", "/api/v1/pods"):
      let field = query["fieldSelector"] ?? ""
      guard field.hasPrefix("spec.nodeName=") else { return unexpected(request) }
      let node = String(field.dropFirst("spec.nodeName=".count))
      let listing = state.withLock { state -> Int in
        defer { state.podListings[node, default: 0] += 1 }
        return state.podListings[node, default: 0]
      }
      let pods = listing > 0 ? laterNodePods[node] ?? nodePods[node] : nodePods[node]
      return Self.json(
        list(
          "PodList", pods.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [[String: Any]] } ?? []))
    case ("POST", podsPath):
      return create(request.body)
    case ("GET", podsPath):
      guard let field = query["fieldSelector"], field.hasPrefix("metadata.name=") else {
        return unexpected(request)
      }
      let name = String(field.dropFirst("metadata.name=".count))
      if query["watch"] != nil {
        // Nothing changes after the first listing: end each watch at once, as a server's timeout would.
        return .complete(contentType: "application/json", body: Data())
      }
      let pod = state.withLock { $0.pods[name] }
      return Self.json(list("PodList", pod.map { [podObject($0)] } ?? []))
    case ("GET", _) where path.hasPrefix(podsPath + "/") && path.hasSuffix("/log"):
      let name = String(path.dropFirst(podsPath.count + 1).dropLast("/log".count))
      guard let pod = state.withLock({ $0.pods[name] }) else { return notFound("pods", name) }
      return .complete(contentType: "text/plain", body: Data(pod.log.utf8))
    case ("DELETE", _) where path.hasPrefix(podsPath + "/"):
      let name = String(path.dropFirst(podsPath.count + 1))
      let pod = state.withLock { state -> StoredPod? in
        state.deleted.append(name)
        return state.pods.removeValue(forKey: name)
      }
      guard let pod else { return notFound("pods", name) }
      return Self.json(podObject(pod))
    default:
      return unexpected(request)
    }
  }

  private func unexpected(_ request: HostileHTTPServer.Request) -> HostileHTTPServer.Reply {
    state.withLock { $0.unexpected.append("\(request.method) \(request.path)") }
    return Self.json(
      ["kind": "Status", "status": "Failure", "code": 400, "message": "unexpected"], status: 400)
  }

  private func notFound(_ resource: String, _ name: String) -> HostileHTTPServer.Reply {
    Self.json(
      [
        "kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404,
        "message": "\(resource) \"\(name)\" not found", "details": ["name": name, "kind": resource],
      ], status: 404)
  }

  private func matches(_ node: NodeSpec, _ selector: String?) -> Bool {
    guard let selector, !selector.isEmpty else { return true }
    return selector == "fleet=yes"
  }

  // MARK: Pods

  private func create(_ body: Data) -> HostileHTTPServer.Reply {
    guard let manifest = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
      let metadata = manifest["metadata"] as? [String: Any], let name = metadata["name"] as? String,
      let spec = manifest["spec"] as? [String: Any], let node = spec["nodeName"] as? String,
      let behaviour = nodes.first(where: { $0.name == node })?.behaviour
    else {
      state.withLock { $0.unexpected.append("POST pods with an unusable body") }
      return Self.json(["kind": "Status", "code": 422], status: 422)
    }
    var pod = StoredPod(manifest: manifest, name: name, node: node, phase: "Pending", exitCode: nil, log: "")
    switch behaviour {
    case .runs(let root):
      let (exitCode, log) = run(spec: spec, root: root)
      pod.phase = exitCode == 0 ? "Succeeded" : "Failed"
      pod.exitCode = exitCode
      pod.log = log
    case .prints(let text, let exitCode):
      pod.phase = exitCode == 0 ? "Succeeded" : "Failed"
      pod.exitCode = exitCode
      pod.log = text
    case .neverStarts: break
    case .hangs: pod.phase = "Running"
    }
    state.withLock {
      $0.pods[name] = pod
      $0.created.append(pod)
      $0.version += 1
    }
    var pending = pod
    pending.phase = "Pending"
    pending.exitCode = nil
    return Self.json(podObject(pending, creating: true), status: 201)
  }

  /// The container's command run here, its hostPath mounts mapped under the node's root.
  private func run(spec: [String: Any], root: String) -> (Int, String) {
    let container = (spec["containers"] as? [[String: Any]])?.first ?? [:]
    var arguments = container["args"] as? [String] ?? []
    for volume in spec["volumes"] as? [[String: Any]] ?? [] {
      guard let hostPath = (volume["hostPath"] as? [String: Any])?["path"] as? String else { continue }
      arguments = arguments.map { $0.replacingOccurrences(of: hostPath, with: root + hostPath) }
    }
    let osbsctl: String
    do { osbsctl = try BuiltProducts.executable("osbsctl") } catch { return (127, "no osbsctl: \(error)\n") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: osbsctl)
    process.arguments = arguments
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-pod-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    process.environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "NO_COLOR": "1"]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch { return (127, "exec failed: \(error)\n") }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (Int(process.terminationStatus), String(decoding: stdout + stderr, as: UTF8.self))
  }

  private func podObject(_ pod: StoredPod, creating: Bool = false) -> [String: Any] {
    var object = pod.manifest
    var metadata = object["metadata"] as? [String: Any] ?? [:]
    metadata["namespace"] = namespace
    metadata["uid"] = "uid-" + pod.name
    metadata["resourceVersion"] = String(state.withLock { $0.version })
    object["metadata"] = metadata
    let containerName =
      ((object["spec"] as? [String: Any])?["containers"] as? [[String: Any]])?.first?["name"] as? String ?? ""
    var status: [String: Any] = ["phase": pod.phase]
    if !creating {
      status["hostIP"] = "10.0.0.1"
      let state: [String: Any]
      switch pod.phase {
      case "Pending": state = ["waiting": ["reason": "ContainerCreating"]]
      case "Running": state = ["running": ["startedAt": "2026-12-04T23:00:00Z"]]
      default:
        state = [
          "terminated": [
            "exitCode": pod.exitCode ?? 0, "reason": pod.exitCode == 0 ? "Completed" : "Error",
            "startedAt": "2026-12-04T23:00:00Z", "finishedAt": "2026-12-04T23:00:01Z",
          ]
        ]
      }
      status["containerStatuses"] = [
        ["name": containerName, "ready": false, "restartCount": 0, "image": "osbsctl", "state": state]
      ]
    }
    object["status"] = status
    return object
  }

  // MARK: Objects

  private func node(_ spec: NodeSpec) -> [String: Any] {
    var nodeSpec: [String: Any] = [:]
    if spec.cordoned { nodeSpec["unschedulable"] = true }
    return [
      "kind": "Node", "apiVersion": "v1",
      "metadata": ["name": spec.name, "labels": ["fleet": "yes"], "resourceVersion": "1"],
      "spec": nodeSpec,
      "status": [
        "conditions": [["type": "Ready", "status": spec.ready ? "True" : "False", "reason": "KubeletReady"]]
      ],
    ]
  }

  private func list(_ kind: String, _ items: [[String: Any]]) -> [String: Any] {
    [
      "kind": kind, "apiVersion": "v1",
      "metadata": ["resourceVersion": String(state.withLock { $0.version })], "items": items,
    ]
  }

  public static func json(_ object: [String: Any], status: Int = 200) -> HostileHTTPServer.Reply {
    let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return .complete(
      status: status, reason: status < 300 ? "OK" : "Error", contentType: "application/json", body: body)
  }
}
