import Foundation
import OSBSKit
import TestSupport
import Testing

/// The built osbsctl's `build` and `prune builds` commands against `TektonReplayServer`, which answers
/// from the recorded PipelineRuns and TaskRuns (Tests/OSBSKitTests/Fixtures/tekton).
@Suite("osbsctl on PipelineRuns, against a replay of recorded Tekton objects")
struct TektonReplayTests {
  static let runName = "human-resources-on-pull-request-rlrj8"

  /// osbsctl's config pointing at the replay, namespace `rhtapuser-tenant` (the 2023 recording's).
  static func environment(_ replay: TektonReplayServer, _ cli: CLI) throws -> [String: String] {
    try cli.replayEnvironment(
      server: replay.baseURL, namespace: TektonReplayServer.openShiftPipelinesNamespace)
  }

  @Test func listShowsBothKindsWithAKindColumn() async throws {
    let replay = try TektonReplayServer()
    let cli = try CLI()
    let environment = try Self.environment(replay, cli)
    let json = try await cli.osbsctl(["build", "list", "-A", "-o", "json"], environment: environment)
    #expect(json.exitCode == 0, "\(json.summary)")
    let builds = try #require(try json.json()["builds"] as? [[String: Any]])
    #expect(builds.count == 6)
    #expect(builds.allSatisfy { $0["kind"] as? String == "PipelineRun" })
    // Newest first: the 2023 run, then the 2022 ones, the 2020 run last.
    #expect(builds.first?["name"] as? String == Self.runName)
    #expect(builds.last?["name"] as? String == "main-rvs7k")
    let statuses = Dictionary(
      uniqueKeysWithValues: builds.map { ($0["name"] as? String ?? "", $0["phase"] as? String ?? "") })
    #expect(
      statuses == [
        Self.runName: "Succeeded", "repo-pr-2093-jenkinsx-rt7gh": "Cancelled",
        "test-repo-pr-321-pr-dng5w": "Failed", "main-rvs7k": "Running",
        "x-plugins-jx-registry-pr-8-lint-dbqqf": "Succeeded", "-jenkins-x-repo-pr-500-pr-l4mcv": "Failed",
      ])
    let first = try #require(builds.first)
    #expect(first["reason"] as? String == "Completed")
    #expect(first["started"] as? String == "2023-08-25T14:56:28Z")
    #expect(first["durationSeconds"] != nil)
    #expect(
      (first["results"] as? [String: String])?["CHAINS-GIT_COMMIT"]
        == "b9651320a8c6fdd24cf35d2a1f8ea0a245235442")

    let table = try await cli.osbsctl(["build", "list", "-A"], environment: environment)
    #expect(table.exitCode == 0, "\(table.summary)")
    let lines = table.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("KIND") == true, "\(table.stdout)")
    #expect(
      lines.contains {
        $0.hasPrefix("PipelineRun") && $0.contains("jx") && $0.contains("Failed (PipelineRunTimeout)")
      })

    let running = try await cli.osbsctl(
      ["build", "list", "-n", "jx", "--running", "-o", "name"], environment: environment)
    #expect(running.exitCode == 0, "\(running.summary)")
    #expect(running.stdout == "pipelinerun/main-rvs7k\n")

    let onlyBuilds = try await cli.osbsctl(
      ["build", "list", "--kind", "build", "-o", "json"], environment: environment)
    #expect((try onlyBuilds.json()["builds"] as? [Any])?.isEmpty == true, "\(onlyBuilds.summary)")
  }

  /// The recorded OSE 3.9 build beside the recorded runs, as on a cluster serving both.
  @Test func aBuildAndPipelineRunsListTogetherAndABuildNameIsABuild() async throws {
    let replay = try TektonReplayServer()
    let build = try #require(
      try JSONSerialization.jsonObject(
        with: Data(
          contentsOf: CLI.packageRoot.appendingPathComponent(
            "Tests/OSBSKitTests/Fixtures/openshift-wire/v3.9.41/build_test-build-123.json")))
        as? [String: Any])
    replay.add(build: build)
    let cli = try CLI()
    let environment = try Self.environment(replay, cli)
    let table = try await cli.osbsctl(["build", "list", "-A"], environment: environment)
    #expect(table.exitCode == 0, "\(table.summary)")
    let rows = table.stdout.split(separator: "\n")
    #expect(rows.first?.hasPrefix("KIND") == true, "\(table.stdout)")
    #expect(
      rows.contains { $0.hasPrefix("Build ") && $0.contains("osbs-stage") && $0.contains("test-build-123") })
    #expect(rows.filter { $0.hasPrefix("PipelineRun ") }.count == 6)
    let names = try await cli.osbsctl(["build", "list", "-A", "-o", "name"], environment: environment)
    #expect(names.stdout.contains("osbs-stage/build/test-build-123\n"))
    #expect(names.stdout.contains("jx/pipelinerun/main-rvs7k\n"))

    let get = try await cli.osbsctl(
      ["build", "get", "-n", "osbs-stage", "test-build-123", "-o", "json"], environment: environment)
    #expect(get.exitCode == 0, "\(get.summary)")
    #expect(try get.json()["kind"] as? String == "Build")
    #expect(!replay.requests.contains { $0.path.contains("pipelineruns/test-build-123") })
  }

  @Test func getDetectsAPipelineRunAfterNoBuildHasTheName() async throws {
    let replay = try TektonReplayServer(servedVersions: ["v1beta1"])
    let cli = try CLI()
    let environment = try Self.environment(replay, cli)
    let run = try await cli.osbsctl(["build", "get", Self.runName, "-o", "json"], environment: environment)
    #expect(run.exitCode == 0, "\(run.summary)")
    let summary = try run.json()
    #expect(summary["kind"] as? String == "PipelineRun")
    #expect(summary["namespace"] as? String == "rhtapuser-tenant")
    #expect(summary["phase"] as? String == "Succeeded")
    #expect(summary["message"] as? String == "Tasks Completed: 11 (Failed: 0, Cancelled 0), Skipped: 3")
    #expect(summary["podName"] == nil)
    let paths = replay.requests.map(\.path)
    #expect(paths.contains("/apis/build.openshift.io/v1/namespaces/rhtapuser-tenant/builds/\(Self.runName)"))
    #expect(paths.last == "/apis/tekton.dev/v1beta1/namespaces/rhtapuser-tenant/pipelineruns/\(Self.runName)")

    let raw = try await cli.osbsctl(
      ["build", "get", Self.runName, "--raw", "--kind", "pipelinerun"], environment: environment)
    let object = try JSONSerialization.jsonObject(with: Data(raw.stdout.utf8)) as? [String: Any]
    #expect((object?["status"] as? [String: Any])?["pipelineResults"] != nil, "v1beta1 shape, as served")
    #expect(
      !replay.requests.suffix(1).contains { $0.path.contains("/builds/") }, "--kind skips the Build lookup")

    let missing = try await cli.osbsctl(["build", "get", "no-such-run"], environment: environment)
    #expect(missing.exitCode == 3, "\(missing.summary)")
    #expect(
      missing.stderr.contains(#"no Build or PipelineRun named "no-such-run" in namespace rhtapuser-tenant"#))
    // The server's own words for each lookup stay in the message.
    #expect(
      missing.stderr.contains(#"builds.build.openshift.io "no-such-run" not found"#), "\(missing.stderr)")
    #expect(missing.stderr.contains(#"pipelineruns.tekton.dev "no-such-run" not found"#), "\(missing.stderr)")
  }

  @Test func withoutPipelinesAForcedPipelineRunSaysSo() async throws {
    let replay = try TektonReplayServer(servedVersions: [])
    let cli = try CLI()
    let environment = try Self.environment(replay, cli)
    let forced = try await cli.osbsctl(
      ["build", "get", Self.runName, "--kind", "pipelinerun"], environment: environment)
    #expect(forced.exitCode == 3, "\(forced.summary)")
    #expect(forced.stderr.contains("OpenShift Pipelines is not installed"), "\(forced.stderr)")
    let detected = try await cli.osbsctl(["build", "get", Self.runName], environment: environment)
    #expect(detected.exitCode == 3, "\(detected.summary)")
    #expect(detected.stderr.contains("not found"), "\(detected.stderr)")
    let list = try await cli.osbsctl(["build", "list", "-o", "json"], environment: environment)
    #expect(list.exitCode == 0, "\(list.summary)")
    #expect(!replay.requests.contains { $0.path.contains("tekton.dev/") })
  }

  @Test func watchEndsWithTheRunsFinalStateAndExitCode() async throws {
    let replay = try TektonReplayServer()
    let cli = try CLI()
    let environment = try Self.environment(replay, cli)
    let done = try await cli.osbsctl(["build", "watch", Self.runName], environment: environment)
    #expect(done.exitCode == 0, "\(done.summary)")
    #expect(
      done.stdout
        == "pipelinerun/\(Self.runName) Succeeded (Completed): Tasks Completed: 11 (Failed: 0, Cancelled 0), Skipped: 3\n"
    )

    let timedOut = try await cli.osbsctl(
      ["build", "watch", "-n", "jx", "-o", "json", "--", "-jenkins-x-repo-pr-500-pr-l4mcv"],
      environment: environment)
    #expect(timedOut.exitCode == 1, "\(timedOut.summary)")
    let event = try #require(try timedOut.jsonLines().first)
    #expect(event["kind"] as? String == "PipelineRun")
    #expect(event["phase"] as? String == "Failed")
    #expect(event["reason"] as? String == "PipelineRunTimeout")
    #expect(event["final"] as? Bool == true)
    #expect(event["succeeded"] as? Bool == false)
    #expect(
      replay.requests.contains {
        $0.path.contains("fieldSelector=metadata.name%3D-jenkins-x-repo-pr-500-pr-l4mcv")
      })
  }

  /// koji-containerbuild deletes the run when its task ends: a watch sees it go.
  @Test func watchOfARunThatIsDeletedExitsThree() async throws {
    let replay = try TektonReplayServer()
    let cli = try CLI()
    let environment = try Self.environment(replay, cli)
    async let watching = cli.osbsctl(["build", "watch", "-n", "jx", "main-rvs7k"], environment: environment)
    let deadline = ContinuousClock.now + .seconds(60)
    while !replay.requests.contains(where: { $0.path.contains("watch=1") }), ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(50))
    }
    let tekton = TektonClient(
      openShift: OpenShiftClient(
        http: try HTTPClient(configuration: HTTPClientConfiguration(auth: .bearer("replay-token"))),
        baseURL: replay.baseURL, namespace: "jx"))
    _ = try await tekton.deletePipelineRun(named: "main-rvs7k")
    let run = try await watching
    #expect(run.exitCode == 3, "\(run.summary)")
    // The reason (Running) is not repeated after the phase.
    #expect(run.stdout == "pipelinerun/main-rvs7k Running\n", "\(run.stdout)")
    #expect(run.stderr.contains("pipelinerun main-rvs7k was deleted"), "\(run.stderr)")
  }

  @Test func cancelReportsTheValueUsedAndLeavesFinishedRunsAlone() async throws {
    let replay = try TektonReplayServer(servedVersions: ["v1beta1"], cancelValues: .upToV024)
    let cli = try CLI()
    let environment = try Self.environment(replay, cli)
    let run = try await cli.osbsctl(
      ["build", "cancel", "-n", "jx", "main-rvs7k", "repo-pr-2093-jenkinsx-rt7gh"], environment: environment)
    #expect(run.exitCode == 0, "\(run.summary)")
    #expect(
      run.stdout
        == "pipelinerun/main-rvs7k cancelled (spec.status PipelineRunCancelled)\n"
        + "pipelinerun/repo-pr-2093-jenkinsx-rt7gh already finished (Cancelled)\n")
    #expect(replay.specStatus(ofPipelineRun: "main-rvs7k") == "PipelineRunCancelled")
    let patches = replay.requests.filter { $0.method == "PATCH" }
    #expect(patches.count == 2)
    #expect(patches.allSatisfy { $0.headers["content-type"] == "application/merge-patch+json" })

    let json = try await cli.osbsctl(
      ["build", "cancel", "--grace", "CancelledRunFinally", Self.runName, "-o", "json"],
      environment: environment)
    let outcome = try #require((try json.json()["builds"] as? [[String: Any]])?.first, "\(json.summary)")
    #expect(outcome["kind"] as? String == "PipelineRun")
    #expect(outcome["cancelled"] as? Bool == false)
    #expect(outcome["phase"] as? String == "Succeeded")
    #expect(outcome["cancelValue"] == nil)

    let wrongKind = try await cli.osbsctl(
      ["build", "cancel", "-n", "jx", "main-rvs7k", "--kind", "build"], environment: environment)
    #expect(wrongKind.exitCode == 3, "\(wrongKind.summary)")
  }

  @Test func nodeListsEachTaskRunsPodAndNode() async throws {
    let replay = try TektonReplayServer()
    // No recording holds a Tekton pod: the recorded OSE 3.9 build pod stands in for the build-container
    // TaskRun's pod (named and labelled as Tekton names it), on the recorded OpenShift 4 worker node.
    let openShiftWire = CLI.packageRoot.appendingPathComponent("Tests/OSBSKitTests/Fixtures/openshift-wire")
    var node = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: openShiftWire.appendingPathComponent("extra/insights/node_worker-0.json")))
        as? [String: Any])
    node["kind"] = "Node"
    node["apiVersion"] = "v1"
    let nodeName = try #require((node["metadata"] as? [String: Any])?["name"] as? String)
    let pods = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: openShiftWire.appendingPathComponent("v3.9.41/pods.json")))
        as? [String: Any])
    var pod = try #require((pods["items"] as? [[String: Any]])?.first)
    var metadata = try #require(pod["metadata"] as? [String: Any])
    metadata["name"] = "\(Self.runName)-build-container-pod"
    metadata["namespace"] = TektonReplayServer.openShiftPipelinesNamespace
    metadata["labels"] = [
      "tekton.dev/pipelineRun": Self.runName, "tekton.dev/pipelineTask": "build-container",
      "tekton.dev/taskRun": "\(Self.runName)-build-container",
    ]
    pod["metadata"] = metadata
    var spec = try #require(pod["spec"] as? [String: Any])
    spec["nodeName"] = nodeName
    pod["spec"] = spec
    replay.add(pod: pod)
    replay.add(node: node)

    let cli = try CLI()
    let environment = try Self.environment(replay, cli)
    let run = try await cli.osbsctl(["build", "node", Self.runName, "-o", "json"], environment: environment)
    #expect(run.exitCode == 0, "\(run.summary)")
    let report = try run.json()
    #expect(report["kind"] as? String == "PipelineRun")
    #expect(report["buildName"] as? String == Self.runName)
    #expect(report["phase"] as? String == "Succeeded")
    let taskRuns = try #require(report["taskRuns"] as? [[String: Any]])
    #expect(
      taskRuns.compactMap { $0["pipelineTask"] as? String } == [
        "init", "clone-repository", "build-container", "show-summary",
      ])
    #expect(taskRuns.compactMap { $0["podName"] as? String }.count == 4)
    let build = taskRuns[2]
    #expect(build["podName"] as? String == "\(Self.runName)-build-container-pod")
    #expect(build["nodeName"] as? String == nodeName)
    #expect(build["nodeIP"] as? String == "10.0.89.93")
    #expect(build["podIP"] as? String == "172.20.48.82")
    #expect(taskRuns[0]["nodeName"] == nil, "the init TaskRun's pod is not on the cluster")
    #expect((report["buildHosts"] as? [Any])?.isEmpty == true, "not an OSBS run: no task_build_result_<arch>")

    let table = try await cli.osbsctl(["build", "node", Self.runName], environment: environment)
    #expect(table.exitCode == 0, "\(table.summary)")
    #expect(table.stdout.contains("build-container"))
    #expect(table.stdout.contains(nodeName))
    #expect(table.stdout.contains("PipelineRun \(Self.runName): Succeeded (Completed)"))
  }

  @Test func pruneBuildsPlansAndDeletesFinishedRunsOnly() async throws {
    let replay = try TektonReplayServer()
    let cli = try CLI()
    let environment = try Self.environment(replay, cli)
    let arguments = ["prune", "builds", "-n", "jx", "--keep-complete", "0", "--keep-failed", "0"]
    let plan = try await cli.osbsctl(arguments + ["-o", "json"], environment: environment)
    #expect(plan.exitCode == 0, "\(plan.summary)")
    let report = try plan.json()
    let items = try #require(report["planned"] as? [[String: Any]], "\(plan.stdout)")
    #expect(
      Set(items.compactMap { $0["name"] as? String }) == [
        "repo-pr-2093-jenkinsx-rt7gh", "test-repo-pr-321-pr-dng5w", "x-plugins-jx-registry-pr-8-lint-dbqqf",
        "-jenkins-x-repo-pr-500-pr-l4mcv",
      ], "the running main-rvs7k is never planned")
    #expect(items.allSatisfy { $0["kind"] as? String == "pipelinerun" })
    let timeout = try #require(items.first { $0["name"] as? String == "-jenkins-x-repo-pr-500-pr-l4mcv" })
    #expect(
      (timeout["reason"] as? String)?.hasPrefix("PipelineRunTimeout pipelinerun beyond --keep-failed=0")
        == true)
    #expect(!replay.requests.contains { $0.method == "DELETE" })

    let kept = try await cli.osbsctl(["prune", "builds", "-n", "jx", "-o", "json"], environment: environment)
    #expect(
      (try kept.json()["planned"] as? [Any])?.isEmpty ?? true, "one run per Pipeline: the defaults keep each")

    let confirmed = try await cli.osbsctl(arguments + ["--confirm", "-o", "json"], environment: environment)
    #expect(confirmed.exitCode == 0, "\(confirmed.summary)")
    let deletes = replay.requests.filter { $0.method == "DELETE" }
    #expect(deletes.count == 4)
    #expect(deletes.allSatisfy { $0.path.hasPrefix("/apis/tekton.dev/v1/namespaces/jx/pipelineruns/") })
    let body = try #require(deletes.first { $0.path.hasSuffix("/repo-pr-2093-jenkinsx-rt7gh") }?.body)
    #expect(String(decoding: body, as: UTF8.self).contains(#""resourceVersion":"365226508""#))
    #expect(!replay.hasPipelineRun("repo-pr-2093-jenkinsx-rt7gh"))
    #expect(replay.hasPipelineRun("main-rvs7k"))
  }
}
