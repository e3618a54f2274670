import Foundation
import OSBSSandbox
import TestSupport
import Testing

@testable import OSBSKit

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The PipelineRuns and TaskRuns the sandbox serves have the keys recorded ones have
/// (Fixtures/tekton/recordings, copied byte for byte from shared/reference/tekton-wire; provenance in
/// Fixtures/tekton/PROVENANCE.tsv), level by level, in the shape of the version asked for. A key on one
/// side only is a listed exception with its reason.
@Suite("the sandbox's Tekton objects carry the recorded keys")
struct SandboxTektonWireFidelityTests {
  static func fixture(_ path: String) throws -> [String: Any] {
    let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/tekton/\(path)")
    let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
    return try #require(
      try JSONSerialization.jsonObject(with: YAMLAsJSON.data(fromYAML: text)) as? [String: Any])
  }

  /// The key set of each level a client reads: the object, metadata, spec, status, and the first
  /// element of each status list.
  static func levels(_ object: [String: Any]) -> [String: Set<String>] {
    var levels: [String: Set<String>] = ["": Set(object.keys)]
    for name in ["metadata", "spec", "status"] {
      if let level = object[name] as? [String: Any] { levels[name] = Set(level.keys) }
    }
    let status = object["status"] as? [String: Any] ?? [:]
    for list in [
      "conditions", "childReferences", "skippedTasks", "pipelineResults", "results", "taskResults", "steps",
    ] {
      if let first = (status[list] as? [[String: Any]])?.first {
        levels["status.\(list)[]"] = Set(first.keys)
      }
    }
    if let step = (status["steps"] as? [[String: Any]])?.first,
      let terminated = step["terminated"] as? [String: Any]
    {
      levels["status.steps[].terminated"] = Set(terminated.keys)
    }
    return levels
  }

  /// Recorded keys the sandbox does not serve, and why.
  static let notServed: [String: String] = [
    "metadata.managedFields": "server-side apply bookkeeping; the sandbox keeps no field managers",
    "metadata.finalizers": "added by Tekton Chains and Pipelines-as-Code, not by Pipelines",
    "metadata.generateName": "osbs-client sends a computed name",
    "spec.pipelineSpec": "OSBS runs reference the installed pipeline (spec.pipelineRef)",
    "spec.timeout":
      "stored as v1 (Tekton 0.49 and later): the deprecated v1beta1 timeout comes back as timeouts.pipeline",
    "spec.podTemplate": "not in OSBS's run template",
    "spec.workspaces": "not in the sandbox's runs",
    "status.steps[].terminated.message": "only steps that write results have one (checked on the init task)",
  ]

  /// Served keys no copied recording at that level has, and why they are right.
  static let servedBeyond: [String: String] = [
    "spec.params":
      "osbs-client's template sends osbs-image and user-params (osbs/example-source-pipepiline-run.yaml)",
    "spec.pipelineRef": "the template names the installed pipeline",
    "spec.timeouts": "the v1 field the deprecated timeout converts to (README §5.4)",
    "spec.taskRunTemplate": "the v1 home of serviceAccountName (README §5.4)",
    "status.skippedTasks": "skipped tasks of a run (README §5.2; the 2023 OpenShift Pipelines run has them)",
    "status.pipelineResults": "results of a finished run in v1beta1 (README §5.4; the 2023 run has them)",
    "status.results": "results of a finished run in v1 (README §5.4)",
    "status.taskResults": "results of a TaskRun in v1beta1 (the recorded init task has them)",
    "status.podName": "the pod of a TaskRun",
    "status.taskSpec": "resolved task spec (the recorded TaskRuns have it)",
    "spec": "the recorded v1 TaskRun kept only its name and status",
    "metadata.namespace": "the recorded v1 TaskRun kept only its name and status",
    "metadata.uid": "the recorded v1 TaskRun kept only its name and status",
    "metadata.resourceVersion":
      "the recorded v1 TaskRun kept only its name and status; the API server always sets it",
    "metadata.creationTimestamp": "the recorded v1 TaskRun kept only its name and status",
    "metadata.generation": "the recorded v1 TaskRun kept only its name and status",
    "metadata.labels": "the recorded v1 TaskRun kept only its name and status",
    "metadata.annotations": "the recorded v1 TaskRun kept only its name and status",
    "metadata.ownerReferences": "the recorded v1 TaskRun kept only its name and status",
    "status.childReferences[].whenExpressions":
      "written for tasks with when expressions (the 2023 run's childReferences)",
  ]

  static func compare(
    served: [String: Any], recorded: [String: Any], levels only: Set<String>? = nil, _ label: String
  ) {
    let servedLevels = levels(served)
    let recordedLevels = levels(recorded)
    for (level, keys) in recordedLevels where only?.contains(level) ?? true {
      let have = servedLevels[level] ?? []
      for key in keys.subtracting(have) {
        let path = level.isEmpty ? key : "\(level).\(key)"
        #expect(notServed[path] != nil, "\(label): recorded \(path) is not served")
      }
      for key in have.subtracting(keys) {
        let path = level.isEmpty ? key : "\(level).\(key)"
        #expect(servedBeyond[path] != nil, "\(label): served \(path) is in no recording")
      }
    }
  }

  func withFinishedRun(_ body: (String, String) async throws -> Void) async throws {
    let clock = KojiHubClock.manual()
    let cluster = OpenShiftCluster(configuration: .init(pipelinesClock: clock, pipelineStageSeconds: 1))
    let server = SandboxServer()
    cluster.install(on: server)
    let endpoints = try await server.start()
    do {
      let run: [String: Any] = [
        "apiVersion": "tekton.dev/v1beta1", "kind": "PipelineRun",
        "metadata": ["name": "fidelity-run", "annotations": ["osbs.example.org/template": "binary"]],
        "spec": [
          "pipelineRef": ["name": "binary-container-0-2"], "serviceAccountName": "pipeline",
          "timeout": "7200s",
          "params": [
            ["name": "osbs-image", "value": "quay.io/containerbuildsystem/osbs-image:latest"],
            ["name": "user-params", "value": #"{"platforms": ["x86_64"]}"#],
          ],
        ],
      ]
      var request = URLRequest(
        url: URL(string: endpoints.openshiftAPI + "/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns")!)
      request.httpMethod = "POST"
      request.httpBody = try JSONSerialization.data(withJSONObject: run)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      let (_, response) = try await URLSession.shared.data(for: request)
      #expect((response as? HTTPURLResponse)?.statusCode == 201)
      clock.advance(by: 10)
      try await body(endpoints.openshiftAPI, "fidelity-run")
      await server.stop()
    } catch {
      await server.stop()
      throw error
    }
  }

  static func get(_ url: String) async throws -> [String: Any] {
    let (data, _) = try await URLSession.shared.data(from: URL(string: url)!)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func pipelineRunKeysMatchTheRecordings() async throws {
    try await withFinishedRun { api, name in
      let v1beta1 = try await Self.get(api + "/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/\(name)")
      Self.compare(
        served: v1beta1,
        recorded: try Self.fixture("recordings/tekton-results-2023/pipelinerun-hello-v1beta1.json"),
        "v1beta1 PipelineRun")
      // The jx file was rewritten to v1 by hand: only its status is a shape reference (README §11).
      let v1 = try await Self.get(api + "/apis/tekton.dev/v1/namespaces/osbs/pipelineruns/\(name)")
      Self.compare(
        served: v1, recorded: try Self.fixture("recordings/jx-converted-v1/pr-cancelled-with-steps.yaml"),
        levels: ["", "status.conditions[]", "status.childReferences[]"], "v1 PipelineRun")
      let status = try #require(v1["status"] as? [String: Any])
      #expect(
        Set(status.keys).isSubset(of: [
          "childReferences", "completionTime", "conditions", "pipelineSpec", "results", "skippedTasks",
          "startTime",
        ]))
    }
  }

  @Test func taskRunKeysMatchTheRecordings() async throws {
    try await withFinishedRun { api, name in
      let list = try await Self.get(
        api + "/apis/tekton.dev/v1beta1/namespaces/osbs/taskruns?labelSelector=tekton.dev/pipelineRun=\(name)"
      )
      let items = try #require(list["items"] as? [[String: Any]])
      func taskRun(_ task: String) throws -> [String: Any] {
        try #require(
          items.first {
            (($0["metadata"] as? [String: Any])?["labels"] as? [String: String])?["tekton.dev/pipelineTask"]
              == task
          })
      }
      Self.compare(
        served: try taskRun("binary-container-init"),
        recorded: try Self.fixture("recordings/openshift-pipelines-2023/taskrun-init.yaml"),
        "v1beta1 init TaskRun")
      Self.compare(
        served: try taskRun("clone"),
        recorded: try Self.fixture("recordings/openshift-pipelines-2023/taskrun-show-summary-finally.yaml"),
        "v1beta1 TaskRun without results")
      let cloneName = try #require((try taskRun("clone")["metadata"] as? [String: Any])?["name"] as? String)
      let v1 = try await Self.get(api + "/apis/tekton.dev/v1/namespaces/osbs/taskruns/\(cloneName)")
      Self.compare(
        served: v1, recorded: try Self.fixture("recordings/jx-converted-v1/tr-cancelled-with-steps.yaml"),
        "v1 TaskRun")
    }
  }

  @Test func deleteStatusHasTheShapeOsbsClientExpects() async throws {
    try await withFinishedRun { api, name in
      var request = URLRequest(
        url: URL(string: api + "/apis/tekton.dev/v1beta1/namespaces/osbs/pipelineruns/\(name)")!)
      request.httpMethod = "DELETE"
      let (data, _) = try await URLSession.shared.data(for: request)
      let served = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      let url = Bundle.module.resourceURL!.appendingPathComponent(
        "Fixtures/tekton/osbs/delete-pipelinerun-status.test-fixture.json")
      let recorded = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
      #expect(Set(served.keys).subtracting(["code"]) == Set(recorded.keys))
      let servedDetails = try #require(served["details"] as? [String: Any])
      let recordedDetails = try #require(recorded["details"] as? [String: Any])
      #expect(Set(servedDetails.keys) == Set(recordedDetails.keys))
      #expect(servedDetails["kind"] as? String == recordedDetails["kind"] as? String)
      #expect(servedDetails["group"] as? String == recordedDetails["group"] as? String)
      #expect(served["status"] as? String == recorded["status"] as? String)
    }
  }
}
