import Foundation
import OSBSKit

/// What a koji-containerbuild 1.4.0 builder leaves in a task's output (capture 76, in its order):
/// `osbs-client.log` naming the pipeline run (capture 77), `osbs-build.log` with the lines of every
/// non-arch pipeline task, `checkout-for-labels.log`, and one `<arch>.log` per arch whose build task ran.
/// The builder writes each line of the run as it reads it, without any task label, routing it by the
/// pipeline task's name (koji-containerbuild `_write_logs`); the lines themselves are atomic-reactor's
/// (`<asctime> - <logger> - <LEVEL> - <message>`, wording from atomic-reactor 4.22).
extension KojiHubState {
  /// The run's plan as the logs and fault tell it.
  struct TektonRunPlan {
    var runName: String
    var arches: [String]
    /// The pipeline task that fails, when the run fails.
    var failedTask: String?
    /// The exception text of the failure.
    var detail: String
    /// `registry/component:<unique tag>`; each arch pushes `<unique>-<arch>`.
    var uniqueImage: String

    /// Arch build tasks run only after prebuild succeeded.
    var archesRan: Bool {
      guard let failedTask else { return true }
      return !Self.beforeBuilds.contains(failedTask)
    }

    static let beforeBuilds: Set = [
      "clone", "binary-container-init", "binary-container-cachito", "binary-container-hermeto",
      "binary-container-prebuild",
    ]

    /// A plugin of atomic-reactor's task that fails (`tasks/binary.py` runs these plugins there).
    static func plugin(of pipelineTask: String) -> String {
      switch pipelineTask {
      case "binary-container-init": "check_base_image"
      case "binary-container-postbuild": "koji_import"
      case "binary-container-exit": "store_metadata"
      default: "add_filesystem"
      }
    }

    /// atomic-reactor's own name of a plugin-based pipeline task (`task_name` in `tasks/binary.py`).
    static func reactorTask(of pipelineTask: String) -> String {
      pipelineTask == "binary-container-init"
        ? "binary_container_init_build" : pipelineTask.replacingOccurrences(of: "-", with: "_")
    }

    /// The failing step's own error line: an arch build logs the podman error, a plugin-based task the
    /// plugin's exception (the lines this file writes to `<arch>.log` and `osbs-build.log`).
    var failedStepMessage: String? {
      guard let failedTask else { return nil }
      if failedTask.hasPrefix("binary-container-build-") { return detail }
      return "plugin '\(Self.plugin(of: failedTask))' raised an exception: RuntimeError: \(detail)"
    }

    /// osbs-client's `get_error_message` for this failure, as koji-containerbuild puts it into the fault:
    /// newlines joined with spaces (`Error in plugin <p>: <e>; Error in <task>: <task_result>; `).
    var errorMessage: String? {
      guard let failedTask else { return nil }
      if failedTask.hasPrefix("binary-container-build-") {
        // BinaryBuildTask writes repr(BuildProcessError(f"Build failed (rc={rc}): {last_line}")) as its
        // task_result; podman's last line keeps its newline.
        return
          "Error in \(failedTask): BuildProcessError(\(Self.pythonRepr("Build failed (rc=1): \(detail)\n")));\n"
      }
      let plugin = Self.plugin(of: failedTask)
      let raised = "plugin '\(plugin)' raised an exception: RuntimeError: \(detail)"
      return "Error in plugin \(plugin): \(detail);\n"
        + "Error in \(failedTask): PluginFailedException(\(Self.pythonRepr(raised)));\n"
    }

    /// Python's `repr` of a string: single quotes unless the text has some and no double quotes.
    static func pythonRepr(_ text: String) -> String {
      let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
      var out = String(quote)
      for character in text {
        switch character {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case quote: out += "\\\(quote)"
        default: out.append(character)
        }
      }
      return out + String(quote)
    }
  }

  /// A failed run fails in `failedTask`; with none scripted, a scripted `failureReason` is the fault's
  /// whole text (older scripts), else the first arch's build fails.
  static func tektonRunPlan(_ script: KojiBuildScript, runName: String, uniqueImage: String) -> TektonRunPlan
  {
    let failedTask: String?
    if script.outcome == .fail {
      failedTask =
        script.failedTask
        ?? (script.failureReason == nil ? OSBSPipeline.buildTask(ofArch: script.arches[0]) : nil)
    } else {
      failedTask = nil
    }
    return TektonRunPlan(
      runName: runName, arches: script.arches, failedTask: failedTask,
      detail: script.failureReason ?? "Error: building at STEP \"RUN make\": exit status 2",
      uniqueImage: uniqueImage)
  }

  /// `Image build failed. <errors>. OSBS build id: NAME` (koji-containerbuild `_handle_build_response`).
  static func tektonFaultText(_ script: KojiBuildScript, runName: String) -> String {
    let plan = tektonRunPlan(script, runName: runName, uniqueImage: "")
    if let message = plan.errorMessage {
      let joined = message.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
      return "Image build failed. \(joined). OSBS build id: \(runName)"
    }
    let reason = script.failureReason.map { "\($0). " } ?? ""
    return "Image build failed. \(reason)OSBS build id: \(runName)"
  }

  func kcb140Files(
    plan script: KojiBuildScript, source: String, runName: String, component: String, openAt: Date,
    finishAt: Date, buildID: Int?, repositories: [String], scratch: Bool
  ) -> [String: KojiTaskFile] {
    let duration = finishAt.timeIntervalSince(openAt)
    func stamp(_ fraction: Double) -> String {
      let date = openAt + duration * fraction
      return KojiTime.logString(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }
    let plan = Self.tektonRunPlan(
      script, runName: runName, uniqueImage: scratch ? repositories[0] : repositories[1])
    // Without a failed task named, a scripted failure still shows in the first arch's log.
    let failingArch =
      plan.failedTask.flatMap(OSBSPipeline.arch(ofPipelineTask:))
      ?? (script.outcome == .fail && plan.failedTask == nil ? script.arches[0] : nil)

    let start = stamp(0)
    let end = stamp(1)
    let head = """
      \(start) - 19857 - osbs.api - INFO - No build time limit is set, using default limit: 7200
      \(start) - 19857 - osbs.api - INFO - creating binary container image pipeline run: \(runName)
      \(start) - 19857 - osbs.api - INFO - pipeline run created: {'apiVersion': 'tekton.dev/v1beta1', \
      'kind': 'PipelineRun', 'metadata': {'name': '\(runName)', 'namespace': '\(configuration.openshiftNamespace)'}}
      \(start) - 19857 - koji.build.BaseTaskHandler - DEBUG - OSBS build id: '\(runName)'
      \(start) - 19857 - osbs.tekton - INFO - Waiting for pipeline run '\(runName)' to start
      \(start) - 19857 - osbs.tekton - INFO - Pipeline run '\(runName)' started
      \(start) - 19858 - koji.build.BaseTaskHandler - INFO - Will write follow log: osbs-build.log

      """
    var tail = """
      \(end) - 19858 - koji.build.BaseTaskHandler - INFO - osbs-build.log written
      \(end) - 19857 - osbs.tekton - INFO - Pipeline run '\(runName)' finished
      \(end) - 19857 - koji.build.BaseTaskHandler - INFO - Response status: \(script.outcome == .success ? "True" : "False")

      """
    if script.outcome == .success {
      let listed = repositories.map { "'\($0)'" }.joined(separator: ", ")
      tail +=
        "\(end) - 19857 - koji.build.BaseTaskHandler - INFO - Image available in the following "
        + "repositories: [\(listed)]\n"
      if let buildID {
        tail +=
          "\(end) - 19857 - koji.build.BaseTaskHandler - INFO - Koji content generator build ID: \(buildID)\n"
      }
    }
    var files: [String: KojiTaskFile] = [:]
    files["osbs-client.log"] = KojiTaskFile(
      content: .staged(head: Array(head.utf8), whole: Array((head + tail).utf8)), appearsAt: openAt,
      growthStart: openAt, growthEnd: finishAt, rank: 0)
    let checkout = """
      \(start) - 19857 - koji.build.BaseTaskHandler - INFO - Checking out \(source) to read the Dockerfile's labels

      """
    files["checkout-for-labels.log"] = KojiTaskFile(
      content: .fixed(Array(checkout.utf8)), appearsAt: openAt, growthStart: openAt, growthEnd: openAt,
      rank: 2)

    // osbs-build.log: the non-arch tasks in pipeline order, and the builder's marker when an arch starts.
    func taskLines(_ pipelineTask: String, at fraction: Double) -> String {
      let reactor = TektonRunPlan.reactorTask(of: pipelineTask)
      let time = stamp(fraction)
      guard pipelineTask == plan.failedTask else {
        return
          "\(time) - atomic_reactor.tasks.plugin_based - INFO - task \(reactor) finished successfully \\o/\n"
      }
      let raised =
        "plugin '\(TektonRunPlan.plugin(of: pipelineTask))' raised an exception: RuntimeError: \(plan.detail)"
      return "\(time) - atomic_reactor.plugin - ERROR - \(raised)\n"
        + "\(time) - atomic_reactor.tasks.plugin_based - ERROR - task \(reactor) failed: \(raised)\n"
    }
    var early = taskLines("binary-container-init", at: 0.02)
    if plan.failedTask != "binary-container-init" {
      early += taskLines("binary-container-prebuild", at: 0.05)
    }
    var late = ""
    if plan.archesRan {
      for arch in plan.arches { early += "\(arch) build has started. Check platform specific logs\n" }
      if plan.failedTask == nil || plan.failedTask == "binary-container-postbuild"
        || plan.failedTask == "binary-container-exit"
      {
        late += taskLines("binary-container-postbuild", at: 0.95)
      }
    }
    // The exit task runs in `finally`, whatever failed before it.
    late += taskLines("binary-container-exit", at: 0.98)
    files["osbs-build.log"] = KojiTaskFile(
      content: .staged(head: Array(early.utf8), whole: Array((early + late).utf8)), appearsAt: openAt,
      growthStart: openAt, growthEnd: finishAt, rank: 1)

    guard plan.archesRan else { return files }
    for (index, arch) in plan.arches.enumerated() {
      // The same VM and slot the run's build step names on the cluster.
      let host = TektonRun.buildHost(run: runName, arch: arch)
      let slot = TektonRun.slot(run: runName, arch: arch)
      let image = "\(plan.uniqueImage)-\(arch)"
      let begin = stamp(0.1)
      let logger = "atomic_reactor.tasks.binary_container_build"
      let lastLine: String
      switch script.outcome {
      case .fail where arch == failingArch:
        lastLine = "\(end) - \(logger) - ERROR - \(plan.detail)\n"
      case .success, .fail:
        lastLine = "\(end) - \(logger) - INFO - Build finished successfully! Pushing image to \(image)\n"
      case .cancel:
        // Cancelling the run deletes the pod mid-build: the log just stops.
        lastLine = ""
      }
      var log = SimulatedLog(
        targetBytes: script.logBytes, arch: arch, component: component, buildName: runName,
        start: openAt + duration * 0.1, duration: duration * 0.85, tail: lastLine)
      log.head = Array(
        """
        \(begin) - \(logger) - INFO - Acquiring a build slot on a remote host
        \(begin) - atomic_reactor.utils.remote_host - INFO - \(host): slot \(slot) is locked for pipelinerun \(runName)
        \(begin) - \(logger) - INFO - Building image=\(image) on host=\(host)

        """.utf8)
      files["\(arch).log"] = KojiTaskFile(
        content: .growing(log, bytesPerSecond: script.logBytesPerSecond), appearsAt: openAt + duration * 0.1,
        growthStart: openAt + duration * 0.1, growthEnd: finishAt, rank: 3 + index)
    }
    return files
  }
}
