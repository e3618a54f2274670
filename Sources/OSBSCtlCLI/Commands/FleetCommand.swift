import ArgumentParser
import Foundation
import OSBSKit

struct FleetCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fleet",
    abstract: "Run a node-side command on many nodes at once, each in a pod the cluster schedules there.",
    discussion: """
      Instead of an ssh loop: for each selected node osbsctl creates one pod pinned to it \
      (spec.nodeName, restartPolicy Never, activeDeadlineSeconds, label osbsctl.io/fleet=<run id>) that \
      runs the osbsctl image with the node command and -o json, with only the host path it needs \
      mounted (the Docker socket, or Open vSwitch's run directory), as root with every capability dropped \
      and no service account token. Each pod's log is read back and checked as that command's report, \
      the pod is deleted, and one report covers every node: ok, failed, skipped (cordoned or NotReady, \
      unless --include-unschedulable) or unreachable (the pod never ran within --timeout). Ctrl-C starts \
      nothing new, deletes the pods it made and prints what finished; `fleet cleanup` removes the pods \
      of a fleet that was killed outright. The osbsctl needs the RBAC in \
      deploy/fleet-rbac.yaml; the image comes from scripts/build-image.

      Exits 0 when every node that was not skipped reported and its command exited 0; 1 otherwise \
      (a failed or unreachable node, a finding, a failed deletion); 2 when interrupted.
      """,
    subcommands: [
      FleetPruneCommand.self, FleetDiskCommand.self, FleetOVSCheckCommand.self, FleetProbeCommand.self,
      FleetCleanupCommand.self,
    ])
}

/// Which nodes, which image, how many pods at once, how long each may take.
struct FleetOptions: ParsableArguments {
  @Argument(
    help: "Node names (default: every node, or those matching -l).", completion: DynamicCompletion.nodeNames)
  var names: [String] = []

  @Option(
    name: [.customShort("l"), .customLong("selector")], help: "Run on the nodes matching this selector.")
  var selector: String?

  @Option(help: "Pods in flight at once.")
  var parallel = 8

  @Option(help: "The osbsctl image the pods run (see scripts/build-image).")
  var image = "localhost/osbsctl:latest"

  @Option(
    parsing: .unconditional,
    help: "Per node, from creating its pod until its report is in: 30s, 5m (default 5m).")
  var timeout = "5m"

  @Flag(help: "Also run on cordoned and NotReady nodes.")
  var includeUnschedulable = false

  func validate() throws {
    try NodeSelection.check(names: names, selector: selector, required: false)
    if parallel < 1 || parallel > 256 { throw ValidationError("--parallel must be between 1 and 256") }
    guard let duration = GoDuration.duration(timeout), duration >= .seconds(1) else {
      throw ValidationError("--timeout \(timeout): expected a duration of at least 1s, such as 90s or 5m")
    }
  }

  func request(
    _ task: FleetTask, confirm: Bool = false, probe: NetworkProbeRequest? = nil, probeNetwork: String? = nil,
    bridge: String? = nil
  ) throws -> FleetRequest {
    try FleetRequest(
      task: task, image: image, confirm: confirm, timeout: GoDuration.duration(timeout) ?? .seconds(300),
      parallelism: parallel, includeUnschedulable: includeUnschedulable, probe: probe,
      probeNetwork: probeNetwork, bridge: bridge)
  }
}

/// Selects the nodes, runs, prints the one report; the exit code follows the report.
enum FleetCommandRun {
  static func run<Peers, Formats>(
    _ context: CommandContext, globals: GlobalOptions<Peers>, output: OutputOptions<Formats>,
    fleet: FleetOptions,
    request: FleetRequest
  ) async throws -> Int32 {
    let client = try context.services(globals).openShiftClient()
    let run = FleetRun(client: client, request: request)
    let nodes = try await run.selectNodes(names: fleet.names, selector: fleet.selector)
    let report = await run.run(nodes: nodes)
    try context.renderer(output).render(report)
    return report.failureKind.map(ExitStatus.code(for:)) ?? ExitStatus.success
  }
}

extension FleetReport: TablePresentable, TableFootnotes {
  static func columns(wide: Bool) -> [String] {
    wide ? ["node", "status", "exit", "reason", "pod", "cleanup"] : ["node", "status", "reason"]
  }

  func rows(wide: Bool) -> [[String]] {
    nodes.map { result in
      guard wide else { return [result.node, result.status.rawValue, result.reason] }
      return [
        result.node, result.status.rawValue, result.exitCode.map(String.init) ?? "-", result.reason,
        result.pod ?? "-", result.cleanup ?? "-",
      ]
    }
  }

  var resourceNames: [String] { nodes.map { "node/\($0.node)" } }

  var footnotes: [String] {
    var notes = [
      "\(totals.nodes.ok) ok, \(totals.nodes.failed) failed, \(totals.nodes.skipped) skipped, "
        + "\(totals.nodes.unreachable) unreachable" + (interrupted ? ", interrupted" : "")
    ]
    if let prune = totals.prune {
      notes.append(
        dryRun
          ? "would remove \(prune.containersPlanned) containers and \(prune.imagesPlanned) images "
            + "(\(prune.plannedBytes) bytes); --confirm removes them"
          : "removed \(prune.containersRemoved) containers and \(prune.imagesRemoved) images "
            + "(\(prune.reclaimedBytes) bytes), \(prune.failed) failed")
    }
    if let disk = totals.disk {
      notes.append("\(disk.reclaimableBytes) of \(disk.sizeBytes) bytes reclaimable")
    }
    if let flows = totals.flows {
      notes.append("\(flows.stale) stale, \(flows.missing) missing, \(flows.conflicts) conflicting flows")
    }
    if let verdicts = totals.probeVerdicts {
      notes.append(verdicts.keys.sorted().map { "\($0): \(verdicts[$0] ?? 0)" }.joined(separator: ", "))
    }
    return notes
  }
}

struct FleetPruneCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "prune",
    abstract:
      "`prune node` on every node: exited containers and dangling images, through each node's engine.",
    discussion: discussion(
      """
      Each pod runs `osbsctl prune node -o json` against the node's Docker socket, as a dry run unless \
      --confirm (the plan is still reported per node). Totals add up the nodes' reports.
      """,
      examples: [
        HelpExample("What every build node would free", "osbsctl fleet prune -l osbs/build-node=true"),
        HelpExample(
          "Free it, six nodes at a time", "osbsctl fleet prune -l osbs/build-node=true --parallel 6 --confirm"
        ),
      ]))

  @OptionGroup var fleet: FleetOptions
  @OptionGroup var confirmation: ConfirmationOptions

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func execute(_ context: CommandContext) async throws -> Int32 {
    try await FleetCommandRun.run(
      context, globals: globals, output: output, fleet: fleet,
      request: fleet.request(.prune, confirm: confirmation.confirm))
  }
}

struct FleetDiskCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "disk",
    abstract: "`disk usage` on every node: what each engine holds and what a prune could free.",
    discussion: discussion(
      examples: [
        HelpExample("Every build node's engine", "osbsctl fleet disk -l osbs/build-node=true -o json"),
        HelpExample(
          "Two nodes, cordoned or not, with an image from a registry",
          "osbsctl fleet disk build-node-03 build-node-04 --include-unschedulable --image osbs/osbsctl:1.0"
        ),
      ]))

  @OptionGroup var fleet: FleetOptions

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func execute(_ context: CommandContext) async throws -> Int32 {
    try await FleetCommandRun.run(
      context, globals: globals, output: output, fleet: fleet, request: fleet.request(.disk))
  }
}

struct FleetOVSCheckCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "ovs-check",
    abstract: "`ovs check` on every node: per-pod flows no live pod owns, and pods missing theirs.",
    discussion: discussion(
      """
      osbsctl lists each node's pods itself and passes them to the node's pod (--pods-json), so the pod \
      needs no API credentials; it mounts Open vSwitch's run directory and uses the host network (a pod on \
      the pod network would own flows on the bridge it inspects). When a node's check finds something and \
      the node's pods changed while its pod was starting, the node is checked again with a new list. \
      Read-only: remove what it finds with `osbsctl ovs fix --node NODE --confirm` on the node.
      """,
      examples: [
        HelpExample("Every build node's br0", "osbsctl fleet ovs-check -l osbs/build-node=true"),
        HelpExample(
          "Every node, ten at a time, JSON report", "osbsctl fleet ovs-check --parallel 10 -o json"),
      ]))

  @OptionGroup var fleet: FleetOptions

  @Option(help: "The OVS bridge (default: the node's ovs.bridge, br0).")
  var bridge: String?

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func execute(_ context: CommandContext) async throws -> Int32 {
    try await FleetCommandRun.run(
      context, globals: globals, output: output, fleet: fleet,
      request: fleet.request(.ovsCheck, bridge: bridge))
  }
}

struct FleetProbeCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "probe",
    abstract: "`node probe --local` on every node: the runbook's network test through each node's engine.",
    discussion: discussion(
      """
      Each pod runs the buildroot image on its node's engine and tries the target, as the runbook's \
      `docker run … curl` does; the totals count the verdicts (refused is healthy).
      """,
      examples: [
        HelpExample(
          "Every build node, with the profile's image and target",
          "osbsctl fleet probe -l osbs/build-node=true"),
        HelpExample(
          "Another target and buildroot image",
          "osbsctl fleet probe -l osbs/build-node=true --target https://google.com --probe-image buildroot:latest"
        ),
      ]))

  @OptionGroup var fleet: FleetOptions

  @Option(help: "The URL the probe tries (default from config probe.target).")
  var target: String?

  @Option(
    name: .customLong("probe-image"),
    help: "The buildroot image the probe runs in (default from config probe.image).")
  var probeImage: String?

  @Option(
    name: .customLong("probe-timeout"), parsing: .unconditional,
    help: "How long the probe tries to connect (default 10s).")
  var probeTimeout = "10s"

  @Option(
    name: .customLong("probe-network"),
    help: ArgumentHelp(
      "The probe container's network mode on each node's engine (default: the engine's, the one builds get).",
      valueName: "mode"))
  var probeNetwork: String?

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func validate() throws {
    guard let duration = GoDuration.duration(probeTimeout), duration >= .seconds(1) else {
      throw ValidationError(
        "--probe-timeout \(probeTimeout): expected a duration of at least 1s, such as 10s")
    }
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    let settings = try context.services(globals).settings()
    let probe = try NetworkProbeRequest(
      target: ProbeTarget(url: target ?? settings.probe.target.value),
      image: probeImage ?? settings.probe.image.value,
      timeout: GoDuration.duration(probeTimeout) ?? .seconds(10))
    return try await FleetCommandRun.run(
      context, globals: globals, output: output, fleet: fleet,
      request: fleet.request(.probe, probe: probe, probeNetwork: probeNetwork))
  }
}

struct FleetCleanupCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "cleanup",
    abstract: "Remove the pods a killed or interrupted fleet left behind (label osbsctl.io/fleet).",
    discussion: discussion(
      """
      A fleet deletes its pods itself, also on Ctrl-C; a fleet killed outright (SIGKILL, a lost \
      connection) leaves them, and each ends by its activeDeadlineSeconds but stays until deleted. This \
      lists the pods labelled osbsctl.io/fleet (one run's with --run), on the named or selected nodes or \
      on all, and deletes them with --confirm. Pods younger than --min-age are kept: a fleet running now \
      may own them. Exits 1 when a deletion failed.
      """,
      examples: [
        HelpExample("What killed fleets left, on every node", "osbsctl fleet cleanup"),
        HelpExample(
          "Delete one run's pods now, whatever their age",
          "osbsctl fleet cleanup --run 1a2b3c4d --min-age 0s --confirm"),
      ]))

  @OptionGroup var confirmation: ConfirmationOptions

  @Argument(
    help: "Node names (default: every node, or those matching -l).", completion: DynamicCompletion.nodeNames)
  var names: [String] = []

  @Option(
    name: [.customShort("l"), .customLong("selector")], help: "Only the pods on nodes matching this selector."
  )
  var selector: String?

  @Option(help: "Only this fleet run's pods (the report's runId).")
  var run: String?

  @Option(
    name: .customLong("min-age"), parsing: .unconditional,
    help: "Keep pods younger than this, which a running fleet may own: 10m, 0s (default 10m).")
  var minAge = "10m"

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func validate() throws {
    try NodeSelection.check(names: names, selector: selector, required: false)
    if GoDuration.duration(minAge) == nil {
      throw ValidationError("--min-age \(minAge): expected a duration such as 10m or 0s")
    }
    if let run,
      run.isEmpty || !run.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" })
    {
      throw ValidationError("--run \(run): expected a fleet run id, such as 1a2b3c4d")
    }
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    let client = try context.services(globals).openShiftClient()
    let report = try await LeftoverPodCleanup(
      client: client, leftovers: run.map(LeftoverPodCleanup.Leftovers.fleetPods(run:)) ?? .fleetPods,
      minimumAge: GoDuration.duration(minAge) ?? LeftoverPodCleanup.defaultMinimumAge,
      confirm: confirmation.confirm
    ).run(nodeNames: names, nodeSelector: selector)
    try context.renderer(output).render(report)
    return report.failed == 0 ? ExitStatus.success : ExitStatus.code(for: .operationFailed)
  }
}
