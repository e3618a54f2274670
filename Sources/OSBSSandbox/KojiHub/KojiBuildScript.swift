import Foundation

/// How the simulated builder runs one `buildContainer` task. Queue entries with
/// `KojiHub.enqueue(_:)` or `POST /_sandbox/koji/script`; each new `buildContainer` takes the next one,
/// and builds with an empty queue use `KojiHub.Configuration.defaultBuild`.
///
/// JSON: `{"outcome": "success" | "fail" | "cancel", "arches": ["x86_64"], "children": false,
/// "logBytes": 20000000, "logBytesPerSecond": 2000000, "openAfterSeconds": 1, "durationSeconds": 9,
/// "failureReason": "Error in plugin orchestrate_build: boom", "faultCode": 2001, "repeat": 1,
/// "builder": "legacy" | "kcb140", "failedTask": "binary-container-build-x86-64"}` — every field optional. `cancel` means OSBS cancelled the build: the
/// task fails with fault 2002.
public struct KojiBuildScript: Sendable, Hashable, Codable {
  public enum Outcome: String, Sendable, Hashable, Codable {
    case success
    case fail
    /// The OpenShift build was cancelled: ContainerCancelled 2002 "Image build was cancelled by OSBS."
    case cancel
  }

  /// Which koji-containerbuild builder writes the task's output (captures 39–50 and 76–78).
  public enum Builder: String, Sendable, Hashable, Codable, CaseIterable {
    /// The OSBS 1 builder: `openshift-incremental.log` with the build's selflink, `<arch>.log`, and
    /// `koji_builds` as integers; the run is an OpenShift Build.
    case legacy
    /// koji-containerbuild 1.4.0 (osbs-client 2, Tekton): `osbs-client.log` naming the pipeline run,
    /// `osbs-build.log`, `checkout-for-labels.log`, `<arch>.log`, no children, and `koji_builds` as
    /// strings; the run is a PipelineRun, so no OpenShift Build appears on the cluster.
    case kcb140
  }

  public var outcome: Outcome
  public var builder: Builder
  /// One `<arch>.log` per arch (or one `createContainer` child per arch with `children`).
  public var arches: [String]
  /// Run the build in `createContainer` children labelled `<arch>-container`, as 2016 koji-containerbuild did.
  public var children: Bool
  /// Final size of each `<arch>.log`; nil picks a small log of about 20 lines.
  public var logBytes: Int?
  /// How fast each `<arch>.log` grows while the task is open; nil spreads it over the build.
  public var logBytesPerSecond: Double?
  /// Time in FREE before a host opens the task.
  public var openAfterSeconds: Double
  /// Time from opening to the result.
  public var durationSeconds: Double
  /// Text between "Image build failed." and "OSBS build id:" in the fault.
  public var failureReason: String?
  /// Fault code of a failed build: 2001 from koji-containerbuild's ContainerError; some hubs store 1000.
  public var faultCode: Int?
  /// How many consecutive builds this entry scripts.
  public var repeatCount: Int
  /// kcb140: the pipeline task that fails (`binary-container-build-<arch>`, `binary-container-prebuild`, …);
  /// the fault then carries osbs-client's error text for it, with `failureReason` as the error.
  public var failedTask: String?

  public init(
    outcome: Outcome = .success, arches: [String] = ["x86_64"], children: Bool = false, logBytes: Int? = nil,
    logBytesPerSecond: Double? = nil, openAfterSeconds: Double = 1, durationSeconds: Double = 9,
    failureReason: String? = nil, faultCode: Int? = nil, repeatCount: Int = 1, builder: Builder = .legacy,
    failedTask: String? = nil
  ) {
    self.failedTask = failedTask
    self.outcome = outcome
    self.builder = builder
    self.arches = arches
    self.children = children
    self.logBytes = logBytes
    self.logBytesPerSecond = logBytesPerSecond
    self.openAfterSeconds = openAfterSeconds
    self.durationSeconds = durationSeconds
    self.failureReason = failureReason
    self.faultCode = faultCode
    self.repeatCount = repeatCount
  }

  private enum CodingKeys: String, CodingKey {
    case outcome, arches, children, logBytes, logBytesPerSecond, openAfterSeconds, durationSeconds
    case failureReason, faultCode, builder, failedTask
    case repeatCount = "repeat"
  }

  public init(from decoder: any Decoder) throws {
    let defaults = KojiBuildScript()
    let container = try decoder.container(keyedBy: CodingKeys.self)
    outcome = try container.decodeIfPresent(Outcome.self, forKey: .outcome) ?? defaults.outcome
    arches = try container.decodeIfPresent([String].self, forKey: .arches) ?? defaults.arches
    children = try container.decodeIfPresent(Bool.self, forKey: .children) ?? defaults.children
    logBytes = try container.decodeIfPresent(Int.self, forKey: .logBytes)
    logBytesPerSecond = try container.decodeIfPresent(Double.self, forKey: .logBytesPerSecond)
    openAfterSeconds =
      try container.decodeIfPresent(Double.self, forKey: .openAfterSeconds) ?? defaults.openAfterSeconds
    durationSeconds =
      try container.decodeIfPresent(Double.self, forKey: .durationSeconds) ?? defaults.durationSeconds
    failureReason = try container.decodeIfPresent(String.self, forKey: .failureReason)
    faultCode = try container.decodeIfPresent(Int.self, forKey: .faultCode)
    repeatCount = try container.decodeIfPresent(Int.self, forKey: .repeatCount) ?? 1
    builder = try container.decodeIfPresent(Builder.self, forKey: .builder) ?? defaults.builder
    failedTask = try container.decodeIfPresent(String.self, forKey: .failedTask)
    if let failedTask,
      failedTask.isEmpty || !failedTask.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" })
    {
      throw DecodingError.dataCorruptedError(
        forKey: .failedTask, in: container, debugDescription: "failedTask must be a pipeline task name")
    }
    guard !arches.isEmpty, arches.allSatisfy({ Self.isPlainName($0) }) else {
      throw DecodingError.dataCorruptedError(
        forKey: .arches, in: container, debugDescription: "arches must be non-empty simple names")
    }
    guard openAfterSeconds >= 0, durationSeconds >= 0, (logBytes ?? 0) >= 0, repeatCount >= 1 else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "negative duration, size or repeat"))
    }
  }

  static func isPlainName(_ name: String) -> Bool {
    !name.isEmpty && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" }
  }
}
