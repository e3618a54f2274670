import Foundation

/// What draining a node would do, decided before anything changes.
public struct DrainPlan: Sendable, Equatable {
  public struct Skipped: Sendable, Equatable {
    public var pod: Pod
    /// `DaemonSet`, `mirror` or `finished`.
    public var reason: String

    public init(pod: Pod, reason: String) {
      self.pod = pod
      self.reason = reason
    }
  }

  public var node: String
  /// Pods running a build (label `openshift.io/build.name`), not yet finished.
  public var buildPods: [Pod]
  /// Other pods the drain evicts.
  public var otherPods: [Pod]
  public var skipped: [Skipped]
  /// How the server lets pods be removed (the Eviction version it serves, or a plain delete).
  public var removal: PodRemovalMethod = .eviction(apiVersion: "policy/v1")

  public init(node: String, buildPods: [Pod], otherPods: [Pod], skipped: [Skipped]) {
    self.node = node
    self.buildPods = buildPods
    self.otherPods = otherPods
    self.skipped = skipped
  }
}

public struct DrainOptions: Sendable, Equatable {
  /// Wait for build pods to finish (the default); false evicts them, killing the builds.
  public var waitForBuilds: Bool
  /// How long evictions and waiting may take in all; zero is no limit (kubectl's `--timeout=0`).
  public var timeout: Duration
  /// How often the node's pods are listed while waiting.
  public var pollInterval: Duration
  /// Plan and cordon with `dryRun=All` only.
  public var dryRun: Bool

  public init(
    waitForBuilds: Bool = true, timeout: Duration = .seconds(600), pollInterval: Duration = .seconds(2),
    dryRun: Bool = false
  ) {
    self.waitForBuilds = waitForBuilds
    self.timeout = timeout
    self.pollInterval = pollInterval
    self.dryRun = dryRun
  }
}

/// Progress of a drain, for the caller to show.
public enum DrainProgress: Sendable, Equatable {
  case cordoned(CordonResult)
  case evicted(namespace: String, name: String)
  /// Still on the node: build pods being waited for and evicted pods not yet gone.
  case waiting(buildPods: [String], otherPods: [String])
}

public struct DrainResult: Sendable, Equatable {
  public var plan: DrainPlan
  public var cordon: CordonResult
  /// `namespace/name` of the pods evicted (none on a dry run).
  public var evicted: [String]
  public var dryRun: Bool
}

extension OpenShiftClient {
  /// Sorts the node's pods into build pods, pods to evict and pods a drain leaves alone.
  public func drainPlan(node name: String) async throws -> DrainPlan {
    _ = try await node(named: name)
    var plan = DrainPlan(node: name, buildPods: [], otherPods: [], skipped: [])
    plan.removal = try await podRemovalMethod()
    for try await pod in pods(onNode: name) {
      if pod.isMirrorPod {
        plan.skipped.append(.init(pod: pod, reason: "mirror"))
      } else if pod.isDaemonSetPod {
        plan.skipped.append(.init(pod: pod, reason: "DaemonSet"))
      } else if pod.isFinished {
        plan.skipped.append(.init(pod: pod, reason: "finished"))
      } else if pod.buildOrPipelineRunName != nil {
        plan.buildPods.append(pod)
      } else {
        plan.otherPods.append(pod)
      }
    }
    return plan
  }

  /// Cordons the node, evicts its pods through the eviction API (build pods only when `waitForBuilds`
  /// is false), then waits until they are gone. Throws `OpenShiftError.drainTimedOut`
  /// (`FailureKind.pending`) when pods remain at the timeout; the node stays cordoned.
  public func drain(
    node name: String, options: DrainOptions = DrainOptions(),
    progress: (@Sendable (DrainProgress) -> Void)? = nil
  ) async throws -> DrainResult {
    // Cordoned first, as kubectl does: a pod the scheduler places while the plan is read would be neither
    // evicted nor waited out.
    let cordon = try await self.cordon(node: name, dryRun: options.dryRun)
    progress?(.cordoned(cordon))
    let plan = try await drainPlan(node: name)
    if options.dryRun {
      return DrainResult(plan: plan, cordon: cordon, evicted: [], dryRun: true)
    }
    let deadline = options.timeout == .zero ? nil : ContinuousClock.now.advanced(by: options.timeout)
    var toEvict = plan.otherPods
    if !options.waitForBuilds { toEvict = plan.buildPods + toEvict }
    var evicted: [String] = []
    var refused: [Pod] = []
    for pod in toEvict {
      let podNamespace = pod.metadata.namespace ?? namespace
      do {
        try await evictPod(named: pod.metadata.name, namespace: podNamespace)
        evicted.append("\(podNamespace)/\(pod.metadata.name)")
        progress?(.evicted(namespace: podNamespace, name: pod.metadata.name))
      } catch let error as OpenShiftError where error.failureKind == .notFound {
        continue
      } catch let error as OpenShiftError where error.failure?.code == 429 {
        // A disruption budget says not now: try again while waiting.
        refused.append(pod)
      }
    }
    while true {
      var builds: [String] = []
      var others: [String] = []
      for try await pod in pods(onNode: name) where !pod.isMirrorPod && !pod.isDaemonSetPod && !pod.isFinished
      {
        if pod.buildOrPipelineRunName != nil && options.waitForBuilds {
          builds.append(pod.metadata.name)
        } else {
          others.append(pod.metadata.name)
        }
      }
      if builds.isEmpty && others.isEmpty {
        return DrainResult(plan: plan, cordon: cordon, evicted: evicted, dryRun: false)
      }
      progress?(.waiting(buildPods: builds, otherPods: others))
      if let deadline, ContinuousClock.now >= deadline {
        throw OpenShiftError.drainTimedOut(node: name, remainingPods: builds + others)
      }
      try await Task.sleep(for: options.pollInterval)
      var stillRefused: [Pod] = []
      for pod in refused {
        let podNamespace = pod.metadata.namespace ?? namespace
        do {
          try await evictPod(named: pod.metadata.name, namespace: podNamespace)
          evicted.append("\(podNamespace)/\(pod.metadata.name)")
          progress?(.evicted(namespace: podNamespace, name: pod.metadata.name))
        } catch let error as OpenShiftError where error.failure?.code == 429 {
          stillRefused.append(pod)
        } catch let error as OpenShiftError where error.failureKind == .notFound {
          continue
        }
      }
      refused = stillRefused
    }
  }
}
