import ArgumentParser
import Foundation
import OSBSKit

struct PruneAllCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "all",
    abstract: "On a build node: prune the cluster's old builds, then this node's containers and images.",
    discussion: discussion(
      """
      `prune builds` followed by `prune node`, with one plan and one report (scope "all"). Every plan is \
      made before anything is deleted. Without --confirm nothing changes. If the builds phase is \
      interrupted or the API server goes away, the node phase is not started and its plan is reported \
      as not attempted; running the command again finishes the job. --parallel applies to both phases.
      """,
      examples: [
        HelpExample(
          "On a build node: old and orphaned builds, then the node's disk (plan only)",
          "osbsctl prune all --keep-younger-than 720h --orphans"),
        HelpExample(
          "Then delete what the plan shows",
          "osbsctl prune all --keep-younger-than 720h --orphans --confirm"),
      ]))

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var builds: BuildPruneOptions
  @OptionGroup var node: NodeDiskPruneOptions

  func validate() throws {
    try builds.validate(globals: globals)
  }

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals, output: output) { context in
      let console = context.console
      let buildPrune = BuildPrune(
        client: try context.services(command.globals).openShiftClient(), scope: command.builds.scope,
        rules: try command.builds.rules())
      let pruner = NodeDiskPruner(engine: try command.node.engine.engine(context, command.globals))
      let (containerSelection, imageSelection) = try command.node.selections(now: pruner.now)

      let buildPlan = try await buildPrune.plan()
      let containerPlan = try await pruner.planContainers(containerSelection)
      let imagePlan = try await pruner.planImages(imageSelection, goingAway: Set(containerPlan.map(\.id)))
      var report = PruneReport.plan(scope: "all", items: buildPlan)
      guard command.node.engine.confirm else {
        report.append(.plan(scope: "all", items: containerPlan + imagePlan))
        return try PruneOutput.finish(report, renderer: context.renderer(command.output), console: console)
      }

      let executor = PruneExecutor(
        parallelism: command.node.engine.parallel,
        stopWaiting: context.interruption.keepReportOnSecondInterrupt())
      let bar = PruneProgressBar(console: console, label: "pruning")
      let total = buildPlan.count + containerPlan.count + imagePlan.count
      let draw = bar.callback
      func progress(after offset: Int) -> (@Sendable (Int, Int) -> Void)? {
        guard let draw else { return nil }
        return { @Sendable done, _ in draw(offset + done, total) }
      }
      report = await buildPrune.delete(
        buildPlan, parallelism: executor.parallelism, stopWaiting: executor.stopWaiting,
        progress: progress(after: 0))
      var phase = (report.interrupted || report.abortError != nil) ? nil : report
      if phase != nil {
        let node = await executor.run(
          scope: "all", items: containerPlan, progress: progress(after: buildPlan.count)
        ) { item in try await pruner.deleteContainer(item) }
        report.append(node)
        phase = (node.interrupted || node.abortError != nil) ? nil : report
      }
      if phase != nil {
        let node = await executor.run(
          scope: "all", items: imagePlan, progress: progress(after: buildPlan.count + containerPlan.count)
        ) { item in try await pruner.deleteImage(item) }
        report.append(node)
      } else {
        // Planned but never started: a rerun picks these up.
        let attempted = Set(report.planned.map(\.id))
        let rest = (containerPlan + imagePlan).filter { !attempted.contains($0.id) }
        report.append(PruneReport(scope: "all", dryRun: false, planned: rest))
      }
      report.scope = "all"
      bar.finish()
      return try PruneOutput.finish(report, renderer: context.renderer(command.output), console: console)
    }
  }
}
