import Foundation

/// The rules of `oc adm prune builds`, with its defaults.
public struct BuildPruneRules: Sendable, Equatable {
  /// Complete builds kept per BuildConfig, newest first.
  public var keepComplete: Int
  /// Failed, Error and Cancelled builds kept per BuildConfig, newest first.
  public var keepFailed: Int
  /// Builds created less than this long ago are left out entirely: neither pruned nor counted as kept.
  public var keepYoungerThan: Duration
  /// Also prune finished builds whose BuildConfig is gone (or that never had one).
  public var orphans: Bool

  public init(
    keepComplete: Int = 5, keepFailed: Int = 1, keepYoungerThan: Duration = .seconds(3600),
    orphans: Bool = false
  ) {
    self.keepComplete = keepComplete
    self.keepFailed = keepFailed
    self.keepYoungerThan = keepYoungerThan
    self.orphans = orphans
  }

  /// Parses a `--keep-younger-than` value in Go's duration syntax (`60m`, `720h0m0s`, `1h30m`).
  public static func duration(goSyntax text: String) throws(BuildPruneError) -> Duration {
    guard let seconds = GoDuration.seconds(text) else {
      throw .malformedDuration(option: "--keep-younger-than", value: text)
    }
    guard seconds >= 0 else { throw .negative(option: "--keep-younger-than", value: text) }
    guard let duration = GoDuration.duration(text) else {
      throw .malformedDuration(option: "--keep-younger-than", value: text)
    }
    return duration
  }

  var keepYoungerThanNanoseconds: Int64 {
    let (seconds, attoseconds) = keepYoungerThan.components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }

  /// Refuses negative values, as `oc adm prune builds` does.
  public func validate() throws(BuildPruneError) {
    if keepYoungerThan < .zero {
      throw .negative(option: "--keep-younger-than", value: "\(keepYoungerThan)")
    }
    if keepComplete < 0 { throw .negative(option: "--keep-complete", value: String(keepComplete)) }
    if keepFailed < 0 { throw .negative(option: "--keep-failed", value: String(keepFailed)) }
  }
}

public enum BuildPruneError: ClassifiedError, Equatable {
  case negative(option: String, value: String)
  case malformedDuration(option: String, value: String)

  public var failureKind: FailureKind { .usage }

  public var description: String {
    switch self {
    case .negative(let option, let value):
      "\(option) must be greater than or equal to 0 (got \(value))"
    case .malformedDuration(let option, let value):
      "\(option) \(value): expected a Go duration such as 60m, 720h0m0s or 1h30m"
    }
  }
}

/// What the keep counts order candidates by, Builds and PipelineRuns alike: an object whose creation time
/// is unknown counts as the newest.
public protocol DatedPruneCandidate {
  /// `metadata.creationTimestamp` in nanoseconds since the epoch; nil when absent or unreadable.
  var createdNanoseconds: Int64? { get }
  /// `namespace/name`: breaks ties between objects created in the same instant.
  var id: String { get }
}

/// The facts about one build that the prune rules look at; a build list is reduced to these while it
/// is read, so ten thousand builds cost little memory.
public struct BuildPruneCandidate: DatedPruneCandidate, Sendable, Hashable {
  public var namespace: String
  public var name: String
  public var phase: BuildPhase
  /// `metadata.creationTimestamp` in nanoseconds since the epoch; nil when absent or not RFC 3339 UTC.
  public var createdNanoseconds: Int64?
  /// `status.config` as `namespace/name` (its namespace defaulting to the build's); nil when empty.
  public var buildConfig: String?
  public var resourceVersion: String?

  public init(
    namespace: String, name: String, phase: BuildPhase, createdNanoseconds: Int64?, buildConfig: String?,
    resourceVersion: String?
  ) {
    self.namespace = namespace
    self.name = name
    self.phase = phase
    self.createdNanoseconds = createdNanoseconds
    self.buildConfig = buildConfig
    self.resourceVersion = resourceVersion
  }

  /// `defaultNamespace` stands in for a build without `metadata.namespace` (a namespaced list omits none).
  public init(_ build: Build, defaultNamespace: String = "") {
    let namespace = build.metadata.namespace ?? defaultNamespace
    self.namespace = namespace
    name = build.metadata.name
    phase = build.status.phase
    createdNanoseconds = build.metadata.creationTimestamp.flatMap { text in
      LogTimestamp(Substring(text)).map { $0.seconds * 1_000_000_000 + Int64($0.nanoseconds) }
    }
    buildConfig = build.status.config.flatMap { config in
      config.name.isEmpty ? nil : "\(config.namespace ?? namespace)/\(config.name)"
    }
    resourceVersion = build.metadata.resourceVersion
  }

  public var id: String { "\(namespace)/\(name)" }
}

/// Which builds `oc adm prune builds` would delete (its `pkg/cli/admin/prune/builds`):
///
/// 1. Only builds created before `now - keepYoungerThan` are considered at all.
/// 2. With `orphans`, finished builds (Complete, Failed, Error, Cancelled) whose `status.config` is
///    empty or names a BuildConfig that does not exist.
/// 3. Per existing BuildConfig, its builds split into complete (Complete) and failed (Failed, Error,
///    Cancelled), newest first: all but the first `keepComplete` and `keepFailed`.
///
/// New, Pending and Running builds are never selected. Builds without a readable creation time are left
/// alone (the server always sets one). Among builds created in the same instant the one with the greater
/// name counts as newer, so the choice is deterministic.
public enum BuildPrunePlanner {
  /// The plan, oldest build first, each item with the rule that selected it and the resourceVersion
  /// its deletion will be conditional on.
  public static func plan(
    builds: [Build], buildConfigs: [BuildConfig], rules: BuildPruneRules, now: Date,
    defaultNamespace: String = ""
  ) -> [PruneItem] {
    let configs = Set(
      buildConfigs.map { "\($0.metadata.namespace ?? defaultNamespace)/\($0.metadata.name)" })
    return plan(
      candidates: builds.map { BuildPruneCandidate($0, defaultNamespace: defaultNamespace) },
      existingBuildConfigs: configs, rules: rules, nowNanoseconds: nanoseconds(of: now))
  }

  public static func nanoseconds(of date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1_000_000_000).rounded(.down))
  }

  static let completePhases: Set<BuildPhase> = [.complete]
  static let failedPhases: Set<BuildPhase> = [.failed, .error, .cancelled]

  public static func plan(
    candidates: [BuildPruneCandidate], existingBuildConfigs: Set<String>, rules: BuildPruneRules,
    nowNanoseconds: Int64
  ) -> [PruneItem] {
    let cutoff = nowNanoseconds - rules.keepYoungerThanNanoseconds
    let old = candidates.filter { ($0.createdNanoseconds ?? Int64.max) < cutoff }

    var selected: [(candidate: BuildPruneCandidate, reason: String)] = []
    if rules.orphans {
      for build in old where completePhases.contains(build.phase) || failedPhases.contains(build.phase) {
        guard let config = build.buildConfig else {
          selected.append((build, "orphan: no buildconfig (status.config is empty)"))
          continue
        }
        if !existingBuildConfigs.contains(config) {
          selected.append((build, "orphan: buildconfig \(config) no longer exists"))
        }
      }
    }

    var byConfig: [String: [BuildPruneCandidate]] = [:]
    for build in old {
      if let config = build.buildConfig, existingBuildConfigs.contains(config) {
        byConfig[config, default: []].append(build)
      }
    }
    for (config, builds) in byConfig {
      let complete = builds.filter { completePhases.contains($0.phase) }.sorted(by: isNewer)
      let failed = builds.filter { failedPhases.contains($0.phase) }.sorted(by: isNewer)
      for (index, build) in complete.enumerated().dropFirst(rules.keepComplete) {
        selected.append(
          (
            build,
            "complete build beyond --keep-complete=\(rules.keepComplete) of buildconfig \(config) "
              + "(\(ordinal(index + 1)) newest)"
          ))
      }
      for (index, build) in failed.enumerated().dropFirst(rules.keepFailed) {
        selected.append(
          (
            build,
            "\(build.phase.rawValue) build beyond --keep-failed=\(rules.keepFailed) of buildconfig "
              + "\(config) (\(ordinal(index + 1)) newest failed, error or cancelled)"
          ))
      }
    }

    var seen = Set<String>()
    return
      selected
      .filter { seen.insert($0.candidate.id).inserted }
      .sorted { isNewer($1.candidate, than: $0.candidate) }
      .map { entry in
        PruneItem(
          kind: .build, id: entry.candidate.id, name: entry.candidate.name,
          namespace: entry.candidate.namespace, reason: entry.reason,
          resourceVersion: entry.candidate.resourceVersion)
      }
  }

  /// Newest first: later creation, then (same instant) the greater id.
  static func isNewer<Candidate: DatedPruneCandidate>(_ lhs: Candidate, than rhs: Candidate) -> Bool {
    let left = lhs.createdNanoseconds ?? Int64.max
    let right = rhs.createdNanoseconds ?? Int64.max
    if left != right { return left > right }
    return lhs.id > rhs.id
  }

  static func ordinal(_ number: Int) -> String {
    let suffix: String
    switch (number % 10, number % 100) {
    case (_, 11...13): suffix = "th"
    case (1, _): suffix = "st"
    case (2, _): suffix = "nd"
    case (3, _): suffix = "rd"
    default: suffix = "th"
    }
    return "\(number)\(suffix)"
  }
}
