import Foundation
import OSBSKit

/// One exported hub method.
struct KojiMethod: Sendable {
  typealias Body =
    @Sendable (inout KojiHubState, KojiArguments, inout KojiCallContext) throws(KojiFault) ->
    XMLRPCValue

  var signature: KojiSignature
  var body: Body
}

private func generic(_ message: String) -> KojiFault { KojiFault(code: 1000, message: message) }
private func int(_ value: Int) -> XMLRPCValue { .int(Int64(value)) }
private func optionalInt(_ value: Int?) -> XMLRPCValue { value.map { .int(Int64($0)) } ?? .null }

/// The hub's methods, with the signatures and answers of koji 1.35 plus the koji-containerbuild plugin.
enum KojiHubMethods {
  static func table(kojiVersion: String) -> [String: KojiMethod] {
    var methods: [String: KojiMethod] = [:]
    func add(
      _ name: String, _ parameters: [(String, XMLRPCValue?)], owner: String? = "RootExports",
      extraPositional: Bool = false, _ body: @escaping KojiMethod.Body
    ) {
      var signature = KojiSignature(name, parameters, owner: owner)
      signature.acceptsExtraPositional = extraPositional
      methods[name] = KojiMethod(signature: signature, body: body)
    }

    add("hello", [], owner: nil, extraPositional: true) { _, _, _ in "Hello World" }
    add("getAPIVersion", []) { _, _, _ in 1 }
    add("getKojiVersion", []) { _, _, _ in .string(kojiVersion) }

    // MARK: Sessions and users
    add(
      "login", [("user", nil), ("password", nil), ("opts", .null), ("renew", false), ("exclusive", false)],
      owner: "Session"
    ) { state, args, context throws(KojiFault) in
      let name = try args.string("user")
      let password = try args.string("password")
      guard let user = state.user(named: name), let expected = user.password, expected == password else {
        throw KojiFault(code: 1002, message: "invalid username or password")
      }
      return try login(&state, user: user, authtype: 0, renew: args.flag("renew"), context: &context)
    }
    add(
      "sslLogin", [("proxyuser", .null), ("proxyauthtype", .null), ("renew", false), ("exclusive", false)],
      owner: "Session"
    ) { state, args, context throws(KojiFault) in
      let (name, authtype) = try clientIdentity(context.request, state: state)
      let user =
        state.user(named: name) ?? state.users.first { $0.krbPrincipals.contains(name) }
        ?? (authtype == 3 ? name.split(separator: "@").first.flatMap { state.user(named: String($0)) } : nil)
      guard let user else { throw KojiFault(code: 1002, message: "Unknown user: \(name)") }
      return try login(&state, user: user, authtype: authtype, renew: args.flag("renew"), context: &context)
    }
    add("logout", [("session_id", .null)], owner: "Session") { state, args, context throws(KojiFault) in
      guard let sessionID = context.sessionID else { throw KojiFault(code: 1002, message: "Not logged in") }
      let target = try args.optionalInt("session_id") ?? sessionID
      guard target == sessionID else {
        throw KojiFault(
          code: 1004, message: "Cannot close session \(target): not a subsession of \(sessionID)")
      }
      state.sessions[sessionID]?.closed = true
      context.committed = true
      return .null
    }
    add("getLoggedInUser", []) { _, _, context in
      guard let user = context.user else { return .null }
      return .object([
        "id": int(user.id), "name": .string(user.name), "status": int(user.status),
        "usertype": int(user.usertype),
        "krb_principals": .array(user.krbPrincipals.map { .string($0) }),
        "authtype": optionalInt(context.authtype),
        "krb_principal": user.krbPrincipals.first.map { .string($0) } ?? .null,
      ])
    }
    add("getPerms", [("userID", .null)]) { state, args, context throws(KojiFault) in
      let user = args.isPresent("userID") ? state.user(matching: args["userID"]) : context.user
      return .array((user?.permissions ?? []).map { .string($0) })
    }
    add("hasPerm", [("perm", nil), ("strict", false)]) { _, args, context throws(KojiFault) in
      let perm = try args.string("perm")
      guard let user = context.user else { return false }
      return .bool(user.permissions.contains(perm) || (!args.flag("strict") && user.isAdmin))
    }
    add("getAllPerms", []) { state, _, _ in
      let names = Set(state.users.flatMap(\.permissions)).union(["admin", "container-build"]).sorted()
      return .array(
        names.enumerated().map {
          .object(["id": int($0.offset + 1), "name": .string($0.element), "description": .null])
        })
    }
    add("getUser", [("userInfo", .null), ("strict", false), ("krb_princs", true), ("groups", false)]) {
      state, args, context throws(KojiFault) in
      let user = args.isPresent("userInfo") ? state.user(matching: args["userInfo"]) : context.user
      guard let user else {
        if args.flag("strict") { throw generic("No such user: \(pythonRepr(args["userInfo"]))") }
        return .null
      }
      return .object([
        "id": int(user.id), "name": .string(user.name), "status": int(user.status),
        "usertype": int(user.usertype),
        "krb_principals": .array(user.krbPrincipals.map { .string($0) }),
      ])
    }

    // MARK: Hosts, channels, targets, tags
    add("getHost", [("hostInfo", nil), ("strict", false), ("event", .null)]) {
      state, args, _ throws(KojiFault) in
      let host: KojiHubHost? =
        switch args["hostInfo"] {
        case .int(let id): state.host(id: Int(id))
        case .string(let name): state.seed.hosts.first { $0.name == name }
        default: nil
        }
      guard let host else {
        if args.flag("strict") { throw generic("Invalid hostInfo: \(pythonRepr(args["hostInfo"]))") }
        return .null
      }
      return hostInfo(host)
    }
    add(
      "listHosts",
      [
        ("arches", .null), ("channelID", .null), ("ready", .null), ("enabled", .null), ("userID", .null),
        ("queryOpts", .null),
      ]
    ) { state, _, _ in .array(state.seed.hosts.map(hostInfo)) }
    add("getChannel", [("channelInfo", nil), ("strict", false)]) { state, args, _ throws(KojiFault) in
      let match = state.seed.channels.first { id, name in
        args["channelInfo"] == .int(Int64(id)) || args["channelInfo"] == .string(name)
      }
      guard let match else {
        if args.flag("strict") { throw generic("No such channel: \(pythonRepr(args["channelInfo"]))") }
        return .null
      }
      return .object([
        "id": int(match.key), "name": .string(match.value), "description": .null, "enabled": true,
        "comment": .null,
      ])
    }
    add("getBuildTarget", [("info", nil), ("event", .null), ("strict", false)]) {
      state, args, _ throws(KojiFault) in
      guard let target = findTarget(state, args["info"]) else {
        if args.flag("strict") { throw generic("No such build target: \(pythonStr(args["info"]))") }
        return .null
      }
      return targetInfo(target, state)
    }
    add(
      "getBuildTargets",
      [("info", .null), ("event", .null), ("buildTagID", .null), ("destTagID", .null), ("queryOpts", .null)]
    ) { state, args, _ throws(KojiFault) in
      var targets = state.seed.targets
      if args.isPresent("info") { targets = findTarget(state, args["info"]).map { [$0] } ?? [] }
      if let id = try args.optionalInt("buildTagID") { targets = targets.filter { $0.buildTagID == id } }
      if let id = try args.optionalInt("destTagID") { targets = targets.filter { $0.destTagID == id } }
      return .array(targets.map { targetInfo($0, state) })
    }
    add("getTag", [("tagInfo", nil), ("strict", false), ("event", .null), ("blocked", false)]) {
      state, args, _ throws(KojiFault) in
      let tag: KojiHubTag? =
        switch args["tagInfo"] {
        case .int(let id): state.seed.tags.first { $0.id == Int(id) }
        case .string(let name): state.seed.tags.first { $0.name == name }
        default: nil
        }
      guard let tag else {
        if args.flag("strict") { throw generic("No such tagInfo: \(pythonRepr(args["tagInfo"]))") }
        return .null
      }
      return .object([
        "id": int(tag.id), "name": .string(tag.name), "perm_id": .null, "perm": .null,
        "arches": tag.arches.map { .string($0) } ?? .null, "locked": .bool(tag.locked),
        "maven_support": false,
        "maven_include_all": false, "extra": .structure([]),
      ])
    }

    // MARK: koji-containerbuild
    add(
      "buildContainer",
      [("src", nil), ("target", nil), ("opts", .null), ("priority", .null), ("channel", "container")],
      owner: nil
    ) { state, args, context throws(KojiFault) in
      let source = try args.string("src")
      let target = try args.string("target")
      var priority = 20
      if let requested = try args.optionalInt("priority"), requested != 0 {
        if requested < 0 && !(context.user?.isAdmin ?? false) {
          throw KojiFault(code: 1004, message: "only admins may create high-priority tasks")
        }
        priority += requested
      }
      guard let owner = context.user else { throw generic("task must have an owner") }
      var channelID = 1
      if args.flag("channel") {
        let name = try args.string("channel")
        guard let id = state.seed.channels.first(where: { $0.value == name })?.key else {
          throw generic("No such channel: \(name)")
        }
        channelID = id
      }
      let opts: XMLRPCValue = args.flag("opts") ? args["opts"] : .structure([])
      guard case .structure = opts else { throw KojiArguments.typeError("opts", opts, expected: "dict") }
      context.committed = true
      return int(
        state.submitContainerBuild(
          source: source, target: target, opts: opts, owner: owner.id, priority: priority,
          channelID: channelID,
          now: context.now))
    }

    // MARK: Tasks
    add("getTaskInfo", [("task_id", nil), ("request", false), ("strict", false)]) {
      state, args, context throws(KojiFault) in
      func one(_ value: XMLRPCValue) throws(KojiFault) -> XMLRPCValue {
        guard let id = value.intValue.map(Int.init) else {
          throw KojiArguments.typeError("task_id", value, expected: "int")
        }
        guard let task = state.task(id, at: context.now) else {
          if args.flag("strict") { throw generic("query returned no rows") }
          return .null
        }
        return state.info(task, at: context.now, request: args.flag("request"))
      }
      if case .array(let ids) = args["task_id"] {
        var out: [XMLRPCValue] = []
        for id in ids { out.append(try one(id)) }
        return .array(out)
      }
      return try one(args["task_id"])
    }
    add("getTaskRequest", [("taskId", nil)]) { state, args, context throws(KojiFault) in
      guard let task = state.task(try args.int("taskId"), at: context.now) else {
        throw generic("query returned no rows")
      }
      return .array(task.request)
    }
    add("getTaskChildren", [("task_id", nil), ("request", false), ("strict", false)]) {
      state, args, context throws(KojiFault) in
      let id = try args.int("task_id")
      if args.flag("strict") && state.task(id, at: context.now) == nil {
        throw generic("No such task: \(id)")
      }
      return .array(
        state.children(of: id, at: context.now).map {
          state.info($0, at: context.now, request: args.flag("request"))
        })
    }
    add("getTaskDescendents", [("task_id", nil), ("request", false)]) {
      state, args, context throws(KojiFault) in
      var members: [XMLRPCMember] = []
      var queue = [try args.int("task_id")]
      while !queue.isEmpty {
        let id = queue.removeFirst()
        let children = state.children(of: id, at: context.now)
        members.append(
          XMLRPCMember(
            String(id),
            .array(children.map { state.info($0, at: context.now, request: args.flag("request")) })))
        queue += children.map(\.id)
      }
      return .structure(members)
    }
    add("getTaskResult", [("taskId", nil), ("raise_fault", true)]) { state, args, context throws(KojiFault) in
      let id = try args.int("taskId")
      guard let task = state.task(id, at: context.now) else { throw generic("No such task") }
      switch task.snapshot(at: context.now).state {
      case .canceled: throw generic("Task \(id) is canceled")
      case .closed, .failed: break
      default: throw generic("Task \(id) is not finished")
      }
      switch task.result {
      case .success(let value): return value
      case .failure(let fault):
        if args.flag("raise_fault") { throw KojiFault(code: fault.code, message: fault.message) }
        return .object(["faultCode": int(fault.code), "faultString": .string(fault.message)])
      }
    }
    add("listTaskOutput", [("taskID", nil), ("stat", false), ("all_volumes", false), ("strict", false)]) {
      state, args, context throws(KojiFault) in
      let id = try args.int("taskID")
      guard let task = state.task(id, at: context.now) else {
        if args.flag("strict") { throw generic("No such task: \(id)") }
        return .array([])
      }
      var visible: [(name: String, size: Int, mtime: Date)] = []
      for name in task.files.keys.sorted(by: {
        (task.files[$0]?.rank ?? 0, $0) < (task.files[$1]?.rank ?? 0, $1)
      }) {
        if let seen = task.files[name]?.visible(now: context.now, frozenAt: task.outputFrozenAt) {
          visible.append((name, seen.size, seen.mtime))
        }
      }
      func stat(_ size: Int, _ mtime: Date) -> XMLRPCValue {
        let stamp = XMLRPCValue.double(KojiTime.timestamp(mtime))
        // st_size is a string on the wire: the hub's marshaller cannot send ints above 2^31.
        return .object([
          "st_atime": stamp, "st_ctime": stamp, "st_mtime": stamp, "st_size": .string(String(size)),
        ])
      }
      switch (args.flag("stat"), args.flag("all_volumes")) {
      case (false, false): return .array(visible.map { .string($0.name) })
      case (true, false): return .structure(visible.map { XMLRPCMember($0.name, stat($0.size, $0.mtime)) })
      case (false, true): return .structure(visible.map { XMLRPCMember($0.name, .array(["DEFAULT"])) })
      case (true, true):
        return .structure(
          visible.map {
            XMLRPCMember($0.name, .structure([XMLRPCMember("DEFAULT", stat($0.size, $0.mtime))]))
          })
      }
    }
    add(
      "downloadTaskOutput",
      [("taskID", nil), ("fileName", nil), ("offset", 0), ("size", -1), ("volume", .null)]
    ) { state, args, context throws(KojiFault) in
      let id = try args.int("taskID")
      let name = try args.string("fileName")
      if name.contains("..") { throw generic("Invalid file name: \(name)") }
      let volume = try args.optionalString("volume") ?? "DEFAULT"
      let offset = try args.int("offset")
      let size = try args.int("size")
      guard volume == "DEFAULT", let task = state.task(id, at: context.now), let file = task.files[name],
        let seen = file.visible(now: context.now, frozenAt: task.outputFrozenAt)
      else {
        throw generic("no file \"\(name)\" output by task \(id)")
      }
      let start: Int
      if offset >= 0 {
        start = offset
      } else {
        // Python's seek(offset, 2) before the start of the file.
        guard seen.size + offset >= 0 else {
          throw KojiFault(code: 1, message: "<class 'OSError'>: [Errno 22] Invalid argument")
        }
        start = seen.size + offset
      }
      let end = size < 0 ? seen.size : min(seen.size, start + size)
      let chunk = KojiTaskOutputChunk(file: file, range: start..<max(start, end))
      guard context.isNested else {
        // The hub answers with the chunk's document, written once the lock is released.
        context.outputChunk = chunk
        return .null
      }
      return .string(Data(chunk.bytes).base64EncodedString())
    }
    add("cancelTask", [("task_id", nil), ("recurse", true)]) { state, args, context throws(KojiFault) in
      let id = try args.int("task_id")
      let task = state.task(id, at: context.now)
      let user = context.user
      let isOwner = user != nil && task?.owner == user?.id
      let isHost = task.map { task in state.host(id: task.hostID)?.userID == user?.id } ?? false
      guard isOwner || isHost || (user?.isAdmin ?? false) else {
        throw KojiFault(code: 1004, message: "Cannot cancel task, not owner")
      }
      guard task != nil else { throw generic("query returned no rows") }
      state.cancel(id, at: context.now, recurse: args.flag("recurse"))
      context.committed = true
      return .null
    }
    add("cancelTaskFull", [("task_id", nil), ("strict", true)]) { state, args, context throws(KojiFault) in
      guard context.user?.isAdmin ?? false else {
        throw KojiFault(code: 1004, message: "admin permission required")
      }
      var id = try args.int("task_id")
      guard state.task(id, at: context.now) != nil else { throw generic("No such task: \(id)") }
      while let parent = state.tasks[id]?.parent { id = parent }
      state.cancel(id, at: context.now, recurse: true)
      context.committed = true
      return .null
    }
    add("cancelTaskChildren", [("task_id", nil)]) { state, args, context throws(KojiFault) in
      let id = try args.int("task_id")
      guard let task = state.task(id, at: context.now) else { throw generic("No such task: \(id)") }
      guard context.user?.isAdmin ?? false || context.user?.id == task.owner else {
        throw KojiFault(code: 1004, message: "Cannot cancel task, not owner")
      }
      for child in state.children(of: id, at: context.now) {
        state.cancel(child.id, at: context.now, recurse: true)
      }
      context.committed = true
      return .null
    }
    add("listTasks", [("opts", .null), ("queryOpts", .null)]) { state, args, context throws(KojiFault) in
      try listTasks(state, opts: args["opts"], queryOpts: args["queryOpts"], now: context.now)
    }

    // MARK: Builds and buildroots (container builds have no buildroots)
    add(
      "listBuildroots",
      [
        ("hostID", .null), ("tagID", .null), ("state", .null), ("rpmID", .null), ("archiveID", .null),
        ("taskID", .null), ("buildrootID", .null), ("repoID", .null), ("queryOpts", .null),
      ]
    ) { _, _, _ in .array([]) }
    add(
      "listBuilds",
      [
        ("packageID", .null), ("userID", .null), ("taskID", .null), ("prefix", .null), ("state", .null),
        ("volumeID", .null), ("source", .null), ("createdBefore", .null), ("createdAfter", .null),
        ("completeBefore", .null), ("completeAfter", .null), ("type", .null), ("typeInfo", .null),
        ("queryOpts", .null), ("pattern", .null), ("cgID", .null), ("draft", .null),
      ]
    ) { state, args, context throws(KojiFault) in
      let taskID = try args.optionalInt("taskID")
      let userID = try args.optionalInt("userID")
      let builds = state.builds.values.sorted { $0.id < $1.id }.filter { build in
        build.completedAt <= context.now && (taskID == nil || build.taskID == taskID)
          && (userID == nil || build.ownerID == userID)
          && state.tasks[build.taskID].map { $0.snapshot(at: context.now).state == .closed } ?? false
      }
      return .array(builds.map { buildInfo($0, state) })
    }
    add("getBuild", [("buildInfo", nil), ("strict", false)]) { state, args, context throws(KojiFault) in
      let build: KojiBuildRecord? =
        switch args["buildInfo"] {
        case .int(let id): state.builds[Int(id)]
        case .string(let nvr): state.builds.values.first { $0.nvr == nvr }
        default: nil
        }
      guard let build, build.completedAt <= context.now else {
        if args.flag("strict") { throw generic("No such build: \(pythonRepr(args["buildInfo"]))") }
        return .null
      }
      return buildInfo(build, state)
    }
    return methods
  }

  // MARK: - Helpers

  static func login(
    _ state: inout KojiHubState, user: KojiHubUser, authtype: Int, renew: Bool, context: inout KojiCallContext
  ) throws(KojiFault) -> XMLRPCValue {
    guard user.status == 0 else {
      throw KojiFault(code: 1002, message: "logins by \(user.name) are not allowed")
    }
    context.committed = true
    if let sessionID = context.sessionID {
      guard renew else { throw KojiFault(code: 1002, message: "Already logged in") }
      // Renewal keeps the session id and hands out a new key.
      return state.createSession(userID: user.id, authtype: authtype, reusing: sessionID)
    }
    return state.createSession(userID: user.id, authtype: authtype)
  }

  /// The identity a TLS-terminating or authenticating front end vouches for, the way the hub reads
  /// `REMOTE_USER` (GSSAPI, authtype 3) or `SSL_CLIENT_VERIFY` + `SSL_CLIENT_S_DN_CN` (SSL, authtype 2).
  /// Headers: `X-Remote-User`; `X-SSL-Client-Verify` + `X-SSL-Client-S-DN-CN` (or `X-SSL-Client-CN`,
  /// which implies SUCCESS). Basic authentication on `/kojihub/ssllogin` stands in for Apache's
  /// mod_auth_basic, as in the captured hub.
  static func clientIdentity(_ request: SandboxRequest, state: KojiHubState) throws(KojiFault) -> (
    String, Int
  ) {
    guard state.configuration.trustsFrontEndHeaders else {
      throw KojiFault(code: 1002, message: "could not verify client: NONE")
    }
    if let remote = request.header("X-Remote-User"), !remote.isEmpty { return (remote, 3) }
    if request.path.hasSuffix("/ssllogin"), let authorization = request.header("Authorization"),
      authorization.lowercased().hasPrefix("basic "),
      let decoded = Data(
        base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
      let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
    {
      let name = String(pair[..<colon])
      let password = String(pair[pair.index(after: colon)...])
      guard let user = state.user(named: name), user.password == password else {
        throw KojiFault(code: 1002, message: "could not verify client: NONE")
      }
      return (user.name, 3)
    }
    let commonName = request.header("X-SSL-Client-S-DN-CN") ?? request.header("X-SSL-Client-CN")
    let verify = request.header("X-SSL-Client-Verify") ?? (commonName == nil ? "NONE" : "SUCCESS")
    guard verify == "SUCCESS", let commonName, !commonName.isEmpty else {
      throw KojiFault(code: 1002, message: "could not verify client: \(verify)")
    }
    return (commonName, 2)
  }

  static func hostInfo(_ host: KojiHubHost) -> XMLRPCValue {
    .object([
      "id": int(host.id), "user_id": int(host.userID), "name": .string(host.name), "update_ts": .null,
      "arches": .string(host.arches), "task_load": 0.0, "capacity": .double(host.capacity),
      "description": .null,
      "comment": .null, "ready": true, "enabled": true,
    ])
  }

  static func findTarget(_ state: KojiHubState, _ info: XMLRPCValue) -> KojiHubTarget? {
    switch info {
    case .int(let id): state.seed.targets.first { $0.id == Int(id) }
    case .string(let name): state.seed.targets.first { $0.name == name }
    default: nil
    }
  }

  static func targetInfo(_ target: KojiHubTarget, _ state: KojiHubState) -> XMLRPCValue {
    let tagName = { (id: Int) in state.seed.tags.first { $0.id == id }?.name ?? "" }
    return .object([
      "build_tag": int(target.buildTagID), "build_tag_name": .string(tagName(target.buildTagID)),
      "dest_tag": int(target.destTagID), "dest_tag_name": .string(tagName(target.destTagID)),
      "id": int(target.id),
      "name": .string(target.name),
    ])
  }

  static func buildInfo(_ build: KojiBuildRecord, _ state: KojiHubState) -> XMLRPCValue {
    .object([
      "build_id": int(build.id), "id": int(build.id), "name": .string(build.name),
      "package_name": .string(build.name),
      "version": .string(build.version), "release": .string(build.release), "epoch": .null,
      "nvr": .string(build.nvr),
      "state": 1, "task_id": int(build.taskID), "owner_id": int(build.ownerID),
      "owner_name": .string(state.user(id: build.ownerID)?.name ?? ""),
      "creation_time": .string(KojiTime.isoString(build.createdAt)),
      "creation_ts": .double(KojiTime.timestamp(build.createdAt)),
      "completion_time": .string(KojiTime.isoString(build.completedAt)),
      "completion_ts": .double(KojiTime.timestamp(build.completedAt)), "volume_id": 0,
      "volume_name": "DEFAULT",
      "extra": .object(["container_koji_task_id": int(build.taskID)]),
    ])
  }

  /// Python's `repr` of a simple value, for messages such as `No such tagInfo: 'x'`.
  static func pythonRepr(_ value: XMLRPCValue) -> String {
    switch value {
    case .string(let text): "'\(text)'"
    case .int(let number): String(number)
    case .null: "None"
    case .bool(let flag): flag ? "True" : "False"
    default: "\(value)"
    }
  }

  static func pythonStr(_ value: XMLRPCValue) -> String {
    if case .string(let text) = value { return text }
    return pythonRepr(value)
  }
}
