import Foundation

/// `node cordon` and `node uncordon`: the same request with the opposite value, node by node. A node
/// that fails does not stop the others; the run's outcome is the first failure's kind.
public struct NodeSchedulingUpdate: Sendable {
  public let client: OpenShiftClient
  /// true: mark unschedulable; false: schedulable again.
  public let cordon: Bool

  public init(client: OpenShiftClient, cordon: Bool) {
    self.client = client
    self.cordon = cordon
  }

  /// One node's outcome, as it happens.
  public enum Progress: Sendable {
    case changed(NodeSchedulingReport.Change)
    case failed(node: String, error: any ClassifiedError)
  }

  public struct Outcome: Sendable {
    /// The nodes that answered, in the order asked.
    public var report: NodeSchedulingReport
    /// The first node's failure, if any did fail.
    public var failure: FailureKind?
  }

  /// Sends the change to each node in turn (with `dryRun`, for the server to validate only).
  public func apply(
    to nodes: [String], dryRun: Bool, progress: (Progress) -> Void = { _ in }
  ) async throws -> Outcome {
    var changes: [NodeSchedulingReport.Change] = []
    var failure: FailureKind?
    for name in nodes {
      do {
        let result = try await client.setSchedulable(node: name, cordon: cordon, dryRun: dryRun)
        let change = NodeSchedulingReport.Change(result, cordon: cordon)
        changes.append(change)
        progress(.changed(change))
      } catch let error as any ClassifiedError {
        progress(.failed(node: name, error: error))
        failure = failure ?? error.failureKind
      }
    }
    return Outcome(report: NodeSchedulingReport(nodes: changes), failure: failure)
  }
}
