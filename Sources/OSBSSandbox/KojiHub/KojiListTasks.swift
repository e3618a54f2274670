import Foundation
import OSBSKit

extension KojiHubMethods {
  /// `listTasks(opts, queryOpts)`: filters `owner`, `not_owner`, `method`, `state`, `not_state`, `parent`
  /// (nil = top-level), `host_id`, `channel_id`, `arch`; `decode` turns `request`/`result` from XML-RPC text
  /// into values. queryOpts: `order` (a field, `-` for descending), `offset`, `limit`, `countOnly`.
  static func listTasks(_ state: KojiHubState, opts: XMLRPCValue, queryOpts: XMLRPCValue, now: Date)
    throws(KojiFault)
    -> XMLRPCValue
  {
    func ints(_ value: XMLRPCValue) -> [Int] {
      if case .array(let values) = value { return values.compactMap { $0.intValue.map(Int.init) } }
      return value.intValue.map { [Int($0)] } ?? []
    }
    func strings(_ value: XMLRPCValue) -> [String] {
      if case .array(let values) = value { return values.compactMap(\.stringValue) }
      return value.stringValue.map { [$0] } ?? []
    }
    var tasks = state.tasks.values.filter { state.task($0.id, at: now) != nil }
    let options = opts.members ?? []
    var decode = false
    for member in options {
      let value = member.value
      switch member.name {
      case "owner": tasks = tasks.filter { ints(value).contains($0.owner) }
      case "not_owner": tasks = tasks.filter { !ints(value).contains($0.owner) }
      case "method": tasks = tasks.filter { strings(value).contains($0.method) }
      case "arch": tasks = tasks.filter { strings(value).contains($0.arch) }
      case "state": tasks = tasks.filter { ints(value).contains($0.snapshot(at: now).state.rawValue) }
      case "not_state": tasks = tasks.filter { !ints(value).contains($0.snapshot(at: now).state.rawValue) }
      case "parent":
        tasks =
          value.isNull
          ? tasks.filter { $0.parent == nil } : tasks.filter { ints(value).contains($0.parent ?? -1) }
      case "host_id":
        tasks = tasks.filter { task in
          task.snapshot(at: now).hostID.map { ints(value).contains($0) } ?? value.isNull
        }
      case "channel_id": tasks = tasks.filter { ints(value).contains($0.channelID) }
      case "decode": decode = value.boolValue ?? false
      default: break
      }
    }
    let rows = tasks.map { row($0, state: state, now: now, decode: decode) }
    return try applyQueryOpts(rows, queryOpts: queryOpts, defaultOrder: "id")
  }

  private static func row(_ task: KojiTaskRecord, state: KojiHubState, now: Date, decode: Bool)
    -> [XMLRPCMember]
  {
    guard case .structure(let info) = state.info(task, at: now, request: false) else { return [] }
    let field = { (name: String) in info.first { $0.name == name }?.value ?? .null }
    let snap = task.snapshot(at: now)
    let owner = state.user(id: task.owner)
    var result: XMLRPCValue = .null
    if snap.state == .closed || snap.state == .failed {
      if decode {
        switch task.result {
        case .success(let value): result = value
        case .failure(let fault):
          result = .object(["faultCode": .int(Int64(fault.code)), "faultString": .string(fault.message)])
        }
      } else {
        result = .string(task.resultXML)
      }
    }
    let names = [
      "id", "state", "create_time", "create_ts", "start_time", "start_ts", "completion_time", "completion_ts",
      "channel_id",
    ]
    var row = names.map { XMLRPCMember($0, field($0)) }
    row.append(XMLRPCMember("channel_name", state.seed.channels[task.channelID].map { .string($0) } ?? .null))
    row.append(XMLRPCMember("host_id", field("host_id")))
    row.append(
      XMLRPCMember("host_name", snap.hostID.flatMap { state.host(id: $0) }.map { .string($0.name) } ?? .null))
    for name in ["parent", "label", "waiting", "awaited", "owner"] {
      row.append(XMLRPCMember(name, field(name)))
    }
    row.append(XMLRPCMember("owner_name", owner.map { .string($0.name) } ?? .null))
    row.append(XMLRPCMember("owner_type", owner.map { .int(Int64($0.usertype)) } ?? .null))
    for name in ["method", "arch", "priority", "weight"] { row.append(XMLRPCMember(name, field(name))) }
    row.append(XMLRPCMember("request", decode ? .array(task.request) : .string(task.requestXML)))
    row.append(XMLRPCMember("result", result))
    return row
  }

  /// koji's QueryProcessor options over already-built rows.
  static func applyQueryOpts(_ rows: [[XMLRPCMember]], queryOpts: XMLRPCValue, defaultOrder: String?)
    throws(KojiFault)
    -> XMLRPCValue
  {
    var rows = rows
    let order = queryOpts["order"]?.stringValue ?? defaultOrder
    if let order {
      let descending = order.hasPrefix("-")
      let key = descending ? String(order.dropFirst()) : order
      guard rows.isEmpty || rows[0].contains(where: { $0.name == key }) else {
        throw KojiFault(code: 1019, message: "Invalid order term: \(key)")
      }
      rows.sort { left, right in
        let a = left.first { $0.name == key }?.value ?? .null
        let b = right.first { $0.name == key }?.value ?? .null
        return descending ? lessThan(b, a) : lessThan(a, b)
      }
    }
    if queryOpts["countOnly"]?.boolValue == true { return .int(Int64(rows.count)) }
    let offset = max(0, Int(queryOpts["offset"]?.intValue ?? 0))
    rows = Array(rows.dropFirst(offset))
    if let limit = queryOpts["limit"]?.intValue { rows = Array(rows.prefix(max(0, Int(limit)))) }
    return .array(rows.map { .structure($0) })
  }

  /// Python 3 ordering for the field types the hub sorts on; None sorts first (PostgreSQL NULLS LAST on
  /// descending, which this reproduces by symmetry).
  private static func lessThan(_ a: XMLRPCValue, _ b: XMLRPCValue) -> Bool {
    switch (a, b) {
    case (.null, .null): false
    case (.null, _): true
    case (_, .null): false
    case (.string(let x), .string(let y)): x < y
    default: (a.doubleValue ?? 0) < (b.doubleValue ?? 0)
    }
  }
}
