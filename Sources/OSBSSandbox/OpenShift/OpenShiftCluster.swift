import Foundation
import OSBSKit
import Synchronization

/// An in-memory OpenShift cluster: nodes, pods, builds, buildconfigs and build logs, with
/// resourceVersions, a watch history and the fault knobs the tests need.
///
/// Serve it with `server.addRoutes(cluster.router())`. Other simulators (the Koji builder) drive it
/// through `createBuild`, `setBuildPhase` and `appendLog`.
public final class OpenShiftCluster: Sendable {
  /// Which build API paths the cluster serves.
  public enum APIEra: String, Sendable, Codable {
    /// `/apis/build.openshift.io/v1` only (OpenShift 4).
    case grouped
    /// `/oapi/v1` only (OpenShift 1.x–3.5).
    case legacy
    /// Both (OpenShift 3.6–3.11).
    case both
    /// Neither: OpenShift 4.14 and later installed without the Build capability, where OSBS 2 runs
    /// PipelineRuns only. Both paths answer the API server's 404 for an unknown resource.
    case absent = "none"

    /// Whether `/apis/build.openshift.io/v1` is served.
    public var servesGroupedPaths: Bool { self == .grouped || self == .both }
    /// Whether `/oapi/v1` is served.
    public var servesLegacyPaths: Bool { self == .legacy || self == .both }
  }

  public struct Seed: Sendable, Equatable {
    public var nodes: Int
    /// Builds per phase (New, Pending, Running, Complete, Failed, Error, Cancelled).
    public var buildsPerPhase: Int
    /// Extra finished builds, e.g. for paging tests.
    public var extraCompleteBuilds: Int

    public init(nodes: Int = 3, buildsPerPhase: Int = 1, extraCompleteBuilds: Int = 0) {
      self.nodes = nodes
      self.buildsPerPhase = buildsPerPhase
      self.extraCompleteBuilds = extraCompleteBuilds
    }

    public static let empty = Seed(nodes: 0, buildsPerPhase: 0)
  }

  public struct Configuration: Sendable {
    /// Where builds go by default (the kubeconfig's namespace).
    public var namespace: String
    public var era: APIEra
    /// Which API server release the cluster behaves as.
    public var generation: ClusterGeneration
    /// The accepted bearer token; a request with another token gets 401.
    public var token: String
    /// Refuse requests without a token (real kubectl sends none over plain http).
    public var requireToken: Bool
    public var seed: Seed
    /// Watch events kept for watches that resume from an older resourceVersion.
    public var watchHistoryLimit: Int
    /// Which OpenShift Pipelines (Tekton) release the cluster runs; `.none` serves no `tekton.dev`
    /// (always so on the legacy and 3.x generations).
    public var tekton: TektonRelease
    /// The clock PipelineRuns progress by (the Koji hub's, when builds run on the cluster).
    public var pipelinesClock: KojiHubClock
    /// How long each stage of a PipelineRun takes on that clock.
    public var pipelineStageSeconds: Double

    public init(
      namespace: String = "osbs", era: APIEra = .both, generation: ClusterGeneration = .current,
      token: String = "sandbox-admin-token", requireToken: Bool = false, seed: Seed = Seed(),
      watchHistoryLimit: Int = 10_000, tekton: TektonRelease = .current,
      pipelinesClock: KojiHubClock = KojiHubClock(), pipelineStageSeconds: Double = 1
    ) {
      self.namespace = namespace
      self.era = generation.buildAPI ?? era
      self.generation = generation
      self.token = token
      self.requireToken = requireToken
      self.seed = seed
      self.watchHistoryLimit = watchHistoryLimit
      // Tekton needs a current Kubernetes: the old eras have no Pipelines to serve.
      self.tekton = generation == .current ? tekton : .none
      self.pipelinesClock = pipelinesClock
      self.pipelineStageSeconds = pipelineStageSeconds
    }
  }

  /// What `createBuild` needs; everything else is derived like OpenShift does.
  public struct BuildRequest: Sendable {
    public var buildConfig: String
    public var namespace: String?
    /// nil: `<buildConfig>-<next number>`.
    public var name: String?
    public var kojiTaskID: Int?
    public var labels: [String: String]
    public var annotations: [String: String]
    public var phase: BuildPhase
    /// Where the build pod runs once the build is Pending or later; nil picks a schedulable node.
    public var node: String?

    public init(
      buildConfig: String, namespace: String? = nil, name: String? = nil, kojiTaskID: Int? = nil,
      labels: [String: String] = [:], annotations: [String: String] = [:], phase: BuildPhase = .new,
      node: String? = nil
    ) {
      self.buildConfig = buildConfig
      self.namespace = namespace
      self.name = name
      self.kojiTaskID = kojiTaskID
      self.labels = labels
      self.annotations = annotations
      self.phase = phase
      self.node = node
    }
  }

  public enum ClusterError: Error, CustomStringConvertible, Equatable {
    case notFound(kind: String, name: String)
    case alreadyExists(kind: String, name: String)

    public var description: String {
      switch self {
      case .notFound(let kind, let name): "\(kind) \"\(name)\" not found"
      case .alreadyExists(let kind, let name): "\(kind) \"\(name)\" already exists"
      }
    }
  }

  struct HistoryEntry: Sendable {
    var version: Int
    var kind: ResourceKind
    var type: String
    var object: ClusterObject
  }

  struct Watcher: Sendable {
    var kind: ResourceKind
    var filter: ObjectFilter
    /// How the watch was asked for (under `/oapi/v1` or not): how its events are written.
    var wire: ClusterObject.Wire
    var continuation: AsyncStream<Data>.Continuation
  }

  /// What goes wrong inside a response or to an object, where a request-level `FaultRule` cannot
  /// reach; request faults (throttling, failures, drops) are the server's `FaultInjector`'s.
  struct Disruptions: Sendable {
    var logCutBytes = 0
    var logCutsRemaining = 0
    var refuseEvictions: Set<String> = []
    var expireWatches = 0
    /// `continue` tokens of this epoch or later are valid; older ones are answered 410 Expired, as
    /// after an etcd compaction.
    var continueEpoch = 0
    /// How many of the next requests that carry a `continue` token find a compaction landed just before
    /// them, so the token they carry has expired however fast the client sent them.
    var compactionsBeforeContinuedLists = 0
  }

  struct State: Sendable {
    var version = 1000
    var objects: [ResourceKind: [String: ClusterObject]] = [:]
    var logs: [String: BuildLogStore] = [:]
    var history: [HistoryEntry] = []
    /// Watches from a resourceVersion below this get 410 Gone.
    var historyFloor = 0
    var watchers: [Int: Watcher] = [:]
    var nextWatcherID = 0
    var disruptions = Disruptions()
    /// By namespace/name (ClusterDaemonSets.swift).
    var daemonSets: [String: ClusterDaemonSet] = [:]
    var acceptedToken: String
    var nextPodIP = 10
    /// PipelineRuns by key, as the sandbox plans them.
    var tektonRuns: [String: TektonRun] = [:]
    /// Failures the next created runs get, in order.
    var tektonFailures: [TektonRunFailure] = []
  }

  public let configuration: Configuration
  let state: Mutex<State>
  /// Nodes whose pods run on a real engine (ClusterKubelet.swift).
  let kubelets = KubeletRegistry()

  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
    state = Mutex(State(acceptedToken: configuration.token))
    seed(configuration.seed)
  }

  // MARK: Store primitives (call with the lock held)

  /// Saves `object` under a new resourceVersion and tells the watchers.
  static func store(
    _ object: ClusterObject, kind: ResourceKind, type: String, in state: inout State, limit: Int
  )
    -> ClusterObject
  {
    var object = object
    state.version += 1
    var meta = object.metadata
    meta.resourceVersion = String(state.version)
    if meta.creationTimestamp == nil {
      meta.creationTimestamp = ClusterClock.rfc3339(seconds: ClusterClock.nowSeconds())
    }
    if meta.uid == nil { meta.uid = UUID().uuidString.lowercased() }
    object.metadata = meta
    if type == "DELETED" {
      state.objects[kind, default: [:]].removeValue(forKey: object.key)
    } else {
      state.objects[kind, default: [:]][object.key] = object
    }
    let entry = HistoryEntry(version: state.version, kind: kind, type: type, object: object)
    state.history.append(entry)
    // Trimmed in batches: dropping one entry per write would move the whole history on every write.
    if state.history.count > limit + max(1, limit / 4) {
      let drop = state.history.count - limit
      state.historyFloor = state.history[drop - 1].version
      state.history.removeFirst(drop)
    }
    var lines: [String: Data] = [:]
    for watcher in state.watchers.values where watcher.kind == kind && watcher.filter.matches(object) {
      let cacheKey = watcher.wire.cacheKey
      let line = lines[cacheKey] ?? eventLine(type: type, object: object, wire: watcher.wire)
      lines[cacheKey] = line
      watcher.continuation.yield(line)
    }
    return object
  }

  static func eventLine(type: String, object: ClusterObject, wire: ClusterObject.Wire) -> Data {
    var line = Data("{\"type\":\"\(type)\",\"object\":".utf8)
    if let version = wire.tableVersion {
      line.append(
        ClusterTable.data(
          object.resourceKind, objects: [object], resourceVersion: object.metadata.resourceVersion ?? "",
          continue: nil, version: version))
    } else {
      line.append(object.encoded(wire))
    }
    line.append(contentsOf: "}\n".utf8)
    return line
  }

  func mutate<T>(_ body: (inout State) throws -> T) rethrows -> T {
    try state.withLock { try body(&$0) }
  }

  func save(_ object: ClusterObject, kind: ResourceKind, type: String = "MODIFIED", in state: inout State)
    -> ClusterObject
  {
    Self.store(object, kind: kind, type: type, in: &state, limit: configuration.watchHistoryLimit)
  }

  // MARK: Public API for tests and the Koji builder

  /// Creates a build (and its BuildConfig if new); with phase Pending or later also its pod on a node.
  @discardableResult
  public func createBuild(_ request: BuildRequest) -> Build {
    mutate { state in createBuild(request, in: &state) }
  }

  func createBuild(_ request: BuildRequest, in state: inout State) -> Build {
    let namespace = request.namespace ?? configuration.namespace
    let configKey = ClusterObject.key(namespace: namespace, name: request.buildConfig)
    var config: BuildConfig
    if case .buildConfig(let existing) = state.objects[.buildconfigs]?[configKey] {
      config = existing
    } else {
      config = BuildConfig(
        metadata: ObjectMeta(name: request.buildConfig, namespace: namespace),
        spec: BuildSpec(
          serviceAccount: "builder", strategy: BuildStrategy(type: "Custom")),
        status: BuildConfigStatus(lastVersion: 0))
    }
    let number = (config.status?.lastVersion ?? 0) + 1
    config.status = BuildConfigStatus(lastVersion: number)
    let savedConfig = save(
      .buildConfig(config), kind: .buildconfigs,
      type: state.objects[.buildconfigs]?[configKey] == nil ? "ADDED" : "MODIFIED", in: &state)
    let name = request.name ?? "\(request.buildConfig)-\(number)"
    var labels = request.labels
    labels[OpenShiftKeys.buildConfigName] = request.buildConfig
    labels[OpenShiftKeys.buildConfigLegacy] = request.buildConfig
    if let task = request.kojiTaskID { labels[OpenShiftKeys.kojiTaskID] = String(task) }
    var annotations = request.annotations
    annotations[OpenShiftKeys.buildNumber] = String(number)
    annotations[OpenShiftKeys.buildPodName] = name + "-build"
    annotations[OpenShiftKeys.buildConfigName] = request.buildConfig
    // The full spec real builds carry (v3.9.41/build_test-build-123.json): source and output target.
    // Builds of a BuildConfig are owned by it (v3.9.41-2018/build_test-build-123.json), and say why they
    // started and how long they may run.
    let build = Build(
      metadata: ObjectMeta(
        name: name, namespace: namespace, labels: labels, annotations: annotations,
        ownerReferences: [
          OwnerReference(
            apiVersion: "build.openshift.io/v1", kind: "BuildConfig", name: request.buildConfig,
            uid: savedConfig.metadata.uid, controller: true)
        ]),
      spec: BuildSpec(
        serviceAccount: "builder",
        strategy: BuildStrategy(
          type: "Custom",
          customStrategy: BuildStrategy.Custom(
            from: ObjectReference(kind: "DockerImage", name: "registry.example.org/osbs/buildroot:latest"),
            exposeDockerSocket: true)),
        source: BuildSource(
          type: "Git",
          git: BuildSource.Git(
            uri: "https://src.example.org/containers/\(request.buildConfig).git", ref: "HEAD")),
        output: BuildOutput(
          to: BuildOutput.Target(
            kind: "DockerImage", name: "registry.example.org/\(request.buildConfig):\(name)"),
          pushSecret: LocalObjectReference(name: "builder-dockercfg-x7k2p")),
        completionDeadlineSeconds: 10800, triggeredBy: [BuildTriggerCause(message: "Manually triggered")]),
      status: BuildStatus(
        phase: .new,
        config: ObjectReference(kind: "BuildConfig", namespace: namespace, name: request.buildConfig)))
    var stored = save(.build(build), kind: .builds, type: "ADDED", in: &state)
    state.logs[stored.key] = state.logs[stored.key] ?? BuildLogStore(generation: configuration.generation)
    if request.phase != .new, case .build(let created) = stored {
      stored = .build(setPhase(request.phase, of: created, node: request.node, in: &state))
    }
    guard case .build(let result) = stored else { return build }
    return result
  }

  /// Moves a build to `phase`: Pending/Running schedule its pod, final phases set completion and
  /// finish the pod.
  @discardableResult
  public func setBuildPhase(
    _ phase: BuildPhase, build name: String, namespace: String? = nil, node: String? = nil,
    reason: String? = nil, message: String? = nil
  ) throws(ClusterError) -> Build {
    let key = ClusterObject.key(namespace: namespace ?? configuration.namespace, name: name)
    let updated = mutate { state -> Build? in
      guard case .build(var build) = state.objects[.builds]?[key] else { return nil }
      if let reason { build.status.reason = reason }
      if let message { build.status.message = message }
      return setPhase(phase, of: build, node: node, in: &state)
    }
    guard let updated else { throw .notFound(kind: ResourceKind.builds.qualifiedName, name: name) }
    return updated
  }

  func setPhase(
    _ phase: BuildPhase, of build: Build, node: String?, schedulePod: Bool = true, in state: inout State
  ) -> Build {
    var build = build
    let now = ClusterClock.nowSeconds()
    build.status.phase = phase
    let namespace = build.metadata.namespace ?? configuration.namespace
    let podKey = ClusterObject.key(namespace: namespace, name: build.podName)
    var pod: Pod? = nil
    if case .pod(let existing) = state.objects[.pods]?[podKey] { pod = existing }
    // A build cancelled before it started never gets a pod.
    if schedulePod, phase != .new, pod == nil, !(phase == .cancelled && build.status.startTimestamp == nil) {
      let nodeName = node ?? pickNode(in: state, seed: build.metadata.name)
      state.nextPodIP += 1
      let ip = "10.128.\(state.nextPodIP / 250).\(state.nextPodIP % 250 + 2)"
      pod = Pod(
        metadata: ObjectMeta(
          name: build.podName, namespace: namespace,
          labels: [OpenShiftKeys.buildNameLabel: build.metadata.name],
          annotations: [OpenShiftKeys.buildNameLabel: build.metadata.name],
          ownerReferences: [
            OwnerReference(
              apiVersion: "build.openshift.io/v1", kind: "Build", name: build.metadata.name,
              uid: build.metadata.uid, controller: true)
          ]),
        spec: PodSpec(
          nodeName: nodeName,
          containers: [PodSpec.Container(name: "custom-build", image: "buildroot:latest")],
          restartPolicy: "Never", dnsPolicy: "ClusterFirst", serviceAccount: "builder",
          serviceAccountName: "builder", schedulerName: "default-scheduler", terminationGracePeriodSeconds: 30
        ),
        status: PodStatus(phase: "Pending", podIP: ip, hostIP: nodeIP(nodeName, in: state)))
    }
    if phase == .running || phase.isTerminal, build.status.startTimestamp == nil, pod != nil {
      build.status.startTimestamp = ClusterClock.rfc3339(seconds: now)
    }
    if phase.isTerminal {
      build.status.completionTimestamp = ClusterClock.rfc3339(seconds: now)
      if let start = build.status.startTimestamp.flatMap(ClusterClock.parseSeconds) {
        build.status.duration = (now - start) * 1_000_000_000
      }
      if phase == .cancelled { build.status.cancelled = true }
      // What OpenShift writes on a failed build: a generic reason and the tail of its log.
      if phase == .failed || phase == .error {
        build.status.reason = build.status.reason ?? "GenericBuildFailed"
        build.status.message = build.status.message ?? "Generic Build failure - check logs for details."
        let text =
          state.logs[ClusterObject.key(namespace: namespace, name: build.metadata.name)]?.plainText ?? ""
        let tail = text.split(separator: "\n", omittingEmptySubsequences: true).suffix(5)
        if !tail.isEmpty { build.status.logSnippet = tail.joined(separator: "\n") }
      }
      // What OSBS records on a finished image build, as build annotations.
      if phase == .complete, let target = build.spec?.output?.to?.name {
        var annotations = build.metadata.annotations ?? [:]
        let seed = build.metadata.name.utf8.reduce(UInt32(5381)) { ($0 &* 33) &+ UInt32($1) }
        let digest = "sha256:" + String(repeating: String(format: "%08x", seed), count: 8)
        annotations["repositories"] =
          annotations["repositories"]
          ?? #"{"primary": ["\#(target)"], "unique": ["\#(target)-\#(now)"]}"#
        annotations["digests"] =
          annotations["digests"]
          ?? #"[{"registry": "registry.example.org", "repository": "\#(target)", "tag": "latest", "digest": "\#(digest)", "version": "v2"}]"#
        annotations["image-id"] = annotations["image-id"] ?? digest
        build.metadata.annotations = annotations
        build.status.outputDockerImageReference = build.status.outputDockerImageReference ?? target
      }
    }
    if var changed = pod {
      let podPhase: String
      switch phase {
      case .new, .pending: podPhase = "Pending"
      case .running: podPhase = "Running"
      case .complete: podPhase = "Succeeded"
      default: podPhase = "Failed"
      }
      if changed.status.phase != podPhase || state.objects[.pods]?[podKey] == nil {
        let type = state.objects[.pods]?[podKey] == nil ? "ADDED" : "MODIFIED"
        changed.status.phase = podPhase
        if podPhase == "Running", changed.status.startTime == nil {
          changed.status.startTime = ClusterClock.rfc3339(seconds: now)
        }
        _ = save(.pod(kubeletStatus(of: changed, now: now)), kind: .pods, type: type, in: &state)
      }
    }
    if case .build(let saved) = save(.build(build), kind: .builds, in: &state) { return saved }
    return build
  }

  func pickNode(in state: State, seed: String) -> String? {
    let nodes = (state.objects[.nodes] ?? [:]).values.compactMap { object -> Node? in
      if case .node(let node) = object, node.isSchedulable { return node }
      return nil
    }.sorted { $0.metadata.name < $1.metadata.name }
    guard !nodes.isEmpty else { return nil }
    let index = Int(UInt(bitPattern: seed.utf8.reduce(5381) { ($0 &* 33) &+ Int($1) }) % UInt(nodes.count))
    return nodes[index].metadata.name
  }

  func nodeIP(_ name: String?, in state: State) -> String? {
    guard let name, case .node(let node) = state.objects[.nodes]?[name] else { return nil }
    return node.internalIP
  }

  /// Appends text to a build's log; each line is stamped now (strictly after the previous line).
  public func appendLog(build name: String, namespace: String? = nil, _ text: String) {
    let key = ClusterObject.key(namespace: namespace ?? configuration.namespace, name: name)
    mutate { state in
      state.logs[key, default: BuildLogStore(generation: configuration.generation)].append(text)
    }
  }

  /// Appends lines stamped from `start` (nanoseconds since the epoch) `interval` nanoseconds apart: a
  /// log that looks as if it was written over time, so `sinceTime` resumes can be exercised.
  public func appendLog(
    build name: String, namespace: String? = nil, _ text: String, startingAt start: Int64,
    intervalNanoseconds: Int64
  ) {
    let key = ClusterObject.key(namespace: namespace ?? configuration.namespace, name: name)
    mutate { state in
      state.logs[key, default: BuildLogStore(generation: configuration.generation)].append(
        text, start: start, interval: intervalNanoseconds)
    }
  }

  /// The log text without stamps.
  public func logText(build name: String, namespace: String? = nil) -> String {
    let key = ClusterObject.key(namespace: namespace ?? configuration.namespace, name: name)
    return state.withLock { $0.logs[key]?.plainText ?? "" }
  }

  public func build(named name: String, namespace: String? = nil) -> Build? {
    let key = ClusterObject.key(namespace: namespace ?? configuration.namespace, name: name)
    guard case .build(let build) = state.withLock({ $0.objects[.builds]?[key] }) else { return nil }
    return build
  }

  public func builds(kojiTaskID: Int) -> [Build] {
    state.withLock { state in
      (state.objects[.builds] ?? [:]).values.compactMap { object -> Build? in
        guard case .build(let build) = object, build.kojiTaskID == kojiTaskID else { return nil }
        return build
      }
    }.sorted { $0.metadata.name < $1.metadata.name }
  }

  public func node(named name: String) -> Node? {
    guard case .node(let node) = state.withLock({ $0.objects[.nodes]?[name] }) else { return nil }
    return node
  }

  /// Every pod, in key order.
  public func pods() -> [Pod] {
    state.withLock { Self.pods(in: $0) }
  }

  /// Every pod in `state`, in key order (call with the lock held).
  static func pods(in state: State) -> [Pod] {
    (state.objects[.pods] ?? [:]).sorted { $0.key < $1.key }.compactMap { entry -> Pod? in
      guard case .pod(let pod) = entry.value else { return nil }
      return pod
    }
  }

  /// Begins a pod's graceful deletion and leaves it there, as the API server does while a kubelet is
  /// still stopping the pod or a finalizer is pending (extra/kubeclient/pods_1.json: a finished build pod
  /// held by `foregroundDeletion`): `deletionTimestamp` is now plus the grace period, with
  /// `deletionGracePeriodSeconds` and the finalizers set. The pod stays listed (kubectl: Terminating).
  @discardableResult
  public func beginDeletion(
    pod name: String, namespace: String? = nil, gracePeriodSeconds: Int64 = 30,
    finalizers: [String] = ["foregroundDeletion"]
  ) throws(ClusterError) -> Pod {
    let key = ClusterObject.key(namespace: namespace ?? configuration.namespace, name: name)
    let updated = mutate { state -> Pod? in
      guard case .pod(var pod) = state.objects[.pods]?[key] else { return nil }
      pod.metadata.deletionTimestamp = ClusterClock.rfc3339(
        seconds: ClusterClock.nowSeconds() + gracePeriodSeconds)
      pod.metadata.deletionGracePeriodSeconds = gracePeriodSeconds
      pod.metadata.finalizers = finalizers.isEmpty ? nil : finalizers
      guard case .pod(let saved) = save(.pod(pod), kind: .pods, in: &state) else { return pod }
      return saved
    }
    guard let updated else { throw .notFound(kind: ResourceKind.pods.qualifiedName, name: name) }
    return updated
  }

  /// Every `continue` token handed out so far expires, as after an etcd compaction.
  public func expireContinueTokens() {
    mutate { $0.disruptions.continueEpoch += 1 }
  }

  /// The next `times` list requests that continue a list each come just after a compaction: their token
  /// (and every other handed out) has expired. Unlike `expireContinueTokens()` between two pages, this
  /// does not race a client that asks for the next page before it hands out the current one.
  public func compactBeforeNextContinuedLists(times: Int = 1) {
    mutate { $0.disruptions.compactionsBeforeContinuedLists = times }
  }

  public func pod(named name: String, namespace: String? = nil) -> Pod? {
    let key = ClusterObject.key(namespace: namespace ?? configuration.namespace, name: name)
    guard case .pod(let pod) = state.withLock({ $0.objects[.pods]?[key] }) else { return nil }
    return pod
  }

  /// Adds (or replaces) a node.
  @discardableResult
  public func addNode(_ node: Node) -> Node {
    mutate { state in
      let type = state.objects[.nodes]?[node.metadata.name] == nil ? "ADDED" : "MODIFIED"
      guard case .node(let saved) = save(.node(node), kind: .nodes, type: type, in: &state) else {
        return node
      }
      return saved
    }
  }

  /// Adds a pod that is not a build pod (a DaemonSet or an application pod).
  @discardableResult
  public func addPod(_ pod: Pod) -> Pod {
    mutate { state in
      guard case .pod(let saved) = save(.pod(pod), kind: .pods, type: "ADDED", in: &state) else { return pod }
      return saved
    }
  }

  /// The current resourceVersion.
  public var resourceVersion: String { state.withLock { String($0.version) } }

  // MARK: Fault knobs

  /// Forgets the watch history: every watch from an older resourceVersion gets 410 Gone.
  public func expireWatchHistory() {
    mutate { state in
      state.historyFloor = state.version
      state.history.removeAll()
    }
  }

  /// The next `times` watches that resume from a resourceVersion get an in-stream 410 `Expired` error,
  /// whatever the history holds (as after an etcd compaction).
  public func expireNextWatches(times: Int = 1) {
    mutate { $0.disruptions.expireWatches = times }
  }

  /// Ends every open watch stream (as an API server restart or a load balancer would).
  public func closeWatches() {
    let watchers = mutate { state -> [Watcher] in
      defer { state.watchers.removeAll() }
      return Array(state.watchers.values)
    }
    for watcher in watchers { watcher.continuation.finish() }
  }

  /// The next `times` log streams end (cleanly, as a proxy would) after `bytes` bytes, even mid-line.
  public func cutLogStreams(afterBytes bytes: Int, times: Int) {
    mutate { state in
      state.disruptions.logCutBytes = bytes
      state.disruptions.logCutsRemaining = times
    }
  }

  /// Evictions of this pod are refused with 429 (a disruption budget), until removed again.
  public func refuseEviction(pod name: String, namespace: String? = nil, refuse: Bool = true) {
    let key = ClusterObject.key(namespace: namespace ?? configuration.namespace, name: name)
    mutate { state in
      if refuse {
        state.disruptions.refuseEvictions.insert(key)
      } else {
        state.disruptions.refuseEvictions.remove(key)
      }
    }
  }

  /// Replaces the accepted bearer token (the old one gets 401, like an expired token).
  public func rotateToken(_ token: String) {
    mutate { $0.acceptedToken = token }
  }
}

extension OpenShiftCluster {
  /// Serves the cluster's API on `server` (its routes take precedence over the built-in discovery stubs).
  public func install(on server: SandboxServer) {
    server.addRoutes(router())
  }
}
