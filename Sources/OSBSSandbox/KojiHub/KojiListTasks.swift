import Foundation
import OSBSKit

extension KojiHubMethods {
  /// `listTasks(opts, queryOpts)` as Koji 1.35's hub answers it (captures 71–72): filters `owner`,
  /// `not_owner`, `method`, `state`, `not_state`, `parent` (nil = top-level), `host_id`, `channel_id`,
  /// `arch`, and the strict time bounds `createdBefore`/`createdAfter`, `startedBefore`/`startedAfter`,
  /// `completeBefore`/`completeAfter` (seconds since the epoch, or an ISO time); `decode` turns
  /// `request`/`result` from XML-RPC text into values. Any other option is silently ignored, as the hub
  /// does (so a misspelt bound makes the query unbounded). queryOpts: `order` (a field, `-` for
  /// descending), `offset`, `limit` (0 = no limit), `countOnly`.
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
      case "createdBefore", "createdAfter", "startedBefore", "startedAfter", "completeBefore",
        "completeAfter":
        if value.isNull { continue }
        let bound = try timestamp(value)
        let after = member.name.hasSuffix("After")
        tasks = tasks.filter { task in
          let snap = task.snapshot(at: now)
          let time: Date? =
            member.name.hasPrefix("created")
            ? task.createdAt : member.name.hasPrefix("started") ? snap.started : snap.completed
          // SQL: a NULL time matches neither bound.
          guard let time else { return false }
          let seconds = KojiTime.timestamp(time)
          return after ? seconds > bound : seconds < bound
        }
      default: break  // the hub ignores options it does not know
      }
    }
    // The usual order (by id) sorts, skips and cuts the tasks before any row is built, so a hub holding
    // tens of thousands of tasks answers a bounded query without building them all.
    let order = queryOpts["order"]?.stringValue ?? "id"
    if order == "id" || order == "-id", queryOpts["countOnly"]?.boolValue != true {
      tasks.sort { order == "id" ? $0.id < $1.id : $0.id > $1.id }
      let offset = max(0, Int(queryOpts["offset"]?.intValue ?? 0))
      var selected = Array(tasks.dropFirst(offset))
      if let limit = queryOpts["limit"]?.intValue, limit != 0 {
        selected = Array(selected.prefix(max(0, Int(limit))))
      }
      return .array(selected.map { .structure(row($0, state: state, now: now, decode: decode)) })
    }
    let rows = tasks.map { row($0, state: state, now: now, decode: decode) }
    return try applyQueryOpts(rows, queryOpts: queryOpts, defaultOrder: "id")
  }

  /// koji's `convert_timestamp`: seconds since the epoch, or an ISO 8601 time.
  private static func timestamp(_ value: XMLRPCValue) throws(KojiFault) -> Double {
    if let seconds = value.doubleValue { return seconds }
    if let text = value.stringValue, let seconds = UTCTime.parseISO8601(text) { return seconds }
    throw KojiFault(code: 1019, message: "Invalid time specification: \(pythonRepr(value))")
  }

  /// A task row: getTaskInfo's fields plus `owner_name`, `owner_type`, `request` and `result`, in the
  /// sorted order the hub's reply has them (capture 71).
  private static func row(_ task: KojiTaskRecord, state: KojiHubState, now: Date, decode: Bool)
    -> [XMLRPCMember]
  {
    guard case .structure(let info) = state.info(task, at: now, request: false) else { return [] }
    let snap = task.snapshot(at: now)
    let owner = state.user(id: task.owner)
    var result: XMLRPCValue = .null
    if snap.state == .closed || snap.state == .failed {
      if decode {
        // decode=True: the stored result as a value, in a one-element list (capture 72).
        switch task.result {
        case .success(let value): result = .array([value])
        case .failure(let fault):
          result = .object(["faultCode": .int(Int64(fault.code)), "faultString": .string(fault.message)])
        }
      } else {
        result = .string(task.resultXML)
      }
    }
    var row = info
    row.append(XMLRPCMember("owner_name", owner.map { .string($0.name) } ?? .null))
    row.append(XMLRPCMember("owner_type", owner.map { .int(Int64($0.usertype)) } ?? .null))
    row.append(XMLRPCMember("request", decode ? .array(task.request) : .string(task.requestXML)))
    row.append(XMLRPCMember("result", result))
    return row.sorted { $0.name < $1.name }
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
    // QueryProcessor adds LIMIT only for a true value: 0 means no limit.
    if let limit = queryOpts["limit"]?.intValue, limit != 0 { rows = Array(rows.prefix(max(0, Int(limit)))) }
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
