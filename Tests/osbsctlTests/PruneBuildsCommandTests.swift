import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `osbsctl prune builds` against a simulated cluster holding a long, seeded build history.
///
/// The builds each run should delete are worked out here from the rules of `oc adm prune builds`
/// (openshift/oc `pkg/cli/admin/prune/builds`), written out build by build and independently of
/// `BuildPrunePlanner`: a build goes if it is finished, older than the age cut, and either an orphan
/// (with `--orphans`) or has at least `keep` newer old builds of its kind in its BuildConfig.
@Suite("prune builds against the sandbox", .serialized)
struct PruneBuildsCommandTests {
  struct Rules {
    var keepComplete = 5
    var keepFailed = 1
    var keepYoungerThanSeconds: TimeInterval = 3600
    var orphans = false
    var namespace: String?
  }

  static func created(_ build: Build) throws -> Date {
    let formatter = ISO8601DateFormatter()
    return try #require(build.metadata.creationTimestamp.flatMap { formatter.date(from: $0) })
  }

  /// The ids (`namespace/name`) the rules select from `builds`, given the BuildConfigs that exist.
  static func expectedPrunes(
    _ builds: [Build], existingConfigs: Set<String>, rules: Rules, now: Date = Date()
  ) throws -> Set<String> {
    let cutoff = now.addingTimeInterval(-rules.keepYoungerThanSeconds)
    let finished: Set<String> = ["Complete", "Failed", "Error", "Cancelled"]
    struct Old {
      var id: String
      var created: Date
      var config: String?
      var complete: Bool
    }
    var old: [Old] = []
    for build in builds {
      let namespace = build.metadata.namespace ?? ""
      if let only = rules.namespace, namespace != only { continue }
      let created = try Self.created(build)
      guard created < cutoff, finished.contains(build.status.phase.rawValue) else { continue }
      let config = build.status.config.map { "\($0.namespace ?? namespace)/\($0.name)" }
      old.append(
        Old(
          id: "\(namespace)/\(build.metadata.name)", created: created, config: config,
          complete: build.status.phase.rawValue == "Complete"))
    }
    var groups: [String: [Old]] = [:]
    for build in old {
      if let config = build.config { groups["\(config)|\(build.complete)", default: []].append(build) }
    }
    var selected = Set<String>()
    for build in old {
      guard let config = build.config, existingConfigs.contains(config) else {
        if rules.orphans { selected.insert(build.id) }
        continue
      }
      let siblings = groups["\(config)|\(build.complete)"] ?? []
      let newer = siblings.count { $0.created > build.created }
      if newer >= (build.complete ? rules.keepComplete : rules.keepFailed) { selected.insert(build.id) }
    }
    return selected
  }

  static func report(_ result: CLIResult) throws -> PruneReport {
    do {
      return try JSONDecoder().decode(PruneReport.self, from: Data(result.stdout.utf8))
    } catch {
      throw FixtureError("no prune report on stdout (\(result.summary)): \(result.stdout.prefix(500))")
    }
  }

  static let emptyCluster = OpenShiftCluster.Configuration(seed: .empty)

  /// Waits until the sandbox has seen at least `count` DELETE requests.
  static func waitForDeletes(_ fixture: OpenShiftCLIFixture, count: Int, running: RunningCLI) async throws {
    let deadline = ContinuousClock.now + .seconds(120)
    while await fixture.server.journal.all.count(where: { $0.method == "DELETE" }) < count {
      guard running.child.exitedTermination() == nil else {
        throw FixtureError("osbsctl ended before \(count) deletions: \(running.stderr)")
      }
      guard ContinuousClock.now < deadline else { throw FixtureError("no \(count) DELETE requests") }
      try await Task.sleep(for: .milliseconds(10))
    }
  }

  @Test("--confirm on 10,000 builds deletes exactly what oc adm prune builds selects, in all namespaces")
  func confirmDeletesTheExpectedSet() async throws {
    try await OpenShiftCLIFixture.run(Self.emptyCluster) { fixture in
      let spec = BuildHistorySpec(seed: 20_261_129, builds: 10_000)
      fixture.cluster.seedBuildHistory(spec)
      let before = fixture.cluster.allBuilds()
      #expect(before.count == 10_000)
      let rules = Rules(orphans: true)
      let expected = try Self.expectedPrunes(
        Array(before.values), existingConfigs: fixture.cluster.buildConfigKeys(), rules: rules)
      // The history exercises every rule: orphans, both kinds of excess, and builds left alone.
      #expect(expected.count > 3_000 && expected.count < 9_000)
      #expect(expected.contains { $0.contains("/gone-") } && expected.contains { $0.contains("/adhoc-") })

      let result = try await fixture.osbsctl("prune", "builds", "-A", "--orphans", "--confirm", "-o", "json")
      #expect(result.exitCode == 0, "\(result.summary)")
      let report = try Self.report(result)
      let after = fixture.cluster.allBuilds()
      let lost = Set(before.keys).subtracting(after.keys)
      #expect(lost == expected)
      #expect(Set(report.deleted.map(\.id)) == expected)
      #expect(Set(report.planned.map(\.id)) == expected)
      #expect(report.skipped.isEmpty && report.failed.isEmpty && !report.dryRun && !report.interrupted)
      #expect(report.totals.deleted == expected.count && report.totals.notAttempted == 0)
      // Never an unfinished build.
      #expect(!lost.contains { ["New", "Pending", "Running"].contains(before[$0]?.status.phase.rawValue) })
      #expect(result.stderr.contains("deleted \(expected.count)"), "\(result.stderr)")
    }
  }

  @Test("without --confirm the plan is printed, nothing is deleted, and stderr says how to apply it")
  func dryRunDeletesNothing() async throws {
    try await OpenShiftCLIFixture.run(Self.emptyCluster) { fixture in
      let spec = BuildHistorySpec(seed: 5, builds: 3_000)
      fixture.cluster.seedBuildHistory(spec)
      let before = fixture.cluster.allBuilds()
      // The current namespace only (the kubeconfig's, "osbs"), with non-default limits.
      let rules = Rules(keepComplete: 2, keepFailed: 0, namespace: "osbs")
      let expected = try Self.expectedPrunes(
        Array(before.values), existingConfigs: fixture.cluster.buildConfigKeys(), rules: rules)
      #expect(!expected.isEmpty)

      let result = try await fixture.osbsctl(
        "prune", "builds", "--keep-complete", "2", "--keep-failed", "0", "-o", "json")
      #expect(result.exitCode == 0, "\(result.summary)")
      let report = try Self.report(result)
      #expect(report.dryRun)
      #expect(Set(report.planned.map(\.id)) == expected)
      #expect(report.deleted.isEmpty)
      #expect(report.planned.allSatisfy { $0.resourceVersion != nil && !$0.reason.isEmpty })
      #expect(fixture.cluster.allBuilds().count == before.count)
      #expect(result.stderr.contains("--confirm"), "\(result.stderr)")
      #expect(await fixture.server.journal.all.allSatisfy { $0.method == "GET" })

      let table = try await fixture.osbsctl("prune", "builds", "--keep-complete", "2", "--keep-failed", "0")
      #expect(table.exitCode == 0, "\(table.summary)")
      #expect(table.stdout.split(separator: "\n").count == expected.count + 1)
      #expect(table.stdout.contains("would delete"))
    }
  }

  @Test("an empty plan says nothing to prune: no empty table, no call to run again with --confirm")
  func emptyPlanSaysNothingToPrune() async throws {
    try await OpenShiftCLIFixture.run(Self.emptyCluster) { fixture in
      fixture.cluster.seedBuildHistory(BuildHistorySpec(seed: 7, builds: 50))
      // Every build is younger than 100 years: none may be pruned.
      for confirm in [false, true] {
        let result = try await fixture.osbsctl(
          "prune", "builds", "-A", "--keep-younger-than", "876000h", "--orphans",
          confirm ? "--confirm" : "--dry-run")
        #expect(result.exitCode == 0, "\(result.summary)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        #expect(result.stderr.contains("nothing to prune"), "\(result.stderr)")
        #expect(!result.stderr.contains("--confirm"), "\(result.stderr)")
      }
      let json = try await fixture.osbsctl(
        "prune", "builds", "-A", "--keep-younger-than", "876000h", "-o", "json")
      #expect(json.exitCode == 0)
      #expect(try Self.report(json).planned.isEmpty)
      #expect(fixture.cluster.allBuilds().count == 50)
    }
  }

  @Test("builds changed between planning and deletion are skipped and reported, not deleted")
  func changedBuildsAreSkipped() async throws {
    try await OpenShiftCLIFixture.run(Self.emptyCluster) { fixture in
      let spec = BuildHistorySpec(seed: 11, builds: 600)
      fixture.cluster.seedBuildHistory(spec)
      let before = fixture.cluster.allBuilds()
      let expected = try Self.expectedPrunes(
        Array(before.values), existingConfigs: fixture.cluster.buildConfigKeys(),
        rules: Rules(orphans: true))
      // The five newest of the expected builds: the plan deletes oldest first, so they are deleted last.
      let changed = try expected.sorted { try Self.created(before[$0]!) > Self.created(before[$1]!) }.prefix(
        5)
      // Hold the first four deletions (one per lane) long enough to change builds behind the plan's back.
      await fixture.server.faults.add(
        FaultRule(match: .init(method: "DELETE"), action: .delay(milliseconds: 3000), times: 4))
      let running = try RunningCLI(
        fixture.cli, ["prune", "builds", "-A", "--orphans", "--confirm", "--parallel", "4", "-o", "json"],
        environment: ["OSBSCTL_CONFIG": fixture.configPath])
      try await Self.waitForDeletes(fixture, count: 1, running: running)
      #expect(fixture.cluster.touchBuilds(Array(changed)) == 5)
      let result = await running.finish()

      #expect(result.exitCode == 0, "\(result.summary)")
      let report = try Self.report(result)
      #expect(Set(report.skipped.map(\.item.id)) == Set(changed))
      #expect(report.skipped.allSatisfy { $0.reason.contains("changed since planning") })
      #expect(Set(report.deleted.map(\.id)) == expected.subtracting(changed))
      let after = fixture.cluster.allBuilds()
      #expect(Set(before.keys).subtracting(after.keys) == expected.subtracting(changed))
      #expect(changed.allSatisfy { after[$0] != nil })
      #expect(report.totals.skipped == 5 && report.failed.isEmpty)
    }
  }

  @Test("Ctrl-C mid-prune: the report lists exactly what the server lost, exit 2; a rerun finishes the job")
  func interruptedPruneReportsExactlyAndRerunFinishes() async throws {
    try await OpenShiftCLIFixture.run(Self.emptyCluster) { fixture in
      let spec = BuildHistorySpec(seed: 4242, builds: 2_600)
      fixture.cluster.seedBuildHistory(spec)
      let before = fixture.cluster.allBuilds()
      let expected = try Self.expectedPrunes(
        Array(before.values), existingConfigs: fixture.cluster.buildConfigKeys(),
        rules: Rules(orphans: true))
      #expect(expected.count > 1_500 && expected.count < 2_500)
      await fixture.server.faults.add(
        FaultRule(match: .init(method: "DELETE"), action: .delay(milliseconds: 10)))
      let running = try RunningCLI(
        fixture.cli, ["prune", "builds", "-A", "--orphans", "--confirm", "-o", "json"],
        environment: ["OSBSCTL_CONFIG": fixture.configPath])
      let stopAt = Int.random(in: 50...(expected.count - 300))
      try await Self.waitForDeletes(fixture, count: stopAt, running: running)
      kill(running.child.pid, SIGINT)
      let result = await running.finish()

      #expect(result.exitCode == 2, "stopped after \(stopAt): \(result.summary)")
      let report = try Self.report(result)
      let lost = Set(before.keys).subtracting(fixture.cluster.allBuilds().keys)
      #expect(report.interrupted)
      #expect(Set(report.deleted.map(\.id)) == lost)
      #expect(lost.isSubset(of: expected) && lost.count >= stopAt - 16)
      #expect(report.totals.notAttempted == expected.count - lost.count)
      #expect(report.skipped.isEmpty && report.failed.isEmpty)

      _ = await fixture.server.faults.removeAll()
      let rerun = try await fixture.osbsctl("prune", "builds", "-A", "--orphans", "--confirm", "-o", "json")
      #expect(rerun.exitCode == 0, "\(rerun.summary)")
      #expect(Set(try Self.report(rerun).deleted.map(\.id)) == expected.subtracting(lost))
      #expect(Set(before.keys).subtracting(fixture.cluster.allBuilds().keys) == expected)
    }
  }

  /// Issue 11, defect 10: a second Ctrl-C (here to the whole process group, as a terminal and timeout(1)
  /// send it) stops waiting for deletions in flight, but still prints the partial report and exits 2.
  @Test("a second Ctrl-C still prints the partial report: deleted is what the server lost, exit 2")
  func secondInterruptStillPrintsThePartialReport() async throws {
    try await OpenShiftCLIFixture.run(Self.emptyCluster) { fixture in
      let spec = BuildHistorySpec(seed: 1011, builds: 2_600)
      fixture.cluster.seedBuildHistory(spec)
      let before = fixture.cluster.allBuilds()
      let expected = try Self.expectedPrunes(
        Array(before.values), existingConfigs: fixture.cluster.buildConfigKeys(),
        rules: Rules(orphans: true))
      await fixture.server.faults.add(
        FaultRule(match: .init(method: "DELETE"), action: .delay(milliseconds: 10)))
      let running = try RunningCLI(
        fixture.cli, ["prune", "builds", "-A", "--orphans", "--confirm", "-o", "json", "--parallel", "16"],
        environment: ["OSBSCTL_CONFIG": fixture.configPath], newProcessGroup: true)
      try await Self.waitForDeletes(fixture, count: 40, running: running)
      // From now on deletions hang (the server applies them only after 20 s): every lane fills with one,
      // each arriving after this count.
      let sent = await fixture.server.journal.all.count(where: { $0.method == "DELETE" })
      await fixture.server.faults.add(
        FaultRule(match: .init(method: "DELETE"), action: .delay(milliseconds: 20_000)))
      try await Self.waitForDeletes(fixture, count: sent + 16, running: running)
      kill(running.child.pid, SIGINT)
      // The first interrupt is taken (osbsctl says so) before the second one comes.
      #expect(try await running.waitForStderr("Ctrl-C again"), "\(running.stderr)")
      kill(-running.child.pid, SIGINT)
      let result = await running.finish()

      #expect(result.exitCode == 2, "\(result.summary)")
      let report = try Self.report(result)
      let lost = Set(before.keys).subtracting(fixture.cluster.allBuilds().keys)
      let deleted = Set(report.deleted.map(\.id))
      let json = try result.json()
      let abandoned = Set((json["abandoned"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
      #expect(report.interrupted)
      #expect(deleted.count >= 40 && deleted.isSubset(of: lost))
      #expect(abandoned.count >= 16, "the hanging deletions: \(result.stderr)")
      // Deletions still unanswered when osbsctl stopped waiting are listed as such, never as deleted.
      #expect(lost.subtracting(deleted).isSubset(of: abandoned))
      #expect(deleted.isDisjoint(with: abandoned) && abandoned.isSubset(of: expected))
      #expect((json["totals"] as? [String: Any])?["abandoned"] as? Int == abandoned.count)
      #expect(
        report.totals.notAttempted == expected.count - deleted.count - abandoned.count
          - report.skipped.count - report.failed.count)
      #expect(result.stderr.contains("deleted \(deleted.count)"), "\(result.stderr)")
    }
  }

  @Test("an API server that goes away mid-prune: a clear error, the partial report, exit 5")
  func serverGoneMidPrune() async throws {
    try await OpenShiftCLIFixture.run(Self.emptyCluster) { fixture in
      let spec = BuildHistorySpec(seed: 99, builds: 2_600)
      fixture.cluster.seedBuildHistory(spec)
      let before = fixture.cluster.allBuilds()
      await fixture.server.faults.add(
        FaultRule(match: .init(method: "DELETE"), action: .delay(milliseconds: 10)))
      let running = try RunningCLI(
        fixture.cli, ["prune", "builds", "-A", "--orphans", "--confirm", "-o", "json"],
        environment: ["OSBSCTL_CONFIG": fixture.configPath])
      try await Self.waitForDeletes(fixture, count: 300, running: running)
      // From now on every deletion's connection is closed without an answer.
      await fixture.server.faults.add(
        FaultRule(match: .init(method: "DELETE"), action: .dropConnection(afterExecute: false)))
      let result = await running.finish()

      #expect(result.exitCode == 5, "\(result.summary)")
      let report = try Self.report(result)
      let lost = Set(before.keys).subtracting(fixture.cluster.allBuilds().keys)
      #expect(report.abortError != nil)
      #expect(!report.interrupted)
      #expect(Set(report.deleted.map(\.id)) == lost)
      #expect(lost.count >= 284)
      #expect(!report.failed.isEmpty && report.totals.notAttempted > 0)
      #expect(result.stderr.contains("stopped early"), "\(result.stderr)")
    }
  }

  @Test("bad flags are usage errors (exit 64) before anything is read")
  func usageErrors() async throws {
    try await OpenShiftCLIFixture.run(Self.emptyCluster) { fixture in
      for arguments in [
        ["--keep-younger-than", "-1h"], ["--keep-younger-than", "10 days"], ["--keep-complete", "-1"],
        ["--parallel", "0"], ["-A", "-n", "osbs"],
      ] {
        let result = try await fixture.osbsctl(["prune", "builds"] + arguments)
        #expect(result.exitCode == 64, "\(arguments): \(result.summary)")
      }
      #expect(await fixture.server.journal.all.isEmpty)
    }
  }
}
