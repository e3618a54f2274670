import Foundation

/// koji.TASK_STATES.
public enum KojiTaskState: Int, Codable, Sendable, CaseIterable {
  case free = 0
  case open = 1
  case closed = 2
  case canceled = 3
  case assigned = 4
  case failed = 5

  public var isFinished: Bool { self == .closed || self == .canceled || self == .failed }

  public var name: String {
    switch self {
    case .free: "free"
    case .open: "open"
    case .closed: "closed"
    case .canceled: "canceled"
    case .assigned: "assigned"
    case .failed: "failed"
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(name)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let state = Self.allCases.first(where: { $0.name == text.lowercased() }) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "task state \(text)"))
    }
    self = state
  }
}

/// The fields of `getTaskInfo` osbsctl uses; times are the hub's float `*_ts` values.
public struct KojiTaskInfo: Codable, Sendable, Equatable {
  public var id: Int
  public var state: KojiTaskState
  public var method: String
  public var arch: String
  public var label: String?
  public var parent: Int?
  public var hostID: Int?
  public var owner: Int?
  public var priority: Int?
  public var created: Date?
  public var started: Date?
  public var completed: Date?

  enum CodingKeys: String, CodingKey {
    case id = "taskId"
    case parent = "parentId"
    case hostID = "hostId"
    case owner = "ownerId"
    case state, method, arch, label, priority, created, started, completed
  }

  public init(
    id: Int, state: KojiTaskState, method: String, arch: String = "noarch", label: String? = nil,
    parent: Int? = nil, hostID: Int? = nil, owner: Int? = nil, priority: Int? = nil, created: Date? = nil,
    started: Date? = nil, completed: Date? = nil
  ) {
    self.id = id
    self.state = state
    self.method = method
    self.arch = arch
    self.label = label
    self.parent = parent
    self.hostID = hostID
    self.owner = owner
    self.priority = priority
    self.created = created
    self.started = started
    self.completed = completed
  }

  public init(xmlrpc value: XMLRPCValue) throws {
    guard let id = value["id"]?.intValue, let stateNumber = value["state"]?.intValue,
      let state = KojiTaskState(rawValue: Int(stateNumber)), let method = value["method"]?.stringValue
    else {
      throw KojiError.unexpectedReply(method: "getTaskInfo", detail: "a task without id, state or method")
    }
    func date(_ key: String) -> Date? { value[key]?.doubleValue.map(Date.init(timeIntervalSince1970:)) }
    self.init(
      id: Int(id), state: state, method: method, arch: value["arch"]?.stringValue ?? "noarch",
      label: value["label"]?.stringValue, parent: value["parent"]?.intValue.map(Int.init),
      hostID: value["host_id"]?.intValue.map(Int.init), owner: value["owner"]?.intValue.map(Int.init),
      priority: value["priority"]?.intValue.map(Int.init), created: date("create_ts"),
      started: date("start_ts"),
      completed: date("completion_ts"))
  }

  /// How koji's CLI names a task: `buildContainer (noarch)`.
  public var displayLabel: String { "\(method) (\(arch))" }
}

/// `buildContainer`'s result: where the image went.
public struct KojiContainerResult: Codable, Sendable, Equatable {
  public var repositories: [String]
  public var kojiBuilds: [Int]

  public init(repositories: [String], kojiBuilds: [Int]) {
    self.repositories = repositories
    self.kojiBuilds = kojiBuilds
  }

  public init(xmlrpc value: XMLRPCValue) {
    repositories = value["repositories"]?.arrayValue?.compactMap(\.stringValue) ?? []
    // Integers from koji-containerbuild before 1.4.0, strings from 1.4.0 on.
    kojiBuilds =
      value["koji_builds"]?.arrayValue?.compactMap {
        $0.intValue.map(Int.init) ?? $0.stringValue.flatMap { Int($0) }
      }
      ?? []
  }
}
