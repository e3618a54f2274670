import Foundation

/// New bytes of one task log.
public struct KojiLogChunk: Sendable, Equatable {
  public var taskID: Int
  public var file: String
  /// Where `data` starts in the file.
  public var offset: Int
  public var data: Data
}

/// Reads task logs incrementally by byte offset, so nothing is read twice or skipped even when the
/// connection drops (the session retries a download at the same offset).
public struct KojiTaskLogFollower: Sendable {
  /// Names to follow; nil follows every file whose name ends in "log", as `koji watch-logs` does.
  public let logNames: Set<String>?
  /// Bytes asked for per `downloadTaskOutput`: 1 MiB keeps a reply (a third larger as base64, held
  /// briefly in several forms while decoded) small next to the process, at 100 requests per 100 MB.
  public let chunkSize: Int
  public private(set) var offsets: [String: Int] = [:]
  public private(set) var hubRequests = 0

  public init(logNames: Set<String>? = nil, chunkSize: Int = 1 << 20) {
    self.logNames = logNames
    self.chunkSize = max(1, chunkSize)
  }

  private static func key(_ task: Int, _ file: String) -> String { "\(task)/\(file)" }

  public func offset(task: Int, file: String) -> Int { offsets[Self.key(task, file)] ?? 0 }

  /// Lists the tasks' outputs in one request, then downloads what grew, handing each chunk to `emit` before
  /// reading the next (memory stays at one chunk whatever the log size).
  public mutating func poll(
    tasks: [Int], using session: KojiSession, emit: (KojiLogChunk) async throws -> Void
  ) async throws {
    guard !tasks.isEmpty else { return }
    hubRequests += 1
    let listings = try await session.multiCall(
      tasks.map { XMLRPCCall("listTaskOutput", [.int(Int64($0))], keywords: [XMLRPCMember("stat", true)]) })
    for (index, task) in tasks.enumerated() {
      let listing = try listings[index].get()
      for member in (listing.members ?? []).sorted(by: { $0.name < $1.name }) where wants(member.name) {
        guard let size = member.value["st_size"]?.intValue.map(Int.init) else { continue }
        try await download(task: task, file: member.name, upTo: size, using: session, emit: emit)
      }
    }
  }

  private func wants(_ file: String) -> Bool {
    if let logNames { return logNames.contains(file) }
    return file.hasSuffix("log")
  }

  private mutating func download(
    task: Int, file: String, upTo size: Int, using session: KojiSession,
    emit: (KojiLogChunk) async throws -> Void
  ) async throws {
    let key = Self.key(task, file)
    var offset = offsets[key] ?? 0
    while offset < size {
      hubRequests += 1
      let reply = try await session.callReturningBytes(
        "downloadTaskOutput", [.int(Int64(task)), .string(file)],
        keywords: [
          XMLRPCMember("offset", .int(Int64(offset))),
          XMLRPCMember("size", .int(Int64(min(chunkSize, size - offset)))),
        ])
      let data: Data
      switch reply {
      case .base64(let bytes):
        data = bytes
      case .string:
        throw KojiError.unexpectedReply(method: "downloadTaskOutput", detail: "the chunk is not base64")
      default:
        throw KojiError.unexpectedReply(method: "downloadTaskOutput", detail: "expected base64 text")
      }
      if data.isEmpty { break }  // the file shrank or is being rewritten; try again next poll
      try await emit(KojiLogChunk(taskID: task, file: file, offset: offset, data: data))
      offset += data.count
      offsets[key] = offset
    }
  }
}
