import Foundation
import OSBSKit
import Testing

@Suite("osbsctl configuration and profiles")
struct OSBSCtlConfigTests {
  /// System file, user file, the koji profiles they name, and a kubeconfig with the `local` context.
  private func installSite(_ sandbox: ConfigSandbox) throws -> (system: String, user: String) {
    let system = try sandbox.copyFixture("osbsctl-system.yaml", to: "etc/osbsctl/config.yaml")
    let user = try sandbox.copyFixture("osbsctl-user.yaml", to: "home/builder/.config/osbsctl/config.yaml")
    try sandbox.copyFixture("fedora-koji.conf", to: "etc/koji.conf")
    try sandbox.copyFixture("user-koji-config", to: "home/builder/.koji/config")
    try sandbox.copyFixture("kubeconfig-sandbox.yaml", to: "home/builder/.kube/config")
    return (system, user)
  }

  @Test func userFileOverridesSystemFileKeyByKey() throws {
    let sandbox = try ConfigSandbox()
    let (system, user) = try installSite(sandbox)

    let settings = try sandbox.resolve()

    #expect(settings.configFiles == [system, user])
    #expect(settings.profile == SourcedValue("sandbox", source: "\(user):1"))
    #expect(settings.koji.profile == SourcedValue("sandbox", source: "\(system):14"))
    #expect(settings.koji.server?.value == "https://koji.sandbox.example.test/kojihub")
    #expect(settings.openshift.context == SourcedValue("local", source: "\(system):15"))
    #expect(settings.openshift.namespace == SourcedValue("osbs-mine", source: "\(user):5"))
    #expect(settings.openshift.buildAPI == SourcedValue("auto", source: "\(system):15"))
    #expect(settings.ovs.bridge == SourcedValue("br-int", source: "\(user):10"))
    #expect(settings.ovs.openflowVersion == SourcedValue("OpenFlow13", source: "\(system):17"))
    #expect(
      settings.distGit.branchTargets["f40"] == SourcedValue("f40-container-candidate", source: "\(user):8"))
    #expect(
      settings.distGit.branchTargets["main"]
        == SourcedValue("rawhide-{namespace}-candidate", source: "default")
    )
    #expect(settings.docker.host == SourcedValue("unix:///var/run/docker.sock", source: "\(system):16"))
  }

  @Test func profilePrecedenceIsFlagThenEnvironmentThenDefault() throws {
    let sandbox = try ConfigSandbox()
    let (system, _) = try installSite(sandbox)

    let fromEnvironment = try sandbox.resolve(env: ["OSBSCTL_PROFILE": "fedora"])
    #expect(fromEnvironment.profile == SourcedValue("fedora", source: "environment OSBSCTL_PROFILE"))
    #expect(fromEnvironment.koji.profile == SourcedValue("koji", source: "\(system):5"))
    #expect(fromEnvironment.openshift.buildAPI.value == "grouped")

    let fromFlag = try sandbox.resolve(ConfigInputs(profile: "sandbox"), env: ["OSBSCTL_PROFILE": "fedora"])
    #expect(fromFlag.profile == SourcedValue("sandbox", source: "flag --profile"))

    let kojiFlag = try sandbox.resolve(ConfigInputs(profile: "sandbox", kojiProfile: "koji"))
    #expect(kojiFlag.koji.profile == SourcedValue("koji", source: "flag --koji-profile"))
  }

  @Test func noProfileMeansBuiltInDefaults() throws {
    let sandbox = try ConfigSandbox()
    let settings = try sandbox.resolve(env: ["DOCKER_HOST": "tcp://127.0.0.1:2375"])
    #expect(settings.configFiles.isEmpty)
    #expect(settings.profile == nil)
    #expect(settings.koji.profile == SourcedValue("koji", source: "default"))
    #expect(settings.openshift.buildAPI == SourcedValue("auto", source: "default"))
    #expect(
      settings.distGit.targetTemplate == SourcedValue("{branch}-{namespace}-candidate", source: "default"))
    #expect(settings.docker.host == SourcedValue("tcp://127.0.0.1:2375", source: "environment DOCKER_HOST"))
    #expect(try settings.dockerConnection() == DockerConnection(baseURL: "http://127.0.0.1:2375"))
  }

  @Test func unknownProfileListsKnownOnes() throws {
    let sandbox = try ConfigSandbox()
    _ = try installSite(sandbox)
    let error = sandbox.configError { _ = try sandbox.resolve(ConfigInputs(profile: "prod")) }
    #expect(error?.failureKind == .usage)
    #expect(error?.description.contains("known: fedora, sandbox") == true)
  }

  @Test func unknownKeysAreWarningsWithLineAndNearestKey() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.write(
      "etc/osbsctl/config.yaml",
      """
      profiles:
        fedora:
          koji: {profile: fedora, confgFile: /etc/koji.conf}
          distGit:
            branchTargets: {f41: f41-container-candidate}
            targetTemplat: "{branch}-candidate"
          ovs: {brige: br1}
      """)
    try sandbox.write("etc/koji.conf", "[fedora]\nserver = https://koji.example.test/kojihub\n")
    let settings = try sandbox.resolve(ConfigInputs(profile: "fedora"))
    #expect(
      settings.configWarnings == [
        "\(path):3: unknown key 'confgFile' in profiles.fedora.koji, ignored; did you mean 'configFile'?",
        "\(path):6: unknown key 'targetTemplat' in profiles.fedora.distGit, ignored; did you mean 'targetTemplate'?",
        "\(path):7: unknown key 'brige' in profiles.fedora.ovs, ignored; did you mean 'bridge'?",
      ])
    // Branch names under branchTargets are names, not keys: f41 is no typo. Known keys still apply.
    #expect(settings.distGit.branchTargets["f41"]?.value == "f41-container-candidate")
    #expect(settings.ovs.bridge.value == "br0")
  }

  @Test func anUnknownProfileNamesWhereItsNameCameFrom() throws {
    let sandbox = try ConfigSandbox()
    _ = try installSite(sandbox)
    let error = sandbox.configError { _ = try sandbox.resolve(env: ["OSBSCTL_PROFILE": "nope"]) }
    #expect(
      error?.description.hasPrefix(#"unknown osbsctl profile "nope" (named by environment OSBSCTL_PROFILE);"#)
        == true, "\(String(describing: error))")
  }

  @Test func explicitConfigFileIsReadAlone() throws {
    let sandbox = try ConfigSandbox()
    _ = try installSite(sandbox)
    let fromEnv = try sandbox.write(
      "work/env.yaml",
      """
      defaultProfile: ci
      profiles:
        ci:
          ovs: {bridge: br-ci}
      """)
    let fromFlag = try sandbox.write(
      "work/flag.yaml",
      """
      profiles:
        adhoc:
          koji: {profile: stg, configFile: ../etc/koji.conf.d}
      """)
    try sandbox.copyFixture("stg.conf", to: "etc/koji.conf.d/stg.conf")

    let viaEnv = try sandbox.resolve(env: ["OSBSCTL_CONFIG": fromEnv])
    #expect(viaEnv.configFiles == [fromEnv])
    #expect(viaEnv.profile == SourcedValue("ci", source: "\(fromEnv):1"))
    #expect(viaEnv.ovs.bridge == SourcedValue("br-ci", source: "\(fromEnv):4"))

    let viaFlag = try sandbox.resolve(
      ConfigInputs(configFile: "flag.yaml", profile: "adhoc"), env: ["OSBSCTL_CONFIG": fromEnv])
    #expect(viaFlag.configFiles == [fromFlag])
    #expect(viaFlag.ovs.bridge.source == "default")
    // configFile is relative to the config file that names it, and acts like `koji -c`: user files are skipped.
    #expect(viaFlag.koji.configFiles.last == "\(sandbox.root)/work/../etc/koji.conf.d/stg.conf")
    #expect(!viaFlag.koji.configFiles.contains { $0.hasPrefix(sandbox.home) })
    #expect(viaFlag.koji.server?.value == "https://koji.stg.fedoraproject.org/kojihub")

    let missing = sandbox.configError {
      _ = try sandbox.resolve(env: ["OSBSCTL_CONFIG": "/nonexistent.yaml"])
    }
    #expect(missing?.failureKind == .notFound)
    #expect(missing?.description.contains("environment OSBSCTL_CONFIG") == true)
  }

  @Test func malformedYAMLNamesFileAndLine() throws {
    let sandbox = try ConfigSandbox()
    let user = try sandbox.write(
      "home/builder/.config/osbsctl/config.yaml",
      """
      defaultProfile: sandbox
      profiles:
        sandbox:
          koji: {profile: sandbox
          ovs: {bridge: br0}
      """)
    let syntax = sandbox.configError { _ = try sandbox.resolve() }
    #expect(syntax?.failureKind == .usage)
    #expect(syntax?.description.hasPrefix("\(user):5: ") == true)

    try sandbox.write(
      "home/builder/.config/osbsctl/config.yaml",
      """
      profiles:
        sandbox:
          openshift:
            namespace: [not, a, string]
      """)
    let type = sandbox.configError { _ = try sandbox.resolve() }
    #expect(type?.description.hasPrefix("\(user):4: ") == true)
    #expect(type?.description.contains("profiles.sandbox.openshift.namespace") == true)

    try sandbox.write(
      "home/builder/.config/osbsctl/config.yaml",
      """
      profiles:
        sandbox:
          openshift:
            buildAPI: v2
      """)
    let value = sandbox.configError { _ = try sandbox.resolve() }
    #expect(value?.description.hasPrefix("\(user):4: ") == true)
  }

  @Test func secretsAreRedactedInEncodedJSONAndDescriptions() throws {
    let sandbox = try ConfigSandbox()
    try sandbox.write(
      "etc/koji.conf",
      """
      [koji]
      server = https://koji.example.test/kojihub
      authtype = password
      user = kojiadmin
      password = koji-FAKE-password-42
      upload_token = upload-FAKE-token-42
      """)
    let inline = try sandbox.copyFixture("kubeconfig-inline.yaml", to: "home/builder/.kube/config")
    let keyData =
      "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUZBS0VLRVlEQVRBU0VDUkVUCi0tLS0tRU5EIFBSSVZBVEUgS0VZLS0tLS0K"
    let secrets = [
      "koji-FAKE-password-42", "upload-FAKE-token-42", "sha256~Xq9FAKEtokenFAKEtokenFAKEtoken0123456789ab",
      keyData, "MIIFAKEKEYDATASECRET",
    ]

    let settings = try sandbox.resolve()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let json = String(decoding: try encoder.encode(settings), as: UTF8.self)
    for secret in secrets {
      #expect(!json.contains(secret))
      #expect(!String(describing: settings).contains(secret))
      #expect(!String(reflecting: settings).contains(secret))
    }
    #expect(settings.koji.extra["upload_token"]?.value == "[REDACTED]")
    #expect(settings.openshift.token == SourcedValue("[REDACTED]", source: "\(inline):19"))
    #expect(json.contains(#""password":{"source":"\#(sandbox.etc)/koji.conf:5","value":"[REDACTED]"}"#))

    // The JSON is a stable contract: it decodes back to the same public view.
    let decoded = try JSONDecoder().decode(ResolvedSettings.self, from: Data(json.utf8))
    #expect(decoded.koji == settings.koji)
    #expect(decoded.openshift == settings.openshift)

    // The clear values are still there for the transport.
    #expect(
      try settings.kojiConnection().login == .password(user: "kojiadmin", password: "koji-FAKE-password-42"))
  }

  @Test func basicAuthUserFromKubeconfig() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.write(
      "kube/config",
      """
      clusters:
      - {name: prod, cluster: {server: "https://api.prod.example.test:6443"}}
      users:
      - {name: kubeadmin, user: {username: kubeadmin, password: hunter2-FAKE-password}}
      contexts:
      - {name: admin, context: {cluster: prod, user: kubeadmin}}
      current-context: admin
      """)
    let settings = try sandbox.resolve(ConfigInputs(kubeconfig: path))
    #expect(settings.openshift.authMethod == SourcedValue(.basic, source: "\(path):4"))
    let json = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
    #expect(!json.contains("hunter2-FAKE-password"))
    #expect(
      try settings.openShiftConnection().endpoint.auth
        == .basic(user: "kubeadmin", password: "hunter2-FAKE-password"))
  }
}
