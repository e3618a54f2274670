import Foundation

extension BuildDoctor {
  /// An OSBS 2 run still on the cluster (the task is running, or koji-containerbuild could not delete
  /// it): PipelineRun → the TaskRuns that failed (else those still running) → pod → node → node state →
  /// flows, as for a Build. The Koji side's record (`fromKoji`) keeps the error text and build hosts.
  func diagnosePresentPipelineRun(
    _ name: String, task: Int, fromKoji: DoctorReport
  ) async throws -> DoctorReport {
    let tekton = TektonClient(openShift: client)
    let run: PipelineRun
    do {
      run = try await tekton.pipelineRun(named: name, in: scope == .all ? .current : scope)
    } catch let error as OpenShiftError where error.failureKind == .notFound {
      // Deleted between the presence check and now: the Koji logs are the record.
      return fromKoji
    }
    let found = try await tekton.nodesOfPipelineRun(run)
    let state = run.state
    var hops = [
      DoctorReport.Hop(
        step: "pipelinerun", status: state.phase == .failed ? "problem" : "ok",
        result: "pipeline run \(name) is \(state.display)" + (state.message.map { ": \($0)" } ?? ""),
        evidence: "GET pipelinerun \(name)")
    ]
    let failed = found.taskRuns.filter { $0.state.phase == .failed }
    let examined = failed.isEmpty ? found.taskRuns.filter { !$0.state.isFinished } : failed
    var problems: [DoctorReport.Problem] = []
    var notes = fromKoji.verdict.notes
    var lastNode: DoctorReport.NodeHealth?
    var lastNetwork = DoctorReport.NetworkCheck(checked: false, skippedReason: "no TaskRun pod to examine")
    var lastPod: DoctorReport.PodFacts?
    var checkedNodes: Set<String> = []
    for taskRun in examined {
      let label =
        taskRun.pipelineTask.map { "TaskRun \(taskRun.metadata.name) (\($0))" }
        ?? "TaskRun \(taskRun.metadata.name)"
      let failedStep = taskRun.status?.steps?.first { ($0.terminated?.exitCode ?? 0) != 0 }
      var result = "\(label) is \(taskRun.state.display)"
      if let step = failedStep { result += " at step \(step.name ?? step.container)" }
      if let message = taskRun.state.message, taskRun.state.phase == .failed { result += ": \(message)" }
      hops.append(
        .init(
          step: "taskrun", status: taskRun.state.phase == .failed ? "problem" : "ok", result: result,
          evidence: "GET taskrun \(taskRun.metadata.name)"))
      guard let podName = taskRun.status?.podName, let pod = found.pods[podName] else {
        hops.append(
          .init(
            step: "pod", status: "skipped", result: "\(label) has no pod on the cluster",
            evidence: "TaskRun status.podName"))
        continue
      }
      let facts = DoctorReport.PodFacts(
        name: podName, namespace: pod.metadata.namespace, phase: pod.status.phase, ip: pod.status.podIP,
        hostIP: pod.status.hostIP)
      lastPod = facts
      guard let nodeName = pod.spec.nodeName, !nodeName.isEmpty else {
        hops.append(
          .init(
            step: "pod", status: "problem", result: "pod \(podName) was never scheduled to a node",
            evidence: "pod spec.nodeName"))
        continue
      }
      hops.append(
        .init(
          step: "pod", status: "ok",
          result: "pod \(podName) (\(pod.status.podIP ?? "no IP")) on node \(nodeName)",
          evidence: "pod spec.nodeName"))
      guard !checkedNodes.contains(nodeName) else { continue }
      checkedNodes.insert(nodeName)
      guard let node = found.nodes[nodeName] else {
        hops.append(
          .init(
            step: "node", status: "problem", result: "node \(nodeName) no longer exists",
            evidence: "GET node \(nodeName)"))
        problems.append(
          .init(
            code: "node-gone", message: "node \(nodeName) is no longer part of the cluster", nextCommand: nil)
        )
        lastNode = DoctorReport.NodeHealth(name: nodeName, exists: false)
        continue
      }
      let health = Self.health(node)
      lastNode = health
      hops.append(
        .init(
          step: "node", status: health.ready == true ? "ok" : "problem",
          result:
            "node \(nodeName): \(NodeSummary.status(ready: health.ready, schedulable: node.isSchedulable))",
          evidence: "node \(nodeName) status.conditions and spec.unschedulable"))
      let network = await checkNetwork(node: nodeName)
      lastNetwork = network
      if network.checked, let flows = network.flows {
        hops.append(
          .init(
            step: "network", status: flows.clean ? "ok" : "problem",
            result: flows.clean
              ? "br0 per-pod flows match the node's \(flows.counts.livePods) live pods"
              : "\(flows.counts.stale) stale, \(flows.counts.missing) missing, \(flows.counts.conflicts) conflicting",
            evidence: flows.flowsFrom ?? "flows"))
      } else {
        hops.append(
          .init(step: "network", status: "skipped", result: "flows not checked (see note)", evidence: "-"))
        if let reason = network.skippedReason {
          notes.append("network not checked on \(nodeName): \(reason)")
        }
      }
      problems += Self.nodeProblems(health) + Self.networkProblems(network, node: nodeName)
      if health.schedulable == false {
        notes.append(
          "node \(nodeName) is cordoned (SchedulingDisabled); when it is healthy again: "
            + "osbsctl node uncordon \(nodeName) --confirm")
      }
    }
    // The Koji side's words for the failure and the build hosts stay in the report.
    hops += fromKoji.hops.filter { $0.step == "build-host" || $0.step == "log" }

    var verdict = Self.verdict(
      problems: problems, notes: notes,
      healthySummary: "pipeline run \(name) is \(state.display) on nodes that show no problem")
    var report = fromKoji
    report.build = BuildSummary(run)
    // While the task runs its fault and logs do not say yet where the run failed; the cluster does.
    if var record = report.pipelineRun, record.pipelineTask == nil, let taskRun = failed.first {
      record.pipelineTask = taskRun.pipelineTask
      record.step = taskRun.status?.steps?.first { ($0.terminated?.exitCode ?? 0) != 0 }?.name
      record.arch = taskRun.pipelineTask.flatMap(OSBSPipeline.arch(ofPipelineTask:))
      report.pipelineRun = record
    }
    if problems.isEmpty {
      if state.phase == .failed || state.phase == .cancelled || fromKoji.verdict.status == "failed" {
        verdict.status = "failed"
        verdict.summary =
          (report.pipelineRun.map { Self.failureSummary($0, name: name) } ?? "pipeline run \(name) failed")
          + " (the run is still on the cluster; its nodes show no problem)"
        verdict.nextCommands = ["osbsctl build logs \(name)", "osbsctl task logs \(task)"]
      } else if !state.isFinished {
        verdict.status = "healthy"
        verdict.summary = "pipeline run \(name) is \(state.display); its nodes show no problem"
      }
    }
    report.hops = hops
    report.pod = lastPod
    report.node = lastNode
    report.network = lastNetwork
    report.verdict = verdict
    return report
  }
}
