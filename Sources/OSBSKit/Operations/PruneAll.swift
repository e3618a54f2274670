import Foundation

/// `prune all` on a build node: the cluster's old builds, then the node's containers, then its images,
/// in three phases with one plan made before anything is deleted and one report (scope `all`).
public struct PruneAll: Sendable {
  public static let scopeName = "all"

  public let builds: BuildPrune
  public let node: NodeDiskPruner
  public let containers: ContainerPruneSelection
  public let images: ImagePruneSelection

  public init(
    builds: BuildPrune, node: NodeDiskPruner, containers: ContainerPruneSelection, images: ImagePruneSelection
  ) {
    self.builds = builds
    self.node = node
    self.containers = containers
    self.images = images
  }

  /// Every phase's plan; images a planned container deletion would free count as going away.
  public struct Plan: Sendable {
    public var builds: [PruneItem]
    public var containers: [PruneItem]
    public var images: ImagePrunePlan

    public var count: Int { builds.count + containers.count + images.items.count }

    /// The plan as a dry run's report.
    public var report: PruneReport {
      var report = PruneReport.plan(scope: PruneAll.scopeName, items: builds)
      report.append(.plan(scope: PruneAll.scopeName, items: containers + images.items))
      return report
    }
  }

  public func plan() async throws -> Plan {
    let buildPlan = try await builds.plan()
    let containerPlan = try await node.planContainers(containers)
    let imagePlan = try await node.planImages(images, goingAway: Set(containerPlan.map(\.id)))
    return Plan(builds: buildPlan, containers: containerPlan, images: imagePlan)
  }

  /// Deletes the plan phase by phase. A phase that was interrupted or lost its server (the API server,
  /// the container engine) stops the run: the later phases are not started and their items are reported
  /// as planned but not attempted, so a rerun picks them up. `progress` counts over all three phases.
  public func execute(
    _ plan: Plan, parallelism: Int, stopWaiting: StopWaitingSignal? = nil,
    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) async -> PruneReport {
    let executor = PruneExecutor(parallelism: parallelism, stopWaiting: stopWaiting)
    let total = plan.count
    func counted(after offset: Int) -> (@Sendable (Int, Int) -> Void)? {
      guard let progress else { return nil }
      return { @Sendable done, _ in progress(offset + done, total) }
    }
    func stopped(_ phase: PruneReport) -> Bool { phase.interrupted || phase.abortError != nil }

    var report = await builds.delete(
      plan.builds, parallelism: executor.parallelism, stopWaiting: executor.stopWaiting,
      progress: counted(after: 0))
    var going = !stopped(report)
    let pruner = node
    if going {
      let phase = await executor.run(
        scope: Self.scopeName, items: plan.containers, progress: counted(after: plan.builds.count)
      ) { item in try await pruner.deleteContainer(item) }
      report.append(phase)
      going = !stopped(phase)
    }
    if going {
      let phase = await executor.run(
        scope: Self.scopeName, items: plan.images.items, after: plan.images.after,
        progress: counted(after: plan.builds.count + plan.containers.count)
      ) { item in try await pruner.deleteImage(item) }
      report.append(phase)
    } else {
      // Planned but never started: a rerun picks these up.
      let attempted = Set(report.planned.map(\.id))
      let rest = (plan.containers + plan.images.items).filter { !attempted.contains($0.id) }
      report.append(PruneReport(scope: Self.scopeName, dryRun: false, planned: rest))
    }
    report.scope = Self.scopeName
    return report
  }
}
