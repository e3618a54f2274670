import Foundation

/// Changes to a collection, each reported once.
///
/// Starts with a list (unless given a resourceVersion), then watches from the list's resourceVersion.
/// Closed or timed-out watches reconnect from the last seen resourceVersion; `410 Gone` (as a status or
/// an in-stream `ERROR`) relists and reports only what differs from what the caller already saw.
/// Events whose object carries a resourceVersion already reported for it are dropped.
public struct ResourceWatch<Object: KubernetesObject>: AsyncSequence, Sendable {
  public typealias Element = WatchEvent<Object>

  let client: OpenShiftClient
  let selector: ListSelector
  let resourceVersion: String?
  let includeExisting: Bool
  let path: @Sendable () async throws -> String

  public func makeAsyncIterator() -> Iterator { Iterator(source: self) }

  public struct Iterator: AsyncIteratorProtocol {
    let source: ResourceWatch
    /// The last object reported per `namespace/name`.
    var known: [String: Object] = [:]
    var pending: [WatchEvent<Object>] = []
    var pendingIndex = 0
    var resourceVersion: String?
    var listed = false
    var body: HTTPBodyStream.Iterator?
    var splitter = LineSplitter()
    var lines: [Data] = []
    var lineIndex = 0
    var failures = 0
    var eventsThisConnection = 0
    var resolvedPath: String?
    /// Relists done after the first list (410 Gone recoveries).
    public private(set) var relists = 0
    /// Watch requests made.
    public private(set) var connections = 0

    init(source: ResourceWatch) {
      self.source = source
      if let version = source.resourceVersion {
        resourceVersion = version
        listed = true
      }
    }

    public mutating func next() async throws -> WatchEvent<Object>? {
      while true {
        try Task.checkCancellation()
        if pendingIndex < pending.count {
          defer { pendingIndex += 1 }
          return pending[pendingIndex]
        }
        if !listed || resourceVersion == nil {
          try await relist()
          continue
        }
        if lineIndex < lines.count {
          let line = lines[lineIndex]
          lineIndex += 1
          if let event = try handle(line) { return event }
          continue
        }
        if body == nil {
          try await connect()
          continue
        }
        let chunk: Data?
        do {
          chunk = try await body?.next()
        } catch let error as HTTPError where error.failureKind == .unavailable {
          body = nil
          try await noteFailure(error)
          continue
        }
        if let chunk {
          lines = splitter.lines(in: chunk)
          lineIndex = 0
        } else {
          // The server ended the watch (timeoutSeconds, restart): continue from the last version.
          body = nil
          if eventsThisConnection == 0 {
            try await Task.sleep(for: source.client.options.initialBackoff)
          }
        }
      }
    }

    private mutating func path() async throws -> String {
      if let resolvedPath { return resolvedPath }
      let path = try await source.path()
      resolvedPath = path
      return path
    }

    private mutating func connect() async throws {
      let client = source.client
      var query = source.selector.queryItems
      query += [
        QueryItem("watch", "1"), QueryItem("resourceVersion", resourceVersion ?? ""),
        QueryItem("allowWatchBookmarks", "true"),
        QueryItem("timeoutSeconds", String(client.options.watchTimeoutSeconds)),
      ]
      do {
        connections += 1
        let response = try await client.openStream(
          OpenShiftClient.APIRequest(path: try await path(), query: query))
        body = response.body.makeAsyncIterator()
        splitter = LineSplitter()
        lines = []
        lineIndex = 0
        eventsThisConnection = 0
      } catch let error as OpenShiftError where error.failure?.code == 410 {
        resourceVersion = nil
      } catch let error as HTTPError where error.mayPassOnRetry {
        try await noteFailure(error)
      }
    }

    private mutating func noteFailure(_ error: HTTPError) async throws {
      failures += 1
      guard failures <= source.client.options.maxReconnectFailures else { throw error }
      try await Task.sleep(for: source.client.backoff(attempt: failures, retryAfter: nil))
    }

    /// Lists everything and queues the differences from what was reported before.
    private mutating func relist() async throws {
      let client = source.client
      let path = try await path()
      var fresh: [String: Object] = [:]
      var order: [String] = []
      var token: String?
      var listVersion: String?
      repeat {
        let page = try await client.listPage(
          Object.self, path: path, selector: source.selector, continue: token)
        if listVersion == nil { listVersion = page.metadata.resourceVersion }
        for object in page.items {
          fresh[object.objectKey] = object
          order.append(object.objectKey)
        }
        token = page.metadata.continue.flatMap { $0.isEmpty ? nil : $0 }
      } while token != nil
      var events: [WatchEvent<Object>] = []
      let reportChanges = listed || source.includeExisting
      if reportChanges {
        for key in order {
          guard let object = fresh[key] else { continue }
          if let previous = known[key] {
            if previous.metadata.resourceVersion != object.metadata.resourceVersion {
              events.append(WatchEvent(type: .modified, object: object))
            }
          } else {
            events.append(WatchEvent(type: .added, object: object))
          }
        }
        for (key, object) in known where fresh[key] == nil {
          events.append(WatchEvent(type: .deleted, object: object))
        }
      }
      if listed { relists += 1 }
      known = fresh
      pending = events
      pendingIndex = 0
      listed = true
      resourceVersion = listVersion ?? ""
      body = nil
      lines = []
      lineIndex = 0
    }

    private mutating func handle(_ line: Data) throws -> WatchEvent<Object>? {
      guard !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) else { return nil }
      let wire: WireWatchEvent<Object>
      do {
        wire = try JSONDecoder().decode(WireWatchEvent<Object>.self, from: line)
      } catch {
        throw OpenShiftError.malformedResponse(
          url: SecretRedactor.redact(url: source.client.baseURL), detail: "undecodable watch event: \(error)")
      }
      eventsThisConnection += 1
      failures = 0
      switch wire.type {
      case "ERROR":
        let status = wire.status
        if status?.code == 410 || status?.reason == "Expired" || status?.reason == "Gone" {
          // The version is too old: forget the connection and relist.
          resourceVersion = nil
          body = nil
          lines = []
          lineIndex = 0
          return nil
        }
        let statusBody = (try? JSONEncoder().encode(status)) ?? Data()
        throw OpenShiftError.from(
          status: status?.code ?? 500, body: statusBody, method: "GET", url: source.client.baseURL,
          attempts: 1)
      case "BOOKMARK":
        if let version = wire.bookmarkResourceVersion { resourceVersion = version }
        return nil
      default:
        guard let object = wire.object else { return nil }
        let key = object.objectKey
        if let version = object.metadata.resourceVersion { resourceVersion = version }
        if wire.type == "DELETED" {
          guard known.removeValue(forKey: key) != nil else { return nil }
          return WatchEvent(type: .deleted, object: object)
        }
        if let previous = known[key], previous.metadata.resourceVersion == object.metadata.resourceVersion {
          return nil
        }
        let type: WatchEventType = known[key] == nil ? .added : .modified
        known[key] = object
        return WatchEvent(type: type, object: object)
      }
    }
  }
}

extension OpenShiftClient {
  /// Watches builds; `includeExisting` reports the current builds first as `ADDED`.
  public func watchBuilds(
    in scope: NamespaceScope = .current, selector: ListSelector = .everything, resourceVersion: String? = nil,
    includeExisting: Bool = true
  ) -> ResourceWatch<Build> {
    ResourceWatch(
      client: self, selector: selector, resourceVersion: resourceVersion, includeExisting: includeExisting
    ) { try await self.buildsPath(scope) }
  }

  /// Watches one build (`fieldSelector=metadata.name=NAME`).
  public func watchBuild(named name: String, in scope: NamespaceScope = .current) -> ResourceWatch<Build> {
    watchBuilds(in: scope, selector: ListSelector(fields: "metadata.name=\(name)"))
  }

  public func watchNodes(selector: ListSelector = .everything, includeExisting: Bool = true) -> ResourceWatch<
    Node
  > {
    ResourceWatch(client: self, selector: selector, resourceVersion: nil, includeExisting: includeExisting) {
      "/api/v1/nodes"
    }
  }
}
