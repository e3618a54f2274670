import Foundation
import OSBSKit

/// Control routes for node and pod health, as a kubelet would report it:
///
/// - `POST /_sandbox/openshift/node-conditions` `{"node": NAME, "conditions": {"DiskPressure": "True",
///   "Ready": "False", …}}`: sets (or adds) those condition statuses on the node; answers the node.
/// - `POST /_sandbox/openshift/pod-deletions` `{"pod": NAME, "namespace"?: NS, "gracePeriodSeconds"?: 30,
///   "finalizers"?: ["foregroundDeletion"]}`: begins the pod's deletion and leaves it Terminating
///   (`beginDeletion`); answers the pod.
extension OpenShiftCluster {
  struct NodeConditionChange: Codable {
    var node: String
    var conditions: [String: String]
  }

  struct PodDeletion: Codable {
    var pod: String
    var namespace: String?
    var gracePeriodSeconds: Int64?
    var finalizers: [String]?
  }

  func nodeConditionRoutes(into router: inout SandboxRouter) {
    router.add("POST", "/_sandbox/openshift/pod-deletions") { [self] request in
      guard let deletion = try? JSONDecoder().decode(PodDeletion.self, from: request.body),
        (deletion.gracePeriodSeconds ?? 0) >= 0
      else {
        return .json(
          ControlFailure(
            error:
              "expected {\"pod\": NAME, \"namespace\"?: NS, \"gracePeriodSeconds\"?: N, \"finalizers\"?: [...]}"
          ),
          status: 400)
      }
      do {
        return .json(
          try beginDeletion(
            pod: deletion.pod, namespace: deletion.namespace,
            gracePeriodSeconds: deletion.gracePeriodSeconds ?? 30,
            finalizers: deletion.finalizers ?? ["foregroundDeletion"]))
      } catch {
        return .json(ControlFailure(error: "\(error)"), status: 404)
      }
    }
    router.add("POST", "/_sandbox/openshift/node-conditions") { [self] request in
      guard let change = try? JSONDecoder().decode(NodeConditionChange.self, from: request.body),
        change.conditions.values.allSatisfy(["True", "False", "Unknown"].contains)
      else {
        return .json(
          ControlFailure(
            error: "expected {\"node\": NAME, \"conditions\": {TYPE: \"True\"|\"False\"|\"Unknown\"}}"),
          status: 400)
      }
      guard var node = node(named: change.node) else {
        return .json(ControlFailure(error: "no node \(change.node)"), status: 404)
      }
      var conditions = node.status.conditions ?? []
      for (type, status) in change.conditions.sorted(by: { $0.key < $1.key }) {
        let condition = NodeCondition(
          type: type, status: status, reason: "Sandbox",
          lastTransitionTime: ClusterClock.rfc3339(seconds: ClusterClock.nowSeconds()))
        if let index = conditions.firstIndex(where: { $0.type == type }) {
          conditions[index] = condition
        } else {
          conditions.append(condition)
        }
      }
      node.status.conditions = conditions
      return .json(addNode(node))
    }
  }
}
