import Foundation
import Synchronization

/// The `spec.status` value a cancel asks for (`tkn pr cancel [--grace …]`).
public enum TektonCancelMode: String, Codable, Sendable, CaseIterable {
  /// Stop everything now; `finally` tasks do not run.
  case cancelled = "Cancelled"
  /// Cancel the running tasks, then run `finally` (what osbs-client sends, so OSBS' exit task still
  /// releases the Koji build reservation).
  case cancelledRunFinally = "CancelledRunFinally"
  /// Let running tasks finish, start no new ones, then run `finally`.
  case stoppedRunFinally = "StoppedRunFinally"

  /// The only value Tekton ≤ v0.24 accepts (deprecated from v0.25, rejected from v0.40).
  public static let legacyValue = "PipelineRunCancelled"
}

/// What a cancel of a PipelineRun did.
public struct PipelineRunCancellation: Sendable, Equatable {
  /// The run as the server answered the patch, or as it was read when nothing was sent.
  public var pipelineRun: PipelineRun
  /// The run had already finished (its `Succeeded` condition was not `Unknown`): nothing was sent.
  public var alreadyFinished: Bool
  /// The value asked for first.
  public var requestedValue: String
  /// The value the server took: `requestedValue`, or `PipelineRunCancelled` after an old Tekton's webhook
  /// rejected it; nil when nothing was sent.
  public var acceptedValue: String?
  /// The API version the patch went to, and so its patch type.
  public var apiVersion: TektonAPIVersion
}

/// What a DELETE of a PipelineRun answered.
public enum PipelineRunDeletion: Sendable, Equatable {
  /// Removed at once: the server's `Status` (`details.kind` is the resource plural, `pipelineruns`).
  case removed(APIStatus)
  /// Finalizers hold it: the object, now with a `deletionTimestamp`.
  case deleting(PipelineRun)
}

/// A client of OpenShift Pipelines' `tekton.dev` API over the OpenShift client's requests, retries,
/// pagination and watches. The version read is the served one discovery prefers (`v1`, else
/// `v1beta1`) unless given.
public final class TektonClient: Sendable {
  public let openShift: OpenShiftClient
  private let configuredVersion: TektonAPIVersion?
  private let discovered = Mutex<TektonAPIVersion?>(nil)

  public init(openShift: OpenShiftClient, version: TektonAPIVersion? = nil) {
    self.openShift = openShift
    self.configuredVersion = version
  }

  // MARK: Discovery

  struct GroupList: Decodable {
    struct Group: Decodable {
      struct Version: Decodable { var version: String }
      var name: String
      var versions: [Version]?
    }
    var groups: [Group]?
  }

  /// The `tekton.dev` versions `/apis` lists (any, also ones osbsctl does not read), in the server's order.
  public func servedGroupVersions() async throws -> [String] {
    let groups: GroupList
    do {
      groups = try await openShift.getJSON("/apis")
    } catch let error as OpenShiftError where error.failureKind == .notFound {
      return []
    }
    let tekton = groups.groups?.first { $0.name == TektonAPIVersion.group }
    return tekton?.versions?.map(\.version) ?? []
  }

  /// The version to read: the configured one, else `v1` when served, else `v1beta1` (cached).
  public func apiVersion() async throws -> TektonAPIVersion {
    if let configuredVersion { return configuredVersion }
    if let known = discovered.withLock({ $0 }) { return known }
    let served = try await servedGroupVersions()
    guard let version = TektonAPIVersion.allCases.reversed().first(where: { served.contains($0.rawValue) })
    else {
      throw TektonError.pipelinesNotInstalled(
        url: SecretRedactor.redact(url: openShift.baseURL), servedVersions: served)
    }
    discovered.withLock { $0 = version }
    return version
  }

  /// Whether the server serves PipelineRuns at all (false where OpenShift Pipelines is not installed).
  public func isServed() async throws -> Bool {
    do {
      _ = try await apiVersion()
      return true
    } catch is TektonError {
      return false
    }
  }

  // MARK: Paths

  func collectionPath(_ resource: String, _ scope: NamespaceScope) async throws -> String {
    "/apis/" + (try await apiVersion()).groupVersion + openShift.namespacePrefix(scope) + "/" + resource
  }

  func objectPath(_ resource: String, _ name: String, _ scope: NamespaceScope) async throws -> String {
    try await collectionPath(resource, scope) + "/" + OpenShiftClient.segment(name)
  }

  static func ownedBy(pipelineRun name: String) -> ListSelector {
    ListSelector(labels: "\(TektonLabels.pipelineRun)=\(name)")
  }

  // MARK: PipelineRuns

  /// PipelineRuns page by page (label/field selectors; `.all` for every namespace).
  public func pipelineRuns(
    in scope: NamespaceScope = .current, selector: ListSelector = .everything, pageSize: Int? = nil
  ) -> PagedObjects<PipelineRun> {
    openShift.paged(PipelineRun.self, selector: selector, pageSize: pageSize) {
      try await self.collectionPath("pipelineruns", scope)
    }
  }

  public func pipelineRun(named name: String, in scope: NamespaceScope = .current) async throws -> PipelineRun
  {
    try await openShift.getJSON(try await objectPath("pipelineruns", name, scope))
  }

  /// The run exactly as the server sent it, for fields osbsctl does not model.
  public func rawPipelineRun(named name: String, in scope: NamespaceScope = .current) async throws -> Data {
    try await openShift.send(
      OpenShiftClient.APIRequest(path: try await objectPath("pipelineruns", name, scope))
    )
    .body
  }

  /// Watches PipelineRuns (list, then watch; relists after 410 Gone); `includeExisting` reports the
  /// current runs first as `ADDED`.
  public func watchPipelineRuns(
    in scope: NamespaceScope = .current, selector: ListSelector = .everything, resourceVersion: String? = nil,
    includeExisting: Bool = true
  ) -> ResourceWatch<PipelineRun> {
    ResourceWatch(
      client: openShift, selector: selector, resourceVersion: resourceVersion,
      includeExisting: includeExisting
    ) { try await self.collectionPath("pipelineruns", scope) }
  }

  /// Watches one run (`fieldSelector=metadata.name=NAME`, as tkn's informers do).
  public func watchPipelineRun(named name: String, in scope: NamespaceScope = .current) -> ResourceWatch<
    PipelineRun
  > {
    watchPipelineRuns(in: scope, selector: ListSelector(fields: "metadata.name=\(name)"))
  }

  /// Deletes a run; its TaskRuns and pods go with it (owner references). With `resourceVersion` the
  /// server refuses (Conflict) if the run changed since.
  public func deletePipelineRun(
    named name: String, in scope: NamespaceScope = .current, resourceVersion: String? = nil
  ) async throws -> PipelineRunDeletion {
    let path = try await objectPath("pipelineruns", name, scope)
    var request = OpenShiftClient.APIRequest(method: "DELETE", path: path)
    if let resourceVersion {
      request.body = try OpenShiftClient.deleteOptions(resourceVersion: resourceVersion)
      request.contentType = "application/json"
    }
    let response = try await openShift.send(request)
    if let status = try? JSONDecoder().decode(APIStatus.self, from: response.body), status.kind == "Status" {
      return .removed(status)
    }
    return .deleting(try openShift.decode(PipelineRun.self, from: response, path: path))
  }

  /// Cancels a run as `tkn pr cancel` does: reads it first and sends nothing when it has finished; else
  /// patches `spec.status` (v1: JSON patch `replace /spec/status`; v1beta1: merge patch as osbs-client
  /// sends it). A webhook rejecting the value (400/422: Tekton ≤ v0.24 knows only
  /// `PipelineRunCancelled`) gets one more patch with that value.
  public func cancelPipelineRun(
    named name: String, in scope: NamespaceScope = .current, mode: TektonCancelMode = .cancelled
  ) async throws -> PipelineRunCancellation {
    let version = try await apiVersion()
    let path = try await objectPath("pipelineruns", name, scope)
    let current: PipelineRun = try await openShift.getJSON(path)
    var result = PipelineRunCancellation(
      pipelineRun: current, alreadyFinished: false, requestedValue: mode.rawValue, acceptedValue: nil,
      apiVersion: version)
    if current.state.isFinished {
      result.alreadyFinished = true
      return result
    }
    do {
      result.pipelineRun = try await patchStatus(path, name: name, value: mode.rawValue, version: version)
      result.acceptedValue = mode.rawValue
    } catch let error as OpenShiftError {
      guard case .rejected(let failure) = error, [400, 422].contains(failure.code) else { throw error }
      result.pipelineRun = try await patchStatus(
        path, name: name, value: TektonCancelMode.legacyValue, version: version)
      result.acceptedValue = TektonCancelMode.legacyValue
    }
    return result
  }

  /// One `spec.status` patch, repeated on Conflict as osbs-client does.
  private func patchStatus(_ path: String, name: String, value: String, version: TektonAPIVersion)
    async throws -> PipelineRun
  {
    let body: Data
    let contentType: String
    switch version {
    case .v1:
      body = try JSONSerialization.data(
        withJSONObject: [["op": "replace", "path": "/spec/status", "value": value]],
        options: [.sortedKeys, .withoutEscapingSlashes])
      contentType = "application/json-patch+json"
    case .v1beta1:
      let patch: [String: Any] = [
        "apiVersion": version.groupVersion, "kind": PipelineRun.kind, "metadata": ["name": name],
        "spec": ["status": value],
      ]
      body = try JSONSerialization.data(
        withJSONObject: patch, options: [.sortedKeys, .withoutEscapingSlashes])
      contentType = "application/merge-patch+json"
    }
    var attempt = 1
    while true {
      do {
        return try await openShift.sendJSON("PATCH", path, body: body, contentType: contentType)
      } catch let error as OpenShiftError where error.isConflict && attempt < openShift.options.maxAttempts {
        attempt += 1
      }
    }
  }

  // MARK: TaskRuns and pods

  /// The TaskRuns of a run (`labelSelector=tekton.dev/pipelineRun=NAME`), in the order the run lists them
  /// as children; TaskRuns it does not list (yet) come last, by name.
  public func taskRuns(ofPipelineRun run: PipelineRun) async throws -> [TaskRun] {
    let scope = run.metadata.namespace.map(NamespaceScope.named) ?? .current
    let found = try await taskRuns(in: scope, selector: Self.ownedBy(pipelineRun: run.metadata.name))
      .collect()
    let order = Dictionary(
      run.children.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    return found.sorted { left, right in
      let leftIndex = order[left.metadata.name] ?? Int.max
      let rightIndex = order[right.metadata.name] ?? Int.max
      return leftIndex == rightIndex ? left.metadata.name < right.metadata.name : leftIndex < rightIndex
    }
  }

  public func taskRuns(
    in scope: NamespaceScope = .current, selector: ListSelector = .everything, pageSize: Int? = nil
  ) -> PagedObjects<TaskRun> {
    openShift.paged(TaskRun.self, selector: selector, pageSize: pageSize) {
      try await self.collectionPath("taskruns", scope)
    }
  }

  public func taskRun(named name: String, in scope: NamespaceScope = .current) async throws -> TaskRun {
    try await openShift.getJSON(try await objectPath("taskruns", name, scope))
  }

  /// The pods of a run's TaskRuns (`labelSelector=tekton.dev/pipelineRun=NAME`).
  public func pods(ofPipelineRun name: String, in scope: NamespaceScope = .current) async throws -> [Pod] {
    try await openShift.pods(in: scope, selector: Self.ownedBy(pipelineRun: name)).collect()
  }
}
