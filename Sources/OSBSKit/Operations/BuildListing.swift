import Foundation

/// `build list` and `build get`: builds with the node their pod ran on, and PipelineRuns.
///
/// The node comes from the build pods (labelled `openshift.io/build.name`), listed once for the whole
/// scope rather than one request per build. A PipelineRun has a pod per TaskRun, so none is shown here.
public struct BuildListing: Sendable {
  public let client: OpenShiftClient
  public let locator: BuildLocator

  public init(client: OpenShiftClient, tekton: TektonClient? = nil) {
    self.client = client
    locator = BuildLocator(openShift: client, tekton: tekton)
  }

  /// Builds only, newest first.
  public func list(in scope: NamespaceScope, selector: ListSelector) async throws -> BuildListReport {
    BuildListReport(builds: try await builds(in: scope, selector: selector).sorted(by: Self.newestFirst))
  }

  /// The kinds asked for (all served ones when `kind` is nil), newest first. `unfinishedOnly` keeps
  /// Builds not yet final and PipelineRuns whose `Succeeded` condition is still `Unknown`.
  public func list(
    in scope: NamespaceScope, labels: String?, unfinishedOnly: Bool, kind: BuildKind? = nil
  ) async throws -> BuildListReport {
    var summaries: [BuildSummary] = []
    for served in try await locator.kindsServed(forcing: kind) {
      switch served {
      case .build:
        var selector = unfinishedOnly ? ListSelector.unfinishedBuilds : ListSelector.everything
        selector.labels = labels
        summaries += try await builds(in: scope, selector: selector)
      case .pipelineRun:
        let now = Date()
        for try await run in locator.tekton.pipelineRuns(in: scope, selector: ListSelector(labels: labels))
        where !unfinishedOnly || !run.state.isFinished {
          summaries.append(BuildSummary(run, now: now))
        }
      }
    }
    return BuildListReport(builds: summaries.sorted(by: Self.newestFirst))
  }

  static func newestFirst(_ left: BuildSummary, _ right: BuildSummary) -> Bool {
    (left.created ?? "", left.name) > (right.created ?? "", right.name)
  }

  private func builds(in scope: NamespaceScope, selector: ListSelector) async throws -> [BuildSummary] {
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
    return builds.map { build in
      let podKey = build.metadata.namespace.map { "\($0)/\(build.podName)" } ?? build.podName
      return BuildSummary(build, nodeName: nodes[podKey], now: now)
    }
  }

  /// One build or PipelineRun (`kind` nil: whichever has the name); a Build's pod may be gone
  /// (pruned), which leaves the node unknown.
  public func get(named name: String, kind: BuildKind? = nil) async throws -> BuildSummary {
    switch try await locator.find(named: name, kind: kind) {
    case .pipelineRun(let run):
      return BuildSummary(run)
    case .build(let build):
      return try await client.summary(of: build)
    }
  }

  /// The object exactly as the server sent it.
  public func raw(named name: String, kind: BuildKind? = nil) async throws -> Data {
    switch try await locator.find(named: name, kind: kind) {
    case .build: try await client.rawBuild(named: name)
    case .pipelineRun: try await locator.tekton.rawPipelineRun(named: name)
    }
  }
}
