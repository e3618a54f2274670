import Foundation

/// A version of the `tekton.dev` API group. The same stored object is served in either shape; the
/// conversion webhook renames fields between them (`pipelineResults` ↔ `results`, `taskResults` ↔
/// `results`), and only `v1beta1` ever carried the embedded `status.taskRuns` map.
public enum TektonAPIVersion: String, Codable, Sendable, CaseIterable, Comparable {
  case v1beta1
  case v1

  public static let group = "tekton.dev"

  /// `tekton.dev/v1` or `tekton.dev/v1beta1`, as in an object's `apiVersion`.
  public var groupVersion: String { "\(Self.group)/\(rawValue)" }

  /// The version an object's `apiVersion` names, if it is a `tekton.dev` one osbsctl knows.
  public init?(apiVersion: String?) {
    guard let apiVersion, apiVersion.hasPrefix("\(Self.group)/") else { return nil }
    self.init(rawValue: String(apiVersion.dropFirst(Self.group.count + 1)))
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
