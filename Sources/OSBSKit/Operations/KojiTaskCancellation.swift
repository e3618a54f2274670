import Foundation

/// Cancels Koji tasks and says truthfully what became of each.
///
/// The hub's `cancelTask` returns nil for a task in any state, and leaves a finished task alone
/// (captures 67–70), so the outcome comes from reading the state before and after: three multicalls at
/// most, whatever the number of tasks.
public struct KojiTaskCancellation: Sendable {
  public let client: KojiClient

  public init(client: KojiClient) { self.client = client }

  /// What `cancel` would do, from reads only.
  public func preview(_ taskIDs: [Int]) async throws -> KojiCancelReport {
    let before = try await client.taskStates(taskIDs)
    return KojiCancelReport(
      dryRun: true,
      tasks: zip(taskIDs, before).map { id, state in
        guard let state else { return .init(taskId: id, outcome: .notFound) }
        return .init(
          taskId: id, outcome: state.isFinished ? .alreadyClosed : .wouldCancel, stateBefore: state)
      })
  }

  /// Cancels the running tasks among `taskIDs` (children included, as the hub does) and reads back.
  public func cancel(_ taskIDs: [Int]) async throws -> KojiCancelReport {
    let before = try await client.taskStates(taskIDs)
    var items = zip(taskIDs, before).map { id, state -> KojiCancelReport.Item in
      guard let state else { return .init(taskId: id, outcome: .notFound) }
      // Sent only for running tasks: for the others the hub would answer nil and change nothing.
      return .init(taskId: id, outcome: state.isFinished ? .alreadyClosed : .notCancelled, stateBefore: state)
    }
    let running = items.indices.filter { items[$0].outcome == .notCancelled }
    guard !running.isEmpty else { return KojiCancelReport(dryRun: false, tasks: items) }

    let refusals: [XMLRPCFault?]
    do {
      refusals = try await client.cancelTasks(running.map { items[$0].taskId })
    } catch let error as KojiError where error.fault?.code == KojiFaultCode.retryError {
      // The multicall was retried (a proxy's 504, a reply lost on the way) after the hub had run it: the
      // hub will not run it twice, and the states read back below say what the first attempt did.
      refusals = Array(repeating: nil, count: running.count)
    }
    var sent: [Int] = []
    for (index, refusal) in zip(running, refusals) {
      guard let fault = refusal else {
        sent.append(index)
        continue
      }
      items[index].outcome = .refused
      items[index].error = "\(fault.message) (fault \(fault.code))"
      items[index].faultCode = fault.code
    }
    guard !sent.isEmpty else { return KojiCancelReport(dryRun: false, tasks: items) }

    let after = try await client.taskStates(sent.map { items[$0].taskId })
    for (index, state) in zip(sent, after) {
      items[index].stateAfter = state
      switch state {
      case .canceled?: items[index].outcome = .cancelled
      // It finished on its own before the cancel reached it.
      case .closed?, .failed?: items[index].outcome = .alreadyClosed
      case nil: items[index].outcome = .notFound
      case let other?:
        items[index].outcome = .notCancelled
        items[index].error = "the hub accepted the cancel but the task is still \(other.name)"
      }
    }
    return KojiCancelReport(dryRun: false, tasks: items)
  }
}
