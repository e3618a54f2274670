import Foundation
import Synchronization

/// Which path family serves builds and buildconfigs.
public enum BuildAPIEra: String, Sendable, Codable, CaseIterable {
  /// `/apis/build.openshift.io/v1` (OpenShift 3.6+ and 4.x).
  case grouped
  /// `/oapi/v1` (OpenShift 1.x–3.x).
  case legacy

  /// The collection root, e.g. `/apis/build.openshift.io/v1`.
  public var basePath: String {
    switch self {
    case .grouped: "/apis/build.openshift.io/v1"
    case .legacy: "/oapi/v1"
    }
  }

  /// The configuration value (`auto`, `grouped`, `legacy`); nil for `auto` and anything unknown.
  public init?(configValue: String) {
    switch configValue.lowercased() {
    case "grouped", "apis": self = .grouped
    case "legacy", "oapi": self = .legacy
    default: return nil
    }
  }
}

/// Which namespaces a namespaced request covers.
public enum NamespaceScope: Sendable, Equatable {
  /// The client's configured namespace.
  case current
  case named(String)
  /// Every namespace (`-A`).
  case all
}

/// Label and field selectors in Kubernetes syntax (`a=b,c!=d`).
public struct ListSelector: Sendable, Equatable {
  public var labels: String?
  public var fields: String?

  public init(labels: String? = nil, fields: String? = nil) {
    self.labels = labels
    self.fields = fields
  }

  public static let everything = ListSelector()

  /// Builds not yet in a final phase (osbs' `--running`).
  public static let unfinishedBuilds = ListSelector(
    fields: "status!=Failed,status!=Complete,status!=Error,status!=Cancelled")

  var queryItems: [QueryItem] {
    var items: [QueryItem] = []
    if let labels, !labels.isEmpty { items.append(QueryItem("labelSelector", labels)) }
    if let fields, !fields.isEmpty { items.append(QueryItem("fieldSelector", fields)) }
    return items
  }
}

/// One `name=value` query parameter.
public struct QueryItem: Sendable, Equatable {
  public var name: String
  public var value: String

  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// One failed try that will be retried, for the executable to mention on stderr.
public struct OpenShiftRetryEvent: Sendable {
  public var method: String
  /// The request's URL, redacted.
  public var url: String
  /// The try that failed (1 for the first) and how many tries the policy allows.
  public var attempt: Int
  public var maxAttempts: Int
  /// What went wrong: a transport error or `HTTP 503`.
  public var reason: String
  /// The wait before the next try.
  public var wait: Duration
  /// The most the remaining tries can add in waits (transfer time comes on top), bounded by the
  /// request timeout when one is set.
  public var longestRemainingWait: Duration
}

public struct OpenShiftClientOptions: Sendable {
  /// Attempts per request for 429, 5xx and network failures (the first try included).
  public var maxAttempts: Int
  public var initialBackoff: Duration
  /// Upper bound for one wait, also for a server's `Retry-After`.
  public var maxBackoff: Duration
  /// `limit` per list page.
  public var pageSize: Int
  /// `timeoutSeconds` asked for on each watch request; the watch reconnects after it.
  public var watchTimeoutSeconds: Int
  /// How often a followed log or watch may reconnect after failures in a row before giving up.
  public var maxReconnectFailures: Int
  /// The longest one call may take, every retry included (`--request-timeout`); streams are bounded
  /// only until they open. nil: no such limit.
  public var requestTimeout: Duration?
  /// Told about each try that failed and will be retried.
  public var onRetry: (@Sendable (OpenShiftRetryEvent) -> Void)?
  /// Told once per try that has had no answer for a while: method, redacted URL, time waited.
  public var onSlowAnswer: (@Sendable (_ method: String, _ url: String, _ waited: Duration) -> Void)?
  public var slowAnswerAfter: Duration = .seconds(10)
  /// Waits out a backoff or a server's `Retry-After` before the next try; tests record the wait here.
  public var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

  public init(
    maxAttempts: Int = 6, initialBackoff: Duration = .milliseconds(250), maxBackoff: Duration = .seconds(30),
    pageSize: Int = 500, watchTimeoutSeconds: Int = 240, maxReconnectFailures: Int = 10
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.initialBackoff = initialBackoff
    self.maxBackoff = maxBackoff
    self.pageSize = max(1, pageSize)
    self.watchTimeoutSeconds = watchTimeoutSeconds
    self.maxReconnectFailures = maxReconnectFailures
  }
}

/// A client of the OpenShift/Kubernetes REST API over `HTTPClient`.
///
/// Failed requests throw `OpenShiftError`; 429 and 5xx are retried with backoff that honours
/// `Retry-After`. Build paths come from discovery (`/apis`, then `/oapi/v1`) unless configured.
public final class OpenShiftClient: Sendable {
  public let baseURL: String
  /// The namespace of `NamespaceScope.current`.
  public let namespace: String
  public let options: OpenShiftClientOptions
  let http: HTTPClient
  private let configuredAPI: BuildAPIEra?
  /// What discovery found: an era, or `buildAPIMissing` (a cluster without the Build capability stays so).
  private let discoveredAPI = Mutex<Result<BuildAPIEra, OpenShiftError>?>(nil)
  private let dryRunSupport = Mutex<Bool?>(nil)
  private let removalMethod = Mutex<PodRemovalMethod?>(nil)

  public init(
    http: HTTPClient, baseURL: String, namespace: String, buildAPI: BuildAPIEra? = nil,
    options: OpenShiftClientOptions = OpenShiftClientOptions()
  ) {
    self.http = http
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.namespace = namespace
    self.configuredAPI = buildAPI
    self.options = options
  }

  /// A client for a resolved connection; `buildAPI` `auto` (or unknown) means discover.
  public convenience init(
    connection: OpenShiftConnection, options: OpenShiftClientOptions = OpenShiftClientOptions(),
    diagnostics: HTTPDiagnostics = HTTPDiagnostics(), userAgent: String = "osbsctl",
    maxResponseBytes: Int = HTTPClientConfiguration.defaultMaxResponseBytes,
    transport: (any HTTPTransport)? = nil
  ) throws {
    var configuration = HTTPClientConfiguration(
      tls: connection.endpoint.tls, auth: connection.endpoint.auth, userAgent: userAgent,
      maxResponseBytes: maxResponseBytes, diagnostics: diagnostics)
    configuration.transport = transport
    configuration.proxy = connection.endpoint.proxy
    let http = try HTTPClient(configuration: configuration)
    self.init(
      http: http, baseURL: connection.endpoint.baseURL, namespace: connection.namespace,
      buildAPI: BuildAPIEra(configValue: connection.buildAPI), options: options)
  }

  // MARK: Discovery

  /// The build API to use: the configured one, else what the server announces (cached).
  public func buildAPI() async throws -> BuildAPIEra {
    if let configuredAPI { return configuredAPI }
    if let known = discoveredAPI.withLock({ $0 }) { return try known.get() }
    do {
      let era = try await discoverBuildAPI()
      discoveredAPI.withLock { $0 = .success(era) }
      return era
    } catch let error as OpenShiftError where error.isBuildAPIMissing {
      discoveredAPI.withLock { $0 = .failure(error) }
      throw error
    }
  }

  /// Whether the server has a build API at all. OpenShift 4.14 and later can be installed without the
  /// Build capability; there OSBS 2's PipelineRuns are the only builds.
  public func servesBuildAPI() async throws -> Bool {
    do {
      _ = try await buildAPI()
      return true
    } catch OpenShiftError.buildAPIMissing {
      return false
    }
  }

  private struct GroupList: Decodable {
    struct Group: Decodable { var name: String }
    var groups: [Group]?
  }

  private func discoverBuildAPI() async throws -> BuildAPIEra {
    do {
      let groups: GroupList = try await getJSON("/apis")
      if groups.groups?.contains(where: { $0.name == "build.openshift.io" }) == true { return .grouped }
    } catch let error as OpenShiftError where error.failureKind == .notFound {
      // Servers before API groups have no /apis at all.
    }
    do {
      _ = try await send(APIRequest(path: "/oapi/v1"))
      return .legacy
    } catch let error as OpenShiftError where error.failureKind == .notFound {
      throw OpenShiftError.buildAPIMissing(url: SecretRedactor.redact(url: baseURL))
    }
  }

  private struct ResourceList: Decodable {
    struct Resource: Decodable {
      var name: String
      var group: String?
      var version: String?
    }
    var resources: [Resource]?
  }

  /// How a drain removes pods on this server: the Eviction version `/api/v1` lists for `pods/eviction`
  /// (Kubernetes 1.9 serves only `policy/v1beta1` and rejects `policy/v1` with 400), or a plain delete
  /// where there is no eviction subresource.
  public func podRemovalMethod() async throws -> PodRemovalMethod {
    if let known = removalMethod.withLock({ $0 }) { return known }
    let list: ResourceList = try await getJSON("/api/v1")
    let method: PodRemovalMethod
    if let eviction = list.resources?.first(where: { $0.name == "pods/eviction" }) {
      method = .eviction(apiVersion: "\(eviction.group ?? "policy")/\(eviction.version ?? "v1beta1")")
    } else {
      method = .delete
    }
    removalMethod.withLock { $0 = method }
    return method
  }

  /// `GET /version`.
  public func serverVersion() async throws -> ServerVersion {
    try await getJSON("/version")
  }

  /// Whether the server applies `dryRun=All` as a dry run. Kubernetes before 1.12 ignores the
  /// parameter and saves the change (1.12 had it behind an alpha gate, 1.13 on by default), so only
  /// a server that says it is 1.13 or later gets one; an unreadable version counts as old.
  public func honoursServerDryRun() async -> Bool {
    if let known = dryRunSupport.withLock({ $0 }) { return known }
    let supported = (try? await serverVersion())?.isAtLeast(major: 1, minor: 13) ?? false
    dryRunSupport.withLock { $0 = supported }
    return supported
  }

  // MARK: Paths

  func buildsPath(_ scope: NamespaceScope, resource: String = "builds") async throws -> String {
    let base = try await buildAPI().basePath
    return base + namespacePrefix(scope) + "/" + resource
  }

  func namespacePrefix(_ scope: NamespaceScope) -> String {
    switch scope {
    case .current: "/namespaces/" + Self.segment(namespace)
    case .named(let name): "/namespaces/" + Self.segment(name)
    case .all: ""
    }
  }

  func namespaceName(_ scope: NamespaceScope) -> String {
    if case .named(let name) = scope { return name }
    return namespace
  }

  static func segment(_ text: String) -> String {
    // Names are almost always unreserved already; checking the bytes spares Foundation's encoder (and
    // its bridging) on every request of a prune.
    if text.utf8.allSatisfy(isUnreserved) { return text }
    return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
  }

  private static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
      UInt8(ascii: "~"):
      true
    default: false
    }
  }

  static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

  func url(_ path: String, _ query: [QueryItem]) -> String {
    guard !query.isEmpty else { return baseURL + path }
    let encoded = query.map { Self.segment($0.name) + "=" + Self.segment($0.value) }.joined(separator: "&")
    return baseURL + path + "?" + encoded
  }

  // MARK: Requests

  struct APIRequest: Sendable {
    var method = "GET"
    var path: String
    var query: [QueryItem] = []
    var body: Data?
    var contentType: String?
    var accept = "application/json"
    var retry = RetryPolicy.standard
  }

  /// How a request is tried again when the server refuses or fails it.
  enum RetryPolicy: Sendable {
    /// Up to the client's `maxAttempts`, with backoff or the server's `Retry-After`.
    case standard
    /// Once: the caller has its own schedule and deadline for trying again (a drain's evictions,
    /// which a disruption budget refuses with 429 until it allows them).
    case once
  }

  func maxAttempts(_ request: APIRequest) -> Int { request.retry == .once ? 1 : options.maxAttempts }

  func httpRequest(_ request: APIRequest) throws(OpenShiftError) -> HTTPRequest {
    // An empty name or namespace leaves an empty segment (`/nodes/`, `/namespaces//builds`): on the wire
    // that would be another request (the whole list, or a 404 for a path), so it is refused here.
    if request.path.hasSuffix("/") || request.path.contains("//") {
      throw .emptyName(request.path.contains("/namespaces//") ? "namespace" : "resource name")
    }
    var headers = HTTPHeaders()
    headers.add("Accept", request.accept)
    if let contentType = request.contentType { headers.add("Content-Type", contentType) }
    return HTTPRequest(
      method: request.method, url: url(request.path, request.query), headers: headers, body: request.body)
  }

  /// Whether a status is worth another try: throttling always (the server did nothing), server errors
  /// only for requests that are safe to repeat.
  func isRetryable(status: Int, method: String) -> Bool {
    if status == 429 { return true }
    guard [500, 502, 503, 504].contains(status) else { return false }
    return method != "POST"
  }

  /// The wait before attempt `attempt + 1`: the server's `Retry-After` (bounded), else exponential.
  func backoff(attempt: Int, retryAfter: String?) -> Duration {
    if let retryAfter, let seconds = Int(retryAfter.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
      return min(.seconds(seconds), options.maxBackoff)
    }
    var delay = options.initialBackoff
    for _ in 1..<max(1, attempt) { delay = min(delay * 2, options.maxBackoff) }
    return min(delay, options.maxBackoff)
  }

  /// The most the tries after `attempt` can add in waits.
  func longestRemainingWait(after attempt: Int, deadline: RequestDeadline?) -> Duration {
    var total = Duration.zero
    if attempt < options.maxAttempts {
      for next in attempt..<options.maxAttempts { total += backoff(attempt: next, retryAfter: nil) }
    }
    return deadline.map { min(total, $0.remaining) } ?? total
  }

  /// Before another try: gives up if the request timeout would pass, else reports the retry and waits.
  private func pause(
    before attempt: Int, wait: Duration, reason: String, method: String, url: String,
    deadline: RequestDeadline?
  ) async throws {
    if let deadline, deadline.forbids(waiting: wait) { throw deadline.tooLateToRetry(url: url) }
    options.onRetry?(
      OpenShiftRetryEvent(
        method: method, url: url, attempt: attempt, maxAttempts: options.maxAttempts, reason: reason,
        wait: wait,
        longestRemainingWait: longestRemainingWait(after: attempt, deadline: deadline)))
    try await options.sleep(wait)
  }

  /// Sends with retries; any status of 400 or more ends as `OpenShiftError`.
  func send(_ request: APIRequest) async throws -> HTTPResponse {
    let wire = try httpRequest(request)
    let deadline = RequestDeadline(options.requestTimeout)
    let redactedURL = SecretRedactor.redact(url: wire.url)
    let http = http
    var attempt = 1
    while true {
      let response: HTTPResponse
      do {
        response = try await http.send(
          wire, deadline: deadline, slow: slowNotice(request.method, redactedURL))
      } catch let error as HTTPError
        where error.mayPassOnRetry && !error.isRequestTimeout
      {
        guard attempt < maxAttempts(request), request.method != "POST" else { throw error }
        try await pause(
          before: attempt, wait: backoff(attempt: attempt, retryAfter: nil), reason: error.description,
          method: request.method, url: redactedURL, deadline: deadline)
        attempt += 1
        continue
      }
      if response.status < 400 { return response }
      if isRetryable(status: response.status, method: request.method), attempt < maxAttempts(request) {
        try await pause(
          before: attempt, wait: backoff(attempt: attempt, retryAfter: response.headers["Retry-After"]),
          reason: "HTTP \(response.status)", method: request.method, url: redactedURL, deadline: deadline)
        attempt += 1
        continue
      }
      throw OpenShiftError.from(
        status: response.status, body: response.body, method: request.method, url: wire.url, attempts: attempt
      )
    }
  }

  /// Opens a streamed response with the same retry rules as `send`.
  func openStream(_ request: APIRequest) async throws -> HTTPStreamingResponse {
    let wire = try httpRequest(request)
    let deadline = RequestDeadline(options.requestTimeout)
    let redactedURL = SecretRedactor.redact(url: wire.url)
    let http = http
    var attempt = 1
    while true {
      do {
        return try await RequestDeadline.run(
          deadline, url: redactedURL, slow: slowNotice(request.method, redactedURL)
        ) { try await http.stream(wire) }
      } catch let HTTPError.status(code, _, excerpt) {
        if isRetryable(status: code, method: request.method), attempt < maxAttempts(request) {
          try await pause(
            before: attempt, wait: backoff(attempt: attempt, retryAfter: nil), reason: "HTTP \(code)",
            method: request.method, url: redactedURL, deadline: deadline)
          attempt += 1
          continue
        }
        throw OpenShiftError.from(
          status: code, body: Data(excerpt.utf8), method: request.method, url: wire.url, attempts: attempt)
      } catch let error as HTTPError
        where error.mayPassOnRetry && !error.isRequestTimeout
      {
        guard attempt < maxAttempts(request) else { throw error }
        try await pause(
          before: attempt, wait: backoff(attempt: attempt, retryAfter: nil), reason: error.description,
          method: request.method, url: redactedURL, deadline: deadline)
        attempt += 1
      }
    }
  }

  private func slowNotice(_ method: String, _ url: String) -> SlowAnswerNotice? {
    guard let onSlowAnswer = options.onSlowAnswer else { return nil }
    return SlowAnswerNotice(after: options.slowAnswerAfter) { waited in onSlowAnswer(method, url, waited) }
  }

  func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, path: String) throws -> T {
    try reading("\(T.self)", path: path) { try JSONDecoder().decode(T.self, from: response.body) }
  }

  /// `read`'s result, or its failure as the malformed reply of `path` that cannot be read as `what`.
  func reading<T>(_ what: String, path: String, _ read: () throws -> T) throws -> T {
    do {
      return try read()
    } catch {
      throw OpenShiftError.malformedResponse(
        url: SecretRedactor.redact(url: baseURL + path), detail: "cannot decode \(what): \(error)")
    }
  }

  func getJSON<T: Decodable>(_ path: String, query: [QueryItem] = []) async throws -> T {
    let response = try await send(APIRequest(path: path, query: query))
    return try decode(T.self, from: response, path: path)
  }

  func sendJSON<T: Decodable>(
    _ method: String, _ path: String, body: Data, contentType: String = "application/json",
    query: [QueryItem] = []
  ) async throws -> T {
    let response = try await send(
      APIRequest(method: method, path: path, query: query, body: body, contentType: contentType))
    return try decode(T.self, from: response, path: path)
  }

  // MARK: Lists

  /// One page of a collection.
  public func listPage<Object: KubernetesObject>(
    _ type: Object.Type, path: String, selector: ListSelector = .everything, limit: Int? = nil,
    continue token: String? = nil
  ) async throws -> ObjectList<Object> {
    let response = try await listPageResponse(path: path, selector: selector, limit: limit, continue: token)
    return try decode(ObjectList<Object>.self, from: response, path: path)
  }

  private func listPageResponse(path: String, selector: ListSelector, limit: Int?, continue token: String?)
    async throws -> HTTPResponse
  {
    var query = selector.queryItems
    query.append(QueryItem("limit", String(limit ?? options.pageSize)))
    if let token { query.append(QueryItem("continue", token)) }
    return try await send(APIRequest(path: path, query: query))
  }

  /// One page as received, with only its list metadata decoded: the `continue` token is known before
  /// the items are decoded, so the next page can be on its way meanwhile.
  struct RawListPage: Sendable {
    var response: HTTPResponse
    var metadata: ListMeta
  }

  func fetchListPage(path: String, selector: ListSelector, limit: Int?, continue token: String?)
    async throws -> RawListPage
  {
    let response = try await listPageResponse(path: path, selector: selector, limit: limit, continue: token)
    // As strict as decoding the whole list: a list without `metadata` is malformed either way.
    struct Head: Decodable { var metadata: ListMeta }
    return RawListPage(
      response: response, metadata: try decode(Head.self, from: response, path: path).metadata)
  }

  /// Every object of a collection, fetched page by page as the sequence is iterated.
  func paged<Object: KubernetesObject>(
    _ type: Object.Type, selector: ListSelector, pageSize: Int?,
    path: @escaping @Sendable () async throws -> String
  ) -> PagedObjects<Object> {
    PagedObjects(client: self, selector: selector, pageSize: pageSize ?? options.pageSize, path: path)
  }
}

/// How pods leave a node being drained.
public enum PodRemovalMethod: Sendable, Equatable, CustomStringConvertible {
  /// An Eviction of this API version (`policy/v1`, `policy/v1beta1`).
  case eviction(apiVersion: String)
  /// No eviction subresource: DELETE with the pod's grace period.
  case delete

  public var description: String {
    switch self {
    case .eviction(let version): "eviction (\(version))"
    case .delete: "delete (the server has no eviction API)"
    }
  }
}

/// `GET /version`.
public struct ServerVersion: Codable, Sendable, Equatable {
  public var major: String?
  public var minor: String?
  public var gitVersion: String?
  public var platform: String?

  /// Compares with `major.minor`; `minor` may carry a `+` (`"9+"`), and where the fields are empty the
  /// `gitVersion` (`v1.9.1+a0ce1bc657`) is read instead. Unknown versions are not "at least" anything.
  public func isAtLeast(major wantedMajor: Int, minor wantedMinor: Int) -> Bool {
    func number(_ text: Substring) -> Int? { Int(text.prefix { $0.isNumber }) }
    var parsed: (Int, Int)?
    if let major = major.flatMap({ number(Substring($0)) }),
      let minor = minor.flatMap({ number(Substring($0)) })
    {
      parsed = (major, minor)
    } else if let git = gitVersion?.drop(while: { $0 == "v" }) {
      let parts = git.split(separator: ".")
      if parts.count >= 2, let major = number(parts[0]), let minor = number(parts[1]) {
        parsed = (major, minor)
      }
    }
    guard let (major, minor) = parsed else { return false }
    return (major, minor) >= (wantedMajor, wantedMinor)
  }
}

/// The objects of a collection, fetched a page (`limit`/`continue`) at a time; while one page is decoded
/// and handed out, the next is already being fetched, so the server's work on page n + 1 overlaps the
/// client's on page n.
public struct PagedObjects<Object: KubernetesObject>: AsyncSequence, Sendable {
  public typealias Element = Object

  let client: OpenShiftClient
  let selector: ListSelector
  let pageSize: Int
  let path: @Sendable () async throws -> String

  public func makeAsyncIterator() -> Iterator {
    Iterator(source: self)
  }

  /// All objects in one array; for callers that need them all anyway.
  public func collect() async throws -> [Object] {
    var all: [Object] = []
    for try await object in self { all.append(object) }
    return all
  }

  public struct Iterator: AsyncIteratorProtocol {
    let source: PagedObjects
    var page: [Object] = []
    var index = 0
    var token: String?
    var started = false
    var resolvedPath: String?
    /// The first page's `metadata.resourceVersion`: where a watch continues after this list.
    public private(set) var listResourceVersion: String?
    /// Keys of the objects handed out, so a list restarted after an expired token repeats none.
    var delivered: Set<String> = []
    var restarted = false
    /// The request for the page after the current one, already sent.
    var prefetched: PrefetchedPage?

    init(source: PagedObjects) { self.source = source }

    public mutating func next() async throws -> Object? {
      while true {
        while index == page.count {
          if started && token == nil { return nil }
          try await fetchPage()
        }
        let object = page[index]
        index += 1
        // After a restart the first pages come again; what was handed out already is skipped.
        guard delivered.insert(object.objectKey).inserted || !restarted else { continue }
        return object
      }
    }

    /// The next page. A `continue` token can expire (410 `Expired`, after the server compacted its
    /// history): the list then starts over once; a second expiry means the collection keeps changing
    /// faster than it can be read, which is the server being unavailable, not the thing being absent.
    private mutating func fetchPage() async throws {
      let path: String
      if let resolvedPath {
        path = resolvedPath
      } else {
        path = try await source.path()
        resolvedPath = path
      }
      let raw: OpenShiftClient.RawListPage
      do {
        if let pending = prefetched {
          prefetched = nil
          raw = try await pending.value
        } else {
          raw = try await source.client.fetchListPage(
            path: path, selector: source.selector, limit: source.pageSize, continue: token)
        }
      } catch let OpenShiftError.gone(failure) where token != nil {
        guard !restarted else {
          var detail = failure
          detail.message =
            "the list of \(path) changed underneath while it was read page by page, twice (its continue "
            + "token expired: \(failure.message))"
          throw OpenShiftError.unavailable(detail, attempts: 2)
        }
        restarted = true
        token = nil
        started = false
        page = []
        index = 0
        return
      }
      if !started { listResourceVersion = raw.metadata.resourceVersion }
      started = true
      let next = raw.metadata.continue ?? ""
      token = next.isEmpty ? nil : next
      if let token {
        let (client, selector, limit) = (source.client, source.selector, source.pageSize)
        prefetched = PrefetchedPage(
          Task {
            try await client.fetchListPage(path: path, selector: selector, limit: limit, continue: token)
          })
      }
      page = try source.client.decode(ObjectList<Object>.self, from: raw.response, path: path).items
      index = 0
    }
  }

  /// A page request in flight; dropped with the iterator (a caller that stops early), it is cancelled.
  final class PrefetchedPage: Sendable {
    private let task: Task<OpenShiftClient.RawListPage, any Error>

    init(_ task: Task<OpenShiftClient.RawListPage, any Error>) { self.task = task }

    deinit { task.cancel() }

    /// The page; cancelling the waiting task cancels the request too.
    var value: OpenShiftClient.RawListPage {
      get async throws {
        try await withTaskCancellationHandler {
          try await task.value
        } onCancel: {
          task.cancel()
        }
      }
    }
  }
}
