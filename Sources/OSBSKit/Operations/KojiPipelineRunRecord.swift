import Foundation

/// An OSBS 2 pipeline run as a koji-containerbuild 1.4.0 task's own files tell it. koji-containerbuild
/// deletes the PipelineRun (with its TaskRuns and pods) when the task ends, so afterwards these files and
/// the task's fault are the only record of where and how the run failed.
public struct KojiPipelineRunRecord: Codable, Sendable, Equatable {
  /// One architecture's build task.
  public struct ArchBuild: Codable, Sendable, Equatable {
    public var arch: String
    public var pipelineTask: String
    /// The task's Koji log (`x86_64.log`), when the builder wrote one.
    public var log: String?
    /// The remote VM podman built on (`Building image=… on host=…`); not the OpenShift node.
    public var buildHost: String?
    /// The build slot locked on that host (`<host>: slot <n> is locked for pipelinerun <run>`).
    public var slot: String?
    public var image: String?
  }

  public var kind = "PipelineRun"
  public var taskId: Int
  public var name: String?
  /// `osbs-client.log` or `fault`.
  public var nameSource: String?
  /// osbs-client logged `Pipeline run 'NAME' started` / `finished`.
  public var started = false
  public var finished = false
  /// koji-containerbuild's `Response status:` line; nil when the task did not get that far.
  @AlwaysEncoded public var succeeded: Bool? = nil
  public var cancelled = false
  /// koji-containerbuild logged that deleting the run failed (`Failed to remove build NAME : …`).
  public var removalError: String?
  /// The task was cancelled in Koji: the builder only asked OSBS to cancel the run before it was killed,
  /// so the run is left for the namespace's pruner rather than deleted.
  public var cancelledInKoji = false
  /// osbs-client's error text from the fault (between `Image build failed.` and `OSBS build id:`).
  public var error: String?
  public var errors: [OSBSFailureText.Entry] = []
  /// Where the run failed, as far as the fault and the logs tell.
  public var pipelineTask: String?
  public var step: String?
  public var arch: String?
  public var arches: [ArchBuild] = []
  /// The Koji log of the failing part and its last lines.
  public var lastLinesLog: String?
  public var lastLines: [String] = []

  /// Whether the run is still on the cluster; nil when not checked.
  @AlwaysEncoded public var onCluster: Bool? = nil

  public init(taskId: Int) { self.taskId = taskId }

  /// `Succeeded`, `Failed`, `Cancelled` or `Running` as far as the Koji side knows; nil before the run.
  public var phase: String? {
    if cancelled { return "Cancelled" }
    if let succeeded { return succeeded ? "Succeeded" : "Failed" }
    if error != nil || !errors.isEmpty { return "Failed" }
    return started ? "Running" : nil
  }

  /// koji-containerbuild deleted the run when the task ended (no failed delete, no Koji cancel).
  public var deletedWhenTaskEnded: Bool { removalError == nil && !cancelledInKoji }
}

/// Reads a Koji task's output the way koji-containerbuild 1.4.0 writes it: `osbs-client.log` (the run's
/// name and progress), `osbs-build.log` (every non-arch pipeline task's lines, and `<arch> build has
/// started` markers), one `<arch>.log` per platform, plus the task's fault text.
public struct KojiPipelineRunReader: Sendable {
  private let openSession: @Sendable () async throws -> KojiSession
  /// How many lines of the failing part to report.
  public var lastLineCount: Int
  /// The build-host lines come early in an arch log; a huge log is not read past this.
  public var archHeadBytes: Int

  public init(
    lastLineCount: Int = 20, archHeadBytes: Int = 4 << 20,
    kojiSession: @escaping @Sendable () async throws -> KojiSession
  ) {
    self.openSession = kojiSession
    self.lastLineCount = lastLineCount
    self.archHeadBytes = archHeadBytes
  }

  static let ownLogs: Set = [
    "osbs-client.log", "osbs-build.log", "checkout-for-labels.log", "remote-sources.log",
    "user_warnings.log", "openshift-incremental.log",
  ]

  /// nil when the task's files show no pipeline run (not a 1.4.0 builder's task).
  public func read(task: Int, fault: String?) async throws -> KojiPipelineRunRecord? {
    let session = try await openSession()
    let listing = try await session.call(
      "listTaskOutput", [.int(Int64(task))], keywords: [XMLRPCMember("stat", true)])
    var sizes: [String: Int] = [:]
    for member in listing.members ?? [] {
      sizes[member.name] = member.value["st_size"]?.intValue.map(Int.init) ?? 0
    }
    let files = TaskFiles(session: session, task: task, sizes: sizes)
    var record = KojiPipelineRunRecord(taskId: task)

    if sizes["osbs-client.log"] != nil {
      try await files.scan("osbs-client.log") { line in
        switch OSBSTaskLogLine.runEvent(line) {
        case .created(let name):
          record.name = name
          record.nameSource = "osbs-client.log"
        case .started: record.started = true
        case .finished: record.finished = true
        case .responseStatus(let value): record.succeeded = value
        case .removalFailed(_, let error): record.removalError = error
        case .cancelledByKoji: record.cancelledInKoji = true
        case nil: break
        }
        return true
      }
    }
    let failure = fault.flatMap(OSBSFailureText.init)
    if let failure {
      if record.name == nil, let name = failure.runName {
        record.name = name
        record.nameSource = "fault"
      }
      record.cancelled = failure.cancelled
      record.error = failure.errors
      record.errors = failure.entries
    }
    guard let nameSource = record.nameSource,
      KojiBuildLocator.kind(source: nameSource, files: Set(sizes.keys)) == "PipelineRun"
    else { return nil }

    var startedArches: [String] = []
    var reactorFailure: (pipelineTask: String, step: String)?
    if sizes["osbs-build.log"] != nil {
      try await files.scan("osbs-build.log") { line in
        if let arch = OSBSTaskLogLine.archStarted(line), !startedArches.contains(arch) {
          startedArches.append(arch)
        } else if reactorFailure == nil, let failed = OSBSTaskLogLine.reactorTaskFailure(line) {
          reactorFailure = OSBSPipeline.pipelineStep(ofReactorTask: failed.task)
        }
        return true
      }
    }
    let archLogs = sizes.keys.filter { $0.hasSuffix(".log") && !Self.ownLogs.contains($0) }
      .map { String($0.dropLast(".log".count)) }
    for arch in archLogs.sorted() where !startedArches.contains(arch) { startedArches.append(arch) }
    for arch in startedArches {
      var build = KojiPipelineRunRecord.ArchBuild(
        arch: arch, pipelineTask: OSBSPipeline.buildTask(ofArch: arch),
        log: sizes["\(arch).log"] != nil ? "\(arch).log" : nil)
      if let log = build.log {
        try await files.scan(log, limit: archHeadBytes) { line in
          if let lock = OSBSTaskLogLine.slotLock(line) {
            build.buildHost = lock.host
            build.slot = lock.slot
          } else if let found = OSBSTaskLogLine.buildHost(line) {
            build.buildHost = found.host
            build.image = found.image
            return false
          }
          return true
        }
      }
      record.arches.append(build)
    }

    guard record.succeeded != true, failure != nil || record.succeeded == false else { return record }
    let failing = failure?.failing
    record.pipelineTask = failing?.pipelineTask ?? reactorFailure?.pipelineTask
    record.step = failing?.step
    record.arch = failing?.arch
    if record.step == nil, let reactorFailure, reactorFailure.pipelineTask == record.pipelineTask {
      record.step = reactorFailure.step
    }
    if record.step == nil, let task = record.pipelineTask {
      let steps = OSBSPipeline.steps(ofPipelineTask: task)
      if steps.count == 1 { record.step = steps[0] }
    }
    if record.pipelineTask == nil {
      // No text names the task: an arch log that ends in an error is the failing part.
      for build in record.arches {
        guard let log = build.log else { continue }
        let tail = try await files.tail(log, lines: lastLineCount)
        if tail.contains(where: { $0.contains(" - ERROR - ") }) {
          record.pipelineTask = build.pipelineTask
          record.arch = build.arch
          record.step = OSBSPipeline.steps(ofPipelineTask: build.pipelineTask).first
          break
        }
      }
    }
    let log = record.arch.flatMap { sizes["\($0).log"] != nil ? "\($0).log" : nil } ?? "osbs-build.log"
    if sizes[log] != nil {
      record.lastLinesLog = log
      record.lastLines = try await files.tail(log, lines: lastLineCount)
    }
    return record
  }

  /// Chunked reads of one task's files, so a 100 MB arch log never sits in memory whole.
  struct TaskFiles {
    let session: KojiSession
    let task: Int
    let sizes: [String: Int]
    let chunkSize = 1 << 20

    func download(_ file: String, offset: Int, size: Int) async throws -> Data {
      let reply = try await session.call(
        "downloadTaskOutput", [.int(Int64(task)), .string(file)],
        keywords: [XMLRPCMember("offset", .int(Int64(offset))), XMLRPCMember("size", .int(Int64(size)))])
      switch reply {
      case .base64(let bytes): return bytes
      case .string(let text):
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
          throw KojiError.unexpectedReply(method: "downloadTaskOutput", detail: "the chunk is not base64")
        }
        return data
      default:
        throw KojiError.unexpectedReply(method: "downloadTaskOutput", detail: "expected base64 text")
      }
    }

    /// Hands each line to `visit` until it returns false or `limit` bytes were read.
    func scan(_ file: String, limit: Int = .max, visit: (String) -> Bool) async throws {
      var offset = 0
      var splitter = LineSplitter()
      let end = min(sizes[file] ?? 0, limit)
      while offset < end {
        let data = try await download(file, offset: offset, size: min(chunkSize, end - offset))
        if data.isEmpty { break }
        offset += data.count
        for line in splitter.lines(in: data) where !visit(String(decoding: line, as: UTF8.self)) { return }
      }
      if let rest = splitter.finish() { _ = visit(String(decoding: rest, as: UTF8.self)) }
    }

    /// The last `lines` lines of `file`, read from its end.
    func tail(_ file: String, lines count: Int) async throws -> [String] {
      let size = sizes[file] ?? 0
      var window = 64 << 10
      while true {
        let start = max(0, size - window)
        let data = try await download(file, offset: start, size: size - start)
        var text = String(decoding: data, as: UTF8.self).split(
          separator: "\n", omittingEmptySubsequences: false
        )
        .map(String.init)
        if text.last == "" { text.removeLast() }
        // The first line of a window that does not start the file may be cut.
        if start > 0 { text.removeFirst() }
        if text.count >= count || start == 0 || window >= 8 << 20 { return Array(text.suffix(count)) }
        window *= 4
      }
    }
  }
}
