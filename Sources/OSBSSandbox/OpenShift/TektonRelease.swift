import Foundation

/// Which OpenShift Pipelines (Tekton Pipelines) release the cluster runs, and so what it serves and
/// accepts (tekton-wire README §2.3, §5.3, §6): the served `tekton.dev` versions, the accepted cancel
/// values, whether a PipelineRun still embeds its TaskRuns' status.
public struct TektonRelease: Sendable, Equatable, CustomStringConvertible {
  /// nil: no OpenShift Pipelines on the cluster.
  public var version: (major: Int, minor: Int)?

  public static func == (lhs: TektonRelease, rhs: TektonRelease) -> Bool {
    lhs.version?.major == rhs.version?.major && lhs.version?.minor == rhs.version?.minor
  }

  public static let none = TektonRelease(version: nil)
  /// A current release: serves v1 (storage) and v1beta1.
  public static let current = TektonRelease(version: (0, 53))

  public init(version: (major: Int, minor: Int)?) {
    self.version = version
  }

  /// `none`, or `<major>.<minor>` with an optional `v` and patch (`0.53`, `v0.24.3`, `1.15`).
  public init?(parsing text: String) {
    let trimmed = text.lowercased().trimmingCharacters(in: .whitespaces)
    if trimmed == "none" {
      self = .none
      return
    }
    let digits = trimmed.hasPrefix("v") ? String(trimmed.dropFirst()) : trimmed
    let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count >= 2, parts.count <= 3, let major = Int(parts[0]), let minor = Int(parts[1]),
      parts.count == 2 || Int(parts[2]) != nil
    else { return nil }
    self.version = (major, minor)
  }

  public var description: String {
    guard let version else { return "none" }
    return "\(version.major).\(version.minor)"
  }

  public var enabled: Bool { version != nil }

  private func atLeast(_ minor: Int) -> Bool {
    guard let version else { return false }
    return version.major > 0 || version.minor >= minor
  }

  /// Served `tekton.dev` versions, preferred first: v1 is served from v0.43 and the storage (so
  /// preferred) version from v0.49; before that only v1beta1.
  public var servedVersions: [String] {
    guard enabled else { return [] }
    if atLeast(49) { return ["v1", "v1beta1"] }
    if atLeast(43) { return ["v1beta1", "v1"] }
    return ["v1beta1"]
  }

  public var preferredVersion: String? { servedVersions.first }

  /// `spec.status` values the validating webhook accepts on a PipelineRun.
  public var acceptedCancelValues: [String] {
    guard enabled else { return [] }
    if atLeast(40) { return ["Cancelled", "CancelledRunFinally", "StoppedRunFinally", "PipelineRunPending"] }
    if atLeast(35) {
      return [
        "Cancelled", "CancelledRunFinally", "StoppedRunFinally", "PipelineRunCancelled", "PipelineRunPending",
      ]
    }
    if atLeast(25) { return ["Cancelled", "PipelineRunCancelled", "PipelineRunPending"] }
    return ["PipelineRunCancelled"]
  }

  /// The reason a cancelled run ends with: `PipelineRunCancelled` on v0.24 and before, or when the
  /// deprecated value was sent (up to v0.39); else `Cancelled`.
  func cancelReason(for value: String) -> String {
    !atLeast(25) || value == "PipelineRunCancelled" ? "PipelineRunCancelled" : "Cancelled"
  }

  /// The message of the webhook's rejection of `value`.
  func cancelRejection(_ value: String) -> String {
    let accepted = acceptedCancelValues
    let list =
      accepted.count > 1
      ? accepted.dropLast().joined(separator: ", ") + " or " + (accepted.last ?? "") : accepted.joined()
    return "invalid value: \(value) should be \(list): spec.status"
  }

  /// `childReferences[].apiVersion` as the controller writes it (not converted by the API view).
  var childReferenceAPIVersion: String { atLeast(49) ? "tekton.dev/v1" : "tekton.dev/v1beta1" }
  /// The full `status.taskRuns` map is filled up to v0.43 (embedded-status `full`).
  var embedsTaskRunStatus: Bool { enabled && !atLeast(44) }
  /// `status.childReferences` is filled from v0.44 (embedded-status `minimal` by default).
  var writesChildReferences: Bool { atLeast(44) }
  /// TaskRun and pod names by kmeta.ChildName from v0.30 (older releases added a random suffix).
  var namesChildrenByChildName: Bool { atLeast(30) }
}
