import ArgumentParser
import Foundation

@main
struct OSBSCtl: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "osbsctl",
    abstract: "Build layered container images on Koji and OpenShift, and run the build system's runbook.",
    discussion: """
      Maintainers submit container builds from dist-git checkouts; admins follow build logs, manage \
      nodes, prune disk space and diagnose stale Open vSwitch flows; scripts read the JSON output.

      EXIT CODES
        0   success
        1   the operation failed (for example the build failed)
        2   interrupted (Ctrl-C)
        3   not found
        4   authentication or permission refused
        5   server or network unavailable after retries
        8   still pending, or a wait timed out
        64  usage error (bad flags, malformed or unknown configuration)
      """,
    version: OSBSCtlVersion.string,
    subcommands: [
      ContainerBuildCommand.self,
      TaskCommand.self,
      KojiCommand.self,
      BuildCommand.self,
      NodeCommand.self,
      PruneCommand.self,
      DiskCommand.self,
      OVSCommand.self,
      DoctorCommand.self,
      ConfigCommand.self,
      VersionCommand.self,
      DebugCommand.self,
    ]
  )

  /// Global options may stand before the subcommand (see `GlobalOptionPlacement`).
  static func main() async {
    switch GlobalOptionPlacement.arrange(Array(CommandLine.arguments.dropFirst()), root: Self.self) {
    case .arguments(let arguments):
      await main(arguments)
    case .unknownCommand(let message):
      FileHandle.standardError.write(Data(("Error: " + message + "\n").utf8))
      Foundation.exit(ExitStatus.code(for: .usage))
    }
  }
}
