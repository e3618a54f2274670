import Foundation

extension TektonClient {
  /// Whether a PipelineRun of that name is on the cluster; nil where OpenShift Pipelines is not served, so
  /// the question cannot be answered. A run across all namespaces is looked for in the current one,
  /// where koji-containerbuild creates it (osbs.conf `namespace`).
  public func pipelineRunExists(named name: String, in scope: NamespaceScope = .current) async throws -> Bool?
  {
    guard try await isServed() else { return nil }
    do {
      _ = try await pipelineRun(named: name, in: scope == .all ? .current : scope)
      return true
    } catch let error as OpenShiftError where error.failureKind == .notFound {
      return false
    }
  }
}
