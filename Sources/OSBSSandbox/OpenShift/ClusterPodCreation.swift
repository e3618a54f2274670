import Foundation
import OSBSKit

/// `POST /api/v1/namespaces/{ns}/pods` as the API server answers it: the body decoded as a v1 Pod,
/// `generateName` expanded, validated (422 `Invalid` with one cause per field), defaulted, stored
/// (201 with uid, creationTimestamp, resourceVersion) or refused (409 `AlreadyExists`); then the
/// scheduler binds a pod without `spec.nodeName` and the node's kubelet, if the sandbox runs one there,
/// starts it.
extension OpenShiftCluster {
  func createPod(_ request: SandboxRequest) -> SandboxResponse {
    handling {
      let namespace = request.pathParameters["namespace"] ?? configuration.namespace
      guard var body = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any] else {
        return KubernetesStatus.badRequest("the body of the request is not a Pod object")
      }
      if let sent = body["apiVersion"] as? String, sent != "v1" {
        return KubernetesStatus.badRequest(
          "the API version in the data (\(sent)) does not match the expected API version (v1)")
      }
      if let kind = body["kind"] as? String, kind != "Pod" {
        return KubernetesStatus.badRequest(
          "the kind in the data (\(kind)) does not match the expected kind (Pod)")
      }
      // A name may come from generateName and a status is the server's: the model needs both present.
      var metadata = body["metadata"] as? [String: Any] ?? [:]
      metadata["name"] = metadata["name"] ?? ""
      body["metadata"] = metadata
      body["spec"] = body["spec"] ?? [String: Any]()
      body["status"] = [String: Any]()
      guard let data = try? JSONSerialization.data(withJSONObject: body),
        var pod = try? JSONDecoder().decode(Pod.self, from: data)
      else {
        return KubernetesStatus.badRequest("the body of the request is not a valid Pod object")
      }
      if let given = pod.metadata.namespace, !given.isEmpty, given != namespace {
        return KubernetesStatus.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request")
      }
      pod.metadata.namespace = namespace
      if pod.metadata.name.isEmpty, let prefix = pod.metadata.generateName, !prefix.isEmpty {
        pod.metadata.name = Self.generatedName(prefix)
      }
      let causes = Self.validationCauses(pod)
      if !causes.isEmpty {
        let fields = causes.map { "\($0.field ?? ""): \($0.message ?? "")" }
        let list = fields.count == 1 ? fields[0] : "[" + fields.joined(separator: ", ") + "]"
        return KubernetesStatus.failure(
          422, reason: "Invalid", message: "Pod \"\(pod.metadata.name)\" is invalid: \(list)",
          details: .init(name: pod.metadata.name, kind: "Pod", causes: causes))
      }
      // What the server sets, whatever the client sent.
      pod.metadata.uid = nil
      pod.metadata.resourceVersion = nil
      pod.metadata.creationTimestamp = nil
      pod.metadata.deletionTimestamp = nil
      pod.metadata.deletionGracePeriodSeconds = nil
      pod = Self.withDefaults(pod)
      if request.queryValue("dryRun") == "All" && configuration.generation.honoursDryRun {
        pod.metadata.uid = UUID().uuidString.lowercased()
        pod.metadata.creationTimestamp = ClusterClock.rfc3339(seconds: ClusterClock.nowSeconds())
        return .json(ClusterObject.pod(pod).encoded(ClusterObject.Wire(request)), status: 201)
      }
      let key = ClusterObject.key(namespace: namespace, name: pod.metadata.name)
      let created = mutate { state -> ClusterObject? in
        guard state.objects[.pods]?[key] == nil else { return nil }
        return save(.pod(pod), kind: .pods, type: "ADDED", in: &state)
      }
      guard let created else {
        return KubernetesStatus.failure(
          409, reason: "AlreadyExists", message: "pods \"\(pod.metadata.name)\" already exists",
          details: .init(name: pod.metadata.name, kind: "pods"))
      }
      if let uid = created.metadata.uid { kubelets.contents.withLock { _ = $0.created.insert(uid) } }
      schedule(podKey: key)
      return .json(created.encoded(ClusterObject.Wire(request)), status: 201)
    }
  }

  /// The scheduler: a pod without a node is bound to a schedulable one (PodScheduled) or marked
  /// Unschedulable; a bound pod on a node with a sandbox kubelet is handed to it.
  func schedule(podKey key: String) {
    let bound = mutate { state -> Pod? in
      guard case .pod(var pod) = state.objects[.pods]?[key] else { return nil }
      let now = ClusterClock.rfc3339(seconds: ClusterClock.nowSeconds())
      if pod.spec.nodeName == nil {
        if let node = pickNode(in: state, seed: pod.metadata.name) {
          pod.spec.nodeName = node
          pod.status.conditions = [
            PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: now)
          ]
        } else {
          let total = state.objects[.nodes]?.count ?? 0
          pod.status.conditions = [
            PodCondition(
              type: "PodScheduled", status: "False", reason: "Unschedulable",
              message: "0/\(total) nodes are available: \(total) node(s) were unschedulable.",
              lastTransitionTime: now)
          ]
        }
        guard case .pod(let saved) = save(.pod(pod), kind: .pods, in: &state) else { return nil }
        pod = saved
      }
      return pod.spec.nodeName == nil ? nil : pod
    }
    if let bound { startKubeletRun(of: bound) }
  }

  /// The API server's names from `generateName`: the prefix (cut to leave room) and five characters
  /// of its random alphabet.
  static func generatedName(_ prefix: String) -> String {
    let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
    let suffix = String((0..<5).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    return String(prefix.prefix(63 - 5)) + suffix
  }

  /// The validation failures the API server reports for a new pod, in its order.
  static func validationCauses(_ pod: Pod) -> [KubernetesStatus.Cause] {
    var causes: [KubernetesStatus.Cause] = []
    func required(_ field: String) {
      causes.append(.init(reason: "FieldValueRequired", message: "Required value", field: field))
    }
    let name = pod.metadata.name
    if name.isEmpty {
      causes.append(
        .init(
          reason: "FieldValueRequired", message: "Required value: name or generateName is required",
          field: "metadata.name"))
    } else if !isDNSSubdomain(name) {
      causes.append(
        .init(
          reason: "FieldValueInvalid",
          message:
            "Invalid value: \"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
          field: "metadata.name"))
    }
    let volumes = Set((pod.spec.volumes ?? []).map(\.name))
    let containers = pod.spec.containers ?? []
    if containers.isEmpty { required("spec.containers") }
    for (index, container) in containers.enumerated() {
      let path = "spec.containers[\(index)]"
      if container.name.isEmpty { required(path + ".name") }
      if (container.image ?? "").trimmingCharacters(in: .whitespaces).isEmpty { required(path + ".image") }
      for (mountIndex, mount) in (container.volumeMounts ?? []).enumerated()
      where !volumes.contains(mount.name) {
        causes.append(
          .init(
            reason: "FieldValueNotFound", message: "Not found: \"\(mount.name)\"",
            field: "\(path).volumeMounts[\(mountIndex)].name"))
      }
      if let policy = container.imagePullPolicy, !["Always", "IfNotPresent", "Never"].contains(policy) {
        causes.append(
          .init(
            reason: "FieldValueNotSupported",
            message:
              "Unsupported value: \"\(policy)\": supported values: \"Always\", \"IfNotPresent\", \"Never\"",
            field: path + ".imagePullPolicy"))
      }
    }
    if let policy = pod.spec.restartPolicy, !["Always", "OnFailure", "Never"].contains(policy) {
      causes.append(
        .init(
          reason: "FieldValueNotSupported",
          message: "Unsupported value: \"\(policy)\": supported values: \"Always\", \"OnFailure\", \"Never\"",
          field: "spec.restartPolicy"))
    }
    if let deadline = pod.spec.activeDeadlineSeconds, deadline <= 0 {
      causes.append(
        .init(
          reason: "FieldValueInvalid",
          message: "Invalid value: \(deadline): must be between 1 and 2147483647, inclusive",
          field: "spec.activeDeadlineSeconds"))
    }
    return causes
  }

  static func isDNSSubdomain(_ name: String) -> Bool {
    guard name.count <= 253 else { return false }
    return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
      guard let first = label.first, let last = label.last else { return false }
      let allowed = label.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
      return allowed && first != "-" && last != "-"
    }
  }

  /// The v1 defaults the API server fills in, and the status a new pod has.
  static func withDefaults(_ pod: Pod) -> Pod {
    var pod = pod
    pod.spec.restartPolicy = pod.spec.restartPolicy ?? "Always"
    pod.spec.dnsPolicy = pod.spec.dnsPolicy ?? "ClusterFirst"
    pod.spec.schedulerName = pod.spec.schedulerName ?? "default-scheduler"
    pod.spec.terminationGracePeriodSeconds = pod.spec.terminationGracePeriodSeconds ?? 30
    pod.spec.securityContext = pod.spec.securityContext ?? PodSecurityContext()
    // The ServiceAccount admission plugin.
    let account = pod.spec.serviceAccountName ?? pod.spec.serviceAccount ?? "default"
    pod.spec.serviceAccountName = account
    pod.spec.serviceAccount = account
    pod.spec.containers = pod.spec.containers?.map { container in
      var container = container
      container.imagePullPolicy = container.imagePullPolicy ?? defaultPullPolicy(container.image ?? "")
      container.terminationMessagePath = container.terminationMessagePath ?? "/dev/termination-log"
      container.terminationMessagePolicy = container.terminationMessagePolicy ?? "File"
      return container
    }
    pod.status = PodStatus(phase: "Pending", qosClass: "BestEffort")
    return pod
  }

  /// `Always` for `:latest` or an untagged image, else `IfNotPresent` (a digest counts as a tag).
  static func defaultPullPolicy(_ image: String) -> String {
    if image.contains("@") { return "IfNotPresent" }
    let lastSegment = image.split(separator: "/").last.map(String.init) ?? image
    guard let colon = lastSegment.lastIndex(of: ":") else { return "Always" }
    return lastSegment[lastSegment.index(after: colon)...] == "latest" ? "Always" : "IfNotPresent"
  }
}
