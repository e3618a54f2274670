import Foundation

/// A rule that makes the sandbox misbehave for matching requests.
///
/// JSON form (control API `POST /_sandbox/faults`):
/// `{"match": {"path": "/kojihub", "method": "POST", "xmlrpcMethod": "getTaskInfo", "bodyContains": "…"},
///   "action": {"type": "delay", "ms": 500}, "times": 2}`.
/// Action types: `delay` (`ms`), `status` (`code`, optional `body`, `contentType`), `throttle`
/// (`retryAfterSeconds`), `dropConnection` (optional `afterExecute`), `dropAfterExecute`, `expireSession`, `kojiFault` (`faultCode`,
/// `faultString`: the hub answers 200 with that fault, whatever the call, multicalls whole), and
/// `databaseOutage` (`kojiFault` 1014 "database outage", capture 74); an action may also be given as a
/// bare string naming a type without fields. `times` absent or null means every matching request;
/// `durationMs` ends the rule that long after it was installed (an outage of a few seconds).
///
/// These rules are the sandbox's one system of request faults. What a simulator keeps besides them
/// (`OpenShiftCluster.Disruptions`: log streams a proxy cuts mid-body, watches that expire, evictions a
/// disruption budget refuses, compacted `continue` tokens) happens inside a response or to an object,
/// where a rule on the request cannot reach.
public struct FaultRule: Sendable, Codable, Equatable {
  public var match: Match
  public var action: Action
  /// How many matching requests the rule affects; nil = unlimited.
  public var times: Int?
  /// How long after installation the rule stays; nil = until `times` runs out or it is removed.
  public var durationMs: Int?

  public init(match: Match = Match(), action: Action, times: Int? = nil, durationMs: Int? = nil) {
    self.match = match
    self.action = action
    self.times = times
    self.durationMs = durationMs
  }

  /// Every given field must match; an empty match matches every request (control API excluded).
  public struct Match: Sendable, Codable, Equatable {
    /// Exact path, or a pattern where `*` matches any run of characters (`/apis/*/builds*`).
    public var path: String?
    /// HTTP method, case-insensitive.
    public var method: String?
    /// XML-RPC method name of a Koji call; never matches a request that is not one.
    public var xmlrpcMethod: String?
    /// Text the request body must contain, such as `<string>cancelTask</string>` to pick, among
    /// multicalls, the one that carries a call.
    public var bodyContains: String?

    public init(
      path: String? = nil, method: String? = nil, xmlrpcMethod: String? = nil, bodyContains: String? = nil
    ) {
      self.path = path
      self.method = method
      self.xmlrpcMethod = xmlrpcMethod
      self.bodyContains = bodyContains
    }

    /// Whether a request with these properties matches; `xmlrpcMethod` is nil for non-Koji requests.
    public func matches(method: String, path: String, xmlrpcMethod: String?, body: Data = Data()) -> Bool {
      if let expected = self.method, expected.uppercased() != method.uppercased() { return false }
      if let expected = self.xmlrpcMethod, expected != xmlrpcMethod { return false }
      if let pattern = self.path, !Self.glob(pattern, matches: path) { return false }
      if let text = bodyContains, body.range(of: Data(text.utf8)) == nil { return false }
      return true
    }

    func matches(_ target: FaultTarget) -> Bool {
      matches(method: target.method, path: target.path, xmlrpcMethod: target.xmlrpcMethod, body: target.body)
    }

    static func glob(_ pattern: String, matches text: String) -> Bool {
      let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
      guard pieces.count > 1 else { return pattern == text }
      guard text.hasPrefix(pieces[0]) else { return false }
      var rest = text.dropFirst(pieces[0].count)
      for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
        guard let range = rest.range(of: piece) else { return false }
        rest = rest[range.upperBound...]
      }
      return rest.hasSuffix(pieces[pieces.count - 1])
    }
  }

  public enum Action: Sendable, Equatable {
    /// Wait before handling; further rules still apply.
    case delay(milliseconds: Int)
    /// Answer with this status instead of running the handler. A nil body becomes a Kubernetes
    /// `Status` object for API paths and a short text for the hub.
    case status(code: Int, body: String?, contentType: String?)
    /// Close the socket without answering; with `afterExecute` the handler runs first, so its side
    /// effects happen but the client never learns the result.
    case dropConnection(afterExecute: Bool)
    /// Answer 429 with `Retry-After`, as the API server's max-in-flight limit does (a `Status` with
    /// reason `TooManyRequests` and `details.retryAfterSeconds`); the hub's path gets a plain 429.
    case throttle(retryAfterSeconds: Int)
    /// Answer as if the client's session had expired (Koji fault 1007, API 401).
    case expireSession
    /// Answer a Koji call with this fault (HTTP 200) without running it, as a hub does when it cannot
    /// reach its database (1014 "database outage"); API paths get a 503.
    case kojiFault(code: Int, message: String)

    /// Capture 74: PostgreSQL down, every call (anonymous, logged in, multicall) gets this.
    public static let databaseOutage = Action.kojiFault(code: 1014, message: "database outage")

    /// The wire name of the action type.
    public var type: String {
      switch self {
      case .delay: "delay"
      case .status: "status"
      case .throttle: "throttle"
      case .dropConnection(let afterExecute): afterExecute ? "dropAfterExecute" : "dropConnection"
      case .expireSession: "expireSession"
      case .kojiFault: "kojiFault"
      }
    }
  }
}

extension FaultRule.Action: Codable {
  private enum CodingKeys: String, CodingKey {
    case type, ms, code, body, contentType, afterExecute, faultCode, faultString, retryAfterSeconds
  }

  public init(from decoder: any Decoder) throws {
    if let name = try? decoder.singleValueContainer().decode(String.self) {
      self = try Self.make(type: name, container: nil, decoder: decoder)
      return
    }
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self = try Self.make(
      type: try container.decode(String.self, forKey: .type), container: container, decoder: decoder)
  }

  private static func make(
    type: String, container: KeyedDecodingContainer<CodingKeys>?, decoder: any Decoder
  ) throws -> Self {
    func missing(_ field: String) -> DecodingError {
      DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "fault action \(type) needs \(field)"))
    }
    switch type {
    case "delay":
      guard let ms = try container?.decodeIfPresent(Int.self, forKey: .ms), ms >= 0 else {
        throw missing("ms")
      }
      return .delay(milliseconds: ms)
    case "status":
      guard let code = try container?.decodeIfPresent(Int.self, forKey: .code), (100...599) ~= code else {
        throw missing("code (100-599)")
      }
      return .status(
        code: code,
        body: try container?.decodeIfPresent(String.self, forKey: .body),
        contentType: try container?.decodeIfPresent(String.self, forKey: .contentType))
    case "throttle":
      guard let seconds = try container?.decodeIfPresent(Int.self, forKey: .retryAfterSeconds), seconds >= 0
      else {
        throw missing("retryAfterSeconds")
      }
      return .throttle(retryAfterSeconds: seconds)
    case "dropConnection":
      let afterExecute = try container?.decodeIfPresent(Bool.self, forKey: .afterExecute) ?? false
      return .dropConnection(afterExecute: afterExecute)
    case "dropAfterExecute":
      return .dropConnection(afterExecute: true)
    case "expireSession":
      return .expireSession
    case "databaseOutage":
      return .databaseOutage
    case "kojiFault":
      guard let code = try container?.decodeIfPresent(Int.self, forKey: .faultCode),
        let message = try container?.decodeIfPresent(String.self, forKey: .faultString)
      else {
        throw missing("faultCode and faultString")
      }
      return .kojiFault(code: code, message: message)
    default:
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "unknown fault action type \(type)"))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .delay(let milliseconds):
      try container.encode("delay", forKey: .type)
      try container.encode(milliseconds, forKey: .ms)
    case .status(let code, let body, let contentType):
      try container.encode("status", forKey: .type)
      try container.encode(code, forKey: .code)
      try container.encodeIfPresent(body, forKey: .body)
      try container.encodeIfPresent(contentType, forKey: .contentType)
    case .throttle(let seconds):
      try container.encode("throttle", forKey: .type)
      try container.encode(seconds, forKey: .retryAfterSeconds)
    case .dropConnection(let afterExecute):
      try container.encode("dropConnection", forKey: .type)
      try container.encode(afterExecute, forKey: .afterExecute)
    case .expireSession:
      try container.encode("expireSession", forKey: .type)
    case .kojiFault(let code, let message):
      try container.encode("kojiFault", forKey: .type)
      try container.encode(code, forKey: .faultCode)
      try container.encode(message, forKey: .faultString)
    }
  }
}

/// What a fault rule is matched against.
struct FaultTarget: Sendable {
  var method: String
  var path: String
  var xmlrpcMethod: String?
  var body = Data()
}

/// The faults to apply to one request: the summed delay, then at most one terminal action.
struct FaultPlan: Sendable {
  var delayMilliseconds = 0
  var terminal: FaultRule.Action?
  var firedRuleIDs: [Int] = []
}

/// The installed fault rules. Rules are checked in the order they were added: every matching
/// `delay` applies, and the first matching other action ends the search.
public actor FaultInjector {
  public struct InstalledRule: Sendable, Codable, Equatable {
    public var id: Int
    public var rule: FaultRule
    /// Requests still to affect; nil = unlimited.
    public var remaining: Int?
    /// Requests affected so far.
    public var fired: Int
  }

  private var rules: [InstalledRule] = []
  private var nextID = 1
  /// When rules with a `durationMs` end.
  private var expiries: [Int: ContinuousClock.Instant] = [:]

  public init() {}

  /// Installs `rule` and returns its id.
  @discardableResult
  public func add(_ rule: FaultRule) -> Int {
    let id = nextID
    nextID += 1
    if rule.times.map({ $0 > 0 }) ?? true {
      rules.append(InstalledRule(id: id, rule: rule, remaining: rule.times, fired: 0))
      if let ms = rule.durationMs { expiries[id] = .now + .milliseconds(max(0, ms)) }
    }
    return id
  }

  @discardableResult
  public func remove(id: Int) -> Bool {
    let before = rules.count
    rules.removeAll { $0.id == id }
    return rules.count != before
  }

  /// Removes every rule and returns how many there were.
  @discardableResult
  public func removeAll() -> Int {
    defer { rules.removeAll() }
    return rules.count
  }

  /// Rules still active, in matching order.
  public var installed: [InstalledRule] {
    removeExpired()
    return rules
  }

  private func removeExpired() {
    let now = ContinuousClock.now
    let ended = Set(expiries.filter { $0.value <= now }.keys)
    guard !ended.isEmpty else { return }
    rules.removeAll { ended.contains($0.id) }
    for id in ended { expiries[id] = nil }
  }

  func plan(for target: FaultTarget) -> FaultPlan {
    removeExpired()
    var plan = FaultPlan()
    for index in rules.indices where rules[index].rule.match.matches(target) {
      let action = rules[index].rule.action
      rules[index].fired += 1
      rules[index].remaining = rules[index].remaining.map { $0 - 1 }
      plan.firedRuleIDs.append(rules[index].id)
      if case .delay(let milliseconds) = action {
        plan.delayMilliseconds += milliseconds
      } else {
        plan.terminal = action
        break
      }
    }
    rules.removeAll { $0.remaining == 0 }
    return plan
  }
}
