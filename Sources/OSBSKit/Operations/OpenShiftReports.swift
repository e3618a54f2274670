import Foundation

// The JSON contract of the `build` and `node` commands: flat, camelCase summaries of the API objects,
// so scripts do not depend on which OpenShift era served them.

/// One build, as `build list` and `build get` show it: an OSBS 1 OpenShift `Build` or an OSBS 2 Tekton
/// `PipelineRun` (`kind`).
public struct BuildSummary: Codable, Sendable, Equatable {
  /// `Build` or `PipelineRun`.
  public var kind: String
  public var name: String
  public var namespace: String?
  /// A Build's phase (`New` … `Complete`, `Failed`, `Error`, `Cancelled`), or a PipelineRun's as `tkn`
  /// shows it (`Pending`, `Running`, `Succeeded`, `Failed`, `Cancelled`, `---` before the controller saw it).
  public var phase: String
  public var reason: String?
  public var message: String?
  /// The tail of a failed build's log, as the server keeps it (`status.logSnippet`).
  public var logSnippet: String?
  public var cancelled: Bool
  public var buildConfig: String?
  public var kojiTaskID: Int?
  /// The build pod; nil for a PipelineRun, which has one pod per TaskRun (`build node` lists them).
  public var podName: String?
  /// The node the build pod ran on, where the command looked it up.
  public var nodeName: String?
  public var created: String?
  public var started: String?
  public var completed: String?
  /// Whole seconds: the server's `duration` once finished; for a running build, from its start to now.
  public var durationSeconds: Int64?
  /// `status.outputDockerImageReference`: where the image was pushed.
  public var outputImage: String?
  /// `spec.output.to`: `DockerImage/registry/repo:tag`, `ImageStreamTag/name:tag`.
  public var outputTo: String?
  public var gitURI: String?
  public var gitRef: String?
  public var labels: [String: String]
  /// Every annotation; OSBS 1 writes its results here (`repositories`, `digests`, `image-id`, …).
  public var annotations: [String: String]
  /// PipelineRun only: the Koji user who started the task (from `user-params`).
  public var user: String?
  /// PipelineRun only: its results (OSBS 2 writes `repositories`, `koji-build-id`,
  /// `task_build_result_<arch>`, … here), JSON-in-string values decoded to their text.
  public var results: [String: String]?
  /// PipelineRun only: the remote VM each architecture built on.
  public var buildHosts: [TektonBuildHost]?

  enum CodingKeys: String, CodingKey {
    case kojiTaskID = "taskId"
    case kind, name, namespace, phase, reason, message, logSnippet, cancelled, buildConfig, podName, nodeName
    case created, started, completed, durationSeconds, outputImage, outputTo, gitURI, gitRef, labels
    case annotations, user, results, buildHosts
  }

  public init(_ build: Build, nodeName: String? = nil, now: Date = Date()) {
    kind = "Build"
    name = build.metadata.name
    namespace = build.metadata.namespace
    phase = build.status.phase.rawValue
    reason = build.status.reason
    message = build.status.message
    logSnippet = build.status.logSnippet
    // Servers before 3.x never send `cancelled`; the phase says it.
    cancelled = build.status.cancelled ?? (build.status.phase == .cancelled)
    buildConfig = build.buildConfigName
    kojiTaskID = build.kojiTaskID
    podName = build.podName
    self.nodeName = nodeName
    created = build.metadata.creationTimestamp
    started = build.status.startTimestamp
    completed = build.status.completionTimestamp
    if let duration = build.status.duration {
      durationSeconds = duration / 1_000_000_000
    } else if !build.status.phase.isTerminal, let started = build.status.startTimestamp,
      let start = UTCTime.date(rfc3339: started)
    {
      durationSeconds = max(0, Int64(now.timeIntervalSince(start)))
    }
    outputImage = build.status.outputDockerImageReference
    outputTo = build.spec?.output?.to.flatMap { target in
      target.name.map { name in target.kind.map { "\($0)/\(name)" } ?? name }
    }
    gitURI = build.spec?.source?.git?.uri
    gitRef = build.spec?.source?.git?.ref
    labels = build.metadata.labels ?? [:]
    annotations = build.metadata.annotations ?? [:]
  }
}

/// `build list`.
public struct BuildListReport: Codable, Sendable, Equatable {
  public var builds: [BuildSummary]

  public init(builds: [BuildSummary]) { self.builds = builds }
}

/// One line of a build log, for `build logs -o json` (JSON Lines).
public struct BuildLogLine: Codable, Sendable, Equatable {
  public var build: String
  public var line: String

  enum CodingKeys: String, CodingKey {
    case build = "buildName"
    case line
  }

  public init(build: String, line: String) {
    self.build = build
    self.line = line
  }
}

/// A phase change seen by `build watch` (JSON Lines); each change is reported once.
public struct BuildPhaseEvent: Codable, Sendable, Equatable {
  /// `Build` or `PipelineRun`.
  public var kind: String
  public var build: String
  public var namespace: String?
  public var phase: String
  /// nil for the first event (the phase the build had when the watch started).
  public var previousPhase: String?
  public var reason: String?
  public var message: String?
  public var resourceVersion: String?
  /// The build reached Complete, Failed, Error or Cancelled (a PipelineRun: its condition left `Unknown`).
  public var final: Bool
  /// Once final: whether it succeeded (Complete; a PipelineRun's reason `Succeeded` or `Completed`).
  @AlwaysEncoded public var succeeded: Bool? = nil

  enum CodingKeys: String, CodingKey {
    case build = "buildName"
    case kind, namespace, phase, previousPhase, reason, message, resourceVersion, final, succeeded
  }

  public init(build: Build, previousPhase: BuildPhase?) {
    kind = BuildKind.build.rawValue
    self.build = build.metadata.name
    namespace = build.metadata.namespace
    phase = build.status.phase.rawValue
    self.previousPhase = previousPhase?.rawValue
    reason = build.status.reason
    message = build.status.message
    resourceVersion = build.metadata.resourceVersion
    final = build.status.phase.isTerminal
    succeeded = final ? build.status.phase == .complete : nil
  }

  /// A PipelineRun's state as `tkn` shows it; `previousPhase` is the last reported one.
  public init(pipelineRun run: PipelineRun, previousPhase: String?) {
    kind = BuildKind.pipelineRun.rawValue
    build = run.metadata.name
    namespace = run.metadata.namespace
    let state = run.state
    phase = state.phase.rawValue
    self.previousPhase = previousPhase
    reason = state.reason
    message = state.message
    resourceVersion = run.metadata.resourceVersion
    final = state.isFinished
    succeeded = final ? state.isSucceeded : nil
  }
}

/// `build cancel`: one entry per build named.
public struct BuildCancelReport: Codable, Sendable, Equatable {
  public struct Outcome: Codable, Sendable, Equatable {
    /// `Build` or `PipelineRun`; nil when the name was not found as either.
    public var kind: String?
    public var build: String
    /// The phase after the request (a running build stays Running until the cluster stops it).
    public var phase: String?
    /// Cancellation was requested now (false: the build had already finished or been cancelled).
    public var cancelled: Bool
    /// PipelineRun only: the `spec.status` value the server accepted (`Cancelled`,
    /// `CancelledRunFinally`, `StoppedRunFinally`, or `PipelineRunCancelled` on Tekton ≤ 0.24).
    public var cancelValue: String?
    public var error: String?

    enum CodingKeys: String, CodingKey {
      case build = "buildName"
      case kind, phase, cancelled, cancelValue, error
    }

    public init(
      kind: BuildKind? = .build, build: String, phase: String?, cancelled: Bool, cancelValue: String? = nil,
      error: String? = nil
    ) {
      self.kind = kind?.rawValue
      self.build = build
      self.phase = phase
      self.cancelled = cancelled
      self.cancelValue = cancelValue
      self.error = error
    }
  }

  public var builds: [Outcome]

  public init(builds: [Outcome]) { self.builds = builds }
}

/// `build node`: build → pod → node; for a PipelineRun, every TaskRun → pod → node, and the remote
/// host each architecture built on.
public struct BuildNodeReport: Codable, Sendable, Equatable {
  /// One TaskRun of a PipelineRun and where its pod ran.
  public struct TaskRunNode: Codable, Sendable, Equatable {
    public var pipelineTask: String?
    public var taskRun: String
    /// The TaskRun's state as tkn shows it (`Succeeded`, `Failed(…)`, …).
    public var status: String
    public var pod: String?
    /// Pods of earlier attempts of a retried TaskRun.
    public var retryPods: [String]?
    public var podPhase: String?
    public var podIP: String?
    public var node: String?
    public var nodeIP: String?
    @AlwaysEncoded public var nodeSchedulable: Bool? = nil
    @AlwaysEncoded public var nodeReady: Bool? = nil

    enum CodingKeys: String, CodingKey {
      case pod = "podName"
      case retryPods = "retryPodNames"
      case node = "nodeName"
      case pipelineTask, taskRun, status, podPhase, podIP, nodeIP, nodeSchedulable, nodeReady
    }
  }

  /// `Build` or `PipelineRun`.
  public var kind: String
  public var build: String
  public var namespace: String?
  public var phase: String
  public var reason: String?
  public var pod: String?
  public var podPhase: String?
  public var podIP: String?
  public var node: String?
  public var nodeIP: String?
  /// nil when the node is unknown (no pod, or the node is gone).
  @AlwaysEncoded public var nodeSchedulable: Bool? = nil
  @AlwaysEncoded public var nodeReady: Bool? = nil

  /// PipelineRun only: one entry per TaskRun, in the run's order.
  public var taskRuns: [TaskRunNode]?
  /// PipelineRun only: the remote VM each architecture's podman build ran on (not an OpenShift node).
  public var buildHosts: [TektonBuildHost]?

  enum CodingKeys: String, CodingKey {
    case build = "buildName"
    case pod = "podName"
    case node = "nodeName"
    case kind, namespace, phase, reason, podPhase, podIP, nodeIP, nodeSchedulable, nodeReady, taskRuns
    case buildHosts
  }

  public init(_ found: NodeOfBuild) {
    kind = BuildKind.build.rawValue
    build = found.build.metadata.name
    namespace = found.build.metadata.namespace
    phase = found.build.status.phase.rawValue
    reason = found.build.status.reason
    pod = found.pod?.metadata.name
    podPhase = found.pod?.status.phase
    podIP = found.podIP
    node = found.nodeName.flatMap { $0.isEmpty ? nil : $0 }
    nodeIP = found.node?.internalIP ?? found.pod?.status.hostIP
    nodeSchedulable = found.node?.isSchedulable
    nodeReady = found.node?.isReady
  }
}

/// `build for-task`: the builds of a Koji task and how they were found.
public struct BuildForTaskReport: Codable, Sendable, Equatable {
  /// `label` (`koji-task-id`), `user-params` (a PipelineRun on the cluster whose `user-params` name the
  /// task), `selflink` (the task's openshift-incremental.log), `osbs-client.log` (the pipeline run a
  /// koji-containerbuild 1.4.0 builder names there) or `fault` (the task's `OSBS build id:` text).
  public var source: String
  public var task: Int
  /// The build (or pipeline run) names the source gave, one per arch for a task run per arch.
  public var names: [String]
  /// The builds (or pipeline runs) still on the cluster, as `build get` reports them.
  public var builds: [BuildSummary]
  /// Names no OpenShift Build on the cluster has: pruned builds, or OSBS 2 pipeline runs (Tekton
  /// PipelineRuns, not Builds).
  public var notOnCluster: [String]
  /// `Build` (OSBS 1) or `PipelineRun` (OSBS 2: the names are Tekton PipelineRuns).
  public var kind = "Build"
  /// For pipeline runs: the names still on the cluster; nil when that could not be checked.
  public var pipelineRunsOnCluster: [String]?

  enum CodingKeys: String, CodingKey {
    case task = "taskId"
    case source, names, builds, notOnCluster, kind, pipelineRunsOnCluster
  }

  public init(task: Int, source: String, names: [String], builds: [BuildSummary], notOnCluster: [String] = [])
  {
    self.task = task
    self.source = source
    self.names = names
    self.builds = builds
    self.notOnCluster = notOnCluster
  }
}

/// One node, as `node list` shows it.
public struct NodeSummary: Codable, Sendable, Equatable {
  public var name: String
  /// kubectl's STATUS: `Ready`, `NotReady` or `Unknown`, with `,SchedulingDisabled` when cordoned.
  public var status: String
  @AlwaysEncoded public var ready: Bool? = nil
  public var schedulable: Bool
  public var roles: [String]
  public var created: String?
  public var kubeletVersion: String?
  public var internalIP: String?
  /// Build pods not yet finished on the node.
  public var buildPods: Int
  public var buildPodIPs: [String]

  enum CodingKeys: String, CodingKey {
    // A count here; `buildPods` elsewhere (drain) is the list of pods.
    case buildPods = "buildPodCount"
    case name, status, ready, schedulable, roles, created, kubeletVersion, internalIP, buildPodIPs
  }

  public init(_ node: Node, buildPods: [Pod]) {
    name = node.metadata.name
    ready = node.isReady
    schedulable = node.isSchedulable
    status = Self.status(ready: node.isReady, schedulable: node.isSchedulable)
    roles = node.roles
    created = node.metadata.creationTimestamp
    kubeletVersion = node.status.nodeInfo?.kubeletVersion
    internalIP = node.internalIP
    self.buildPods = buildPods.count
    buildPodIPs = buildPods.compactMap(\.status.podIP)
  }

  public static func status(ready: Bool?, schedulable: Bool) -> String {
    let base =
      switch ready {
      case true?: "Ready"
      case false?: "NotReady"
      case nil: "Unknown"
      }
    return schedulable ? base : base + ",SchedulingDisabled"
  }
}

/// `node list`.
public struct NodeListReport: Codable, Sendable, Equatable {
  public var nodes: [NodeSummary]

  public init(nodes: [NodeSummary]) { self.nodes = nodes }
}

/// One pod, as `node pods` and the drain plan show it.
public struct PodSummary: Codable, Sendable, Equatable {
  public var namespace: String?
  public var name: String
  public var phase: String?
  /// As kubectl shows it: `Terminating` (being deleted), `Completed` (succeeded), else the phase.
  public var status: String
  public var terminating: Bool
  public var podIP: String?
  /// The build the pod runs: its `openshift.io/build.name`, or for a TaskRun's pod its PipelineRun
  /// (`tekton.dev/pipelineRun`).
  public var build: String?

  enum CodingKeys: String, CodingKey {
    case build = "buildName"
    case namespace, name, phase, status, terminating, podIP
  }

  public init(_ pod: Pod) {
    namespace = pod.metadata.namespace
    name = pod.metadata.name
    phase = pod.status.phase
    status = pod.displayStatus
    terminating = pod.isTerminating
    podIP = pod.status.podIP
    build = pod.buildOrPipelineRunName
  }
}

/// `node pods`.
public struct NodePodsReport: Codable, Sendable, Equatable {
  public var node: String
  public var pods: [PodSummary]

  enum CodingKeys: String, CodingKey {
    case node = "nodeName"
    case pods
  }

  public init(node: String, pods: [PodSummary]) {
    self.node = node
    self.pods = pods
  }
}

/// `node cordon` / `node uncordon`: one entry per node.
public struct NodeSchedulingReport: Codable, Sendable, Equatable {
  public struct Change: Codable, Sendable, Equatable {
    public var node: String
    /// `cordon` or `uncordon`.
    public var action: String
    /// false: the node already was as asked (`already cordoned`).
    public var changed: Bool
    public var dryRun: Bool
    /// On a dry run: `server` (the server validated the change without saving it) or `client` (the
    /// server would have ignored `dryRun` and saved it, so nothing was sent).
    public var dryRunKind: DryRunKind?
    /// Schedulability after the request (as it would be, on a dry run).
    public var schedulable: Bool

    enum CodingKeys: String, CodingKey {
      case node = "nodeName"
      case action, changed, dryRun, dryRunKind, schedulable
    }

    public init(_ result: CordonResult, cordon: Bool) {
      node = result.node.name
      action = cordon ? "cordon" : "uncordon"
      changed = result.changed
      dryRun = result.dryRun
      dryRunKind = result.dryRunKind
      schedulable = !cordon
    }
  }

  public var nodes: [Change]

  public init(nodes: [Change]) { self.nodes = nodes }
}

/// `node drain`: the plan, and on a real drain what was done.
public struct NodeDrainReport: Codable, Sendable, Equatable {
  public struct Skipped: Codable, Sendable, Equatable {
    public var pod: PodSummary
    /// `DaemonSet`, `mirror` or `finished`.
    public var reason: String
  }

  public var node: String
  public var dryRun: Bool
  /// On a dry run, how the cordon was checked (see `NodeSchedulingReport.Change.dryRunKind`).
  public var dryRunKind: DryRunKind?
  /// The drain cordoned the node (false: it was already cordoned).
  public var cordoned: Bool
  public var waitForBuilds: Bool
  /// How pods are removed: `eviction (policy/v1)`, `eviction (policy/v1beta1)`, or `delete (…)` on a
  /// server with no eviction API.
  public var podRemoval: String
  /// Build pods running on the node when the drain started.
  public var buildPods: [PodSummary]
  /// Other pods the drain evicts.
  public var otherPods: [PodSummary]
  public var skipped: [Skipped]
  /// `namespace/name` of the pods evicted (none on a dry run).
  public var evicted: [String]

  enum CodingKeys: String, CodingKey {
    case node = "nodeName"
    case dryRun, dryRunKind, cordoned, waitForBuilds, podRemoval, buildPods, otherPods, skipped, evicted
  }

  public init(plan: DrainPlan, cordon: CordonResult, evicted: [String], dryRun: Bool, waitForBuilds: Bool) {
    node = plan.node
    self.dryRun = dryRun
    dryRunKind = cordon.dryRunKind
    cordoned = cordon.changed
    self.waitForBuilds = waitForBuilds
    podRemoval = plan.removal.description
    buildPods = plan.buildPods.map(PodSummary.init)
    otherPods = plan.otherPods.map(PodSummary.init)
    skipped = plan.skipped.map { Skipped(pod: PodSummary($0.pod), reason: $0.reason) }
    self.evicted = evicted
  }
}
