import Foundation
import OSBSKit

/// Control API for OpenShift Pipelines (see ClusterControlRoutes.swift).
extension OpenShiftCluster {
  struct GeneratedPipelineRun: Codable {
    var name: String
    var namespace: String?
    var platforms: [String]?
    var stageSeconds: Double?
    var failure: TektonRunFailure?
    var userParams: [String: JSONTree]?
  }

  struct PipelineFailureRequest: Codable {
    var pipelineTask: String
    var step: String?
    var message: String
    var pipelineRun: String?
    var node: String?
  }

  func tektonControlRoutes(into router: inout SandboxRouter) {
    router.add("POST", "/_sandbox/openshift/pipelineruns") { [self] request in
      guard let spec = try? JSONDecoder().decode(GeneratedPipelineRun.self, from: request.body) else {
        return .json(ControlFailure(error: "expected {\"name\": ..., \"platforms\": [...]}"), status: 400)
      }
      var params = spec.userParams ?? [:]
      params["platforms"] = params["platforms"] ?? .array((spec.platforms ?? ["x86_64"]).map { .string($0) })
      params["kind"] = params["kind"] ?? .string("build_user_params")
      do {
        let created = try createPipelineRun(
          name: spec.name, namespace: spec.namespace ?? configuration.namespace,
          spec: KojiPipelineRunLink.spec(userParams: params), failure: spec.failure,
          stageSeconds: spec.stageSeconds)
        return .json(
          GeneratedPipelineRun(name: created.metadata.name, namespace: created.metadata.namespace),
          status: 201)
      } catch {
        return .json(ControlFailure(error: "\(error)"), status: 400)
      }
    }
    router.add("POST", "/_sandbox/openshift/pipelinerun-failures") { [self] request in
      guard let spec = try? JSONDecoder().decode(PipelineFailureRequest.self, from: request.body),
        TektonBinaryPipeline.task(named: spec.pipelineTask) != nil
      else {
        return .json(
          ControlFailure(
            error: "expected {\"pipelineTask\": <a task of the binary pipeline>, \"message\": ...}"),
          status: 400)
      }
      do {
        try injectPipelineFailure(
          TektonRunFailure(
            pipelineTask: spec.pipelineTask, step: spec.step, message: spec.message, node: spec.node),
          run: spec.pipelineRun)
      } catch {
        return .json(ControlFailure(error: "\(error)"), status: 404)
      }
      return .json(spec, status: 201)
    }
  }
}
