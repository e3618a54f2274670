import ArgumentParser
import Foundation
import OSBSKit

struct BuildForTaskCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "for-task",
    abstract: "Find the OpenShift build or OSBS 2 PipelineRun of a Koji task.",
    discussion: discussion(
      """
      Looks in this order: builds labelled koji-task-id=TASK (or its child tasks: one build per arch); \
      PipelineRuns on the cluster whose user-params name the task (koji_task_id: a running OSBS 2 task); \
      the openshift_build_selflink line of the task's openshift-incremental.log (OSBS 1 builders); the \
      pipeline run named in the task's osbs-client.log ("creating binary container image pipeline run: \
      NAME", koji-containerbuild 1.4.0); the "OSBS build id:" text of the task's fault. Exits 3 when none \
      of them names a build. A run named by osbs-client.log (or by the fault of a task with osbs-client.log \
      and no openshift-incremental.log) is an OSBS 2 Tekton PipelineRun: the report says kind \
      PipelineRun. A build or PipelineRun still on the cluster is listed as "osbsctl build get" shows \
      it (for a running OSBS 2 task: its run's phase, Koji task and user). A name no longer on the \
      cluster (a pruned Build, or a PipelineRun koji-containerbuild deleted when the task ended) is still \
      reported, with a warning, and listed in notOnCluster.
      """,
      examples: [
        HelpExample(
          "The OpenShift build(s) of a Koji task",
          "osbsctl build for-task 123456"),
        HelpExample(
          "Searching every namespace, as JSON",
          "osbsctl build for-task 123456 -A -o json"),
      ]))

  @OptionGroup var namespaces: NamespaceOptions

  @Argument(
    help: "Koji task id (buildContainer or createContainer).", completion: DynamicCompletion.kojiTaskIDs)
  var taskID: Int

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesKojiAndCluster>

  func execute(_ context: CommandContext) async throws -> Int32 {
    let services = context.services(globals)
    let client = try services.openShiftClient()
    let locator = KojiBuildLocator(client: client, scope: namespaces.scope) {
      try await services.kojiSession(authenticated: false).0
    }
    let report = try await locator.locate(task: taskID)
    let renderer = context.renderer(output)
    guard !report.names.isEmpty else {
      context.console.error(
        "no OpenShift build found for task \(taskID) (no koji-task-id label, selflink, "
          + "osbs-client.log pipeline run or OSBS build id)", kind: .notFound)
      return ExitStatus.code(for: .notFound)
    }
    for name in report.notOnCluster {
      if report.kind == "PipelineRun" {
        context.console.warning(
          "task \(taskID) names pipeline run \(name) (\(report.source)); not found on the cluster "
            + (report.pipelineRunsOnCluster == nil
              ? "as an OpenShift Build (OSBS 2 runs are Tekton PipelineRuns; koji-containerbuild deletes "
                + "the run when the task ends)"
              : "(koji-containerbuild deletes the run when the task ends)"))
      } else {
        context.console.warning(
          "task \(taskID) names build \(name) (\(report.source)), which is gone: not found on the "
            + "cluster (pruned?)"
        )
      }
    }
    try renderer.render(report)
    return ExitStatus.success
  }
}
