import Foundation
import OSBSKit

/// `tekton.dev` discovery as a cluster with the Pipelines CRDs installed answers it (tekton-wire README
/// §2.3: derived from the CRDs, scope Namespaced, short names, categories, status subresource).
enum TektonDiscovery {
  static func group(_ release: TektonRelease) -> [String: Any]? {
    guard let preferred = release.preferredVersion else { return nil }
    let versions: [[String: Any]] = release.servedVersions.map {
      ["groupVersion": "tekton.dev/\($0)", "version": $0]
    }
    return [
      "name": "tekton.dev", "versions": versions,
      "preferredVersion": ["groupVersion": "tekton.dev/\(preferred)", "version": preferred],
    ]
  }

  static func resources(_ version: String) -> [[String: Any]] {
    func resource(_ plural: String, _ singular: String, _ kind: String, _ short: [String]) -> [[String: Any]]
    {
      [
        [
          "name": plural, "singularName": singular, "namespaced": true, "kind": kind,
          "verbs": ClusterDiscovery.all, "shortNames": short, "categories": ["tekton", "tekton-pipelines"],
          "storageVersionHash": String(MD5.hex("tekton.dev/\(version)/\(plural)").prefix(11)),
        ],
        [
          "name": "\(plural)/status", "singularName": "", "namespaced": true, "kind": kind,
          "verbs": ["get", "patch", "update"],
        ],
      ]
    }
    return resource("pipelineruns", "pipelinerun", "PipelineRun", ["pr", "prs"])
      + resource("taskruns", "taskrun", "TaskRun", ["tr", "trs"])
  }
}

extension OpenShiftCluster {
  func tektonRoutes(into router: inout SandboxRouter, guarded: Guard) {
    router.add(
      "GET", "/api/v1/watch/namespaces/{namespace}/pods/{name}",
      handler: guarded { [self] request in
        var selected = try filter(.pods, namespace: request.pathParameters["namespace"], request)
        selected.fields.terms.append(
          .init(field: "metadata.name", value: request.pathParameters["name"] ?? "", negated: false))
        return watch(.pods, filter: selected, request)
      })
    router.add(
      "GET", "/api/v1/watch/namespaces/{namespace}/pods",
      handler: guarded { [self] in
        watch(.pods, filter: try filter(.pods, namespace: $0.pathParameters["namespace"], $0), $0)
      })
    router.add(
      "GET", "/api/v1/namespaces/{namespace}/pods/{name}/log", handler: guarded { [self] in podLog($0) })
    let release = configuration.tekton
    guard release.enabled else { return }
    router.add(
      "GET", "/apis/tekton.dev",
      handler: guarded { _ in
        var group = TektonDiscovery.group(release) ?? [:]
        group["kind"] = "APIGroup"
        group["apiVersion"] = "v1"
        return ClusterDiscovery.json(group)
      })
    for version in release.servedVersions {
      let base = "/apis/tekton.dev/\(version)"
      router.add(
        "GET", base,
        handler: guarded { _ in
          ClusterDiscovery.json([
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "tekton.dev/\(version)",
            "resources": TektonDiscovery.resources(version),
          ])
        })
      for kind in [ResourceKind.pipelineruns, .taskruns] {
        readRoutes(of: kind, under: base, into: &router, guarded: guarded)
      }
      router.add(
        "POST", "\(base)/namespaces/{namespace}/pipelineruns",
        handler: guarded { [self] in createPipelineRun($0, version: version) })
      router.add(
        "PATCH", "\(base)/namespaces/{namespace}/pipelineruns/{name}",
        handler: guarded { [self] in patchPipelineRun($0) })
      router.add(
        "DELETE", "\(base)/namespaces/{namespace}/pipelineruns/{name}",
        handler: guarded { [self] in deletePipelineRun($0) })
    }
  }

  // MARK: Create

  func createPipelineRun(_ request: SandboxRequest, version: String) -> SandboxResponse {
    handling {
      guard case .object(let body)? = try? JSONDecoder().decode(JSONTree.self, from: request.body) else {
        return KubernetesStatus.badRequest("the body of the request is not a PipelineRun object")
      }
      // The API server decodes the body as the path's group and version.
      if case .string(let sent)? = body["apiVersion"], sent != "tekton.dev/\(version)" {
        return KubernetesStatus.badRequest(
          "the API version in the data (\(sent)) does not match the expected API version (tekton.dev/\(version))"
        )
      }
      if case .string(let kind)? = body["kind"], kind != "PipelineRun" {
        return KubernetesStatus.badRequest(
          "the kind in the data (\(kind)) does not match the expected kind (PipelineRun)")
      }
      guard case .object(let metadata)? = body["metadata"] else {
        return KubernetesStatus.failure(
          422, reason: "Invalid",
          message:
            "PipelineRun.tekton.dev \"\" is invalid: metadata.name: Required value: name or generateName is required"
        )
      }
      var name = ""
      if case .string(let given)? = metadata["name"] { name = given }
      if name.isEmpty, case .string(let prefix)? = metadata["generateName"] {
        name = prefix + String(MD5.hex(UUID().uuidString).prefix(5))
      }
      guard !name.isEmpty else {
        return KubernetesStatus.failure(
          422, reason: "Invalid",
          message:
            "PipelineRun.tekton.dev \"\" is invalid: metadata.name: Required value: name or generateName is required"
        )
      }
      let namespace = request.pathParameters["namespace"] ?? configuration.namespace
      func strings(_ value: JSONTree?) -> [String: String] {
        guard case .object(let members)? = value else { return [:] }
        return members.compactMapValues { if case .string(let text) = $0 { text } else { nil } }
      }
      var spec: [String: JSONTree] = [:]
      if case .object(let given)? = body["spec"] { spec = given }
      if version == "v1beta1" { spec = TektonResource.pipelineRunSpecToV1(spec) }
      if case .string(let value)? = spec["status"], !configuration.tekton.acceptedCancelValues.contains(value)
      {
        return webhookDenied(configuration.tekton.cancelRejection(value))
      }
      do {
        let created = try createPipelineRun(
          name: name, namespace: namespace, labels: strings(metadata["labels"]),
          annotations: strings(metadata["annotations"]), spec: spec)
        return .json(ClusterObject.pipelineRun(created).encoded(ClusterObject.Wire(request)), status: 201)
      } catch let error as PipelinesError where error == .alreadyExists(name) {
        return KubernetesStatus.failure(
          409, reason: "AlreadyExists", message: "pipelineruns.tekton.dev \"\(name)\" already exists",
          details: .init(name: name, group: "tekton.dev", kind: "pipelineruns"))
      } catch {
        return KubernetesStatus.failure(500, reason: "InternalError", message: "\(error)")
      }
    }
  }

  /// How a validating admission webhook's denial reaches the client.
  func webhookDenied(_ message: String) -> SandboxResponse {
    KubernetesStatus.failure(
      400, reason: "BadRequest",
      message:
        "admission webhook \"validation.webhook.pipeline.tekton.dev\" denied the request: validation failed: \(message)"
    )
  }

  // MARK: Patch (cancel)

  func patchPipelineRun(_ request: SandboxRequest) -> SandboxResponse {
    handling {
      let namespace = request.pathParameters["namespace"]
      let current = try lookup(.pipelineruns, namespace, request)
      let contentType = (request.header("Content-Type") ?? "").split(separator: ";").first.map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      let wire = ClusterObject.Wire(request)
      guard let document = try? JSONSerialization.jsonObject(with: current.encoded(wire)) else {
        return KubernetesStatus.failure(
          500, reason: "InternalError", message: "cannot read the stored object")
      }
      let patched: Any?
      switch contentType {
      case "application/merge-patch+json":
        guard let patch = try? JSONSerialization.jsonObject(with: request.body), patch is [String: Any] else {
          return KubernetesStatus.badRequest("error decoding patch: invalid JSON")
        }
        patched = MergePatch.apply(patch, to: document)
      case "application/json-patch+json":
        guard let operations = try? JSONSerialization.jsonObject(with: request.body) as? [[String: Any]]
        else {
          return KubernetesStatus.badRequest("error decoding patch: invalid JSON patch")
        }
        do {
          patched = try JSONPatch.apply(operations, to: document)
        } catch let failure as JSONPatch.Failure {
          return KubernetesStatus.failure(422, reason: "Invalid", message: failure.message)
        }
      default:
        return KubernetesStatus.failure(
          415, reason: "UnsupportedMediaType",
          message:
            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
        )
      }
      let object = patched as? [String: Any] ?? [:]
      let metadata = object["metadata"] as? [String: Any] ?? [:]
      if let version = metadata["resourceVersion"] as? String, version != current.metadata.resourceVersion {
        return KubernetesStatus.conflict(
          .pipelineruns, current.metadata.name,
          "the object has been modified; please apply your changes to the latest version and try again")
      }
      let specStatus = (object["spec"] as? [String: Any])?["status"] as? String
      guard case .pipelineRun(let stored) = current else {
        return KubernetesStatus.notFound(.pipelineruns, "")
      }
      let previous: String? = { if case .string(let value)? = stored.spec["status"] { value } else { nil } }()
      if let specStatus, specStatus != previous,
        !configuration.tekton.acceptedCancelValues.contains(specStatus)
      {
        return webhookDenied(configuration.tekton.cancelRejection(specStatus))
      }
      let labels = metadata["labels"] as? [String: String]
      let annotations = metadata["annotations"] as? [String: String]
      mutate { state in
        guard var run = state.tektonRuns[current.key] else { return }
        if let labels { run.labels = labels }
        if let annotations { run.annotations = annotations }
        state.tektonRuns[current.key] = run
        if specStatus != previous { applySpecStatus(specStatus, run: current.key, in: &state) }
        if let run = state.tektonRuns[current.key] {
          render(run, at: max(pipelinesNow, run.renderedAt), previous: run.renderedAt, in: &state)
        }
      }
      advancePipelines()
      return .json(try lookup(.pipelineruns, namespace, request).encoded(wire))
    }
  }

  // MARK: Delete

  func deletePipelineRun(_ request: SandboxRequest) -> SandboxResponse {
    handling {
      let current = try lookup(.pipelineruns, request.pathParameters["namespace"], request)
      mutate { state in deletePipelineRun(key: current.key, in: &state) }
      return KubernetesStatus.success(
        details: .init(
          name: current.metadata.name, group: "tekton.dev", kind: "pipelineruns", uid: current.metadata.uid))
    }
  }

  /// Deletes a run by name (what koji-containerbuild does when its task ends); false if there is none.
  @discardableResult
  public func deletePipelineRun(named name: String, namespace: String? = nil) -> Bool {
    let key = ClusterObject.key(namespace: namespace ?? configuration.namespace, name: name)
    return mutate { state in
      guard state.objects[.pipelineruns]?[key] != nil else { return false }
      deletePipelineRun(key: key, in: &state)
      return true
    }
  }

  // MARK: Pod logs

  func podLog(_ request: SandboxRequest) -> SandboxResponse {
    handling {
      let namespace = request.pathParameters["namespace"]
      let object = try lookup(.pods, namespace, request)
      guard case .pod(let pod) = object else { return KubernetesStatus.notFound(.pods, object.metadata.name) }
      let containers = (pod.spec.containers ?? []).map(\.name)
      let initContainers = (pod.spec.initContainers ?? []).map(\.name)
      let container: String
      if let asked = request.queryValue("container"), !asked.isEmpty {
        guard containers.contains(asked) || initContainers.contains(asked) else {
          return KubernetesStatus.badRequest("container \(asked) is not valid for pod \(pod.metadata.name)")
        }
        container = asked
      } else if containers.count == 1 {
        container = containers[0]
      } else {
        var message =
          "a container name must be specified for pod \(pod.metadata.name), choose one of: [\(containers.joined(separator: " "))]"
        if !initContainers.isEmpty {
          message += " or one of the init containers: [\(initContainers.joined(separator: " "))]"
        }
        return KubernetesStatus.badRequest(message)
      }
      let waiting = pod.status.containerStatuses?.first { $0.name == container }?.state?.waiting
      if let waiting {
        return KubernetesStatus.badRequest(
          "container \"\(container)\" in pod \"\(pod.metadata.name)\" is waiting to start: \(waiting.reason ?? "ContainerCreating")"
        )
      }
      let follow = Self.queryBool(request.queryValue("follow"))
      let timestamps = Self.queryBool(request.queryValue("timestamps"))
      var since: Int64?
      if let text = request.queryValue("sinceSeconds") {
        guard let seconds = Int64(text), seconds > 0 else {
          return KubernetesStatus.badRequest("invalid sinceSeconds: \(text)")
        }
        since = Int64(pipelinesNow) - seconds
      } else if let text = request.queryValue("sinceTime") {
        guard let seconds = ClusterClock.parseSeconds(text) else {
          return KubernetesStatus.badRequest("invalid sinceTime: \(text)")
        }
        since = seconds
      }
      var tailLines: Int?
      if let text = request.queryValue("tailLines") {
        guard let count = Int(text), count >= 0 else {
          return KubernetesStatus.badRequest("invalid tailLines: \(text)")
        }
        tailLines = count
      }
      var limitBytes: Int?
      if let text = request.queryValue("limitBytes") {
        guard let count = Int(text), count > 0 else {
          return KubernetesStatus.badRequest("invalid limitBytes: \(text)")
        }
        limitBytes = count
      }
      let podKey = object.key
      if let build = pod.buildName, containers.count == 1 {
        // A build pod's only container writes the build's log.
        let buildKey = ClusterObject.key(namespace: namespace, name: build)
        return streamLog(
          key: buildKey, follow: follow, timestamps: timestamps, since: since, tailLines: tailLines,
          limitBytes: limitBytes
        ) { state in
          guard case .build(let current)? = state.objects[.builds]?[buildKey] else { return true }
          return current.status.phase.isTerminal
        }
      }
      let logKey = podKey + "/" + container
      return streamLog(
        key: logKey, follow: follow, timestamps: timestamps, since: since, tailLines: tailLines,
        limitBytes: limitBytes
      ) { state in
        // The container's log is complete once it has terminated or its pod is gone.
        guard case .pod(let current)? = state.objects[.pods]?[podKey] else { return true }
        let status = current.status.containerStatuses?.first { $0.name == container }
        return status?.state?.terminated != nil || current.isFinished
      }
    }
  }
}

/// RFC 6902 JSON patch as Kubernetes applies it (evanphx/json-patch v4): `replace` of a missing
/// object member adds it.
enum JSONPatch {
  struct Failure: Error {
    var message: String
  }

  static func apply(_ operations: [[String: Any]], to document: Any) throws(Failure) -> Any {
    var document = document
    for operation in operations {
      guard let op = operation["op"] as? String, let path = operation["path"] as? String else {
        throw Failure(message: "invalid JSON patch operation")
      }
      let pointer = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
        $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
      }
      switch op {
      case "add", "replace":
        guard let value = operation["value"] else {
          throw Failure(message: "missing value for \(op) \(path)")
        }
        document = try set(document, Array(pointer), value)
      case "remove":
        document = try set(document, Array(pointer), nil)
      case "test":
        continue
      default:
        throw Failure(message: "unsupported JSON patch operation \(op)")
      }
    }
    return document
  }

  private static func set(_ node: Any, _ pointer: [String], _ value: Any?) throws(Failure) -> Any {
    guard let key = pointer.first else { return value ?? NSNull() }
    if var object = node as? [String: Any] {
      if pointer.count == 1 {
        object[key] = value
      } else {
        guard let child = object[key] else {
          throw Failure(message: "doc is missing path: /\(pointer.joined(separator: "/"))")
        }
        object[key] = try set(child, Array(pointer.dropFirst()), value)
      }
      return object
    }
    if var array = node as? [Any], let index = Int(key), index >= 0, index <= array.count {
      if pointer.count == 1 {
        if let value {
          if index == array.count { array.append(value) } else { array[index] = value }
        } else if index < array.count {
          array.remove(at: index)
        }
      } else if index < array.count {
        array[index] = try set(array[index], Array(pointer.dropFirst()), value)
      }
      return array
    }
    throw Failure(message: "doc is missing path: /\(pointer.joined(separator: "/"))")
  }
}
