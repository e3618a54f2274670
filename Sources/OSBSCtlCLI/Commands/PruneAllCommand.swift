import ArgumentParser
import Foundation
import OSBSKit

struct PruneAllCommand: OSBSCtlOutputCommand {
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

  @OptionGroup var builds: BuildPruneOptions
  @OptionGroup var node: NodeDiskPruneOptions

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func validate() throws {
    try builds.validate(globals: globals)
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    let console = context.console
    let buildPrune = BuildPrune(
      client: try context.services(globals).openShiftClient(), scope: builds.scope,
      rules: try builds.rules())
    let pruner = NodeDiskPruner(engine: try node.engine.engine(context, globals))
    let (containers, images) = try node.selections(now: pruner.now)
    let prune = PruneAll(builds: buildPrune, node: pruner, containers: containers, images: images)
    let plan = try await prune.plan()
    guard node.engine.confirm else {
      return try PruneOutput.finish(
        plan.report, renderer: context.renderer(output), console: console)
    }
    let bar = PruneProgressBar(console: console, label: "pruning")
    let report = await prune.execute(
      plan, parallelism: node.engine.parallel,
      stopWaiting: context.interruption.keepReportOnSecondInterrupt(), progress: bar.callback)
    bar.finish()
    return try PruneOutput.finish(report, renderer: context.renderer(output), console: console)
  }
}
