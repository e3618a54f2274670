import Foundation
import OSBSKit
import Testing

@testable import OSBSSandbox

/// OpenShift Pipelines on the simulated cluster, checked on the wire against the facts in
/// shared/reference/tekton-wire (README §2.3, §3, §5, §6, §8, §10). The pipelines clock is manual: runs
/// move only when a test advances it (one stage a second).
@Suite("Sandbox OpenShift Pipelines")
struct TektonPipelinesTests {
  static let start = Date(timeIntervalSince1970: 1_795_921_351)

  struct Pipelines {
    let cluster: OpenShiftCluster
    let clock: KojiHubClock
    let base: String

    func get(_ path: String, headers: [String: String] = [:]) async throws -> HTTPResult {
      try await send("GET", base + path, headers: headers)
    }

    func json(_ path: String) async throws -> [String: Any] {
      let result = try await get(path)
      #expect(result.status == 200, "\(path): \(result.text)")
      return try #require(try JSONSerialization.jsonObject(with: result.body) as? [String: Any])
    }

    func create(
      _ name: String, version: String = "v1beta1", platforms: [String] = ["x86_64"], pending: Bool = false
    ) async throws -> HTTPResult {
      let userParams =
        #"{"component": "hello-world", "koji_task_id": 1234, "platforms": ["#
        + platforms.map { "\"\($0)\"" }.joined(separator: ", ") + #"], "user": "builder1"}"#
      let body: [String: Any] = [
        "apiVersion": "tekton.dev/\(version)", "kind": "PipelineRun", "metadata": ["name": name],
        "spec": [
          "pipelineRef": ["name": "binary-container-0-2"],
          "params": [
            ["name": "osbs-image", "value": "quay.io/containerbuildsystem/osbs-image:latest"],
            ["name": "user-params", "value": userParams],
          ],
          "timeout": "7200s",
        ].merging(pending ? ["status": "PipelineRunPending"] : [:]) { a, _ in a },
      ]
      return try await send(
        "POST", base + "/apis/tekton.dev/\(version)/namespaces/osbs/pipelineruns",
        body: try JSONSerialization.data(withJSONObject: body),
        headers: ["Content-Type": "application/json", "Accept": "application/json"])
    }

    func patch(_ name: String, version: String, contentType: String, _ body: String) async throws
      -> HTTPResult
    {
      try await send(
        "PATCH", base + "/apis/tekton.dev/\(version)/namespaces/osbs/pipelineruns/\(name)",
        body: Data(body.utf8),
        headers: ["Content-Type": contentType])
    }
  }

  func withPipelines(
    _ release: TektonRelease = .current, _ body: (Pipelines) async throws -> Void
  ) async throws {
    let clock = KojiHubClock.manual(start: Self.start)
    let cluster = OpenShiftCluster(
      configuration: .init(tekton: release, pipelinesClock: clock, pipelineStageSeconds: 1))
    try await withSandbox(router: cluster.router()) { _, endpoints in
      try await body(Pipelines(cluster: cluster, clock: clock, base: endpoints.openshiftAPI))
    }
  }

  static func condition(_ object: [String: Any]) -> (status: String?, reason: String?, message: String?) {
    let first = ((object["status"] as? [String: Any])?["conditions"] as? [[String: Any]])?.first
    return (first?["status"] as? String, first?["reason"] as? String, first?["message"] as? String)
  }

  static func status(_ object: [String: Any]) -> [String: Any] { object["status"] as? [String: Any] ?? [:] }

  // MARK: Names

  @Test func childNameFollowsKmetaWithTheCheckedExample() {
    #expect(MD5.hex("") == "d41d8cd98f00b204e9800998ecf8427e")
    #expect(MD5.hex("The quick brown fox jumps over the lazy dog") == "9e107d9d372bb6826bd81d3542a419d6")
    // README §3: checked against the 2023 recording.
    #expect(
      TektonNames.childName("human-resources-on-pull-request-rlrj8", "-deprecated-base-image-check")
        == "humeaa4363f279f84d4e98a2fee1964cf0b-deprecated-base-image-check")
    #expect(TektonNames.childName("short", "-clone") == "short-clone")
    let long = TektonNames.taskRun(
      run: "hello-world-f45-8832c97860-20261204161658", pipelineTask: "binary-container-build-x86-64")
    #expect(long.count == 63 && long.hasSuffix("-binary-container-build-x86-64"))
    #expect(TektonNames.pod(taskRun: long).hasSuffix("-pod") && TektonNames.pod(taskRun: long).count <= 63)
  }

  @Test func releasesParseAndDecideVersionsAndCancelValues() throws {
    #expect(TektonRelease(parsing: "none") == TektonRelease.none)
    let old = try #require(TektonRelease(parsing: "v0.24.3"))
    #expect(old.servedVersions == ["v1beta1"])
    #expect(old.acceptedCancelValues == ["PipelineRunCancelled"])
    #expect(TektonRelease(parsing: "0.43")?.servedVersions == ["v1beta1", "v1"])
    #expect(TektonRelease.current.servedVersions == ["v1", "v1beta1"])
    #expect(TektonRelease(parsing: "1.15")?.preferredVersion == "v1")
    #expect(TektonRelease(parsing: "latest") == nil)
  }

  // MARK: Discovery

  @Test func discoveryListsTektonPerRelease() async throws {
    try await withPipelines { pipelines in
      let groups = try #require(try await pipelines.json("/apis")["groups"] as? [[String: Any]])
      let tekton = try #require(groups.first { $0["name"] as? String == "tekton.dev" })
      #expect(
        (tekton["versions"] as? [[String: Any]])?.compactMap { $0["version"] as? String } == [
          "v1", "v1beta1",
        ])
      #expect((tekton["preferredVersion"] as? [String: Any])?["version"] as? String == "v1")
      for version in ["v1", "v1beta1"] {
        let list = try await pipelines.json("/apis/tekton.dev/\(version)")
        let resources = try #require(list["resources"] as? [[String: Any]])
        #expect(
          resources.compactMap { $0["name"] as? String }
            == ["pipelineruns", "pipelineruns/status", "taskruns", "taskruns/status"])
        #expect(resources[0]["shortNames"] as? [String] == ["pr", "prs"])
        #expect(resources[2]["shortNames"] as? [String] == ["tr", "trs"])
        #expect(resources[0]["categories"] as? [String] == ["tekton", "tekton-pipelines"])
        #expect(resources[0]["namespaced"] as? Bool == true)
        #expect(resources[2]["kind"] as? String == "TaskRun")
      }
    }
    try await withPipelines(try #require(TektonRelease(parsing: "0.24"))) { pipelines in
      let groups = try #require(try await pipelines.json("/apis")["groups"] as? [[String: Any]])
      let tekton = try #require(groups.first { $0["name"] as? String == "tekton.dev" })
      #expect(
        (tekton["versions"] as? [[String: Any]])?.compactMap { $0["version"] as? String } == ["v1beta1"])
      #expect(try await pipelines.get("/apis/tekton.dev/v1").status == 404)
      #expect(try await pipelines.get("/apis/tekton.dev/v1/namespaces/osbs/pipelineruns").status == 404)
    }
    try await withPipelines(.none) { pipelines in
      let groups = try #require(try await pipelines.json("/apis")["groups"] as? [[String: Any]])
      #expect(!groups.contains { $0["name"] as? String == "tekton.dev" })
      #expect(try await pipelines.create("nothing").status == 404)
    }
  }

  // MARK: A run from start to end

  @Test func runGoesThroughTheBinaryPipelineAndEndsCompleted() async throws {
    try await withPipelines { pipelines in
      let name = "hello-world-f45-8832c97860-20261204161658"
      let created = try await pipelines.create(name, platforms: ["x86_64", "aarch64"])
      #expect(created.status == 201, "\(created.text)")
      let body = try #require(try JSONSerialization.jsonObject(with: created.body) as? [String: Any])
      #expect(body["apiVersion"] as? String == "tekton.dev/v1beta1")
      #expect(Self.condition(body).reason == "Started")

      pipelines.clock.advance(by: 1.5)
      let running = try await pipelines.json("/apis/tekton.dev/v1/namespaces/osbs/pipelineruns/\(name)")
      #expect(running["apiVersion"] as? String == "tekton.dev/v1")
      #expect(Self.condition(running).status == "Unknown")
      #expect(Self.condition(running).reason == "Running")
      #expect(
        Self.condition(running).message
          == "Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 11, Skipped: 0")
      let spec = try #require(running["spec"] as? [String: Any])
      #expect((spec["timeouts"] as? [String: Any])?["pipeline"] as? String == "7200s")
      #expect(spec["timeout"] == nil)

      pipelines.clock.advance(by: 10)
      let v1 = try await pipelines.json("/apis/tekton.dev/v1/namespaces/osbs/pipelineruns/\(name)")
      let v1beta1 = try await pipelines.json("/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/\(name)")
      #expect(Self.condition(v1).status == "True")
      #expect(Self.condition(v1).reason == "Completed")
      #expect(Self.condition(v1).message == "Tasks Completed: 8 (Failed: 0, Cancelled 0), Skipped: 4")
      #expect(Self.status(v1)["pipelineResults"] == nil && Self.status(v1)["results"] != nil)
      #expect(Self.status(v1beta1)["results"] == nil && Self.status(v1beta1)["pipelineResults"] != nil)
      #expect(Self.status(v1beta1)["taskRuns"] == nil)
      let references = try #require(Self.status(v1)["childReferences"] as? [[String: Any]])
      #expect(
        references.compactMap { $0["pipelineTaskName"] as? String } == [
          "clone", "binary-container-init", "binary-container-prebuild", "binary-container-build-x86-64",
          "binary-container-build-aarch64", "binary-container-postbuild", "binary-container-set-results",
          "binary-container-exit",
        ])
      #expect(
        references.allSatisfy {
          $0["apiVersion"] as? String == "tekton.dev/v1" && $0["kind"] as? String == "TaskRun"
        })
      let buildRun = try #require(
        references.first { $0["pipelineTaskName"] as? String == "binary-container-build-x86-64" }?["name"]
          as? String)
      #expect(buildRun == TektonNames.childName(name, "-binary-container-build-x86-64"))
      let skipped = try #require(Self.status(v1)["skippedTasks"] as? [[String: Any]])
      #expect(
        Set(skipped.compactMap { $0["name"] as? String }) == [
          "binary-container-cachito", "binary-container-hermeto", "binary-container-build-s390x",
          "binary-container-build-ppc64le",
        ])
      #expect(skipped.allSatisfy { $0["reason"] as? String == "When Expressions evaluated to false" })
      let results = try #require(Self.status(v1)["results"] as? [[String: Any]])
      let values = Dictionary(
        uniqueKeysWithValues: results.compactMap { result -> (String, String)? in
          guard let name = result["name"] as? String, let value = result["value"] as? String else {
            return nil
          }
          return (name, value)
        })
      #expect(
        Set(values.keys) == [
          "repositories", "koji-build-id", "task_build_result_x86_64", "task_build_result_aarch64",
          "platforms_result", "annotations",
        ])
      let hostResult = try #require(values["task_build_result_x86_64"])
      let host = try JSONDecoder().decode(String.self, from: Data(hostResult.utf8))
      #expect(host.hasPrefix("buildvm-x86-0"))

      // Field selectors and pages, as informers and tkn list.
      let byName = try await pipelines.json(
        "/apis/tekton.dev/v1/namespaces/osbs/pipelineruns?fieldSelector=metadata.name=\(name)&limit=1")
      #expect((byName["items"] as? [Any])?.count == 1)
      #expect((byName["metadata"] as? [String: Any])?["continue"] == nil)
      #expect(byName["kind"] as? String == "PipelineRunList")
      let none = try await pipelines.json(
        "/apis/tekton.dev/v1/namespaces/osbs/pipelineruns?fieldSelector=metadata.name=other")
      #expect((none["items"] as? [Any])?.isEmpty == true)
      let page = try await pipelines.json("/apis/tekton.dev/v1/namespaces/osbs/taskruns?limit=3")
      #expect((page["items"] as? [Any])?.count == 3)
      let token = try #require((page["metadata"] as? [String: Any])?["continue"] as? String)
      let rest = try await pipelines.json(
        "/apis/tekton.dev/v1/namespaces/osbs/taskruns?limit=10&continue=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token)"
      )
      #expect((rest["items"] as? [Any])?.count == 5)

      // TaskRuns: all of the run's, by label; their shapes per version.
      let list = try await pipelines.json(
        "/apis/tekton.dev/v1beta1/namespaces/osbs/taskruns?labelSelector=tekton.dev/pipelineRun=\(name)")
      let items = try #require(list["items"] as? [[String: Any]])
      #expect(items.count == 8)
      let build = try #require(
        items.first { ($0["metadata"] as? [String: Any])?["name"] as? String == buildRun })
      let labels = try #require((build["metadata"] as? [String: Any])?["labels"] as? [String: String])
      #expect(labels["tekton.dev/pipelineTask"] == "binary-container-build-x86-64")
      #expect(labels["tekton.dev/pipeline"] == "binary-container-0-2")
      #expect(labels["tekton.dev/memberOf"] == "tasks")
      #expect(labels["tekton.dev/task"] == "binary-container-build-0-1")
      #expect(labels["app.kubernetes.io/managed-by"] == "tekton-pipelines")
      let owner = try #require(
        ((build["metadata"] as? [String: Any])?["ownerReferences"] as? [[String: Any]])?.first)
      #expect(owner["kind"] as? String == "PipelineRun" && owner["name"] as? String == name)
      #expect(owner["controller"] as? Bool == true && owner["blockOwnerDeletion"] as? Bool == true)
      let buildStatus = Self.status(build)
      #expect(Self.condition(build).reason == "Succeeded")
      let taskResults = try #require(buildStatus["taskResults"] as? [[String: Any]])
      #expect(taskResults.first?["name"] as? String == "task_result")
      #expect(taskResults.first?["value"] as? String == values["task_build_result_x86_64"])
      let steps = try #require(buildStatus["steps"] as? [[String: Any]])
      #expect(steps.map { $0["container"] as? String } == ["step-binary-container-build"])
      #expect((steps[0]["terminated"] as? [String: Any])?["exitCode"] as? Int == 0)
      let finallyRun = try #require(
        items.first {
          ($0["metadata"] as? [String: Any]).flatMap {
            ($0["labels"] as? [String: String])?["tekton.dev/pipelineTask"]
          } == "binary-container-exit"
        })
      #expect(
        ((finallyRun["metadata"] as? [String: Any])?["labels"] as? [String: String])?["tekton.dev/memberOf"]
          == "finally")
      let v1Build = try await pipelines.json("/apis/tekton.dev/v1/namespaces/osbs/taskruns/\(buildRun)")
      #expect(Self.status(v1Build)["results"] != nil && Self.status(v1Build)["taskResults"] == nil)

      // The pod: on a node, init containers, one container per step; its log.
      let podName = try #require(buildStatus["podName"] as? String)
      #expect(podName == TektonNames.pod(taskRun: buildRun))
      let pod = try await pipelines.json("/api/v1/namespaces/osbs/pods/\(podName)")
      let podSpec = try #require(pod["spec"] as? [String: Any])
      let node = try #require(podSpec["nodeName"] as? String)
      #expect(pipelines.cluster.node(named: node) != nil)
      #expect(
        (podSpec["initContainers"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == [
          "prepare", "place-scripts",
        ])
      #expect(
        (podSpec["containers"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == [
          "step-binary-container-build"
        ])
      #expect((pod["status"] as? [String: Any])?["phase"] as? String == "Succeeded")
      let pods = try await pipelines.json(
        "/api/v1/namespaces/osbs/pods?labelSelector=tekton.dev/pipelineRun=\(name)")
      #expect((pods["items"] as? [Any])?.count == 8)
      let log = try await pipelines.get(
        "/api/v1/namespaces/osbs/pods/\(podName)/log?container=step-binary-container-build")
      #expect(log.status == 200)
      #expect(log.text.hasPrefix("+ atomic-reactor -v task "))
      #expect(!log.text.hasSuffix("\n"))
      let lines = log.text.split(separator: "\n").map(String.init)
      #expect(
        lines.contains {
          $0.contains(" - atomic_reactor.utils.remote_host - INFO - \(host): slot ")
            && $0.hasSuffix(" is locked for pipelinerun \(name)")
        })
      #expect(
        lines.contains {
          $0.contains(" - atomic_reactor.tasks.binary_container_build - INFO - Building image=")
            && $0.hasSuffix(" on host=\(host)")
        })
      let stamp = try #require(lines.dropFirst().first)
      #expect(
        stamp.range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - "#, options: .regularExpression) != nil)
      let limited = try await pipelines.get(
        "/api/v1/namespaces/osbs/pods/\(podName)/log?container=step-binary-container-build&limitBytes=10")
      #expect(limited.text == String(log.text.prefix(10)))
      let stamped = try await pipelines.get(
        "/api/v1/namespaces/osbs/pods/\(podName)/log?container=step-binary-container-build&timestamps=true")
      #expect(
        stamped.text.split(separator: "\n").allSatisfy {
          $0.range(of: #"^\d{4}-\d\d-\d\dT[0-9:.]+Z "#, options: .regularExpression) != nil
        })
    }
  }

  @Test func podLogErrorsAreTheAPIServers() async throws {
    try await withPipelines { pipelines in
      let name = "logs-run"
      #expect(try await pipelines.create(name).status == 201)
      pipelines.clock.advance(by: 0.15)
      let taskRun = TektonNames.childName(name, "-clone")
      let pod = TektonNames.pod(taskRun: taskRun)
      let waiting = try await pipelines.get("/api/v1/namespaces/osbs/pods/\(pod)/log?container=step-clone")
      #expect(waiting.status == 400)
      let status = try #require(try JSONSerialization.jsonObject(with: waiting.body) as? [String: Any])
      #expect(
        status["message"] as? String
          == "container \"step-clone\" in pod \"\(pod)\" is waiting to start: PodInitializing")
      #expect(status["reason"] as? String == "BadRequest")
      #expect(status["code"] as? Int == 400)

      // The hermeto task has three steps; run it by making the run's init choose it is not possible,
      // so a pod with one step answers without a container name, and an unknown name is refused.
      pipelines.clock.advance(by: 0.5)
      #expect(try await pipelines.get("/api/v1/namespaces/osbs/pods/\(pod)/log").status == 200)
      let unknown = try await pipelines.get("/api/v1/namespaces/osbs/pods/\(pod)/log?container=step-nope")
      #expect(unknown.status == 400)
      #expect(unknown.text.contains("container step-nope is not valid for pod \(pod)"))
    }
  }

  @Test func aPodWithSeveralContainersNeedsAContainerName() async throws {
    let cluster = OpenShiftCluster(configuration: .init(seed: .init(nodes: 1, buildsPerPhase: 0)))
    cluster.addPod(
      Pod(
        metadata: ObjectMeta(name: "two-steps-pod", namespace: "osbs"),
        spec: PodSpec(
          nodeName: "osbs-node01",
          containers: [.init(name: "step-a"), .init(name: "step-b")], initContainers: [.init(name: "prepare")]
        ),
        status: PodStatus(phase: "Running")))
    try await withSandbox(router: cluster.router()) { _, endpoints in
      let result = try await send(
        "GET", endpoints.openshiftAPI + "/api/v1/namespaces/osbs/pods/two-steps-pod/log")
      #expect(result.status == 400)
      #expect(
        result.text.contains(
          "a container name must be specified for pod two-steps-pod, choose one of: [step-a step-b] or one of the init containers: [prepare]"
        ))
    }
  }

  // MARK: Watches

  @Test func legacyWatchPathStartsWithAddedAndFollowsTheRun() async throws {
    try await withPipelines { pipelines in
      let name = "watched-run"
      #expect(try await pipelines.create(name).status == 201)
      let watched = try await pipelines.get(
        "/apis/tekton.dev/v1beta1/watch/namespaces/osbs/pipelineruns/\(name)/?timeoutSeconds=1",
        headers: ["Connection": "close"])
      let events = watched.text.split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }
      #expect(events.first?["type"] as? String == "ADDED")
      let object = try #require(events.first?["object"] as? [String: Any])
      #expect(object["apiVersion"] as? String == "tekton.dev/v1beta1")
      #expect((object["metadata"] as? [String: Any])?["name"] as? String == name)

      // A watch from a resourceVersion sees each step of the run as the clock moves.
      let version = try #require((object["metadata"] as? [String: Any])?["resourceVersion"] as? String)
      pipelines.clock.advance(by: 3)
      let resumed = try await pipelines.get(
        "/apis/tekton.dev/v1/namespaces/osbs/taskruns?watch=True&resourceVersion=\(version)&timeoutSeconds=1&labelSelector=tekton.dev/pipelineRun=\(name)"
      )
      let trEvents = resumed.text.split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }
      #expect(trEvents.first?["type"] as? String == "ADDED")
      #expect(trEvents.count >= 6)
      #expect(
        trEvents.allSatisfy { ($0["object"] as? [String: Any])?["apiVersion"] as? String == "tekton.dev/v1" })
      let reasons = trEvents.compactMap { Self.condition(($0["object"] as? [String: Any]) ?? [:]).reason }
      #expect(reasons.contains("Pending") && reasons.contains("Running") && reasons.contains("Succeeded"))

      // Informers watch one object with a field selector.
      let informer = try await pipelines.get(
        "/apis/tekton.dev/v1/namespaces/osbs/pipelineruns?watch=true&fieldSelector=metadata.name%3D\(name)&timeoutSeconds=1"
      )
      #expect(informer.text.hasPrefix(#"{"type":"ADDED","object":{"apiVersion":"tekton.dev/v1","#))
      #expect(informer.text.split(separator: "\n").count == 1)

      // A body of the other version is refused, as the API server decodes by the path.
      let mismatch = try await pipelines.create("other", version: "v1beta1")
      #expect(mismatch.status == 201)
      let wrongPath = try await send(
        "POST", pipelines.base + "/apis/tekton.dev/v1/namespaces/osbs/pipelineruns",
        body: Data(
          #"{"apiVersion": "tekton.dev/v1beta1", "kind": "PipelineRun", "metadata": {"name": "x"}}"#.utf8),
        headers: ["Content-Type": "application/json"])
      #expect(wrongPath.status == 400)
      #expect(
        wrongPath.text.contains(
          "the API version in the data (tekton.dev/v1beta1) does not match the expected API version (tekton.dev/v1)"
        ))

      let taskRun = TektonNames.childName(name, "-clone")
      let trWatch = try await pipelines.get(
        "/apis/tekton.dev/v1beta1/watch/namespaces/osbs/taskruns/\(taskRun)/?timeoutSeconds=1")
      #expect(trWatch.text.hasPrefix(#"{"type":"ADDED","object":{"#))
      let podWatch = try await pipelines.get(
        "/api/v1/watch/namespaces/osbs/pods/\(TektonNames.pod(taskRun: taskRun))/?timeoutSeconds=1")
      #expect(podWatch.text.hasPrefix(#"{"type":"ADDED","object":{"#))
    }
  }

  // MARK: Cancel

  @Test func cancelledStopsRunningTaskRunsAndDeletesTheirPods() async throws {
    try await withPipelines { pipelines in
      let name = "cancel-me"
      #expect(try await pipelines.create(name).status == 201)
      pipelines.clock.advance(by: 1.5)
      // tkn's cancel: a JSON patch replacing an absent spec.status.
      let patched = try await pipelines.patch(
        name, version: "v1", contentType: "application/json-patch+json",
        #"[{"op":"replace","path":"/spec/status","value":"Cancelled"}]"#)
      #expect(patched.status == 200, "\(patched.text)")
      let body = try #require(try JSONSerialization.jsonObject(with: patched.body) as? [String: Any])
      #expect((body["spec"] as? [String: Any])?["status"] as? String == "Cancelled")
      // The answer is the object as patched; the controller reconciles the cancel afterwards.
      #expect(Self.condition(body).status == "Unknown")
      pipelines.clock.advance(by: 5)
      let run = try await pipelines.json("/apis/tekton.dev/v1/namespaces/osbs/pipelineruns/\(name)")
      #expect(Self.condition(run).reason == "Cancelled")
      #expect(Self.condition(run).message == "PipelineRun \"\(name)\" was cancelled")
      let initRun = TektonNames.childName(name, "-binary-container-init")
      let taskRun = try await pipelines.json("/apis/tekton.dev/v1beta1/namespaces/osbs/taskruns/\(initRun)")
      #expect(Self.condition(taskRun).status == "False")
      #expect(Self.condition(taskRun).reason == "TaskRunCancelled")
      #expect(Self.condition(taskRun).message == "TaskRun \"\(initRun)\" was cancelled")
      let trSpec = try #require(taskRun["spec"] as? [String: Any])
      #expect(trSpec["status"] as? String == "TaskRunCancelled")
      #expect(
        trSpec["statusMessage"] as? String
          == "TaskRun cancelled as the PipelineRun it belongs to has been cancelled.")
      let step = try #require(
        (Self.status(taskRun)["steps"] as? [[String: Any]])?.first?["terminated"] as? [String: Any])
      #expect(step["reason"] as? String == "TaskRunCancelled" && step["exitCode"] as? Int == 1)
      #expect(
        try await pipelines.get("/api/v1/namespaces/osbs/pods/\(TektonNames.pod(taskRun: initRun))").status
          == 404)
      let children = (Self.status(run)["childReferences"] as? [[String: Any]])?.compactMap {
        $0["pipelineTaskName"] as? String
      }
      #expect(children == ["clone", "binary-container-init"])
    }
  }

  @Test func cancelledRunFinallyStillRunsTheExitTask() async throws {
    try await withPipelines { pipelines in
      let name = "cancel-gracefully"
      #expect(try await pipelines.create(name).status == 201)
      pipelines.clock.advance(by: 1.5)
      // osbs-client's cancel: a merge patch naming the object.
      let patched = try await pipelines.patch(
        name, version: "v1beta1", contentType: "application/merge-patch+json",
        #"{"apiVersion":"tekton.dev/v1beta1","kind":"PipelineRun","metadata":{"name":"\#(name)"},"spec":{"status":"CancelledRunFinally"}}"#
      )
      #expect(patched.status == 200, "\(patched.text)")
      pipelines.clock.advance(by: 0.3)
      let finishing = try await pipelines.json(
        "/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/\(name)")
      #expect(Self.condition(finishing).reason == "CancelledRunningFinally")
      pipelines.clock.advance(by: 3)
      let run = try await pipelines.json("/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/\(name)")
      #expect(Self.condition(run).status == "False")
      #expect(Self.condition(run).reason == "Cancelled")
      let children = (Self.status(run)["childReferences"] as? [[String: Any]])?.compactMap {
        $0["pipelineTaskName"] as? String
      }
      #expect(children == ["clone", "binary-container-init", "binary-container-exit"])
      let exit = try await pipelines.json(
        "/apis/tekton.dev/v1beta1/namespaces/osbs/taskruns/\(TektonNames.childName(name, "-binary-container-exit"))"
      )
      #expect(Self.condition(exit).reason == "Succeeded")
    }
  }

  @Test func cancelValuesAreCheckedPerRelease() async throws {
    try await withPipelines { pipelines in
      #expect(try await pipelines.create("current").status == 201)
      let refused = try await pipelines.patch(
        "current", version: "v1", contentType: "application/merge-patch+json",
        #"{"spec":{"status":"PipelineRunCancelled"}}"#)
      #expect(refused.status == 400)
      #expect(
        refused.text.contains(
          "invalid value: PipelineRunCancelled should be Cancelled, CancelledRunFinally, StoppedRunFinally or PipelineRunPending: spec.status"
        ))
      let unsupported = try await pipelines.patch(
        "current", version: "v1", contentType: "application/strategic-merge-patch+json",
        #"{"spec":{"status":"Cancelled"}}"#)
      #expect(unsupported.status == 415)
    }
    try await withPipelines(try #require(TektonRelease(parsing: "0.24"))) { pipelines in
      #expect(try await pipelines.create("old").status == 201)
      pipelines.clock.advance(by: 1.5)
      let refused = try await pipelines.patch(
        "old", version: "v1beta1", contentType: "application/merge-patch+json",
        #"{"spec":{"status":"Cancelled"}}"#)
      #expect(refused.status == 400)
      #expect(refused.text.contains("invalid value: Cancelled should be PipelineRunCancelled: spec.status"))
      let accepted = try await pipelines.patch(
        "old", version: "v1beta1", contentType: "application/merge-patch+json",
        #"{"spec":{"status":"PipelineRunCancelled"}}"#)
      #expect(accepted.status == 200)
      pipelines.clock.advance(by: 1)
      let run = try await pipelines.json("/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/old")
      #expect(Self.condition(run).reason == "PipelineRunCancelled")
      // v0.24 embeds its TaskRuns' status and writes no childReferences.
      #expect(Self.status(run)["childReferences"] == nil)
      #expect((Self.status(run)["taskRuns"] as? [String: Any])?.count == 2)
    }
  }

  // MARK: Delete

  @Test func deleteAnswersAStatusAndTakesTaskRunsAndPodsAlong() async throws {
    try await withPipelines { pipelines in
      let name = "delete-me"
      #expect(try await pipelines.create(name).status == 201)
      pipelines.clock.advance(by: 3)
      let uid = try #require(
        (try await pipelines.json("/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/\(name)")["metadata"]
          as? [String: Any])?["uid"] as? String)
      let deleted = try await send(
        "DELETE", pipelines.base + "/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/\(name)")
      #expect(deleted.status == 200)
      let status = try #require(try JSONSerialization.jsonObject(with: deleted.body) as? [String: Any])
      #expect(status["kind"] as? String == "Status" && status["status"] as? String == "Success")
      let details = try #require(status["details"] as? [String: Any])
      #expect(details["name"] as? String == name && details["group"] as? String == "tekton.dev")
      #expect(details["kind"] as? String == "pipelineruns" && details["uid"] as? String == uid)
      let gone = try await pipelines.get("/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/\(name)")
      #expect(gone.status == 404)
      #expect(gone.text.contains(#"pipelineruns.tekton.dev \"delete-me\" not found"#))
      let taskRuns = try await pipelines.json(
        "/apis/tekton.dev/v1/namespaces/osbs/taskruns?labelSelector=tekton.dev/pipelineRun=\(name)")
      #expect((taskRuns["items"] as? [Any])?.isEmpty == true)
      let pods = try await pipelines.json(
        "/api/v1/namespaces/osbs/pods?labelSelector=tekton.dev/pipelineRun=\(name)")
      #expect((pods["items"] as? [Any])?.isEmpty == true)
    }
  }

  // MARK: Failures

  @Test func anInjectedFailureFailsTheTaskRunAndTheRun() async throws {
    try await withPipelines { pipelines in
      let failure = try await send(
        "POST", pipelines.base + "/_sandbox/openshift/pipelinerun-failures",
        body: Data(
          #"{"pipelineTask": "binary-container-build-x86-64", "message": "podman build exited with 125", "node": "osbs-node03"}"#
            .utf8))
      #expect(failure.status == 201)
      let created = try await send(
        "POST", pipelines.base + "/_sandbox/openshift/pipelineruns",
        body: Data(#"{"name": "fails", "platforms": ["x86_64"]}"#.utf8))
      #expect(created.status == 201, "\(created.text)")
      pipelines.clock.advance(by: 12)
      let run = try await pipelines.json("/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/fails")
      #expect(Self.condition(run).status == "False")
      #expect(Self.condition(run).reason == "Failed")
      let children = (Self.status(run)["childReferences"] as? [[String: Any]])?.compactMap {
        $0["pipelineTaskName"] as? String
      }
      #expect(children?.last == "binary-container-exit")
      #expect(children?.contains("binary-container-postbuild") == false)
      let buildRun = TektonNames.childName("fails", "-binary-container-build-x86-64")
      let taskRun = try await pipelines.json("/apis/tekton.dev/v1beta1/namespaces/osbs/taskruns/\(buildRun)")
      #expect(Self.condition(taskRun).status == "False" && Self.condition(taskRun).reason == "Failed")
      let terminated = try #require(
        (Self.status(taskRun)["steps"] as? [[String: Any]])?.first?["terminated"] as? [String: Any])
      #expect(terminated["exitCode"] as? Int == 1)
      #expect(
        terminated["message"] as? String
          == #"[{"key":"task_result","value":"podman build exited with 125","type":1}]"#)
      let log = try await pipelines.get(
        "/api/v1/namespaces/osbs/pods/\(TektonNames.pod(taskRun: buildRun))/log?container=step-binary-container-build"
      )
      #expect(log.text.hasSuffix(" - ERROR - podman build exited with 125"))
      let pod = try await pipelines.json("/api/v1/namespaces/osbs/pods/\(TektonNames.pod(taskRun: buildRun))")
      #expect((pod["spec"] as? [String: Any])?["nodeName"] as? String == "osbs-node03")
      #expect((pod["status"] as? [String: Any])?["phase"] as? String == "Failed")
    }
  }

  @Test func followStreamsAStepAsItIsWrittenAndStreamCutsApply() async throws {
    try await withPipelines { pipelines in
      let name = "follow-run"
      #expect(try await pipelines.create(name).status == 201)
      pipelines.clock.advance(by: 1.3)
      let pod = TektonNames.pod(taskRun: TektonNames.childName(name, "-binary-container-init"))
      let url = "/api/v1/namespaces/osbs/pods/\(pod)/log?container=step-binary-container-init"
      async let followed = pipelines.get(url + "&follow=True")
      for _ in 0..<12 {
        try await Task.sleep(for: .milliseconds(60))
        pipelines.clock.advance(by: 0.1)
      }
      let text = try await followed.text
      let whole = try await pipelines.get(url).text
      #expect(text == whole)
      #expect(whole.hasSuffix(" - INFO - task binary-container-init finished"))
      #expect(whole.split(separator: "\n").count == 4)

      // sinceSeconds counts back from the sandbox clock.
      #expect(try await pipelines.get(url + "&sinceSeconds=100").text == whole)
      pipelines.clock.advance(by: 5)
      #expect(try await pipelines.get(url + "&sinceSeconds=2").text == "")

      pipelines.cluster.cutLogStreams(afterBytes: 40, times: 1)
      let cut = try await pipelines.get(url).text
      #expect(cut.utf8.count <= 40 && cut.utf8.count < whole.utf8.count && whole.hasPrefix(cut))
      #expect(try await pipelines.get(url).text == whole)
    }
  }

  @Test func releasesBefore030NameChildrenWithARandomSuffix() async throws {
    try await withPipelines(try #require(TektonRelease(parsing: "0.29"))) { pipelines in
      let name = "hello-world-f45-8832c97860-20261204161658"
      #expect(try await pipelines.create(name).status == 201)
      pipelines.clock.advance(by: 0.5)
      let list = try await pipelines.json(
        "/apis/tekton.dev/v1beta1/namespaces/osbs/taskruns?labelSelector=tekton.dev/pipelineRun=\(name)")
      let item = try #require((list["items"] as? [[String: Any]])?.first)
      let taskRun = try #require((item["metadata"] as? [String: Any])?["name"] as? String)
      #expect(
        taskRun.range(of: "^\(name)-clone-[a-z0-9]{5}$", options: .regularExpression) != nil, "\(taskRun)")
      let pod = try #require(Self.status(item)["podName"] as? String)
      #expect(pod.range(of: "^\(taskRun)-pod-[a-z0-9]{5}$", options: .regularExpression) != nil, "\(pod)")
      // v0.29 embeds the TaskRuns in the run's status.
      let run = try await pipelines.json("/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/\(name)")
      #expect((Self.status(run)["taskRuns"] as? [String: Any])?.keys.first == taskRun)
    }
  }

  @Test func aPendingRunWaitsUntilItsStatusIsCleared() async throws {
    try await withPipelines { pipelines in
      let name = "pending-run"
      #expect(try await pipelines.create(name, pending: true).status == 201)
      pipelines.clock.advance(by: 5)
      let pending = try await pipelines.json("/apis/tekton.dev/v1/namespaces/osbs/pipelineruns/\(name)")
      #expect(Self.condition(pending).reason == "PipelineRunPending")
      #expect(Self.condition(pending).message == "PipelineRun \"\(name)\" is pending")
      #expect(Self.status(pending)["startTime"] == nil && Self.status(pending)["childReferences"] == nil)
      let started = try await pipelines.patch(
        name, version: "v1", contentType: "application/merge-patch+json", #"{"spec":{"status":null}}"#)
      #expect(started.status == 200, "\(started.text)")
      pipelines.clock.advance(by: 10)
      let run = try await pipelines.json("/apis/tekton.dev/v1/namespaces/osbs/pipelineruns/\(name)")
      #expect(Self.condition(run).reason == "Completed")
      #expect((run["metadata"] as? [String: Any])?["generation"] as? Int == 2)
      #expect((run["spec"] as? [String: Any])?["status"] == nil)
    }
  }

  @Test func aBuildPodsLogIsItsBuildsLog() async throws {
    let cluster = OpenShiftCluster(configuration: .init(seed: .init(nodes: 1, buildsPerPhase: 0)))
    let build = cluster.createBuild(.init(buildConfig: "pod-log", phase: .running))
    cluster.appendLog(build: build.metadata.name, "one\ntwo\n")
    try cluster.setBuildPhase(.complete, build: build.metadata.name)
    try await withSandbox(router: cluster.router()) { _, endpoints in
      let result = try await send(
        "GET", endpoints.openshiftAPI + "/api/v1/namespaces/osbs/pods/\(build.podName)/log")
      #expect(result.status == 200)
      #expect(result.text == "one\ntwo\n")
    }
  }

  @Test func serviceAccountAndPodTemplateMoveBetweenTheVersionsShapes() async throws {
    try await withPipelines { pipelines in
      let body = #"""
        {"apiVersion": "tekton.dev/v1beta1", "kind": "PipelineRun", "metadata": {"name": "accounts"},
         "spec": {"pipelineRef": {"name": "binary-container-0-2"}, "serviceAccountName": "pipeline",
                  "podTemplate": {"nodeSelector": {"osbs": "yes"}}}}
        """#
      let created = try await send(
        "POST", pipelines.base + "/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns",
        body: Data(body.utf8),
        headers: ["Content-Type": "application/json"])
      #expect(created.status == 201)
      let v1 = try await pipelines.json("/apis/tekton.dev/v1/namespaces/osbs/pipelineruns/accounts")
      let v1Spec = try #require(v1["spec"] as? [String: Any])
      let template = try #require(v1Spec["taskRunTemplate"] as? [String: Any])
      #expect(template["serviceAccountName"] as? String == "pipeline")
      #expect(template["podTemplate"] != nil)
      #expect(v1Spec["serviceAccountName"] == nil && v1Spec["podTemplate"] == nil)
      let v1beta1 = try await pipelines.json("/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/accounts")
      let spec = try #require(v1beta1["spec"] as? [String: Any])
      #expect(spec["serviceAccountName"] as? String == "pipeline")
      #expect(spec["podTemplate"] != nil && spec["taskRunTemplate"] == nil)
    }
  }
}
