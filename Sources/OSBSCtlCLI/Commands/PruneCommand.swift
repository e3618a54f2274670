import ArgumentParser

struct PruneCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prune",
    abstract: "Free space: old and orphaned cluster builds, exited containers and dangling images.",
    discussion: """
      Every prune is a dry run unless --confirm is given: the default output is the plan, each object \
      with the rule that selected it. With --confirm the report lists what was deleted, skipped (changed \
      since planning, in use, or already gone) and failed. Ctrl-C stops starting deletions, lets the ones \
      in flight finish, prints the partial report and exits 2; running the command again finishes the job.
      """,
    subcommands: [
      PruneBuildsCommand.self, PruneContainersCommand.self, PruneImagesCommand.self, PruneNodeCommand.self,
      PruneAllCommand.self,
    ]
  )
}
