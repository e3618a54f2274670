import ArgumentParser
import Foundation
import OSBSKit

struct BuildForTaskCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "for-task",
    abstract: "Find the OpenShift build of a Koji task.",
    discussion: """
      Looks in this order: builds labelled koji-task-id=TASK (or one of its child tasks); the \
      openshift_build_selflink line of the task's openshift-incremental.log; the "OSBS build id:" text \
      of the task's fault. Exits 3 when none of them names a build; a named build that has since been \
      pruned is reported by name (with a warning).
      """)

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var namespaces: NamespaceOptions

  @Argument(help: "Koji task id (buildContainer or createContainer).")
  var taskID: Int

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals) { context in
      let services = context.services(command.globals)
      let client = try services.openShiftClient()
      let locator = KojiBuildLocator(client: client, scope: command.namespaces.scope) {
        try await services.kojiSession(authenticated: false).0
      }
      let report = try await locator.locate(task: command.taskID)
      let renderer = context.renderer(command.output)
      guard !report.names.isEmpty else {
        context.console.error(
          "no OpenShift build found for task \(command.taskID) (no koji-task-id label, selflink or OSBS build id)"
        )
        return ExitStatus.code(for: .notFound)
      }
      for name in report.names where !report.builds.contains(where: { $0.name == name }) {
        context.console.warning(
          "task \(command.taskID) names build \(name) (\(report.source)), which is gone")
      }
      if report.builds.isEmpty && !renderer.isStructured {
        // The name answers the question even when the build itself has been pruned.
        context.console.output(report.names.map { "build/\($0)\n" }.joined())
        return ExitStatus.success
      }
      try renderer.render(report)
      return ExitStatus.success
    }
  }
}
