import Foundation

/// What a PipelineRun's or TaskRun's `Succeeded` condition says, summarised the way `tkn` shows it
/// (its STATUS column) and the way osbs-client decides finished / succeeded / cancelled.
public struct TektonRunState: Codable, Sendable, Equatable {
  public enum Phase: String, Codable, Sendable {
    case pending = "Pending"
    case running = "Running"
    case succeeded = "Succeeded"
    case failed = "Failed"
    case cancelled = "Cancelled"
    /// No condition yet: the controller has not picked the run up.
    case unknown = "---"
  }

  public var phase: Phase
  /// The condition's status (`True`, `False`, `Unknown`); `nil` without a condition.
  public var conditionStatus: TektonCondition.Status?
  public var reason: String?
  public var message: String?

  static let cancelledReasons: Set<String> = ["Cancelled", "PipelineRunCancelled", "TaskRunCancelled"]
  static let stoppingReasons: Set<String> = ["PipelineRunStopping", "TaskRunStopping"]
  static let waitingForResourcesReasons: Set<String> = [
    "ExceededNodeResources", "ExceededResourceQuota", "CreateContainerConfigError",
  ]

  public init(condition: TektonCondition?) {
    conditionStatus = condition?.status
    reason = condition?.reason.flatMap { $0.isEmpty ? nil : $0 }
    message = condition?.message
    guard let condition else {
      phase = .unknown
      return
    }
    let byStatus: Phase =
      switch condition.status {
      case .true: .succeeded
      case .false: .failed
      case .unknown: .running
      }
    switch reason {
    case .some(let reason) where Self.cancelledReasons.contains(reason): phase = .cancelled
    case "PipelineRunPending": phase = .pending
    case .some(let reason) where Self.waitingForResourcesReasons.contains(reason): phase = .pending
    case .some(let reason) where Self.stoppingReasons.contains(reason): phase = .failed
    default: phase = byStatus
    }
  }

  /// `tkn pr list`'s STATUS text: the phase, with the reason in parentheses when it adds something
  /// (`Succeeded`, `Failed(PipelineRunTimeout)`, `Cancelled(PipelineRunCancelled)`, `Pending`, `---`).
  public var display: String {
    guard let reason, phase != .unknown else { return phase.rawValue }
    switch phase {
    case .succeeded where reason == "Completed": return phase.rawValue
    case .pending where reason == "PipelineRunPending": return phase.rawValue
    default: return reason == phase.rawValue ? phase.rawValue : "\(phase.rawValue)(\(reason))"
    }
  }

  /// The condition left `Unknown`: the run is over (osbs-client also counts the old cancel reason as over
  /// while its status is still `Unknown`).
  public var isFinished: Bool {
    switch conditionStatus {
    case .true, .false: true
    case .unknown: reason == "PipelineRunCancelled"
    case nil: false
    }
  }

  /// osbs-client's rule: reason `Succeeded`, or `Completed` (succeeded with skipped tasks — the normal end
  /// of an OSBS binary build).
  public var isSucceeded: Bool { reason == "Succeeded" || reason == "Completed" }

  /// Ended by a cancel. osbs-client only checks `PipelineRunCancelled`, which Tekton ≥ 0.40 never sets;
  /// a cancelled run there ends `False`/`Cancelled`, so both count here.
  public var isCancelled: Bool {
    conditionStatus == .false && reason.map(Self.cancelledReasons.contains) == true
  }
}
