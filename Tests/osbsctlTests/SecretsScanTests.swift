import Foundation
import TestSupport
import Testing

/// Every command, with `--debug`, against the sandbox with known secret values: none of them may appear
/// in stdout, stderr or JSON output, whatever the command's outcome.
@Suite("Secrets never leave")
struct SecretsScanTests {
  /// Placeholders in `commands`, filled in from the running sandbox.
  enum Placeholder {
    static let task = "{TASK}"
    static let build = "{BUILD}"
    static let node = "{NODE}"
    static let checkout = "{CHECKOUT}"
  }

  /// Every command, with arguments that make it do real work. A new command is one line here;
  /// `--debug` is appended to each, and `-o json` runs are listed separately where a command has JSON.
  static let commands: [[String]] = [
    ["container-build", "-C", Placeholder.checkout, "--scratch", "--interval", "0.2"],
    ["container-build", "-C", Placeholder.checkout, "--scratch", "--nowait", "-o", "json"],
    ["task", "watch", Placeholder.task, "--interval", "0.2"],
    ["task", "watch", Placeholder.task, "--interval", "0.2", "-o", "json"],
    ["task", "logs", Placeholder.task],
    ["task", "info", Placeholder.task, "-o", "json"],
    ["task", "cancel", Placeholder.task, "--dry-run"],
    ["task", "cancel", Placeholder.task, "--confirm", "-o", "json"],
    ["koji", "whoami", "-o", "json"],
    ["build", "list", "-A", "-o", "json"],
    ["build", "get", Placeholder.build, "-o", "yaml"],
    ["build", "logs", Placeholder.build],
    ["build", "watch", Placeholder.build],
    ["build", "node", Placeholder.build, "-o", "json"],
    ["build", "for-task", Placeholder.task, "-o", "json"],
    ["build", "cancel", Placeholder.build],
    ["node", "list", "-o", "wide"],
    ["node", "pods", Placeholder.node, "-o", "json"],
    ["node", "cordon", Placeholder.node, "--confirm"],
    ["node", "uncordon", Placeholder.node, "--confirm", "-o", "json"],
    ["node", "drain", Placeholder.node, "-o", "json"],
    ["prune", "builds", "-A", "--orphans", "-o", "json"],
    ["prune", "builds", "--keep-complete", "0", "--keep-younger-than", "0s", "--confirm", "-o", "json"],
    ["doctor", Placeholder.task, "-o", "json"],
    ["doctor", "--build", Placeholder.build, "-o", "wide"],
    ["ovs", "check", "--node", Placeholder.node, "-o", "json"],
    ["config", "view"],
    ["config", "view", "-o", "json"],
    ["version", "-o", "json"],
  ]

  static func kubeconfigPath(_ sandbox: SandboxProcess) -> String {
    URL(fileURLWithPath: sandbox.ready.stateDir).appendingPathComponent("kubeconfig").path
  }

  /// Key material put into the kubeconfig next to the token (the sandbox speaks plain HTTP, so it is
  /// never used on the wire, but it is read, resolved and could be shown).
  static let keyMarker = "KEYMATERIAL7c1eQ9"

  @Test func noCommandShowsASecret() async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let cli = try CLI()
    let kubeconfigPath = Self.kubeconfigPath(sandbox)
    let key = "-----BEGIN PRIVATE KEY-----\n\(Self.keyMarker)\n-----END PRIVATE KEY-----\n"
    let kubeconfig = try String(contentsOfFile: kubeconfigPath, encoding: .utf8).replacingOccurrences(
      of: "    token: ",
      with: "    client-key-data: \(Data(key.utf8).base64EncodedString())\n    token: ")
    try kubeconfig.write(toFile: kubeconfigPath, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: kubeconfigPath)

    let secrets = [
      "builder1pass", "sandbox-admin-token", Self.keyMarker, Data(key.utf8).base64EncodedString(),
    ]
    let checkout = try await sandbox.distGitCheckout()
    let submitted = try await cli.osbsctl(
      ["container-build", "-C", checkout.path, "--interval", "0.2", "-o", "json"],
      environment: sandbox.environment)
    let task = try #require(try submitted.json()["taskId"] as? Int, "\(submitted.stderr)")
    // The submitted task's build: it has finished, so `build watch` returns at once (a seeded Running
    // build would be watched forever).
    let builds = try await cli.osbsctl(
      ["build", "for-task", String(task), "-o", "name"], environment: sandbox.environment)
    let build = try #require(
      builds.stdout.split(separator: "\n").first?.split(separator: "/").last, "\(builds.summary)")
    let nodes = try await cli.osbsctl(["node", "list", "-o", "name"], environment: sandbox.environment)
    let node = try #require(nodes.stdout.split(separator: "\n").first?.split(separator: "/").last)

    // The hub's session keys look like `<user id>-<19 letters and digits>`.
    let sessionKey = try Regex(#"\b[0-9]+-[A-Za-z0-9]{19}\b"#)
    var traced = 0
    for command in Self.commands {
      let arguments =
        command.map {
          $0.replacingOccurrences(of: Placeholder.task, with: String(task))
            .replacingOccurrences(of: Placeholder.build, with: String(build))
            .replacingOccurrences(of: Placeholder.node, with: String(node))
            .replacingOccurrences(of: Placeholder.checkout, with: checkout.path)
        } + ["--debug"]
      let result = try await cli.osbsctl(arguments, environment: sandbox.environment)
      let text = result.stdout + result.stderr
      let label = "\(arguments.joined(separator: " ")): \(result.summary)"
      #expect(result.exitCode != nil, "crashed: \(label)")
      for secret in secrets { #expect(!text.contains(secret), "\(secret) shown by \(label)") }
      #expect(!text.contains(sessionKey), "a session key shown by \(label)")
      if result.stderr.contains("debug: ") { traced += 1 }
    }
    // The scan looked at real traces: every command that talks to a server traced its requests.
    #expect(traced >= Self.commands.count - 3, "\(traced) of \(Self.commands.count) commands traced")
  }

  /// The README's promise for credential files: readable by group or others → a warning naming the file,
  /// once per file and run, on stderr only.
  @Test func exposedCredentialFilesAreNamed() async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let cli = try CLI()
    let koji = sandbox.ready.kojiConfig
    let kube = Self.kubeconfigPath(sandbox)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: koji)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: kube)

    let whoami = try await cli.osbsctl(["koji", "whoami", "-o", "json"], environment: sandbox.environment)
    #expect(whoami.exitCode == 0, "\(whoami.summary)")
    let kojiWarnings = whoami.stderr.split(separator: "\n").filter { $0.contains(koji) }
    #expect(kojiWarnings.count == 1, "\(whoami.stderr)")
    #expect(kojiWarnings.first?.hasPrefix("warning: ") == true)
    #expect(
      kojiWarnings.first?.contains("a password") == true && kojiWarnings.first?.contains("0644") == true)
    #expect(!whoami.stdout.contains("warning"))

    let nodes = try await cli.osbsctl(["node", "list"], environment: sandbox.environment)
    #expect(nodes.exitCode == 0, "\(nodes.summary)")
    let kubeWarnings = nodes.stderr.split(separator: "\n").filter { $0.contains(kube) }
    #expect(kubeWarnings.count == 1, "\(nodes.stderr)")
    #expect(kubeWarnings.first?.contains("a bearer token") == true)

    let view = try await cli.osbsctl(["config", "view", "-o", "json"], environment: sandbox.environment)
    let exposed = try #require(try view.json()["exposedCredentials"] as? [[String: Any]])
    #expect(Set(exposed.compactMap { $0["path"] as? String }) == [koji, kube])

    // Owner-only again: no warning.
    for path in [koji, kube] {
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
    let quiet = try await cli.osbsctl(["koji", "whoami"], environment: sandbox.environment)
    #expect(!quiet.stderr.contains("warning"), "\(quiet.stderr)")
  }

  /// `insecure-skip-tls-verify` is explicit and warned about on every run (once per run).
  @Test func insecureTLSWarnsEveryRun() async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let cli = try CLI()
    let kubeconfigPath = Self.kubeconfigPath(sandbox)
    let kubeconfig = try String(contentsOfFile: kubeconfigPath, encoding: .utf8).replacingOccurrences(
      of: "    server: ", with: "    insecure-skip-tls-verify: true\n    server: ")
    try kubeconfig.write(toFile: kubeconfigPath, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: kubeconfigPath)
    let kojiConfig =
      try String(contentsOfFile: sandbox.ready.kojiConfig, encoding: .utf8) + "no_ssl_verify = true\n"
    try kojiConfig.write(toFile: sandbox.ready.kojiConfig, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: sandbox.ready.kojiConfig)
    for arguments in [["node", "list"], ["node", "list"], ["koji", "whoami"]] {
      let result = try await cli.osbsctl(arguments, environment: sandbox.environment)
      #expect(result.exitCode == 0, "\(result.summary)")
      let warnings = result.stderr.split(separator: "\n").filter { $0.contains("verification is disabled") }
      #expect(warnings.count == 1, "\(arguments): \(result.stderr)")
    }
  }
}
