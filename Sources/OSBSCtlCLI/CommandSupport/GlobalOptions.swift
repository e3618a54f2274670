import ArgumentParser
import OSBSKit

enum ColorMode: String, ExpressibleByArgument, CaseIterable, Sendable {
  case auto, always, never
}

/// Options every subcommand accepts: where configuration comes from and how chatty to be.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long, help: "osbsctl configuration file (overrides $OSBSCTL_CONFIG and the default search).",
    completion: .file())
  var config: String?

  @Option(
    name: [.short, .long], help: "osbsctl profile to use (default: $OSBSCTL_PROFILE, then defaultProfile).",
    completion: DynamicCompletion.osbsctlProfiles)
  var profile: String?

  @Option(
    name: [.customShort("c"), .customLong("koji-config")],
    help: "Read Koji profiles from this file only, as `koji -c` does.", completion: .file())
  var kojiConfig: String?

  @Option(
    name: .customLong("koji-profile"), help: "Koji profile (section of the Koji config) to use.",
    completion: DynamicCompletion.kojiProfiles)
  var kojiProfile: String?

  @Option(help: "kubeconfig file (overrides $KUBECONFIG and ~/.kube/config).", completion: .file())
  var kubeconfig: String?

  @Option(help: "kubeconfig context to use.", completion: DynamicCompletion.kubeconfigContexts)
  var context: String?

  @Option(name: [.short, .long], help: "OpenShift namespace (project).")
  var namespace: String?

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

/// `-o/--output` for commands that print resources.
struct OutputOptions: ParsableArguments {
  @Option(name: [.short, .long], help: "Output format: table, wide, json, yaml or name.")
  var output: OutputFormat = .table
}
