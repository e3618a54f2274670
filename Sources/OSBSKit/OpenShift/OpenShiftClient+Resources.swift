import Foundation

/// Build → pod → node, as far as the cluster still knows it.
public struct NodeOfBuild: Sendable, Equatable {
  public var build: Build
  /// nil when the build pod is gone (pruned, or the build never got one).
  public var pod: Pod?
  /// nil when the pod was never scheduled or the node no longer exists.
  public var node: Node?
  public var nodeName: String? { pod?.spec.nodeName }
  public var podIP: String? { pod?.status.podIP }

  public init(build: Build, pod: Pod?, node: Node?) {
    self.build = build
    self.pod = pod
    self.node = node
  }
}

/// Who checked a dry run: the server (`dryRun=All`, Kubernetes 1.13 and later) or osbsctl alone,
/// from the object it read, where the server would have ignored the parameter and saved the change.
public enum DryRunKind: String, Codable, Sendable, Equatable {
  case server
  case client
}

/// What a cordon or uncordon did to one node.
public struct CordonResult: Sendable, Equatable {
  public var node: NodeSchedulability
  /// false: the node already had the requested schedulability (`already cordoned`).
  public var changed: Bool
  public var dryRun: Bool
  /// How the dry run was done; nil when it was none.
  public var dryRunKind: DryRunKind?

  public init(node: NodeSchedulability, changed: Bool, dryRun: Bool, dryRunKind: DryRunKind? = nil) {
    self.node = node
    self.changed = changed
    self.dryRun = dryRun
    self.dryRunKind = dryRun ? dryRunKind ?? .client : nil
  }
}

extension OpenShiftClient {
  // MARK: Builds

  /// A build's summary with the node its pod ran on (none when the pod is gone): one more GET, for
  /// commands that show a few builds (`build get`, `build for-task`).
  public func summary(of build: Build) async throws -> BuildSummary {
    var node: String?
    do {
      node = try await pod(named: build.podName, in: build.metadata.namespace.map { .named($0) } ?? .current)
        .spec.nodeName
    } catch let error as OpenShiftError where error.failureKind == .notFound {
      node = nil
    }
    return BuildSummary(build, nodeName: node)
  }

  /// Builds page by page (`-l`, `--field-selector`, `--running` via `ListSelector.unfinishedBuilds`).
  public func builds(
    in scope: NamespaceScope = .current, selector: ListSelector = .everything, pageSize: Int? = nil
  ) -> PagedObjects<Build> {
    paged(Build.self, selector: selector, pageSize: pageSize) { try await self.buildsPath(scope) }
  }

  public func build(named name: String, in scope: NamespaceScope = .current) async throws -> Build {
    try await getJSON(try await buildsPath(scope) + "/" + Self.segment(name))
  }

  /// The build exactly as the server sent it, for scripts that need fields osbsctl does not model.
  public func rawBuild(named name: String, in scope: NamespaceScope = .current) async throws -> Data {
    try await send(APIRequest(path: try await buildsPath(scope) + "/" + Self.segment(name))).body
  }

  /// Builds labelled `koji-task-id=<task>` (what the OSBS builder sets on the builds it starts).
  public func builds(forKojiTask task: Int, in scope: NamespaceScope = .current) async throws -> [Build] {
    try await builds(in: scope, selector: ListSelector(labels: "\(OpenShiftKeys.kojiTaskID)=\(task)"))
      .collect()
  }

  /// The DeleteOptions body of a DELETE, with a resourceVersion precondition when one is given. A prune
  /// sends thousands of them: the usual all-digits version is written straight out, anything else goes
  /// through JSONSerialization (same document either way).
  static func deleteOptions(resourceVersion: String?) throws -> Data {
    guard let resourceVersion else { return Data(#"{"apiVersion":"v1","kind":"DeleteOptions"}"#.utf8) }
    if !resourceVersion.isEmpty, resourceVersion.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
      return Data(
        (#"{"apiVersion":"v1","kind":"DeleteOptions","preconditions":{"resourceVersion":""#
          + resourceVersion + #""}}"#).utf8)
    }
    let options: [String: Any] = [
      "kind": "DeleteOptions", "apiVersion": "v1", "preconditions": ["resourceVersion": resourceVersion],
    ]
    return try JSONSerialization.data(withJSONObject: options, options: [.sortedKeys])
  }

  /// Deletes a build; with `resourceVersion` the server refuses (Conflict) if the build changed since.
  public func deleteBuild(
    named name: String, in scope: NamespaceScope = .current, resourceVersion: String? = nil
  ) async throws {
    let body = try Self.deleteOptions(resourceVersion: resourceVersion)
    _ = try await send(
      APIRequest(
        method: "DELETE", path: try await buildsPath(scope) + "/" + Self.segment(name), body: body,
        contentType: "application/json"))
  }

  /// Sets `status.cancelled` (GET, change, PUT, as osbs-client does), retrying on Conflict. A build
  /// already in a final phase is returned unchanged.
  public func cancelBuild(named name: String, in scope: NamespaceScope = .current) async throws -> Build {
    let path = try await buildsPath(scope) + "/" + Self.segment(name)
    var attempt = 1
    while true {
      let response = try await send(APIRequest(path: path))
      let current = try decode(Build.self, from: response, path: path)
      if current.status.phase.isTerminal || current.status.cancelled == true { return current }
      // Edit the raw object so fields this client does not model survive the PUT.
      guard var object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
        throw OpenShiftError.malformedResponse(url: baseURL + path, detail: "build is not a JSON object")
      }
      var status = object["status"] as? [String: Any] ?? [:]
      status["cancelled"] = true
      object["status"] = status
      let body = try JSONSerialization.data(withJSONObject: object)
      do {
        return try await sendJSON("PUT", path, body: body)
      } catch let error as OpenShiftError where error.isConflict && attempt < options.maxAttempts {
        attempt += 1
      }
    }
  }

  public func buildConfigs(
    in scope: NamespaceScope = .current, selector: ListSelector = .everything
  ) -> PagedObjects<BuildConfig> {
    paged(BuildConfig.self, selector: selector, pageSize: nil) {
      try await self.buildsPath(scope, resource: "buildconfigs")
    }
  }

  public func buildConfig(named name: String, in scope: NamespaceScope = .current) async throws -> BuildConfig
  {
    try await getJSON(try await buildsPath(scope, resource: "buildconfigs") + "/" + Self.segment(name))
  }

  /// Build → pod (annotation `openshift.io/build.pod-name`, else label `openshift.io/build.name`) → node.
  public func nodeOfBuild(named name: String, in scope: NamespaceScope = .current) async throws -> NodeOfBuild
  {
    let build = try await build(named: name, in: scope)
    let podScope = NamespaceScope.named(build.metadata.namespace ?? namespaceName(scope))
    var pod: Pod?
    do {
      pod = try await self.pod(named: build.podName, in: podScope)
    } catch let error as OpenShiftError where error.failureKind == .notFound {
      pod = try await pods(
        in: podScope, selector: ListSelector(labels: "\(OpenShiftKeys.buildNameLabel)=\(name)")
      )
      .collect().first
    }
    var node: Node?
    if let nodeName = pod?.spec.nodeName, !nodeName.isEmpty {
      do {
        node = try await self.node(named: nodeName)
      } catch let error as OpenShiftError where error.failureKind == .notFound {
        node = nil
      }
    }
    return NodeOfBuild(build: build, pod: pod, node: node)
  }

  // MARK: Pods

  public func pods(
    in scope: NamespaceScope = .current, selector: ListSelector = .everything, pageSize: Int? = nil
  ) -> PagedObjects<Pod> {
    let path = "/api/v1" + namespacePrefix(scope) + "/pods"
    return paged(Pod.self, selector: selector, pageSize: pageSize) { path }
  }

  /// Pods on a node in every namespace (`fieldSelector=spec.nodeName=<node>`).
  public func pods(onNode node: String, labels: String? = nil) -> PagedObjects<Pod> {
    pods(in: .all, selector: ListSelector(labels: labels, fields: "spec.nodeName=\(node)"))
  }

  public func pod(named name: String, in scope: NamespaceScope = .current) async throws -> Pod {
    try await getJSON("/api/v1" + namespacePrefix(scope) + "/pods/" + Self.segment(name))
  }

  public func deletePod(named name: String, in scope: NamespaceScope = .current) async throws {
    _ = try await send(
      APIRequest(method: "DELETE", path: "/api/v1" + namespacePrefix(scope) + "/pods/" + Self.segment(name)))
  }

  /// Evicts a pod through the `pods/eviction` subresource in the version the server serves (the
  /// server may answer 429 while a disruption budget forbids it; that is retried like any 429). A
  /// server with no eviction subresource (Kubernetes 1.0) gets a plain DELETE, which honours the pod's
  /// grace period but no disruption budget.
  public func evictPod(named name: String, namespace podNamespace: String) async throws {
    guard case .eviction(let apiVersion) = try await podRemovalMethod() else {
      try await deletePod(named: name, in: .named(podNamespace))
      return
    }
    let eviction: [String: Any] = [
      "apiVersion": apiVersion, "kind": "Eviction",
      "metadata": ["name": name, "namespace": podNamespace],
    ]
    let body = try JSONSerialization.data(withJSONObject: eviction, options: [.sortedKeys])
    _ = try await send(
      APIRequest(
        method: "POST",
        path: "/api/v1/namespaces/" + Self.segment(podNamespace) + "/pods/" + Self.segment(name)
          + "/eviction",
        body: body, contentType: "application/json", retry: .once))
  }

  // MARK: Nodes

  public func nodes(selector: ListSelector = .everything, pageSize: Int? = nil) -> PagedObjects<Node> {
    paged(Node.self, selector: selector, pageSize: pageSize) { "/api/v1/nodes" }
  }

  public func node(named name: String) async throws -> Node {
    try await getJSON("/api/v1/nodes/" + Self.segment(name))
  }

  /// Marks a node unschedulable (`cordon: true`) or schedulable again, as `kubectl cordon` does: GET,
  /// and only if the value differs a strategic-merge PATCH (`{"spec":{"unschedulable":true}}`, or
  /// `null` to uncordon). A dry run asks the server to validate without saving (`dryRun=All`) only
  /// where it honours that; older servers would save the change, so there osbsctl sends nothing.
  public func setSchedulable(node name: String, cordon: Bool, dryRun: Bool = false) async throws
    -> CordonResult
  {
    let path = "/api/v1/nodes/" + Self.segment(name)
    let current = try schedulability(from: try await send(APIRequest(path: path)), path: path)
    let kind: DryRunKind? = dryRun ? (await honoursServerDryRun() ? .server : .client) : nil
    guard current.isSchedulable == cordon else {
      return CordonResult(node: current, changed: false, dryRun: dryRun, dryRunKind: kind)
    }
    if kind == .client {
      var preview = current
      preview.unschedulable = cordon ? true : nil
      return CordonResult(node: preview, changed: true, dryRun: true, dryRunKind: .client)
    }
    let body = Data((cordon ? #"{"spec":{"unschedulable":true}}"# : #"{"spec":{"unschedulable":null}}"#).utf8)
    let response = try await send(
      APIRequest(
        method: "PATCH", path: path, query: dryRun ? [QueryItem("dryRun", "All")] : [], body: body,
        contentType: "application/strategic-merge-patch+json"))
    return CordonResult(
      node: try schedulability(from: response, path: path), changed: true, dryRun: dryRun, dryRunKind: kind)
  }

  private func schedulability(from response: HTTPResponse, path: String) throws -> NodeSchedulability {
    try reading("Node", path: path) { try NodeSchedulability(json: response.body) }
  }

  public func cordon(node name: String, dryRun: Bool = false) async throws -> CordonResult {
    try await setSchedulable(node: name, cordon: true, dryRun: dryRun)
  }

  public func uncordon(node name: String, dryRun: Bool = false) async throws -> CordonResult {
    try await setSchedulable(node: name, cordon: false, dryRun: dryRun)
  }
}
