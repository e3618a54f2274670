import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

/// `osbs-sandbox --tekton-version`: which `tekton.dev` versions the running sandbox serves.
@Suite("osbs-sandbox --tekton-version")
struct TektonExecutableTests {
  func withSandboxProcess(_ arguments: [String], _ body: (SandboxReadyLine) async throws -> Void) async throws
  {
    let sandbox = try await LaunchedSandbox.start(arguments)
    defer { sandbox.stop() }
    try await body(try JSONDecoder().decode(SandboxReadyLine.self, from: sandbox.readyLine))
  }

  func tektonVersions(_ info: SandboxReadyLine) async throws -> [String]? {
    let result = try await send("GET", info.openshiftAPI + "/apis")
    let list = try #require(try JSONSerialization.jsonObject(with: result.body) as? [String: Any])
    let groups = try #require(list["groups"] as? [[String: Any]])
    return (groups.first { $0["name"] as? String == "tekton.dev" }?["versions"] as? [[String: Any]])?
      .compactMap { $0["version"] as? String }
  }

  @Test func defaultServesBothVersionsAndAnOldReleaseOnlyV1beta1() async throws {
    try await withSandboxProcess([]) { info in
      let versions = try await tektonVersions(info)
      #expect(versions == ["v1", "v1beta1"])
    }
    try await withSandboxProcess(["--tekton-version", "0.24"]) { info in
      let versions = try await tektonVersions(info)
      #expect(versions == ["v1beta1"])
      let control = try await send(
        "POST", info.openshiftAPI + "/_sandbox/openshift/pipelineruns",
        body: Data(#"{"name": "old-run"}"#.utf8))
      #expect(control.status == 201, "\(control.text)")
      let refused = try await send(
        "PATCH", info.openshiftAPI + "/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/old-run",
        body: Data(#"{"spec":{"status":"CancelledRunFinally"}}"#.utf8),
        headers: ["Content-Type": "application/merge-patch+json"])
      #expect(refused.status == 400)
    }
    try await withSandboxProcess(["--tekton-version", "none"]) { info in
      let versions = try await tektonVersions(info)
      #expect(versions == nil)
    }
  }

  @Test func aKcb140BuildRunsAsAPipelineRunOfTheRunningSandbox() async throws {
    // The hub clock stands still and the test moves it: a busy machine cannot make the task open and end
    // between two looks at the cluster.
    try await withSandboxProcess(["--koji-builder", "kcb140", "--koji-speed", "0"]) { info in
      func advance(_ seconds: Int) async throws {
        let moved = try await send(
          "POST", info.openshiftAPI + "/_sandbox/koji/clock",
          body: Data(#"{"advanceSeconds": \#(seconds)}"#.utf8))
        #expect(moved.status == 200, "\(moved.text)")
      }
      let session = try KojiSession(
        configuration: KojiHubConfiguration(
          hubURL: info.kojiHub, authentication: .password(user: "builder1", password: "builder1pass"),
          retry: KojiRetryPolicy(maxRetries: 0)))
      try await session.login()
      let id = try #require(
        try await session.call(
          "buildContainer",
          [
            .string("git+https://src.example.org/container/cockpit#abc123"),
            .string("f25-container-candidate"),
            .object(["git_branch": "f25"]),
          ]
        ).intValue)
      try await advance(2)
      var seen: String?
      for _ in 0..<100 where seen == nil {
        try await Task.sleep(for: .milliseconds(100))
        let list = try await send(
          "GET", info.openshiftAPI + "/apis/tekton.dev/v1/namespaces/osbs/pipelineruns")
        if list.text.contains(#""koji_task_id\":\#(id)"#) || list.text.contains("koji_task_id\\\":\(id)") {
          seen = list.text
        }
      }
      #expect(seen != nil, "no PipelineRun carried koji_task_id \(id)")
      try await advance(60)
      for _ in 0..<60 {
        try await Task.sleep(for: .milliseconds(100))
        if try await session.call("getTaskInfo", [.int(id)])["state"] == 2 { break }
      }
      // koji-containerbuild deletes the run when the task ends; wait for that, not for a fixed time.
      var after = ""
      for _ in 0..<100 {
        after = try await send(
          "GET", info.openshiftAPI + "/apis/tekton.dev/v1/namespaces/osbs/pipelineruns"
        ).text
        if after.contains(#""items":[]"#) { break }
        try await Task.sleep(for: .milliseconds(100))
      }
      #expect(after.contains(#""items":[]"#), "\(after.prefix(300))")
    }
  }
}
