import Foundation

/// The part of Kubernetes' `ObjectMeta` osbsctl reads and writes. Timestamps stay RFC 3339 strings as
/// the server sent them, so re-encoding an object does not change them.
public struct ObjectMeta: Codable, Sendable, Equatable {
  public var name: String
  /// The prefix the server made the name from (pods of a controller: `sdn-`).
  public var generateName: String?
  public var namespace: String?
  public var uid: String?
  public var resourceVersion: String?
  public var creationTimestamp: String?
  /// Set when a graceful deletion began: the object goes once its finalizers are done.
  public var deletionTimestamp: String?
  public var deletionGracePeriodSeconds: Int64?
  public var labels: [String: String]?
  public var annotations: [String: String]?
  public var ownerReferences: [OwnerReference]?
  /// What must happen before the object is removed (`foregroundDeletion`, …).
  public var finalizers: [String]?

  public init(
    name: String, namespace: String? = nil, uid: String? = nil, resourceVersion: String? = nil,
    creationTimestamp: String? = nil, labels: [String: String]? = nil, annotations: [String: String]? = nil,
    ownerReferences: [OwnerReference]? = nil, generateName: String? = nil, deletionTimestamp: String? = nil,
    deletionGracePeriodSeconds: Int64? = nil, finalizers: [String]? = nil
  ) {
    self.name = name
    self.generateName = generateName
    self.namespace = namespace
    self.uid = uid
    self.resourceVersion = resourceVersion
    self.creationTimestamp = creationTimestamp
    self.deletionTimestamp = deletionTimestamp
    self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
    self.labels = labels
    self.annotations = annotations
    self.ownerReferences = ownerReferences
    self.finalizers = finalizers
  }

  public func label(_ key: String) -> String? { labels?[key] }
  public func annotation(_ key: String) -> String? { annotations?[key] }
}

public struct OwnerReference: Codable, Sendable, Equatable {
  public var apiVersion: String?
  public var kind: String
  public var name: String
  public var uid: String?
  public var controller: Bool?
  public var blockOwnerDeletion: Bool?

  public init(
    apiVersion: String? = nil, kind: String, name: String, uid: String? = nil, controller: Bool? = nil,
    blockOwnerDeletion: Bool? = nil
  ) {
    self.apiVersion = apiVersion
    self.kind = kind
    self.name = name
    self.uid = uid
    self.controller = controller
    self.blockOwnerDeletion = blockOwnerDeletion
  }
}

/// `{kind, namespace, name}` as in a build's `status.config`.
public struct ObjectReference: Codable, Sendable, Equatable {
  public var kind: String?
  public var namespace: String?
  public var name: String

  public init(kind: String? = nil, namespace: String? = nil, name: String) {
    self.kind = kind
    self.namespace = namespace
    self.name = name
  }
}

/// Well-known label and annotation keys.
public enum OpenShiftKeys {
  public static let buildPodName = "openshift.io/build.pod-name"
  public static let buildNumber = "openshift.io/build.number"
  public static let buildConfigName = "openshift.io/build-config.name"
  /// The osbs-era BuildConfig label (deprecated upstream, still on old builds).
  public static let buildConfigLegacy = "buildconfig"
  /// On a build pod: the build it runs.
  public static let buildNameLabel = "openshift.io/build.name"
  public static let kojiTaskID = "koji-task-id"
  /// Set by the kubelet on static ("mirror") pods, which eviction cannot remove.
  public static let mirrorPod = "kubernetes.io/config.mirror"
}

/// A build phase. Unknown phases from newer servers are kept, not rejected.
public struct BuildPhase: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let new = BuildPhase(rawValue: "New")
  public static let pending = BuildPhase(rawValue: "Pending")
  public static let running = BuildPhase(rawValue: "Running")
  public static let complete = BuildPhase(rawValue: "Complete")
  public static let failed = BuildPhase(rawValue: "Failed")
  public static let error = BuildPhase(rawValue: "Error")
  public static let cancelled = BuildPhase(rawValue: "Cancelled")

  public static let all: [BuildPhase] = [.new, .pending, .running, .complete, .failed, .error, .cancelled]

  /// Complete, Failed, Error and Cancelled: the build will not change any more.
  public var isTerminal: Bool { [.complete, .failed, .error, .cancelled].contains(self) }

  public var description: String { rawValue }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

public struct BuildStrategy: Codable, Sendable, Equatable {
  /// `customStrategy`: the builder image OSBS runs (`from`), with the Docker socket exposed to it.
  public struct Custom: Codable, Sendable, Equatable {
    public var from: ObjectReference?
    public var exposeDockerSocket: Bool?

    public init(from: ObjectReference? = nil, exposeDockerSocket: Bool? = nil) {
      self.from = from
      self.exposeDockerSocket = exposeDockerSocket
    }
  }

  public var type: String?
  public var customStrategy: Custom?

  public init(type: String? = nil, customStrategy: Custom? = nil) {
    self.type = type
    self.customStrategy = customStrategy
  }
}

/// `{name}`: a secret or other object in the same namespace.
public struct LocalObjectReference: Codable, Sendable, Equatable {
  public var name: String?

  public init(name: String? = nil) { self.name = name }
}

/// One of `spec.triggeredBy`: why the build was started (`Manually triggered`, an image change, …).
public struct BuildTriggerCause: Codable, Sendable, Equatable {
  public var message: String?

  public init(message: String? = nil) { self.message = message }
}

public struct BuildSpec: Codable, Sendable, Equatable {
  public var serviceAccount: String?
  public var strategy: BuildStrategy?
  public var source: BuildSource?
  public var output: BuildOutput?
  public var completionDeadlineSeconds: Int64?
  public var triggeredBy: [BuildTriggerCause]?

  public init(
    serviceAccount: String? = nil, strategy: BuildStrategy? = nil, source: BuildSource? = nil,
    output: BuildOutput? = nil, completionDeadlineSeconds: Int64? = nil,
    triggeredBy: [BuildTriggerCause]? = nil
  ) {
    self.serviceAccount = serviceAccount
    self.strategy = strategy
    self.source = source
    self.output = output
    self.completionDeadlineSeconds = completionDeadlineSeconds
    self.triggeredBy = triggeredBy
  }
}

/// `spec.source`: where the build's code comes from (`type: Git` with a uri and ref for OSBS).
public struct BuildSource: Codable, Sendable, Equatable {
  public struct Git: Codable, Sendable, Equatable {
    public var uri: String?
    public var ref: String?

    public init(uri: String? = nil, ref: String? = nil) {
      self.uri = uri
      self.ref = ref
    }
  }

  public var type: String?
  public var git: Git?

  public init(type: String? = nil, git: Git? = nil) {
    self.type = type
    self.git = git
  }
}

/// `spec.output`: where the image goes (`to: {kind: DockerImage, name: registry/repo:tag}`).
public struct BuildOutput: Codable, Sendable, Equatable {
  public struct Target: Codable, Sendable, Equatable {
    public var kind: String?
    public var name: String?

    public init(kind: String? = nil, name: String? = nil) {
      self.kind = kind
      self.name = name
    }
  }

  public var to: Target?
  /// The secret the builder pushes with.
  public var pushSecret: LocalObjectReference?

  public init(to: Target? = nil, pushSecret: LocalObjectReference? = nil) {
    self.to = to
    self.pushSecret = pushSecret
  }
}

public struct BuildStatus: Codable, Sendable, Equatable {
  public var phase: BuildPhase
  public var cancelled: Bool?
  public var reason: String?
  public var message: String?
  public var startTimestamp: String?
  public var completionTimestamp: String?
  /// Go `time.Duration`: nanoseconds.
  public var duration: Int64?
  public var outputDockerImageReference: String?
  public var config: ObjectReference?
  public var logSnippet: String?

  public init(
    phase: BuildPhase, cancelled: Bool? = nil, reason: String? = nil, message: String? = nil,
    startTimestamp: String? = nil, completionTimestamp: String? = nil, duration: Int64? = nil,
    outputDockerImageReference: String? = nil, config: ObjectReference? = nil, logSnippet: String? = nil
  ) {
    self.phase = phase
    self.cancelled = cancelled
    self.reason = reason
    self.message = message
    self.startTimestamp = startTimestamp
    self.completionTimestamp = completionTimestamp
    self.duration = duration
    self.outputDockerImageReference = outputDockerImageReference
    self.config = config
    self.logSnippet = logSnippet
  }
}

/// `build.openshift.io/v1` Build.
public struct Build: KubernetesObject {
  public var kind: String?
  public var apiVersion: String?
  public var metadata: ObjectMeta
  public var spec: BuildSpec?
  public var status: BuildStatus

  public init(
    kind: String? = "Build", apiVersion: String? = "build.openshift.io/v1", metadata: ObjectMeta,
    spec: BuildSpec? = nil, status: BuildStatus
  ) {
    self.kind = kind
    self.apiVersion = apiVersion
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }

  /// The build pod's name: the `openshift.io/build.pod-name` annotation, else OpenShift's `<build>-build`.
  public var podName: String { metadata.annotation(OpenShiftKeys.buildPodName) ?? metadata.name + "-build" }

  public var kojiTaskID: Int? { metadata.label(OpenShiftKeys.kojiTaskID).flatMap { Int($0) } }

  /// The BuildConfig the build came from: `status.config`, else the labels.
  public var buildConfigName: String? {
    status.config?.name ?? metadata.label(OpenShiftKeys.buildConfigName)
      ?? metadata.label(OpenShiftKeys.buildConfigLegacy)
  }
}

public struct PodSpec: Codable, Sendable, Equatable {
  public var nodeName: String?
  public var hostNetwork: Bool?
  /// Run to completion, in order, before `containers` start (Tekton's `prepare`, `place-scripts`).
  public var initContainers: [Container]?
  public var containers: [Container]?
  /// `Never` for build pods, `Always` for a DaemonSet's.
  public var restartPolicy: String?
  public var dnsPolicy: String?
  public var serviceAccount: String?
  public var serviceAccountName: String?
  public var schedulerName: String?
  public var terminationGracePeriodSeconds: Int64?
  /// The kubelet fails the pod (`DeadlineExceeded`) once it has been active this long.
  public var activeDeadlineSeconds: Int64?
  public var volumes: [PodVolume]?
  public var securityContext: PodSecurityContext?

  public struct Container: Codable, Sendable, Equatable {
    public var name: String
    public var image: String?
    /// Replaces the image's entrypoint.
    public var command: [String]?
    /// Replaces the image's command.
    public var args: [String]?
    public var env: [EnvVar]?
    public var workingDir: String?
    /// `Always`, `IfNotPresent` or `Never`.
    public var imagePullPolicy: String?
    public var volumeMounts: [VolumeMount]?
    public var securityContext: ContainerSecurityContext?
    public var terminationMessagePath: String?
    public var terminationMessagePolicy: String?

    public init(
      name: String, image: String? = nil, command: [String]? = nil, args: [String]? = nil,
      env: [EnvVar]? = nil, workingDir: String? = nil, imagePullPolicy: String? = nil,
      volumeMounts: [VolumeMount]? = nil, securityContext: ContainerSecurityContext? = nil
    ) {
      self.name = name
      self.image = image
      self.command = command
      self.args = args
      self.env = env
      self.workingDir = workingDir
      self.imagePullPolicy = imagePullPolicy
      self.volumeMounts = volumeMounts
      self.securityContext = securityContext
    }
  }

  public init(
    nodeName: String? = nil, hostNetwork: Bool? = nil, containers: [Container]? = nil,
    restartPolicy: String? = nil, dnsPolicy: String? = nil, serviceAccount: String? = nil,
    serviceAccountName: String? = nil, schedulerName: String? = nil,
    terminationGracePeriodSeconds: Int64? = nil, initContainers: [Container]? = nil,
    activeDeadlineSeconds: Int64? = nil, volumes: [PodVolume]? = nil,
    securityContext: PodSecurityContext? = nil
  ) {
    self.activeDeadlineSeconds = activeDeadlineSeconds
    self.volumes = volumes
    self.securityContext = securityContext
    self.initContainers = initContainers
    self.nodeName = nodeName
    self.hostNetwork = hostNetwork
    self.containers = containers
    self.restartPolicy = restartPolicy
    self.dnsPolicy = dnsPolicy
    self.serviceAccount = serviceAccount
    self.serviceAccountName = serviceAccountName
    self.schedulerName = schedulerName
    self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
  }
}

/// One of a pod's `status.conditions` (PodScheduled, Initialized, ContainersReady, Ready). Times the
/// server has not set are `null` on the wire, as Go writes a zero `metav1.Time`, and are written so.
public struct PodCondition: Codable, Sendable, Equatable {
  public var type: String
  /// "True", "False" or "Unknown".
  public var status: String
  public var reason: String?
  public var message: String?
  public var lastProbeTime: String?
  public var lastTransitionTime: String?

  public init(
    type: String, status: String, reason: String? = nil, message: String? = nil, lastProbeTime: String? = nil,
    lastTransitionTime: String? = nil
  ) {
    self.type = type
    self.status = status
    self.reason = reason
    self.message = message
    self.lastProbeTime = lastProbeTime
    self.lastTransitionTime = lastTransitionTime
  }

  enum CodingKeys: String, CodingKey {
    case type, status, reason, message, lastProbeTime, lastTransitionTime
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(type, forKey: .type)
    try container.encode(status, forKey: .status)
    try container.encodeIfPresent(reason, forKey: .reason)
    try container.encodeIfPresent(message, forKey: .message)
    try container.encode(lastProbeTime, forKey: .lastProbeTime)
    try container.encode(lastTransitionTime, forKey: .lastTransitionTime)
  }
}

/// A container's state: exactly one of `waiting`, `running`, `terminated` (none in an empty
/// `lastState`).
public struct ContainerState: Codable, Sendable, Equatable {
  public struct Waiting: Codable, Sendable, Equatable {
    public var reason: String?
    public var message: String?

    public init(reason: String? = nil, message: String? = nil) {
      self.reason = reason
      self.message = message
    }
  }

  public struct Running: Codable, Sendable, Equatable {
    public var startedAt: String?

    public init(startedAt: String? = nil) { self.startedAt = startedAt }
  }

  public struct Terminated: Codable, Sendable, Equatable {
    public var exitCode: Int32
    public var reason: String?
    public var message: String?
    public var startedAt: String?
    public var finishedAt: String?
    public var containerID: String?

    public init(
      exitCode: Int32, reason: String? = nil, message: String? = nil, startedAt: String? = nil,
      finishedAt: String? = nil, containerID: String? = nil
    ) {
      self.exitCode = exitCode
      self.reason = reason
      self.message = message
      self.startedAt = startedAt
      self.finishedAt = finishedAt
      self.containerID = containerID
    }
  }

  public var waiting: Waiting?
  public var running: Running?
  public var terminated: Terminated?

  public init(waiting: Waiting? = nil, running: Running? = nil, terminated: Terminated? = nil) {
    self.waiting = waiting
    self.running = running
    self.terminated = terminated
  }
}

/// One of a pod's `status.containerStatuses`.
public struct ContainerStatus: Codable, Sendable, Equatable {
  public var name: String
  public var ready: Bool
  public var restartCount: Int
  public var image: String?
  public var imageID: String?
  public var containerID: String?
  public var state: ContainerState?
  public var lastState: ContainerState?

  public init(
    name: String, ready: Bool, restartCount: Int = 0, image: String? = nil, imageID: String? = nil,
    containerID: String? = nil, state: ContainerState? = nil, lastState: ContainerState? = nil
  ) {
    self.name = name
    self.ready = ready
    self.restartCount = restartCount
    self.image = image
    self.imageID = imageID
    self.containerID = containerID
    self.state = state
    self.lastState = lastState
  }
}

public struct PodStatus: Codable, Sendable, Equatable {
  /// Pending, Running, Succeeded, Failed or Unknown.
  public var phase: String?
  public var podIP: String?
  public var hostIP: String?
  public var startTime: String?
  /// Why the pod is in its phase (`Evicted`, …) and what happened.
  public var reason: String?
  public var message: String?
  public var conditions: [PodCondition]?
  public var containerStatuses: [ContainerStatus]?
  /// Guaranteed, Burstable or BestEffort.
  public var qosClass: String?

  public init(
    phase: String? = nil, podIP: String? = nil, hostIP: String? = nil, startTime: String? = nil,
    reason: String? = nil, message: String? = nil, conditions: [PodCondition]? = nil,
    containerStatuses: [ContainerStatus]? = nil, qosClass: String? = nil
  ) {
    self.phase = phase
    self.podIP = podIP
    self.hostIP = hostIP
    self.startTime = startTime
    self.reason = reason
    self.message = message
    self.conditions = conditions
    self.containerStatuses = containerStatuses
    self.qosClass = qosClass
  }
}

public struct Pod: KubernetesObject {
  public var kind: String?
  public var apiVersion: String?
  public var metadata: ObjectMeta
  public var spec: PodSpec
  public var status: PodStatus

  public init(
    kind: String? = "Pod", apiVersion: String? = "v1", metadata: ObjectMeta, spec: PodSpec,
    status: PodStatus
  ) {
    self.kind = kind
    self.apiVersion = apiVersion
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }

  /// The build this pod runs, from its `openshift.io/build.name` label.
  public var buildName: String? { metadata.label(OpenShiftKeys.buildNameLabel) }
  /// The PipelineRun this pod runs a TaskRun of (OSBS 2), from its `tekton.dev/pipelineRun` label.
  public var pipelineRunName: String? { metadata.label(TektonLabels.pipelineRun) }
  /// The build, OpenShift Build or PipelineRun, whose work this pod does; nil for other pods.
  public var buildOrPipelineRunName: String? { buildName ?? pipelineRunName }
  public var isFinished: Bool { status.phase == "Succeeded" || status.phase == "Failed" }
  /// Being deleted (`deletionTimestamp` set): on its way out whatever its phase says.
  public var isTerminating: Bool { metadata.deletionTimestamp != nil }
  /// Running or about to, and not being deleted: a pod that holds a node's resources and network.
  public var isLive: Bool { !isFinished && !isTerminating }
  /// The status as kubectl shows it: `Terminating` for a pod being deleted, `Completed` for one that
  /// succeeded, else its phase.
  public var displayStatus: String {
    if isTerminating { return "Terminating" }
    if status.phase == "Succeeded" { return "Completed" }
    return status.phase ?? "Unknown"
  }
  public var isDaemonSetPod: Bool { metadata.ownerReferences?.contains { $0.kind == "DaemonSet" } ?? false }
  public var isMirrorPod: Bool { metadata.annotation(OpenShiftKeys.mirrorPod) != nil }
}

public struct NodeCondition: Codable, Sendable, Equatable {
  public var type: String
  /// "True", "False" or "Unknown".
  public var status: String
  public var reason: String?
  public var message: String?
  public var lastHeartbeatTime: String?
  public var lastTransitionTime: String?

  public init(
    type: String, status: String, reason: String? = nil, message: String? = nil,
    lastHeartbeatTime: String? = nil, lastTransitionTime: String? = nil
  ) {
    self.type = type
    self.status = status
    self.reason = reason
    self.message = message
    self.lastHeartbeatTime = lastHeartbeatTime
    self.lastTransitionTime = lastTransitionTime
  }
}

public struct NodeAddress: Codable, Sendable, Equatable {
  /// InternalIP, ExternalIP, Hostname.
  public var type: String
  public var address: String

  public init(type: String, address: String) {
    self.type = type
    self.address = address
  }
}

public struct Taint: Codable, Sendable, Equatable {
  public var key: String
  public var value: String?
  public var effect: String
  public var timeAdded: String?

  public init(key: String, value: String? = nil, effect: String, timeAdded: String? = nil) {
    self.key = key
    self.value = value
    self.effect = effect
    self.timeAdded = timeAdded
  }
}

public struct NodeSpec: Codable, Sendable, Equatable {
  /// Absent (nil) means schedulable, as on the wire (`omitempty`).
  public var unschedulable: Bool?
  public var taints: [Taint]?
  public var podCIDR: String?
  /// Kubernetes before 1.11: the node's id at the cloud provider (its name elsewhere).
  public var externalID: String?
  public var providerID: String?

  public init(
    unschedulable: Bool? = nil, taints: [Taint]? = nil, podCIDR: String? = nil, externalID: String? = nil,
    providerID: String? = nil
  ) {
    self.unschedulable = unschedulable
    self.taints = taints
    self.podCIDR = podCIDR
    self.externalID = externalID
    self.providerID = providerID
  }
}

public struct NodeSystemInfo: Codable, Sendable, Equatable {
  public var kubeletVersion: String?
  public var osImage: String?
  public var kernelVersion: String?
  public var containerRuntimeVersion: String?
  public var architecture: String?
  public var operatingSystem: String?
  public var kubeProxyVersion: String?
  public var machineID: String?
  public var systemUUID: String?
  public var bootID: String?

  public init(
    kubeletVersion: String? = nil, osImage: String? = nil, kernelVersion: String? = nil,
    containerRuntimeVersion: String? = nil, architecture: String? = nil, operatingSystem: String? = nil,
    kubeProxyVersion: String? = nil, machineID: String? = nil, systemUUID: String? = nil,
    bootID: String? = nil
  ) {
    self.kubeletVersion = kubeletVersion
    self.osImage = osImage
    self.kernelVersion = kernelVersion
    self.containerRuntimeVersion = containerRuntimeVersion
    self.architecture = architecture
    self.operatingSystem = operatingSystem
    self.kubeProxyVersion = kubeProxyVersion
    self.machineID = machineID
    self.systemUUID = systemUUID
    self.bootID = bootID
  }
}

/// `status.daemonEndpoints`: where the kubelet listens (`{"kubeletEndpoint": {"Port": 10250}}`).
public struct NodeDaemonEndpoints: Codable, Sendable, Equatable {
  public struct Endpoint: Codable, Sendable, Equatable {
    public var port: Int

    public init(port: Int) { self.port = port }

    enum CodingKeys: String, CodingKey { case port = "Port" }
  }

  public var kubeletEndpoint: Endpoint?

  public init(kubeletEndpoint: Endpoint? = nil) { self.kubeletEndpoint = kubeletEndpoint }
}

public struct NodeStatus: Codable, Sendable, Equatable {
  public var conditions: [NodeCondition]?
  public var addresses: [NodeAddress]?
  public var nodeInfo: NodeSystemInfo?
  /// Resource quantities as the server writes them (`"cpu": "3500m"`, `"memory": "7002280Ki"`).
  public var capacity: [String: String]?
  public var allocatable: [String: String]?
  public var daemonEndpoints: NodeDaemonEndpoints?

  public init(
    conditions: [NodeCondition]? = nil, addresses: [NodeAddress]? = nil, nodeInfo: NodeSystemInfo? = nil,
    capacity: [String: String]? = nil, allocatable: [String: String]? = nil,
    daemonEndpoints: NodeDaemonEndpoints? = nil
  ) {
    self.conditions = conditions
    self.addresses = addresses
    self.nodeInfo = nodeInfo
    self.capacity = capacity
    self.allocatable = allocatable
    self.daemonEndpoints = daemonEndpoints
  }
}

public struct Node: KubernetesObject {
  public var kind: String?
  public var apiVersion: String?
  public var metadata: ObjectMeta
  public var spec: NodeSpec
  public var status: NodeStatus

  public init(
    kind: String? = "Node", apiVersion: String? = "v1", metadata: ObjectMeta, spec: NodeSpec = NodeSpec(),
    status: NodeStatus = NodeStatus()
  ) {
    self.kind = kind
    self.apiVersion = apiVersion
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }

  public var isSchedulable: Bool { spec.unschedulable != true }
  /// The `Ready` condition's status is "True"; nil when the node reports no Ready condition.
  public var isReady: Bool? {
    status.conditions?.first { $0.type == "Ready" }.map { $0.status == "True" }
  }
  public var internalIP: String? { status.addresses?.first { $0.type == "InternalIP" }?.address }
  /// `node-role.kubernetes.io/<role>` labels, as kubectl's ROLES column shows them.
  public var roles: [String] {
    let prefix = "node-role.kubernetes.io/"
    return (metadata.labels ?? [:]).keys.filter { $0.hasPrefix(prefix) }.map {
      String($0.dropFirst(prefix.count))
    }
    .sorted()
  }
}

public struct BuildConfigStatus: Codable, Sendable, Equatable {
  public var lastVersion: Int?

  public init(lastVersion: Int? = nil) { self.lastVersion = lastVersion }
}

public struct BuildConfig: KubernetesObject {
  public var kind: String?
  public var apiVersion: String?
  public var metadata: ObjectMeta
  public var spec: BuildSpec?
  public var status: BuildConfigStatus?

  public init(
    kind: String? = "BuildConfig", apiVersion: String? = "build.openshift.io/v1", metadata: ObjectMeta,
    spec: BuildSpec? = nil, status: BuildConfigStatus? = nil
  ) {
    self.kind = kind
    self.apiVersion = apiVersion
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }
}

/// What every API object has.
public protocol KubernetesObject: Codable, Sendable, Equatable {
  var metadata: ObjectMeta { get set }
}

extension KubernetesObject {
  /// `namespace/name`, or the name of a cluster-scoped object.
  public var objectKey: String {
    metadata.namespace.map { "\($0)/\(metadata.name)" } ?? metadata.name
  }
}

public struct ListMeta: Codable, Sendable, Equatable {
  public var resourceVersion: String?
  public var `continue`: String?
  public var remainingItemCount: Int?

  public init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int? = nil) {
    self.resourceVersion = resourceVersion
    self.continue = `continue`
    self.remainingItemCount = remainingItemCount
  }
}

/// One page of a collection (`BuildList`, `NodeList`, …).
public struct ObjectList<Item: KubernetesObject>: Codable, Sendable, Equatable {
  public var kind: String?
  public var apiVersion: String?
  public var metadata: ListMeta
  public var items: [Item]

  public init(kind: String? = nil, apiVersion: String? = nil, metadata: ListMeta = ListMeta(), items: [Item])
  {
    self.kind = kind
    self.apiVersion = apiVersion
    self.metadata = metadata
    self.items = items
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    kind = try container.decodeIfPresent(String.self, forKey: .kind)
    apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
    metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
    // Kubernetes encodes an empty list's items as null.
    items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
  }
}

/// A Kubernetes `Status` object: the body of every API error (and of watch `ERROR` events).
public struct APIStatus: Codable, Sendable, Equatable {
  public struct Cause: Codable, Sendable, Equatable {
    public var reason: String?
    public var message: String?
    public var field: String?

    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
      self.reason = reason
      self.message = message
      self.field = field
    }
  }

  public struct Details: Codable, Sendable, Equatable {
    public var name: String?
    public var group: String?
    public var kind: String?
    public var uid: String?
    public var causes: [Cause]?
    public var retryAfterSeconds: Int?

    public init(
      name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil,
      causes: [Cause]? = nil, retryAfterSeconds: Int? = nil
    ) {
      self.name = name
      self.group = group
      self.kind = kind
      self.uid = uid
      self.causes = causes
      self.retryAfterSeconds = retryAfterSeconds
    }
  }

  public var kind: String?
  public var apiVersion: String?
  /// "Success" or "Failure".
  public var status: String?
  public var message: String?
  public var reason: String?
  public var details: Details?
  public var code: Int?

  public init(
    kind: String? = "Status", apiVersion: String? = "v1", status: String? = "Failure", message: String?,
    reason: String?, details: Details? = nil, code: Int?
  ) {
    self.kind = kind
    self.apiVersion = apiVersion
    self.status = status
    self.message = message
    self.reason = reason
    self.details = details
    self.code = code
  }
}

/// The kind of change a watch event reports.
public enum WatchEventType: String, Codable, Sendable {
  case added = "ADDED"
  case modified = "MODIFIED"
  case deleted = "DELETED"
}

/// One change the caller of a watch sees: never a duplicate, never a bookmark or an error.
public struct WatchEvent<Object: KubernetesObject>: Sendable, Equatable {
  public var type: WatchEventType
  public var object: Object

  public init(type: WatchEventType, object: Object) {
    self.type = type
    self.object = object
  }
}

/// A watch event as it is on the wire; `object` is a `Status` for `ERROR`.
struct WireWatchEvent<Object: KubernetesObject>: Decodable {
  var type: String
  var object: Object?
  var status: APIStatus?

  enum CodingKeys: String, CodingKey {
    case type
    case object
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    type = try container.decode(String.self, forKey: .type)
    if type == "ERROR" {
      status = try container.decodeIfPresent(APIStatus.self, forKey: .object)
    } else if type == "BOOKMARK" {
      // A bookmark carries only metadata.resourceVersion; decode leniently.
      let meta = try? container.nestedContainer(keyedBy: BookmarkKeys.self, forKey: .object)
        .decode(BookmarkMeta.self, forKey: .metadata)
      bookmarkResourceVersion = meta?.resourceVersion
    } else {
      object = try container.decode(Object.self, forKey: .object)
    }
  }

  var bookmarkResourceVersion: String?

  enum BookmarkKeys: String, CodingKey { case metadata }
  struct BookmarkMeta: Decodable { var resourceVersion: String? }
}
