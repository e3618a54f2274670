import Foundation
import Synchronization

/// A loopback API server answering from the Tekton recordings in Tests/OSBSKitTests/Fixtures/tekton
/// (see its PROVENANCE.tsv), the way an OpenShift Pipelines cluster serves them:
///
/// * `/apis` lists `tekton.dev` in the versions given (none: OpenShift Pipelines not installed) next to
///   `build.openshift.io`; no recording has a discovery document, so this one is written from the CRDs'
///   served versions (tekton-wire README §2.3).
/// * Namespace `rhtapuser-tenant`: the OpenShift Pipelines 2023 PipelineRun and its four recorded
///   TaskRuns. Namespace `jx`: the five Jenkins X v1beta1 PipelineRuns.
/// * Each stored object is answered in the shape of the path's version, as the conversion webhook does:
///   `pipelineResults`/`taskResults` ↔ `results`, and in v1 the old embedded `taskRuns` map becomes
///   `childReferences` (as the Jenkins X authors' own v1 conversion of their recording shows).
/// * Builds (`build.openshift.io/v1`) are an empty list unless a test adds some (BuildConfigs always
///   are); pods and nodes likewise (no recording holds a Tekton pod).
/// * Lists come in pages of `limit` (the continue token is the next offset), at the highest recorded
///   resourceVersion; a PATCH or DELETE here raises it, and a watch from an older version gets those
///   changes as `MODIFIED`/`DELETED` events.
/// * PATCH of `spec.status` is checked against the values the configured Tekton release accepts (README
///   §6) and answered with the webhook's 400 otherwise; DELETE answers a `Status` like osbs-client's
///   test fixture and removes the run with its TaskRuns and pods.
public final class TektonReplayServer: Sendable {
  public static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("OSBSKitTests/Fixtures/tekton")

  public static let openShiftPipelinesNamespace = "rhtapuser-tenant"
  public static let jenkinsXNamespace = "jx"

  public static let pipelineRunRecordings = [
    "recordings/openshift-pipelines-2023/pipelinerun-human-resources-rlrj8.yaml",
    "recordings/jx-2020-2022-v1beta1/pr-cancelled-with-steps.yaml",
    "recordings/jx-2020-2022-v1beta1/pr-failed-evicted.yaml",
    "recordings/jx-2020-2022-v1beta1/pr-running-2020.yaml",
    "recordings/jx-2020-2022-v1beta1/pr-succeeded.yaml",
    "recordings/jx-2020-2022-v1beta1/pr-timeout-with-steps.yaml",
  ]
  public static let taskRunRecordings = [
    "recordings/openshift-pipelines-2023/taskrun-init.yaml",
    "recordings/openshift-pipelines-2023/taskrun-clone-repository.yaml",
    "recordings/openshift-pipelines-2023/taskrun-build-container.yaml",
    "recordings/openshift-pipelines-2023/taskrun-show-summary-finally.yaml",
  ]

  /// `spec.status` values a Tekton release's webhook accepts.
  public enum CancelValues: Sendable {
    /// v0.40 and later.
    case current
    /// v0.24 and earlier: only `PipelineRunCancelled`.
    case upToV024

    var accepted: Set<String> {
      switch self {
      case .current: ["Cancelled", "CancelledRunFinally", "StoppedRunFinally", "PipelineRunPending"]
      case .upToV024: ["PipelineRunCancelled"]
      }
    }
  }

  struct State: @unchecked Sendable {
    var pipelineRuns: [[String: Any]]
    var taskRuns: [[String: Any]]
    var pods: [[String: Any]] = []
    var builds: [[String: Any]] = []
    var nodes: [[String: Any]] = []
    /// The collection's resourceVersion: the highest recorded one, raised by every change made here.
    var resourceVersion = 1
    /// PipelineRun changes made here, for watches: (resourceVersion, event type, object).
    var changes: [(version: Int, type: String, object: [String: Any])] = []

    init(pipelineRuns: [[String: Any]], taskRuns: [[String: Any]]) {
      self.pipelineRuns = pipelineRuns
      self.taskRuns = taskRuns
      let recorded = (pipelineRuns + taskRuns).compactMap {
        Int(($0["metadata"] as? [String: Any])?["resourceVersion"] as? String ?? "")
      }
      resourceVersion = recorded.max() ?? 1
    }

    /// Records a change to a run under a new resourceVersion and returns the object as changed.
    mutating func change(_ type: String, _ object: [String: Any]) -> [String: Any] {
      resourceVersion += 1
      var changed = object
      var metadata = changed["metadata"] as? [String: Any] ?? [:]
      metadata["resourceVersion"] = String(resourceVersion)
      changed["metadata"] = metadata
      changes.append((resourceVersion, type, changed))
      return changed
    }
  }

  final class Store: Sendable {
    let state: Mutex<State>
    init(_ state: State) { self.state = Mutex(state) }
  }

  public let server: HostileHTTPServer
  public let servedVersions: [String]
  let cancelValues: CancelValues
  let store: Store

  public var baseURL: String { server.baseURL }
  public var requests: [HostileHTTPServer.Request] { server.requests }

  public init(servedVersions: [String] = ["v1", "v1beta1"], cancelValues: CancelValues = .current) throws {
    self.servedVersions = servedVersions
    self.cancelValues = cancelValues
    let store = Store(
      State(
        pipelineRuns: try Self.pipelineRunRecordings.map(Self.object),
        taskRuns: try Self.taskRunRecordings.map(Self.object)))
    self.store = store
    let versions = servedVersions
    server = try HostileHTTPServer { request in
      Self.answer(request, state: store, servedVersions: versions, cancelValues: cancelValues)
    }
  }

  deinit { server.stop() }

  public static func object(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: fixtures.appendingPathComponent(path))
    let json =
      path.hasSuffix(".json") ? data : try YAMLAsJSON.data(fromYAML: String(decoding: data, as: UTF8.self))
    guard let object = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
      throw FixtureError("\(path) is not a JSON object")
    }
    return object
  }

  /// Adds objects a test needs beyond the recordings.
  public func add(pod: [String: Any]) { store.state.withLock { $0.pods.append(pod) } }
  public func add(build: [String: Any]) { store.state.withLock { $0.builds.append(build) } }
  public func add(node: [String: Any]) { store.state.withLock { $0.nodes.append(node) } }

  /// The stored run's `spec.status`, after patches.
  public func specStatus(ofPipelineRun name: String) -> String? {
    store.state.withLock { state in
      (state.pipelineRuns.first { Self.name($0) == name }?["spec"] as? [String: Any])?["status"] as? String
    }
  }

  public func hasPipelineRun(_ name: String) -> Bool {
    store.state.withLock { state in state.pipelineRuns.contains { Self.name($0) == name } }
  }

  // MARK: Answers

  static func name(_ object: [String: Any]) -> String? {
    (object["metadata"] as? [String: Any])?["name"] as? String
  }
  static func namespace(_ object: [String: Any]) -> String? {
    (object["metadata"] as? [String: Any])?["namespace"] as? String
  }

  static func compact(_ object: Any) -> Data {
    (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
      ?? Data("{}".utf8)
  }

  static func json(_ object: Any, status: Int = 200, reason: String = "OK") -> HostileHTTPServer.Reply {
    .complete(status: status, reason: reason, contentType: "application/json", body: compact(object))
  }

  static func failure(_ code: Int, _ reason: String, _ message: String) -> HostileHTTPServer.Reply {
    json(
      [
        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure", "message": message,
        "reason": reason, "code": code,
      ], status: code, reason: reason)
  }

  /// A stored object in the shape of `version`.
  static func shaped(_ stored: [String: Any], version: String) -> [String: Any] {
    var object = stored
    object["apiVersion"] = "tekton.dev/\(version)"
    guard var status = object["status"] as? [String: Any] else { return object }
    let pairs = [("pipelineResults", "results"), ("taskResults", "results")]
    for (beta, v1) in pairs {
      if version == "v1", let value = status.removeValue(forKey: beta) { status[v1] = value }
    }
    if version == "v1beta1", let value = status.removeValue(forKey: "results") {
      status[object["kind"] as? String == "TaskRun" ? "taskResults" : "pipelineResults"] = value
    }
    if version == "v1", let embedded = status.removeValue(forKey: "taskRuns") as? [String: Any],
      status["childReferences"] == nil
    {
      status["childReferences"] = embedded.keys.sorted().map { name in
        [
          "apiVersion": "tekton.dev/v1beta1", "kind": "TaskRun", "name": name,
          "pipelineTaskName": (embedded[name] as? [String: Any])?["pipelineTaskName"] ?? "",
        ]
      }
    }
    object["status"] = status
    return object
  }

  static func matches(_ item: [String: Any], labels: String?, fields: String?) -> Bool {
    let metadata = item["metadata"] as? [String: Any] ?? [:]
    let itemLabels = metadata["labels"] as? [String: String] ?? [:]
    for term in (labels ?? "").split(separator: ",") {
      let parts = term.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, itemLabels[parts[0]] == parts[1] else { return false }
    }
    for term in (fields ?? "").split(separator: ",") {
      let parts = term.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { return false }
      let actual: String? =
        switch parts[0] {
        case "metadata.name": metadata["name"] as? String
        case "metadata.namespace": metadata["namespace"] as? String
        case "spec.nodeName": (item["spec"] as? [String: Any])?["nodeName"] as? String
        default: nil
        }
      if actual != parts[1] { return false }
    }
    return true
  }

  static func list(_ kind: String, _ apiVersion: String, _ items: [[String: Any]]) -> HostileHTTPServer.Reply
  {
    json(["kind": kind, "apiVersion": apiVersion, "metadata": ["resourceVersion": "1"], "items": items])
  }

  static func discovery(_ versions: [String]) -> HostileHTTPServer.Reply {
    var groups: [[String: Any]] = [
      [
        "name": "build.openshift.io",
        "versions": [["groupVersion": "build.openshift.io/v1", "version": "v1"]],
        "preferredVersion": ["groupVersion": "build.openshift.io/v1", "version": "v1"],
      ]
    ]
    if let preferred = versions.first {
      groups.append([
        "name": "tekton.dev",
        "versions": versions.map { ["groupVersion": "tekton.dev/\($0)", "version": $0] },
        "preferredVersion": ["groupVersion": "tekton.dev/\(preferred)", "version": preferred],
      ])
    }
    return json(["kind": "APIGroupList", "apiVersion": "v1", "groups": groups])
  }

  static func answer(
    _ request: HostileHTTPServer.Request, state: Store, servedVersions: [String],
    cancelValues: CancelValues
  ) -> HostileHTTPServer.Reply {
    let path = request.pathOnly
    let query = request.query
    let labels = query["labelSelector"]
    let fields = query["fieldSelector"]
    let segments = path.split(separator: "/").map(String.init)

    if path == "/apis" { return discovery(servedVersions) }
    if segments.count >= 3, segments[0] == "apis", segments[1] == "tekton.dev" {
      let version = segments[2]
      guard servedVersions.contains(version) else {
        return failure(404, "NotFound", "the server could not find the requested resource")
      }
      return tekton(
        request, Array(segments.dropFirst(3)), version: version, labels: labels, fields: fields, query: query,
        state: state, cancelValues: cancelValues)
    }
    if query["watch"] != nil { return .complete(contentType: "application/json", body: Data()) }
    // `…/namespaces/NS/…` limits builds and pods to NS.
    let namespace = segments.firstIndex(of: "namespaces").flatMap {
      $0 + 1 < segments.count ? segments[$0 + 1] : nil
    }
    func inNamespace(_ object: [String: Any]) -> Bool {
      namespace == nil || Self.namespace(object) == namespace
    }
    if path.hasPrefix("/apis/build.openshift.io/v1/"), path.hasSuffix("/buildconfigs") {
      return list("BuildConfigList", "build.openshift.io/v1", [])
    }
    if path.hasPrefix("/apis/build.openshift.io/v1/"), path.hasSuffix("/builds") {
      let builds = state.state.withLock { $0.builds }.filter {
        inNamespace($0) && matches($0, labels: labels, fields: fields)
      }
      return list("BuildList", "build.openshift.io/v1", builds)
    }
    if path.hasPrefix("/apis/build.openshift.io/v1/"), segments.count >= 2,
      segments[segments.count - 2] == "builds"
    {
      let name = segments.last ?? ""
      if let build = state.state.withLock({ $0.builds }).first(where: {
        Self.name($0) == name && inNamespace($0)
      }) {
        return json(build)
      }
      return failure(404, "NotFound", "builds.build.openshift.io \"\(name)\" not found")
    }
    if segments.first == "api", segments.last == "pods" {
      let pods = state.state.withLock { $0.pods }.filter {
        inNamespace($0) && matches($0, labels: labels, fields: fields)
      }
      return list("PodList", "v1", pods)
    }
    if segments.first == "api", segments.count >= 2, segments[segments.count - 2] == "pods" {
      let name = segments.last ?? ""
      if let pod = state.state.withLock({ $0.pods }).first(where: { Self.name($0) == name && inNamespace($0) }
      ) {
        return json(pod)
      }
      return failure(404, "NotFound", "pods \"\(name)\" not found")
    }
    if segments.count == 4, segments[0] == "api", segments[2] == "nodes" {
      if let node = state.state.withLock({ $0.nodes }).first(where: { Self.name($0) == segments[3] }) {
        return json(node)
      }
      return failure(404, "NotFound", "nodes \"\(segments[3])\" not found")
    }
    return failure(
      404, "NotFound", "the server could not find the requested resource (\(request.method) \(path))")
  }

  static func tekton(
    _ request: HostileHTTPServer.Request, _ rest: [String], version: String, labels: String?, fields: String?,
    query: [String: String], state: Store, cancelValues: CancelValues
  ) -> HostileHTTPServer.Reply {
    var rest = rest
    var namespace: String?
    if rest.first == "namespaces", rest.count >= 2 {
      namespace = rest[1]
      rest = Array(rest.dropFirst(2))
    }
    guard let resource = rest.first, ["pipelineruns", "taskruns"].contains(resource) else {
      return failure(404, "NotFound", "the server could not find the requested resource")
    }
    let isRuns = resource == "pipelineruns"
    let kind = isRuns ? "PipelineRunList" : "TaskRunList"
    let stored = state.state.withLock { isRuns ? $0.pipelineRuns : $0.taskRuns }
    let inScope = stored.filter { namespace == nil || Self.namespace($0) == namespace }
    if rest.count == 1 {
      guard request.method == "GET" else { return failure(405, "MethodNotAllowed", "method not allowed") }
      if query["watch"] != nil {
        // The changes after the version asked for, one compact event per line; then the watch ends (as
        // at the server's timeout) and the client reconnects from the last version it saw.
        let since = Int(query["resourceVersion"] ?? "") ?? 0
        let changes = isRuns ? state.state.withLock { $0.changes } : []
        let lines = changes.filter { change in
          change.version > since && (namespace == nil || Self.namespace(change.object) == namespace)
            && matches(change.object, labels: labels, fields: fields)
        }.map { change in
          compact(["type": change.type, "object": shaped(change.object, version: version)]) + Data("\n".utf8)
        }
        return .complete(contentType: "application/json", body: lines.reduce(Data(), +))
      }
      let items = inScope.filter { matches($0, labels: labels, fields: fields) }.map {
        shaped($0, version: version)
      }
      // Pages of `limit` items; the continue token is the offset of the next page.
      let offset = Int(query["continue"] ?? "") ?? 0
      let limit = Int(query["limit"] ?? "") ?? items.count
      let listVersion = String(state.state.withLock { $0.resourceVersion })
      guard offset > 0 || limit < items.count else {
        return json([
          "kind": kind, "apiVersion": "tekton.dev/\(version)", "metadata": ["resourceVersion": listVersion],
          "items": items,
        ])
      }
      let page = Array(items.dropFirst(offset).prefix(max(1, limit)))
      let next = offset + page.count
      var metadata: [String: Any] = ["resourceVersion": listVersion]
      if next < items.count { metadata["continue"] = String(next) }
      return json(["kind": kind, "apiVersion": "tekton.dev/\(version)", "metadata": metadata, "items": page])
    }
    let name = rest[1]
    guard let object = inScope.first(where: { Self.name($0) == name }) else {
      return failure(404, "NotFound", "\(resource).tekton.dev \"\(name)\" not found")
    }
    switch request.method {
    case "GET":
      return json(shaped(object, version: version))
    case "DELETE" where isRuns:
      state.state.withLock { state in
        _ = state.change("DELETED", object)
        state.pipelineRuns.removeAll { Self.name($0) == name && Self.namespace($0) == namespace }
        state.taskRuns.removeAll {
          ($0["metadata"] as? [String: Any]).flatMap {
            ($0["labels"] as? [String: String])?["tekton.dev/pipelineRun"]
          } == name
        }
        state.pods.removeAll {
          ($0["metadata"] as? [String: Any]).flatMap {
            ($0["labels"] as? [String: String])?["tekton.dev/pipelineRun"]
          } == name
        }
      }
      let uid = (object["metadata"] as? [String: Any])?["uid"] as? String ?? ""
      return json([
        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success",
        "details": ["name": name, "group": "tekton.dev", "kind": "pipelineruns", "uid": uid],
      ])
    case "PATCH" where isRuns:
      guard let value = patchedStatus(request) else {
        return failure(400, "BadRequest", "the patch does not set spec.status")
      }
      guard cancelValues.accepted.contains(value) else {
        return failure(
          400, "BadRequest",
          "admission webhook \"validation.webhook.pipeline.tekton.dev\" denied the request: validation failed: "
            + "invalid value: \(value): spec.status")
      }
      var patched = object
      var spec = patched["spec"] as? [String: Any] ?? [:]
      spec["status"] = value
      patched["spec"] = spec
      let body: Data = state.state.withLock { state in
        let updated = state.change("MODIFIED", patched)
        if let index = state.pipelineRuns.firstIndex(where: { Self.name($0) == name }) {
          state.pipelineRuns[index] = updated
        }
        return compact(shaped(updated, version: version))
      }
      return .complete(contentType: "application/json", body: body)
    default:
      return failure(405, "MethodNotAllowed", "method not allowed")
    }
  }

  /// The `spec.status` a JSON patch (`replace /spec/status`) or merge patch sets, by content type.
  static func patchedStatus(_ request: HostileHTTPServer.Request) -> String? {
    let contentType = request.headers.first { $0.key.lowercased() == "content-type" }?.value ?? ""
    let body = try? JSONSerialization.jsonObject(with: request.body)
    switch contentType {
    case "application/json-patch+json":
      let operations = body as? [[String: Any]] ?? []
      return operations.first {
        $0["op"] as? String == "replace" && $0["path"] as? String == "/spec/status"
      }?[
        "value"] as? String
    case "application/merge-patch+json":
      return ((body as? [String: Any])?["spec"] as? [String: Any])?["status"] as? String
    default:
      return nil
    }
  }
}
