import Foundation
import OSBSKit

/// OpenShift Pipelines on the simulated cluster: PipelineRuns of the OSBS binary pipeline whose
/// TaskRuns and pods appear, progress and write their step logs as the pipelines clock moves.
extension OpenShiftCluster {
  public enum PipelinesError: Error, CustomStringConvertible, Equatable {
    case notServed
    case alreadyExists(String)
    case invalid(String)

    public var description: String {
      switch self {
      case .notServed: "the cluster does not run OpenShift Pipelines"
      case .alreadyExists(let name): "pipelineruns.tekton.dev \"\(name)\" already exists"
      case .invalid(let message): message
      }
    }
  }

  var pipelinesNow: Double { configuration.pipelinesClock.now().timeIntervalSince1970 }

  /// Creates a PipelineRun of the binary pipeline from its `v1`-shaped spec.
  @discardableResult
  func createPipelineRun(
    name: String, namespace: String, labels: [String: String] = [:], annotations: [String: String] = [:],
    spec: [String: JSONTree], failure: TektonRunFailure? = nil, stageSeconds: Double? = nil,
    createdAt: Double? = nil
  ) throws(PipelinesError) -> TektonResource {
    guard configuration.tekton.enabled else { throw .notServed }
    let now = createdAt ?? pipelinesNow
    let result = mutate { state -> Result<TektonResource, PipelinesError> in
      let key = ClusterObject.key(namespace: namespace, name: name)
      guard state.objects[.pipelineruns]?[key] == nil else { return .failure(.alreadyExists(name)) }
      var labels = labels
      if case .object(let ref)? = spec["pipelineRef"], case .string(let pipeline)? = ref["name"] {
        labels["tekton.dev/pipeline"] = pipeline
      } else {
        labels["tekton.dev/pipeline"] = name
      }
      var run = TektonRun(
        name: name, namespace: namespace, uid: UUID().uuidString.lowercased(), created: now, startAt: now,
        stageSeconds: stageSeconds ?? configuration.pipelineStageSeconds, labels: labels,
        annotations: annotations, spec: spec, platforms: [], failure: failure, cancel: nil, renderedAt: now,
        release: configuration.tekton)
      if run.failure == nil, !state.tektonFailures.isEmpty {
        run.failure = state.tektonFailures.removeFirst()
      }
      var platforms: [String] = []
      if case .array(let listed)? = run.userParams["platforms"] {
        for case .string(let arch) in listed where TektonBinaryPipeline.arches.contains(arch) {
          platforms.append(arch)
        }
      }
      run.platforms = platforms.isEmpty ? ["x86_64"] : platforms
      if case .string(let pending)? = spec["status"], pending == "PipelineRunPending" { run.startAt = nil }
      state.tektonRuns[key] = run
      render(run, at: now, previous: now - 1, in: &state)
      guard case .pipelineRun(let stored)? = state.objects[.pipelineruns]?[key] else {
        return .failure(.invalid("the run was not stored"))
      }
      return .success(stored)
    }
    return try result.get()
  }

  /// Writes every run's objects and logs up to the pipelines clock, one visible change at a time so
  /// watchers see each step.
  public func advancePipelines() {
    guard configuration.tekton.enabled else { return }
    let now = pipelinesNow
    mutate { state in
      for key in state.tektonRuns.keys.sorted() {
        guard var run = state.tektonRuns[key], run.renderedAt < now else { continue }
        let plan = run.plan
        // A finished run changes no more: its last render stands.
        if run.renderedAt > plan.end {
          run.renderedAt = now
          state.tektonRuns[key] = run
          continue
        }
        let times = Set(run.eventTimes(plan).filter { $0 > run.renderedAt && $0 <= now }).sorted()
        var previous = run.renderedAt
        for time in times + [now] where time > previous {
          render(run, at: time, previous: previous, plan: plan, in: &state)
          previous = time
        }
        run.renderedAt = now
        state.tektonRuns[key] = run
      }
    }
  }

  /// Fails the next created run (or the named one) at `failure`'s task and step.
  public func injectPipelineFailure(
    _ failure: TektonRunFailure, run name: String? = nil, namespace: String? = nil
  )
    throws(ClusterError)
  {
    advancePipelines()
    let found = mutate { state -> Bool in
      guard let name else {
        state.tektonFailures.append(failure)
        return true
      }
      let key = ClusterObject.key(namespace: namespace ?? configuration.namespace, name: name)
      guard var run = state.tektonRuns[key] else { return false }
      run.failure = failure
      state.tektonRuns[key] = run
      return true
    }
    guard found else { throw .notFound(kind: ResourceKind.pipelineruns.qualifiedName, name: name ?? "") }
  }

  /// Applies a new `spec.status` of a run: a cancel value stops it as Tekton does (§6).
  func applySpecStatus(_ value: String?, run key: String, in state: inout State) {
    guard var run = state.tektonRuns[key] else { return }
    let now = max(pipelinesNow, run.renderedAt)
    if run.spec["status"] != value.map({ .string($0) }) { run.generation += 1 }
    run.spec["status"] = value.map { .string($0) }
    if run.startAt == nil, value != "PipelineRunPending" { run.startAt = now }
    state.tektonRuns[key] = run
    guard let value, value != "PipelineRunPending", run.cancel == nil, now < run.plan.end else { return }
    run.cancel = TektonRun.Cancel(value: value, at: max(now, run.renderedAt))
    state.tektonRuns[key] = run
  }

  /// Cancels a run as osbs-client does (`CancelledRunFinally`, or the value the release accepts).
  public func cancelPipelineRun(named name: String, namespace: String? = nil) {
    let key = ClusterObject.key(namespace: namespace ?? configuration.namespace, name: name)
    let accepted = configuration.tekton.acceptedCancelValues
    let value =
      accepted.contains("CancelledRunFinally") ? "CancelledRunFinally" : accepted.first ?? "Cancelled"
    mutate { state in applySpecStatus(value, run: key, in: &state) }
    advancePipelines()
  }

  /// Removes a run with its TaskRuns, pods and logs (owner references cascade).
  func deletePipelineRun(key: String, in state: inout State) {
    guard let object = state.objects[.pipelineruns]?[key] else { return }
    let name = object.metadata.name
    for kind in [ResourceKind.pods, .taskruns] {
      for child in (state.objects[kind] ?? [:]).values.sorted(by: { $0.key < $1.key })
      where child.metadata.namespace == object.metadata.namespace
        && child.metadata.labels?["tekton.dev/pipelineRun"] == name
      {
        _ = save(child, kind: kind, type: "DELETED", in: &state)
        if kind == .pods {
          let prefix = child.key + "/"
          for logKey in state.logs.keys where logKey.hasPrefix(prefix) {
            state.logs.removeValue(forKey: logKey)
          }
        }
      }
    }
    _ = save(object, kind: .pipelineruns, type: "DELETED", in: &state)
    state.tektonRuns.removeValue(forKey: key)
  }

  // MARK: Rendering

  /// Saves the run's objects as they are at `time` (only those that changed) and appends the log
  /// lines written in `(previous, time]`.
  func render(
    _ run: TektonRun, at time: Double, previous: Double, plan given: TektonRun.Plan? = nil,
    in state: inout State
  ) {
    let plan = given ?? run.plan
    let runKey = ClusterObject.key(namespace: run.namespace, name: run.name)
    var prUID = run.uid
    if let stored = state.objects[.pipelineruns]?[runKey] { prUID = stored.metadata.uid ?? run.uid }
    var taskRunStatuses: [String: JSONTree] = [:]
    for entry in plan.scheduled where entry.start <= time {
      let taskRun = renderTaskRun(run, entry, at: time, ownerUID: prUID)
      taskRunStatuses[taskRun.metadata.name] = .object([
        "pipelineTaskName": .string(entry.task.name), "status": .object(taskRun.status),
      ])
      let trUID = commit(.taskRun(taskRun), kind: .taskruns, in: &state)
      let podKey = ClusterObject.key(namespace: run.namespace, name: run.podName(entry.task))
      if entry.outcome == .cancelled && time >= entry.end {
        // Cancelled TaskRuns lose their pods.
        if let pod = state.objects[.pods]?[podKey] {
          _ = save(pod, kind: .pods, type: "DELETED", in: &state)
          for logKey in state.logs.keys where logKey.hasPrefix(podKey + "/") {
            state.logs.removeValue(forKey: logKey)
          }
        }
        continue
      }
      if state.objects[.pods]?[podKey] == nil && time >= entry.end && previous >= entry.end { continue }
      _ = commit(.pod(renderPod(run, entry, at: time, ownerUID: trUID, in: state)), kind: .pods, in: &state)
      for (index, step) in entry.task.steps.enumerated() {
        let lines = run.logLines(entry, step: index).filter { $0.time > previous && $0.time <= time }
        guard !lines.isEmpty else { continue }
        let logKey = podKey + "/step-" + step
        let all = run.logLines(entry, step: index)
        for line in lines {
          let last = line.time == all.last?.time
          state.logs[logKey, default: BuildLogStore(generation: configuration.generation)].append(
            line.text + (last ? "" : "\n"), start: Int64(line.time * 1_000_000_000))
        }
      }
    }
    var pipelineRun = renderPipelineRun(run, plan: plan, at: time)
    if configuration.tekton.embedsTaskRunStatus { pipelineRun.embeddedTaskRuns = .object(taskRunStatuses) }
    _ = commit(.pipelineRun(pipelineRun), kind: .pipelineruns, in: &state)
  }

  /// Saves `object` if it differs from what is stored (keeping uid, resourceVersion and creation time);
  /// returns its uid.
  func commit(_ object: ClusterObject, kind: ResourceKind, in state: inout State) -> String? {
    var object = object
    let stored = state.objects[kind]?[object.key]
    if let stored {
      object.metadata.uid = stored.metadata.uid
      object.metadata.resourceVersion = stored.metadata.resourceVersion
      object.metadata.creationTimestamp = stored.metadata.creationTimestamp
      if object == stored { return stored.metadata.uid }
    }
    return save(object, kind: kind, type: stored == nil ? "ADDED" : "MODIFIED", in: &state).metadata.uid
  }

  private func rfc(_ seconds: Double) -> JSONTree { .string(ClusterClock.rfc3339(seconds: Int64(seconds))) }

  private func condition(_ status: String, _ reason: String, _ message: String?, at time: Double) -> JSONTree
  {
    var object: [String: JSONTree] = [
      "type": .string("Succeeded"), "status": .string(status), "reason": .string(reason),
      "lastTransitionTime": rfc(time),
    ]
    if let message, !message.isEmpty { object["message"] = .string(message) }
    return .array([.object(object)])
  }

  func renderPipelineRun(_ run: TektonRun, plan: TektonRun.Plan, at time: Double) -> TektonResource {
    let started = plan.scheduled.filter { $0.start <= time }
    let done = started.filter { $0.end <= time }
    let failed = done.filter { if case .failed = $0.outcome { return true } else { return false } }.count
    let cancelled = done.filter { $0.outcome == .cancelled }.count
    let skipped = plan.skipped.filter { $0.decidedAt <= time }
    let total = TektonBinaryPipeline.tasks.count
    let lastChange = run.eventTimes(plan).filter { $0 <= time }.max() ?? run.created
    var status: [String: JSONTree] = [:]
    guard let startAt = run.startAt else {
      status["conditions"] = condition(
        "Unknown", "PipelineRunPending", "PipelineRun \"\(run.name)\" is pending", at: run.created)
      return TektonResource(
        isPipelineRun: true,
        metadata: ObjectMeta(
          name: run.name, namespace: run.namespace, uid: run.uid,
          creationTimestamp: ClusterClock.rfc3339(seconds: Int64(run.created)), labels: run.labels,
          annotations: run.annotations.isEmpty ? nil : run.annotations),
        generation: run.generation, spec: run.spec, status: status)
    }
    status["startTime"] = rfc(startAt)
    let counts = "Tasks Completed: \(done.count) (Failed: \(failed), Cancelled \(cancelled))"
    if time >= plan.end {
      status["completionTime"] = rfc(plan.end)
      if let cancel = run.cancel {
        status["conditions"] = condition(
          "False", configuration.tekton.cancelReason(for: cancel.value),
          "PipelineRun \"\(run.name)\" was cancelled", at: lastChange)
      } else if failed > 0 {
        status["conditions"] = condition(
          "False", "Failed", "\(counts), Skipped: \(skipped.count)", at: lastChange)
      } else {
        status["conditions"] = condition(
          "True", skipped.isEmpty ? "Succeeded" : "Completed", "\(counts), Skipped: \(skipped.count)",
          at: lastChange)
      }
    } else if time < startAt + run.stageSeconds * 0.1 {
      status["conditions"] = condition("Unknown", "Started", nil, at: startAt)
    } else {
      var reason = "Running"
      if let cancel = run.cancel, cancel.at <= time {
        reason =
          cancel.value == "StoppedRunFinally"
          ? "StoppedRunningFinally"
          : cancel.value == "CancelledRunFinally" ? "CancelledRunningFinally" : reason
      } else if failed > 0 {
        reason = "PipelineRunStopping"
      }
      let incomplete = total - done.count - skipped.count
      status["conditions"] = condition(
        "Unknown", reason, "\(counts), Incomplete: \(incomplete), Skipped: \(skipped.count)", at: lastChange)
    }
    if configuration.tekton.writesChildReferences, !started.isEmpty {
      status["childReferences"] = .array(
        started.map { entry in
          var reference: [String: JSONTree] = [
            "apiVersion": .string(configuration.tekton.childReferenceAPIVersion), "kind": .string("TaskRun"),
            "name": .string(run.taskRunName(entry.task)), "pipelineTaskName": .string(entry.task.name),
          ]
          if let when = resolvedWhen(entry.task, run: run) { reference["whenExpressions"] = when }
          return .object(reference)
        })
    }
    if !skipped.isEmpty {
      status["skippedTasks"] = .array(
        skipped.map { entry in
          var object: [String: JSONTree] = [
            "name": .string(entry.task.name), "reason": .string("When Expressions evaluated to false"),
          ]
          if let when = resolvedWhen(entry.task, run: run) { object["whenExpressions"] = when }
          return .object(object)
        })
    }
    if time >= plan.end {
      var results: [JSONTree] = []
      for (name, _) in TektonBinaryPipeline.results {
        guard let value = pipelineResult(name, run: run, plan: plan) else { continue }
        results.append(.object(["name": .string(name), "value": value]))
      }
      if !results.isEmpty { status["results"] = .array(results) }
    }
    if case .object? = run.spec["pipelineRef"] { status["pipelineSpec"] = TektonBinaryPipeline.pipelineSpec }
    var spec = run.spec
    if let cancel = run.cancel { spec["status"] = .string(cancel.value) }
    return TektonResource(
      isPipelineRun: true,
      metadata: ObjectMeta(
        name: run.name, namespace: run.namespace, uid: run.uid,
        creationTimestamp: ClusterClock.rfc3339(seconds: Int64(run.created)),
        labels: run.labels, annotations: run.annotations.isEmpty ? nil : run.annotations),
      generation: run.generation, spec: spec, status: status)
  }

  /// A `when` expression with its result references resolved, as the controller records it.
  func resolvedWhen(_ task: TektonPipelineTask, run: TektonRun) -> JSONTree? {
    guard task.when != nil else { return nil }
    if let arch = task.arch {
      return TektonBinaryPipeline.when(input: arch, values: run.platforms)
    }
    let wanted = task.name == "binary-container-cachito" ? "1" : "2"
    return TektonBinaryPipeline.when(input: "0", values: [wanted])
  }

  /// A pipeline result from the task that produces it, if that task succeeded.
  func pipelineResult(_ name: String, run: TektonRun, plan: TektonRun.Plan) -> JSONTree? {
    guard let source = TektonBinaryPipeline.results.first(where: { $0.name == name })?.value else {
      return nil
    }
    for entry in plan.scheduled where entry.outcome == .succeeded {
      let prefix =
        entry.task.isFinally ? "$(finally.\(entry.task.name).results." : "$(tasks.\(entry.task.name).results."
      guard source.hasPrefix(prefix) else { continue }
      let resultName = String(source.dropFirst(prefix.count).dropLast())
      return run.taskResults(entry.task).first { $0.name == resultName }?.value
    }
    return nil
  }

  func taskRunLabels(_ run: TektonRun, _ task: TektonPipelineTask) -> [String: String] {
    var labels = run.labels
    labels["tekton.dev/pipelineRun"] = run.name
    labels["tekton.dev/pipelineTask"] = task.name
    labels["tekton.dev/memberOf"] = task.isFinally ? "finally" : "tasks"
    labels["tekton.dev/task"] = task.task
    labels["app.kubernetes.io/managed-by"] = labels["app.kubernetes.io/managed-by"] ?? "tekton-pipelines"
    return labels
  }

  func renderTaskRun(_ run: TektonRun, _ entry: TektonRun.Scheduled, at time: Double, ownerUID: String?)
    -> TektonResource
  {
    let task = entry.task
    let name = run.taskRunName(task)
    let windows = run.stepWindows(entry)
    let finished = time >= entry.end
    var params: [JSONTree] = [
      .object(["name": .string("osbs-image"), "value": .string(run.param("osbs-image") ?? "")]),
      .object(["name": .string("pipeline-run-name"), "value": .string(run.name)]),
      .object(["name": .string("user-params"), "value": .string(run.param("user-params") ?? "{}")]),
    ]
    if let arch = task.arch { params.append(.object(["name": .string("platform"), "value": .string(arch)])) }
    var spec: [String: JSONTree] = [
      "params": .array(params), "serviceAccountName": .string(serviceAccount(run)),
      "taskRef": .object(["kind": .string("Task"), "name": .string(task.task)]),
      "timeout": .string("2h0m0s"),
    ]
    let podName = run.podName(task)
    var status: [String: JSONTree] = ["podName": .string(podName), "startTime": rfc(entry.start)]
    var steps: [JSONTree] = []
    for (index, step) in task.steps.enumerated() {
      var object: [String: JSONTree] = ["name": .string(step), "container": .string("step-\(step)")]
      let window = windows[index]
      if time < entry.runningFrom {
        object["waiting"] = .object(["reason": .string("PodInitializing")])
      } else {
        object["imageID"] = .string(imageID(run))
        if finished || time >= window.end {
          var terminated: [String: JSONTree] = [
            "exitCode": .int(0), "reason": .string("Completed"), "startedAt": rfc(window.start),
            "finishedAt": rfc(min(window.end, entry.end)), "containerID": .string(containerID(podName, step)),
          ]
          switch entry.outcome {
          case .failed(let failing, let message) where failing == index:
            terminated["exitCode"] = .int(1)
            terminated["reason"] = .string("Error")
            terminated["message"] = .string(run.stepResultsMessage([("task_result", .string(message))]))
          case .failed(let failing, _) where index > failing:
            terminated["exitCode"] = .int(1)
            terminated["reason"] = .string("Error")
          case .cancelled where window.end > entry.end || index == task.steps.count - 1:
            terminated["exitCode"] = .int(1)
            terminated["reason"] = .string("TaskRunCancelled")
          default:
            let results = run.taskResults(task).filter {
              if case .string = $0.value { return true } else { return false }
            }
            if !results.isEmpty && index == task.steps.count - 1 {
              terminated["message"] = .string(run.stepResultsMessage(results))
            }
          }
          object["terminated"] = .object(terminated)
        } else {
          object["running"] = .object(["startedAt": rfc(window.start)])
        }
      }
      steps.append(.object(object))
    }
    status["steps"] = .array(steps)
    status["taskSpec"] = taskSpec(task)
    let lastChange = [entry.start, entry.runningFrom, entry.end].filter { $0 <= time }.max() ?? entry.start
    if finished {
      status["completionTime"] = rfc(entry.end)
      switch entry.outcome {
      case .succeeded:
        status["conditions"] = condition(
          "True", "Succeeded", "All Steps have completed executing", at: lastChange)
        let results = run.taskResults(task)
        if !results.isEmpty {
          status["results"] = .array(
            results.map { result in
              var type = "string"
              if case .array = result.value { type = "array" }
              return .object(["name": .string(result.name), "type": .string(type), "value": result.value])
            })
        }
      case .failed(let index, _):
        let step = "step-\(task.steps[index])"
        status["conditions"] = condition(
          "False", "Failed",
          "\"\(step)\" exited with code 1 (image: \"\(imageID(run))\"); for logs run: kubectl -n \(run.namespace) logs \(podName) -c \(step)",
          at: lastChange)
      case .cancelled:
        status["conditions"] = condition(
          "False", "TaskRunCancelled", "TaskRun \"\(name)\" was cancelled", at: lastChange)
        spec["status"] = .string("TaskRunCancelled")
        spec["statusMessage"] = .string(
          "TaskRun cancelled as the PipelineRun it belongs to has been cancelled.")
      }
    } else if time < entry.runningFrom {
      status["conditions"] = condition(
        "Unknown", "Pending",
        "pod status \"Initialized\":\"False\"; message: \"containers with incomplete status: [prepare place-scripts]\"",
        at: lastChange)
    } else {
      status["conditions"] = condition(
        "Unknown", "Running", "Not all Steps in the Task have finished executing", at: lastChange)
    }
    return TektonResource(
      isPipelineRun: false,
      metadata: ObjectMeta(
        name: name, namespace: run.namespace,
        creationTimestamp: ClusterClock.rfc3339(seconds: Int64(entry.start)),
        labels: taskRunLabels(run, task), annotations: run.annotations.isEmpty ? nil : run.annotations,
        ownerReferences: [
          OwnerReference(
            apiVersion: configuration.tekton.childReferenceAPIVersion, kind: "PipelineRun", name: run.name,
            uid: ownerUID, controller: true, blockOwnerDeletion: true)
        ]),
      spec: spec, status: status)
  }

  /// `status.taskSpec`: the resolved Task spec the controller copies into the TaskRun (the Task's
  /// params, results and steps as atomic-reactor defines them).
  func taskSpec(_ task: TektonPipelineTask) -> JSONTree {
    var params = ["osbs-image", "pipeline-run-name", "user-params"]
    if task.arch != nil { params.append("platform") }
    let arrays: Set<String> = ["platforms_array"]
    return .object([
      "params": .array(params.map { .object(["name": .string($0), "type": .string("string")]) }),
      "results": .array(
        task.results.map {
          .object(["name": .string($0), "type": .string(arrays.contains($0) ? "array" : "string")])
        }),
      "steps": .array(
        task.steps.map {
          .object([
            "name": .string($0), "image": .string("$(params.osbs-image)"),
            "workingDir": .string("$(workspaces.ws-home-dir.path)"),
          ])
        }),
    ])
  }

  func serviceAccount(_ run: TektonRun) -> String {
    if case .object(let template)? = run.spec["taskRunTemplate"],
      case .string(let account)? = template["serviceAccountName"]
    {
      return account
    }
    return "pipeline"
  }

  func imageID(_ run: TektonRun) -> String {
    let image = run.param("osbs-image") ?? "quay.io/containerbuildsystem/osbs-image:latest"
    let base = image.split(separator: "@").first.map(String.init) ?? image
    let withoutTag =
      base.split(separator: ":").count > 2 || !base.contains(":")
      ? base : String(base.split(separator: ":")[0])
    return withoutTag + "@sha256:" + MD5.hex(image) + MD5.hex(image + "!")
  }

  func containerID(_ pod: String, _ step: String) -> String {
    "cri-o://" + MD5.hex(pod + step) + MD5.hex(step + pod)
  }

  func renderPod(
    _ run: TektonRun, _ entry: TektonRun.Scheduled, at time: Double, ownerUID: String?, in state: State
  )
    -> Pod
  {
    let task = entry.task
    let name = run.podName(task)
    let key = ClusterObject.key(namespace: run.namespace, name: name)
    var existing: Pod?
    if case .pod(let pod)? = state.objects[.pods]?[key] { existing = pod }
    var chosen: String?
    if let failure = run.failure, failure.pipelineTask == task.name { chosen = failure.node }
    let node = existing?.spec.nodeName ?? chosen ?? pickNode(in: state, seed: name)
    var labels = taskRunLabels(run, task)
    labels["tekton.dev/taskRun"] = run.taskRunName(task)
    let image = run.param("osbs-image") ?? "quay.io/containerbuildsystem/osbs-image:latest"
    let phase: String
    if time < entry.runningFrom {
      phase = "Pending"
    } else if time < entry.end {
      phase = "Running"
    } else if case .failed = entry.outcome {
      phase = "Failed"
    } else {
      phase = "Succeeded"
    }
    let windows = run.stepWindows(entry)
    let statuses = task.steps.enumerated().map { index, step -> ContainerStatus in
      var status = ContainerStatus(
        name: "step-\(step)", ready: phase == "Running" && time < windows[index].end, restartCount: 0,
        image: image, imageID: phase == "Pending" ? "" : imageID(run))
      if phase == "Pending" {
        status.state = ContainerState(waiting: .init(reason: "PodInitializing"))
      } else if time >= windows[index].end || time >= entry.end {
        status.containerID = containerID(name, step)
        var failedHere = false
        if case .failed(let failing, _) = entry.outcome, index >= failing { failedHere = true }
        status.state = ContainerState(
          terminated: .init(
            exitCode: failedHere ? 1 : 0, reason: failedHere ? "Error" : "Completed",
            startedAt: ClusterClock.rfc3339(seconds: Int64(windows[index].start)),
            finishedAt: ClusterClock.rfc3339(seconds: Int64(min(windows[index].end, entry.end))),
            containerID: containerID(name, step)))
      } else {
        status.containerID = containerID(name, step)
        status.state = ContainerState(
          running: .init(startedAt: ClusterClock.rfc3339(seconds: Int64(entry.runningFrom))))
      }
      return status
    }
    let scheduledAt = ClusterClock.rfc3339(seconds: Int64(entry.start))
    return Pod(
      metadata: ObjectMeta(
        name: name, namespace: run.namespace, creationTimestamp: scheduledAt, labels: labels,
        annotations: ["pipeline.tekton.dev/release": "v\(configuration.tekton.description)"],
        ownerReferences: [
          OwnerReference(
            apiVersion: configuration.tekton.childReferenceAPIVersion, kind: "TaskRun",
            name: run.taskRunName(task),
            uid: ownerUID, controller: true, blockOwnerDeletion: true)
        ]),
      spec: PodSpec(
        nodeName: node,
        containers: task.steps.map { PodSpec.Container(name: "step-\($0)", image: image) },
        restartPolicy: "Never", dnsPolicy: "ClusterFirst", serviceAccount: serviceAccount(run),
        serviceAccountName: serviceAccount(run), schedulerName: "default-scheduler",
        terminationGracePeriodSeconds: 30,
        initContainers: [
          PodSpec.Container(name: "prepare", image: image),
          PodSpec.Container(name: "place-scripts", image: image),
        ]),
      status: PodStatus(
        phase: phase, podIP: existing?.status.podIP ?? podIP(name), hostIP: nodeIP(node, in: state),
        startTime: scheduledAt,
        conditions: configuration.generation.podConditions(
          phase: phase, container: "step-\(task.steps[0])", scheduled: scheduledAt,
          changed: ClusterClock.rfc3339(
            seconds: Int64(
              [entry.start, entry.runningFrom, entry.end].filter { $0 <= time }.max() ?? entry.start))),
        containerStatuses: statuses, qosClass: "Burstable"))
  }

  func podIP(_ name: String) -> String {
    let digest = MD5.digest(Array(name.utf8))
    return "10.129.\(digest[0]).\(digest[1] % 250 + 2)"
  }
}
