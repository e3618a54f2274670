import Foundation
import OSBSKit

extension BuildLogsCommand {
  /// The next chunk of a Build's log. A name no Build has (the first request answers 404, or the cluster
  /// serves no build API) is looked up as a PipelineRun unless --kind build was given: its log is printed
  /// instead, and the Build log ends.
  static func nextBuildChunk(
    _ stream: inout BuildLogStream.Iterator, command: BuildLogsCommand, client: OpenShiftClient,
    context: CommandContext, renderer: ResultRenderer
  ) async throws -> Data? {
    do {
      return try await stream.next()
    } catch let error as OpenShiftError
      where (error.failureKind == .notFound || error.isBuildAPIMissing) && command.kinds.kind == nil
      && stream.requests <= 1
    {
      let tekton = TektonClient(openShift: client)
      _ = try await BuildLocator(openShift: client, tekton: tekton).pipelineRun(
        named: command.name, afterBuildLookupFailed: error)
      try await printPipelineRunLog(
        name: command.name, tekton: tekton, follow: command.follow, timestamps: command.timestamps,
        context: context, renderer: renderer)
      return nil
    }
  }

  /// An OSBS 2 PipelineRun's log: every TaskRun's steps, each line labelled `[<pipeline task> : <step>] `
  /// as `tkn pipelinerun logs` prints it; with -o json one {"buildName", "kind", "pipelineTask", "step",
  /// "line"} object per line.
  static func printPipelineRunLog(
    name: String, tekton: TektonClient, follow: Bool, timestamps: Bool, context: CommandContext,
    renderer: ResultRenderer
  ) async throws {
    let printer = PipelineRunLogPrinter(renderer: renderer, build: name, follow: follow)
    let stream = PipelineRunLogStream(tekton: tekton, name: name, follow: follow, timestamps: timestamps)
    for try await event in stream.events() { try printer.write(event) }
    printer.finish()
  }
}
