/// The requests the sandbox has seen, newest last, so tests can check what a client really sent
/// (e.g. that it retried a call after a dropped connection).
public actor RequestJournal {
  public struct Entry: Sendable, Codable, Equatable {
    /// 1 for the first request since the server started; keeps counting after `clear()`.
    public var sequence: Int
    public var method: String
    public var path: String
    public var xmlrpcMethod: String?
    /// Ids of the fault rules applied to this request.
    public var faultRuleIDs: [Int]
  }

  /// Older entries are forgotten beyond this many, so a long benchmark cannot grow memory unbounded.
  public static let capacity = 10_000

  private var entries: [Entry] = []
  private var nextSequence = 1

  public init() {}

  public var all: [Entry] { Array(entries.suffix(Self.capacity)) }

  /// How many recorded calls were made to an XML-RPC method.
  public func count(xmlrpcMethod: String) -> Int {
    entries.suffix(Self.capacity).count { $0.xmlrpcMethod == xmlrpcMethod }
  }

  /// Forgets all entries and returns how many there were.
  @discardableResult
  public func clear() -> Int {
    defer { entries.removeAll() }
    return min(entries.count, Self.capacity)
  }

  func record(method: String, path: String, xmlrpcMethod: String?, faultRuleIDs: [Int]) {
    entries.append(
      Entry(
        sequence: nextSequence, method: method, path: path, xmlrpcMethod: xmlrpcMethod,
        faultRuleIDs: faultRuleIDs))
    nextSequence += 1
    // Trimmed in batches: dropping one entry per request would copy the whole journal every time.
    if entries.count > Self.capacity + Self.capacity / 4 {
      entries.removeFirst(entries.count - Self.capacity)
    }
  }
}
