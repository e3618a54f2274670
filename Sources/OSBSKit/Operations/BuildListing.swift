import Foundation

/// `build list` and `build get`: builds with the node their pod ran on.
///
/// The node comes from the build pods (labelled `openshift.io/build.name`), listed once for the whole
/// scope rather than one request per build.
public struct BuildListing: Sendable {
  public let client: OpenShiftClient

  public init(client: OpenShiftClient) { self.client = client }

  /// Newest first.
  public func list(in scope: NamespaceScope, selector: ListSelector) async throws -> BuildListReport {
    var builds: [Build] = []
    for try await build in client.builds(in: scope, selector: selector) { builds.append(build) }
    var nodes: [String: String] = [:]
    if !builds.isEmpty {
      for try await pod in client.pods(
        in: scope, selector: ListSelector(labels: OpenShiftKeys.buildNameLabel))
      {
        if let node = pod.spec.nodeName { nodes[pod.objectKey] = node }
      }
    }
    let now = Date()
    var summaries = builds.map { build in
      let podKey = build.metadata.namespace.map { "\($0)/\(build.podName)" } ?? build.podName
      return BuildSummary(build, nodeName: nodes[podKey], now: now)
    }
    summaries.sort { ($0.created ?? "", $0.name) > ($1.created ?? "", $1.name) }
    return BuildListReport(builds: summaries)
  }

  /// One build; its pod may be gone (pruned), which leaves the node unknown.
  public func get(named name: String) async throws -> BuildSummary {
    let build = try await client.build(named: name)
    var node: String?
    do {
      node = try await client.pod(
        named: build.podName, in: build.metadata.namespace.map { .named($0) } ?? .current
      )
      .spec.nodeName
    } catch let error as OpenShiftError where error.failureKind == .notFound {
      node = nil
    }
    return BuildSummary(build, nodeName: node)
  }
}
