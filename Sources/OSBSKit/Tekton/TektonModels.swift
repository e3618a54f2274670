import Foundation

/// A param or result value: Tekton has string, array and object params/results. OSBS only uses strings
/// (JSON inside a string for its structured results).
public enum TektonValue: Codable, Sendable, Equatable {
  case string(String)
  case array([String])
  case object([String: String])

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let items = try? container.decode([String].self) {
      self = .array(items)
    } else {
      self = .object(try container.decode([String: String].self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let text): try container.encode(text)
    case .array(let items): try container.encode(items)
    case .object(let members): try container.encode(members)
    }
  }

  /// The value of a string param or result.
  public var string: String? {
    if case .string(let text) = self { return text }
    return nil
  }
}

/// One of `spec.params`.
public struct TektonParam: Codable, Sendable, Equatable {
  public var name: String
  public var value: TektonValue

  public init(name: String, value: TektonValue) {
    self.name = name
    self.value = value
  }
}

/// One of a run's results (`pipelineResults`/`taskResults` in v1beta1, `results` in v1).
public struct TektonResult: Codable, Sendable, Equatable {
  public var name: String
  /// `string`, `array` or `object`; PipelineRun results carry no type.
  public var type: String?
  public var value: TektonValue

  public init(name: String, type: String? = nil, value: TektonValue) {
    self.name = name
    self.type = type
    self.value = value
  }

  /// The value JSON-decoded when it is a JSON text inside a string (as OSBS writes its results, and as
  /// osbs-client reads them), else the plain string. `nil` for `null` and for non-string values.
  public var decodedString: String? {
    guard let text = value.string else { return nil }
    guard let data = text.data(using: .utf8),
      let decoded = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    else { return text }
    if decoded is NSNull { return nil }
    return decoded as? String ?? text
  }
}

/// A `Succeeded` condition of a PipelineRun or TaskRun.
public struct TektonCondition: Codable, Sendable, Equatable {
  public enum Status: String, Codable, Sendable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"
  }

  public var type: String
  public var status: Status
  public var reason: String?
  public var message: String?
  public var lastTransitionTime: String?

  public init(
    type: String = "Succeeded", status: Status, reason: String? = nil, message: String? = nil,
    lastTransitionTime: String? = nil
  ) {
    self.type = type
    self.status = status
    self.reason = reason
    self.message = message
    self.lastTransitionTime = lastTransitionTime
  }
}

/// A `when` expression guarding a pipeline task.
public struct TektonWhenExpression: Codable, Sendable, Equatable {
  public var input: String?
  public var `operator`: String?
  public var values: [String]?
  public var cel: String?
}

/// One of a PipelineRun's `status.childReferences`: the name of a TaskRun (or custom Run) it created, in
/// creation order. `apiVersion` is what the controller wrote, not converted to the view being read.
public struct TektonChildReference: Codable, Sendable, Equatable {
  public var apiVersion: String?
  public var kind: String
  public var name: String
  public var pipelineTaskName: String
  public var whenExpressions: [TektonWhenExpression]?

  public init(
    apiVersion: String? = nil, kind: String = "TaskRun", name: String, pipelineTaskName: String,
    whenExpressions: [TektonWhenExpression]? = nil
  ) {
    self.apiVersion = apiVersion
    self.kind = kind
    self.name = name
    self.pipelineTaskName = pipelineTaskName
    self.whenExpressions = whenExpressions
  }
}

/// A pipeline task that got no TaskRun (its `when` expressions were false, or the run stopped first).
public struct TektonSkippedTask: Codable, Sendable, Equatable {
  public var name: String
  public var reason: String?
  public var whenExpressions: [TektonWhenExpression]?
}

/// One of a TaskRun's `status.steps`: a step container and its state, in Task order (= the pod's
/// container order).
public struct TektonStepState: Codable, Sendable, Equatable {
  public var name: String?
  /// `step-<name>`: the pod container that ran the step.
  public var container: String
  public var imageID: String?
  public var waiting: ContainerState.Waiting?
  public var running: ContainerState.Running?
  public var terminated: ContainerState.Terminated?

  public init(
    name: String? = nil, container: String, imageID: String? = nil, waiting: ContainerState.Waiting? = nil,
    running: ContainerState.Running? = nil, terminated: ContainerState.Terminated? = nil
  ) {
    self.name = name
    self.container = container
    self.imageID = imageID
    self.waiting = waiting
    self.running = running
    self.terminated = terminated
  }
}

/// `spec.pipelineRef` / `spec.taskRef`.
public struct TektonRef: Codable, Sendable, Equatable {
  public var name: String?
  public var kind: String?
  /// How a remote definition is fetched (`bundles`, `git`, …), with its `params`.
  public var resolver: String?
  public var params: [TektonParam]?

  public init(name: String? = nil, kind: String? = nil, resolver: String? = nil, params: [TektonParam]? = nil)
  {
    self.name = name
    self.kind = kind
    self.resolver = resolver
    self.params = params
  }
}

/// `spec.timeouts` (v1; also accepted in v1beta1 next to the deprecated `spec.timeout`).
public struct TektonTimeouts: Codable, Sendable, Equatable {
  public var pipeline: String?
  public var tasks: String?
  public var `finally`: String?
}

/// The spec fields of a PipelineRun osbsctl reads or patches; the service account is read from either
/// version's place (`serviceAccountName` in v1beta1, `taskRunTemplate.serviceAccountName` in v1).
public struct PipelineRunSpec: Codable, Sendable, Equatable {
  public var pipelineRef: TektonRef?
  public var params: [TektonParam]?
  /// `Cancelled`, `CancelledRunFinally`, `StoppedRunFinally`, `PipelineRunPending`, or the old
  /// `PipelineRunCancelled`; absent while the run goes its normal way.
  public var status: String?
  public var serviceAccountName: String?
  /// The deprecated v1beta1 single timeout.
  public var timeout: String?
  public var timeouts: TektonTimeouts?

  struct TaskRunTemplate: Codable, Equatable {
    var serviceAccountName: String?
  }

  enum CodingKeys: String, CodingKey {
    case pipelineRef, params, status, serviceAccountName, timeout, timeouts, taskRunTemplate
  }

  public init(
    pipelineRef: TektonRef? = nil, params: [TektonParam]? = nil, status: String? = nil,
    serviceAccountName: String? = nil, timeout: String? = nil, timeouts: TektonTimeouts? = nil
  ) {
    self.pipelineRef = pipelineRef
    self.params = params
    self.status = status
    self.serviceAccountName = serviceAccountName
    self.timeout = timeout
    self.timeouts = timeouts
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    pipelineRef = try container.decodeIfPresent(TektonRef.self, forKey: .pipelineRef)
    params = try container.decodeIfPresent([TektonParam].self, forKey: .params)
    status = try container.decodeIfPresent(String.self, forKey: .status)
    serviceAccountName =
      try container.decodeIfPresent(String.self, forKey: .serviceAccountName)
      ?? container.decodeIfPresent(TaskRunTemplate.self, forKey: .taskRunTemplate)?.serviceAccountName
    timeout = try container.decodeIfPresent(String.self, forKey: .timeout)
    timeouts = try container.decodeIfPresent(TektonTimeouts.self, forKey: .timeouts)
  }

  func encode(to encoder: any Encoder, version: TektonAPIVersion) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(pipelineRef, forKey: .pipelineRef)
    try container.encodeIfPresent(params, forKey: .params)
    try container.encodeIfPresent(status, forKey: .status)
    switch version {
    case .v1beta1:
      try container.encodeIfPresent(serviceAccountName, forKey: .serviceAccountName)
      try container.encodeIfPresent(timeout, forKey: .timeout)
    case .v1:
      if let serviceAccountName {
        try container.encode(
          TaskRunTemplate(serviceAccountName: serviceAccountName), forKey: .taskRunTemplate)
      }
    }
    try container.encodeIfPresent(timeouts, forKey: .timeouts)
  }

  public func encode(to encoder: any Encoder) throws { try encode(to: encoder, version: .v1) }

  /// The value of the param `name`, if it is a string.
  public func param(_ name: String) -> String? {
    params?.first { $0.name == name }?.value.string
  }
}

/// The status of a TaskRun (also embedded per TaskRun in an old PipelineRun's `status.taskRuns`).
public struct TaskRunStatus: Codable, Sendable, Equatable {
  public var conditions: [TektonCondition]?
  public var podName: String?
  public var startTime: String?
  public var completionTime: String?
  public var steps: [TektonStepState]?
  /// Earlier attempts of a retried TaskRun, oldest first; each names its own pod.
  public var retriesStatus: [TaskRunStatus]?
  /// `taskResults` in v1beta1, `results` in v1.
  public var results: [TektonResult]?

  enum CodingKeys: String, CodingKey {
    case conditions, podName, startTime, completionTime, steps, retriesStatus, results, taskResults
  }

  public init(
    conditions: [TektonCondition]? = nil, podName: String? = nil, startTime: String? = nil,
    completionTime: String? = nil, steps: [TektonStepState]? = nil, retriesStatus: [TaskRunStatus]? = nil,
    results: [TektonResult]? = nil
  ) {
    self.conditions = conditions
    self.podName = podName
    self.startTime = startTime
    self.completionTime = completionTime
    self.steps = steps
    self.retriesStatus = retriesStatus
    self.results = results
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    conditions = try container.decodeIfPresent([TektonCondition].self, forKey: .conditions)
    podName = try container.decodeIfPresent(String.self, forKey: .podName)
    startTime = try container.decodeIfPresent(String.self, forKey: .startTime)
    completionTime = try container.decodeIfPresent(String.self, forKey: .completionTime)
    steps = try container.decodeIfPresent([TektonStepState].self, forKey: .steps)
    retriesStatus = try container.decodeIfPresent([TaskRunStatus].self, forKey: .retriesStatus)
    results =
      try container.decodeIfPresent([TektonResult].self, forKey: .results)
      ?? container.decodeIfPresent([TektonResult].self, forKey: .taskResults)
  }

  func encode(to encoder: any Encoder, version: TektonAPIVersion) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(conditions, forKey: .conditions)
    try container.encodeIfPresent(podName, forKey: .podName)
    try container.encodeIfPresent(startTime, forKey: .startTime)
    try container.encodeIfPresent(completionTime, forKey: .completionTime)
    try container.encodeIfPresent(steps, forKey: .steps)
    if let retriesStatus {
      var attempts = container.nestedUnkeyedContainer(forKey: .retriesStatus)
      for attempt in retriesStatus { try attempt.encode(to: attempts.superEncoder(), version: version) }
    }
    try container.encodeIfPresent(results, forKey: version == .v1 ? .results : .taskResults)
  }

  public func encode(to encoder: any Encoder) throws { try encode(to: encoder, version: .v1) }

  /// `conditions[0]`, the one every Tekton client reads.
  public var succeededCondition: TektonCondition? { conditions?.first }

  /// The result `name` (JSON-decoded when it is JSON text in a string).
  public func result(_ name: String) -> String? {
    results?.first { $0.name == name }?.decodedString
  }
}

/// One entry of the embedded `status.taskRuns` map (v1beta1, filled up to Tekton v0.44).
public struct EmbeddedTaskRunStatus: Codable, Sendable, Equatable {
  public var pipelineTaskName: String
  public var status: TaskRunStatus?
  public var whenExpressions: [TektonWhenExpression]?
}

/// The status of a PipelineRun, from either API version.
public struct PipelineRunStatus: Codable, Sendable, Equatable {
  public var conditions: [TektonCondition]?
  public var startTime: String?
  public var completionTime: String?
  public var childReferences: [TektonChildReference]?
  /// The old embedded map, TaskRun name → its pipeline task and status (v1beta1 only).
  public var taskRuns: [String: EmbeddedTaskRunStatus]?
  public var skippedTasks: [TektonSkippedTask]?
  /// `pipelineResults` in v1beta1, `results` in v1.
  public var results: [TektonResult]?

  enum CodingKeys: String, CodingKey {
    case conditions, startTime, completionTime, childReferences, taskRuns, skippedTasks, results,
      pipelineResults
  }

  public init(
    conditions: [TektonCondition]? = nil, startTime: String? = nil, completionTime: String? = nil,
    childReferences: [TektonChildReference]? = nil, taskRuns: [String: EmbeddedTaskRunStatus]? = nil,
    skippedTasks: [TektonSkippedTask]? = nil, results: [TektonResult]? = nil
  ) {
    self.conditions = conditions
    self.startTime = startTime
    self.completionTime = completionTime
    self.childReferences = childReferences
    self.taskRuns = taskRuns
    self.skippedTasks = skippedTasks
    self.results = results
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    conditions = try container.decodeIfPresent([TektonCondition].self, forKey: .conditions)
    startTime = try container.decodeIfPresent(String.self, forKey: .startTime)
    completionTime = try container.decodeIfPresent(String.self, forKey: .completionTime)
    childReferences = try container.decodeIfPresent([TektonChildReference].self, forKey: .childReferences)
    taskRuns = try container.decodeIfPresent([String: EmbeddedTaskRunStatus].self, forKey: .taskRuns)
    skippedTasks = try container.decodeIfPresent([TektonSkippedTask].self, forKey: .skippedTasks)
    results =
      try container.decodeIfPresent([TektonResult].self, forKey: .results)
      ?? container.decodeIfPresent([TektonResult].self, forKey: .pipelineResults)
  }

  func encode(to encoder: any Encoder, version: TektonAPIVersion) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(conditions, forKey: .conditions)
    try container.encodeIfPresent(startTime, forKey: .startTime)
    try container.encodeIfPresent(completionTime, forKey: .completionTime)
    try container.encodeIfPresent(childReferences, forKey: .childReferences)
    if version == .v1beta1 { try container.encodeIfPresent(taskRuns, forKey: .taskRuns) }
    try container.encodeIfPresent(skippedTasks, forKey: .skippedTasks)
    try container.encodeIfPresent(results, forKey: version == .v1 ? .results : .pipelineResults)
  }

  public func encode(to encoder: any Encoder) throws { try encode(to: encoder, version: .v1) }

  /// `conditions[0]`, the one every Tekton client reads.
  public var succeededCondition: TektonCondition? { conditions?.first }

  /// The run's child TaskRuns: `childReferences` when present (creation order), else built from the old
  /// embedded map, ordered by start time then name (as osbs-client ≤ 2.5 read it).
  public var children: [TektonChildReference] {
    if let childReferences, !childReferences.isEmpty { return childReferences }
    guard let taskRuns else { return [] }
    return taskRuns.sorted { left, right in
      let leftStart = left.value.status?.startTime ?? ""
      let rightStart = right.value.status?.startTime ?? ""
      return leftStart == rightStart ? left.key < right.key : leftStart < rightStart
    }.map { name, entry in
      TektonChildReference(
        kind: "TaskRun", name: name, pipelineTaskName: entry.pipelineTaskName,
        whenExpressions: entry.whenExpressions)
    }
  }

  /// The result `name` (JSON-decoded when it is JSON text in a string).
  public func result(_ name: String) -> String? {
    results?.first { $0.name == name }?.decodedString
  }
}

/// Keys Tekton sets on the objects it creates.
public enum TektonLabels {
  public static let pipeline = "tekton.dev/pipeline"
  public static let pipelineRun = "tekton.dev/pipelineRun"
  public static let pipelineTask = "tekton.dev/pipelineTask"
  public static let taskRun = "tekton.dev/taskRun"
  public static let task = "tekton.dev/task"
  public static let memberOf = "tekton.dev/memberOf"
}

/// A Tekton `PipelineRun` (OSBS 2's object per Koji build task), read in either API version.
public struct PipelineRun: KubernetesObject {
  public static let kind = "PipelineRun"

  public var apiVersion: String?
  public var kind: String?
  public var metadata: ObjectMeta
  public var spec: PipelineRunSpec
  public var status: PipelineRunStatus?

  enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

  public init(
    apiVersion: String? = TektonAPIVersion.v1.groupVersion, kind: String? = Self.kind, metadata: ObjectMeta,
    spec: PipelineRunSpec = PipelineRunSpec(), status: PipelineRunStatus? = nil
  ) {
    self.apiVersion = apiVersion
    self.kind = kind
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
    kind = try container.decodeIfPresent(String.self, forKey: .kind)
    metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
    spec = try container.decodeIfPresent(PipelineRunSpec.self, forKey: .spec) ?? PipelineRunSpec()
    status = try container.decodeIfPresent(PipelineRunStatus.self, forKey: .status)
  }

  /// Encodes in the shape of the object's own `apiVersion` (v1 when it names none osbsctl knows).
  public func encode(to encoder: any Encoder) throws {
    let version = TektonAPIVersion(apiVersion: apiVersion) ?? .v1
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(apiVersion, forKey: .apiVersion)
    try container.encodeIfPresent(kind, forKey: .kind)
    try container.encode(metadata, forKey: .metadata)
    try spec.encode(to: container.superEncoder(forKey: .spec), version: version)
    if let status { try status.encode(to: container.superEncoder(forKey: .status), version: version) }
  }

  /// osbs-client's user params (Koji task id, user, git source, platforms…), from the `user-params`
  /// param (`USER_PARAMS` in templates before April 2022); `nil` for runs osbs-client did not create.
  public var userParams: OSBSUserParams? {
    guard let text = spec.param("user-params") ?? spec.param("USER_PARAMS") else { return nil }
    return try? OSBSUserParams(json: text)
  }

  /// The run's state as `tkn` and osbs-client read it.
  public var state: TektonRunState { TektonRunState(condition: status?.succeededCondition) }

  /// The child TaskRuns, from `childReferences` or the old embedded map.
  public var children: [TektonChildReference] { status?.children ?? [] }

  /// The remote build VM of each architecture that reported one, from the results
  /// `task_build_result_<arch>` (architecture spelled as Koji does, e.g. `x86_64`).
  public var buildHosts: [TektonBuildHost] {
    let prefix = "task_build_result_"
    return (status?.results ?? []).compactMap { result in
      guard result.name.hasPrefix(prefix), let host = result.decodedString, !host.isEmpty else { return nil }
      return TektonBuildHost(arch: String(result.name.dropFirst(prefix.count)), buildHost: host)
    }.sorted { $0.arch < $1.arch }
  }
}

/// The remote VM an architecture's podman build ran on (not the OpenShift node of the TaskRun's pod).
public struct TektonBuildHost: Codable, Sendable, Equatable {
  public var arch: String
  public var buildHost: String

  public init(arch: String, buildHost: String) {
    self.arch = arch
    self.buildHost = buildHost
  }
}

/// The spec fields of a TaskRun osbsctl reads.
public struct TaskRunSpec: Codable, Sendable, Equatable {
  public var taskRef: TektonRef?
  public var params: [TektonParam]?
  /// `TaskRunCancelled` once cancelled (also set by the PipelineRun controller on cancel).
  public var status: String?
  public var statusMessage: String?
  public var serviceAccountName: String?
  public var timeout: String?

  public init(
    taskRef: TektonRef? = nil, params: [TektonParam]? = nil, status: String? = nil,
    statusMessage: String? = nil, serviceAccountName: String? = nil, timeout: String? = nil
  ) {
    self.taskRef = taskRef
    self.params = params
    self.status = status
    self.statusMessage = statusMessage
    self.serviceAccountName = serviceAccountName
    self.timeout = timeout
  }
}

/// A Tekton `TaskRun`: one pipeline task of a PipelineRun, run as one pod whose containers are its steps.
public struct TaskRun: KubernetesObject {
  public static let kind = "TaskRun"

  public var apiVersion: String?
  public var kind: String?
  public var metadata: ObjectMeta
  public var spec: TaskRunSpec?
  public var status: TaskRunStatus?

  enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

  public init(
    apiVersion: String? = TektonAPIVersion.v1.groupVersion, kind: String? = Self.kind, metadata: ObjectMeta,
    spec: TaskRunSpec? = nil, status: TaskRunStatus? = nil
  ) {
    self.apiVersion = apiVersion
    self.kind = kind
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }

  /// Encodes in the shape of the object's own `apiVersion` (v1 when it names none osbsctl knows).
  public func encode(to encoder: any Encoder) throws {
    let version = TektonAPIVersion(apiVersion: apiVersion) ?? .v1
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(apiVersion, forKey: .apiVersion)
    try container.encodeIfPresent(kind, forKey: .kind)
    try container.encode(metadata, forKey: .metadata)
    try container.encodeIfPresent(spec, forKey: .spec)
    if let status { try status.encode(to: container.superEncoder(forKey: .status), version: version) }
  }

  /// The pipeline task this TaskRun runs (label `tekton.dev/pipelineTask`).
  public var pipelineTask: String? { metadata.label(TektonLabels.pipelineTask) }
  /// The PipelineRun that owns it (label `tekton.dev/pipelineRun`).
  public var pipelineRun: String? { metadata.label(TektonLabels.pipelineRun) }

  /// Every pod the TaskRun ran in: earlier attempts first, then the current one.
  public var podNames: [String] {
    let retries = status?.retriesStatus?.compactMap(\.podName) ?? []
    return retries + (status?.podName.map { [$0] } ?? [])
  }

  public var state: TektonRunState { TektonRunState(condition: status?.succeededCondition) }
}
