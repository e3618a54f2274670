import Foundation

/// Every step of every TaskRun of a PipelineRun, as `tkn pipelinerun logs [-f]` reads them (tektoncd/cli
/// pkg/log): per TaskRun its pods (earlier retries first), per pod the step containers in step order,
/// each container's log streamed to its end before the next.
///
/// A finished run is read TaskRun by TaskRun in the pipeline's order (`status.pipelineSpec` tasks, then
/// `finally`; creation order where the spec is not in the status), re-sorted by completion time, else
/// start time, as tkn does (see `logOrder`). Following an unfinished run, each
/// TaskRun is read as soon as it has a pod, alongside the others, so lines of parallel TaskRuns interleave
/// as they arrive; the run is re-read until it has finished and no new TaskRun appeared.
///
/// Each container is read with `BuildLogStream`: stamped, resumed from `sinceTime` after a cut without
/// losing or repeating a line, proven complete by its tail once the container terminated, and a
/// container still `…waiting to start: PodInitializing` is waited for. A step that has not started when
/// the (finished) run is read is skipped, as tkn does.
public struct PipelineRunLogStream: Sendable {
  public let tekton: TektonClient
  public let name: String
  public let scope: NamespaceScope
  public let follow: Bool
  public let timestamps: Bool

  public init(
    tekton: TektonClient, name: String, scope: NamespaceScope = .current, follow: Bool = false,
    timestamps: Bool = false
  ) {
    self.tekton = tekton
    self.name = name
    self.scope = scope
    self.follow = follow
    self.timestamps = timestamps
  }

  private var openShift: OpenShiftClient { tekton.openShift }
  private var podScope: NamespaceScope { scope == .all ? .current : scope }

  /// How many events may wait for a slow consumer before the TaskRun readers stop reading: each waits
  /// in `send` instead, and the kubelet's stream is held back by the HTTP layer's own bounded buffer.
  public static let bufferedEvents = 16

  /// The events in arrival order. Ends when every TaskRun's steps have ended; fails with the first error.
  /// Memory stays flat however slow the consumer is: the readers wait for it (see `bufferedEvents`).
  public func events() -> BoundedChannel<PipelineRunLogEvent>.Stream {
    let reader = self
    return BoundedChannel.producing(capacity: Self.bufferedEvents) { out in
      if reader.follow {
        try await reader.followRun(out)
      } else {
        try await reader.readFinishedRun(out)
      }
    }
  }

  // MARK: the run

  private func readFinishedRun(_ out: BoundedChannel<PipelineRunLogEvent>)
    async throws
  {
    let run = try await tekton.pipelineRun(named: name, in: scope)
    let order = try await pipelineOrder()
    let taskRuns = try await tekton.taskRuns(ofPipelineRun: run)
    for taskRun in Self.logOrder(taskRuns, pipelineOrder: order) {
      try Task.checkCancellation()
      try await stream(taskRun, follow: false, out)
    }
  }

  private func followRun(_ out: BoundedChannel<PipelineRunLogEvent>)
    async throws
  {
    try await withThrowingTaskGroup(of: Void.self) { group in
      var started: Set<String> = []
      var seenRun = false
      while true {
        let run: PipelineRun
        do {
          run = try await tekton.pipelineRun(named: name, in: scope)
          seenRun = true
        } catch let error as OpenShiftError where error.failureKind == .notFound && seenRun {
          // Deleted (koji-containerbuild removes the run when its task ends): its pods go with it, so
          // the readers already started end as their pods disappear.
          break
        }
        // Read after the run, so a run seen finished lists every TaskRun it will ever have.
        let taskRuns = try await tekton.taskRuns(ofPipelineRun: run)
        for taskRun in taskRuns
        where taskRun.status?.podName != nil && !started.contains(taskRun.metadata.name) {
          started.insert(taskRun.metadata.name)
          group.addTask { try await self.stream(taskRun, follow: true, out) }
        }
        if run.state.isFinished { break }
        try await Task.sleep(for: openShift.options.initialBackoff)
      }
      try await group.waitForAll()
    }
  }

  /// The pipeline's task order from the run's status (`pipelineSpec.tasks`, then `finally`); empty when
  /// the status does not carry the spec.
  private func pipelineOrder() async throws -> [String] {
    struct Shape: Decodable {
      struct Status: Decodable {
        struct Spec: Decodable {
          struct Task: Decodable { var name: String }
          var tasks: [Task]?
          var `finally`: [Task]?
        }
        var pipelineSpec: Spec?
      }
      var status: Status?
    }
    let raw = try await tekton.rawPipelineRun(named: name, in: scope)
    guard let spec = (try? JSONDecoder().decode(Shape.self, from: raw))?.status?.pipelineSpec else {
      return []
    }
    return ((spec.tasks ?? []) + (spec.finally ?? [])).map(\.name)
  }

  /// TaskRuns by their pipeline task's place in `order`; those not in it keep their order, after.
  static func sorted(_ taskRuns: [TaskRun], by order: [String]) -> [TaskRun] {
    let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    return taskRuns.enumerated().sorted { left, right in
      let leftKey = (position[left.element.pipelineTask ?? ""] ?? Int.max, left.offset)
      let rightKey = (position[right.element.pipelineTask ?? ""] ?? Int.max, right.offset)
      return leftKey < rightKey
    }.map(\.element)
  }

  /// tkn's order for a finished run: the pipeline's order, then re-sorted by completion time when both
  /// TaskRuns have one, else by start time when both have one. tkn re-sorts with Go's `sort.Sort`, which
  /// is not stable, so TaskRuns it cannot tell apart may come out in any order; this sort is stable (ties
  /// keep the pipeline's order) so the same run always reads the same.
  static func logOrder(_ taskRuns: [TaskRun], pipelineOrder order: [String]) -> [TaskRun] {
    func times(_ left: TaskRun, _ right: TaskRun) -> (Date, Date)? {
      func date(_ text: String?) -> Date? { text.flatMap { UTCTime.date(rfc3339: $0) } }
      if let leftEnd = date(left.status?.completionTime), let rightEnd = date(right.status?.completionTime) {
        return (leftEnd, rightEnd)
      }
      if let leftStart = date(left.status?.startTime), let rightStart = date(right.status?.startTime) {
        return (leftStart, rightStart)
      }
      return nil
    }
    return sorted(taskRuns, by: order).enumerated().sorted { left, right in
      if let (leftTime, rightTime) = times(left.element, right.element), leftTime != rightTime {
        return leftTime < rightTime
      }
      return left.offset < right.offset
    }.map(\.element)
  }

  // MARK: one TaskRun

  private func stream(
    _ first: TaskRun, follow: Bool, _ out: BoundedChannel<PipelineRunLogEvent>
  ) async throws {
    var taskRun = first
    let task = taskRun.pipelineTask ?? taskRun.metadata.name
    for podName in taskRun.podNames {
      guard let pod = try await startedPod(podName, follow: follow) else { continue }
      if taskRun.status?.steps?.isEmpty ?? true, follow {
        // The steps are listed once the pod runs; the pod's containers say the same in the same order.
        taskRun = (try? await tekton.taskRun(named: taskRun.metadata.name, in: scope)) ?? taskRun
      }
      for container in Self.stepContainers(of: taskRun, pod: pod, current: podName == taskRun.status?.podName)
      {
        try Task.checkCancellation()
        let step = PipelineRunLogText.step(ofContainer: container.name)
        // A terminated container's log is complete: following it proves that by its tail, and resumes a
        // cut. A running one is only followed when asked; one not started is skipped unless following.
        guard follow || container.started else { continue }
        var log = openShift.containerLog(
          pod: podName, container: container.name, in: podScope, follow: follow || container.terminated,
          timestamps: timestamps
        ).makeAsyncIterator()
        while let chunk = try await log.next() {
          try await out.send(.lines(pipelineTask: task, step: step, chunk))
        }
        try await out.send(.stepEnded(pipelineTask: task, step: step))
      }
    }
  }

  struct StepContainer: Equatable {
    var name: String
    var started: Bool
    var terminated: Bool
  }

  /// The step containers of `pod` in step order: the TaskRun's `status.steps` for its current pod (the
  /// same order as the pod's containers), else the pod's `step-` containers; leaving out those whose pod
  /// ended before they started.
  static func stepContainers(of taskRun: TaskRun, pod: Pod, current: Bool) -> [StepContainer] {
    let statuses = Dictionary(
      (pod.status.containerStatuses ?? []).map { ($0.name, $0.state) },
      uniquingKeysWith: { first, _ in first })
    func container(_ name: String) -> StepContainer? {
      let state = statuses[name] ?? nil
      // A pod that failed in its init containers (or was evicted first) ends with its steps still waiting:
      // they never ran, have no log, and the kubelet answers "waiting to start" for as long as it exists.
      if pod.isFinished, state?.waiting != nil { return nil }
      let terminated = state?.terminated != nil || pod.isFinished
      return StepContainer(name: name, started: terminated || state?.running != nil, terminated: terminated)
    }
    if current, let steps = taskRun.status?.steps, !steps.isEmpty {
      return steps.compactMap { container($0.container) }
    }
    return (pod.spec.containers ?? []).map(\.name).filter { $0.hasPrefix("step-") }.compactMap(container)
  }

  /// The pod once it runs or has run (tkn waits for Running, Succeeded or Failed); nil when it is gone,
  /// or, not following, when it has not started.
  private func startedPod(_ name: String, follow: Bool) async throws -> Pod? {
    while true {
      let pod: Pod
      do {
        pod = try await openShift.pod(named: name, in: podScope)
      } catch let error as OpenShiftError where error.failureKind == .notFound {
        return nil
      }
      if ["Running", "Succeeded", "Failed"].contains(pod.status.phase ?? "") || !follow { return pod }
      try await Task.sleep(for: openShift.options.initialBackoff)
    }
  }
}
