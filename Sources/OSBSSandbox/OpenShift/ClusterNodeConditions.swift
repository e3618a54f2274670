import Foundation
import OSBSKit

/// Control route for node health, as a kubelet would report it:
///
/// - `POST /_sandbox/openshift/node-conditions` `{"node": NAME, "conditions": {"DiskPressure": "True",
///   "Ready": "False", …}}`: sets (or adds) those condition statuses on the node; answers the node.
extension OpenShiftCluster {
  struct NodeConditionChange: Codable {
    var node: String
    var conditions: [String: String]
  }

  func nodeConditionRoutes(into router: inout SandboxRouter) {
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
