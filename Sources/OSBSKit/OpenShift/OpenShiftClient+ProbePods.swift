import Foundation

/// A pod that runs one command once on a named node: what the network probe and the fleet send to
/// `POST …/pods`.
public struct OneShotPodManifest: Sendable, Equatable, Encodable {
  struct Metadata: Encodable, Equatable {
    var name: String
    var labels: [String: String]
  }
  struct Container: Encodable, Equatable {
    var name: String
    var image: String
    var command: [String]
    var args: [String]
    var volumeMounts: [VolumeMount]?
    var securityContext: ContainerSecurityContext?
  }
  struct Spec: Encodable, Equatable {
    var nodeName: String
    var restartPolicy = "Never"
    var terminationGracePeriodSeconds = 0
    /// The kubelet ends the pod itself if osbsctl is gone before it can delete it.
    var activeDeadlineSeconds: Int
    var containers: [Container]
    var volumes: [PodVolume]?
    var hostNetwork: Bool?
    /// The pod's command never talks to the API, so it gets no token.
    var automountServiceAccountToken: Bool?
  }

  var apiVersion = "v1"
  var kind = "Pod"
  var metadata: Metadata
  var spec: Spec

  public var name: String { metadata.name }
  public var containerName: String { spec.containers[0].name }
  public var node: String { spec.nodeName }
  public var arguments: [String] { spec.containers[0].args }
  public static let probeContainerName = "probe"

  public init(
    name: String, node: String, image: String, command: [String], arguments: [String],
    labels: [String: String], activeDeadlineSeconds: Int, containerName: String = Self.probeContainerName
  ) {
    metadata = Metadata(name: name, labels: labels)
    spec = Spec(
      nodeName: node, activeDeadlineSeconds: activeDeadlineSeconds,
      containers: [Container(name: containerName, image: image, command: command, args: arguments)])
  }

  /// A host directory or socket mounted at the same path in the container. Mounting one makes the
  /// container run as root with every capability dropped (`ContainerSecurityContext.rootWithoutCapabilities`) and the pod
  /// without a service account token.
  ///
  /// On an SELinux node the container also runs as `spc_t`: the default `container_t` may not connect to
  /// the engine's or Open vSwitch's socket. That gives nothing the socket does not already: whoever
  /// drives the node's engine is root on the node.
  public mutating func mountHostPath(_ path: String, name: String, type: HostPathType) {
    spec.volumes =
      (spec.volumes ?? []) + [PodVolume(name: name, hostPath: .init(path: path, type: type.rawValue))]
    spec.containers[0].volumeMounts =
      (spec.containers[0].volumeMounts ?? []) + [VolumeMount(name: name, mountPath: path)]
    var security = ContainerSecurityContext.rootWithoutCapabilities
    security.seLinuxOptions = .superPrivilegedContainer
    spec.containers[0].securityContext = security
    spec.automountServiceAccountToken = false
  }

  /// The pod shares the node's network namespace, so it owns no per-pod flows on the node's bridge.
  public mutating func useHostNetwork() { spec.hostNetwork = true }

  /// The kinds of hostPath the fleet mounts; the kubelet refuses to start the pod when the path is not one.
  public enum HostPathType: String, Sendable {
    case socket = "Socket"
    case directory = "Directory"
  }
}

extension OpenShiftClient {
  /// `POST /api/v1/namespaces/NS/pods`: the pod as the server stored it.
  public func createPod(_ manifest: OneShotPodManifest, in scope: NamespaceScope = .current) async throws
    -> Pod
  {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let body = try encoder.encode(manifest)
    return try await sendJSON("POST", "/api/v1" + namespacePrefix(scope) + "/pods", body: body)
  }

  /// Watches one pod (`fieldSelector=metadata.name=NAME`), its current state first.
  public func watchPod(named name: String, in scope: NamespaceScope = .current) -> ResourceWatch<Pod> {
    let path = "/api/v1" + namespacePrefix(scope) + "/pods"
    return ResourceWatch(
      client: self, selector: ListSelector(fields: "metadata.name=\(name)"), resourceVersion: nil,
      includeExisting: true
    ) { path }
  }

  /// `GET …/pods/NAME/log?container=C[&tailLines=N]`: the container's last lines (all without a tail) as text.
  public func podLog(
    named name: String, container: String, tailLines: Int?, in scope: NamespaceScope = .current
  )
    async throws -> String
  {
    var query = [QueryItem("container", container)]
    if let tailLines { query.append(QueryItem("tailLines", String(tailLines))) }
    let response = try await send(
      APIRequest(
        method: "GET", path: "/api/v1" + namespacePrefix(scope) + "/pods/" + Self.segment(name) + "/log",
        query: query, accept: "text/plain, */*"))
    return String(decoding: response.body, as: UTF8.self)
  }
}
