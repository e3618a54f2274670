import Foundation
import OSBSKit
import Testing

@Suite("BuildPrunePlanner: oc adm prune builds selection")
struct BuildPrunePlanTests {
  /// A fixed "now": 2026-06-01T12:00:00Z.
  static let now = Date(timeIntervalSince1970: 1_780_315_200)

  static func stamp(minutesAgo: Int) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: now.addingTimeInterval(-Double(minutesAgo) * 60))
  }

  static func build(
    _ name: String, _ phase: BuildPhase, minutesAgo: Int?, config: String? = "app",
    namespace: String = "osbs",
    configNamespace: String? = "osbs", resourceVersion: String = "1"
  ) -> Build {
    Build(
      metadata: ObjectMeta(
        name: name, namespace: namespace, resourceVersion: resourceVersion,
        creationTimestamp: minutesAgo.map { stamp(minutesAgo: $0) }),
      status: BuildStatus(
        phase: phase,
        config: config.map { ObjectReference(kind: "BuildConfig", namespace: configNamespace, name: $0) }
      ))
  }

  static func config(_ name: String, namespace: String = "osbs") -> BuildConfig {
    BuildConfig(metadata: ObjectMeta(name: name, namespace: namespace))
  }

  static func names(
    _ builds: [Build], configs: [BuildConfig] = [config("app")], rules: BuildPruneRules = BuildPruneRules()
  ) -> [String] {
    BuildPrunePlanner.plan(builds: builds, buildConfigs: configs, rules: rules, now: now).map(\.name)
  }

  @Test(
    "defaults keep the 5 newest complete and the newest failed build per BuildConfig, oldest listed first")
  func defaultsPerBuildConfig() {
    let complete = (1...8).map { Self.build("c\($0)", .complete, minutesAgo: 1000 - $0) }
    let failed = [
      Self.build("f1", .failed, minutesAgo: 900), Self.build("e1", .error, minutesAgo: 800),
      Self.build("x1", .cancelled, minutesAgo: 700),
    ]
    let active = [
      Self.build("n1", .new, minutesAgo: 5000), Self.build("p1", .pending, minutesAgo: 5000),
      Self.build("r1", .running, minutesAgo: 5000),
    ]
    // c8 is newest; c1…c3 are beyond the fifth. x1 is the newest failed-type build.
    #expect(Self.names(complete + failed + active) == ["c1", "c2", "c3", "f1", "e1"])
  }

  @Test("reasons name the rule and the BuildConfig; items carry namespace, id and resourceVersion")
  func reasonsAndIdentity() throws {
    let builds = [
      Self.build("old", .complete, minutesAgo: 200, resourceVersion: "41"),
      Self.build("new", .complete, minutesAgo: 100, resourceVersion: "42"),
      Self.build("gone", .failed, minutesAgo: 300, config: "deleted"),
      Self.build("bare", .error, minutesAgo: 300, config: nil),
    ]
    let items = BuildPrunePlanner.plan(
      builds: builds, buildConfigs: [Self.config("app")],
      rules: BuildPruneRules(keepComplete: 1, orphans: true), now: Self.now)
    let old = try #require(items.first { $0.name == "old" })
    #expect(old.kind == .build)
    #expect(old.id == "osbs/old")
    #expect(old.namespace == "osbs")
    #expect(old.resourceVersion == "41")
    #expect(old.reason == "complete build beyond --keep-complete=1 of buildconfig osbs/app (2nd newest)")
    let gone = try #require(items.first { $0.name == "gone" })
    #expect(gone.reason == "orphan: buildconfig osbs/deleted no longer exists")
    let bare = try #require(items.first { $0.name == "bare" })
    #expect(bare.reason == "orphan: no buildconfig (status.config is empty)")
    #expect(!items.contains { $0.name == "new" })
  }

  @Test("builds younger than --keep-younger-than are neither pruned nor counted as kept")
  func youngBuildsDoNotCount() {
    // Seven complete builds; the two newest are young. Five old ones: exactly --keep-complete, so none go.
    let builds = (1...7).map { Self.build("c\($0)", .complete, minutesAgo: $0 <= 2 ? 10 * $0 : 100 * $0) }
    #expect(Self.names(builds).isEmpty)
    // With keep-complete 3 the two oldest of the old five go, not counting the young ones.
    #expect(Self.names(builds, rules: BuildPruneRules(keepComplete: 3)) == ["c7", "c6"])
    // keep-younger-than 0: every build is old, so the five newest overall are kept.
    let everything = BuildPruneRules(keepYoungerThan: .zero)
    #expect(Self.names(builds, rules: everything) == ["c7", "c6"])
  }

  @Test("the age cut is strict: a build exactly keepYoungerThan old is still young")
  func ageBoundary() {
    let builds = (1...3).map { Self.build("c\($0)", .complete, minutesAgo: 60) }
    #expect(Self.names(builds, rules: BuildPruneRules(keepComplete: 0)).isEmpty)
    #expect(
      Self.names(builds, rules: BuildPruneRules(keepComplete: 0, keepYoungerThan: .seconds(3599))).count == 3)
  }

  @Test("orphans are pruned only with --orphans, only when finished, and never counted against a kept list")
  func orphans() {
    let builds = [
      Self.build("o-complete", .complete, minutesAgo: 500, config: "removed"),
      Self.build("o-cancelled", .cancelled, minutesAgo: 400, config: "removed"),
      Self.build("o-running", .running, minutesAgo: 300, config: "removed"),
      Self.build("o-new", .new, minutesAgo: 300, config: nil),
      Self.build("o-none", .complete, minutesAgo: 200, config: nil),
      Self.build("o-young", .failed, minutesAgo: 5, config: "removed"),
      Self.build("kept", .complete, minutesAgo: 500),
    ]
    #expect(Self.names(builds).isEmpty)
    #expect(
      Self.names(builds, rules: BuildPruneRules(orphans: true)) == ["o-complete", "o-cancelled", "o-none"])
  }

  @Test("BuildConfigs are told apart by namespace; status.config without a namespace means the build's")
  func namespacesSeparateBuildConfigs() {
    let builds = [
      Self.build("a1", .complete, minutesAgo: 300, namespace: "a", configNamespace: "a"),
      Self.build("a2", .complete, minutesAgo: 200, namespace: "a", configNamespace: nil),
      Self.build("b1", .complete, minutesAgo: 300, namespace: "b", configNamespace: "b"),
      Self.build("b2", .complete, minutesAgo: 200, namespace: "b", configNamespace: "b"),
    ]
    let rules = BuildPruneRules(keepComplete: 1, orphans: true)
    // Only a/app exists: a1 is its second newest; b's builds are orphans.
    #expect(
      Set(Self.names(builds, configs: [Self.config("app", namespace: "a")], rules: rules)) == [
        "a1", "b1", "b2",
      ])
    let both = [Self.config("app", namespace: "a"), Self.config("app", namespace: "b")]
    #expect(Set(Self.names(builds, configs: both, rules: rules)) == ["a1", "b1"])
  }

  @Test("complete and failed builds are counted separately per BuildConfig")
  func separateCounts() {
    let builds = [
      Self.build("c1", .complete, minutesAgo: 100, config: "one"),
      Self.build("c2", .complete, minutesAgo: 110, config: "one"),
      Self.build("f1", .failed, minutesAgo: 90, config: "one"),
      Self.build("f2", .error, minutesAgo: 120, config: "one"),
      Self.build("d1", .complete, minutesAgo: 130, config: "two"),
      Self.build("d2", .complete, minutesAgo: 140, config: "two"),
    ]
    let configs = [Self.config("one"), Self.config("two")]
    #expect(
      Self.names(builds, configs: configs, rules: BuildPruneRules(keepComplete: 1, keepFailed: 1))
        == ["d2", "f2", "c2"])
    #expect(
      Self.names(builds, configs: configs, rules: BuildPruneRules(keepComplete: 0, keepFailed: 0)).count == 6)
  }

  @Test("builds without a readable creation time are left alone; same-second builds are ordered by name")
  func missingTimesAndTies() {
    let builds = [
      Self.build("undated", .complete, minutesAgo: nil),
      Self.build("t-a", .complete, minutesAgo: 100), Self.build("t-b", .complete, minutesAgo: 100),
      Self.build("t-c", .complete, minutesAgo: 100),
    ]
    // Equal times: the greater name counts as newer, so t-c is kept and the same two go on every run.
    let rules = BuildPruneRules(keepComplete: 1)
    #expect(Self.names(builds, rules: rules) == ["t-a", "t-b"])
    #expect(Self.names(builds.reversed(), rules: rules) == ["t-a", "t-b"])
    var offset = Self.build("zoned", .complete, minutesAgo: 100)
    offset.metadata.creationTimestamp = "2026-06-01T10:00:00+02:00"
    #expect(Self.names([offset], rules: BuildPruneRules(keepComplete: 0)).isEmpty)
  }

  @Test("unknown phases are never selected")
  func unknownPhase() {
    let builds = [Self.build("odd", BuildPhase(rawValue: "Paused"), minutesAgo: 1000, config: "removed")]
    #expect(Self.names(builds, rules: BuildPruneRules(keepComplete: 0, keepFailed: 0, orphans: true)).isEmpty)
  }

  @Test(
    "--keep-younger-than takes Go durations and rejects negative or malformed ones",
    arguments: [
      ("720h0m0s", 2_592_000.0), ("60m", 3600), ("1h30m", 5400), ("90s", 90), ("0", 0), ("1.5h", 5400),
      ("500ms", 0.5),
    ])
  func durations(text: String, seconds: Double) throws {
    let duration = try BuildPruneRules.duration(goSyntax: text)
    #expect(duration == .milliseconds(Int64(seconds * 1000)))
  }

  @Test("negative values are refused as usage errors")
  func negativeValues() {
    #expect(throws: BuildPruneError.negative(option: "--keep-younger-than", value: "-1h")) {
      try BuildPruneRules.duration(goSyntax: "-1h")
    }
    #expect(throws: BuildPruneError.malformedDuration(option: "--keep-younger-than", value: "60")) {
      try BuildPruneRules.duration(goSyntax: "60")
    }
    #expect(throws: BuildPruneError.malformedDuration(option: "--keep-younger-than", value: "1d")) {
      try BuildPruneRules.duration(goSyntax: "1d")
    }
    #expect(throws: BuildPruneError.self) { try BuildPruneRules(keepComplete: -1).validate() }
    #expect(throws: BuildPruneError.self) { try BuildPruneRules(keepFailed: -2).validate() }
    #expect(BuildPruneError.negative(option: "--keep-failed", value: "-2").failureKind == .usage)
  }
}
