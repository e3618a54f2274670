import Foundation

/// What a PipelineRun's log stream delivers: lines of one step, in arrival order, and the end of a step.
public enum PipelineRunLogEvent: Sendable, Equatable {
  /// Complete lines of one step, each ending in `\n` except possibly the step's very last.
  case lines(pipelineTask: String, step: String, Data)
  /// The step's log is complete.
  case stepEnded(pipelineTask: String, step: String)
}

/// One line of a PipelineRun's log, for `build logs -o json` (JSON Lines).
public struct PipelineRunLogLine: Codable, Sendable, Equatable {
  public var build: String
  public var kind = "PipelineRun"
  public var pipelineTask: String
  public var step: String
  public var line: String

  enum CodingKeys: String, CodingKey {
    case build = "buildName"
    case kind, pipelineTask, step, line
  }

  public init(build: String, pipelineTask: String, step: String, line: String) {
    self.build = build
    self.pipelineTask = pipelineTask
    self.step = step
    self.line = line
  }
}

/// `tkn pipelinerun logs` text: every line prefixed `[<pipeline task> : <step>] ` (tektoncd/cli pkg/log,
/// without colour), a line without a final newline completed with one, and an empty line after each step.
public enum PipelineRunLogText {
  public static func prefix(pipelineTask: String, step: String) -> String { "[\(pipelineTask) : \(step)] " }

  /// The step name of a step container (`step-build` → `build`).
  public static func step(ofContainer container: String) -> String {
    container.hasPrefix("step-") ? String(container.dropFirst("step-".count)) : container
  }

  public static func text(of event: PipelineRunLogEvent) -> Data {
    switch event {
    case .lines(let task, let step, let data):
      let prefix = Data(Self.prefix(pipelineTask: task, step: step).utf8)
      var out = Data()
      out.reserveCapacity(data.count + prefix.count * 8)
      var start = data.startIndex
      while start < data.endIndex {
        let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
        out.append(prefix)
        out.append(data[start..<end])
        out.append(UInt8(ascii: "\n"))
        start = end < data.endIndex ? data.index(after: end) : end
      }
      return out
    case .stepEnded:
      return Data("\n".utf8)
    }
  }

  /// The event's lines without their newlines, for JSON Lines.
  public static func lines(of event: PipelineRunLogEvent) -> [String] {
    guard case .lines(_, _, let data) = event else { return [] }
    var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    if data.last == UInt8(ascii: "\n") { lines.removeLast() }
    return lines.map { String(decoding: $0, as: UTF8.self) }
  }
}
