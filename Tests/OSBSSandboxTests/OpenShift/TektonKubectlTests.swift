import Foundation
import OSBSKit
import Testing

@testable import OSBSSandbox

/// Real kubectl reads the sandbox's PipelineRuns and TaskRuns through discovery, server-side tables
/// (the CRDs' printer columns) and plain JSON.
@Suite("Real kubectl against the sandbox's OpenShift Pipelines")
struct TektonKubectlTests {
  static let configuration = OpenShiftCluster.Configuration(pipelineStageSeconds: 0.2)

  @Test func getPipelineRunsAndTaskRuns() async throws {
    try await KubectlSandbox.run(Self.configuration) { sandbox in
      let name = "hello-world-f45-8832c97860-20261204161658"
      let created = try sandbox.cluster.createPipelineRun(
        name: name, namespace: "osbs",
        spec: KojiPipelineRunLink.spec(userParams: ["platforms": .array([.string("x86_64")])]))
      #expect(created.metadata.name == name)
      // 0.2 s a stage: done in about two seconds. Wait for the API to say so, not for the clock.
      let url =
        try #require(sandbox.server.endpoints).openshiftAPI
        + "/apis/tekton.dev/v1/namespaces/osbs/pipelineruns/\(name)"
      var reason: String?
      for _ in 0..<600 where reason != "Completed" {
        let object = try JSONSerialization.jsonObject(with: try await send("GET", url).body) as? [String: Any]
        let conditions = (object?["status"] as? [String: Any])?["conditions"] as? [[String: Any]]
        reason = conditions?.first?["reason"] as? String
        if reason != "Completed" { try await Task.sleep(for: .milliseconds(50)) }
      }
      #expect(reason == "Completed")

      var run = try await sandbox.kubectl("get", "pipelineruns", "-n", "osbs")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.rows.first == ["NAME", "SUCCEEDED", "REASON", "STARTTIME", "COMPLETIONTIME"])
      #expect(run.rows.dropFirst().map { Array($0.prefix(3)) } == [[name, "True", "Completed"]])

      run = try await sandbox.kubectl("get", "pr", name, "-n", "osbs", "-o", "json")
      #expect(run.status == 0, "\(run.stderr)")
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
      #expect(object["apiVersion"] as? String == "tekton.dev/v1")
      #expect(object["kind"] as? String == "PipelineRun")
      #expect(((object["status"] as? [String: Any])?["results"] as? [Any])?.isEmpty == false)

      run = try await sandbox.kubectl("get", "taskruns", "-n", "osbs", "-l", "tekton.dev/pipelineRun=\(name)")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.rows.first == ["NAME", "SUCCEEDED", "REASON", "STARTTIME", "COMPLETIONTIME"])
      let names = run.rows.dropFirst().map { $0[0] }
      #expect(names.count == 7)
      #expect(names.contains(TektonNames.taskRun(run: name, pipelineTask: "binary-container-build-x86-64")))
      #expect(run.rows.dropFirst().allSatisfy { $0[1] == "True" && $0[2] == "Succeeded" })

      run = try await sandbox.kubectl(
        "get", "tr", "-n", "osbs", "-l", "tekton.dev/pipelineTask=clone", "-o", "name")
      #expect(run.stdout == "taskrun.tekton.dev/\(TektonNames.taskRun(run: name, pipelineTask: "clone"))\n")

      let clonePod = TektonNames.pod(taskRun: TektonNames.taskRun(run: name, pipelineTask: "clone"))
      run = try await sandbox.kubectl("logs", "-n", "osbs", clonePod, "-c", "step-clone")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.hasPrefix("+ atomic-reactor -v task "))
      #expect(run.stdout.hasSuffix(" - INFO - task clone finished"))
    }
  }
}
