import Foundation
import OSBSKit

extension BuildLogsCommand {
  /// The next chunk of a Build's log. A name no Build has (the first request answers 404) is looked up
  /// as a PipelineRun unless --kind build was given: its log is printed instead, and the Build log ends.
  static func nextBuildChunk(
    _ stream: inout BuildLogStream.Iterator, command: BuildLogsCommand, client: OpenShiftClient,
    context: CommandContext, renderer: ResultRenderer
  ) async throws -> Data? {
    do {
      return try await stream.next()
    } catch let error as OpenShiftError
      where error.failureKind == .notFound && command.kinds.kind == nil && stream.requests == 1
    {
      let tekton = TektonClient(openShift: client)
      guard (try? await tekton.isServed()) == true,
        (try? await tekton.pipelineRun(named: command.name)) != nil
      else { throw error }
      try await printPipelineRunLog(
        name: command.name, tekton: tekton, follow: command.follow, timestamps: command.timestamps,
        context: context, renderer: renderer)
      return nil
    }
  }

  /// An OSBS 2 PipelineRun's log: every TaskRun's steps, each line labelled `[<pipeline task> : <step>] `
  /// as `tkn pipelinerun logs` prints it; with -o json one {"build", "kind", "pipelineTask", "step",
  /// "line"} object per line.
  static func printPipelineRunLog(
    name: String, tekton: TektonClient, follow: Bool, timestamps: Bool, context: CommandContext,
    renderer: ResultRenderer
  ) async throws {
    let stdout = context.console.stdout
    let stream = PipelineRunLogStream(tekton: tekton, name: name, follow: follow, timestamps: timestamps)
    for try await event in stream.events() {
      if renderer.isStructured {
        guard case .lines(let task, let step, _) = event else { continue }
        for line in PipelineRunLogText.lines(of: event) {
          try renderer.emit(
            event: PipelineRunLogLine(build: name, pipelineTask: task, step: step, line: line), humanLine: nil
          )
        }
      } else {
        stdout.write(PipelineRunLogText.text(of: event))
        if follow { stdout.flush() }
      }
    }
    stdout.flush()
  }
}
