import Foundation
import OSBSKit
import Testing

@testable import OSBSSandbox

/// The sandbox writes its objects with `ReportJSON.data`; they must be the bytes `JSONEncoder` wrote before
/// (sorted keys, slashes unescaped), which the sandbox's wire tests and kubectl's fidelity tests rely on.
@Suite("Sandbox objects written as JSONEncoder writes them")
struct ClusterObjectJSONTests {
  private func foundation(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// What `ClusterObject.encoded` gives to `JSONEncoder`: the object with the wire's kind and apiVersion.
  private func foundation(_ object: ClusterObject, _ wire: ClusterObject.Wire) throws -> String {
    let (kind, apiVersion) = wire.typeMeta(kind: object.kindName, group: object.resourceKind.group)
    switch object {
    case .node(var node):
      (node.kind, node.apiVersion) = (kind, apiVersion)
      return try foundation(node)
    case .pod(var pod):
      (pod.kind, pod.apiVersion) = (kind, apiVersion)
      return try foundation(pod)
    case .build(var build):
      (build.kind, build.apiVersion) = (kind, apiVersion)
      return try foundation(build)
    case .buildConfig(var config):
      (config.kind, config.apiVersion) = (kind, apiVersion)
      return try foundation(config)
    case .pipelineRun(let run), .taskRun(let run):
      return try foundation(run.wire(kind: kind, apiVersion: apiVersion, version: wire.tektonVersion))
    }
  }

  @Test func everyKindOfObjectIsWrittenAsJSONEncoderWritesIt() throws {
    let cluster = OpenShiftCluster(
      configuration: .init(seed: .init(nodes: 2, buildsPerPhase: 1), pipelineStageSeconds: 0.001))
    // Text that needs escaping: quotes, a backslash, control characters, slashes, characters beyond ASCII.
    let awkward = "a \"quoted\" C:\\path\t/\u{1}/é—🚀\n"
    cluster.createBuild(
      .init(
        buildConfig: "awkward", labels: ["x/y": awkward], annotations: ["z": awkward], phase: .running))
    try cluster.createPipelineRun(
      name: "binary-1", namespace: "osbs", annotations: ["note": awkward],
      spec: ["pipelineRef": .object(["name": .string("binary-container")])],
      createdAt: Date().timeIntervalSince1970 - 60)
    cluster.advancePipelines()
    let objects = cluster.mutate { state in state.objects.values.flatMap(\.values) }
    let kinds = Set(objects.map(\.resourceKind))
    #expect(kinds.isSuperset(of: [.nodes, .pods, .builds, .buildconfigs, .pipelineruns, .taskruns]))
    for object in objects {
      for wire in [ClusterObject.Wire.standard, ClusterObject.Wire(oapi: true)] {
        #expect(String(decoding: object.encoded(wire), as: UTF8.self) == (try foundation(object, wire)))
      }
    }
  }

  @Test func statusRepliesAreWrittenAsJSONEncoderWritesThem() throws {
    let details = KubernetesStatus.Details(name: "b-1", group: "build.openshift.io", kind: "builds")
    let message = "the object has been modified \"/\" é\u{7}"
    let cases: [(SandboxResponse, KubernetesStatus.Body)] = [
      (KubernetesStatus.success(details: details), .init(status: "Success", details: details, code: 200)),
      (
        KubernetesStatus.failure(409, reason: "Conflict", message: message, details: details),
        .init(status: "Failure", message: message, reason: "Conflict", details: details, code: 409)
      ),
      (
        KubernetesStatus.generic(code: 500, message: message),
        .init(status: "Failure", message: message, reason: "InternalError", details: .init(), code: 500)
      ),
    ]
    for (reply, body) in cases {
      let data = try #require(reply.bodyData)
      #expect(String(decoding: data, as: UTF8.self) == (try foundation(body)))
    }
  }
}
