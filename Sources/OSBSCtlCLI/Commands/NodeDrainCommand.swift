import ArgumentParser
import Foundation
import OSBSKit
import Synchronization

extension NodeDrainReport: HumanPresentation {
  var showsEmptyTable: Bool { false }
  var closingLines: [String] { dryRun ? [] : ["node/\(node) drained"] }
}

extension NodeDrainReport: TablePresentable, TableFootnotes {
  /// The plan says how pods will go: the Eviction version, or a plain delete on servers without one.
  var footnotes: [String] { dryRun ? ["Pods are removed by \(podRemoval)."] : [] }

  static func columns(wide: Bool) -> [String] { ["namespace", "pod", "kind", "action"] }

  func rows(wide: Bool) -> [[String]] {
    let evictedSet = Set(evicted)
    func key(_ pod: PodSummary) -> String { "\(pod.namespace ?? "-")/\(pod.name)" }
    func action(_ pod: PodSummary, waiting: Bool) -> String {
      let deletes = podRemoval.hasPrefix("delete")
      if evictedSet.contains(key(pod)) { return deletes ? "deleted" : "evicted" }
      if dryRun { return waiting ? "would wait" : deletes ? "would delete" : "would evict" }
      return waiting ? "waited" : "gone"
    }
    let builds = buildPods.map {
      [$0.namespace ?? "-", $0.name, "build \($0.build ?? "?")", action($0, waiting: waitForBuilds)]
    }
    let others = otherPods.map { [$0.namespace ?? "-", $0.name, "pod", action($0, waiting: false)] }
    let left = skipped.map { [$0.pod.namespace ?? "-", $0.pod.name, $0.reason, "left alone"] }
    return builds + others + left
  }

  var resourceNames: [String] { ["node/\(node)"] }
}

struct NodeDrainCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "drain",
    abstract: "Cordon a node, then empty it: wait for its running builds, and evict the other pods.",
    discussion: discussion(
      """
      Without --confirm (or --yes) nothing changes: the plan is printed (which build pods would be waited \
      for, which pods evicted, which left alone) and the cordon is only validated by the server (dry run); \
      on a terminal osbsctl then asks, after the plan, whether to drain. With --confirm the node is \
      cordoned, the other pods are evicted through the eviction API, and osbsctl waits until they are gone \
      and the running builds have finished. Build pods (an OpenShift Build's pod, or the pod of a \
      PipelineRun's TaskRun) are evicted (killing their builds) only with --evict-builds. Exits 8 when \
      --timeout passes with pods still running (the node stays cordoned; run again to keep waiting); \
      --timeout 0 waits as long as it takes, as kubectl's does.
      """,
      examples: [
        HelpExample(
          "Print the plan, then ask",
          "osbsctl node drain build-node-03.example.com"),
        HelpExample(
          "Drain, waiting at most 30 minutes for running builds",
          "osbsctl node drain build-node-03.example.com --confirm --timeout 30m"),
        HelpExample(
          "Evict running build pods too (their builds fail)",
          "osbsctl node drain build-node-03.example.com --evict-builds --confirm"),
      ]))

  @Argument(help: "Node name.", completion: DynamicCompletion.nodeNames)
  var name: String

  @OptionGroup var confirmation: ConfirmationOptions

  @Flag(
    name: .customLong("evict-builds"),
    help: "Evict running build pods too, killing their builds (default: wait for them to finish).")
  var evictBuilds = false

  /// The default since waiting became it; still accepted so scripts that pass it keep working.
  @Flag(name: .customLong("wait-builds"), help: .hidden)
  var waitBuilds = false

  @Option(
    parsing: .unconditional,
    help: "How long to wait for the node to empty: 90s, 15m, 1h30m or seconds (default 10m).")
  var timeout = "10m"

  @Option(parsing: .unconditional, help: "Time between checks while waiting: 2s, 500ms or seconds.")
  var interval = DurationArgument(.seconds(2))

  @OptionGroup var output: OutputOptions<NoWideFormats>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func validate() throws {
    if timeout.hasPrefix("-") {
      throw ValidationError("--timeout \(timeout): must not be negative")
    }
    if evictBuilds && waitBuilds {
      throw ValidationError("--evict-builds and --wait-builds contradict each other")
    }
    if GoDuration.duration(timeout) == nil {
      throw ValidationError("--timeout \(timeout): expected a duration such as 90s, 15m or 1h30m")
    }
    do {
      try options(dryRun: true).validate()
    } catch let error as DrainOptionsError {
      throw ValidationError(error.message(naming: Self.flag))
    }
  }

  /// The flag that sets each drain setting: how the library's validation errors are worded here.
  static func flag(_ field: DrainOptions.Field) -> String {
    switch field {
    case .waitForBuilds: "--evict-builds"
    case .timeout: "--timeout"
    case .pollInterval: "--interval"
    }
  }

  func options(dryRun: Bool) -> DrainOptions {
    DrainOptions(
      waitForBuilds: !evictBuilds, timeout: GoDuration.duration(timeout) ?? .seconds(600),
      pollInterval: interval.duration, dryRun: dryRun)
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    let client = try context.services(globals).openShiftClient()
    let guardrail = DestructiveActionGuard(confirmation, console: context.console)
    let action = "drain node/\(name)"
    var decision = try await guardrail.decide(action, policy: .previewUnlessConfirmed)
    while true {
      let report = try await drain(client, dryRun: decision == .dryRun, context: context)
      try show(report, context: context)
      guard report.dryRun else { break }
      // Only when a person asked for nothing explicit and answers yes at the terminal.
      guard try await guardrail.askAfterPreview(action) else {
        context.console.message(guardrail.previewHint(action))
        break
      }
      decision = .proceed
    }
    return ExitStatus.success
  }

  private func drain(_ client: OpenShiftClient, dryRun: Bool, context: CommandContext) async throws
    -> NodeDrainReport
  {
    let console = context.console
    let lastWaiting = LastWaitingLine()
    return try await NodeDrainRun(client: client, node: name, options: options(dryRun: dryRun)).run {
      progress in
      switch progress {
      case .cordoned(let cordon):
        let change = NodeSchedulingReport.Change(cordon, cordon: true)
        console.message(NodeSchedulingReport.line(change))
      case .evicted(let namespace, let name):
        console.message("evicting pod \(namespace)/\(name)")
      case .waiting(let builds, let others):
        var parts: [String] = []
        if !builds.isEmpty { parts.append("build pods \(builds.joined(separator: ", "))") }
        if !others.isEmpty { parts.append("pods \(others.joined(separator: ", "))") }
        lastWaiting.say("waiting for " + parts.joined(separator: "; "), console: console)
      }
    }
  }

  private func show(_ report: NodeDrainReport, context: CommandContext) throws {
    try context.renderer(output).render(report)
  }
}

/// Says a waiting line only when it differs from the last one, so a long wait does not flood stderr.
final class LastWaitingLine: Sendable {
  private let last = Mutex<String?>(nil)

  func say(_ line: String, console: Console) {
    let isNew = last.withLock { previous in
      defer { previous = line }
      return previous != line
    }
    if isNew { console.message(line) }
  }
}
