import Foundation

/// `osbsctl doctor`: the runbook's "a build is stuck or can't reach the network" procedure in one report.
/// Every hop says what it found and where that came from, so a script (or a person) can check it.
public struct DoctorReport: Codable, Sendable, Equatable {
  /// One step of the walk: Koji task → build → pod → node → node state → network.
  public struct Hop: Codable, Sendable, Equatable {
    /// `task`, `build`, `pod`, `node`, `network`.
    public var step: String
    /// `ok`, `problem`, or `skipped` (the step could not be taken; the reason is in `result`).
    public var status: String
    public var result: String
    /// Where the answer came from (`koji-task-id label`, `pod spec.nodeName`, `ovs-ofctl … dump-flows br0`).
    public var evidence: String
  }

  /// The failed step of a PipelineRun still on the cluster, read from its container's log.
  public struct FailedStep: Codable, Sendable, Equatable {
    public var pipelineTask: String
    public var step: String
    public var pod: String
    public var container: String
    /// The remote VM an arch build ran on, from the step's `Building image=… on host=…` line.
    public var buildHost: String?
    public var lastLines: [String]

    enum CodingKeys: String, CodingKey {
      case pod = "podName"
      case pipelineTask, step, container, buildHost, lastLines
    }
  }

  public struct PodFacts: Codable, Sendable, Equatable {
    public var name: String
    public var namespace: String?
    public var phase: String?
    public var ip: String?
    public var hostIP: String?

    enum CodingKeys: String, CodingKey {
      case ip = "podIP"
      case name, namespace, phase, hostIP
    }
  }

  /// The node's state as its conditions and spec report it; nil members were not reported (`null` in JSON).
  public struct NodeHealth: Codable, Sendable, Equatable {
    public var name: String
    public var exists: Bool
    @AlwaysEncoded public var ready: Bool? = nil
    @AlwaysEncoded public var schedulable: Bool? = nil
    @AlwaysEncoded public var diskPressure: Bool? = nil
    @AlwaysEncoded public var memoryPressure: Bool? = nil
    @AlwaysEncoded public var pidPressure: Bool? = nil
    /// OpenShift 3.x kubelets' `OutOfDisk` (later folded into DiskPressure); null on newer nodes.
    @AlwaysEncoded public var outOfDisk: Bool? = nil
    @AlwaysEncoded public var networkUnavailable: Bool? = nil
    public var internalIP: String?
  }

  public struct NetworkCheck: Codable, Sendable, Equatable {
    public var checked: Bool
    /// Why the flows were not checked (the node is another machine, OVS could not be read …).
    public var skippedReason: String?
    public var flows: StaleFlowReport?
  }

  /// A problem found, with the command that deals with it.
  public struct Problem: Codable, Sendable, Equatable {
    /// `stale-flows`, `flow-conflicts`, `missing-flows`, `node-not-ready`, `node-gone`, `disk-pressure`,
    /// `out-of-disk`, `memory-pressure`, `pid-pressure`, `network-unavailable`.
    public var code: String
    public var message: String
    public var nextCommand: String?
  }

  /// One build (or pipeline run) of the task and what its walk found; a task run per arch has one each.
  public struct Run: Codable, Sendable, Equatable {
    public var name: String
    /// An OpenShift Build of that name is on the cluster (false: pruned, or an OSBS 2 pipeline run).
    public var onCluster: Bool
    public var phase: String?
    public var node: String?
    /// This run's own verdict status (see `Verdict.status`) and summary.
    public var verdict: String
    public var summary: String
    /// `Build` or `PipelineRun`.
    public var kind = "Build"

    enum CodingKeys: String, CodingKey {
      case node = "nodeName"
      case name, onCluster, phase, verdict, summary, kind
    }
  }

  public struct Verdict: Codable, Sendable, Equatable {
    /// From best to worst: `healthy`: nothing wrong found; `not-found`: no build for the task, or the
    /// build is gone; `inconclusive`: the walk stopped before the node could be examined; `failed`: the
    /// task or a build failed (see `taskFailure`) on nodes that show no problem; `problems`: see
    /// `problems`. A task's verdict is the worst of its runs' and of its own failure.
    public var status: String
    public var summary: String
    public var problems: [Problem]
    /// What to run next, most urgent first.
    public var nextCommands: [String]
    /// Observations that are not problems (a cordoned node, a failed build on a healthy node).
    public var notes: [String]
  }

  public var task: Int?
  /// The text of the task's fault, when it failed (`Image build failed. … OSBS build id: …`).
  public var taskFailure: String? = nil
  /// Every build (or pipeline run) of the task that was examined; the fields below describe the worst.
  public var runs: [Run] = []
  public var build: BuildSummary?
  /// How the build was found: `argument`, `label`, `selflink`, `osbs-client.log` or `fault`.
  public var buildSource: String?
  public var pod: PodFacts?
  /// An OSBS 2 run as the Koji task's own logs and fault tell it (the run itself is normally deleted).
  public var pipelineRun: KojiPipelineRunRecord? = nil
  /// A failed TaskRun's failed step and its last log lines, read on the cluster (no Koji task needed).
  public var failedStep: FailedStep? = nil
  public var node: NodeHealth?
  public var network: NetworkCheck
  /// The runbook's network test on the build's node (`doctor --probe`); nil when not asked for.
  public var probe: NodeProbeResult? = nil
  public var hops: [Hop]
  public var verdict: Verdict

  enum CodingKeys: String, CodingKey {
    case task = "taskId"
    case taskFailure, runs, build, buildSource, pod, pipelineRun, failedStep, node, network, probe, hops
    case verdict
  }
}

/// Walks from a Koji task (or a build name) to the node that ran the build and examines it.
public struct BuildDoctor: Sendable {
  /// How to read the flows of the node the build ran on, decided once the node is known.
  public enum FlowAccess: Sendable {
    case read(StaleFlowDiagnosis.Flows)
    case unavailable(reason: String)
  }

  public let client: OpenShiftClient
  public let scope: NamespaceScope
  private let kojiSession: @Sendable () async throws -> KojiSession
  private let flowAccess: @Sendable (_ node: String) -> FlowAccess
  /// Whether a PipelineRun of that name is on the cluster; nil when it cannot be checked.
  private let pipelineRunPresence: (@Sendable (String) async throws -> Bool?)?
  /// Runs the network probe on the build's node (`doctor --probe`); nil: not probed.
  public var networkProbe: (@Sendable (_ node: String) async throws -> NodeProbeResult)? = nil

  public init(
    client: OpenShiftClient, scope: NamespaceScope,
    kojiSession: @escaping @Sendable () async throws -> KojiSession,
    flowAccess: @escaping @Sendable (_ node: String) -> FlowAccess,
    pipelineRunPresence: (@Sendable (String) async throws -> Bool?)? = nil
  ) {
    self.client = client
    self.scope = scope
    self.kojiSession = kojiSession
    self.flowAccess = flowAccess
    self.pipelineRunPresence =
      pipelineRunPresence ?? KojiBuildLocator.tektonPresence(client: client, scope: scope)
  }

  public func diagnose(task: Int) async throws -> DoctorReport {
    let locator = KojiBuildLocator(
      client: client, scope: scope, kojiSession: kojiSession, pipelineRunPresence: pipelineRunPresence)
    let located = try await locator.locate(task: task)
    var taskHops: [DoctorReport.Hop] = []
    let failure: String?
    var outcome: KojiTaskOutcome?
    do {
      outcome = try await locator.outcome(task: task)
      failure = outcome?.failure
      if let failure {
        taskHops.append(
          DoctorReport.Hop(
            step: "task", status: "problem", result: "task \(task) failed: \(failure)",
            evidence: "getTaskResult \(task)"))
      }
    } catch {
      // Builds found by their label need no Koji access; the walk goes on without the task's own outcome.
      failure = nil
      taskHops.append(
        DoctorReport.Hop(
          step: "task", status: "skipped", result: "task result not read: \(error)", evidence: "getTaskResult"
        ))
    }
    let evidence = Self.locatorEvidence[located.source] ?? located.source
    guard !located.names.isEmpty else {
      let hop = DoctorReport.Hop(
        step: "task", status: "problem", result: "task \(task) names no OpenShift build",
        evidence: "koji-task-id label, openshift-incremental.log selflink, osbs-client.log, task fault")
      let report = Self.notFound(
        task: task, hops: taskHops + [hop], summary: "no OpenShift build found for task \(task)")
      return Self.combine(task: task, failure: failure, hops: taskHops + [hop], runs: [], fallback: report)
    }
    var hop = DoctorReport.Hop(
      step: "task", status: "ok",
      result: "task \(task) → \(located.names.count == 1 ? "build" : "builds") "
        + located.names.joined(separator: ", "),
      evidence: evidence)
    if located.names.count > 1 { hop.result += " (one per arch)" }
    if located.kind == "PipelineRun" {
      hop.result = "task \(task) → pipeline run " + located.names.joined(separator: ", ")
    }
    var runs: [(name: String, report: DoctorReport)] = []
    for name in located.names {
      if located.kind == "PipelineRun" {
        let onCluster = located.pipelineRunsOnCluster.map { $0.contains(name) }
        let record = try await KojiPipelineRunReader(lastLineCount: 10, kojiSession: kojiSession).read(
          task: task, fault: outcome?.fault)
        if onCluster == true {
          runs.append(
            (name, try await diagnose(pipelineRun: name, task: task, record: record, source: located.source)))
          continue
        }
        runs.append(
          (
            name,
            Self.pipelineRunFromKoji(
              name, task: task, outcome: outcome, record: record, onCluster: onCluster,
              source: located.source)
          ))
        continue
      }
      runs.append((name, try await diagnose(build: name, task: task, source: located.source, hops: [])))
    }
    return Self.combine(
      task: task, failure: failure, hops: [hop] + taskHops, runs: runs,
      fallback: runs[0].report)
  }

  /// Verdict statuses from best to worst.
  static let severity = ["healthy": 0, "not-found": 1, "inconclusive": 2, "failed": 3, "problems": 4]

  /// One report for the whole task: the worst run's facts, every run's hops, and a verdict that is the
  /// worst of the runs' and of the task's own failure.
  static func combine(
    task: Int, failure: String?, hops: [DoctorReport.Hop], runs: [(name: String, report: DoctorReport)],
    fallback: DoctorReport
  ) -> DoctorReport {
    func rank(_ report: DoctorReport) -> Int { severity[report.verdict.status] ?? 0 }
    var combined = runs.max { rank($0.report) < rank($1.report) }?.report ?? fallback
    combined.task = task
    combined.taskFailure = failure
    combined.runs = runs.map { name, report in
      var run = DoctorReport.Run(
        name: name, onCluster: report.build != nil, phase: report.build?.phase, node: report.node?.name,
        verdict: report.verdict.status, summary: report.verdict.summary)
      if let record = report.pipelineRun {
        run.kind = record.kind
        run.onCluster = record.onCluster == true
        run.phase = record.phase
      }
      return run
    }
    var allHops = hops
    for (name, report) in runs {
      allHops += report.hops.map { hop in
        var hop = hop
        if runs.count > 1 { hop.result = "[\(name)] " + hop.result }
        return hop
      }
    }
    if runs.isEmpty { allHops = fallback.hops }
    combined.hops = allHops

    var problems: [DoctorReport.Problem] = []
    var commands: [String] = []
    var notes: [String] = []
    for (_, report) in runs {
      for problem in report.verdict.problems where !problems.contains(problem) { problems.append(problem) }
      for command in report.verdict.nextCommands where !commands.contains(command) {
        commands.append(command)
      }
      for note in report.verdict.notes where !notes.contains(note) { notes.append(note) }
    }
    var status =
      runs.map(\.report.verdict.status).max { (severity[$0] ?? 0) < (severity[$1] ?? 0) }
      ?? fallback.verdict.status
    var summaries: [String] = []
    if let failure {
      if (severity[status] ?? 0) < severity["failed"]! { status = "failed" }
      summaries.append("task \(task) failed: \(failure)")
      let logs = "osbsctl task logs \(task)"
      if !commands.contains(logs) { commands.append(logs) }
    }
    let runSummaries = runs.isEmpty ? [fallback.verdict.summary] : runs.map(\.report.verdict.summary)
    for summary in runSummaries where !summary.isEmpty && !summaries.contains(summary) {
      summaries.append(summary)
    }
    combined.verdict = .init(
      status: status, summary: summaries.joined(separator: "; "), problems: problems, nextCommands: commands,
      notes: notes)
    return combined
  }

  public func diagnose(build name: String) async throws -> DoctorReport {
    var report = try await diagnose(build: name, task: nil, source: "argument", hops: [])
    var run = DoctorReport.Run(
      name: name, onCluster: report.build != nil, phase: report.build?.phase, node: report.node?.name,
      verdict: report.verdict.status, summary: report.verdict.summary)
    // No Build of that name: an OSBS 2 PipelineRun on the cluster is walked instead.
    if report.build == nil, try await pipelineRunPresence?(name) == true {
      report = try await diagnose(pipelineRun: name, task: nil, record: nil, source: "argument")
      run = DoctorReport.Run(
        name: name, onCluster: true, phase: nil, node: report.node?.name, verdict: report.verdict.status,
        summary: report.verdict.summary, kind: "PipelineRun")
    }
    var combined = report
    combined.runs = [run]
    return combined
  }

  private func diagnose(build name: String, task: Int?, source: String, hops: [DoctorReport.Hop])
    async throws -> DoctorReport
  {
    var hops = hops
    let found: NodeOfBuild
    do {
      found = try await client.nodeOfBuild(named: name, in: scope == .all ? .current : scope)
    } catch let error as OpenShiftError where error.failureKind == .notFound || error.isBuildAPIMissing {
      // Without the build API (OpenShift 4.14+ without the Build capability) no Build can be there.
      let missingAPI = error.isBuildAPIMissing
      hops.append(
        DoctorReport.Hop(
          step: "build", status: "problem",
          result: missingAPI
            ? "the cluster serves no OpenShift build API: there is no build \(name)"
            : "build \(name) is no longer on the cluster (pruned?)",
          evidence: missingAPI ? "API discovery (/apis, /oapi/v1)" : "GET build \(name)"))
      var report = Self.notFound(
        task: task, hops: hops,
        summary: missingAPI
          ? "no build \(name): the cluster serves no OpenShift build API"
          : "build \(name) is gone from the cluster")
      report.buildSource = source
      return report
    }
    let build = BuildSummary(found.build)
    hops.append(
      DoctorReport.Hop(
        step: "build", status: "ok", result: "build \(name) is \(build.phase)",
        evidence: "build \(found.build.objectKey)"))

    guard let pod = found.pod else {
      // A build that has not started has no pod yet; one that has started lost it (pruned).
      let waiting = [BuildPhase.new, .pending].contains(found.build.status.phase)
      hops.append(
        DoctorReport.Hop(
          step: "pod", status: "problem",
          result: waiting
            ? "build \(name) has no pod yet (\(build.phase))"
            : "build \(name) has no pod (deleted, or never created)",
          evidence: "annotation \(OpenShiftKeys.buildPodName) and label \(OpenShiftKeys.buildNameLabel)"))
      return inconclusive(
        task: task, build: build, source: source, pod: nil, hops: hops,
        summary: waiting
          ? "the build has not started (\(build.phase)): it has no pod or node to examine yet"
          : "the build's pod is gone, so the node that ran it is unknown")
    }
    let podFacts = DoctorReport.PodFacts(
      name: pod.metadata.name, namespace: pod.metadata.namespace, phase: pod.status.phase,
      ip: pod.status.podIP, hostIP: pod.status.hostIP)
    guard let nodeName = found.nodeName, !nodeName.isEmpty else {
      hops.append(
        DoctorReport.Hop(
          step: "pod", status: "problem", result: "pod \(pod.metadata.name) was never scheduled to a node",
          evidence: "pod spec.nodeName"))
      return inconclusive(
        task: task, build: build, source: source, pod: podFacts, hops: hops,
        summary: "the build's pod was never scheduled")
    }
    hops.append(
      DoctorReport.Hop(
        step: "pod", status: "ok",
        result: "pod \(pod.metadata.name) (\(pod.status.podIP ?? "no IP")) on node \(nodeName)",
        evidence: "pod spec.nodeName"))

    guard let node = found.node else {
      hops.append(
        DoctorReport.Hop(
          step: "node", status: "problem", result: "node \(nodeName) no longer exists",
          evidence: "GET node \(nodeName)"))
      let health = DoctorReport.NodeHealth(name: nodeName, exists: false)
      let problem = DoctorReport.Problem(
        code: "node-gone", message: "node \(nodeName) is no longer part of the cluster", nextCommand: nil)
      return DoctorReport(
        task: task, build: build, buildSource: source, pod: podFacts, node: health,
        network: .init(checked: false, skippedReason: "node \(nodeName) is gone"), hops: hops,
        verdict: Self.verdict(problems: [problem], notes: [], healthySummary: ""))
    }
    let health = Self.health(node)
    hops.append(
      DoctorReport.Hop(
        step: "node", status: health.ready == true ? "ok" : "problem",
        result:
          "node \(nodeName): \(NodeSummary.status(ready: health.ready, schedulable: node.isSchedulable))",
        evidence: "node \(nodeName) status.conditions and spec.unschedulable"))

    let network = await checkNetwork(node: nodeName)
    hops.append(Self.networkHop(network))

    var notes: [String] = []
    var probe: NodeProbeResult?
    if let networkProbe {
      do {
        let result = try await networkProbe(nodeName)
        probe = result
        hops.append(
          DoctorReport.Hop(
            step: "probe", status: result.verdict == .refused ? "ok" : "problem",
            result: "\(result.verdict.rawValue): \(result.reason)",
            evidence: "probe on node \(nodeName), exit \(result.evidence.exitCode.map(String.init) ?? "-")"))
      } catch is CancellationError {
        throw CancellationError()
      } catch {
        // Like unreadable flows, a probe that could not run costs its verdict, not the whole diagnosis.
        hops.append(
          DoctorReport.Hop(step: "probe", status: "skipped", result: "not run (see note)", evidence: "-"))
        notes.append("network probe not run: \(error)")
      }
    }

    var problems = Self.nodeProblems(health)
    problems += Self.networkProblems(network, node: nodeName)
    problems += Self.probeProblems(probe, node: nodeName)
    if health.schedulable == false {
      notes.append(
        "node \(nodeName) is cordoned (SchedulingDisabled); when it is healthy again: "
          + "osbsctl node uncordon \(nodeName) --confirm")
    }
    if !network.checked, let reason = network.skippedReason { notes.append("network not checked: \(reason)") }
    let failedPhases: Set = ["Failed", "Error", "Cancelled"]
    let healthy =
      "build \(name) ran on node \(nodeName): Ready, no disk, memory or PID pressure"
      + (network.checked ? ", no stale flows" : "") + (probe?.verdict == .refused ? ", egress refused" : "")
    var verdict = Self.verdict(problems: problems, notes: notes, healthySummary: healthy)
    if failedPhases.contains(build.phase), problems.isEmpty {
      // A failed build is never healthy, even on a node that looks it: the log says why.
      let logs = task.map { "osbsctl task logs \($0)" } ?? "osbsctl build logs \(name)"
      verdict.status = "failed"
      verdict.summary = "build \(name) \(build.phase.lowercased()) on node \(nodeName), which looks healthy"
      verdict.nextCommands = [logs]
    }
    var report = DoctorReport(
      task: task, build: build, buildSource: source, pod: podFacts, node: health, network: network,
      hops: hops, verdict: verdict)
    report.probe = probe
    return report
  }

  /// A probe verdict other than `refused` is a problem on the node; a timeout points at its flows.
  static func probeProblems(_ probe: NodeProbeResult?, node: String) -> [DoctorReport.Problem] {
    guard let probe, probe.verdict != .refused else { return [] }
    let meaning: String
    switch probe.verdict {
    case .timeout: meaning = "connections hang (the stale-flow symptom)"
    case .connected: meaning = "the buildroot's egress is not restricted (security finding)"
    default: meaning = "the probe could not tell"
    }
    return [
      .init(
        code: "probe-\(probe.verdict.rawValue)",
        message: "network probe on \(node): \(meaning): \(probe.reason)", nextCommand: probe.nextCommand)
    ]
  }

  /// The `network` hop of a walk: what the flow check found, or that it was skipped.
  static func networkHop(_ network: DoctorReport.NetworkCheck) -> DoctorReport.Hop {
    guard network.checked, let flows = network.flows else {
      return .init(step: "network", status: "skipped", result: "flows not checked (see note)", evidence: "-")
    }
    return .init(
      step: "network", status: flows.clean ? "ok" : "problem",
      result: flows.clean
        ? "br0 per-pod flows match the node's \(flows.counts.livePods) live pods"
        : "\(flows.counts.stale) stale, \(flows.counts.missing) missing, \(flows.counts.conflicts) conflicting",
      evidence: flows.flowsFrom ?? "flows")
  }

  func checkNetwork(node: String) async -> DoctorReport.NetworkCheck {
    switch flowAccess(node) {
    case .unavailable(let reason):
      return .init(checked: false, skippedReason: reason)
    case .read(let flows):
      do {
        let report = try await StaleFlowDiagnosis(node: node, flows: flows, pods: .api(client)).check()
        return .init(checked: true, flows: report)
      } catch {
        // A missing ovs-ofctl or an unreadable dump costs the network verdict, not the whole diagnosis.
        return .init(checked: false, skippedReason: String(describing: error))
      }
    }
  }

  static func health(_ node: Node) -> DoctorReport.NodeHealth {
    func condition(_ type: String) -> Bool? {
      node.status.conditions?.first { $0.type == type }.map { $0.status == "True" }
    }
    return DoctorReport.NodeHealth(
      name: node.metadata.name, exists: true, ready: node.isReady, schedulable: node.isSchedulable,
      diskPressure: condition("DiskPressure"), memoryPressure: condition("MemoryPressure"),
      pidPressure: condition("PIDPressure"), outOfDisk: condition("OutOfDisk"),
      networkUnavailable: condition("NetworkUnavailable"), internalIP: node.internalIP)
  }

  static func nodeProblems(_ health: DoctorReport.NodeHealth) -> [DoctorReport.Problem] {
    let node = health.name
    var problems: [DoctorReport.Problem] = []
    if health.ready != true {
      problems.append(
        .init(
          code: "node-not-ready",
          message: "node \(node) is \(health.ready == false ? "NotReady" : "not reporting readiness")",
          nextCommand: health.schedulable == false ? nil : "osbsctl node cordon \(node) --confirm"))
    }
    // Conditions a kubelet reports, the problem each means, and what deals with it.
    let pressures: [(Bool?, String, String, String)] = [
      (health.diskPressure, "disk-pressure", "DiskPressure", "osbsctl prune node --confirm   # on \(node)"),
      (health.outOfDisk, "out-of-disk", "OutOfDisk", "osbsctl prune node --confirm   # on \(node)"),
      (health.memoryPressure, "memory-pressure", "MemoryPressure", "osbsctl node drain \(node) --confirm"),
      (health.pidPressure, "pid-pressure", "PIDPressure", "osbsctl node drain \(node) --confirm"),
      (
        health.networkUnavailable, "network-unavailable", "NetworkUnavailable",
        "osbsctl node cordon \(node) --confirm"
      ),
    ]
    for (reported, code, condition, command) in pressures where reported == true {
      problems.append(.init(code: code, message: "node \(node) reports \(condition)", nextCommand: command))
    }
    return problems
  }

  static func networkProblems(_ network: DoctorReport.NetworkCheck, node: String) -> [DoctorReport.Problem] {
    guard let flows = network.flows else { return [] }
    var problems: [DoctorReport.Problem] = []
    if !flows.stale.isEmpty {
      let ips = Set(flows.stale.map(\.ip)).sorted()
      problems.append(
        .init(
          code: "stale-flows",
          message:
            "\(counted(flows.stale.count, "stale OVS flow")) on \(node) for addresses no live pod has: "
            + ips.joined(separator: ", "),
          nextCommand: "osbsctl ovs fix --node \(node) --confirm"))
    }
    if !flows.conflicts.isEmpty {
      problems.append(
        .init(
          code: "flow-conflicts",
          message:
            "\(counted(flows.conflicts.count, "address/port conflict")) on \(node): "
            + Set(flows.conflicts.map(\.ip)).sorted().joined(separator: ", "),
          nextCommand: "osbsctl ovs check --node \(node)"))
    }
    if !flows.missing.isEmpty {
      problems.append(
        .init(
          code: "missing-flows",
          message:
            "\(counted(flows.missing.count, "live pod")) on \(node) without \(flows.missing.count == 1 ? "its" : "their") flows: "
            + flows.missing.map(\.pod).joined(separator: ", "),
          nextCommand: "osbsctl node cordon \(node) --confirm"))
    }
    return problems
  }

  static func verdict(problems: [DoctorReport.Problem], notes: [String], healthySummary: String)
    -> DoctorReport.Verdict
  {
    guard !problems.isEmpty else {
      return .init(status: "healthy", summary: healthySummary, problems: [], nextCommands: [], notes: notes)
    }
    var commands: [String] = []
    for command in problems.compactMap(\.nextCommand) where !commands.contains(command) {
      commands.append(command)
    }
    return .init(
      status: "problems", summary: problems.map(\.message).joined(separator: "; "), problems: problems,
      nextCommands: commands, notes: notes)
  }

  private func inconclusive(
    task: Int?, build: BuildSummary, source: String, pod: DoctorReport.PodFacts?, hops: [DoctorReport.Hop],
    summary: String
  ) -> DoctorReport {
    DoctorReport(
      task: task, build: build, buildSource: source, pod: pod, node: nil,
      network: .init(checked: false, skippedReason: "the node is unknown"), hops: hops,
      verdict: .init(
        status: "inconclusive", summary: summary, problems: [],
        nextCommands: ["osbsctl build get \(build.name) -o yaml"], notes: []))
  }

  private static func notFound(task: Int?, hops: [DoctorReport.Hop], summary: String) -> DoctorReport {
    DoctorReport(
      task: task, build: nil, buildSource: nil, pod: nil, node: nil,
      network: .init(checked: false, skippedReason: "no build to follow"), hops: hops,
      verdict: .init(status: "not-found", summary: summary, problems: [], nextCommands: [], notes: []))
  }

  static let locatorEvidence = [
    "label": "koji-task-id label on the build",
    "selflink": "openshift_build_selflink in the task's openshift-incremental.log",
    "fault": "\"OSBS build id:\" in the task's fault",
    "osbs-client.log": "\"creating binary container image pipeline run:\" in the task's osbs-client.log",
    "user-params": "koji_task_id in the user-params of a PipelineRun on the cluster",
  ]
}

extension DoctorReport {
  /// The exit status class: nil when healthy.
  public var failureKind: FailureKind? {
    switch verdict.status {
    case "healthy": nil
    case "not-found": .notFound
    case "failed": .operationFailed
    default: .operationFailed
    }
  }
}
