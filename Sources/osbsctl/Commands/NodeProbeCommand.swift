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

struct NodeProbeCommand: AsyncParsableCommand {
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
      ]))

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions
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

  func validate() throws {
    if local {
      if selector != nil { throw ValidationError("--local probes this host; -l does not apply") }
      if names.count > 1 { throw ValidationError("--local probes this host; name at most one node") }
    } else {
      if names.isEmpty == (selector == nil) {
        throw ValidationError("name nodes or give -l SELECTOR (not both)")
      }
      if host != nil || network != nil {
        throw ValidationError("--host and --network apply only with --local")
      }
    }
    guard let duration = GoDuration.duration(timeout), duration >= .seconds(1) else {
      throw ValidationError("--timeout \(timeout): expected a duration of at least 1s, such as 10s or 1m")
    }
  }

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals, output: output) { context in
      var settings = try context.services(command.globals).settings()
      let request = try NetworkProbeRequest(
        target: ProbeTarget(url: command.target ?? settings.probe.target.value),
        image: command.image ?? settings.probe.image.value,
        timeout: GoDuration.duration(command.timeout) ?? .seconds(10))
      let report: NodeProbeReport
      if command.local {
        if let host = command.host { settings.docker.host = SourcedValue(host, source: "flag --host") }
        let engine = try DockerEngineClient(
          connection: settings.dockerConnection(), diagnostics: context.httpDiagnostics)
        let node = command.names.first ?? LocalHost.name() ?? "localhost"
        report = try await LocalNetworkProbe(engine: engine, request: request, networkMode: command.network)
          .run(node: node)
      } else {
        let client = try context.services(command.globals).openShiftClient()
        let nodes = try await NodeSelection(names: command.names, selector: command.selector).resolve(client)
        report = try await PodNetworkProbe(client: client, request: request).run(nodes: nodes)
      }
      try context.renderer(command.output).render(report)
      return report.healthy ? ExitStatus.success : ExitStatus.code(for: .operationFailed)
    }
  }
}
