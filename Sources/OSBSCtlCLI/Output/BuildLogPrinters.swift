import Foundation
import OSBSKit

/// Writes an OpenShift build's log as it arrives: its bytes unchanged for a person or a pipe, or one
/// `{"buildName", "line"}` event per line in JSON and YAML.
struct BuildLogPrinter {
  let renderer: ResultRenderer
  let build: String
  /// A followed log is read by a person or a pipe as it grows: no chunk waits in the buffer.
  let follow: Bool
  private var splitter = LineSplitter()

  init(renderer: ResultRenderer, build: String, follow: Bool) {
    self.renderer = renderer
    self.build = build
    self.follow = follow
  }

  mutating func write(_ chunk: Data) throws {
    let stdout = renderer.console.stdout
    if renderer.isStructured {
      for line in splitter.lines(in: chunk) { try emit(line) }
    } else {
      stdout.write(chunk)
    }
    if follow { stdout.flush() }
  }

  /// The last line, when the log did not end in a newline.
  mutating func finish() throws {
    if renderer.isStructured, let rest = splitter.finish() { try emit(rest) }
    renderer.console.stdout.flush()
  }

  private func emit(_ line: Data) throws {
    try renderer.emit(
      event: BuildLogLine(build: build, line: String(decoding: line, as: UTF8.self)), humanLine: nil)
  }
}

/// Writes an OSBS 2 PipelineRun's log: each line labelled `[<pipeline task> : <step>] ` as
/// `tkn pipelinerun logs` prints it, or in JSON and YAML one {"buildName", "kind", "pipelineTask", "step",
/// "line"} event per line.
struct PipelineRunLogPrinter {
  let renderer: ResultRenderer
  let build: String
  let follow: Bool

  func write(_ event: PipelineRunLogEvent) throws {
    let stdout = renderer.console.stdout
    if renderer.isStructured {
      guard case .lines(let task, let step, _) = event else { return }
      for line in PipelineRunLogText.lines(of: event) {
        try renderer.emit(
          event: PipelineRunLogLine(build: build, pipelineTask: task, step: step, line: line), humanLine: nil)
      }
    } else {
      stdout.write(PipelineRunLogText.text(of: event))
      if follow { stdout.flush() }
    }
  }

  func finish() { renderer.console.stdout.flush() }
}
