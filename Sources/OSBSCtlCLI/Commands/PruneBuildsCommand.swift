import ArgumentParser
import Foundation
import OSBSKit

struct PruneBuildsCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "builds",
    abstract:
      "Delete old and orphaned OpenShift builds and old PipelineRuns, as `oc adm prune builds` selects them.",
    discussion: discussion(
      """
      Per BuildConfig, keeps the newest --keep-complete Complete builds and the newest --keep-failed \
      Failed, Error or Cancelled builds; the older ones are pruned. Builds created within \
      --keep-younger-than are neither pruned nor counted. With --orphans, finished builds whose \
      BuildConfig no longer exists are pruned too. New, Pending and Running builds are never touched.

      Where OpenShift Pipelines is installed, PipelineRuns (OSBS 2) are planned with the same numbers \
      per Pipeline (label tekton.dev/pipeline): the newest --keep-complete succeeded runs and the newest \
      --keep-failed failed, timed-out or cancelled runs are kept; runs still going are never touched. \
      Deleting a run removes its TaskRuns and pods with it.

      The current namespace (-n, else the kubeconfig's) is pruned; -A prunes every namespace.

      Without --confirm nothing is deleted: the plan is printed, each build with the rule that selected \
      it. With --confirm each deletion is conditional on the build's resourceVersion when planned, so a \
      build that changed meanwhile is skipped and reported, not deleted. Ctrl-C stops starting deletions, \
      lets the ones in flight finish, prints the partial report and exits 2; a second Ctrl-C stops \
      waiting for the ones in flight (listed as abandoned: they may or may not be gone) and still prints \
      the report; run the command again to finish. If the API server goes away the partial report is printed and the exit code is 5.
      """,
      examples: [
        HelpExample(
          "The runbook's prune: builds older than 30 days, and orphans (plan only)",
          "osbsctl prune builds -A --keep-younger-than 720h --orphans"),
        HelpExample(
          "Then delete what the plan shows",
          "osbsctl prune builds -A --keep-younger-than 720h --orphans --confirm"),
        HelpExample(
          "Keep more history in one namespace",
          "osbsctl prune builds -n osbs --keep-complete 10 --keep-failed 3 --confirm"),
      ]))

  @OptionGroup var rules: BuildPruneOptions

  // 32: at 16 a 2-core client and server left a third of the CPU idle waiting on round trips
  // (bench/README.md, fourth round); a server that finds it too many answers 429, which is honoured.
  @Option(name: .customLong("parallel"), parsing: .unconditional, help: "Deletions in flight at once.")
  var parallel = 32

  @OptionGroup var confirmation: ConfirmationOptions

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func validate() throws {
    try rules.validate(globals: globals)
    if parallel < 1 { throw ValidationError("--parallel must be at least 1") }
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    let client = try context.services(globals).openShiftClient()
    let renderer = context.renderer(output)
    let console = context.console
    let prune = BuildPrune(
      client: client, scope: rules.scope, rules: try rules.rules())
    let plan = try await prune.plan()
    guard confirmation.confirm else {
      return try PruneOutput.finish(
        PruneReport.plan(scope: BuildPrune.scopeName, items: plan), renderer: renderer, console: console)
    }
    let bar = PruneProgressBar(console: console, label: "deleting builds")
    let stopWaiting = context.interruption.keepReportOnSecondInterrupt()
    let report = await prune.delete(
      plan, parallelism: parallel, stopWaiting: stopWaiting, progress: bar.callback)
    bar.finish()
    return try PruneOutput.finish(report, renderer: renderer, console: console)
  }
}

/// Which builds `prune builds` (and `prune all`) select: `oc adm prune builds`' options.
struct BuildPruneOptions: ParsableArguments {
  @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Prune builds in every namespace.")
  var allNamespaces = false

  @Option(
    name: .customLong("keep-complete"), parsing: .unconditional,
    help: "Complete builds to keep per BuildConfig.")
  var keepComplete = 5

  @Option(
    name: .customLong("keep-failed"), parsing: .unconditional,
    help: "Failed, Error or Cancelled builds to keep per BuildConfig.")
  var keepFailed = 1

  @Option(
    name: .customLong("keep-younger-than"), parsing: .unconditional,
    help: "Leave builds younger than this alone (Go duration: 60m, 720h0m0s, 1h30m).")
  var keepYoungerThan = "60m"

  @Flag(help: "Also prune finished builds whose BuildConfig no longer exists.")
  var orphans = false

  var scope: NamespaceScope { allNamespaces ? .all : .current }

  func validate<Peers>(globals: GlobalOptions<Peers>) throws {
    if allNamespaces && globals.namespace != nil {
      throw ValidationError("-n/--namespace and -A/--all-namespaces contradict each other")
    }
    do {
      try rules().validate()
    } catch {
      throw ValidationError(error.description)
    }
  }

  func rules() throws(BuildPruneError) -> BuildPruneRules {
    BuildPruneRules(
      keepComplete: keepComplete, keepFailed: keepFailed,
      keepYoungerThan: try BuildPruneRules.duration(goSyntax: keepYoungerThan), orphans: orphans)
  }
}
