import Foundation
import OSBSKit

/// What a koji-containerbuild 1.4.0 builder does on the cluster for one `buildContainer` task: it
/// creates the PipelineRun its `osbs-client.log` names (with the task in the `user-params` JSON, §4),
/// and deletes it when the task ends, successful or not (tekton-wire README §1, §4).
struct KojiPipelineRunLink: Sendable {
  /// One task's run, as seen at a moment of the hub clock.
  struct Observed: Sendable {
    var name: String
    var taskID: Int
    var openAt: Date
    var finishAt: Date
    var finished: Bool
    /// Koji cancelled the task: the builder only asks the run to cancel before it is killed, so the run
    /// stays (README §1).
    var cancelledByKoji: Bool
    var userParams: [String: JSONTree]
    var failure: TektonRunFailure?
  }

  /// Runs of tasks that are open or have just ended, and whether the cluster still has them.
  static func observe(_ state: KojiHubState, at now: Date, handled: Set<String>) -> [Observed] {
    state.tasks.values.sorted { $0.id < $1.id }.compactMap { task -> Observed? in
      guard task.runsOnTekton, let name = task.osbsBuildName, !handled.contains(name),
        state.task(task.id, at: now) != nil
      else { return nil }
      let snapshot = task.snapshot(at: now)
      switch snapshot.state {
      case .free, .assigned: return nil
      case .canceled where snapshot.started == nil: return nil
      default: break
      }
      let arches = task.files.keys.compactMap { key -> String? in
        let arch = String(key.dropLast(".log".count))
        return key.hasSuffix(".log") && TektonBinaryPipeline.arches.contains(arch) ? arch : nil
      }.sorted {
        TektonBinaryPipeline.arches.firstIndex(of: $0)! < TektonBinaryPipeline.arches.firstIndex(of: $1)!
      }
      var failure: TektonRunFailure?
      if case .failure(let fault) = task.result, fault.code == 2001,
        let failedTask = task.failedPipelineTask ?? arches.first.map(TektonBinaryPipeline.buildTaskName)
      {
        // The run's own words for the failure: what precedes "OSBS build id:" in the fault text.
        var text = fault.message.replacingOccurrences(of: "Image build failed. ", with: "")
        if let range = text.range(of: "OSBS build id:") { text = String(text[..<range.lowerBound]) }
        text = text.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix(".") { text.removeLast() }
        // A scripted failed task writes the same error line on the cluster as in the task's Koji logs.
        failure = TektonRunFailure(
          pipelineTask: failedTask,
          message: task.failedStepMessage ?? (text.isEmpty ? "atomic-reactor returned an error" : text))
      }
      return Observed(
        name: name, taskID: task.id, openAt: task.openAt, finishAt: task.finishAt,
        finished: snapshot.state.isFinished, cancelledByKoji: snapshot.state == .canceled,
        userParams: userParams(task, state: state, arches: arches),
        failure: failure)
    }
  }

  /// osbs-client's user params for the task (keys sorted when rendered; empty values left out).
  static func userParams(_ task: KojiTaskRecord, state: KojiHubState, arches: [String]) -> [String: JSONTree]
  {
    var source = ""
    var target = ""
    var options = XMLRPCValue.null
    if task.request.count > 0, case .string(let value) = task.request[0] { source = value }
    if task.request.count > 1, case .string(let value) = task.request[1] { target = value }
    if task.request.count > 2 { options = task.request[2] }
    let parts = source.split(separator: "#", maxSplits: 1).map(String.init)
    let uri = parts.first.map { $0.hasPrefix("git+") ? String($0.dropFirst(4)) : $0 } ?? source
    let component = KojiHubState.component(of: source)
    var params: [String: JSONTree] = [
      "kind": .string("build_user_params"), "koji_task_id": .int(Int64(task.id)),
      "component": .string(component), "git_uri": .string(uri), "koji_target": .string(target),
      "name": .string(component), "platforms": .array(arches.map { .string($0) }),
      "reactor_config_map": .string("reactor-config-map"),
    ]
    if parts.count > 1 { params["git_ref"] = .string(parts[1]) }
    if case .string(let branch)? = options["git_branch"] { params["git_branch"] = .string(branch) }
    if case .bool(true)? = options["scratch"] { params["scratch"] = .bool(true) }
    if let user = state.user(id: task.owner) { params["user"] = .string(user.name) }
    if let build = task.kojiBuildID { params["koji_build_id"] = .int(Int64(build)) }
    return params
  }

  /// The PipelineRun body the admin template renders for it: the binary pipeline with its params.
  static func spec(userParams: [String: JSONTree]) -> [String: JSONTree] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let json = String(decoding: (try? encoder.encode(JSONTree.object(userParams))) ?? Data(), as: UTF8.self)
    return [
      "pipelineRef": .object(["name": .string(TektonBinaryPipeline.name)]),
      "params": .array([
        .object([
          "name": .string("osbs-image"), "value": .string("quay.io/containerbuildsystem/osbs-image:latest"),
        ]),
        .object(["name": .string("hermeto-image"), "value": .string("quay.io/konflux-ci/hermeto:latest")]),
        .object(["name": .string("user-params"), "value": .string(json)]),
      ]),
      "taskRunTemplate": .object(["serviceAccountName": .string("pipeline")]),
      "timeouts": .object(["pipeline": .string("2h0m0s")]),
    ]
  }
}
