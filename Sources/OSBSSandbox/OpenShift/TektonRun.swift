import Foundation
import OSBSKit

/// A failure injected into a run: the pipeline task fails at a step with an error text.
public struct TektonRunFailure: Sendable, Codable, Equatable {
  public var pipelineTask: String
  /// nil: the task's last step.
  public var step: String?
  public var message: String
  /// The node the failing task's pod runs on; nil lets the scheduler pick.
  public var node: String?

  public init(pipelineTask: String, step: String? = nil, message: String, node: String? = nil) {
    self.pipelineTask = pipelineTask
    self.step = step
    self.message = message
    self.node = node
  }
}

/// One PipelineRun of the binary pipeline as the sandbox plans it: everything it will do follows from
/// its creation time, the stage length, the platforms, and any failure or cancel, so its PipelineRun,
/// TaskRun and pod objects can be rendered for any moment of the sandbox clock (and re-rendered after a
/// cancel, which only changes what happens later).
struct TektonRun: Sendable {
  struct Cancel: Sendable {
    var value: String
    var at: Double
  }

  enum Outcome: Sendable, Equatable {
    case succeeded
    case failed(step: Int, message: String)
    case cancelled
  }

  struct Scheduled: Sendable {
    var task: TektonPipelineTask
    var start: Double
    var end: Double
    var outcome: Outcome

    /// The pod starts its init containers for this long before the first step runs.
    var runningFrom: Double { start + (end - start) * 0.15 }
  }

  struct Skipped: Sendable {
    var task: TektonPipelineTask
    /// When the `when` expression was evaluated (its predecessor finished).
    var decidedAt: Double
  }

  struct Plan: Sendable {
    var scheduled: [Scheduled]
    var skipped: [Skipped]
    var end: Double
  }

  var name: String
  var namespace: String
  var uid: String
  /// Sandbox-clock seconds.
  var created: Double
  /// When the run started; nil while it is pending (`spec.status: PipelineRunPending`).
  var startAt: Double?
  /// `metadata.generation`: moves with every spec change (the CRDs have a status subresource).
  var generation: Int64 = 1
  var stageSeconds: Double
  var labels: [String: String]
  var annotations: [String: String]
  /// `spec` in the v1 shape, as created.
  var spec: [String: JSONTree]
  var platforms: [String]
  var failure: TektonRunFailure?
  var cancel: Cancel?
  /// Up to which sandbox time objects and logs have been written.
  var renderedAt: Double
  var release: TektonRelease

  // MARK: Plan

  var plan: Plan {
    let stage = max(0.05, stageSeconds)
    guard let startAt else { return Plan(scheduled: [], skipped: [], end: .infinity) }
    var time = startAt + stage * 0.1
    var scheduled: [Scheduled] = []
    var skipped: [Skipped] = []
    let all = TektonBinaryPipeline.tasks
    let groups: [[String]] = [
      ["clone"], ["binary-container-init"], ["binary-container-prebuild"],
      TektonBinaryPipeline.arches.map(TektonBinaryPipeline.buildTaskName), ["binary-container-postbuild"],
      ["binary-container-set-results"],
    ]
    var stopped = false
    for group in groups {
      if let cancel, cancel.at <= time { break }
      var groupEnd = time
      var failed = false
      for name in group {
        guard let task = all.first(where: { $0.name == name }) else { continue }
        if let arch = task.arch, !platforms.contains(arch) {
          skipped.append(Skipped(task: task, decidedAt: time))
          continue
        }
        var entry = Scheduled(task: task, start: time, end: time + stage, outcome: .succeeded)
        if let failure, failure.pipelineTask == name {
          let step = failure.step.flatMap { task.steps.firstIndex(of: $0) } ?? task.steps.count - 1
          entry.outcome = .failed(step: step, message: failure.message)
          failed = true
        }
        if let cancel, cancel.value != "StoppedRunFinally", cancel.at < entry.end {
          entry.outcome = .cancelled
          entry.end = max(cancel.at, entry.start)
        }
        scheduled.append(entry)
        groupEnd = max(groupEnd, entry.end)
      }
      if name(group) == "binary-container-init" {
        // cachito and hermeto are decided once init's remote_sources_version result is known.
        for name in ["binary-container-cachito", "binary-container-hermeto"] {
          if let task = all.first(where: { $0.name == name }) {
            skipped.append(Skipped(task: task, decidedAt: groupEnd))
          }
        }
      }
      time = groupEnd
      if failed { stopped = true }
      if let cancel, cancel.at < groupEnd { stopped = true }
      if stopped { break }
    }
    if let exit = all.first(where: \.isFinally) {
      let start = time
      let runsFinally =
        cancel.map { ["CancelledRunFinally", "StoppedRunFinally"].contains($0.value) } ?? true
      if runsFinally || (cancel.map { $0.at > start } ?? false) {
        var entry = Scheduled(task: exit, start: start, end: start + stage, outcome: .succeeded)
        if let failure, failure.pipelineTask == exit.name {
          let step = failure.step.flatMap { exit.steps.firstIndex(of: $0) } ?? exit.steps.count - 1
          entry.outcome = .failed(step: step, message: failure.message)
        }
        if let cancel, !runsFinally, cancel.at < entry.end {
          entry.outcome = .cancelled
          entry.end = cancel.at
        }
        scheduled.append(entry)
        time = entry.end
      }
    }
    let end = max(time, cancel?.at ?? time) + stage * 0.05
    return Plan(scheduled: scheduled, skipped: skipped, end: end)
  }

  private func name(_ group: [String]) -> String { group.count == 1 ? group[0] : "" }

  /// Every moment something visible changes.
  func eventTimes(_ plan: Plan) -> [Double] {
    var times = [created, plan.end]
    if let startAt { times += [startAt, startAt + stageSeconds * 0.1] }
    for entry in plan.scheduled {
      times += [entry.start, min(entry.runningFrom, entry.end), entry.end]
      times += stepWindows(entry).map(\.start)
    }
    times += plan.skipped.map(\.decidedAt)
    if let cancel { times.append(cancel.at) }
    return times
  }

  /// When each step runs: the running part of the task split evenly, cut short by a cancel.
  func stepWindows(_ entry: Scheduled) -> [(start: Double, end: Double)] {
    let count = Double(entry.task.steps.count)
    let plannedEnd = entry.outcome == .cancelled ? entry.start + max(0.05, stageSeconds) : entry.end
    let from = entry.runningFrom
    let length = max(0, plannedEnd - from) / count
    return entry.task.steps.indices.map { index in
      let start = from + Double(index) * length
      return (start, min(start + length, entry.end))
    }
  }

  // MARK: Naming

  func taskRunName(_ task: TektonPipelineTask) -> String {
    guard release.namesChildrenByChildName else {
      return TektonNames.randomSuffixed(name + "-" + task.name, seed: uid + task.name)
    }
    return TektonNames.taskRun(run: name, pipelineTask: task.name)
  }

  func podName(_ task: TektonPipelineTask) -> String {
    let taskRun = taskRunName(task)
    guard release.namesChildrenByChildName else {
      return TektonNames.randomSuffixed(taskRun + "-pod", seed: uid + taskRun)
    }
    return TektonNames.pod(taskRun: taskRun)
  }

  var userParams: [String: JSONTree] {
    guard case .array(let params)? = spec["params"] else { return [:] }
    for case .object(let param) in params where param["name"] == .string("user-params") {
      if case .string(let text)? = param["value"],
        case .object(let decoded)? = try? JSONDecoder().decode(JSONTree.self, from: Data(text.utf8))
      {
        return decoded
      }
    }
    return [:]
  }

  var param: (String) -> String? {
    let spec = spec
    return { wanted in
      guard case .array(let params)? = spec["params"] else { return nil }
      for case .object(let param) in params where param["name"] == .string(wanted) {
        if case .string(let value)? = param["value"] { return value }
      }
      return nil
    }
  }

  /// The remote build VM that builds `arch` (`task_build_result_<arch>`, the build step's log).
  func buildHost(_ arch: String) -> String { Self.buildHost(run: name, arch: arch) }

  func slot(_ arch: String) -> Int { Self.slot(run: name, arch: arch) }

  /// The remote build VM a run's `arch` build uses; the same for the same run name, so other simulated
  /// views of the run (the Koji task's logs) can name the same host.
  static func buildHost(run: String, arch: String) -> String {
    let short = arch == "x86_64" ? "x86" : arch
    let slot = Int(MD5.digest(Array((run + arch).utf8))[0] % 3) + 1
    return "buildvm-\(short)-0\(slot).example.com"
  }

  /// The slot of that host the build locks.
  static func slot(run: String, arch: String) -> Int { Int(MD5.digest(Array((arch + run).utf8))[1] % 4) }

  // MARK: Results

  var component: String {
    if case .string(let value)? = userParams["component"] { return value }
    return name.split(separator: "-").first.map(String.init) ?? name
  }

  var kojiBuildID: Int {
    if case .int(let value)? = userParams["koji_build_id"] { return Int(value) }
    let digest = MD5.digest(Array(name.utf8))
    return 10_000 + Int(digest[2]) * 256 + Int(digest[3])
  }

  var imageTag: String { "registry.example.org/\(component):\(name)" }

  func taskResults(_ task: TektonPipelineTask) -> [(name: String, value: JSONTree)] {
    switch task.name {
    case "binary-container-init":
      return [
        (
          "platforms_result", .string(jsonText(.object(["platforms": .array(platforms.map { .string($0) })])))
        ),
        ("platforms_array", .array(platforms.map { .string($0) })),
        ("remote_sources_version_result", .string("0")),
      ]
    case "binary-container-set-results":
      let primary = ["registry.example.org/\(component):1.0-\(kojiBuildID)"]
      let unique = [imageTag]
      let floating = ["registry.example.org/\(component):latest"]
      let repositories = JSONTree.object([
        "primary": .array(primary.map { .string($0) }), "unique": .array(unique.map { .string($0) }),
        "floating": .array(floating.map { .string($0) }),
      ])
      return [
        ("repositories", .string(jsonText(repositories))), ("koji-build-id", .string(String(kojiBuildID))),
      ]
    case "binary-container-exit":
      var errors: [String: JSONTree] = [:]
      if let failure {
        errors[failure.pipelineTask.replacingOccurrences(of: "-", with: "_")] = .string(failure.message)
      }
      let annotations = JSONTree.object([
        "plugins-metadata": .object([
          "errors": .object(errors), "timestamps": .object([:]), "durations": .object([:]),
        ])
      ])
      return [("annotations", .string(jsonText(annotations)))]
    default:
      if let arch = task.arch { return [("task_result", .string(jsonText(.string(buildHost(arch)))))] }
      return []
    }
  }

  /// A step's `terminated.message`: its results as the entrypoint writes them, keys in Tekton's order
  /// (`[{"key":…,"value":…,"type":1}]`).
  func stepResultsMessage(_ results: [(name: String, value: JSONTree)]) -> String {
    let entries = results.map {
      #"{"key":"# + jsonText(.string($0.name)) + #","value":"# + jsonText($0.value) + #","type":1}"#
    }
    return "[" + entries.joined(separator: ",") + "]"
  }

  func jsonText(_ tree: JSONTree) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(tree)) ?? Data(), as: UTF8.self)
  }

  // MARK: Logs

  /// One step's log: atomic-reactor lines (`<asctime> - <logger> - <LEVEL> - <message>`) after the
  /// `set -x` trace, each with the sandbox time it is written at. The last line has no newline.
  func logLines(_ entry: Scheduled, step index: Int) -> [(time: Double, text: String)] {
    let windows = stepWindows(entry)
    let window = windows[index]
    let task = entry.task
    let namespace = namespace
    var messages: [(logger: String, level: String, text: String)] = []
    let trace =
      task.name == "binary-container-set-results"
      ? "+ jq -r .repositories /workspace/ws-build-dir/workflow.json"
      : "+ atomic-reactor -v task --build-dir=/workspace/ws-container/build-dir "
        + "--context-dir=/workspace/ws-container/context-dir "
        + "--config-file=/workspace/ws-reactor-config-map/config.yaml --namespace=\(namespace) "
        + "--pipeline-run-name=\(name) \(task.subcommand)"
        + (task.arch.map { " --platform=\($0)" } ?? "")
    let module = task.subcommand.replacingOccurrences(of: "-", with: "_")
    messages.append(("atomic_reactor.cli.main", "INFO", "running task \(task.subcommand)"))
    if let arch = task.arch {
      let host = buildHost(arch)
      messages.append(
        (
          "atomic_reactor.utils.remote_host", "INFO",
          "\(host): slot \(slot(arch)) is locked for pipelinerun \(name)"
        ))
      messages.append(
        (
          "atomic_reactor.tasks.binary_container_build", "INFO",
          "Building image=\(imageTag)-\(arch) on host=\(host)"
        ))
      messages.append(
        (
          "atomic_reactor.tasks.binary_container_build", "INFO",
          "STEP 1/3: FROM registry.example.org/base:latest"
        ))
      messages.append(("atomic_reactor.tasks.binary_container_build", "INFO", "STEP 2/3: RUN make install"))
      messages.append(("atomic_reactor.tasks.binary_container_build", "INFO", "STEP 3/3: LABEL release=1"))
      messages.append(("atomic_reactor.utils.remote_host", "INFO", "\(host): slot \(slot(arch)) is unlocked"))
    } else {
      messages.append(("atomic_reactor.tasks.\(module)", "INFO", "plugins of \(task.subcommand) are running"))
    }
    if case .failed(let step, let message) = entry.outcome, step == index {
      messages.append(("atomic_reactor.tasks.\(module)", "ERROR", message))
    } else {
      messages.append(("atomic_reactor.cli.main", "INFO", "task \(task.subcommand) finished"))
    }
    let bodies = [trace] + messages.map { "\($0.logger) - \($0.level) - \($0.text)" }
    let spacing = (window.end - window.start) / Double(bodies.count + 1)
    return bodies.enumerated().map { offset, body in
      let time = window.start + spacing * Double(offset + 1)
      return (time, offset == 0 ? body : "\(Self.asctime(time)) - \(body)")
    }
  }

  /// Python logging's `%(asctime)s`: `2026-12-04 16:17:05,123` (UTC in the sandbox).
  static func asctime(_ seconds: Double) -> String {
    let whole = Int64(seconds.rounded(.down))
    let millis = Int((seconds - Double(whole)) * 1000)
    let stamp = ClusterClock.rfc3339(seconds: whole)
    return stamp.prefix(10) + " " + stamp.dropFirst(11).prefix(8) + String(format: ",%03d", millis)
  }
}
