import Foundation
import OSBSKit

/// A stored PipelineRun or TaskRun: metadata, and spec and status in the `v1` shape; written in the
/// shape of the version a request asked for (tekton-wire README §5.4, as the conversion webhook does).
struct TektonResource: Sendable, Equatable {
  struct NotDecodable: Error {}

  var isPipelineRun: Bool
  var metadata: ObjectMeta
  var generation: Int64 = 1
  var spec: [String: JSONTree]
  var status: [String: JSONTree]
  /// The full `status.taskRuns` map releases up to v0.43 embed; only written as v1beta1.
  var embeddedTaskRuns: JSONTree? = nil

  var condition: (status: String, reason: String)? {
    guard case .array(let conditions)? = status["conditions"], case .object(let first)? = conditions.first,
      case .string(let state)? = first["status"]
    else { return nil }
    if case .string(let reason)? = first["reason"] { return (state, reason) }
    return (state, "")
  }

  var isDone: Bool { condition.map { $0.status != "Unknown" } ?? false }

  func wire(kind: String?, apiVersion: String?, version: String) -> JSONTree {
    var object: [String: JSONTree] = [:]
    if let kind { object["kind"] = .string(kind) }
    if let apiVersion { object["apiVersion"] = .string(apiVersion) }
    var meta: [String: JSONTree] = [:]
    if let data = try? JSONEncoder().encode(metadata),
      case .object(let decoded)? = try? JSONDecoder().decode(JSONTree.self, from: data)
    {
      meta = decoded
    }
    meta["generation"] = .int(generation)
    object["metadata"] = .object(meta)
    var spec = spec
    var status = status
    if version == "v1beta1" {
      Self.toV1beta1(spec: &spec, status: &status, pipelineRun: isPipelineRun)
      if let embeddedTaskRuns { status["taskRuns"] = embeddedTaskRuns }
    }
    object["spec"] = .object(spec)
    if !status.isEmpty { object["status"] = .object(status) }
    return .object(object)
  }

  /// v1 → v1beta1: results are `pipelineResults`/`taskResults`, a run's service account and pod
  /// template are `spec.serviceAccountName` and `spec.podTemplate`.
  static func toV1beta1(spec: inout [String: JSONTree], status: inout [String: JSONTree], pipelineRun: Bool) {
    if let results = status.removeValue(forKey: "results") {
      status[pipelineRun ? "pipelineResults" : "taskResults"] = results
    }
    if pipelineRun, case .object(var template)? = spec["taskRunTemplate"] {
      for key in ["serviceAccountName", "podTemplate"] {
        if let value = template.removeValue(forKey: key) { spec[key] = value }
      }
      spec["taskRunTemplate"] = template.isEmpty ? nil : .object(template)
    }
  }

  /// v1beta1 → v1 for a created PipelineRun's spec: `serviceAccountName` and `podTemplate` move into
  /// `taskRunTemplate`, the deprecated `timeout` becomes `timeouts.pipeline`.
  static func pipelineRunSpecToV1(_ spec: [String: JSONTree]) -> [String: JSONTree] {
    var spec = spec
    for key in ["serviceAccountName", "podTemplate"] {
      guard let value = spec.removeValue(forKey: key) else { continue }
      var template: [String: JSONTree] = [:]
      if case .object(let existing)? = spec["taskRunTemplate"] { template = existing }
      template[key] = value
      spec["taskRunTemplate"] = .object(template)
    }
    if let timeout = spec.removeValue(forKey: "timeout") {
      var timeouts: [String: JSONTree] = [:]
      if case .object(let existing)? = spec["timeouts"] { timeouts = existing }
      timeouts["pipeline"] = timeouts["pipeline"] ?? timeout
      spec["timeouts"] = .object(timeouts)
    }
    spec.removeValue(forKey: "resources")
    return spec
  }

  /// The CRD's printer columns: Succeeded, Reason, StartTime, CompletionTime (dates as ages).
  func printerCells(now: Int64) -> [Any] {
    func age(_ key: String) -> Any {
      guard case .string(let text)? = status[key], let seconds = ClusterClock.parseSeconds(text) else {
        return NSNull()
      }
      return ClusterClock.humanDuration(seconds: now - seconds)
    }
    let condition = condition
    return [
      metadata.name, condition?.status ?? NSNull(), condition?.reason ?? NSNull(), age("startTime"),
      age("completionTime"),
    ]
  }
}
