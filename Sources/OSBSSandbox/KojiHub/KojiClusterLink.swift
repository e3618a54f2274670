import Foundation
import OSBSKit
import Synchronization

/// Mirrors the hub's container builds into an OpenShift cluster, as OSBS does: each task that runs an
/// OpenShift build (a `createContainer` child, or a `buildContainer` without children) gets a build
/// labelled `koji-task-id=<task>`, named as its `openshift-incremental.log` and fault text name it.
///
/// The hub derives task states from its clock on read, so the mirror is brought up to date whenever
/// someone looks (`sync`): a Koji call, a cluster request, or a periodic tick for watches. Each sync
/// walks the builds through the phases they passed since the last one, so watchers see every step.
final class KojiClusterLink: Sendable {
  /// What the cluster has been told about one build.
  private struct Mirrored: Sendable {
    var phase: BuildPhase
    var loggedBytes: Int
  }

  /// One build's state at a moment of the hub clock.
  private struct Observed: Sendable {
    var name: String
    var taskID: Int
    var phase: BuildPhase
    /// Complete lines of the per-arch log not yet appended (all of it once the task finished).
    var newLog: [UInt8]
    var loggedBytes: Int
    var message: String?
  }

  let cluster: OpenShiftCluster
  private let mirrored = Mutex<[String: Mirrored]>([:])
  /// PipelineRuns created for kcb140 tasks: true once deleted again.
  private let pipelineRuns = Mutex<[String: Bool]>([:])

  init(cluster: OpenShiftCluster) {
    self.cluster = cluster
  }

  /// Brings the cluster up to date with the hub at `now`. Holds the link's lock throughout so two
  /// syncs never append the same log bytes twice; it takes the hub's lock and the cluster's lock
  /// each in turn, never the other way round.
  func sync(with hub: KojiHub) {
    // A cluster without the build API runs no Builds (osbs-sandbox refuses legacy builds on it).
    if cluster.configuration.era != .absent {
      mirrorBuilds(of: hub)
    }
    syncPipelineRuns(with: hub)
  }

  private func mirrorBuilds(of hub: KojiHub) {
    mirrored.withLock { mirrored in
      let now = hub.clock.now()
      let observed = hub.stateSnapshot { state in Self.observe(state, at: now, mirrored: mirrored) }
      for build in observed {
        apply(build, to: &mirrored)
      }
    }
  }

  /// Creates the PipelineRun of each kcb140 task that opened and deletes it when the task ends.
  private func syncPipelineRuns(with hub: KojiHub) {
    guard cluster.configuration.tekton.enabled else { return }
    pipelineRuns.withLock { runs in
      let now = hub.clock.now()
      let handled = Set(runs.filter(\.value).keys)
      let observed = hub.stateSnapshot { state in
        KojiPipelineRunLink.observe(state, at: now, handled: handled)
      }
      for run in observed {
        if runs[run.name] == nil {
          let stages = 7.5
          _ = try? cluster.createPipelineRun(
            name: run.name, namespace: cluster.configuration.namespace,
            spec: KojiPipelineRunLink.spec(userParams: run.userParams),
            failure: run.failure,
            stageSeconds: max(0.05, run.finishAt.timeIntervalSince(run.openAt) / stages),
            createdAt: run.openAt.timeIntervalSince1970)
          runs[run.name] = false
        }
        if run.cancelledByKoji {
          cluster.advancePipelines()
          cluster.cancelPipelineRun(named: run.name)
          runs[run.name] = true
        } else if run.finished {
          cluster.advancePipelines()
          cluster.deletePipelineRun(named: run.name)
          runs[run.name] = true
        }
      }
    }
  }

  private func apply(_ build: Observed, to mirrored: inout [String: Mirrored]) {
    var entry: Mirrored
    if let known = mirrored[build.name] {
      entry = known
    } else {
      cluster.createBuild(
        .init(
          buildConfig: Self.buildConfig(of: build.name, taskID: build.taskID), name: build.name,
          kojiTaskID: build.taskID, phase: .pending))
      entry = Mirrored(phase: .pending, loggedBytes: 0)
    }
    guard !entry.phase.isTerminal else { return }
    if build.phase != .pending && entry.phase == .pending && build.phase != .cancelled {
      _ = try? cluster.setBuildPhase(.running, build: build.name)
      entry.phase = .running
    }
    if !build.newLog.isEmpty {
      cluster.appendLog(build: build.name, String(decoding: build.newLog, as: UTF8.self))
      entry.loggedBytes = build.loggedBytes
    }
    if build.phase != entry.phase {
      _ = try? cluster.setBuildPhase(build.phase, build: build.name, message: build.message)
      entry.phase = build.phase
    }
    mirrored[build.name] = entry
  }

  private static func observe(_ state: KojiHubState, at now: Date, mirrored: [String: Mirrored])
    -> [Observed]
  {
    state.tasks.values.sorted { $0.id < $1.id }.compactMap { task -> Observed? in
      guard let name = task.osbsBuildName, !task.runsOnTekton,
        task.method == "createContainer" || !task.hasChildren,
        state.task(task.id, at: now) != nil
      else { return nil }
      let known = mirrored[name]
      if let known, known.phase.isTerminal { return nil }
      let snapshot = task.snapshot(at: now)
      let phase: BuildPhase
      var message: String?
      switch snapshot.state {
      case .free, .assigned:
        return nil
      case .open:
        phase = now >= task.openAt + runningDelay(task) ? .running : .pending
      case .closed:
        phase = .complete
      case .failed:
        phase = .failed
        if case .failure(let fault) = task.result { message = fault.message }
      case .canceled:
        // Cancelled before a builder took it: OSBS never created a build.
        guard snapshot.started != nil || known != nil else { return nil }
        phase = .cancelled
      }
      let logged = known?.loggedBytes ?? 0
      var newLog: [UInt8] = []
      if let log = task.files.filter({ $0.key.hasSuffix(".log") && $0.key != "openshift-incremental.log" })
        .min(by: { $0.key < $1.key })?.value,
        let size = log.visible(now: now, frozenAt: task.outputFrozenAt)?.size, size > logged
      {
        newLog = log.bytes(in: logged..<size)
        if !phase.isTerminal {
          // Only whole lines: the cluster stamps each line as it is appended.
          let lastNewline = newLog.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
          newLog.removeSubrange(lastNewline...)
        }
      }
      return Observed(
        name: name, taskID: task.id, phase: phase, newLog: newLog, loggedBytes: logged + newLog.count,
        message: message)
    }
  }

  /// How long a build stays Pending after its task opened (its pod starting).
  private static func runningDelay(_ task: KojiTaskRecord) -> TimeInterval {
    min(1, task.finishAt.timeIntervalSince(task.openAt) * 0.1)
  }

  /// `<component>-<release>`: the build name without its task-id suffix.
  private static func buildConfig(of name: String, taskID: Int) -> String {
    let suffix = "-\(taskID)"
    return name.hasSuffix(suffix) && name.count > suffix.count ? String(name.dropLast(suffix.count)) : name
  }
}

extension SandboxRouter {
  /// The same routes and Koji methods, each running `hook` before its handler.
  func runningFirst(_ hook: @escaping @Sendable () -> Void) -> SandboxRouter {
    var wrapped = SandboxRouter()
    for route in routes {
      let handler = route.handler
      wrapped.add(route.method, route.pattern.description) { request in
        hook()
        return try await handler(request)
      }
    }
    for name in kojiMethodNames {
      guard let handler = kojiHandler(named: name) else { continue }
      wrapped.addKojiMethod(name) { call in
        hook()
        return try await handler(call)
      }
    }
    return wrapped
  }
}
