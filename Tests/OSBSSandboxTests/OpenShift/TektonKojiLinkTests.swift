import Foundation
import OSBSKit
import Testing

@testable import OSBSSandbox

/// The hub's kcb140 builder on a cluster with OpenShift Pipelines: each buildContainer task runs as the
/// PipelineRun its osbs-client.log names, and koji-containerbuild deletes it when the task ends
/// (tekton-wire README §1, §4).
@Suite("Sandbox Koji builds as PipelineRuns")
struct TektonKojiLinkTests {
  struct Linked {
    let hub: KojiHub
    let cluster: OpenShiftCluster
    let clock: KojiHubClock
    let endpoints: SandboxEndpoints

    func session() throws -> KojiSession {
      try KojiSession(
        configuration: KojiHubConfiguration(
          hubURL: endpoints.kojiHub, authentication: .password(user: "builder1", password: "builder1pass"),
          retry: KojiRetryPolicy(maxRetries: 0)))
    }

    func runName(task id: Int, session: KojiSession) async throws -> String {
      let reply = try await session.call("downloadTaskOutput", [.int(Int64(id)), "osbs-client.log"])
      let log = String(
        decoding: Data(base64Encoded: try #require(reply.stringValue)) ?? Data(), as: UTF8.self)
      return try #require(
        log.split(separator: "\n").first { $0.contains("creating binary container image pipeline run: ") }?
          .components(separatedBy: "pipeline run: ").last)
    }

    func get(_ path: String) async throws -> HTTPResult {
      try await send("GET", endpoints.openshiftAPI + path)
    }
  }

  func withLinked(_ body: (Linked) async throws -> Void) async throws {
    let clock = KojiHubClock.manual()
    let cluster = OpenShiftCluster(configuration: .init(pipelinesClock: clock))
    let hub = KojiHub(
      configuration: .init(defaultBuild: KojiBuildScript(builder: .kcb140), openshiftNamespace: "osbs"),
      clock: clock, cluster: cluster)
    let server = SandboxServer()
    hub.install(on: server)
    server.addRoutes(try #require(hub.clusterRouter()))
    let endpoints = try await server.start()
    do {
      try await body(Linked(hub: hub, cluster: cluster, clock: clock, endpoints: endpoints))
      await server.stop()
    } catch {
      await server.stop()
      throw error
    }
  }

  static let source = XMLRPCValue.string("git+https://src.example.org/container/cockpit#abc123")
  static let target = XMLRPCValue.string("f25-container-candidate")

  @Test func theTaskRunsAsItsPipelineRunWhichIsDeletedWhenTheTaskEnds() async throws {
    try await withLinked { linked in
      let session = try linked.session()
      try await session.login()
      let id = try #require(
        try await session.call("buildContainer", [Self.source, Self.target, .object(["git_branch": "f25"])])
          .intValue)
      linked.clock.advance(by: 4)
      let name = try await linked.runName(task: Int(id), session: session)
      let found = try await linked.get("/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/\(name)")
      #expect(found.status == 200, "\(found.text)")
      let run = try #require(try JSONSerialization.jsonObject(with: found.body) as? [String: Any])
      let params = try #require((run["spec"] as? [String: Any])?["params"] as? [[String: Any]])
      let text = try #require(params.first { $0["name"] as? String == "user-params" }?["value"] as? String)
      let userParams = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
      #expect(userParams["koji_task_id"] as? Int == Int(id))
      #expect(userParams["user"] as? String == "builder1")
      #expect(userParams["git_uri"] as? String == "https://src.example.org/container/cockpit")
      #expect(userParams["git_ref"] as? String == "abc123")
      #expect(userParams["git_branch"] as? String == "f25")
      #expect(userParams["koji_target"] as? String == "f25-container-candidate")
      #expect(userParams["component"] as? String == "cockpit")
      #expect(userParams["platforms"] as? [String] == ["x86_64"])
      #expect(userParams["kind"] as? String == "build_user_params")
      #expect(
        ((run["metadata"] as? [String: Any])?["labels"] as? [String: String])?["tekton.dev/pipeline"]
          == "binary-container-0-2")
      let taskRuns = try await linked.get(
        "/apis/tekton.dev/v1/namespaces/osbs/taskruns?labelSelector=tekton.dev/pipelineRun=\(name)")
      #expect(taskRuns.text.contains("\"tekton.dev/pipelineTask\":\"clone\""))

      linked.clock.advance(by: 10)
      #expect(try await session.call("getTaskInfo", [.int(id)])["state"] == 2)
      let gone = try await linked.get("/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/\(name)")
      #expect(gone.status == 404)
      let pods = try await linked.get(
        "/api/v1/namespaces/osbs/pods?labelSelector=tekton.dev/pipelineRun=\(name)")
      #expect(pods.text.contains("\"items\":[]"))
    }
  }

  @Test func aFailedTaskFailsItsRunWhoseNameTheFaultGives() async throws {
    try await withLinked { linked in
      linked.hub.enqueue([
        KojiBuildScript(
          outcome: .fail, failureReason: "Error in binary-container-build-x86-64: podman failed",
          builder: .kcb140)
      ])
      let session = try linked.session()
      try await session.login()
      let id = try #require(
        try await session.call("buildContainer", [Self.source, Self.target, .object(["git_branch": "f25"])])
          .intValue)
      linked.clock.advance(by: 2)
      let name = try await linked.runName(task: Int(id), session: session)
      linked.clock.advance(by: 7.5)
      let run = try await linked.get("/apis/tekton.dev/v1/namespaces/osbs/pipelineruns/\(name)")
      #expect(run.status == 200)
      #expect(run.text.contains(#""reason":"Failed""#), "\(run.text)")
      linked.clock.advance(by: 5)
      let fault = try await linked.get("/apis/tekton.dev/v1/namespaces/osbs/pipelineruns/\(name)")
      #expect(fault.status == 404)
      let result = linked.hub.stateSnapshot { state in state.tasks[Int(id)]?.result }
      guard case .failure(let failure)? = result else {
        Issue.record("the task did not fail")
        return
      }
      #expect(failure.message.hasPrefix("Image build failed. "))
      #expect(failure.message.hasSuffix("OSBS build id: \(name)"))
    }
  }

  @Test func aTaskCancelledInKojiOnlyCancelsItsRun() async throws {
    try await withLinked { linked in
      let session = try linked.session()
      try await session.login()
      let id = try #require(
        try await session.call("buildContainer", [Self.source, Self.target, .object(["git_branch": "f25"])])
          .intValue)
      linked.clock.advance(by: 3)
      let name = try await linked.runName(task: Int(id), session: session)
      _ = try await session.call("cancelTask", [.int(id)])
      linked.clock.advance(by: 12)
      #expect(try await session.call("getTaskInfo", [.int(id)])["state"] == 3)
      // The builder was killed after asking for the cancel: the run stays, cancelled, with its exit task.
      let run = try await linked.get("/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/\(name)")
      #expect(run.status == 200)
      #expect(run.text.contains(#""status":"CancelledRunFinally""#))
      #expect(run.text.contains(#""reason":"Cancelled""#))
      #expect(run.text.contains(#""pipelineTaskName":"binary-container-exit""#))
    }
  }
}
