import ArgumentParser
import Foundation
import OSBSKit

struct OSBSCtl: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "osbsctl",
    abstract: "Build layered container images on Koji and OpenShift, and run the build system's runbook.",
    discussion: """
      Maintainers submit container builds from dist-git checkouts; admins follow build logs, manage \
      nodes, prune disk space and diagnose stale Open vSwitch flows; scripts read the JSON output.

      GLOBAL OPTIONS (every command takes them, before or after its name: osbsctl --debug task watch 42;
      its --help lists them after its own, the Koji and cluster ones where the command uses them)
        --config FILE, -p/--profile NAME   osbsctl's configuration file and profile
        -c/--koji-config FILE, --koji-profile NAME
        --kubeconfig FILE, --context NAME, -n/--namespace NAME
        --request-timeout 30s, --debug, --color auto|always|never, -o/--output FORMAT

      ENVIRONMENT
        OSBSCTL_CONFIG              the only osbsctl config file to read
        OSBSCTL_PROFILE             the osbsctl profile when -p is not given
        KUBECONFIG                  kubeconfig files (a : list) without --kubeconfig
        NO_COLOR                    no colour (as TERM=dumb and --color never)
        OSBSCTL_MAX_RESPONSE_BYTES  the largest server reply accepted (default 64MiB)
        OSBSCTL_REQUEST_TIMEOUT     the default of --request-timeout
        DOCKER_HOST                 the Docker Engine API of prune and disk
        XDG_CONFIG_HOME             holds osbsctl/config.yaml (default ~/.config)

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
      FleetCommand.self,
      DoctorCommand.self,
      ConfigCommand.self,
      VersionCommand.self,
      DebugCommand.self,
    ]
  )

  /// Global options may stand before the subcommand (see `GlobalOptionPlacement`). Runs on the thread
  /// that calls it, the main thread, which also runs a networked command's task (`CommandRunner`).
  nonisolated(nonsending) static func main() async {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let fastPath = StartupFastPath(arguments), (try? fastPath.answer(root: Self.self)) != nil {
      return
    }
    if let completion = CompletionRequest(arguments) {
      await completion.answer(for: Self.self, arguments)
      return
    }
    switch GlobalOptionPlacement.arrange(arguments, root: Self.self) {
    case .arguments(let arguments, let command):
      // Mapping libcurl and its ~30 libraries costs more than reading the command line and the settings;
      // on another core the two overlap, up to the first new thread, which waits for the loader's lock
      // (bench/README.md, Profiles, rounds five, eight and fifteen).
      if willTransfer(arguments, command: command) {
        CurlLibrary.preload()
      }
      await ErrorReport.main(Self.self, arguments)
    case .unknownCommand(let message):
      ErrorReport.usageFailure(message, arguments: arguments)
    }
  }

  /// Whether the arranged command line will talk to a server through libcurl: a leaf that says so, unless
  /// the words ask for its help (`help X` arrives here as `X --help`), which transfers nothing.
  static func willTransfer(_ arguments: [String], command: any ParsableCommand.Type) -> Bool {
    guard let leaf = DirectCommandLine.leaf(command) ?? (command as? any OSBSCtlCommand.Type) else {
      return false
    }
    let words = arguments.prefix { $0 != "--" }
    if words.contains(where: GlobalOptionPlacement.helpFlags.contains) { return false }
    return leaf.transfers(arguments)
  }
}
