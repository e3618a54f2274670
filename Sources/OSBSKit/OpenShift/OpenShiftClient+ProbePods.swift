import Foundation

/// A pod that runs one command once on a named node: what the network probe sends to `POST …/pods`.
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
  }
  struct Spec: Encodable, Equatable {
    var nodeName: String
    var restartPolicy = "Never"
    var terminationGracePeriodSeconds = 0
    /// The kubelet ends the pod itself if osbsctl is gone before it can delete it.
    var activeDeadlineSeconds: Int
    var containers: [Container]
  }

  var apiVersion = "v1"
  var kind = "Pod"
  var metadata: Metadata
  var spec: Spec

  public var name: String { metadata.name }
  public static let containerName = "probe"

  public init(
    name: String, node: String, image: String, command: [String], arguments: [String],
    labels: [String: String], activeDeadlineSeconds: Int
  ) {
    metadata = Metadata(name: name, labels: labels)
    spec = Spec(
      nodeName: node, activeDeadlineSeconds: activeDeadlineSeconds,
      containers: [Container(name: Self.containerName, image: image, command: command, args: arguments)])
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

  /// `GET …/pods/NAME/log?container=C&tailLines=N`: the container's last lines as text.
  public func podLog(
    named name: String, container: String, tailLines: Int, in scope: NamespaceScope = .current
  )
    async throws -> String
  {
    let response = try await send(
      APIRequest(
        method: "GET", path: "/api/v1" + namespacePrefix(scope) + "/pods/" + Self.segment(name) + "/log",
        query: [QueryItem("container", container), QueryItem("tailLines", String(tailLines))],
        accept: "text/plain, */*"))
    return String(decoding: response.body, as: UTF8.self)
  }
}
