import ArgumentParser

struct TaskCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "task",
    abstract: "Watch, tail, inspect and cancel Koji tasks.",
    subcommands: [TaskWatchCommand.self, TaskLogsCommand.self, TaskInfoCommand.self, TaskCancelCommand.self])
}
