import Foundation
import OSBSKit

/// The OSBS binary pipeline as atomic-reactor 4.22.0 defines it (`tekton/pipelines/binary-container.yaml`,
/// Pipeline `binary-container-0-2`, and its Tasks; tekton-wire README §9).
struct TektonPipelineTask: Sendable, Equatable {
  /// The pipeline task name (`tekton.dev/pipelineTask`).
  var name: String
  /// The Task it runs (`tekton.dev/task`).
  var task: String
  var steps: [String]
  var results: [String]
  var runAfter: [String] = []
  var when: JSONTree? = nil
  var isFinally = false
  /// The architecture a build task builds.
  var arch: String? = nil
  /// The atomic-reactor subcommand its step runs.
  var subcommand: String
}

enum TektonBinaryPipeline {
  static let name = "binary-container-0-2"
  static let arches = ["x86_64", "s390x", "ppc64le", "aarch64"]
  static let params = ["osbs-image", "hermeto-image", "user-params"]

  /// `x86_64` → `x86-64`: how pipeline task names spell an architecture.
  static func taskArch(_ arch: String) -> String { arch.replacingOccurrences(of: "_", with: "-") }

  static func buildTaskName(_ arch: String) -> String { "binary-container-build-\(taskArch(arch))" }

  static func when(input: String, values: [String]) -> JSONTree {
    .array([
      .object([
        "input": .string(input), "operator": .string("in"), "values": .array(values.map { .string($0) }),
      ])
    ])
  }

  /// Every task, pipeline order (`tasks` then `finally`).
  static let tasks: [TektonPipelineTask] = {
    let sources = "$(tasks.binary-container-init.results.remote_sources_version_result)"
    var tasks = [
      TektonPipelineTask(
        name: "clone", task: "clone-0-1", steps: ["clone"], results: [], subcommand: "clone"),
      TektonPipelineTask(
        name: "binary-container-init", task: "binary-container-init-0-1", steps: ["binary-container-init"],
        results: ["platforms_result", "platforms_array", "remote_sources_version_result"],
        runAfter: ["clone"],
        subcommand: "binary-container-init"),
      TektonPipelineTask(
        name: "binary-container-cachito", task: "binary-container-cachito-0-1",
        steps: ["binary-container-cachito"], results: [], runAfter: ["binary-container-init"],
        when: when(input: sources, values: ["1"]), subcommand: "binary-container-cachito"),
      TektonPipelineTask(
        name: "binary-container-hermeto", task: "binary-container-hermeto-0-1",
        steps: [
          "binary-container-hermeto-init", "binary-container-hermeto-run",
          "binary-container-hermeto-postprocess",
        ],
        results: [], runAfter: ["binary-container-init"], when: when(input: sources, values: ["2"]),
        subcommand: "binary-container-hermeto"),
      TektonPipelineTask(
        name: "binary-container-prebuild", task: "binary-container-prebuild-0-2",
        steps: ["binary-container-prebuild"], results: [],
        runAfter: ["binary-container-cachito", "binary-container-hermeto"],
        subcommand: "binary-container-prebuild"),
    ]
    for arch in arches {
      tasks.append(
        TektonPipelineTask(
          name: buildTaskName(arch), task: "binary-container-build-0-1", steps: ["binary-container-build"],
          results: ["task_result"], runAfter: ["binary-container-prebuild"],
          when: when(input: arch, values: ["$(tasks.binary-container-init.results.platforms_array[*])"]),
          arch: arch, subcommand: "binary-container-build"))
    }
    tasks += [
      TektonPipelineTask(
        name: "binary-container-postbuild", task: "binary-container-postbuild-0-1",
        steps: ["binary-container-postbuild"], results: [], runAfter: arches.map(buildTaskName),
        subcommand: "binary-container-postbuild"),
      TektonPipelineTask(
        name: "binary-container-set-results", task: "binary-container-set-results-0-1",
        steps: ["binary-container-set-results"], results: ["repositories", "koji-build-id"],
        runAfter: ["binary-container-postbuild"], subcommand: "binary-container-set-results"),
      TektonPipelineTask(
        name: "binary-container-exit", task: "binary-container-exit-0-1", steps: ["binary-container-exit"],
        results: ["annotations"], isFinally: true, subcommand: "binary-container-exit"),
    ]
    return tasks
  }()

  static func task(named name: String) -> TektonPipelineTask? { tasks.first { $0.name == name } }

  /// The pipeline's results and where they come from.
  static let results: [(name: String, value: String)] =
    [
      ("repositories", "$(tasks.binary-container-set-results.results.repositories)"),
      ("koji-build-id", "$(tasks.binary-container-set-results.results.koji-build-id)"),
    ]
    + arches.map { ("task_build_result_\($0)", "$(tasks.\(buildTaskName($0)).results.task_result)") }
    + [
      ("platforms_result", "$(tasks.binary-container-init.results.platforms_result)"),
      ("annotations", "$(finally.binary-container-exit.results.annotations)"),
    ]

  /// `status.pipelineSpec`: the resolved Pipeline spec the controller copies into the run.
  static var pipelineSpec: JSONTree {
    func entry(_ task: TektonPipelineTask) -> JSONTree {
      var object: [String: JSONTree] = [
        "name": .string(task.name),
        "taskRef": .object(["kind": .string("Task"), "name": .string(task.task)]),
        "params": .array(
          ["osbs-image", "user-params"].map {
            .object(["name": .string($0), "value": .string("$(params.\($0))")])
          }),
      ]
      if !task.runAfter.isEmpty { object["runAfter"] = .array(task.runAfter.map { .string($0) }) }
      if let when = task.when { object["when"] = when }
      return .object(object)
    }
    return .object([
      "params": .array(params.map { .object(["name": .string($0), "type": .string("string")]) }),
      "results": .array(
        results.map {
          .object(["name": .string($0.name), "type": .string("string"), "value": .string($0.value)])
        }),
      "tasks": .array(tasks.filter { !$0.isFinally }.map(entry)),
      "finally": .array(tasks.filter(\.isFinally).map(entry)),
    ])
  }
}
