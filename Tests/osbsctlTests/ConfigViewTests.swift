import Foundation
import Testing

@Suite("osbsctl config view")
struct ConfigViewTests {
  static let kojiConf = """
    [fedora]
    server = https://koji.fedoraproject.org/kojihub
    weburl = https://koji.fedoraproject.org/koji
    topurl = https://kojipkgs.fedoraproject.org/
    authtype = password
    user = builder1
    password = hunter2-koji-secret
    max_retries = 7
    """

  static let kubeconfig = """
    apiVersion: v1
    kind: Config
    clusters:
    - name: osbs
      cluster:
        server: https://osbs.example.org:8443
        insecure-skip-tls-verify: true
    users:
    - name: admin
      user:
        token: sha256~kube-secret-token
    contexts:
    - name: osbs-admin
      context: {cluster: osbs, user: admin, namespace: worker}
    current-context: osbs-admin
    """

  func setUp() throws -> (CLI, koji: String, kube: String, config: String) {
    let cli = try CLI()
    let koji = try cli.write("conf/koji.conf", Self.kojiConf)
    let kube = try cli.write("conf/kubeconfig", Self.kubeconfig)
    let config = try cli.write(
      "conf/osbsctl.yaml",
      """
      defaultProfile: prod
      profiles:
        prod:
          koji: {profile: fedora, configFile: \(koji)}
          openshift: {kubeconfig: \(kube), context: osbs-admin}
      """)
    return (cli, koji, kube, config)
  }

  @Test func resolvesKojiProfileAndKubeContextNamingTheirFiles() async throws {
    let (cli, koji, kube, config) = try setUp()
    let result = try await cli.osbsctl(
      ["config", "view", "-o", "json"], environment: ["OSBSCTL_CONFIG": config])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let json = try result.json()
    let kojiSection = try #require(json["koji"] as? [String: Any])
    let server = try #require(kojiSection["server"] as? [String: Any])
    #expect(server["value"] as? String == "https://koji.fedoraproject.org/kojihub")
    #expect((server["source"] as? String)?.hasPrefix(koji) == true)
    let openshift = try #require(json["openshift"] as? [String: Any])
    let context = try #require(openshift["context"] as? [String: Any])
    #expect(context["value"] as? String == "osbs-admin")
    let apiServer = try #require(openshift["server"] as? [String: Any])
    #expect(apiServer["value"] as? String == "https://osbs.example.org:8443")
    #expect((apiServer["source"] as? String)?.hasPrefix(kube) == true)
    let namespace = try #require(openshift["namespace"] as? [String: Any])
    #expect(namespace["value"] as? String == "worker")
    #expect(!result.stdout.contains("hunter2-koji-secret"))
    #expect(!result.stdout.contains("kube-secret-token"))
  }

  @Test func flagsWinOverTheProfile() async throws {
    let (cli, _, _, config) = try setUp()
    let result = try await cli.osbsctl(
      ["config", "view", "-o", "json", "--config", config, "-n", "elsewhere"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let namespace = try #require(
      (try result.json()["openshift"] as? [String: Any])?["namespace"] as? [String: Any])
    #expect(namespace["value"] as? String == "elsewhere")
    #expect(namespace["source"] as? String == "flag --namespace")
  }

  @Test func tableShowsSourcesAndHidesSecrets() async throws {
    let (cli, koji, _, config) = try setUp()
    let result = try await cli.osbsctl(["config", "view"], environment: ["OSBSCTL_CONFIG": config])
    #expect(result.exitCode == 0)
    #expect(result.stdout.hasPrefix("SETTING"))
    #expect(result.stdout.contains("koji.server"))
    #expect(result.stdout.contains(koji))
    #expect(!result.stdout.contains("hunter2-koji-secret"))
    #expect(!result.stdout.contains("kube-secret-token"))
  }

  @Test func malformedFileIsAUsageErrorNamingFileAndLine() async throws {
    let cli = try CLI()
    let config = try cli.write("conf/broken.yaml", "profiles:\n  prod: [unclosed\n")
    let result = try await cli.osbsctl(["config", "view", "--config", config])
    #expect(result.exitCode == 64)
    #expect(result.stderr.contains(config))
  }

  @Test func malformedKojiConfigNamesFileAndLine() async throws {
    let cli = try CLI()
    let koji = try cli.write("conf/koji.conf", "[fedora]\nserver = https://x/kojihub\nthis line is broken\n")
    let result = try await cli.osbsctl(["config", "view", "-c", koji, "--koji-profile", "fedora"])
    #expect(result.exitCode == 64)
    #expect(result.stderr.contains("\(koji):3"))
  }

  @Test func unknownProfileListsTheKnownOnes() async throws {
    let (cli, _, _, config) = try setUp()
    let result = try await cli.osbsctl(["config", "view", "--config", config, "-p", "nosuch"])
    #expect(result.exitCode == 64)
    #expect(result.stderr.contains("nosuch"))
    #expect(result.stderr.contains("prod"))
  }

  @Test func unknownKeysWarnWithFileLineAndNearestKnownKey() async throws {
    let (cli, koji, kube, _) = try setUp()
    let config = try cli.write(
      "conf/typo.yaml",
      """
      defaultProfile: prod
      profiles:
        prod:
          kojj: {profile: fedora}
          koji: {profile: fedora, configFile: \(koji)}
          openshift: {kubeconfig: \(kube), context: osbs-admin, namespce: osbs}
          frobnicate: true
      defaultProfil: prod
      """)
    let result = try await cli.osbsctl(["config", "view", "--config", config])
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "\(config):4: unknown key 'kojj' in profiles.prod, ignored; did you mean 'koji'?"),
      "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "\(config):6: unknown key 'namespce' in profiles.prod.openshift, ignored; did you mean 'namespace'?"))
    #expect(
      result.stderr.contains(
        "\(config):7: unknown key 'frobnicate' in profiles.prod, ignored; known: distGit, docker, http, koji, "
          + "openshift, ovs"))
    #expect(
      result.stderr.contains(
        "\(config):8: unknown key 'defaultProfil' at the top level, ignored; did you mean 'defaultProfile'?"))
    // Each once, however many times the command resolves its settings.
    #expect(result.stderr.components(separatedBy: "'kojj'").count == 2)

    // Known keys only: not a word.
    let (clean, _, _, cleanConfig) = try setUp()
    let quiet = try await clean.osbsctl(["config", "view", "--config", cleanConfig])
    #expect(quiet.exitCode == 0)
    #expect(!quiet.stderr.contains("unknown key"), "\(quiet.stderr)")
  }

  /// `koji whoami` reads the Koji connection and then opens its session: both come from one resolution
  /// of the settings, so an unknown key is warned about once (the warning is not deduplicated; a second
  /// resolution would repeat it).
  @Test func settingsAreResolvedOncePerRun() async throws {
    let cli = try CLI()
    let koji = try cli.write(
      "conf/dead-koji.conf",
      """
      [dead]
      server = http://127.0.0.1:9/kojihub
      authtype = noauth
      max_retries = 0
      """)
    let config = try cli.write(
      "conf/typo.yaml",
      """
      defaultProfile: p
      profiles:
        p:
          kojj: {profile: dead}
          koji: {profile: dead, configFile: \(koji)}
      """)
    let result = try await cli.osbsctl(["koji", "whoami", "--config", config])
    #expect(result.exitCode != 0, "\(result.stdout)")
    #expect(result.stderr.components(separatedBy: "unknown key 'kojj'").count == 2, "\(result.stderr)")
  }

  @Test func anUnknownProfileSaysWhichVariableOrFlagNamedIt() async throws {
    let (cli, _, _, config) = try setUp()
    let fromVariable = try await cli.osbsctl(
      ["config", "view", "--config", config], environment: ["OSBSCTL_PROFILE": "nope"])
    #expect(fromVariable.exitCode == 64)
    #expect(
      fromVariable.stderr.contains(#"unknown osbsctl profile "nope" (named by environment OSBSCTL_PROFILE)"#),
      "\(fromVariable.stderr)")
    #expect(fromVariable.stderr.contains("known: prod"))

    let fromFlag = try await cli.osbsctl(["config", "view", "--config", config, "-p", "nope"])
    #expect(fromFlag.exitCode == 64)
    #expect(
      fromFlag.stderr.contains(#"unknown osbsctl profile "nope" (named by flag --profile)"#),
      "\(fromFlag.stderr)")
  }

  @Test func aMissingCheckoutDirectoryIsNamed() async throws {
    let (cli, _, _, config) = try setUp()
    let result = try await cli.osbsctl(
      ["container-build", "--config", config, "-C", "/nonexistent/checkout", "--dry-run"])
    #expect(result.exitCode == 3, "\(result.stderr)")
    #expect(result.stderr.contains("/nonexistent/checkout: no such directory"), "\(result.stderr)")
  }

  @Test func missingExplicitConfigFileIsNotFound() async throws {
    let cli = try CLI()
    let result = try await cli.osbsctl(["config", "view", "--config", cli.home.path + "/absent.yaml"])
    #expect(result.exitCode == 3)
    #expect(result.stderr.contains("absent.yaml"))
  }
}
