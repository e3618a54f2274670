import Foundation

/// Discovery documents: what kubectl and osbsctl read to find the resources.
enum ClusterDiscovery {
  struct Resource {
    var name: String
    var singular: String
    var namespaced: Bool
    var kind: String
    var verbs: [String]
    var shortNames: [String] = []
    var group: String? = nil
    var version: String? = nil

    var json: [String: Any] {
      var object: [String: Any] = [
        "name": name, "singularName": singular, "namespaced": namespaced, "kind": kind, "verbs": verbs,
      ]
      if !shortNames.isEmpty { object["shortNames"] = shortNames }
      if let group { object["group"] = group }
      if let version { object["version"] = version }
      return object
    }
  }

  static let all = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

  static let coreResources: [Resource] = [
    Resource(
      name: "namespaces", singular: "namespace", namespaced: false, kind: "Namespace",
      verbs: ["get", "list"], shortNames: ["ns"]),
    Resource(
      name: "nodes", singular: "node", namespaced: false, kind: "Node", verbs: all, shortNames: ["no"]),
    Resource(
      name: "nodes/status", singular: "", namespaced: false, kind: "Node", verbs: ["get", "patch", "update"]),
    Resource(name: "pods", singular: "pod", namespaced: true, kind: "Pod", verbs: all, shortNames: ["po"]),
    Resource(
      name: "pods/eviction", singular: "", namespaced: true, kind: "Eviction", verbs: ["create"],
      group: "policy",
      version: "v1"),
    Resource(name: "pods/log", singular: "", namespaced: true, kind: "Pod", verbs: ["get"]),
  ]

  static let buildResources: [Resource] = [
    Resource(
      name: "buildconfigs", singular: "buildconfig", namespaced: true, kind: "BuildConfig", verbs: all,
      shortNames: ["bc"]),
    Resource(
      name: "buildconfigs/instantiate", singular: "", namespaced: true, kind: "BuildRequest",
      verbs: ["create"]),
    Resource(name: "builds", singular: "build", namespaced: true, kind: "Build", verbs: all),
    Resource(name: "builds/log", singular: "", namespaced: true, kind: "BuildLog", verbs: ["get"]),
  ]

  static func json(_ object: [String: Any]) -> SandboxResponse {
    .json((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8))
  }

  static func resourceList(groupVersion: String, _ resources: [Resource]) -> SandboxResponse {
    json([
      "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": groupVersion,
      "resources": resources.map(\.json),
    ])
  }

  static func group(_ name: String) -> [String: Any] {
    let version: [String: Any] = ["groupVersion": "\(name)/v1", "version": "v1"]
    return ["name": name, "versions": [version], "preferredVersion": version]
  }

  static func routes(into router: inout SandboxRouter, era: OpenShiftCluster.APIEra, guarded: Guard) {
    let groups =
      era == .legacy
      ? ["policy", "user.openshift.io"] : ["build.openshift.io", "policy", "user.openshift.io"]
    router.add("GET", "/api", handler: guarded { _ in json(["kind": "APIVersions", "versions": ["v1"]]) })
    router.add("GET", "/api/v1", handler: guarded { _ in resourceList(groupVersion: "v1", coreResources) })
    router.add(
      "GET", "/apis",
      handler: guarded { _ in json(["kind": "APIGroupList", "apiVersion": "v1", "groups": groups.map(group)])
      })
    for name in groups {
      router.add(
        "GET", "/apis/\(name)",
        handler: guarded { _ in
          json(["kind": "APIGroup", "apiVersion": "v1"].merging(group(name)) { a, _ in a })
        })
    }
    router.add(
      "GET", "/apis/policy/v1",
      handler: guarded { _ in
        resourceList(
          groupVersion: "policy/v1",
          [
            Resource(
              name: "poddisruptionbudgets", singular: "poddisruptionbudget", namespaced: true,
              kind: "PodDisruptionBudget", verbs: all, shortNames: ["pdb"])
          ])
      })
    router.add(
      "GET", "/apis/user.openshift.io/v1",
      handler: guarded { _ in
        resourceList(
          groupVersion: "user.openshift.io/v1",
          [
            Resource(
              name: "users", singular: "user", namespaced: false, kind: "User", verbs: ["get", "list"])
          ])
      })
    router.add("GET", "/apis/user.openshift.io/v1/users/~", handler: guarded { _ in currentUser })
    if era != .legacy {
      router.add(
        "GET", "/apis/build.openshift.io/v1",
        handler: guarded { _ in resourceList(groupVersion: "build.openshift.io/v1", buildResources) })
    }
    if era != .grouped {
      router.add("GET", "/oapi", handler: guarded { _ in json(["kind": "APIVersions", "versions": ["v1"]]) })
      router.add(
        "GET", "/oapi/v1",
        handler: guarded { _ in
          resourceList(
            groupVersion: "v1",
            buildResources + [
              Resource(
                name: "users", singular: "user", namespaced: false, kind: "User", verbs: ["get", "list"])
            ])
        })
      router.add("GET", "/oapi/v1/users/~", handler: guarded { _ in currentUser })
    }
  }

  static var currentUser: SandboxResponse {
    json([
      "kind": "User", "apiVersion": "user.openshift.io/v1",
      "metadata": ["name": "sandbox-admin"], "identities": [], "groups": ["system:authenticated"],
    ])
  }
}

/// Wraps a handler with the cluster's authentication and request faults.
typealias Guard = @Sendable (@escaping SandboxRouter.Handler) -> SandboxRouter.Handler
