import Foundation
import OSBSKit

extension OpenShiftCluster {
  /// The reads every namespaced resource of an API group answers: lists (all namespaces and one), the
  /// legacy `watch/` paths (the whole collection and one object by name) and a get by name.
  func readRoutes(
    of kind: ResourceKind, under base: String, into router: inout SandboxRouter, guarded: Guard
  ) {
    let plural = kind.rawValue
    router.add(
      "GET", "\(base)/\(plural)", handler: guarded { [self] in collection(kind, namespace: nil, $0) })
    router.add(
      "GET", "\(base)/namespaces/{namespace}/\(plural)",
      handler: guarded { [self] in collection(kind, namespace: $0.pathParameters["namespace"], $0) })
    router.add(
      "GET", "\(base)/watch/namespaces/{namespace}/\(plural)",
      handler: guarded { [self] in
        watch(kind, filter: try filter(kind, namespace: $0.pathParameters["namespace"], $0), $0)
      })
    router.add(
      "GET", "\(base)/watch/namespaces/{namespace}/\(plural)/{name}",
      handler: guarded { [self] request in
        var selected = try filter(kind, namespace: request.pathParameters["namespace"], request)
        selected.fields.terms.append(
          .init(field: "metadata.name", value: request.pathParameters["name"] ?? "", negated: false))
        return watch(kind, filter: selected, request)
      })
    router.add(
      "GET", "\(base)/namespaces/{namespace}/\(plural)/{name}",
      handler: guarded { [self] in get(kind, $0.pathParameters["namespace"], $0) })
  }

  /// The cluster's HTTP API: discovery, nodes, pods, builds (grouped and/or legacy paths),
  /// buildconfigs and build logs.
  public func router() -> SandboxRouter {
    var router = SandboxRouter()
    let guarded: Guard = { [self] handler in
      { request in
        if let refusal = self.admit(request) { return refusal }
        return try await handler(request)
      }
    }
    ClusterDiscovery.routes(
      into: &router, era: configuration.era, generation: configuration.generation,
      tekton: configuration.tekton,
      guarded: guarded)
    controlRoutes(into: &router)
    tektonRoutes(into: &router, guarded: guarded)
    daemonSetRoutes(into: &router, guarded: guarded)

    router.add("GET", "/api/v1/nodes", handler: guarded { [self] in collection(.nodes, namespace: nil, $0) })
    router.add("GET", "/api/v1/nodes/{name}", handler: guarded { [self] in get(.nodes, nil, $0) })
    router.add("PATCH", "/api/v1/nodes/{name}", handler: guarded { [self] in patch(.nodes, nil, $0) })
    router.add("PUT", "/api/v1/nodes/{name}", handler: guarded { [self] in put(.nodes, nil, $0) })

    router.add("GET", "/api/v1/namespaces/{name}", handler: guarded { [self] in namespace($0) })

    router.add("GET", "/api/v1/pods", handler: guarded { [self] in collection(.pods, namespace: nil, $0) })
    router.add(
      "GET", "/api/v1/namespaces/{namespace}/pods",
      handler: guarded { [self] in collection(.pods, namespace: $0.pathParameters["namespace"], $0) })
    router.add(
      "GET", "/api/v1/namespaces/{namespace}/pods/{name}",
      handler: guarded { [self] in get(.pods, $0.pathParameters["namespace"], $0) })
    router.add(
      "POST", "/api/v1/namespaces/{namespace}/pods", handler: guarded { [self] in createPod($0) })
    router.add(
      "DELETE", "/api/v1/namespaces/{namespace}/pods/{name}",
      handler: guarded { [self] in await deletePodAndContainers($0, eviction: false) })
    if let evictionVersion = configuration.generation.evictionVersion {
      router.add(
        "POST", "/api/v1/namespaces/{namespace}/pods/{name}/eviction",
        handler: guarded { [self] request in
          // The body's apiVersion must be one the server has (Kubernetes 1.9 knows only v1beta1).
          let sent =
            (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any])?["apiVersion"]
            as? String
          let accepted =
            evictionVersion == "v1" ? ["policy/v1", "policy/v1beta1"] : ["policy/\(evictionVersion)"]
          if let sent, !accepted.contains(sent) {
            let version = sent.split(separator: "/").last.map(String.init) ?? sent
            return KubernetesStatus.badRequest(
              "no kind \"Eviction\" is registered for version \"policy/\(version)\" in scheme \"k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:29\""
            )
          }
          return await deletePodAndContainers(request, eviction: true)
        })
    }

    var bases: [String] = []
    if configuration.era.servesGroupedPaths { bases.append("/apis/build.openshift.io/v1") }
    if configuration.era.servesLegacyPaths { bases.append("/oapi/v1") }
    for base in bases {
      for kind in [ResourceKind.builds, .buildconfigs] {
        let plural = kind.rawValue
        readRoutes(of: kind, under: base, into: &router, guarded: guarded)
        router.add(
          "PUT", "\(base)/namespaces/{namespace}/\(plural)/{name}",
          handler: guarded { [self] in put(kind, $0.pathParameters["namespace"], $0) })
        router.add(
          "PATCH", "\(base)/namespaces/{namespace}/\(plural)/{name}",
          handler: guarded { [self] in patch(kind, $0.pathParameters["namespace"], $0) })
        router.add(
          "DELETE", "\(base)/namespaces/{namespace}/\(plural)/{name}",
          handler: guarded { [self] in delete(kind, $0) })
      }
      router.add(
        "GET", "\(base)/namespaces/{namespace}/builds/{name}/log", handler: guarded { [self] in log($0) })
    }
    return router
  }

  // MARK: Admission

  /// Authentication; nil lets the request through.
  func admit(_ request: SandboxRequest) -> SandboxResponse? {
    let token = state.withLock { $0.acceptedToken }
    advancePipelines()
    if let authorization = request.header("Authorization") {
      return authorization == "Bearer \(token)" ? nil : KubernetesStatus.unauthorized
    }
    return configuration.requireToken ? KubernetesStatus.unauthorized : nil
  }

  // MARK: Reading

  func filter(_ kind: ResourceKind, namespace: String?, _ request: SandboxRequest) throws -> ObjectFilter {
    guard let labels = LabelSelector(request.queryValue("labelSelector")) else {
      throw RequestFailure(KubernetesStatus.badRequest("unable to parse requirement: invalid label selector"))
    }
    do {
      let fields = try FieldSelector(request.queryValue("fieldSelector"), supported: kind.selectableFields)
      return ObjectFilter(namespace: namespace, labels: labels, fields: fields)
    } catch {
      let message =
        error.invalidSyntax
        ? "invalid selector: '\(request.queryValue("fieldSelector") ?? "")'; can't understand '\(error.field)'"
        : "field label not supported: \(error.field)"
      throw RequestFailure(KubernetesStatus.badRequest(message))
    }
  }

  /// A failure response thrown out of a handler's helper.
  struct RequestFailure: Error {
    var response: SandboxResponse
    init(_ response: SandboxResponse) { self.response = response }
  }

  func handling(_ body: () throws -> SandboxResponse) -> SandboxResponse {
    do {
      return try body()
    } catch let failure as RequestFailure {
      return failure.response
    } catch {
      return KubernetesStatus.failure(500, reason: "InternalError", message: "\(error)")
    }
  }

  func collection(_ kind: ResourceKind, namespace: String?, _ request: SandboxRequest) -> SandboxResponse {
    handling {
      let selected = try filter(kind, namespace: namespace, request)
      if Self.queryBool(request.queryValue("watch")) {
        return self.watch(kind, filter: selected, request)
      }
      // Kubernetes 1.0 had no chunked lists: it ignores limit and continue and sends everything.
      let pages = configuration.generation.pagesLists
      let limit = pages ? request.queryValue("limit").flatMap { Int($0) }.map { max(0, $0) } ?? 0 : 0
      let decoded = pages ? request.queryValue("continue").flatMap { Data(base64Encoded: $0) } : nil
      if pages, let token = request.queryValue("continue"), !token.isEmpty, decoded == nil {
        throw RequestFailure(KubernetesStatus.badRequest("continue key is not valid: illegal base64 data"))
      }
      // A token is "<epoch>|<last key>"; one from before a compaction has expired.
      var after: String?
      if let decoded {
        let text = String(decoding: decoded, as: UTF8.self)
        let epoch = text.prefix { $0 != "|" }
        let current = mutate { state -> Int in
          if state.disruptions.compactionsBeforeContinuedLists > 0 {
            state.disruptions.compactionsBeforeContinuedLists -= 1
            state.disruptions.continueEpoch += 1
          }
          return state.disruptions.continueEpoch
        }
        guard let bar = text.firstIndex(of: "|"), let number = Int(epoch), number >= current else {
          throw RequestFailure(
            KubernetesStatus.failure(
              410, reason: "Expired",
              message:
                "The provided from parameter is too old to display a consistent list result. You must start a new list without the from."
            ))
        }
        after = String(text[text.index(after: bar)...])
      }
      let (page, more, version, epoch) = state.withLock { state -> ([ClusterObject], Bool, String, Int) in
        let keys = (state.objects[kind] ?? [:]).keys.sorted()
        var page: [ClusterObject] = []
        var more = false
        for key in keys {
          if let after, key <= after { continue }
          guard let object = state.objects[kind]?[key], selected.matches(object) else { continue }
          if limit > 0 && page.count == limit {
            more = true
            break
          }
          page.append(object)
        }
        return (page, more, String(state.version), state.disruptions.continueEpoch)
      }
      let token = more ? page.last.map { Data("\(epoch)|\($0.key)".utf8).base64EncodedString() } : nil
      if let table = ClusterTable.tableVersion(request, generation: configuration.generation) {
        return ClusterTable.response(
          kind, objects: page, resourceVersion: version, continue: token, version: table)
      }
      var wire = ClusterObject.Wire(request)
      let listVersion = wire.oapi ? "v1" : kind.group.map { "\($0)/v1" } ?? "v1"
      wire.bareListItem = !configuration.generation.listItemsCarryTypeMeta
      var body = Data("{\"apiVersion\":\"\(listVersion)\",\"items\":[".utf8)
      for (index, object) in page.enumerated() {
        if index > 0 { body.append(UInt8(ascii: ",")) }
        body.append(object.encoded(wire))
      }
      body.append(contentsOf: "],\"kind\":\"\(kind.listKind)\",\"metadata\":{".utf8)
      if let token { body.append(contentsOf: "\"continue\":\"\(token)\",".utf8) }
      body.append(contentsOf: "\"resourceVersion\":\"\(version)\"}}".utf8)
      return .json(body)
    }
  }

  func lookup(_ kind: ResourceKind, _ namespace: String?, _ request: SandboxRequest) throws -> ClusterObject {
    let name = request.pathParameters["name"] ?? ""
    let key = ClusterObject.key(namespace: namespace, name: name)
    guard let object = state.withLock({ $0.objects[kind]?[key] }) else {
      throw RequestFailure(KubernetesStatus.notFound(kind, name))
    }
    return object
  }

  func get(_ kind: ResourceKind, _ namespace: String?, _ request: SandboxRequest) -> SandboxResponse {
    handling {
      let object = try lookup(kind, namespace, request)
      if let table = ClusterTable.tableVersion(request, generation: configuration.generation) {
        return ClusterTable.response(
          kind, objects: [object], resourceVersion: object.metadata.resourceVersion ?? "", continue: nil,
          version: table)
      }
      return .json(object.encoded(ClusterObject.Wire(request)))
    }
  }

  /// A namespace exists when it is the cluster's own, a system one, or holds an object (kubectl asks
  /// after a 404 on a named object, to tell a missing object from a missing namespace).
  func namespace(_ request: SandboxRequest) -> SandboxResponse {
    let name = request.pathParameters["name"] ?? ""
    let known = state.withLock { state in
      name == configuration.namespace || ["default", "kube-system"].contains(name)
        || state.objects.values.contains { $0.values.contains { $0.metadata.namespace == name } }
    }
    guard known else {
      return KubernetesStatus.failure(
        404, reason: "NotFound", message: "namespaces \"\(name)\" not found",
        details: .init(name: name, kind: "namespaces"))
    }
    let seed = name.utf8.reduce(UInt64(5381)) { ($0 &* 33) &+ UInt64($1) }
    let uid = String(
      format: "%08llx-%04llx-4%03llx-8%03llx-%012llx", seed >> 32, (seed >> 16) & 0xffff, seed & 0xfff,
      (seed >> 12) & 0xfff, seed & 0xffff_ffff_ffff)
    return ClusterDiscovery.json([
      "apiVersion": "v1", "kind": "Namespace",
      "metadata": [
        "name": name, "uid": uid, "resourceVersion": "1", "creationTimestamp": "2026-01-01T00:00:00Z",
        "labels": ["kubernetes.io/metadata.name": name],
      ],
      "spec": ["finalizers": ["kubernetes"]],
      "status": ["phase": "Active"],
    ])
  }

  // MARK: Writing

  func patch(_ kind: ResourceKind, _ namespace: String?, _ request: SandboxRequest) -> SandboxResponse {
    handling {
      let contentType = (request.header("Content-Type") ?? "").split(separator: ";").first.map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard
        contentType == "application/merge-patch+json"
          || contentType == "application/strategic-merge-patch+json"
      else {
        return KubernetesStatus.failure(
          415, reason: "UnsupportedMediaType",
          message:
            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json"
        )
      }
      guard let patch = try? JSONSerialization.jsonObject(with: request.body, options: [.fragmentsAllowed]),
        patch is [String: Any]
      else {
        return KubernetesStatus.badRequest("error decoding patch: invalid JSON")
      }
      let current = try lookup(kind, namespace, request)
      let currentJSON = try JSONSerialization.jsonObject(with: current.encoded())
      guard let merged = MergePatch.apply(patch, to: currentJSON),
        let mergedData = try? JSONSerialization.data(withJSONObject: merged),
        var updated = try? current.decodingSameKind(mergedData)
      else {
        return KubernetesStatus.failure(
          422, reason: "Invalid", message: "the patched object is not a valid \(kind.rawValue)")
      }
      if let version = updated.metadata.resourceVersion, version != current.metadata.resourceVersion {
        return KubernetesStatus.conflict(
          kind, current.metadata.name,
          "the object has been modified; please apply your changes to the latest version and try again")
      }
      updated.metadata.name = current.metadata.name
      updated.metadata.namespace = current.metadata.namespace
      if request.queryValue("dryRun") == "All" && configuration.generation.honoursDryRun {
        updated.metadata.resourceVersion = current.metadata.resourceVersion
        return .json(updated.encoded(ClusterObject.Wire(request)))
      }
      return .json(commitUpdate(kind, from: current, to: updated).encoded(ClusterObject.Wire(request)))
    }
  }

  func put(_ kind: ResourceKind, _ namespace: String?, _ request: SandboxRequest) -> SandboxResponse {
    handling {
      let current = try lookup(kind, namespace, request)
      guard var updated = try? ClusterObject.decode(kind, request.body) else {
        return KubernetesStatus.badRequest("the body is not a valid \(kind.rawValue) object")
      }
      guard updated.metadata.name == current.metadata.name else {
        return KubernetesStatus.badRequest(
          "the name of the object (\(updated.metadata.name)) does not match the name on the URL (\(current.metadata.name))"
        )
      }
      if let version = updated.metadata.resourceVersion, !version.isEmpty,
        version != current.metadata.resourceVersion
      {
        return KubernetesStatus.conflict(
          kind, current.metadata.name,
          "the object has been modified; please apply your changes to the latest version and try again")
      }
      updated.metadata.namespace = current.metadata.namespace
      updated.metadata.uid = current.metadata.uid
      updated.metadata.creationTimestamp = current.metadata.creationTimestamp
      if request.queryValue("dryRun") == "All" && configuration.generation.honoursDryRun {
        return .json(updated.encoded(ClusterObject.Wire(request)))
      }
      return .json(commitUpdate(kind, from: current, to: updated).encoded(ClusterObject.Wire(request)))
    }
  }

  /// Saves an update; a build whose `status.cancelled` was set is cancelled like OpenShift does.
  func commitUpdate(_ kind: ResourceKind, from current: ClusterObject, to updated: ClusterObject)
    -> ClusterObject
  {
    var updated = updated
    if case .node(let node) = updated { updated = .node(withSchedulingTaint(node)) }
    return mutate { state in
      if case .build(let old) = current, case .build(var new) = updated, new.status.cancelled == true,
        !old.status.phase.isTerminal
      {
        new.status.phase = old.status.phase
        new.status.reason = "CancelledBuild"
        new.status.message = "The build was cancelled by the user."
        return .build(setPhase(.cancelled, of: new, node: nil, in: &state))
      }
      return save(updated, kind: kind, in: &state)
    }
  }

  /// A cordoned node gets the `node.kubernetes.io/unschedulable:NoSchedule` taint on servers that add it
  /// (Kubernetes 1.12 and later), and loses it when uncordoned.
  func withSchedulingTaint(_ node: Node) -> Node {
    guard configuration.generation.taintsUnschedulableNodes else { return node }
    var node = node
    let key = "node.kubernetes.io/unschedulable"
    var taints = node.spec.taints ?? []
    let tainted = taints.contains { $0.key == key }
    if !node.isSchedulable && !tainted {
      taints.append(
        Taint(
          key: key, effect: "NoSchedule", timeAdded: ClusterClock.rfc3339(seconds: ClusterClock.nowSeconds()))
      )
    } else if node.isSchedulable && tainted {
      taints.removeAll { $0.key == key }
    }
    node.spec.taints = taints.isEmpty ? nil : taints
    return node
  }

  func delete(_ kind: ResourceKind, _ request: SandboxRequest) -> SandboxResponse {
    handling {
      let namespace = request.pathParameters["namespace"]
      let current = try lookup(kind, namespace, request)
      // Read as a tree: `JSONSerialization` was a tenth of the sandbox's work per DELETE in `prune builds`.
      if !request.body.isEmpty, case .object(let options)? = try? JSONTree(json: request.body),
        case .object(let preconditions)? = options["preconditions"]
      {
        if case .string(let version)? = preconditions["resourceVersion"],
          version != current.metadata.resourceVersion
        {
          return KubernetesStatus.conflict(
            kind, current.metadata.name,
            "Precondition failed: ResourceVersion in precondition: \(version), ResourceVersion in object meta: \(current.metadata.resourceVersion ?? "")"
          )
        }
        if case .string(let uid)? = preconditions["uid"], uid != current.metadata.uid {
          return KubernetesStatus.conflict(
            kind, current.metadata.name,
            "Precondition failed: UID in precondition: \(uid), UID in object meta: \(current.metadata.uid ?? "")"
          )
        }
      }
      mutate { state in
        _ = save(current, kind: kind, type: "DELETED", in: &state)
        if kind == .builds { state.logs.removeValue(forKey: current.key) }
      }
      return KubernetesStatus.success(
        details: .init(name: current.metadata.name, group: kind.group, kind: kind.rawValue))
    }
  }

  /// DELETE of a pod, or its eviction. A build pod that goes away fails its unfinished build.
  func deletePod(_ request: SandboxRequest, eviction: Bool) -> SandboxResponse {
    handling {
      let namespace = request.pathParameters["namespace"]
      let current = try lookup(.pods, namespace, request)
      guard case .pod(let pod) = current else {
        return KubernetesStatus.notFound(.pods, current.metadata.name)
      }
      return mutate { state in
        if eviction && state.disruptions.refuseEvictions.contains(current.key) {
          return KubernetesStatus.failure(
            429, reason: "TooManyRequests",
            message: "Cannot evict pod as it would violate the pod's disruption budget.",
            details: .init(causes: [
              .init(
                reason: "DisruptionBudget",
                message: "The disruption budget \(pod.metadata.name) needs 1 healthy pods and has 1 currently"
              )
            ]))
        }
        let deleted = save(current, kind: .pods, type: "DELETED", in: &state)
        if let buildName = pod.buildName,
          case .build(var build) = state.objects[.builds]?[
            ClusterObject.key(namespace: namespace, name: buildName)],
          !build.status.phase.isTerminal
        {
          build.status.reason = "BuildPodDeleted"
          build.status.message = "The pod for this build was deleted before the build completed."
          _ = setPhase(.error, of: build, node: nil, schedulePod: false, in: &state)
        }
        return eviction ? KubernetesStatus.success(code: 201) : .json(deleted.encoded())
      }
    }
  }

  // MARK: Watch

  func watch(_ kind: ResourceKind, filter: ObjectFilter, _ request: SandboxRequest) -> SandboxResponse {
    let requested = request.queryValue("resourceVersion") ?? ""
    let timeout = request.queryValue("timeoutSeconds").flatMap { Int($0) }
    let (stream, continuation) = AsyncStream<Data>.makeStream()
    var wire = ClusterObject.Wire(request)
    wire.tableVersion = ClusterTable.tableVersion(request, generation: configuration.generation)
    let (id, backlog) = mutate { state -> (Int?, [Data]) in
      var backlog: [Data] = []
      if requested.isEmpty || requested == "0" {
        for key in (state.objects[kind] ?? [:]).keys.sorted() {
          if let object = state.objects[kind]?[key], filter.matches(object) {
            backlog.append(Self.eventLine(type: "ADDED", object: object, wire: wire))
          }
        }
      } else {
        if state.disruptions.expireWatches > 0 {
          state.disruptions.expireWatches -= 1
          return (nil, [KubernetesStatus.expiredEvent(requested: requested, oldest: state.version)])
        }
        guard let version = Int(requested), version >= state.historyFloor else {
          return (nil, [KubernetesStatus.expiredEvent(requested: requested, oldest: state.historyFloor + 1)])
        }
        for entry in state.history
        where entry.version > version && entry.kind == kind && filter.matches(entry.object) {
          backlog.append(Self.eventLine(type: entry.type, object: entry.object, wire: wire))
        }
      }
      // A watch-list request (client-go's streaming list, which kubectl wait uses) learns where the
      // initial state ends from a bookmark carrying this annotation, as the apiserver sends it.
      if request.queryValue("sendInitialEvents") == "true", wire.tableVersion == nil {
        backlog.append(Self.initialEventsEndBookmark(kind, resourceVersion: state.version))
      }
      let id = state.nextWatcherID
      state.nextWatcherID += 1
      state.watchers[id] = Watcher(kind: kind, filter: filter, wire: wire, continuation: continuation)
      return (id, backlog)
    }
    if id == nil { continuation.finish() }
    return .streaming(headers: ["Content-Type": "application/json"]) { [self] writer in
      for line in backlog { writer.write(line) }
      // PipelineRuns move with the clock, not with requests: keep an open watch seeing them move.
      let pipelines =
        configuration.tekton.enabled
        ? Task { [self] in
          while !Task.isCancelled {
            advancePipelines()
            try await Task.sleep(for: .milliseconds(100))
          }
        } : nil
      let timer = Task {
        if let timeout, timeout > 0 {
          try await Task.sleep(for: .seconds(timeout))
          continuation.finish()
        }
      }
      for await line in stream { writer.write(line) }
      timer.cancel()
      pipelines?.cancel()
      if let id { _ = mutate { $0.watchers.removeValue(forKey: id) } }
    }
  }

  /// The BOOKMARK event that ends a watch-list's initial events: only the kind and metadata, the
  /// resourceVersion the state was read at and the `k8s.io/initial-events-end` annotation.
  static func initialEventsEndBookmark(_ kind: ResourceKind, resourceVersion: Int) -> Data {
    let object: [String: Any] = [
      "kind": String(kind.listKind.dropLast("List".count)),
      "apiVersion": kind.group.map { "\($0)/v1" } ?? "v1",
      "metadata": [
        "resourceVersion": String(resourceVersion), "annotations": ["k8s.io/initial-events-end": "true"],
      ],
    ]
    var line = Data(#"{"type":"BOOKMARK","object":"#.utf8)
    line.append(
      (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8))
    line.append(contentsOf: "}\n".utf8)
    return line
  }

  // MARK: Logs

  func log(_ request: SandboxRequest) -> SandboxResponse {
    handling {
      let namespace = request.pathParameters["namespace"]
      let name = request.pathParameters["name"] ?? ""
      let key = ClusterObject.key(namespace: namespace, name: name)
      guard state.withLock({ $0.objects[.builds]?[key] }) != nil else {
        return KubernetesStatus.notFound(.builds, name)
      }
      let follow = Self.queryBool(request.queryValue("follow"))
      // Origin 1.0 knew only follow (and nowait): the rest is ignored, the log whole and unstamped.
      let options = configuration.generation.honoursLogOptions
      let timestamps =
        options && Self.queryBool(request.queryValue("timestamps"))
      var since: Int64?
      if options, let text = request.queryValue("sinceTime") {
        guard let seconds = ClusterClock.parseSeconds(text) else {
          return KubernetesStatus.badRequest("invalid sinceTime: \(text)")
        }
        since = seconds
      }
      var tailLines: Int?
      if options, let text = request.queryValue("tailLines") {
        guard let count = Int(text), count >= 0 else {
          return KubernetesStatus.badRequest("invalid tailLines: \(text)")
        }
        tailLines = count
      }
      return streamLog(
        key: key, follow: follow, timestamps: timestamps, since: since, tailLines: tailLines, limitBytes: nil
      ) { state in
        guard case .build(let build) = state.objects[.builds]?[key] else { return true }
        return build.status.phase.isTerminal
      }
    }
  }

  /// Go's `strconv.ParseBool` truths, as the API server reads query booleans (`true`, `True`, `1`, …).
  static func queryBool(_ value: String?) -> Bool {
    guard let value else { return false }
    return ["1", "t", "T", "TRUE", "true", "True"].contains(value)
  }

  /// Streams the log kept under `key`: from `since`/`tailLines`, stamped or not, up to `limitBytes`,
  /// and with `follow` until `finished` says the writer is done; injected cuts end it mid-line.
  func streamLog(
    key: String, follow: Bool, timestamps: Bool, since: Int64?, tailLines: Int?, limitBytes: Int?,
    finished isDone: @escaping @Sendable (State) -> Bool
  ) -> SandboxResponse {
    let cutAfter = mutate { state -> Int? in
      guard state.disruptions.logCutsRemaining > 0 else { return nil }
      state.disruptions.logCutsRemaining -= 1
      return state.disruptions.logCutBytes
    }
    let pipelines = configuration.tekton.enabled
    return .streaming(headers: ["Content-Type": "text/plain"]) { [self, since, tailLines] writer in
      var position: Int?
      // Bytes of this response before a cut, counted in what is sent (stamped or not).
      var budget = cutAfter
      var limit = limitBytes
      let block = 256 << 10
      while !Task.isCancelled {
        if follow && pipelines { advancePipelines() }
        let (chunk, finished) = state.withLock { state -> (Data, Bool) in
          let store = state.logs[key] ?? BuildLogStore(generation: configuration.generation)
          let start =
            position ?? max(store.offset(sinceSeconds: since), store.offset(tailLines: tailLines))
          var end = min(store.bytes.count, start + block)
          // Blocks end between lines, so each can be unstamped on its own.
          if end < store.bytes.count,
            let newline = store.bytes[start..<end].lastIndex(of: UInt8(ascii: "\n"))
          {
            end = newline + 1
          }
          position = end
          let done = isDone(state)
          let slice = start < end ? Data(store.bytes[start..<end]) : Data()
          let finished = end == store.bytes.count && (!follow || done)
          return (timestamps ? slice : store.unstamped(start..<end), finished)
        }
        if let remaining = limit, chunk.count >= remaining {
          writer.write(chunk.prefix(remaining))
          return
        }
        if let remaining = limit { limit = remaining - chunk.count }
        if let remaining = budget, chunk.count >= remaining {
          // A cut lands inside a line, as a proxy's would; a client must not take it for the end.
          var cutAt = remaining
          if cutAt > 1, chunk[chunk.startIndex + cutAt - 1] == UInt8(ascii: "\n") { cutAt -= 1 }
          writer.write(chunk.prefix(cutAt))
          return
        }
        if let remaining = budget { budget = remaining - chunk.count }
        if !chunk.isEmpty {
          writer.write(chunk)
          await Task.yield()
          continue
        }
        if finished { return }
        try await Task.sleep(for: .milliseconds(20))
      }
    }
  }
}
