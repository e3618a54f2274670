import ArgumentParser
import OSBSKit

enum ColorMode: String, ExpressibleByArgument, CaseIterable, Sendable {
  case auto, always, never
}

/// The servers a command talks to, which decide the global options its help shows.
///
/// Every command accepts every global option: `GlobalOptionPlacement` moves options written before the
/// subcommand to after the leaf, and a script that passes them all to each command must keep working.
/// A command's help shows the Koji options only if it talks to Koji, and the cluster options only if it
/// talks to the cluster; the others stay accepted but hidden (`--help-hidden` lists them).
protocol CommandPeers: Sendable {
  /// Also the servers whose settings the command reads up front.
  static var scope: SettingsScope { get }
}

/// The Koji hub only (`task`, `koji`, `container-build`).
enum UsesKoji: CommandPeers { static let scope: SettingsScope = .koji }

/// The OpenShift cluster only (`node`, `build`, `prune builds`, `fleet`).
enum UsesCluster: CommandPeers { static let scope: SettingsScope = .openShift }

/// Both (`doctor`, `build for-task`, `config view`, which shows both).
enum UsesKojiAndCluster: CommandPeers { static let scope: SettingsScope = .all }

/// Neither: a local tool (`ovs flows`, `disk`, `prune containers`, `version`).
enum UsesNeitherServer: CommandPeers { static let scope: SettingsScope = [] }

/// Options every subcommand accepts, in three groups: where configuration comes from and how chatty to
/// be, the Koji ones and the cluster ones. A command declares them after its own options, so that its
/// help lists what the command itself takes first. (A titled group would be clearer, but the argument
/// parser prints titled sections above OPTIONS, which would put the globals first again.)
struct GlobalOptions<Peers: CommandPeers>: ParsableArguments {
  @OptionGroup var common: CommonOptions

  @OptionGroup(visibility: Peers.scope.contains(.koji) ? .default : .hidden)
  var koji: KojiOptions

  @OptionGroup(visibility: Peers.scope.contains(.openShift) ? .default : .hidden)
  var cluster: ClusterOptions

  var color: ColorMode { common.color }
  var debug: Bool { common.debug }
  var quiet: Bool { common.quiet }
  var namespace: String? { cluster.namespace }
}

/// Every global option shown: the groups of `osbsctl` and its subcommand groups, which lead to leaves of
/// every kind, and the table `GlobalOptionPlacement` and the completion scripts read.
typealias EveryGlobalOption = GlobalOptions<UsesKojiAndCluster>

/// Which osbsctl configuration and profile, and how a run talks to the user.
struct CommonOptions: ParsableArguments {
  @Option(
    name: .long, help: "osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).",
    completion: .file())
  var config: String?

  @Option(
    name: [.short, .long], help: "osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).",
    completion: DynamicCompletion.osbsctlProfiles)
  var profile: String?

  @Option(
    name: .customLong("request-timeout"), parsing: .unconditional,
    help: """
      Longest wait for one call to a server, retries included: 30s, 2m, 1m30s or seconds; 0 means no \
      limit (default: $OSBSCTL_REQUEST_TIMEOUT, else the profile's http.requestTimeout, else none).
      """)
  var requestTimeout: String?

  @Flag(help: "Trace every request (method, URL, status, bytes, time) on stderr; secrets are redacted.")
  var debug = false

  @Option(help: "Colour on stderr: auto (only on a terminal), always or never.")
  var color: ColorMode = .auto

  @Flag(
    name: [.short, .long],
    help: "Nothing on stderr but errors: no messages, warnings, summaries or progress (stdout is unchanged).")
  var quiet = false
}

/// Which Koji configuration and profile.
struct KojiOptions: ParsableArguments {
  @Option(
    name: [.customShort("c"), .customLong("koji-config")],
    help: "Read Koji profiles from this file only, as `koji -c` does.", completion: .file())
  var kojiConfig: String?

  @Option(
    name: .customLong("koji-profile"), help: "Koji profile (section of the Koji config) to use.",
    completion: DynamicCompletion.kojiProfiles)
  var kojiProfile: String?
}

/// Which kubeconfig, context and namespace.
struct ClusterOptions: ParsableArguments {
  @Option(help: "kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).", completion: .file())
  var kubeconfig: String?

  @Option(help: "kubeconfig context to use.", completion: DynamicCompletion.kubeconfigContexts)
  var context: String?

  @Option(name: [.short, .long], help: "OpenShift namespace (project).")
  var namespace: String?
}
