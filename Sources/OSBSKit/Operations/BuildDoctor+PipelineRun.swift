import Foundation

extension BuildDoctor {
  /// An OSBS 2 task: its PipelineRun, TaskRuns and pods are normally gone (koji-containerbuild deletes the
  /// run when the task ends), so the report comes from the task's Koji logs and fault — never "no build".
  static func pipelineRunFromKoji(
    _ name: String, task: Int, outcome: KojiTaskOutcome?, record: KojiPipelineRunRecord?, onCluster: Bool?,
    source: String
  ) -> DoctorReport {
    var record = record ?? KojiPipelineRunRecord(taskId: task)
    if record.name == nil { record.name = name }
    record.onCluster = onCluster
    let ended = outcome?.ended == true
    var hops: [DoctorReport.Hop] = []
    var notes: [String] = []

    let logEvidence = "the task's osbs-client.log"
    switch (ended, onCluster) {
    case (_, true?):
      hops.append(
        .init(
          step: "pipelinerun", status: "ok", result: "pipeline run \(name) is still on the cluster",
          evidence: "GET pipelinerun \(name)"))
    case (true, _) where record.cancelledInKoji:
      hops.append(
        .init(
          step: "pipelinerun", status: "skipped",
          result:
            "task \(task) was cancelled in Koji: koji-containerbuild only asked OSBS to cancel pipeline run "
            + "\(name), which stays until the namespace's pruner deletes it"
            + (onCluster == false ? "; it is gone now" : ""),
          evidence: logEvidence + ": Cannot read logs, cancelling build \(name)"))
    case (true, _) where record.removalError != nil:
      hops.append(
        .init(
          step: "pipelinerun", status: "problem",
          result: "koji-containerbuild could not delete pipeline run \(name) when task \(task) ended: "
            + (record.removalError ?? "") + (onCluster == false ? "; it is gone now" : ""),
          evidence: logEvidence + ": Failed to remove build \(name)"))
    case (true, _):
      hops.append(
        .init(
          step: "pipelinerun", status: "ok",
          result:
            "pipeline run \(name) was deleted by koji-containerbuild when task \(task) ended (its TaskRuns "
            + "and pods with it); reporting from the task's Koji logs",
          evidence: onCluster == false ? "GET pipelinerun \(name): not found" : logEvidence))
    case (false, _):
      hops.append(
        .init(
          step: "pipelinerun", status: "skipped",
          result: "task \(task) has not ended; pipeline run \(name) "
            + (record.started ? "started" : "has not started yet")
            + (onCluster == false ? " but is not on the cluster" : ""),
          evidence: logEvidence))
    }

    for entry in record.errors {
      var what: String
      if let task = entry.pipelineTask {
        what = "pipeline task \(task)"
        if let step = entry.step { what += " (step \(step))" }
        if let arch = entry.arch {
          let host = record.arches.first { $0.arch == arch }?.buildHost
          what += " for \(arch)" + (host.map { " on build host \($0)" } ?? "")
        }
      } else if let plugin = entry.plugin {
        what = "plugin \(plugin)"
      } else {
        what = "pipeline run \(name)"
      }
      hops.append(
        .init(
          step: "taskrun", status: "problem", result: "\(what) failed: \(entry.message)",
          evidence: "osbs-client's error text in the task's fault"))
    }
    if record.errors.isEmpty, let task = record.pipelineTask {
      hops.append(
        .init(
          step: "taskrun", status: "problem",
          result: "pipeline task \(task)" + (record.step.map { " (step \($0))" } ?? "") + " failed",
          evidence: record.lastLinesLog.map { "the task's \($0)" } ?? "the task's logs"))
    }
    for build in record.arches {
      if let host = build.buildHost {
        hops.append(
          .init(
            step: "build-host", status: "ok",
            result: "\(build.arch): \(build.pipelineTask) built on remote host \(host)"
              + (build.slot.map { " (slot \($0))" } ?? ""),
            evidence: "the task's \(build.log ?? "\(build.arch).log"): Building image=… on host=…"))
      } else {
        hops.append(
          .init(
            step: "build-host", status: "skipped",
            result: "\(build.arch): no remote build host in the task's logs (the build did not reach one)",
            evidence: build.log.map { "the task's \($0)" } ?? "no \(build.arch).log"))
      }
    }
    if let log = record.lastLinesLog, !record.lastLines.isEmpty {
      hops.append(
        .init(
          step: "log", status: "ok", result: "last \(record.lastLines.count) lines of \(log) below",
          evidence: "the task's \(log)"))
    }
    notes.append(
      "OSBS 2 runs each arch's podman build on a remote build host, not on the OpenShift node; "
        + (onCluster == true
          ? "the run's TaskRuns and pods are on the cluster"
          : "the run's TaskRuns, pods and nodes cannot be examined once the run is deleted"))

    let status: String
    var summary: String
    var commands: [String] = []
    if record.phase == "Failed" || record.phase == "Cancelled" || outcome?.state == .failed {
      status = "failed"
      summary = Self.failureSummary(record, name: name)
      commands.append("osbsctl task logs \(task)")
    } else if record.succeeded == true || outcome?.state == .closed {
      status = "healthy"
      let hosts = record.arches.compactMap { build in build.buildHost.map { "\(build.arch) on \($0)" } }
      summary =
        "pipeline run \(name) succeeded" + (hosts.isEmpty ? "" : " (\(hosts.joined(separator: ", ")))")
    } else if !ended {
      status = "inconclusive"
      summary = "task \(task) is still running pipeline run \(name)"
      commands.append("osbsctl build logs -f \(name)")
    } else {
      status = "inconclusive"
      summary = "pipeline run \(name): the task's logs do not say how it ended"
      commands.append("osbsctl task logs \(task)")
    }
    if ended && onCluster != true && record.deletedWhenTaskEnded {
      summary += "; deleted by koji-containerbuild when task \(task) ended"
    }
    return DoctorReport(
      task: task, build: nil, buildSource: source, pod: nil, pipelineRun: record, node: nil,
      network: .init(checked: false, skippedReason: "OSBS 2: the run's pods are gone with the run"),
      hops: hops,
      verdict: .init(status: status, summary: summary, problems: [], nextCommands: commands, notes: notes))
  }

  /// `pipeline task T (step S) failed for ARCH on build host H: ERROR`, as much as the record knows.
  static func failureSummary(_ record: KojiPipelineRunRecord, name: String) -> String {
    if record.cancelled { return "pipeline run \(name) was cancelled by OSBS" }
    var text = record.pipelineTask.map { "pipeline task \($0)" } ?? "pipeline run \(name)"
    if let step = record.step { text += " (step \(step))" }
    text += " failed"
    if let arch = record.arch {
      text += " for \(arch)"
      if let host = record.arches.first(where: { $0.arch == arch })?.buildHost {
        text += " on build host \(host)"
      }
    }
    let message =
      record.errors.first { $0.pipelineTask == record.pipelineTask && $0.pipelineTask != nil }?.message
      ?? record.error
    if let message { text += ": \(message)" }
    return text
  }
}
