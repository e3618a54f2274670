import Foundation
import OSBSKit
import Synchronization

/// A simulated Koji hub with the koji-containerbuild plugin and a simulated builder.
///
/// ```swift
/// let server = SandboxServer()
/// let hub = KojiHub(clock: .manual())
/// hub.install(on: server)
/// try await server.start()
/// hub.enqueue([KojiBuildScript(outcome: .fail)])   // the next buildContainer fails with 2001
/// hub.clock.advance(by: 10)                        // ... and is finished
/// ```
///
/// Task states, log sizes and results are computed from `clock` whenever a client asks, so builds
/// progress without timers and a manual clock makes them fully deterministic.
public final class KojiHub: Sendable {
  public struct Configuration: Sendable {
    public var seed: KojiHubSeed
    /// Used when the script queue is empty: success after about ten seconds, one `x86_64.log`.
    public var defaultBuild: KojiBuildScript
    /// Answer of `getKojiVersion`; the sandbox passes its own `kojiVersion` on `install(on:)`.
    public var kojiVersion: String
    /// Registry in the pull specs of build results.
    public var registry: String
    /// Namespace in the OpenShift build self links written to `openshift-incremental.log`.
    public var openshiftNamespace: String
    /// Believe `X-Remote-User`, `X-SSL-Client-*` and Basic auth on `/kojihub/ssllogin` in `sslLogin`, as
    /// the hub believes the environment Apache sets after TLS client-certificate or GSSAPI checks.
    public var trustsFrontEndHeaders: Bool

    public init(
      seed: KojiHubSeed = .standard, defaultBuild: KojiBuildScript = KojiBuildScript(),
      kojiVersion: String = "1.35.3",
      registry: String = "registry.example.org", openshiftNamespace: String = "default",
      trustsFrontEndHeaders: Bool = true
    ) {
      self.seed = seed
      self.defaultBuild = defaultBuild
      self.kojiVersion = kojiVersion
      self.registry = registry
      self.openshiftNamespace = openshiftNamespace
      self.trustsFrontEndHeaders = trustsFrontEndHeaders
    }
  }

  /// A task as the control API reports it.
  public struct TaskSummary: Sendable, Codable, Equatable {
    public var id: Int
    public var method: String
    public var state: String
    public var parent: Int?
    public var owner: String
    public var osbsBuildName: String?
    public var files: [String: Int]
  }

  public let configuration: Configuration
  public let clock: KojiHubClock
  private let state: Mutex<KojiHubState>
  private let methods: [String: KojiMethod]
  private let clusterLink: KojiClusterLink?
  private let outputDocuments = KojiOutputDocuments()

  /// With a `cluster`, every container build also runs as an OpenShift build there (see
  /// `syncCluster()`); pass `configuration.openshiftNamespace` = the cluster's namespace so the self
  /// links in the task logs point at it.
  public init(
    configuration: Configuration = Configuration(), clock: KojiHubClock = KojiHubClock(),
    cluster: OpenShiftCluster? = nil
  ) {
    self.configuration = configuration
    self.clock = clock
    state = Mutex(KojiHubState(configuration: configuration))
    methods = KojiHubMethods.table(kojiVersion: configuration.kojiVersion)
    clusterLink = cluster.map(KojiClusterLink.init(cluster:))
  }

  /// The cluster container builds run in, if any.
  public var cluster: OpenShiftCluster? { clusterLink?.cluster }

  // MARK: - OpenShift

  /// Brings the cluster's builds up to the hub clock: creates the build of each task that opened
  /// (Pending, then Running on a node), appends its log lines, and ends it as the task ended.
  /// Koji calls and the routes of `clusterRouter()` sync on their own; call this periodically
  /// for the benefit of cluster watches.
  public func syncCluster() {
    clusterLink?.sync(with: self)
  }

  /// The cluster's routes, each syncing the cluster with the hub before it answers (so a client
  /// that reads the cluster sees the builds as of now). nil without a cluster.
  public func clusterRouter() -> SandboxRouter? {
    guard let clusterLink else { return nil }
    return clusterLink.cluster.router().runningFirst { [self] in syncCluster() }
  }

  /// Every XML-RPC method name the hub answers (`system.listMethods`).
  public var methodNames: [String] {
    (Array(methods.keys) + ["multiCall", "system.multicall", "system.listMethods", "_listapi"]).sorted()
  }

  // MARK: - Scripting

  /// Queues scripted builds; each new `buildContainer` task takes the next (see `KojiBuildScript`).
  public func enqueue(_ builds: [KojiBuildScript]) {
    state.withLock { $0.script += builds }
  }

  public var pendingScript: [KojiBuildScript] { state.withLock { $0.script } }

  @discardableResult
  public func clearScript() -> Int {
    state.withLock { state in
      defer { state.script.removeAll() }
      return state.script.reduce(0) { $0 + $1.repeatCount }
    }
  }

  /// Marks one session (or all) expired: the next call gets AuthExpired 1007 and clients log in again.
  @discardableResult
  public func expireSessions(id: Int? = nil) -> [Int] {
    state.withLock { $0.expireSessions(id: id) }
  }

  /// Adds past, finished tasks of one user (see `POST /_sandbox/koji/tasks/history`); nil for an unknown
  /// user.
  func addHistory(_ history: HistoryRequest) -> ClosedRange<Int>? {
    let now = clock.now()
    return state.withLock { state in
      guard let owner = state.user(named: history.owner) else { return nil }
      let request: [XMLRPCValue] = [
        .string(history.source ?? "git+https://src.example.org/containers/history.git#0000000000000000"),
        .string(history.target ?? "f45-container-candidate"),
        .object(["git_branch": "f45"]),
      ]
      return state.addHistory(
        owner: owner.id, method: history.method ?? "buildContainer", count: history.count, request: request,
        newestAge: history.newestSecondsAgo ?? 3600, spacing: history.spacingSeconds ?? 60, now: now)
    }
  }

  /// Deletes one session (or all): its later calls fail with 1002, as on a hub whose session row is gone.
  @discardableResult
  public func deleteSessions(id: Int? = nil) -> [Int] {
    state.withLock { $0.deleteSessions(id: id) }
  }

  /// Open sessions' ids.
  public var sessionIDs: [Int] {
    state.withLock { $0.sessions.values.filter { !$0.closed }.map(\.id).sorted() }
  }

  public func tasks() -> [TaskSummary] {
    syncCluster()
    let now = clock.now()
    return state.withLock { state in
      state.tasks.values.filter { state.task($0.id, at: now) != nil }.sorted { $0.id < $1.id }.map { task in
        var files: [String: Int] = [:]
        for (name, file) in task.files {
          if let seen = file.visible(now: now, frozenAt: task.outputFrozenAt) { files[name] = seen.size }
        }
        return TaskSummary(
          id: task.id, method: task.method, state: task.snapshot(at: now).state.name, parent: task.parent,
          owner: state.user(id: task.owner)?.name ?? "", osbsBuildName: task.osbsBuildName, files: files)
      }
    }
  }

  func stateSnapshot<T>(_ body: (KojiHubState) -> T) -> T {
    state.withLock { body($0) }
  }

  // MARK: - Calls

  /// Answers one XML-RPC request (what `/kojihub` and `/kojihub/ssllogin` do).
  public func respond(to call: XMLRPCCall, request: SandboxRequest) -> XMLRPCResponse {
    let (response, chunk) = answer(call, request: request)
    guard let chunk else { return response }
    return .success(.string(Data(chunk.bytes).base64EncodedString()))
  }

  /// The reply document the routes send: as `respond(to:request:)`, but a `downloadTaskOutput` chunk is
  /// written straight into its document (stored for generated logs, see `KojiOutputDocuments`).
  func reply(to call: XMLRPCCall, request: SandboxRequest) -> KojiReply {
    let (response, chunk) = answer(call, request: request)
    if let chunk { return .document(outputDocuments.document(for: chunk)) }
    switch response {
    case .success(let value): return .value(value)
    case .fault(let fault): return .fault(KojiFault(code: fault.code, message: fault.message))
    }
  }

  /// The response, and the output chunk a top-level `downloadTaskOutput` left to encode.
  private func answer(_ call: XMLRPCCall, request: SandboxRequest) -> (XMLRPCResponse, KojiTaskOutputChunk?) {
    defer { syncCluster() }
    let now = clock.now()
    return state.withLock { state -> (XMLRPCResponse, KojiTaskOutputChunk?) in
      var context = KojiCallContext(now: now, method: call.method, request: request)
      do throws(KojiFault) {
        var callnum: Int?
        if let (session, number) = try state.authenticate(request, method: call.method, now: now) {
          context.sessionID = session.id
          context.user = state.user(id: session.userID)
          context.authtype = session.authtype
          callnum = number
        }
        let value = try dispatch(call, state: &state, context: &context, nested: false)
        if context.committed, let sessionID = context.sessionID, let callnum,
          state.sessions[sessionID]?.closed == false
        {
          state.sessions[sessionID]?.callnum = callnum
        }
        return (.success(value), context.outputChunk)
      } catch {
        return (.fault(XMLRPCFault(code: error.code, message: error.message)), nil)
      }
    }
  }

  private func dispatch(
    _ call: XMLRPCCall, state: inout KojiHubState, context: inout KojiCallContext, nested: Bool
  ) throws(KojiFault) -> XMLRPCValue {
    switch call.method {
    case "multiCall", "system.multicall":
      guard !nested else { throw KojiFault(code: 1000, message: "multicall inside multicall not allowed") }
      let (positional, keywords) = call.positionalAndKeywords
      guard keywords.isEmpty, positional.count == 1, case .array(let calls) = positional[0] else {
        throw KojiSignature.parameterError("ModXMLRPCRequestHandler.multiCall() takes 2 positional arguments")
      }
      var results: [XMLRPCValue] = []
      for entry in calls {
        guard let name = entry["methodName"]?.stringValue else {
          results.append(
            Self.faultStruct(KojiFault(code: 1000, message: "Invalid method call: missing methodName")))
          continue
        }
        let inner = XMLRPCCall(name, entry["params"]?.arrayValue ?? [])
        context.method = name
        do throws(KojiFault) {
          results.append(.array([try dispatch(inner, state: &state, context: &context, nested: true)]))
        } catch {
          results.append(Self.faultStruct(error))
        }
      }
      return .array(results)
    case "system.listMethods":
      return .array(methodNames.map { .string($0) })
    case "_listapi":
      return .array(
        methods.keys.sorted().map { name in
          let signature = methods[name]!.signature
          let args: [XMLRPCValue] = signature.parameters.map { parameter in
            parameter.defaultValue.map { .array([.string(parameter.name), $0]) } ?? .string(parameter.name)
          }
          let described = signature.parameters.map { parameter in
            parameter.defaultValue.map { "\(parameter.name)=\(KojiHubMethods.pythonRepr($0))" }
              ?? parameter.name
          }
          return .object([
            "name": .string(name), "doc": .null, "argdesc": .string("(\(described.joined(separator: ", ")))"),
            "args": .array(args),
          ])
        })
    default:
      guard let method = methods[call.method] else {
        throw KojiFault(code: 1000, message: "Invalid method: \(call.method)")
      }
      let arguments = try method.signature.bind(call)
      context.isNested = nested
      return try method.body(&state, arguments, &context)
    }
  }

  /// A multicall fault entry: `{faultCode, faultString, traceback}` like the hub's.
  private static func faultStruct(_ fault: KojiFault) -> XMLRPCValue {
    let exception =
      fault.code == 1019 ? "koji.ParameterError" : fault.code == 1 ? "Exception" : "koji.GenericError"
    return .object([
      "faultCode": .int(Int64(fault.code)), "faultString": .string(fault.message),
      "traceback": .array([
        "Traceback (most recent call last):\n", "  File \"osbs-sandbox\", in multiCall\n",
        .string("\(exception): \(fault.message)\n"),
      ]),
    ])
  }
}
