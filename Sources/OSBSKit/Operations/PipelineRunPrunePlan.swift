import Foundation

/// The facts about one PipelineRun the prune rules look at.
public struct PipelineRunPruneCandidate: DatedPruneCandidate, Sendable, Hashable {
  public enum Outcome: Sendable, Hashable {
    /// The `Succeeded` condition is still `Unknown` (or absent): never pruned.
    case unfinished
    /// `True` (`Succeeded`, or `Completed` with skipped tasks).
    case succeeded
    /// `False`: failed, timed out or cancelled.
    case failed(reason: String)
  }

  public var namespace: String
  public var name: String
  public var outcome: Outcome
  public var createdNanoseconds: Int64?
  /// `namespace/<tekton.dev/pipeline label>`: the Pipeline the run ran (the run's own name for an
  /// embedded spec); the runs of one Pipeline are kept or pruned together, as a BuildConfig's builds are.
  public var pipeline: String
  public var resourceVersion: String?

  public init(_ run: PipelineRun, defaultNamespace: String = "") {
    let namespace = run.metadata.namespace ?? defaultNamespace
    self.namespace = namespace
    name = run.metadata.name
    switch run.status?.succeededCondition?.status {
    case .true?: outcome = .succeeded
    case .false?: outcome = .failed(reason: run.state.reason ?? "Failed")
    case .unknown?, nil: outcome = .unfinished
    }
    createdNanoseconds = run.metadata.creationTimestamp.flatMap { text in
      LogTimestamp(Substring(text)).map { $0.seconds * 1_000_000_000 + Int64($0.nanoseconds) }
    }
    let pipelineName =
      run.metadata.label(TektonLabels.pipeline) ?? run.spec.pipelineRef?.name ?? run.metadata.name
    pipeline = "\(namespace)/\(pipelineName)"
    resourceVersion = run.metadata.resourceVersion
  }

  public var id: String { "\(namespace)/\(name)" }
}

/// `prune builds` for PipelineRuns, with the Build rules' numbers: runs created before
/// `now - keepYoungerThan`; per Pipeline, all but the newest `keepComplete` succeeded runs and the
/// newest `keepFailed` failed (or cancelled, timed-out) runs. Unfinished runs are never selected and
/// `orphans` has no meaning here (a run names its Pipeline, not a config that may be gone).
public enum PipelineRunPrunePlanner {
  public static func plan(
    candidates: [PipelineRunPruneCandidate], rules: BuildPruneRules, nowNanoseconds: Int64
  ) -> [PruneItem] {
    let cutoff = nowNanoseconds - rules.keepYoungerThanNanoseconds
    let old = candidates.filter { ($0.createdNanoseconds ?? Int64.max) < cutoff }
    var byPipeline: [String: [PipelineRunPruneCandidate]] = [:]
    for run in old where run.outcome != .unfinished { byPipeline[run.pipeline, default: []].append(run) }

    var selected: [(candidate: PipelineRunPruneCandidate, reason: String)] = []
    for (pipeline, runs) in byPipeline {
      let succeeded = runs.filter { $0.outcome == .succeeded }.sorted(by: BuildPrunePlanner.isNewer)
      let failed = runs.filter { $0.outcome != .succeeded }.sorted(by: BuildPrunePlanner.isNewer)
      for (index, run) in succeeded.enumerated().dropFirst(rules.keepComplete) {
        selected.append(
          (
            run,
            "succeeded pipelinerun beyond --keep-complete=\(rules.keepComplete) of pipeline \(pipeline) "
              + "(\(BuildPrunePlanner.ordinal(index + 1)) newest)"
          ))
      }
      for (index, run) in failed.enumerated().dropFirst(rules.keepFailed) {
        guard case .failed(let reason) = run.outcome else { continue }
        selected.append(
          (
            run,
            "\(reason) pipelinerun beyond --keep-failed=\(rules.keepFailed) of pipeline \(pipeline) "
              + "(\(BuildPrunePlanner.ordinal(index + 1)) newest failed or cancelled)"
          ))
      }
    }
    return selected.sorted { BuildPrunePlanner.isNewer($1.candidate, than: $0.candidate) }.map { entry in
      PruneItem(
        kind: .pipelineRun, id: entry.candidate.id, name: entry.candidate.name,
        namespace: entry.candidate.namespace, reason: entry.reason,
        resourceVersion: entry.candidate.resourceVersion)
    }
  }
}
