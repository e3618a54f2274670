import Foundation

/// The hub methods osbsctl calls, by their wire names: the one list of them, so callers outside
/// `OSBSKit/Koji` never spell a method name (the CLI's layering test reads this list).
public enum KojiMethod: String, CaseIterable, Sendable {
  case buildContainer
  case cancelTask
  case downloadTaskOutput
  case getAPIVersion
  case getBuild
  case getBuildTarget
  case getHost
  case getLoggedInUser
  case getPerms
  case getTag
  case getTaskChildren
  case getTaskInfo
  case getTaskResult
  case getUser
  case listMethods = "system.listMethods"
  case listTaskOutput
  case listTasks
  case login
  case logout
  case multiCall
  case sslLogin

  func call(_ params: [XMLRPCValue] = [], keywords: [XMLRPCMember] = []) -> XMLRPCCall {
    XMLRPCCall(rawValue, params, keywords: keywords)
  }

  func call(id: Int) -> XMLRPCCall { call([.int(Int64(id))]) }
}

/// What a `buildContainer` task produced: the image's repositories and the Koji builds, with their NVRs.
public struct KojiContainerOutput: Sendable, Equatable {
  public var repositories: [String]
  public var builds: [KojiBuildReference]

  public init(repositories: [String], builds: [KojiBuildReference]) {
    self.repositories = repositories
    self.builds = builds
  }
}

/// Typed questions to one Koji hub over a `KojiSession`: each answer is a model, never a raw XML-RPC value,
/// and each question costs as few hub requests as koji's own CLI spends on it.
public struct KojiClient: Sendable {
  public let session: KojiSession

  public init(session: KojiSession) { self.session = session }

  public var configuration: KojiHubConfiguration { session.configuration }

  /// Ends a logged-in session (best effort).
  public func logout() async { await session.logout() }

  // MARK: - Tasks

  /// What `koji taskinfo` shows: the task, its children, logs and result (or the fault it failed with),
  /// with the host, owner and built NVRs looked up by name. Two multicalls.
  public func taskDetails(_ taskID: Int) async throws -> KojiTaskReport {
    let id = XMLRPCValue.int(Int64(taskID))
    let first = try await session.multiCall([
      KojiMethod.getTaskInfo.call([id]),
      KojiMethod.getTaskChildren.call([id]),
      KojiMethod.listTaskOutput.call([id]),
      KojiMethod.getTaskResult.call([id], keywords: [XMLRPCMember("raise_fault", false)]),
    ])
    let infoValue = try first[0].get()
    guard !infoValue.isNull else { throw KojiError.noSuchTask(taskID) }
    let task = try KojiTaskInfo(xmlrpc: infoValue)
    let children = try (first[1].get().arrayValue ?? []).map(KojiTaskInfo.init(xmlrpc:))
    let logs = (try first[2].get().arrayValue ?? []).compactMap(\.stringValue).sorted()
    var result: JSONTree?
    var failure: String?
    var buildIDs: [Int] = []
    switch first[3] {
    // With raise_fault=false the hub hands a failed task's fault back as a value.
    case .success(let value) where value["faultCode"] != nil:
      if task.state.isFinished {
        failure = "\(value["faultString"]?.stringValue ?? "") (fault \(value["faultCode"]?.intValue ?? 0))"
      }
    case .success(let value):
      result = JSONTree(value)
      buildIDs = KojiContainerResult(xmlrpc: value).kojiBuilds
    case .failure(let fault):
      if task.state.isFinished { failure = "\(fault.message) (fault \(fault.code))" }
    }
    // Host and owner names and each build's NVR, as koji taskinfo shows them: one more multicall.
    var lookups: [XMLRPCCall] = []
    if let host = task.hostID { lookups.append(KojiMethod.getHost.call(id: host)) }
    if let owner = task.owner { lookups.append(KojiMethod.getUser.call(id: owner)) }
    lookups += buildIDs.map { KojiMethod.getBuild.call(id: $0) }
    var answers = try await session.multiCall(lookups).map { try? $0.get() }[...]
    let host = task.hostID != nil ? answers.popFirst()??["name"]?.stringValue : nil
    let owner = task.owner != nil ? answers.popFirst()??["name"]?.stringValue : nil
    let builds = zip(buildIDs, answers).map { id, build in
      KojiBuildReference(id: id, nvr: build?["nvr"]?.stringValue)
    }
    var report = KojiTaskReport(
      task: task, host: host, owner: owner, children: children, logs: logs, result: result,
      failure: failure, url: configuration.taskURL(task.id))
    report.builds = builds.isEmpty ? nil : builds
    return report
  }

  /// Each task's state in one multicall; nil for a task the hub does not know.
  public func taskStates(_ taskIDs: [Int]) async throws -> [KojiTaskState?] {
    let replies = try await session.multiCall(taskIDs.map { KojiMethod.getTaskInfo.call(id: $0) })
    return try zip(taskIDs, replies).map { id, reply in
      switch reply {
      case .success(.null): return nil
      case .success(let value): return try KojiTaskInfo(xmlrpc: value).state
      case .failure(let fault): throw KojiError.fault(method: "getTaskInfo(\(id))", fault)
      }
    }
  }

  /// Sends `cancelTask` for each task in one multicall; each task's own answer: accepted (nil) or the
  /// hub's fault. The hub accepts a cancel of a finished task too, so only a read-back tells what changed.
  public func cancelTasks(_ taskIDs: [Int]) async throws -> [XMLRPCFault?] {
    let replies = try await session.multiCall(taskIDs.map { KojiMethod.cancelTask.call(id: $0) })
    return replies.map { reply in
      if case .failure(let fault) = reply { return fault }
      return nil
    }
  }

  /// A finished `buildContainer` task's repositories and Koji builds with their NVRs (a build the hub
  /// does not know keeps a nil NVR). `getTaskResult` raises the task's fault if it failed.
  public func containerOutput(_ taskID: Int) async throws -> KojiContainerOutput {
    let result = KojiContainerResult(
      xmlrpc: try await session.call(KojiMethod.getTaskResult.rawValue, [.int(Int64(taskID))]))
    return KojiContainerOutput(
      repositories: result.repositories, builds: try await builds(result.kojiBuilds))
  }

  /// Each build's NVR in one multicall (none for no builds).
  public func builds(_ buildIDs: [Int]) async throws -> [KojiBuildReference] {
    guard !buildIDs.isEmpty else { return [] }
    let replies = try await session.multiCall(buildIDs.map { KojiMethod.getBuild.call(id: $0) })
    return zip(buildIDs, replies).map { id, reply in
      KojiBuildReference(id: id, nvr: (try? reply.get())?["nvr"]?.stringValue)
    }
  }

  // MARK: - Identity

  /// Who the hub thinks this session is (`koji whoami` and `koji list-permissions --mine`), in one
  /// multicall; an anonymous session is reported as such.
  public func identity(profile: String) async throws -> KojiIdentity {
    let results = try await session.multiCall([
      KojiMethod.getLoggedInUser.call(), KojiMethod.getPerms.call(),
    ])
    let user = try results[0].get()
    return KojiIdentity(
      hub: configuration.hubURL, profile: profile, user: user["name"]?.stringValue,
      userID: user["id"]?.intValue.map(Int.init),
      authentication: user.isNull ? "anonymous" : KojiIdentity.authenticationName(user["authtype"]?.intValue),
      kerberosPrincipal: user["krb_principal"]?.stringValue,
      permissions: ((try? results[1].get())?.arrayValue ?? []).compactMap(\.stringValue))
  }
}
