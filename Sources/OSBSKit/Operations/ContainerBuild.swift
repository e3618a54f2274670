import Foundation

/// The knobs of Koji's `buildContainer`, validated the way koji-containerbuild's CLI and builder do.
public struct ContainerBuildOptions: Sendable, Equatable {
  public var scratch = false
  public var isolated = false
  public var release: String?
  public var arches: [String] = []
  public var repoURLs: [String] = []
  public var kojiParentBuild: String?
  public var signingIntent: String?
  public var composeIDs: [Int] = []
  public var channel: String?
  /// An explicit priority (koji's relative `priority` keyword).
  public var priority: Int?
  /// koji-containerbuild's `--background`: sent as priority 5, as its CLI does.
  public var background = false
  public var target: String?
  public var gitBranch: String?

  public init() {}

  /// A knob of `ContainerBuildOptions`, as validation errors name it (the CLI maps each to its flag).
  public enum Field: String, Sendable, CaseIterable {
    case scratch, isolated, release, arches, repoURLs, kojiParentBuild, signingIntent, composeIDs, channel
    case priority, background, target, gitBranch
  }

  /// Why a combination of knobs cannot be submitted.
  public enum Problem: Sendable, Equatable {
    case mutuallyExclusive(Field, Field)
    case needs(Field, Field)
    case onlyWith(Field, [Field])

    /// The problem in words, each field spelled by `name` (its flag, on the command line).
    public func message(naming name: (Field) -> String) -> String {
      switch self {
      case .mutuallyExclusive(let first, let second):
        "\(name(first)) and \(name(second)) are mutually exclusive"
      case .needs(let field, let needed): "\(name(field)) needs \(name(needed))"
      case .onlyWith(let field, let others):
        "\(name(field)) is only allowed with \(others.map(name).joined(separator: " or "))"
      }
    }
  }

  public func validate() throws {
    if scratch && isolated {
      throw ContainerBuildError.invalidOptions(.mutuallyExclusive(.scratch, .isolated))
    }
    if isolated && release == nil { throw ContainerBuildError.invalidOptions(.needs(.isolated, .release)) }
    if !arches.isEmpty && !scratch && !isolated {
      throw ContainerBuildError.invalidOptions(.onlyWith(.arches, [.scratch, .isolated]))
    }
    if signingIntent != nil && !composeIDs.isEmpty {
      throw ContainerBuildError.invalidOptions(.mutuallyExclusive(.signingIntent, .composeIDs))
    }
    if priority != nil && background {
      throw ContainerBuildError.invalidOptions(.mutuallyExclusive(.priority, .background))
    }
  }

  /// koji-containerbuild's CLI sends `priority=5` for `--background` (koji's background priority,
  /// relative to the default); nil leaves the keyword out.
  public static let backgroundPriority = 5

  /// The `priority` keyword to send.
  public var submissionPriority: Int? { priority ?? (background ? Self.backgroundPriority : nil) }

  /// The `opts` struct koji-containerbuild sends (unset values left out, as it does).
  public func kojiOpts(gitBranch: String) -> [XMLRPCMember] {
    var members: [XMLRPCMember] = []
    if scratch { members.append(XMLRPCMember("scratch", true)) }
    if isolated { members.append(XMLRPCMember("isolated", true)) }
    if !repoURLs.isEmpty {
      members.append(XMLRPCMember("yum_repourls", .array(repoURLs.map { .string($0) })))
    }
    members.append(XMLRPCMember("git_branch", .string(gitBranch)))
    if let signingIntent { members.append(XMLRPCMember("signing_intent", .string(signingIntent))) }
    if !composeIDs.isEmpty {
      members.append(XMLRPCMember("compose_ids", .array(composeIDs.map { .int(Int64($0)) })))
    }
    if let release { members.append(XMLRPCMember("release", .string(release))) }
    if let kojiParentBuild { members.append(XMLRPCMember("koji_parent_build", .string(kojiParentBuild))) }
    if !arches.isEmpty {
      members.append(XMLRPCMember("arch_override", .string(arches.joined(separator: " "))))
    }
    return members
  }
}

public enum ContainerBuildError: ClassifiedError, Equatable {
  case invalidOptions(ContainerBuildOptions.Problem)
  case hubLacksBuildContainer(String)
  case unknownTarget(String)
  case lockedDestination(tag: String, target: String)
  case buildFailed(taskID: Int, reason: String)
  case submissionLost(String)

  public var failureKind: FailureKind {
    switch self {
    case .invalidOptions: .usage
    case .hubLacksBuildContainer, .buildFailed, .lockedDestination, .submissionLost: .operationFailed
    case .unknownTarget: .notFound
    }
  }

  public var description: String {
    switch self {
    case .invalidOptions(let problem): problem.message(naming: \.rawValue)
    case .hubLacksBuildContainer(let hub):
      "the Koji hub at \(hub) has no buildContainer method (the koji-containerbuild hub plugin is not enabled)"
    case .unknownTarget(let target):
      "unknown build target: \(target) (see `koji list-targets`, or pass --target)"
    case .lockedDestination(let tag, let target):
      "destination tag \(tag) of target \(target) is locked; only --scratch builds are possible"
    case .buildFailed(let id, let reason): "task \(id) failed: \(reason)"
    case .submissionLost(let detail): "the hub ran buildContainer but its task could not be found: \(detail)"
    }
  }
}

/// Exactly what will be submitted; `--dry-run` prints it.
public struct ContainerBuildRequest: Sendable, Equatable {
  public var source: String
  public var target: String
  public var opts: [XMLRPCMember]
  public var priority: Int?
  public var channel: String?

  public init(source: String, target: String, opts: [XMLRPCMember], priority: Int?, channel: String?) {
    self.source = source
    self.target = target
    self.opts = opts
    self.priority = priority
    self.channel = channel
  }

  public var call: XMLRPCCall {
    var keywords: [XMLRPCMember] = []
    if let priority { keywords.append(XMLRPCMember("priority", .int(Int64(priority)))) }
    if let channel { keywords.append(XMLRPCMember("channel", .string(channel))) }
    return XMLRPCCall(
      "buildContainer", [.string(source), .string(target), .structure(opts)], keywords: keywords)
  }

  /// The call as JSON (`{method, params}`), for `--dry-run -o json`.
  public var callTree: JSONTree {
    JSONTree(.object(["method": .string(call.method), "params": .array(call.params)]))
  }

  /// The call as Python would write it, for `--dry-run`.
  public var pythonText: String { PythonCallText.render(call) }

  public var isScratch: Bool { opts.contains { $0.name == "scratch" && $0.value == .bool(true) } }
}

/// Submits `buildContainer` once: checks the hub first, and if the connection drops after the hub ran
/// the call (the retry then gets RetryError 1009) finds the task the first attempt created instead of
/// failing or submitting twice.
public struct ContainerBuildSubmitter: Sendable {
  public let session: KojiSession

  public init(session: KojiSession) { self.session = session }

  /// What the pre-flight learnt: the newest buildContainer task id before ours, to tell ours apart later,
  /// and the hub's time before the submission, to bound the search for it.
  public struct Preflight: Sendable {
    public var userID: Int?
    public var newestTaskBefore: Int
    /// The hub's clock when the pre-flight was answered (its `Date` header); the local clock if the hub
    /// sent none.
    public var hubTimeBefore: Date = Date()
  }

  /// How far before the pre-flight's hub time the search for a created task starts: covers the `Date`
  /// header's whole seconds and a web server and database whose clocks differ a little.
  public static let recoveryClockMargin: TimeInterval = 60
  /// At most this many of the user's newest buildContainer tasks are read back.
  public static let recoveryLimit = 10

  /// The bounded question of capture 71: the user's buildContainer tasks created after `createdAfter`
  /// (strictly, in hub seconds), newest first, at most `recoveryLimit`. The hub ignores options it does not
  /// know, so these names must be exactly the hub's.
  public static func recoveryQuery(owner: Int?, createdAfter: Date) -> XMLRPCCall {
    var filter: [XMLRPCMember] = []
    if let owner { filter.append(XMLRPCMember("owner", .int(Int64(owner)))) }
    filter.append(XMLRPCMember("method", "buildContainer"))
    filter.append(XMLRPCMember("createdAfter", .double(createdAfter.timeIntervalSince1970)))
    let queryOpts: [XMLRPCMember] = [
      XMLRPCMember("order", "-id"), XMLRPCMember("limit", .int(Int64(recoveryLimit))),
    ]
    return XMLRPCCall("listTasks", [.structure(filter), .structure(queryOpts)])
  }

  public func preflight(_ request: ContainerBuildRequest) async throws -> Preflight {
    let results = try await session.multiCall([
      XMLRPCCall("system.listMethods"),
      XMLRPCCall("getBuildTarget", [.string(request.target)]),
      XMLRPCCall("getLoggedInUser"),
      XMLRPCCall(
        "listTasks", [.object(["method": "buildContainer"]), .object(["order": "-id", "limit": 1])]),
    ])
    let methods = try results[0].get().arrayValue?.compactMap(\.stringValue) ?? []
    guard methods.contains("buildContainer") else {
      throw ContainerBuildError.hubLacksBuildContainer(session.configuration.hubURL)
    }
    let target = try results[1].get()
    guard !target.isNull else { throw ContainerBuildError.unknownTarget(request.target) }
    let user = try results[2].get()
    let newest = try results[3].get().arrayValue?.first?["id"]?.intValue ?? 0
    if !request.isScratch,
      let destination = target["dest_tag_name"]?.stringValue ?? target["dest_tag"]?.intValue.map(String.init)
    {
      let tag = try await session.call("getTag", [.string(destination)])
      if tag["locked"]?.boolValue == true {
        throw ContainerBuildError.lockedDestination(tag: destination, target: request.target)
      }
    }
    // Best effort: without the hub's Date the local clock bounds the search, with the same margin.
    let hubTime = try? await session.hubDate()
    return Preflight(
      userID: user["id"]?.intValue.map(Int.init), newestTaskBefore: Int(newest),
      hubTimeBefore: hubTime ?? Date())
  }

  public func submit(_ request: ContainerBuildRequest, preflight: Preflight) async throws -> Int {
    do {
      let reply = try await session.call(request.call.method, request.call.params)
      guard let id = reply.intValue else {
        throw KojiError.unexpectedReply(method: "buildContainer", detail: "expected a task id")
      }
      return Int(id)
    } catch let error as KojiError where error.fault?.code == KojiFaultCode.retryError {
      return try await recover(request, preflight: preflight)
    }
  }

  /// The first attempt's task: ours, newer than the pre-flight's newest, with our exact arguments. Only
  /// the user's newest few tasks created since shortly before the pre-flight are read (captures 71–72), so
  /// the reply stays small however many tasks the user ever ran.
  private func recover(_ request: ContainerBuildRequest, preflight: Preflight) async throws -> Int {
    let query = Self.recoveryQuery(
      owner: preflight.userID, createdAfter: preflight.hubTimeBefore - Self.recoveryClockMargin)
    let tasks = try await session.call(query.method, query.params)
    let expected = Array(request.call.params.prefix(3))
    // Newest first: the oldest match is the first attempt's task.
    for task in (tasks.arrayValue ?? []).reversed() {
      guard let id = task["id"]?.intValue, id > preflight.newestTaskBefore else { continue }
      if let params = Self.requestParams(task["request"]),
        Self.sameArguments(Array(params.prefix(3)), expected)
      {
        return Int(id)
      }
    }
    throw ContainerBuildError.submissionLost(
      "no buildContainer task newer than \(preflight.newestTaskBefore) has these arguments")
  }

  /// A task's `request` is the original call as XML-RPC text, or already decoded with `decode=True`.
  static func requestParams(_ value: XMLRPCValue?) -> [XMLRPCValue]? {
    switch value {
    case .string(let text): (try? XMLRPCDecoder.decodeCall(Data(text.utf8)))?.params
    case .array(let params): params
    default: nil
    }
  }

  /// Struct member order is not significant when comparing arguments.
  static func sameArguments(_ lhs: [XMLRPCValue], _ rhs: [XMLRPCValue]) -> Bool {
    lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { normalised($0) == normalised($1) }
  }

  private static func normalised(_ value: XMLRPCValue) -> XMLRPCValue {
    switch value {
    case .structure(let members):
      .structure(members.sorted { $0.name < $1.name }.map { XMLRPCMember($0.name, normalised($0.value)) })
    case .array(let values): .array(values.map(normalised))
    default: value
    }
  }
}
