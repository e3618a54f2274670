import Foundation

/// Failures particular to OpenShift Pipelines (Tekton).
public enum TektonError: ClassifiedError, Equatable {
  /// `/apis` lists no `tekton.dev` group in a version osbsctl reads.
  case pipelinesNotInstalled(url: String, servedVersions: [String])

  public var failureKind: FailureKind {
    switch self {
    case .pipelinesNotInstalled: .notFound
    }
  }

  public var description: String {
    switch self {
    case .pipelinesNotInstalled(let url, let served):
      let detail =
        served.isEmpty
        ? "no tekton.dev API group"
        : "tekton.dev only in \(served.joined(separator: ", ")) (osbsctl reads v1, v1beta1)"
      return "the server at \(url) serves \(detail): OpenShift Pipelines is not installed, so there are no "
        + "PipelineRuns (OSBS 2 builds) here"
    }
  }
}
