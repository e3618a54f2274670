import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

/// `osbsctl prune all` on a build node: the cluster's builds (sandbox API) and the node's engine (a real
/// podman service) in one plan and one report.
@Suite(.serialized) struct PruneAllCommandTests {
  @Test func onePlanThenOneReportAcrossClusterAndEngine() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    let exited = try await service.exitedContainer(name: "c-done")
    let running = try await service.runningContainer(name: "c-busy")
    let dangling = try await service.danglingImage(tag: "localhost/app:1")

    try await OpenShiftCLIFixture.run(PruneBuildsCommandTests.emptyCluster) { fixture in
      fixture.cluster.seedBuildHistory(BuildHistorySpec(seed: 77, builds: 400))
      let before = fixture.cluster.allBuilds()
      let expectedBuilds = try PruneBuildsCommandTests.expectedPrunes(
        Array(before.values), existingConfigs: fixture.cluster.buildConfigKeys(),
        rules: PruneBuildsCommandTests.Rules(orphans: true))
      #expect(!expectedBuilds.isEmpty)
      let arguments = ["prune", "all", "-A", "--orphans", "--host", service.host, "-o", "json"]

      let plan = try PruneNodeCommandTests.report(try await fixture.osbsctl(arguments))
      #expect(plan.dryRun && plan.scope == "all")
      #expect(Set(plan.planned.filter { $0.kind == .build }.map(\.id)) == expectedBuilds)
      #expect(plan.planned.filter { $0.kind == .container }.map(\.id) == [exited])
      #expect(plan.planned.filter { $0.kind == .image }.map(\.id) == [dangling])
      #expect(fixture.cluster.allBuilds().count == before.count)
      #expect(try await service.containerIDs().contains(exited))

      let result = try await fixture.osbsctl(arguments + ["--confirm"])
      #expect(result.exitCode == 0, "\(result.summary)")
      let report = try PruneNodeCommandTests.report(result)
      #expect(!report.dryRun && report.scope == "all")
      #expect(Set(report.deleted.map(\.id)) == Set(plan.planned.map(\.id)))
      #expect(report.totals.notAttempted == 0 && report.failed.isEmpty)
      // What the servers actually lost, not what the report says.
      #expect(Set(before.keys).subtracting(fixture.cluster.allBuilds().keys) == expectedBuilds)
      let containers = try await service.containerIDs()
      #expect(!containers.contains(exited) && containers.contains(running))
      #expect(!(try await service.imageIDs()).contains(dangling))
    }
  }

  @Test func aClusterThatGoesAwayLeavesTheNodePhaseNotAttempted() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    let exited = try await service.exitedContainer(name: "c-left")

    try await OpenShiftCLIFixture.run(PruneBuildsCommandTests.emptyCluster) { fixture in
      fixture.cluster.seedBuildHistory(BuildHistorySpec(seed: 78, builds: 200))
      await fixture.server.faults.add(
        FaultRule(match: .init(method: "DELETE"), action: .dropConnection(afterExecute: false)))
      let result = try await fixture.osbsctl(
        ["prune", "all", "-A", "--orphans", "--host", service.host, "--confirm", "-o", "json"])
      #expect(result.exitCode == 5, "\(result.summary)")
      let report = try PruneNodeCommandTests.report(result)
      #expect(report.abortError != nil)
      #expect(report.deleted.isEmpty)
      #expect(report.totals.notAttempted >= 1)
      // The node phase never started: the exited container is still there for the rerun.
      #expect(try await service.containerIDs().contains(exited))
    }
  }
}
