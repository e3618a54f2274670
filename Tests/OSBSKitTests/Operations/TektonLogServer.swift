import Foundation
import Synchronization
import TestSupport

/// A loopback API server for one OSBS PipelineRun: `tekton.dev` discovery, the run, its TaskRuns and pods
/// in the shapes of the tekton-wire recordings (v1: `childReferences`, TaskRun labels, `podName`,
/// `steps[].container`, pod containers in step order), and each step container's log as the kubelet
/// serves it (`timestamps`, `sinceTime`, `tailLines`, `follow`). Tests script cuts (a reply stopped
/// mid-body), `…is waiting to start: PodInitializing` answers, and TaskRuns that appear as the run goes.
final class TektonLogServer: Sendable {
  struct Step: Sendable {
    var name: String
    /// The log as the container wrote it; the last line may lack its newline.
    var log: String
    /// Each line's stamp, when not `TektonLogServer.stamp`'s rising ones (a log stamped out of order).
    var stamps: [String]? = nil
    var container: String { "step-\(name)" }

    /// Lines with their newlines (the last without one if the log has none). Split on bytes, so a log
    /// of hundreds of MiB (the memory test) is served quickly.
    var lines: [String] {
      var pieces = log.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      let last = pieces.removeLast()
      var lines = pieces.map { String(decoding: $0, as: UTF8.self) + "\n" }
      if !last.isEmpty { lines.append(String(decoding: last, as: UTF8.self)) }
      return lines
    }
  }

  struct TaskRunPlan: Sendable {
    var pipelineTask: String
    var name: String
    var pod: String
    var steps: [Step]
    /// The run lists it from this run read on (0: from the start).
    var appearsAtRead = 0
    var startTime = "2026-12-04T16:17:00Z"
    /// nil: the TaskRun's status has no `completionTime`.
    var completionTime: String? = "2026-12-04T16:17:30Z"
  }

  struct State {
    var reads = 0
    /// Cut offsets still to apply, per container key, one per log request.
    var cuts: [String: [Int]] = [:]
    var waiting: [String: Int] = [:]
    /// Containers of a pod that ended before they started (an init container failed): the kubelet
    /// answers "waiting to start" for as long as the pod exists.
    var neverStarting: Set<String> = []
    var logRequests: [String] = []
  }

  let namespace = "osbs"
  let run: String
  let taskRuns: [TaskRunPlan]
  /// The pipeline's task order (`status.pipelineSpec`), differing from creation order on purpose.
  let pipelineOrder: [String]
  /// The run is finished from this read on.
  let finishedAtRead: Int
  let state = Mutex(State())
  let server: HostileHTTPServer

  init(run: String, taskRuns: [TaskRunPlan], pipelineOrder: [String], finishedAtRead: Int = 0) throws {
    self.run = run
    self.taskRuns = taskRuns
    self.pipelineOrder = pipelineOrder
    self.finishedAtRead = finishedAtRead
    server = try HostileHTTPServer { _ in .raw(Data()) }
    server.setHandler { [unowned self] request in self.answer(request) }
  }

  deinit { server.stop() }

  static func key(_ pod: String, _ container: String) -> String { "\(pod)/\(container)" }

  func cut(pod: String, container: String, at offsets: [Int]) {
    state.withLock { $0.cuts[Self.key(pod, container)] = offsets }
  }

  func waitToStart(pod: String, container: String, requests: Int) {
    state.withLock { $0.waiting[Self.key(pod, container)] = requests }
  }

  func failInInit(pod: String, container: String) {
    state.withLock { _ = $0.neverStarting.insert(Self.key(pod, container)) }
  }

  /// Stamp of line `index` of a step: three lines share each stamp, so a resume must count, not just compare.
  static func stamp(step: Int, line index: Int) -> String {
    let nanos = String(format: "%09d", (index / 3) * 1_000 + 7)
    return "2026-12-04T16:17:\(String(format: "%02d", 10 + step)).\(nanos)Z"
  }

  // MARK: answers

  private func answer(_ request: HostileHTTPServer.Request) -> HostileHTTPServer.Reply {
    let (path, query) = Self.split(request.path)
    let base = "/apis/tekton.dev/v1/namespaces/\(namespace)"
    if path == "/apis" { return json(Self.groups) }
    if path == "\(base)/pipelineruns/\(run)" {
      let read = state.withLock { state in
        defer { state.reads += 1 }
        return state.reads
      }
      return json(pipelineRun(read: read))
    }
    let visible = visibleTaskRuns()
    if path == "\(base)/taskruns" {
      return json([
        "apiVersion": "tekton.dev/v1", "kind": "TaskRunList", "metadata": [:], "items": visible.map(taskRun),
      ])
    }
    if path.hasPrefix("\(base)/taskruns/") {
      let name = String(path.dropFirst("\(base)/taskruns/".count))
      guard let plan = visible.first(where: { $0.name == name }) else { return notFound("taskruns", name) }
      return json(taskRun(plan))
    }
    let pods = "/api/v1/namespaces/\(namespace)/pods/"
    if path.hasPrefix(pods) {
      let rest = path.dropFirst(pods.count)
      let podName = String(rest.split(separator: "/").first ?? "")
      guard let plan = visible.first(where: { $0.pod == podName }) else { return notFound("pods", podName) }
      if rest.hasSuffix("/log") { return log(plan, query) }
      return json(pod(plan))
    }
    return notFound("paths", path)
  }

  private func visibleTaskRuns() -> [TaskRunPlan] {
    let reads = state.withLock { $0.reads }
    return taskRuns.filter { $0.appearsAtRead < max(reads, 1) }
  }

  private func log(_ plan: TaskRunPlan, _ query: [String: String]) -> HostileHTTPServer.Reply {
    guard let container = query["container"],
      let stepIndex = plan.steps.firstIndex(where: { $0.container == container })
    else {
      return status(400, "BadRequest", "a container name must be specified for pod \(plan.pod)")
    }
    let key = Self.key(plan.pod, container)
    let waiting = state.withLock { state -> Bool in
      state.logRequests.append(key)
      if state.neverStarting.contains(key) {
        // Bounded, so that a client that never gives up shows as a failed count, not a hung test.
        return state.logRequests.count { $0 == key } <= 40
      }
      guard let left = state.waiting[key], left > 0 else { return false }
      state.waiting[key] = left - 1
      return true
    }
    if !waiting, state.withLock({ $0.neverStarting.contains(key) }) { return notFound("pods", plan.pod) }
    if waiting {
      return status(
        400, "BadRequest",
        "container \"\(container)\" in pod \"\(plan.pod)\" is waiting to start: PodInitializing")
    }
    let stepNumber =
      taskRuns.flatMap(\.steps).firstIndex {
        $0.container == container && $0.name == plan.steps[stepIndex].name
      } ?? 0
    let stamps = plan.steps[stepIndex].stamps
    var lines = plan.steps[stepIndex].lines.enumerated().map { index, line in
      (stamp: stamps?[index] ?? Self.stamp(step: stepNumber, line: index), text: line)
    }
    if let since = query["sinceTime"] { lines = lines.filter { $0.stamp >= since } }
    if let tail = query["tailLines"].flatMap(Int.init) { lines = Array(lines.suffix(tail)) }
    let stamped = query["timestamps"] == "true"
    var body = Data(lines.map { stamped ? "\($0.stamp) \($0.text)" : $0.text }.joined().utf8)
    if query["tailLines"] == nil {
      let cut = state.withLock { state -> Int? in
        guard var offsets = state.cuts[key], !offsets.isEmpty else { return nil }
        let offset = offsets.removeFirst()
        state.cuts[key] = offsets
        return offset
      }
      // A cut always loses something: it lands inside the body.
      if let cut, body.count > 1 { body = body.prefix(min(cut, body.count - 1)) }
    }
    return .raw(
      HostileHTTPServer.Reply.head(status: 200, reason: "OK", headers: ["Content-Type: text/plain"]) + body)
  }

  // MARK: objects

  private func pipelineRun(read: Int) -> [String: Any] {
    let finished = read >= finishedAtRead
    let visible = taskRuns.filter { $0.appearsAtRead <= read }
    let condition: [String: Any] =
      finished
      ? [
        "type": "Succeeded", "status": "True", "reason": "Completed",
        "message": "Tasks Completed: \(visible.count) (Failed: 0, Cancelled 0), Skipped: 0",
        "lastTransitionTime": "2026-12-04T16:18:00Z",
      ]
      : [
        "type": "Succeeded", "status": "Unknown", "reason": "Running",
        "message": "Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: \(taskRuns.count), Skipped: 0",
        "lastTransitionTime": "2026-12-04T16:17:00Z",
      ]
    return [
      "apiVersion": "tekton.dev/v1", "kind": "PipelineRun",
      "metadata": [
        "name": run, "namespace": namespace, "uid": "0f8e3a52-5d1c-4d8e-9a57-5e0a3c2b6d11",
        "labels": ["tekton.dev/pipeline": "binary-container-0-2"],
        "creationTimestamp": "2026-12-04T16:16:58Z",
      ],
      "spec": ["pipelineRef": ["name": "binary-container-0-2"], "timeouts": ["pipeline": "2h0m0s"]],
      "status": [
        "conditions": [condition], "startTime": "2026-12-04T16:16:58Z",
        "childReferences": visible.map { plan in
          [
            "apiVersion": "tekton.dev/v1", "kind": "TaskRun", "name": plan.name,
            "pipelineTaskName": plan.pipelineTask,
          ]
        },
        "pipelineSpec": [
          "tasks": pipelineOrder.filter { $0 != "binary-container-exit" }.map { ["name": $0] },
          "finally": pipelineOrder.filter { $0 == "binary-container-exit" }.map { ["name": $0] },
        ],
      ],
    ]
  }

  private func taskRun(_ plan: TaskRunPlan) -> [String: Any] {
    [
      "apiVersion": "tekton.dev/v1", "kind": "TaskRun",
      "metadata": [
        "name": plan.name, "namespace": namespace,
        "labels": [
          "tekton.dev/pipeline": "binary-container-0-2", "tekton.dev/pipelineRun": run,
          "tekton.dev/pipelineTask": plan.pipelineTask,
          "tekton.dev/memberOf": plan.pipelineTask == "binary-container-exit" ? "finally" : "tasks",
          "app.kubernetes.io/managed-by": "tekton-pipelines",
        ],
        "ownerReferences": [
          [
            "apiVersion": "tekton.dev/v1", "kind": "PipelineRun", "name": run, "controller": true,
            "blockOwnerDeletion": true, "uid": "0f8e3a52-5d1c-4d8e-9a57-5e0a3c2b6d11",
          ]
        ],
      ],
      "spec": ["taskRef": ["kind": "Task", "name": plan.pipelineTask + "-0-1"]],
      "status": taskRunStatus(plan),
    ]
  }

  private func taskRunStatus(_ plan: TaskRunPlan) -> [String: Any] {
    var status: [String: Any] = [
      "conditions": [
        [
          "type": "Succeeded", "status": "True", "reason": "Succeeded",
          "message": "All Steps have completed executing", "lastTransitionTime": "2026-12-04T16:17:30Z",
        ]
      ],
      "podName": plan.pod, "startTime": plan.startTime,
      "steps": plan.steps.map { step in
        [
          "name": step.name, "container": step.container,
          "terminated": ["exitCode": 0, "reason": "Completed", "finishedAt": "2026-12-04T16:17:30Z"],
        ]
      },
    ]
    status["completionTime"] = plan.completionTime
    return status
  }

  private func pod(_ plan: TaskRunPlan) -> [String: Any] {
    let (waiting, failedInInit) = state.withLock { state in
      (
        plan.steps.contains { (state.waiting[Self.key(plan.pod, $0.container)] ?? 0) > 0 },
        plan.steps.contains { state.neverStarting.contains(Self.key(plan.pod, $0.container)) }
      )
    }
    return [
      "apiVersion": "v1", "kind": "Pod",
      "metadata": [
        "name": plan.pod, "namespace": namespace,
        "labels": [
          "tekton.dev/pipelineRun": run, "tekton.dev/pipelineTask": plan.pipelineTask,
          "tekton.dev/taskRun": plan.name,
        ],
      ],
      "spec": ["nodeName": "osbs-node01", "containers": plan.steps.map { ["name": $0.container] }],
      "status": [
        "phase": failedInInit ? "Failed" : waiting ? "Running" : "Succeeded",
        "containerStatuses": plan.steps.map { step -> [String: Any] in
          let stillWaiting = state.withLock { state in
            let key = Self.key(plan.pod, step.container)
            return (state.waiting[key] ?? 0) > 0 || state.neverStarting.contains(key)
          }
          return [
            "name": step.container, "ready": false, "restartCount": 0,
            "state": stillWaiting
              ? ["waiting": ["reason": "PodInitializing"]]
              : ["terminated": ["exitCode": 0, "reason": "Completed"]],
          ]
        },
      ],
    ]
  }

  static var groups: [String: Any] {
    [
      "kind": "APIGroupList", "apiVersion": "v1",
      "groups": [
        [
          "name": "tekton.dev",
          "versions": [
            ["groupVersion": "tekton.dev/v1", "version": "v1"],
            ["groupVersion": "tekton.dev/v1beta1", "version": "v1beta1"],
          ],
          "preferredVersion": ["groupVersion": "tekton.dev/v1", "version": "v1"],
        ]
      ],
    ]
  }

  private func json(_ object: [String: Any]) -> HostileHTTPServer.Reply {
    let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return .complete(contentType: "application/json", body: body)
  }

  private func status(_ code: Int, _ reason: String, _ message: String) -> HostileHTTPServer.Reply {
    let body: [String: Any] = [
      "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure", "message": message,
      "reason": reason, "code": code,
    ]
    let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
    return .complete(
      status: code, reason: reason == "NotFound" ? "Not Found" : "Bad Request",
      contentType: "application/json", body: data)
  }

  private func notFound(_ resource: String, _ name: String) -> HostileHTTPServer.Reply {
    status(404, "NotFound", "\(resource) \"\(name)\" not found")
  }

  static func split(_ target: String) -> (String, [String: String]) {
    let parts = target.split(separator: "?", maxSplits: 1)
    var query: [String: String] = [:]
    if parts.count > 1 {
      for item in parts[1].split(separator: "&") {
        let pair = item.split(separator: "=", maxSplits: 1)
        let key = String(pair[0]).removingPercentEncoding ?? String(pair[0])
        let value = pair.count > 1 ? (String(pair[1]).removingPercentEncoding ?? String(pair[1])) : ""
        query[key] = value
      }
    }
    return (String(parts.first ?? ""), query)
  }
}
