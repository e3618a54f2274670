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

  /// The core resources; the eviction subresource as the generation serves it (or not at all).
  static func coreResources(_ generation: ClusterGeneration) -> [Resource] {
    var resources = baseCoreResources
    if let version = generation.evictionVersion {
      resources.append(
        Resource(
          name: "pods/eviction", singular: "", namespaced: true, kind: "Eviction", verbs: ["create"],
          group: "policy", version: version))
    }
    return resources.sorted { $0.name < $1.name }
  }

  static let baseCoreResources: [Resource] = [
    Resource(
      name: "namespaces", singular: "namespace", namespaced: false, kind: "Namespace",
      verbs: ["get", "list"], shortNames: ["ns"]),
    Resource(
      name: "nodes", singular: "node", namespaced: false, kind: "Node", verbs: all, shortNames: ["no"]),
    Resource(
      name: "nodes/status", singular: "", namespaced: false, kind: "Node", verbs: ["get", "patch", "update"]),
    Resource(name: "pods", singular: "pod", namespaced: true, kind: "Pod", verbs: all, shortNames: ["po"]),
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

  static func group(_ name: String, version: String = "v1") -> [String: Any] {
    let entry: [String: Any] = ["groupVersion": "\(name)/\(version)", "version": version]
    return ["name": name, "versions": [entry], "preferredVersion": entry]
  }

  /// What a sandbox without a cluster answers: the same documents as a current cluster's, open to all,
  /// and the API server's `/healthz` (which an installed cluster falls through to as well).
  static func builtinRouter() -> SandboxRouter {
    var router = SandboxRouter()
    routes(into: &router, era: .grouped, generation: .current, guarded: { $0 })
    router.add("GET", "/healthz") { _ in .text("ok") }
    return router
  }

  static func routes(
    into router: inout SandboxRouter, era: OpenShiftCluster.APIEra, generation: ClusterGeneration,
    tekton: TektonRelease = .none, guarded: Guard
  ) {
    let version = generation.version
    router.add(
      "GET", "/version",
      handler: guarded { _ in
        json([
          "major": version.major, "minor": version.minor, "gitVersion": version.gitVersion,
          "gitCommit": "0000000000000000000000000000000000000000", "gitTreeState": "clean",
          "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.22.5", "compiler": "gc",
          "platform": "linux/amd64",
        ])
      })
    router.add("GET", "/api", handler: guarded { _ in json(["kind": "APIVersions", "versions": ["v1"]]) })
    router.add(
      "GET", "/api/v1", handler: guarded { _ in resourceList(groupVersion: "v1", coreResources(generation)) })
    guard generation.servesAPIGroups else {
      // Origin 1.0 had no API groups: Go's mux answers /apis with its plain-text 404.
      router.add("GET", "/apis") { _ in .text("404 page not found\n", status: 404) }
      legacyRoutes(into: &router, guarded: guarded)
      return
    }
    let policyVersion = generation == .v3 ? "v1beta1" : "v1"
    let groups =
      era.servesGroupedPaths
      ? ["apps", "build.openshift.io", "policy", "user.openshift.io"]
      : ["apps", "policy", "user.openshift.io"]
    router.add(
      "GET", "/apis",
      handler: guarded { _ in
        json([
          "kind": "APIGroupList", "apiVersion": "v1",
          "groups": groups.map { group($0, version: $0 == "policy" ? policyVersion : "v1") }
            + (TektonDiscovery.group(tekton).map { [$0] } ?? []),
        ])
      })
    for name in groups {
      router.add(
        "GET", "/apis/\(name)",
        handler: guarded { _ in
          json(
            ["kind": "APIGroup", "apiVersion": "v1"].merging(
              group(name, version: name == "policy" ? policyVersion : "v1")
            ) { a, _ in a })
        })
    }
    router.add(
      "GET", "/apis/policy/\(policyVersion)",
      handler: guarded { _ in
        resourceList(
          groupVersion: "policy/\(policyVersion)",
          [
            Resource(
              name: "poddisruptionbudgets", singular: "poddisruptionbudget", namespaced: true,
              kind: "PodDisruptionBudget", verbs: all, shortNames: ["pdb"])
          ])
      })
    router.add(
      "GET", "/apis/apps/v1",
      handler: guarded { _ in
        resourceList(
          groupVersion: "apps/v1",
          [
            Resource(
              name: "daemonsets", singular: "daemonset", namespaced: true, kind: "DaemonSet",
              verbs: ["get", "list"], shortNames: ["ds"])
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
    if era.servesGroupedPaths {
      router.add(
        "GET", "/apis/build.openshift.io/v1",
        handler: guarded { _ in resourceList(groupVersion: "build.openshift.io/v1", buildResources) })
    }
    if era.servesLegacyPaths { legacyRoutes(into: &router, guarded: guarded) }
  }

  /// `/oapi/v1`: OpenShift's own resources before API groups.
  static func legacyRoutes(into router: inout SandboxRouter, guarded: Guard) {
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

  static var currentUser: SandboxResponse {
    json([
      "kind": "User", "apiVersion": "user.openshift.io/v1",
      "metadata": ["name": "sandbox-admin"], "identities": [], "groups": ["system:authenticated"],
    ])
  }
}

/// Wraps a handler with the cluster's authentication (request faults are the server's `FaultInjector`'s).
typealias Guard = @Sendable (@escaping SandboxRouter.Handler) -> SandboxRouter.Handler
