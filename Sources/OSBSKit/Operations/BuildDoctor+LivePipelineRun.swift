import Foundation

extension BuildDoctor {
  /// A PipelineRun still on the cluster: run → every TaskRun with its node → the failed TaskRun (else the
  /// running, else the last one) → its pod → node → node state → flows, as for an OSBS 1 build pod.
  func diagnose(
    pipelineRun name: String, task: Int?, record: KojiPipelineRunRecord?, source: String
  ) async throws -> DoctorReport {
    let tekton = TektonClient(openShift: client)
    let podScope: NamespaceScope = scope == .all ? .current : scope
    let run = try await tekton.pipelineRun(named: name, in: podScope)
    var hops: [DoctorReport.Hop] = [
      .init(
        step: "pipelinerun", status: run.state.phase == .failed ? "problem" : "ok",
        result: "pipeline run \(name) is \(run.state.display)"
          + (run.state.message.map { ": \($0)" } ?? ""),
        evidence: "GET pipelinerun \(name) status.conditions")
    ]
    var report = DoctorReport(
      task: task, build: nil, buildSource: source, pod: nil, pipelineRun: record, node: nil,
      network: .init(checked: false, skippedReason: "the node is unknown"), hops: hops,
      verdict: .init(
        status: "inconclusive", summary: "", problems: [], nextCommands: ["osbsctl build get \(name)"],
        notes: []))
    report.pipelineRun?.onCluster = true
    let taskRuns = try await tekton.taskRuns(ofPipelineRun: run)
    let failed = taskRuns.first { $0.state.phase == .failed }
    guard let chosen = failed ?? taskRuns.last(where: { $0.state.phase == .running }) ?? taskRuns.last
    else {
      hops.append(
        .init(
          step: "taskrun", status: "skipped", result: "pipeline run \(name) has no TaskRun yet",
          evidence: "TaskRuns labelled tekton.dev/pipelineRun=\(name)"))
      report.hops = hops
      report.verdict.summary = "pipeline run \(name) has not started a TaskRun yet"
      return report
    }
    hops += await everyTaskRun(taskRuns, except: chosen, podScope: podScope)
    let pipelineTask = chosen.pipelineTask ?? chosen.metadata.name
    let failedStep = chosen.status?.steps?.first { ($0.terminated?.exitCode ?? 0) != 0 }
    let stepText = failedStep.map { " (step \(PipelineRunLogText.step(ofContainer: $0.container)))" } ?? ""
    let failing = chosen.state.phase == .failed
    hops.append(
      .init(
        step: "taskrun", status: failing ? "problem" : "ok",
        result: "pipeline task \(pipelineTask)\(stepText) is \(chosen.state.display)"
          + (chosen.state.message.map { ": \($0)" } ?? ""),
        evidence: "TaskRun \(chosen.metadata.name) status.conditions and status.steps"))
    guard let podName = chosen.status?.podName,
      let pod = try? await client.pod(named: podName, in: podScope)
    else {
      hops.append(
        .init(
          step: "pod", status: "problem", result: "TaskRun \(chosen.metadata.name) has no pod (deleted?)",
          evidence: "TaskRun status.podName"))
      report.hops = hops
      report.verdict.summary = "the pod of pipeline task \(pipelineTask) is gone, so its node is unknown"
      return report
    }
    report.pod = .init(
      name: pod.metadata.name, namespace: pod.metadata.namespace, phase: pod.status.phase,
      ip: pod.status.podIP,
      hostIP: pod.status.hostIP)
    guard let nodeName = pod.spec.nodeName, !nodeName.isEmpty else {
      hops.append(
        .init(
          step: "pod", status: "problem", result: "pod \(podName) was never scheduled to a node",
          evidence: "pod spec.nodeName"))
      report.hops = hops
      report.verdict.summary = "the pod of pipeline task \(pipelineTask) was never scheduled"
      return report
    }
    hops.append(
      .init(
        step: "pod", status: "ok",
        result: "pod \(podName) (\(pod.status.podIP ?? "no IP")) on node \(nodeName)",
        evidence: "pod spec.nodeName"))
    let node: Node
    do {
      node = try await client.node(named: nodeName)
    } catch let error as OpenShiftError where error.failureKind == .notFound {
      hops.append(
        .init(
          step: "node", status: "problem", result: "node \(nodeName) no longer exists", evidence: "GET node"))
      report.hops = hops
      report.node = .init(name: nodeName, exists: false)
      report.verdict = Self.verdict(
        problems: [.init(code: "node-gone", message: "node \(nodeName) is no longer part of the cluster")],
        notes: [], healthySummary: "")
      return report
    }
    let health = Self.health(node)
    report.node = health
    hops.append(
      .init(
        step: "node", status: health.ready == true ? "ok" : "problem",
        result:
          "node \(nodeName): \(NodeSummary.status(ready: health.ready, schedulable: node.isSchedulable))",
        evidence: "node \(nodeName) status.conditions and spec.unschedulable"))
    let network = await checkNetwork(node: nodeName)
    report.network = network
    hops.append(Self.networkHop(network))
    for host in run.buildHosts {
      hops.append(
        .init(
          step: "build-host", status: "ok", result: "\(host.arch): built on remote host \(host.buildHost)",
          evidence: "pipeline run result task_build_result_\(host.arch)"))
    }
    if failing { await addFailedStepLog(chosen, run: run, podScope: podScope, to: &report, hops: &hops) }
    report.hops = hops
    let problems = Self.nodeProblems(health) + Self.networkProblems(network, node: nodeName)
    var notes: [String] = []
    if !network.checked, let reason = network.skippedReason { notes.append("network not checked: \(reason)") }
    var verdict = Self.verdict(
      problems: problems, notes: notes,
      healthySummary: "pipeline task \(pipelineTask) of \(name) runs on node \(nodeName): Ready, no disk, "
        + "memory or PID pressure" + (network.checked ? ", no stale flows" : ""))
    if failing || run.state.phase == .failed, problems.isEmpty {
      verdict.status = "failed"
      verdict.summary =
        "pipeline task \(pipelineTask)\(stepText) of \(name) failed on node \(nodeName), which looks healthy"
      verdict.nextCommands = [task.map { "osbsctl task logs \($0)" } ?? "osbsctl build logs \(name)"]
    }
    report.verdict = verdict
    return report
  }

  /// One hop per TaskRun other than `chosen` (which the walk then follows in full): its state, its pod's
  /// node and that node's readiness. A run's TaskRuns spread over several nodes, and a failure on one may
  /// come from another's node; each node is read once.
  func everyTaskRun(_ taskRuns: [TaskRun], except chosen: TaskRun, podScope: NamespaceScope) async
    -> [DoctorReport.Hop]
  {
    var nodeStatus: [String: (text: String, ready: Bool)] = [:]
    var hops: [DoctorReport.Hop] = []
    for taskRun in taskRuns where taskRun.metadata.name != chosen.metadata.name {
      let pipelineTask = taskRun.pipelineTask ?? taskRun.metadata.name
      var result = "pipeline task \(pipelineTask) is \(taskRun.state.display)"
      var healthy = taskRun.state.phase != .failed
      if let podName = taskRun.status?.podName {
        let nodeName = (try? await client.pod(named: podName, in: podScope))?.spec.nodeName
        if let nodeName, !nodeName.isEmpty {
          if nodeStatus[nodeName] == nil {
            if let node = try? await client.node(named: nodeName) {
              let health = Self.health(node)
              nodeStatus[nodeName] = (
                NodeSummary.status(ready: health.ready, schedulable: node.isSchedulable), health.ready == true
              )
            } else {
              nodeStatus[nodeName] = ("not found", false)
            }
          }
          let status = nodeStatus[nodeName] ?? ("unknown", false)
          result += " on node \(nodeName) (\(status.text))"
          healthy = healthy && status.ready
        } else {
          result += "; pod \(podName) is gone or not scheduled"
        }
      } else {
        result += "; no pod yet"
      }
      hops.append(
        .init(
          step: "pipeline-task", status: healthy ? "ok" : "problem", result: result,
          evidence:
            "TaskRun \(taskRun.metadata.name) status, its pod's spec.nodeName and the node's conditions"))
    }
    return hops
  }
}
