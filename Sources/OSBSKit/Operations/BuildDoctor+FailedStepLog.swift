import Foundation

/// The log of a live run's failed step, as doctor reports it: its last lines and, for an arch build, the
/// remote host it ran on (a failed arch task has no `task_build_result_<arch>`: its `task_result` is the
/// error, README §9, so the step log's `Building image=… on host=…` line is the only record on the cluster).
struct FailedStepLog: Sendable, Equatable {
  var container: String
  var pod: String
  var lastLines: [String]
  var buildHost: String?

  /// Reads at most this much of the step's log (the host line comes early, the error last).
  static let maximumBytes = 8 << 20

  static func read(
    client: OpenShiftClient, pod: String, container: String, in scope: NamespaceScope, lastLineCount: Int
  ) async throws -> FailedStepLog {
    var text = Data()
    var log = client.containerLog(pod: pod, container: container, in: scope).makeAsyncIterator()
    while let chunk = try await log.next() {
      text.append(chunk)
      if text.count > maximumBytes { text.removeFirst(text.count - maximumBytes) }
    }
    let lines = Self.lines(text)
    return FailedStepLog(
      container: container, pod: pod, lastLines: Array(lines.suffix(lastLineCount)),
      buildHost: lines.lazy.compactMap(Self.buildHost(inLine:)).last)
  }

  /// The log's non-empty lines (a log written with CR LF was once all one "last line").
  static func lines(_ text: Data) -> [String] {
    String(decoding: text, as: UTF8.self).lines(omittingEmpty: true).map(String.init)
  }

  /// `… - atomic_reactor.tasks.binary_container_build - INFO - Building image=<tag> on host=<host>`.
  static func buildHost(inLine line: String) -> String? {
    guard line.contains("Building image="), let range = line.range(of: " on host=", options: .backwards)
    else { return nil }
    let host = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
    return host.isEmpty || host.contains(" ") ? nil : host
  }
}

extension BuildDoctor {
  /// Adds the failed step's remote build host (when the results lack it) and its last log lines.
  func addFailedStepLog(
    _ taskRun: TaskRun, run: PipelineRun, podScope: NamespaceScope, to report: inout DoctorReport,
    hops: inout [DoctorReport.Hop]
  ) async {
    guard let podName = taskRun.status?.podName,
      let step = taskRun.status?.steps?.first(where: { ($0.terminated?.exitCode ?? 0) != 0 })
    else { return }
    let log: FailedStepLog
    do {
      log = try await FailedStepLog.read(
        client: client, pod: podName, container: step.container, in: podScope, lastLineCount: 10)
    } catch {
      hops.append(
        .init(
          step: "log", status: "skipped", result: "the failed step's log was not read: \(error)",
          evidence: "pod \(podName) container \(step.container)"))
      return
    }
    let evidence = "log of pod \(podName) container \(step.container)"
    if let arch = taskRun.pipelineTask.flatMap(OSBSPipeline.arch(ofPipelineTask:)),
      let host = log.buildHost, !run.buildHosts.contains(where: { $0.arch == arch })
    {
      hops.append(
        .init(
          step: "build-host", status: "ok", result: "\(arch): built on remote host \(host)",
          evidence: evidence + ": Building image=… on host=…"))
    }
    guard !log.lastLines.isEmpty else { return }
    let stepName = PipelineRunLogText.step(ofContainer: step.container)
    report.failedStep = .init(
      pipelineTask: taskRun.pipelineTask ?? taskRun.metadata.name, step: stepName, pod: podName,
      container: step.container, buildHost: log.buildHost, lastLines: log.lastLines)
    // The Koji logs' lines win when the task has them; while it runs, the step's own are the record.
    if var record = report.pipelineRun {
      guard record.lastLines.isEmpty else { return }
      record.lastLines = log.lastLines
      record.lastLinesLog = "\(podName)/\(step.container)"
      report.pipelineRun = record
    }
    hops.append(
      .init(
        step: "log", status: "ok",
        result: "last \(log.lastLines.count) lines of step \(stepName) below",
        evidence: evidence))
  }
}
