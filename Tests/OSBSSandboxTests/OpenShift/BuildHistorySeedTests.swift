import Foundation
import OSBSKit
import OSBSSandbox
import Testing

/// The seeded build history behind the prune tests and benchmark, and the control routes that drive it.
@Suite("Sandbox build history seeding")
struct BuildHistorySeedTests {
  static let emptyCluster = OpenShiftCluster.Configuration(seed: .empty)

  /// What a seeded build looks like, minus what the store assigns (uid, resourceVersion).
  static func fingerprint(_ cluster: OpenShiftCluster) -> [String: String] {
    cluster.allBuilds().mapValues { build in
      "\(build.status.phase.rawValue) \(build.metadata.creationTimestamp ?? "-") "
        + "\(build.status.config.map { "\($0.namespace ?? "")/\($0.name)" } ?? "none")"
    }
  }

  @Test("the same seed gives the same history; another seed a different one")
  func deterministic() {
    let spec = BuildHistorySpec(seed: 7, builds: 500)
    let first = OpenShiftCluster(configuration: Self.emptyCluster)
    let second = OpenShiftCluster(configuration: Self.emptyCluster)
    let other = OpenShiftCluster(configuration: Self.emptyCluster)
    let summary = first.seedBuildHistory(spec)
    second.seedBuildHistory(spec)
    other.seedBuildHistory(BuildHistorySpec(seed: 8, builds: 500))
    // Timestamps are relative to now; compare within the same second or retry would be flaky, so drop them.
    func shape(_ cluster: OpenShiftCluster) -> [String: String] {
      Self.fingerprint(cluster).mapValues {
        $0.split(separator: " ").enumerated().filter { $0.offset != 1 }
          .map(\.element).joined(separator: " ")
      }
    }
    #expect(shape(first) == shape(second))
    #expect(shape(first) != shape(other))
    #expect(summary.builds == 500 && first.allBuilds().count == 500)
    #expect(summary.byPhase.values.reduce(0, +) == 500)
    #expect(first.buildConfigKeys().count == 40)
  }

  @Test("ages are distinct and none falls between 50 and 70 minutes; every kind of build is there")
  func mixture() throws {
    let cluster = OpenShiftCluster(configuration: Self.emptyCluster)
    cluster.seedBuildHistory(BuildHistorySpec(seed: 3, builds: 2_000))
    let builds = Array(cluster.allBuilds().values)
    let formatter = ISO8601DateFormatter()
    let ages = try builds.map { build in
      Date().timeIntervalSince(try #require(formatter.date(from: build.metadata.creationTimestamp ?? "")))
    }
    #expect(Set(ages.map { Int($0) }).count == builds.count)
    #expect(!ages.contains { $0 > 49 * 60 && $0 < 71 * 60 })
    #expect(ages.contains { $0 < 50 * 60 })
    for phase in BuildPhase.all { #expect(builds.contains { $0.status.phase == phase }, "\(phase)") }
    #expect(builds.contains { $0.status.config == nil })
    #expect(builds.contains { $0.status.config?.name.hasPrefix("gone-") == true })
    #expect(Set(builds.compactMap(\.metadata.namespace)) == ["osbs", "osbs-stage"])
  }

  @Test(
    "the control routes seed, refuse bad specs, and touch builds (new resourceVersion, so preconditions fail)"
  )
  func controlRoutes() async throws {
    let cluster = OpenShiftCluster(configuration: Self.emptyCluster)
    try await withSandbox(router: cluster.router()) { _, endpoints in
      let base = endpoints.openshiftAPI
      let seeded = try await send(
        "POST", base + "/_sandbox/openshift/build-history",
        body: Data(#"{"seed": 1, "builds": 50, "finishedOnly": true}"#.utf8))
      #expect(seeded.status == 201, "\(seeded.text)")
      let summary = try JSONDecoder().decode(BuildHistorySummary.self, from: seeded.body)
      #expect(summary.builds == 50)
      #expect(Set(summary.byPhase.keys).isSubset(of: ["Complete", "Failed", "Error", "Cancelled"]))
      let bad = try await send(
        "POST", base + "/_sandbox/openshift/build-history", body: Data(#"{"buildConfigs": 0}"#.utf8))
      #expect(bad.status == 400)

      let build = try #require(cluster.allBuilds().values.first)
      let id = "\(build.metadata.namespace ?? "")/\(build.metadata.name)"
      let touched = try await send(
        "POST", base + "/_sandbox/openshift/build-touches",
        body: Data(#"{"builds": ["\#(id)", "x/none"]}"#.utf8))
      #expect(touched.text.contains(#""touched":1"#), "\(touched.text)")
      let stale = try JSONSerialization.data(withJSONObject: [
        "kind": "DeleteOptions", "preconditions": ["resourceVersion": build.metadata.resourceVersion ?? ""],
      ])
      let path =
        "/apis/build.openshift.io/v1/namespaces/\(build.metadata.namespace ?? "")/builds/\(build.metadata.name)"
      let refused = try await send(
        "DELETE", base + path, body: stale, headers: ["Content-Type": "application/json"])
      #expect(refused.status == 409)
      #expect(refused.text.contains("Precondition failed"))
      #expect(cluster.allBuilds()[id] != nil)
    }
  }
}
