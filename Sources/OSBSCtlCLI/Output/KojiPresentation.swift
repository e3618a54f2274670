import ArgumentParser
import Foundation
import OSBSKit

/// A watch that ends before its tasks do (an outage, a refused call, Ctrl-C): the tasks keep running, so
/// stderr says how to resume, and the caller still writes its report (with `-o json` too) before exiting.
enum EarlyWatchEnd {
  static func isInterruption(_ error: any Error) -> Bool {
    error is CancellationError || Task.isCancelled || (error as? HTTPError)?.failureKind == .interrupted
  }

  /// A task that does not exist: nothing was watched, so there is nothing to resume (it would fail alike).
  static func isMissingTask(_ error: any Error) -> Bool {
    (error as? any ClassifiedError)?.failureKind == .notFound
  }

  static func text(_ error: any Error) -> String {
    isInterruption(error)
      ? "interrupted" : (error as? any ClassifiedError)?.description ?? String(describing: error)
  }

  /// Says on stderr what ended the watch and how to resume; returns the error that gives the exit code
  /// (2 for Ctrl-C, else the error's own).
  static func finish(_ error: any Error, resume: String, console: Console) -> any Error {
    if isInterruption(error) {
      console.message("Interrupted: the task keeps running; resume with `\(resume)`")
      return CancellationError()
    }
    let kind = (error as? any ClassifiedError)?.failureKind ?? .operationFailed
    console.error(text(error), kind: kind)
    console.message("The watch ended before the task did; the task keeps running: resume with `\(resume)`")
    return ExitCode(ExitStatus.code(for: kind))
  }
}

/// koji's own wording for task trees, so people who know `koji watch-task` read it at a glance.
enum KojiTaskText {
  static func state(_ event: KojiTaskWatchEvent) -> String {
    state(event.task.state, host: event.host, failure: event.failure)
  }

  static func state(_ state: KojiTaskState, host: String?, failure: String?) -> String {
    switch state {
    case .open, .assigned: host.map { "\(state.name) (\($0))" } ?? state.name
    case .failed: "FAILED" + (failure.map { ": \($0)" } ?? "")
    default: state.name
    }
  }

  static func line(_ event: KojiTaskWatchEvent) -> String {
    let indent = String(repeating: "  ", count: event.level)
    let head = "\(indent)\(event.task.id) \(event.task.displayLabel)"
    if let previous = event.previousState, event.kind == .changed {
      // The host stays on the task after it finishes, so it also names where the old state ran.
      return "\(head): \(state(previous, host: event.host, failure: nil)) -> \(state(event))"
    }
    return "\(head): \(state(event))"
  }

  /// koji's "Relevant logs:" for the failed tasks of a tree: the URLs of their logs under `topurl`
  /// (nothing without a `topurl`, or when no failed task wrote a log).
  static func relevantLogs(_ watcher: KojiTaskWatcher, _ configuration: KojiHubConfiguration) -> [String] {
    let urls = watcher.failedTaskLogs.keys.sorted().flatMap { task in
      (watcher.failedTaskLogs[task] ?? []).compactMap { configuration.taskOutputURL(task, file: $0) }
    }
    return urls.isEmpty ? [] : ["Relevant logs:"] + urls.map { "  " + $0 }
  }

  static func summary(_ watcher: KojiTaskWatcher) -> [String] {
    watcher.roots.compactMap { id in
      guard let task = watcher.tasks[id] else { return nil }
      let outcome =
        switch task.state {
        case .closed: "completed successfully"
        case .failed: "failed"
        case .canceled: "was canceled"
        default: "has not completed"
        }
      return "\(id) \(task.displayLabel) \(outcome)"
    }
  }
}

/// Writes task-log chunks: lines labelled `task:file:`, or, when one log was asked for, its raw bytes (so
/// it comes out byte-identical) until a second source of that name appears; JSON Lines through `events`.
struct TaskLogPrinter {
  let writer: any ConsoleSink
  /// When set, each line becomes a `{task, log, line}` event of this renderer instead of text.
  let events: ResultRenderer?
  let raw: Bool
  private var splitters: [String: LineSplitter] = [:]
  private var sources: Set<String> = []
  private var rawSource: String?
  private var rawEndsLine = true

  init(writer: any ConsoleSink, events: ResultRenderer?, raw: Bool) {
    self.writer = writer
    self.events = events
    self.raw = raw && events == nil
  }

  /// `task logs`: text or events on stdout, as `-o` says.
  init(renderer: ResultRenderer, raw: Bool) {
    self.init(writer: renderer.console.stdout, events: renderer.isStructured ? renderer : nil, raw: raw)
  }

  mutating func write(_ chunk: KojiLogChunk) throws {
    let source = "\(chunk.taskID):\(chunk.file)"
    sources.insert(source)
    if raw && sources.count == 1 {
      rawSource = source
      writer.write(chunk.data)
      writer.flush()
      if let last = chunk.data.last { rawEndsLine = last == 0x0A }
      return
    }
    if rawSource != nil {
      // A second log appeared: labelled lines start on a fresh line.
      rawSource = nil
      if !rawEndsLine { writer.write("\n") }
    }
    var splitter = splitters[source] ?? LineSplitter()
    let lines = splitter.lines(in: chunk.data)
    splitters[source] = splitter
    for line in lines { try emit(chunk.taskID, chunk.file, line) }
    // A follower reads while the task runs: what arrived is written now, not when the buffer fills.
    writer.flush()
  }

  mutating func finish() throws {
    for (source, var splitter) in splitters.sorted(by: { $0.key < $1.key }) {
      guard let rest = splitter.finish() else { continue }
      let parts = source.split(separator: ":", maxSplits: 1)
      try emit(Int(parts[0]) ?? 0, String(parts[1]), rest)
    }
    splitters = [:]
    writer.flush()
  }

  private func emit(_ task: Int, _ file: String, _ line: Data) throws {
    let text = String(decoding: line, as: UTF8.self)
    if let events {
      try events.emit(event: KojiLogLine(task: task, log: file, line: text), humanLine: nil)
    } else {
      writer.write("\(task):\(file): \(text)\n")
    }
  }
}
