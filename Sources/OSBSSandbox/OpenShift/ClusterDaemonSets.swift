import Foundation
import OSBSKit

/// A DaemonSet the cluster runs (read-only: seeded, never created or changed through the API).
///
/// `kubectl drain` reads the DaemonSet that controls each pod on the node: found, the pod is skipped
/// with `--ignore-daemonsets`; not found, the pod is an orphan that only `--force` deletes. So a node's
/// SDN pod must have its DaemonSet for a drain to go as it does on a real cluster.
struct ClusterDaemonSet: Sendable, Equatable {
  var namespace: String
  var name: String
  var uid: String
  var creationTimestamp: String
  /// `spec.selector.matchLabels`, and the labels of the pods it makes.
  var labels: [String: String]
  var image: String

  var key: String { ClusterObject.key(namespace: namespace, name: name) }

  /// The object as `apps/v1` serves it; the status counts its pods as the controller would.
  func json(pods: [Pod], nodes: Int) -> [String: Any] {
    let owned = pods.filter { pod in
      pod.metadata.namespace == namespace
        && (pod.metadata.ownerReferences ?? []).contains { $0.kind == "DaemonSet" && $0.name == name }
    }
    let ready = owned.filter { $0.status.phase == "Running" }.count
    return [
      "apiVersion": "apps/v1", "kind": "DaemonSet",
      "metadata": [
        "name": name, "namespace": namespace, "uid": uid, "creationTimestamp": creationTimestamp,
        "generation": 1, "resourceVersion": "1", "labels": labels,
        "annotations": ["deprecated.daemonset.template.generation": "1"],
      ],
      "spec": [
        "selector": ["matchLabels": labels],
        "template": [
          "metadata": ["labels": labels],
          "spec": [
            "hostNetwork": true, "containers": [["name": name, "image": image]], "restartPolicy": "Always",
            "serviceAccountName": name, "terminationGracePeriodSeconds": 30,
          ],
        ],
        "updateStrategy": ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": 0]],
        "revisionHistoryLimit": 10,
      ],
      "status": [
        "currentNumberScheduled": owned.count, "numberMisscheduled": 0, "desiredNumberScheduled": nodes,
        "numberReady": ready, "observedGeneration": 1, "updatedNumberScheduled": owned.count,
        "numberAvailable": ready, "numberUnavailable": max(0, nodes - ready),
      ],
    ]
  }
}

extension OpenShiftCluster {
  /// `GET /apis/apps/v1[/namespaces/NS]/daemonsets[/NAME]`.
  func daemonSetRoutes(into router: inout SandboxRouter, guarded: Guard) {
    guard configuration.generation.servesAPIGroups else { return }
    let base = "/apis/apps/v1"
    router.add("GET", "\(base)/daemonsets", handler: guarded { [self] _ in daemonSetList(namespace: nil) })
    router.add(
      "GET", "\(base)/namespaces/{namespace}/daemonsets",
      handler: guarded { [self] in daemonSetList(namespace: $0.pathParameters["namespace"]) })
    router.add(
      "GET", "\(base)/namespaces/{namespace}/daemonsets/{name}",
      handler: guarded { [self] request in
        let namespace = request.pathParameters["namespace"] ?? ""
        let name = request.pathParameters["name"] ?? ""
        let (daemonSet, pods, nodes) = state.withLock { state in
          (
            state.daemonSets[ClusterObject.key(namespace: namespace, name: name)],
            Self.pods(in: state), state.objects[.nodes]?.count ?? 0
          )
        }
        guard let daemonSet else {
          return KubernetesStatus.failure(
            404, reason: "NotFound", message: "daemonsets.apps \"\(name)\" not found",
            details: .init(name: name, group: "apps", kind: "daemonsets"))
        }
        return ClusterDiscovery.json(daemonSet.json(pods: pods, nodes: nodes))
      })
  }

  private func daemonSetList(namespace: String?) -> SandboxResponse {
    let (daemonSets, pods, nodes, version) = state.withLock { state in
      (
        state.daemonSets.values.filter { namespace == nil || $0.namespace == namespace }
          .sorted { $0.key < $1.key },
        Self.pods(in: state), state.objects[.nodes]?.count ?? 0, state.version
      )
    }
    return ClusterDiscovery.json([
      "apiVersion": "apps/v1", "kind": "DaemonSetList", "metadata": ["resourceVersion": String(version)],
      "items": daemonSets.map { $0.json(pods: pods, nodes: nodes) },
    ])
  }
}
