import Foundation
import TestSupport
import Testing

@testable import OSBSKit

/// What the build commands make of recorded PipelineRuns: summaries, prune plans, build hosts.
@Suite("PipelineRuns as builds")
struct PipelineRunOperationsTests {
  static func run(_ path: String) throws -> PipelineRun {
    try JSONDecoder().decode(PipelineRun.self, from: TektonRecordingTests.json(path))
  }

  static let jenkinsX = [
    "recordings/jx-2020-2022-v1beta1/pr-cancelled-with-steps.yaml",
    "recordings/jx-2020-2022-v1beta1/pr-failed-evicted.yaml",
    "recordings/jx-2020-2022-v1beta1/pr-running-2020.yaml",
    "recordings/jx-2020-2022-v1beta1/pr-succeeded.yaml",
    "recordings/jx-2020-2022-v1beta1/pr-timeout-with-steps.yaml",
  ]

  /// The five recorded runs as if they had run the same Pipeline (each recorded one embeds its own).
  static func onePipeline() throws -> [PipelineRunPruneCandidate] {
    try jenkinsX.map { path in
      var run = try run(path)
      run.metadata.labels?[TektonLabels.pipeline] = "jx-pr"
      return PipelineRunPruneCandidate(run)
    }
  }

  static func nanoseconds(_ stamp: String) throws -> Int64 {
    BuildPrunePlanner.nanoseconds(of: try #require(UTCTime.date(rfc3339: stamp)))
  }

  @Test func candidatesReadTheConditionAndPipelineLabel() throws {
    let candidates = try Self.jenkinsX.map { try PipelineRunPruneCandidate(Self.run($0)) }
    #expect(
      candidates.map(\.outcome) == [
        .failed(reason: "Cancelled"), .failed(reason: "Failed"), .unfinished, .succeeded,
        .failed(reason: "PipelineRunTimeout"),
      ])
    #expect(candidates[0].pipeline == "jx/repo-pr-2093-jenkinsx-rt7gh")
    #expect(candidates[0].resourceVersion == "365226508")
  }

  @Test func keepCountsApplyPerPipelineNewestFirst() throws {
    let candidates = try Self.onePipeline()
    let now = try Self.nanoseconds("2023-01-01T00:00:00Z")
    let plan = PipelineRunPrunePlanner.plan(
      candidates: candidates, rules: BuildPruneRules(keepComplete: 0, keepFailed: 1), nowNanoseconds: now)
    // Failed ones by creation: cancelled 2022-03-31 (kept, newest), timeout 03-29, evicted 03-17.
    #expect(
      plan.map(\.name) == [
        "test-repo-pr-321-pr-dng5w", "-jenkins-x-repo-pr-500-pr-l4mcv",
        "x-plugins-jx-registry-pr-8-lint-dbqqf",
      ])
    #expect(plan.allSatisfy { $0.kind == .pipelineRun && $0.namespace == "jx" })
    #expect(
      plan[0].reason
        == "Failed pipelinerun beyond --keep-failed=1 of pipeline jx/jx-pr (3rd newest failed or cancelled)")
    #expect(
      plan[2].reason == "succeeded pipelinerun beyond --keep-complete=0 of pipeline jx/jx-pr (1st newest)")
    #expect(plan[0].resourceVersion == "353859501")
  }

  @Test func youngAndRunningRunsAreNeverSelected() throws {
    let candidates = try Self.onePipeline()
    // Just after the cancelled run was created: it is younger than an hour, the rest older.
    let now = try Self.nanoseconds("2022-03-31T15:00:00Z")
    let plan = PipelineRunPrunePlanner.plan(
      candidates: candidates, rules: BuildPruneRules(keepComplete: 0, keepFailed: 0), nowNanoseconds: now)
    #expect(Set(plan.map(\.name)) == ["test-repo-pr-321-pr-dng5w", "-jenkins-x-repo-pr-500-pr-l4mcv"])
    let later = try Self.nanoseconds("2030-01-01T00:00:00Z")
    let all = PipelineRunPrunePlanner.plan(
      candidates: candidates, rules: BuildPruneRules(keepComplete: 0, keepFailed: 0), nowNanoseconds: later)
    #expect(all.count == 4)
    #expect(!all.contains { $0.name == "main-rvs7k" })
  }

  @Test func summaryOfARecordedRun() throws {
    let run = try Self.run("recordings/jx-2020-2022-v1beta1/pr-timeout-with-steps.yaml")
    let summary = BuildSummary(run)
    #expect(summary.kind == "PipelineRun")
    #expect(summary.phase == "Failed")
    #expect(summary.reason == "PipelineRunTimeout")
    #expect(!summary.cancelled)
    #expect(summary.started == "2022-03-29T14:03:32Z")
    #expect(summary.durationSeconds == 600)
    #expect(summary.podName == nil && summary.kojiTaskID == nil && summary.buildHosts == nil)

    let cancelled = BuildSummary(try Self.run("recordings/jx-2020-2022-v1beta1/pr-cancelled-with-steps.yaml"))
    #expect(cancelled.cancelled)
    #expect(cancelled.phase == "Cancelled")
  }

  /// An OSBS run: osbs-client's template rendered with user params, with the results the binary
  /// pipeline declares (atomic-reactor's `binary-container.yaml`) filled as README §7 describes them.
  @Test func summaryOfAnOSBSRunNamesTaskUserSourceAndBuildHosts() throws {
    let template = try String(
      contentsOf: TektonRecordingTests.directory.appendingPathComponent(
        "osbs/example-source-pipepiline-run.yaml"),
      encoding: .utf8)
    let params = OSBSUserParams(
      taskId: 27, user: "kojiadmin", component: "hello-world",
      gitURI: "https://src.example.org/hello-world.git",
      gitRef: "8832c97", gitBranch: "f45")
    let rendered =
      template
      .replacingOccurrences(of: "$osbs_pipeline_run_name", with: "hello-world-f45-8832c97860-20261204161658")
      .replacingOccurrences(of: "$osbs_namespace", with: "osbs")
      .replacingOccurrences(of: "$osbs_configmap_name", with: "reactor-config-map")
      .replacingOccurrences(of: "$osbs_user_params_json", with: try params.json())
    var run = try JSONDecoder().decode(PipelineRun.self, from: YAMLAsJSON.data(fromYAML: rendered))
    run.status = PipelineRunStatus(
      conditions: [TektonCondition(status: .true, reason: "Completed")],
      startTime: "2026-12-04T16:16:58Z", completionTime: "2026-12-04T16:17:04Z",
      results: [
        TektonResult(name: "task_build_result_x86_64", value: .string(#""buildvm-x86-01.example.com""#)),
        TektonResult(name: "koji-build-id", value: .string("42")),
      ])
    let summary = BuildSummary(run)
    #expect(summary.kojiTaskID == 27)
    #expect(summary.user == "kojiadmin")
    #expect(summary.gitURI == "https://src.example.org/hello-world.git")
    #expect(summary.gitRef == "8832c97")
    #expect(summary.phase == "Succeeded" && summary.reason == "Completed")
    #expect(summary.durationSeconds == 6)
    #expect(summary.results?["koji-build-id"] == "42")
    #expect(summary.buildHosts == [TektonBuildHost(arch: "x86_64", buildHost: "buildvm-x86-01.example.com")])
  }

  @Test func buildHostsFallBackToTheArchTasksResult() throws {
    let run = try Self.run("recordings/openshift-pipelines-2023/pipelinerun-human-resources-rlrj8.yaml")
    var archTask = try JSONDecoder().decode(
      TaskRun.self,
      from: TektonRecordingTests.json("recordings/openshift-pipelines-2023/taskrun-build-container.yaml"))
    archTask.metadata.labels?[TektonLabels.pipelineTask] = "binary-container-build-x86-64"
    archTask.status?.results = [
      TektonResult(name: "task_result", type: "string", value: .string("buildvm-x86-02"))
    ]
    #expect(
      TektonBuildHost.of(run, taskRuns: [archTask]) == [
        TektonBuildHost(arch: "x86_64", buildHost: "buildvm-x86-02")
      ])
  }
}
