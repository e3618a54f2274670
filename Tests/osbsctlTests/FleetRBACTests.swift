import Foundation
import TestSupport
import Testing

/// `deploy/fleet-rbac.yaml`, read by the real kubectl (offline: `label --local` parses and types every
/// object without a server), grants the fleet what it asks the API for and nothing to the node pods.
@Suite struct FleetRBACTests {
  static func objects() async throws -> [[String: Any]] {
    let file = CLI.packageRoot.appendingPathComponent("deploy/fleet-rbac.yaml").path
    let home = try TemporaryDirectory(prefix: "fleet-rbac")
    defer { home.remove() }
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl") else {
      throw FixtureError("/usr/bin/kubectl is not installed; scripts/install-kubectl installs it")
    }
    let output = try await ChildProcess.run(
      "/usr/bin/kubectl", ["label", "--local", "-f", file, "checked=yes", "-o", "json"],
      environment: ["HOME": home.path, "PATH": "/usr/bin:/bin"], workDirectory: home.url)
    // One pretty-printed object after another: each ends with a line that is just "}".
    var objects: [[String: Any]] = []
    var chunk: [Substring] = []
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      chunk.append(line)
      if line == "}" {
        let data = Data(chunk.joined(separator: "\n").utf8)
        objects.append(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
        chunk = []
      }
    }
    return objects
  }

  static func rules(_ object: [String: Any]?) -> [String: Set<String>] {
    var verbs: [String: Set<String>] = [:]
    for rule in object?["rules"] as? [[String: Any]] ?? [] {
      for resource in rule["resources"] as? [String] ?? [] {
        verbs[resource, default: []].formUnion(rule["verbs"] as? [String] ?? [])
      }
    }
    return verbs
  }

  @Test func kubectlAcceptsTheFileAndItGrantsWhatTheFleetUses() async throws {
    let objects = try await Self.objects()
    let byKind = Dictionary(grouping: objects) { $0["kind"] as? String ?? "" }
    #expect(
      Set(byKind.keys) == [
        "Namespace", "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding",
      ])
    // The runner: its pods in its namespace, their logs; nodes; and the pods on each node (ovs-check).
    let role = Self.rules(byKind["Role"]?.first)
    #expect(role["pods"]?.isSuperset(of: ["create", "get", "list", "watch", "delete"]) == true)
    #expect(role["pods/log"] == ["get"])
    let clusterRole = Self.rules(byKind["ClusterRole"]?.first)
    #expect(clusterRole["nodes"] == ["get", "list"])
    #expect(clusterRole["pods"] == ["list"])
    #expect(clusterRole.keys.count == 2, "nothing cluster-wide beyond nodes and the pod list")
    for binding in (byKind["RoleBinding"] ?? []) + (byKind["ClusterRoleBinding"] ?? []) {
      let subjects = binding["subjects"] as? [[String: Any]] ?? []
      #expect(subjects.count == 1)
      #expect(subjects.first?["name"] as? String == "osbsctl-fleet")
      #expect(subjects.first?["namespace"] as? String == "osbsctl-fleet")
    }
    // Only the runner's ServiceAccount: the node pods run with no token and get nothing.
    #expect(byKind["ServiceAccount"]?.count == 1)
  }
}
