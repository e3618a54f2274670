import Foundation
import TestSupport
import Testing

@testable import OSBSKit

/// The Tekton recordings and OSBS files copied from tekton-wire (Fixtures/tekton, provenance in its
/// PROVENANCE.tsv) through OSBSKit's models.
@Suite("recorded Tekton objects decode")
struct TektonRecordingTests {
  static var directory: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures/tekton") }

  /// The object in `path` as the API server's JSON (YAML recordings converted by their tags).
  static func json(_ path: String) throws -> Data {
    let data = try Data(contentsOf: directory.appendingPathComponent(path))
    return path.hasSuffix(".json")
      ? data : try YAMLAsJSON.data(fromYAML: String(decoding: data, as: UTF8.self))
  }

  static func pipelineRun(_ path: String) throws -> PipelineRun {
    try JSONDecoder().decode(PipelineRun.self, from: json(path))
  }

  static func taskRun(_ path: String) throws -> TaskRun {
    try JSONDecoder().decode(TaskRun.self, from: json(path))
  }

  static let pipelineRunRecordings = [
    "recordings/jx-2020-2022-v1beta1/pr-cancelled-with-steps.yaml",
    "recordings/jx-2020-2022-v1beta1/pr-failed-evicted.yaml",
    "recordings/jx-2020-2022-v1beta1/pr-running-2020.yaml",
    "recordings/jx-2020-2022-v1beta1/pr-succeeded.yaml",
    "recordings/jx-2020-2022-v1beta1/pr-timeout-with-steps.yaml",
    "recordings/jx-converted-v1/pr-cancelled-with-steps.yaml",
    "recordings/openshift-pipelines-2023/pipelinerun-human-resources-rlrj8.yaml",
    "recordings/tekton-results-2023/pipelinerun-hello-v1beta1.json",
  ]
  static let taskRunRecordings = [
    "recordings/jx-converted-v1/tr-cancelled-with-steps.yaml",
    "recordings/openshift-pipelines-2023/taskrun-build-container.yaml",
    "recordings/openshift-pipelines-2023/taskrun-clone-repository.yaml",
    "recordings/openshift-pipelines-2023/taskrun-init.yaml",
    "recordings/openshift-pipelines-2023/taskrun-show-summary-finally.yaml",
  ]

  @Test func everyRecordingIsReadByOneOfTheseTests() throws {
    let root = Self.directory.appendingPathComponent("recordings")
    let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
    var found: [String] = []
    for case let url as URL in walker where !url.hasDirectoryPath {
      found.append("recordings/" + url.path.dropFirst(root.path.count + 1))
    }
    #expect(found.sorted() == (Self.pipelineRunRecordings + Self.taskRunRecordings).sorted())
  }

  @Test func everyCopiedFileHasTheDigestItsProvenanceLists() throws {
    let table = try String(
      contentsOf: Self.directory.appendingPathComponent("PROVENANCE.tsv"), encoding: .utf8)
    let rows = table.split(separator: "\n").dropFirst().map {
      $0.split(separator: "\t", omittingEmptySubsequences: false)
    }
    #expect(rows.count == 31)
    for row in rows {
      let path = String(row[0])
      let digest = String(row[row.count - 1])
      let data = try Data(contentsOf: Self.directory.appendingPathComponent(path))
      #expect(SHA256.hex(of: data) == digest, "\(path) differs from the copy PROVENANCE.tsv describes")
    }
  }

  @Test(arguments: pipelineRunRecordings)
  func everyPipelineRunDecodes(path: String) throws {
    let run = try Self.pipelineRun(path)
    #expect(run.kind == "PipelineRun")
    #expect(TektonAPIVersion(apiVersion: run.apiVersion) != nil)
    #expect(run.metadata.creationTimestamp != nil)
    #expect(run.metadata.label(TektonLabels.pipeline) != nil)
    #expect(run.status?.succeededCondition?.type == "Succeeded")
    #expect(run.status?.startTime != nil || path.contains("jx-converted-v1"))
    #expect(!run.children.isEmpty)
  }

  @Test(arguments: taskRunRecordings)
  func everyTaskRunDecodes(path: String) throws {
    let taskRun = try Self.taskRun(path)
    #expect(taskRun.kind == "TaskRun")
    #expect(taskRun.status?.podName?.isEmpty == false)
    #expect(taskRun.status?.steps?.isEmpty == false)
    for step in taskRun.status?.steps ?? [] {
      #expect(step.container == "step-\(step.name ?? "")")
      #expect(step.terminated != nil)
    }
  }

  @Test func openShiftPipelinesRunCompletedWithSkippedTasksAndResults() throws {
    let run = try Self.pipelineRun(
      "recordings/openshift-pipelines-2023/pipelinerun-human-resources-rlrj8.yaml")
    #expect(run.metadata.name == "human-resources-on-pull-request-rlrj8")
    #expect(run.apiVersion == "tekton.dev/v1beta1")
    #expect(run.metadata.uid?.isEmpty == false)
    #expect(run.metadata.label("appstudio.openshift.io/component") == "human-resources")
    #expect(run.state.phase == .succeeded)
    #expect(run.state.reason == "Completed")
    #expect(run.state.display == "Succeeded")
    #expect(run.state.isFinished && run.state.isSucceeded && !run.state.isCancelled)
    #expect(run.state.message == "Tasks Completed: 11 (Failed: 0, Cancelled 0), Skipped: 3")
    #expect(run.children.count == 11)
    #expect(run.children.allSatisfy { $0.kind == "TaskRun" && $0.apiVersion == "tekton.dev/v1beta1" })
    #expect(run.children[0].name == "human-resources-on-pull-request-rlrj8-init")
    #expect(run.children[5].name == "humeaa4363f279f84d4e98a2fee1964cf0b-deprecated-base-image-check")
    #expect(run.children[5].pipelineTaskName == "deprecated-base-image-check")
    #expect(run.children.last?.pipelineTaskName == "show-summary")
    #expect(run.status?.taskRuns == nil)
    #expect(
      run.status?.skippedTasks?.map(\.name) == [
        "prefetch-dependencies", "optional-label-check", "sast-snyk-check",
      ])
    #expect(run.status?.skippedTasks?.first?.reason == "When Expressions evaluated to false")
    #expect(run.status?.results?.count == 5)
    #expect(run.status?.result("CHAINS-GIT_COMMIT") == "b9651320a8c6fdd24cf35d2a1f8ea0a245235442")
    #expect(
      run.status?.result("IMAGE_DIGEST")?.hasPrefix(
        "sha256:dd1f97370def2173b4fcdb0b75291ed6ecdf3346a2839f6ac7f5e") == true)
    #expect(run.spec.param("git-url") == "https://github.com/jeff-phillips-18/human-resources")
    #expect(run.spec.timeouts?.pipeline != nil)
    // Not an OSBS run: no user params, no remote build hosts.
    #expect(run.userParams == nil)
    #expect(run.buildHosts.isEmpty)
  }

  @Test func openShiftPipelinesTaskRunsNameTheirRunTaskPodAndSteps() throws {
    let build = try Self.taskRun("recordings/openshift-pipelines-2023/taskrun-build-container.yaml")
    #expect(build.pipelineTask == "build-container")
    #expect(build.pipelineRun == "human-resources-on-pull-request-rlrj8")
    #expect(build.metadata.label(TektonLabels.task) == "buildah")
    #expect(build.status?.podName == "human-resources-on-pull-request-rlrj8-build-container-pod")
    #expect(build.podNames == ["human-resources-on-pull-request-rlrj8-build-container-pod"])
    #expect(build.status?.steps?.count == 8)
    #expect(build.status?.steps?.first?.container == "step-build")
    #expect(build.status?.steps?.last?.container == "step-upload-sbom")
    #expect(build.status?.steps?.allSatisfy { $0.terminated?.exitCode == 0 } == true)
    #expect(
      build.status?.results?.map(\.name) == [
        "JAVA_COMMUNITY_DEPENDENCIES", "BASE_IMAGES_DIGESTS", "IMAGE_DIGEST", "IMAGE_URL",
      ])
    #expect(build.state.display == "Succeeded")
    // A bundle reference: the Task is named in the resolver params, not in `name`.
    #expect(build.spec?.taskRef?.name == nil && build.spec?.taskRef?.resolver == "bundles")
    #expect(build.spec?.taskRef?.params?.first { $0.name == "name" }?.value == .string("buildah"))
    #expect(build.metadata.ownerReferences?.first?.kind == "PipelineRun")

    let initRun = try Self.taskRun("recordings/openshift-pipelines-2023/taskrun-init.yaml")
    #expect(initRun.status?.result("build") == "true")
    #expect(initRun.status?.result("container-registry-secret") == "unused\n")

    let clone = try Self.taskRun("recordings/openshift-pipelines-2023/taskrun-clone-repository.yaml")
    #expect(clone.status?.steps?.map(\.container) == ["step-clone", "step-symlink-check"])
    #expect(clone.status?.result("url") == "https://github.com/jeff-phillips-18/human-resources")

    let summary = try Self.taskRun("recordings/openshift-pipelines-2023/taskrun-show-summary-finally.yaml")
    #expect(summary.metadata.label(TektonLabels.memberOf) == "finally")
    #expect(summary.pipelineTask == "show-summary")
    #expect(summary.status?.results == nil)
  }

  @Test func jenkinsXCancelledRunReadsAlikeInBothVersions() throws {
    let beta = try Self.pipelineRun("recordings/jx-2020-2022-v1beta1/pr-cancelled-with-steps.yaml")
    let v1 = try Self.pipelineRun("recordings/jx-converted-v1/pr-cancelled-with-steps.yaml")
    #expect(beta.apiVersion == "tekton.dev/v1beta1")
    #expect(v1.apiVersion == "tekton.dev/v1")
    for run in [beta, v1] {
      #expect(run.metadata.name == "repo-pr-2093-jenkinsx-rt7gh")
      #expect(run.spec.status == "Cancelled")
      #expect(run.state.phase == .cancelled)
      #expect(run.state.display == "Cancelled")
      #expect(run.state.isCancelled && run.state.isFinished && !run.state.isSucceeded)
      #expect(run.state.message == "PipelineRun \"repo-pr-2093-jenkinsx-rt7gh\" was cancelled")
      #expect(run.children.map(\.name) == ["repo-pr-2093-jenkinsx-rt7gh-pullrequestfirstt-7lbhx"])
      #expect(run.children.map(\.pipelineTaskName) == ["pullrequestfirsttask"])
    }
    // Only the old shape embeds the TaskRun's status, with its steps.
    #expect(v1.status?.taskRuns == nil)
    let embedded = try #require(beta.status?.taskRuns?["repo-pr-2093-jenkinsx-rt7gh-pullrequestfirstt-7lbhx"])
    #expect(embedded.status?.podName == "repo-pr-2093-jenkinsx-rt7gh-pullrequestfirstt-w6mb5")
    #expect(embedded.status?.steps?.map(\.container) == ["step-git-clone", "step-git-merge"])
    #expect(embedded.status?.steps?.last?.terminated?.reason == "TaskRunCancelled")
    #expect(embedded.status?.steps?.last?.terminated?.exitCode == 1)

    let taskRun = try Self.taskRun("recordings/jx-converted-v1/tr-cancelled-with-steps.yaml")
    #expect(taskRun.apiVersion == "tekton.dev/v1")
    #expect(taskRun.metadata.name == "repo-pr-2093-jenkinsx-rt7gh-pullrequestfirstt-7lbhx")
    #expect(taskRun.spec == nil)
    #expect(taskRun.state.display == "Cancelled(TaskRunCancelled)")
    #expect(taskRun.status?.steps == embedded.status?.steps)
  }

  @Test func jenkinsXRunsInEachEndState() throws {
    let failed = try Self.pipelineRun("recordings/jx-2020-2022-v1beta1/pr-failed-evicted.yaml")
    #expect(failed.metadata.name == "test-repo-pr-321-pr-dng5w")
    #expect(failed.state.display == "Failed")
    #expect(failed.state.isFinished && !failed.state.isSucceeded && !failed.state.isCancelled)
    let failedTask = try #require(failed.status?.taskRuns?.values.first?.status)
    #expect(failedTask.succeededCondition?.status == .false)

    let timedOut = try Self.pipelineRun("recordings/jx-2020-2022-v1beta1/pr-timeout-with-steps.yaml")
    #expect(timedOut.state.phase == .failed)
    #expect(timedOut.state.display == "Failed(PipelineRunTimeout)")
    #expect(timedOut.spec.timeout == "10m0s")
    #expect(timedOut.status?.taskRuns?.values.first?.status?.succeededCondition?.reason == "TaskRunTimeout")

    let succeeded = try Self.pipelineRun("recordings/jx-2020-2022-v1beta1/pr-succeeded.yaml")
    #expect(succeeded.state.display == "Succeeded")
    #expect(succeeded.state.isSucceeded)
    #expect(succeeded.children.map(\.name) == ["x-plugins-jx-registry-pr-8-lint-dbqqf-jx-secret-lint-fv64p"])

    let running = try Self.pipelineRun("recordings/jx-2020-2022-v1beta1/pr-running-2020.yaml")
    #expect(running.metadata.name == "main-rvs7k")
    #expect(running.state.phase == .running)
    #expect(running.state.display == "Running")
    #expect(!running.state.isFinished)
    #expect(running.status?.completionTime == nil)
    let steps = try #require(running.status?.taskRuns?["main-rvs7k-from-build-pack-6n942"]?.status?.steps)
    #expect(steps.contains { $0.running != nil })
    #expect(steps.contains { $0.terminated != nil })
  }

  @Test func tektonResultsRecordingIsASmallCompletedRun() throws {
    let run = try Self.pipelineRun("recordings/tekton-results-2023/pipelinerun-hello-v1beta1.json")
    #expect(run.metadata.name == "hello")
    #expect(run.state.display == "Succeeded")
    #expect(
      run.children == [
        TektonChildReference(
          apiVersion: "tekton.dev/v1beta1", kind: "TaskRun", name: "hello-hello", pipelineTaskName: "hello")
      ])
  }

  @Test func encodingFollowsTheObjectsOwnVersion() throws {
    var run = try Self.pipelineRun(
      "recordings/openshift-pipelines-2023/pipelinerun-human-resources-rlrj8.yaml")
    let beta = try JSONSerialization.jsonObject(with: JSONEncoder().encode(run)) as? [String: Any]
    let betaStatus = try #require(beta?["status"] as? [String: Any])
    #expect(betaStatus["pipelineResults"] != nil && betaStatus["results"] == nil)
    #expect((beta?["spec"] as? [String: Any])?["serviceAccountName"] != nil)

    run.apiVersion = TektonAPIVersion.v1.groupVersion
    let data = try JSONEncoder().encode(run)
    let v1 = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let v1Status = try #require(v1?["status"] as? [String: Any])
    #expect(v1Status["results"] != nil && v1Status["pipelineResults"] == nil)
    let v1Spec = try #require(v1?["spec"] as? [String: Any])
    #expect(v1Spec["serviceAccountName"] == nil && v1Spec["taskRunTemplate"] != nil)
    #expect(try JSONDecoder().decode(PipelineRun.self, from: data) == run)
  }

  @Test func osbsClientDeleteAnswerIsAStatusNamingTheResourcePlural() throws {
    let status = try JSONDecoder().decode(
      APIStatus.self, from: Self.json("osbs/delete-pipelinerun-status.test-fixture.json"))
    #expect(status.status == "Success")
    #expect(status.details?.name == "source-default")
    #expect(status.details?.group == "tekton.dev")
    #expect(status.details?.kind == "pipelineruns")
  }

  /// osbs-client's template rendered as osbs-client renders it (`string.Template.safe_substitute`, then
  /// YAML): the user params come back out of the `user-params` param.
  @Test func osbsClientTemplateRendersToARunWithItsUserParams() throws {
    let params = OSBSUserParams(
      kind: "source_containers_user_params", taskId: 27, user: "kojiadmin", component: "hello-world",
      kojiTarget: "f45-container-candidate", platforms: ["x86_64"], scratch: false)
    let template = try String(
      contentsOf: Self.directory.appendingPathComponent("osbs/example-source-pipepiline-run.yaml"),
      encoding: .utf8)
    let rendered =
      template
      .replacingOccurrences(of: "$osbs_pipeline_run_name", with: "source-12345-20261204161658")
      .replacingOccurrences(of: "$osbs_namespace", with: "osbs")
      .replacingOccurrences(of: "$osbs_configmap_name", with: "reactor-config-map")
      .replacingOccurrences(of: "$osbs_user_params_json", with: try params.json())
    let run = try JSONDecoder().decode(PipelineRun.self, from: YAMLAsJSON.data(fromYAML: rendered))
    #expect(run.apiVersion == "tekton.dev/v1beta1")
    #expect(run.metadata.name == "source-12345-20261204161658")
    #expect(run.spec.pipelineRef?.name == "source-container-0-1")
    #expect(run.spec.param("osbs-image") == "tests_image")
    #expect(run.spec.timeout == "3h")
    #expect(run.userParams == params)
    #expect(run.state.phase == .unknown)
    #expect(run.state.display == "---")
  }
}

@Suite("Tekton run state and OSBS results")
struct TektonRunStateTests {
  /// tkn's STATUS text for each condition (README §2.2).
  @Test(arguments: [
    (TektonCondition.Status.true, "Succeeded", "Succeeded"),
    (.true, "Completed", "Succeeded"),
    (.false, "Failed", "Failed"),
    (.false, "PipelineRunTimeout", "Failed(PipelineRunTimeout)"),
    (.false, "Cancelled", "Cancelled"),
    (.false, "PipelineRunCancelled", "Cancelled(PipelineRunCancelled)"),
    (.false, "TaskRunCancelled", "Cancelled(TaskRunCancelled)"),
    (.unknown, "Running", "Running"),
    (.unknown, "Started", "Running(Started)"),
    (.unknown, "PipelineRunPending", "Pending"),
    (.unknown, "ExceededResourceQuota", "Pending(ExceededResourceQuota)"),
    (.unknown, "PipelineRunStopping", "Failed(PipelineRunStopping)"),
    (.unknown, "CancelledRunningFinally", "Running(CancelledRunningFinally)"),
  ])
  func tknStatusText(status: TektonCondition.Status, reason: String, display: String) {
    let state = TektonRunState(condition: TektonCondition(status: status, reason: reason))
    #expect(state.display == display)
    #expect(state.isFinished == (status != .unknown))
  }

  @Test func osbsBuildHostsComeFromJSONInStringResults() throws {
    let status = PipelineRunStatus(results: [
      TektonResult(name: "task_build_result_x86_64", value: .string(#""buildvm-x86-01.example.com""#)),
      TektonResult(name: "task_build_result_aarch64", value: .string(#""buildvm-a64-02.example.com""#)),
      TektonResult(name: "task_build_result_s390x", value: .string("null")),
      TektonResult(name: "repositories", value: .string(#"{"primary":[],"unique":[],"floating":[]}"#)),
    ])
    let run = PipelineRun(
      metadata: ObjectMeta(name: "hello-world-f45-8832c97860-20261204161658"), status: status)
    #expect(
      run.buildHosts == [
        TektonBuildHost(arch: "aarch64", buildHost: "buildvm-a64-02.example.com"),
        TektonBuildHost(arch: "x86_64", buildHost: "buildvm-x86-01.example.com"),
      ])
  }

  /// No recording has a retried TaskRun; this one has the shape README §7 describes (earlier attempts in
  /// `retriesStatus`, each with its own pod, `-pod-retry<N>` for the current one).
  @Test func aRetriedTaskRunNamesEveryPodItRanIn() throws {
    let text = #"""
      {"apiVersion": "tekton.dev/v1", "kind": "TaskRun",
       "metadata": {"name": "run-build", "labels": {"tekton.dev/pipelineTask": "build", "tekton.dev/pipelineRun": "run"}},
       "status": {"podName": "run-build-pod-retry1",
                  "conditions": [{"type": "Succeeded", "status": "Unknown", "reason": "Running"}],
                  "retriesStatus": [{"podName": "run-build-pod",
                                     "conditions": [{"type": "Succeeded", "status": "False", "reason": "Failed"}]}]}}
      """#
    let taskRun = try JSONDecoder().decode(TaskRun.self, from: Data(text.utf8))
    #expect(taskRun.podNames == ["run-build-pod", "run-build-pod-retry1"])
    #expect(taskRun.state.phase == .running)
    #expect(taskRun.status?.retriesStatus?.first?.succeededCondition?.reason == "Failed")
  }

  @Test func userParamsKeysAreOSBSClients() throws {
    let text =
      #"{"component": "hello-world", "git_branch": "f45", "git_ref": "8832c97", "git_uri": "https://src.example.org/containers/hello-world.git", "isolated": false, "kind": "build_user_params", "koji_target": "f45-container-candidate", "koji_task_id": 27, "platforms": ["x86_64", "aarch64"], "scratch": true, "user": "kojiadmin"}"#
    let params = try OSBSUserParams(json: text)
    #expect(params.taskId == 27)
    #expect(params.user == "kojiadmin")
    #expect(params.gitBranch == "f45")
    #expect(params.platforms == ["x86_64", "aarch64"])
    #expect(params.scratch == true)
    #expect(throws: DecodingError.self) { try OSBSUserParams(json: #"{"koji_task_id": "x"}"#) }
  }
}
