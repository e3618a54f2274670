import ArgumentParser
import Foundation
import OSBSKit

extension NodeProbeReport: TablePresentable, TableFootnotes {
  static func columns(wide: Bool) -> [String] {
    wide ? ["node", "verdict", "exit", "reason", "cleanup", "next"] : ["node", "verdict", "reason", "next"]
  }

  func rows(wide: Bool) -> [[String]] {
    results.map { result in
      let next = result.nextCommand ?? "-"
      guard wide else { return [result.node, result.verdict.rawValue, result.reason, next] }
      let exit = result.evidence.exitCode.map(String.init) ?? "-"
      return [result.node, result.verdict.rawValue, exit, result.reason, result.evidence.cleanup, next]
    }
  }

  var resourceNames: [String] { results.map { "node/\($0.node)" } }

  /// What a verdict other than `refused` means, once per verdict seen.
  var footnotes: [String] {
    let seen = Set(results.map(\.verdict))
    var notes: [String] = []
    if seen.contains(.timeout) {
      notes.append("timeout: the connection hung, the stale-flow symptom; check the node's flows.")
    }
    if seen.contains(.connected) {
      notes.append(
        "connected: the buildroot reached \(target): its egress is not restricted (security finding).")
    }
    return notes
  }
}

extension LeftoverPodCleanupReport: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide
      ? ["action", "namespace", "pod", "node", "phase", "age", "reason"]
      : ["action", "pod", "node", "phase", "age"]
  }

  func rows(wide: Bool) -> [[String]] {
    pods.map { pod in
      let age = pod.ageSeconds.map { UTCTime.humanDuration(seconds: Int64($0)) } ?? "-"
      let node = pod.node ?? "-"
      return wide
        ? [pod.action, pod.namespace, pod.name, node, pod.phase, age, pod.reason]
        : [pod.action, pod.name, node, pod.phase, age]
    }
  }

  var resourceNames: [String] { pods.map { "pod/\($0.name)" } }
}

struct NodeProbeCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "probe",
    abstract: "Run the runbook's network test on nodes: can a buildroot container reach the outside?",
    discussion: discussion(
      """
      The runbook confirms "builds can't reach the network" by running the buildroot image on the node \
      and trying a URL with curl. `node probe` does that in a short-lived pod pinned to each node (or, \
      with --local, in a container on this host's Docker engine), reads the exit code and log, and \
      removes the pod or container again, also on errors and Ctrl-C (leftovers carry the label \
      osbsctl.io/probe=true). Verdicts: refused (healthy: egress is restricted), timeout (the stale-flow \
      symptom: run `osbsctl ovs check --node NODE`), connected (egress is not restricted), dns-failure, \
      image-missing, not-scheduled, probe-error. The image needs /bin/sh and curl (or busybox nc). \
      Exits 0 only when every node refused, 1 otherwise.
      """,
      examples: [
        HelpExample("Probe one node with the profile's image and target", "osbsctl node probe build-node-03"),
        HelpExample(
          "Probe every build node, JSON report",
          "osbsctl node probe -l osbs/build-node=true -o json"),
        HelpExample(
          "On the node itself, through the local Docker engine",
          "osbsctl node probe --local --image buildroot:latest --target https://google.com --timeout 15s"),
        HelpExample(
          "List probe pods an interrupted probe left behind, then delete them",
          "osbsctl node probe --cleanup && osbsctl node probe --cleanup --confirm"),
      ]))

  // Not `NodeSelection`: with --local no node needs naming.
  @Argument(
    help: "Node names (with --local, at most one: how the report names this host).",
    completion: DynamicCompletion.nodeNames)
  var names: [String] = []

  @Option(
    name: [.customShort("l"), .customLong("selector")], help: "Probe the nodes matching this selector.")
  var selector: String?

  @Option(help: "The URL the probe tries (default from config probe.target).")
  var target: String?

  @Option(parsing: .unconditional, help: "How long the probe tries to connect: 10s, 1m (default 10s).")
  var timeout = "10s"

  @Option(help: "The buildroot image the probe runs in (default from config probe.image).")
  var image: String?

  @Flag(help: "Probe this host through its Docker Engine API instead of a pod through the cluster.")
  var local = false

  @Option(
    help: ArgumentHelp(
      "With --local: the Docker Engine API (default: $DOCKER_HOST, then the profile's docker.host).",
      valueName: "url"))
  var host: String?

  @Option(
    help: ArgumentHelp(
      "With --local: the container's network mode (default: the engine's, the one builds get).",
      valueName: "mode"))
  var network: String?

  @Flag(
    help: """
      Instead of probing, remove probe pods (label osbsctl.io/probe=true) that an interrupted probe \
      left behind, on the named or selected nodes or on all; a dry run unless --confirm.
      """)
  var cleanup = false

  @Flag(help: "With --cleanup: delete the pods (without it, only report what would be deleted).")
  var confirm = false

  @Option(
    name: .customLong("min-age"),
    help: "With --cleanup: keep pods younger than this, which a running probe may own: 10m, 0s (default 10m)."
  )
  var minAge: String?

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func validate() throws {
    if cleanup {
      if local { throw ValidationError("--cleanup removes pods through the cluster; --local does not apply") }
      try NodeSelection.check(names: names, selector: selector, required: false)
      if target != nil || image != nil || host != nil || network != nil {
        throw ValidationError("--target, --image, --host and --network do not apply with --cleanup")
      }
      if let minAge, GoDuration.duration(minAge) == nil {
        throw ValidationError("--min-age \(minAge): expected a duration such as 10m or 0s")
      }
      return
    }
    if confirm || minAge != nil { throw ValidationError("--confirm and --min-age apply only with --cleanup") }
    if local {
      if selector != nil { throw ValidationError("--local probes this host; -l does not apply") }
      if names.count > 1 { throw ValidationError("--local probes this host; name at most one node") }
    } else {
      try NodeSelection.check(names: names, selector: selector, required: true)
      if host != nil || network != nil {
        throw ValidationError("--host and --network apply only with --local")
      }
    }
    guard let duration = GoDuration.duration(timeout), duration >= .seconds(1) else {
      throw ValidationError("--timeout \(timeout): expected a duration of at least 1s, such as 10s or 1m")
    }
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    if cleanup {
      let client = try context.services(globals).openShiftClient()
      let report = try await LeftoverPodCleanup(
        client: client, leftovers: .probePods,
        minimumAge: minAge.flatMap(GoDuration.duration) ?? LeftoverPodCleanup.defaultMinimumAge,
        confirm: confirm
      ).run(nodeNames: names, nodeSelector: selector)
      try context.renderer(output).render(report)
      return report.failed == 0 ? ExitStatus.success : ExitStatus.code(for: .operationFailed)
    }
    let settings = try context.services(globals).settings()
    let request = try NetworkProbeRequest(
      target: ProbeTarget(url: target ?? settings.probe.target.value),
      image: image ?? settings.probe.image.value,
      timeout: GoDuration.duration(timeout) ?? .seconds(10))
    let report: NodeProbeReport
    if local {
      let engine = try context.services(globals).dockerEngine(host: host)
      let node = names.first ?? LocalHost.name() ?? "localhost"
      report = try await LocalNetworkProbe(engine: engine, request: request, networkMode: network)
        .run(node: node)
    } else {
      let client = try context.services(globals).openShiftClient()
      let nodes = try await NodeSelection(names: names, selector: selector).resolve(client)
      report = try await PodNetworkProbe(client: client, request: request).run(nodes: nodes)
    }
    try context.renderer(output).render(report)
    return report.healthy ? ExitStatus.success : ExitStatus.code(for: .operationFailed)
  }
}
