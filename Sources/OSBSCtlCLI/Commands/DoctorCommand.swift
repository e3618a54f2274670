import ArgumentParser
import Foundation
import OSBSKit

struct DoctorCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Why did a build fail or hang? Koji task → build → pod → node → node state → OVS flows.",
    discussion: discussion(
      """
      The runbook's procedure as one command. From a Koji task (or --build NAME) it finds the OpenShift \
      build (as `build for-task` does), the build pod, the node that ran it and that node's state \
      (Ready, schedulable, disk, memory and PID pressure), then checks the node's Open vSwitch per-pod \
      flows against its live pods (as `ovs check` does) when the flows can be read: on the node itself \
      (this host's name is the node's name, or --local-ovs), or from a saved dump (--flows-from). It ends \
      with a verdict and the exact commands to run next. With --probe it also runs `node probe` on that \
      node (a pod with the profile's probe.image trying probe.target) and folds the verdict in: anything \
      but refused is a problem.

      A task run per arch has one build per arch: each is examined, the task's own failure text is \
      reported, and the verdict is the worst of them (healthy, not-found, inconclusive, failed, problems). \
      A run a koji-containerbuild 1.4.0 builder names in osbs-client.log is an OSBS 2 Tekton PipelineRun. \
      While it is on the cluster doctor walks it: the failed (else running) TaskRun and step, its pod, \
      node, node state and flows. koji-containerbuild deletes the run when the task ends: doctor then \
      reports from the task's Koji logs \
      and fault (osbs-client.log, osbs-build.log, <arch>.log) the failing pipeline task and step, the \
      remote build host of each architecture, the error and the failing part's last log lines.

      Exits 0 when nothing is wrong, 1 when problems were found, the task or a build failed, or the walk \
      could not reach the node, 3 when the task has no build or the build is gone.
      """,
      examples: [
        HelpExample(
          "Task, build, pod, node and flows, ending with a verdict",
          "osbsctl doctor 123456"),
        HelpExample(
          "Start from a build, on its node, reading this host's flows",
          "osbsctl doctor --build fedora-httpd-rawhide-3 --local-ovs"),
        HelpExample(
          "With flows saved on the node, as JSON",
          "osbsctl doctor 123456 --flows-from flows.txt -o json"),
      ]))

  @OptionGroup var namespaces: NamespaceOptions

  @Argument(
    help: "Koji task id (buildContainer or createContainer).", completion: DynamicCompletion.kojiTaskIDs)
  var taskID: Int?

  @Option(
    name: .customLong("build"),
    help: "Start from this OpenShift build (or OSBS 2 PipelineRun) instead of a Koji task.",
    completion: DynamicCompletion.buildNames)
  var buildName: String?

  @Option(
    name: .customLong("flows-from"),
    help: "Read the node's flows from this `ovs-ofctl -O OpenFlow13 dump-flows br0` output ('-' for stdin).",
    completion: .file())
  var flowsFrom: String?

  @Flag(
    name: .customLong("local-ovs"),
    help: "Read the flows from this host's Open vSwitch even though its host name is not the node's.")
  var localOVS = false

  @Option(name: .customLong("bridge"), help: "The OVS bridge (default from config: br0).")
  var bridge: String?

  @Flag(help: "Also run the network probe (`node probe`) on the build's node through the cluster.")
  var probe = false

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesKojiAndCluster>

  func validate() throws {
    if (taskID == nil) == (buildName == nil) {
      throw ValidationError("give either a Koji task id or --build NAME")
    }
    if flowsFrom != nil && localOVS {
      throw ValidationError("--flows-from and --local-ovs both name where the flows come from; give one")
    }
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    let services = context.services(globals)
    let settings = try services.settings()
    let client = try services.openShiftClient()
    let flows = try flowAccess(settings: settings, runner: context.programRunner)
    var doctor = BuildDoctor(
      client: client, scope: namespaces.scope,
      kojiSession: { try await services.kojiSession(authenticated: false).0 },
      flowAccess: flows)
    if probe {
      let request = try NetworkProbeRequest(
        target: ProbeTarget(url: settings.probe.target.value), image: settings.probe.image.value,
        timeout: .seconds(10))
      let probe = PodNetworkProbe(client: client, request: request)
      doctor.networkProbe = { node in try await probe.probe(node: node) }
    }
    let report: DoctorReport
    if let buildName = buildName {
      report = try await doctor.diagnose(build: buildName)
    } else {
      report = try await doctor.diagnose(task: taskID!)
    }
    try context.renderer(output).render(report)
    return report.failureKind.map(ExitStatus.code(for:)) ?? ExitStatus.success
  }

  /// Decided before the walk so a bad --flows-from fails at once, not after the API round trips.
  private func flowAccess(settings: ResolvedSettings, runner: any ProgramRunner) throws
    -> @Sendable (String) -> BuildDoctor.FlowAccess
  {
    if let flowsFrom {
      let flows = try StaleFlowDiagnosis.Flows.dumpFile(flowsFrom)
      return { _ in .read(flows) }
    }
    let source = OVSFlowSource(settings: settings.ovs, bridge: bridge, runner: runner)
    let localOVS = localOVS
    let host = LocalHost.name()
    return { node in
      if localOVS || Self.sameHost(host, node) { return .read(.bridge(source)) }
      return .unavailable(
        reason:
          "node \(node) is not this host (\(host ?? "unknown")); run the same command on \(node), or pass "
          + "--flows-from with the output of `ovs-ofctl -O OpenFlow13 dump-flows br0` taken there")
    }
  }

  /// Node names are host names, sometimes fully qualified on one side only.
  static func sameHost(_ host: String?, _ node: String) -> Bool {
    guard let host else { return false }
    func short(_ name: String) -> Substring { name.lowercased().split(separator: ".").first ?? "" }
    return host.lowercased() == node.lowercased() || short(host) == short(node)
  }
}

extension DoctorReport: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide ? ["step", "status", "result", "evidence"] : ["step", "status", "result"]
  }

  func rows(wide: Bool) -> [[String]] {
    var rows = hops.map { hop in
      let row = [hop.step, hop.status == "problem" ? "PROBLEM" : hop.status, hop.result]
      return wide ? row + [hop.evidence] : row
    }
    func add(_ step: String, _ status: String, _ text: String) {
      rows.append(wide ? [step, status, text, ""] : [step, status, text])
    }
    // The Koji task's record carries the step's lines when there is a task; without one, the cluster's.
    let lastLines = pipelineRun.map(\.lastLines) ?? failedStep?.lastLines ?? []
    for line in lastLines { add("log", "", line) }
    for problem in verdict.problems { add("problem", problem.code, problem.message) }
    for note in verdict.notes { add("note", "", note) }
    add("verdict", verdict.status.uppercased(), verdict.summary)
    for command in verdict.nextCommands { add("next", "", command) }
    return rows
  }

  var resourceNames: [String] { node.map { ["node/\($0.name)"] } ?? [] }
}
