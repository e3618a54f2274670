import Foundation
import OSBSKit

/// The resources the simulated cluster serves.
enum ResourceKind: String, Sendable, CaseIterable {
  case nodes
  case pods
  case builds
  case buildconfigs
  case pipelineruns
  case taskruns

  var isNamespaced: Bool { self != .nodes }

  /// How Kubernetes names the resource in messages (`builds.build.openshift.io "x" not found`).
  var qualifiedName: String {
    switch self {
    case .nodes, .pods: rawValue
    case .builds, .buildconfigs: rawValue + ".build.openshift.io"
    case .pipelineruns, .taskruns: rawValue + ".tekton.dev"
    }
  }

  var group: String? {
    switch self {
    case .nodes, .pods: nil
    case .builds, .buildconfigs: "build.openshift.io"
    case .pipelineruns, .taskruns: "tekton.dev"
    }
  }

  var listKind: String {
    switch self {
    case .nodes: "NodeList"
    case .pods: "PodList"
    case .builds: "BuildList"
    case .buildconfigs: "BuildConfigList"
    case .pipelineruns: "PipelineRunList"
    case .taskruns: "TaskRunList"
    }
  }

  /// Fields a field selector may name, as the real API server allows them.
  var selectableFields: Set<String> {
    switch self {
    case .nodes: ["metadata.name", "spec.unschedulable"]
    case .pods: ["metadata.name", "metadata.namespace", "spec.nodeName", "status.phase", "status.podIP"]
    case .builds: ["metadata.name", "metadata.namespace", "status", "podName"]
    case .buildconfigs, .pipelineruns, .taskruns: ["metadata.name", "metadata.namespace"]
    }
  }
}

/// One stored object.
enum ClusterObject: Sendable, Equatable {
  case node(Node)
  case pod(Pod)
  case build(Build)
  case buildConfig(BuildConfig)
  case pipelineRun(TektonResource)
  case taskRun(TektonResource)

  var metadata: ObjectMeta {
    get {
      switch self {
      case .pipelineRun(let object), .taskRun(let object): object.metadata
      case .node(let object): object.metadata
      case .pod(let object): object.metadata
      case .build(let object): object.metadata
      case .buildConfig(let object): object.metadata
      }
    }
    set {
      switch self {
      case .node(var object):
        object.metadata = newValue
        self = .node(object)
      case .pod(var object):
        object.metadata = newValue
        self = .pod(object)
      case .build(var object):
        object.metadata = newValue
        self = .build(object)
      case .buildConfig(var object):
        object.metadata = newValue
        self = .buildConfig(object)
      case .pipelineRun(var object):
        object.metadata = newValue
        self = .pipelineRun(object)
      case .taskRun(var object):
        object.metadata = newValue
        self = .taskRun(object)
      }
    }
  }

  var key: String { ClusterObject.key(namespace: metadata.namespace, name: metadata.name) }

  static func key(namespace: String?, name: String) -> String {
    namespace.map { "\($0)/\(name)" } ?? name
  }

  /// The value of a selectable field.
  func field(_ name: String) -> String {
    switch (self, name) {
    case (_, "metadata.name"): return metadata.name
    case (_, "metadata.namespace"): return metadata.namespace ?? ""
    case (.node(let node), "spec.unschedulable"): return node.spec.unschedulable == true ? "true" : "false"
    case (.pod(let pod), "spec.nodeName"): return pod.spec.nodeName ?? ""
    case (.pod(let pod), "status.phase"): return pod.status.phase ?? ""
    case (.pod(let pod), "status.podIP"): return pod.status.podIP ?? ""
    case (.build(let build), "status"): return build.status.phase.rawValue
    case (.build(let build), "podName"): return build.podName
    default: return ""
    }
  }

  /// How an object is written: with the `kind` and `apiVersion` the server gives it (never what a client
  /// sent in a PUT), `v1` where it was asked for under `/oapi/v1`, and with neither as an item of a list
  /// on servers that wrote list items without them.
  struct Wire: Sendable {
    /// Asked for under `/oapi/v1`: OpenShift's objects there say `apiVersion: v1`
    /// (v3.9.41-2018/build_test-build-123.json).
    var oapi = false
    /// An item of a list from a server that leaves out the items' `kind` and `apiVersion`
    /// (v3.9.41/builds_list.json, extra/kubeclient/pods_1.json).
    var bareListItem = false
    /// The `tekton.dev` version asked for (`v1` or `v1beta1`): Tekton objects are written in its shape.
    var tektonVersion = "v1"

    static let standard = Wire()

    init(oapi: Bool = false, bareListItem: Bool = false) {
      self.oapi = oapi
      self.bareListItem = bareListItem
    }

    /// How `request` is answered: under `/oapi/` or not.
    init(_ request: SandboxRequest) {
      self.init(oapi: request.path.hasPrefix("/oapi/"))
      if request.path.hasPrefix("/apis/tekton.dev/v1beta1/") { tektonVersion = "v1beta1" }
    }

    /// A watch asked for `meta.k8s.io` Tables (kubectl get -w): each event's object is a one-row Table.
    var tableVersion: String?

    /// Watch events are shared between watchers that write objects alike.
    var cacheKey: String { "\(oapi) \(tektonVersion) \(tableVersion ?? "-")" }

    func typeMeta(kind: String, group: String?) -> (kind: String?, apiVersion: String?) {
      if bareListItem { return (nil, nil) }
      if group == "tekton.dev" { return (kind, "tekton.dev/\(tektonVersion)") }
      return (kind, oapi ? "v1" : group.map { "\($0)/v1" } ?? "v1")
    }
  }

  var kindName: String {
    switch self {
    case .node: "Node"
    case .pod: "Pod"
    case .build: "Build"
    case .buildConfig: "BuildConfig"
    case .pipelineRun: "PipelineRun"
    case .taskRun: "TaskRun"
    }
  }

  var resourceKind: ResourceKind {
    switch self {
    case .node: .nodes
    case .pod: .pods
    case .build: .builds
    case .buildConfig: .buildconfigs
    case .pipelineRun: .pipelineruns
    case .taskRun: .taskruns
    }
  }

  /// The object's JSON, keys sorted and slashes unescaped, as `JSONEncoder` writes it (`ReportJSON.data`
  /// writes the same bytes without its per-value casts: a list page of 500 builds cost a sixth of the
  /// sandbox's CPU through `JSONEncoder`).
  func encoded(_ wire: Wire = .standard) -> Data {
    let (kind, apiVersion) = wire.typeMeta(kind: kindName, group: resourceKind.group)
    let data: Data?
    switch self {
    case .node(var object):
      (object.kind, object.apiVersion) = (kind, apiVersion)
      data = try? ReportJSON.data(object, pretty: false)
    case .pod(var object):
      (object.kind, object.apiVersion) = (kind, apiVersion)
      data = try? ReportJSON.data(object, pretty: false)
    case .build(var object):
      (object.kind, object.apiVersion) = (kind, apiVersion)
      data = try? ReportJSON.data(object, pretty: false)
    case .buildConfig(var object):
      (object.kind, object.apiVersion) = (kind, apiVersion)
      data = try? ReportJSON.data(object, pretty: false)
    case .pipelineRun(let object), .taskRun(let object):
      data = try? ReportJSON.data(
        object.wire(kind: kind, apiVersion: apiVersion, version: wire.tektonVersion), pretty: false)
    }
    return data ?? Data("{}".utf8)
  }

  /// Decodes `data` as the same kind of object.
  func decodingSameKind(_ data: Data) throws -> ClusterObject {
    let decoder = JSONDecoder()
    switch self {
    case .node: return .node(try decoder.decode(Node.self, from: data))
    case .pod: return .pod(try decoder.decode(Pod.self, from: data))
    case .build: return .build(try decoder.decode(Build.self, from: data))
    case .buildConfig: return .buildConfig(try decoder.decode(BuildConfig.self, from: data))
    case .pipelineRun, .taskRun: throw TektonResource.NotDecodable()
    }
  }

  static func decode(_ kind: ResourceKind, _ data: Data) throws -> ClusterObject {
    let decoder = JSONDecoder()
    switch kind {
    case .nodes: return .node(try decoder.decode(Node.self, from: data))
    case .pods: return .pod(try decoder.decode(Pod.self, from: data))
    case .builds: return .build(try decoder.decode(Build.self, from: data))
    case .buildconfigs: return .buildConfig(try decoder.decode(BuildConfig.self, from: data))
    case .pipelineruns, .taskruns: throw TektonResource.NotDecodable()
    }
  }
}

/// RFC 7386 JSON merge patch; `$`-prefixed strategic-merge directives are ignored.
enum MergePatch {
  static func apply(_ patch: Any, to target: Any?) -> Any? {
    guard let patchObject = patch as? [String: Any] else { return patch is NSNull ? nil : patch }
    var result = (target as? [String: Any]) ?? [:]
    for (key, value) in patchObject where !key.hasPrefix("$") {
      if value is NSNull {
        result.removeValue(forKey: key)
      } else {
        result[key] = apply(value, to: result[key])
      }
    }
    return result
  }
}
