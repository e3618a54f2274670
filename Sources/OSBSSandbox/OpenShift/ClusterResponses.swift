import Foundation
import OSBSKit

/// Which objects a list or watch covers.
struct ObjectFilter: Sendable {
  var namespace: String?
  var labels: LabelSelector
  var fields: FieldSelector

  func matches(_ object: ClusterObject) -> Bool {
    if let namespace, object.metadata.namespace != namespace { return false }
    return labels.matches(object.metadata.labels) && fields.matches { object.field($0) }
  }
}

/// `meta.k8s.io/v1` Table responses, which real kubectl asks for (`Accept: …;as=Table…`) to print
/// server-side columns.
enum ClusterTable {
  struct Column {
    var name: String
    var type: String
    var format: String = ""
    var description: String
    var priority: Int = 0
  }

  /// The `meta.k8s.io` version of the Table to answer `request` with, nil for the plain object or list.
  /// Kubernetes 1.9 served Tables only as `v1beta1` (`v1` came with 1.15), Kubernetes 1.0 none at all.
  static func tableVersion(_ request: SandboxRequest, generation: ClusterGeneration) -> String? {
    let offers = (request.header("Accept") ?? "").split(separator: ",").filter { $0.contains("as=Table") }
    func offered(_ version: String) -> Bool {
      offers.contains { offer in
        let parameters = offer.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        return !parameters.contains { $0.hasPrefix("v=") } || parameters.contains("v=\(version)")
      }
    }
    switch generation {
    case .legacy: return nil
    case .v3: return offered("v1beta1") ? "v1beta1" : nil
    case .current: return offers.isEmpty ? nil : "v1"
    }
  }

  static func columns(_ kind: ResourceKind) -> [Column] {
    switch kind {
    case .nodes:
      return [
        Column(name: "Name", type: "string", format: "name", description: "Name of the node"),
        Column(name: "Status", type: "string", description: "The status of the node"),
        Column(name: "Roles", type: "string", description: "The roles of the node"),
        Column(name: "Age", type: "string", description: "Time since the node was created"),
        Column(name: "Version", type: "string", description: "Kubelet Version reported by the node."),
        Column(name: "Internal-IP", type: "string", description: "Internal IP of the node", priority: 1),
        Column(name: "External-IP", type: "string", description: "External IP of the node", priority: 1),
        Column(name: "OS-Image", type: "string", description: "OS image of the node", priority: 1),
        Column(
          name: "Kernel-Version", type: "string", description: "Kernel version of the node", priority: 1),
        Column(name: "Container-Runtime", type: "string", description: "Container runtime", priority: 1),
      ]
    case .pods:
      return [
        Column(name: "Name", type: "string", format: "name", description: "Name of the pod"),
        Column(name: "Ready", type: "string", description: "The aggregate readiness state of this pod"),
        Column(name: "Status", type: "string", description: "The aggregate status of the containers"),
        Column(name: "Restarts", type: "string", description: "The number of times the containers restarted"),
        Column(name: "Age", type: "string", description: "Time since the pod was created"),
        Column(name: "IP", type: "string", description: "IP address allocated to the pod", priority: 1),
        Column(name: "Node", type: "string", description: "Name of the node the pod runs on", priority: 1),
      ]
    case .builds:
      return [
        Column(name: "Name", type: "string", format: "name", description: "Name of the build"),
        Column(name: "Type", type: "string", description: "Build strategy"),
        Column(name: "From", type: "string", description: "Source of the build"),
        Column(name: "Status", type: "string", description: "Phase of the build"),
        Column(name: "Started", type: "string", description: "When the build started"),
        Column(name: "Duration", type: "string", description: "How long the build ran"),
      ]
    case .buildconfigs:
      return [
        Column(name: "Name", type: "string", format: "name", description: "Name of the buildconfig"),
        Column(name: "Type", type: "string", description: "Build strategy"),
        Column(name: "Latest", type: "integer", description: "Latest build number"),
      ]
    case .pipelineruns, .taskruns:
      // The CRD's additionalPrinterColumns (tekton-crds/v0.53.9-300-*.yaml).
      return [
        Column(
          name: "Name", type: "string", format: "name", description: "Name must be unique within a namespace."
        ),
        Column(name: "Succeeded", type: "string", description: ""),
        Column(name: "Reason", type: "string", description: ""),
        Column(name: "StartTime", type: "date", description: ""),
        Column(name: "CompletionTime", type: "date", description: ""),
      ]
    }
  }

  static func cells(_ object: ClusterObject, now: Int64) -> [Any] {
    let age = ClusterClock.humanDuration(
      seconds: now - (object.metadata.creationTimestamp.flatMap(ClusterClock.parseSeconds) ?? now))
    switch object {
    case .node(let node):
      var status: String
      switch node.isReady {
      case true?: status = "Ready"
      case false?: status = "NotReady"
      case nil: status = "Unknown"
      }
      if !node.isSchedulable { status += ",SchedulingDisabled" }
      let roles = node.roles.isEmpty ? "<none>" : node.roles.joined(separator: ",")
      let external = node.status.addresses?.first { $0.type == "ExternalIP" }?.address ?? "<none>"
      let info = node.status.nodeInfo
      return [
        node.metadata.name, status, roles, age, info?.kubeletVersion ?? "", node.internalIP ?? "<none>",
        external,
        info?.osImage ?? "<unknown>", info?.kernelVersion ?? "<unknown>",
        info?.containerRuntimeVersion ?? "<unknown>",
      ]
    case .pod(let pod):
      let containers = pod.spec.containers?.count ?? 1
      let ready =
        pod.status.containerStatuses.map { $0.filter(\.ready).count }
        ?? (pod.status.phase == "Running" ? containers : 0)
      return [
        pod.metadata.name, "\(ready)/\(containers)", podStatusColumn(pod), "0", age,
        pod.status.podIP ?? "<none>",
        pod.spec.nodeName ?? "<none>",
      ]
    case .build(let build):
      let started =
        build.status.startTimestamp.flatMap(ClusterClock.parseSeconds).map {
          ClusterClock.humanDuration(seconds: now - $0) + " ago"
        } ?? ""
      let duration =
        build.status.duration.map { ClusterClock.humanDuration(seconds: $0 / 1_000_000_000) } ?? ""
      return [
        build.metadata.name, build.spec?.strategy?.type ?? "Custom", "Git", build.status.phase.rawValue,
        started, duration,
      ]
    case .buildConfig(let config):
      return [config.metadata.name, config.spec?.strategy?.type ?? "Custom", config.status?.lastVersion ?? 0]
    case .pipelineRun(let run), .taskRun(let run):
      return run.printerCells(now: now)
    }
  }

  /// The STATUS column as the API server's pod printer makes it: the pod's reason or phase, overridden
  /// by a container's waiting or terminated reason (`ContainerCreating`, `ErrImageNeverPull`,
  /// `Completed`, `Error`), `Terminating` while being deleted. Pods without container statuses keep
  /// the sandbox's older words for finished phases.
  static func podStatusColumn(_ pod: Pod) -> String {
    if pod.isTerminating { return "Terminating" }
    guard let statuses = pod.status.containerStatuses, !statuses.isEmpty else {
      if pod.status.phase == "Succeeded" { return "Completed" }
      if pod.status.phase == "Failed" { return pod.status.reason ?? "Error" }
      return pod.status.reason ?? pod.status.phase ?? "Unknown"
    }
    var reason = pod.status.reason ?? pod.status.phase ?? "Unknown"
    var running = false
    for status in statuses.reversed() {
      if let waiting = status.state?.waiting?.reason, !waiting.isEmpty {
        reason = waiting
      } else if let terminated = status.state?.terminated {
        reason = terminated.reason ?? "ExitCode:\(terminated.exitCode)"
      } else if status.ready && status.state?.running != nil {
        running = true
      }
    }
    if reason == "Completed" && running { reason = "Running" }
    return reason
  }

  static func response(
    _ kind: ResourceKind, objects: [ClusterObject], resourceVersion: String, continue token: String?,
    version: String = "v1"
  ) -> SandboxResponse {
    .json(data(kind, objects: objects, resourceVersion: resourceVersion, continue: token, version: version))
  }

  static func data(
    _ kind: ResourceKind, objects: [ClusterObject], resourceVersion: String, continue token: String?,
    version: String = "v1"
  ) -> Data {
    let now = ClusterClock.nowSeconds()
    let columnDefinitions: [[String: Any]] = columns(kind).map {
      [
        "name": $0.name, "type": $0.type, "format": $0.format, "description": $0.description,
        "priority": $0.priority,
      ]
    }
    let rows: [[String: Any]] = objects.map { object in
      let metadata =
        (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(object.metadata))) ?? [String: Any]()
      return [
        "cells": cells(object, now: now),
        "object": [
          "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/\(version)", "metadata": metadata,
        ],
      ]
    }
    var listMeta: [String: Any] = ["resourceVersion": resourceVersion]
    if let token { listMeta["continue"] = token }
    let table: [String: Any] = [
      "kind": "Table", "apiVersion": "meta.k8s.io/\(version)", "metadata": listMeta,
      "columnDefinitions": columnDefinitions, "rows": rows,
    ]
    return (try? JSONSerialization.data(withJSONObject: table, options: [.sortedKeys])) ?? Data("{}".utf8)
  }
}
