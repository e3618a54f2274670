import Foundation

/// Which servers' settings a resolution reads. A command that talks to no Koji hub reads no koji config
/// file, so a broken `~/.koji/config` cannot stop `node cordon` (nor cost it the ~6 M instructions of
/// reading it); the same for kubeconfig files and commands that talk to no cluster.
public struct SettingsScope: OptionSet, Sendable, Hashable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }

  public static let koji = SettingsScope(rawValue: 1)
  public static let openShift = SettingsScope(rawValue: 2)
  public static let all: SettingsScope = [.koji, .openShift]
}

/// Every configuration-related command-line flag; nil means the flag was not given.
public struct ConfigInputs: Sendable, Equatable {
  /// `--config FILE`: read only this osbsctl config file.
  public var configFile: String?
  /// `-p/--profile`: the osbsctl profile.
  public var profile: String?
  /// `--koji-config FILE`: like `koji -c FILE`.
  public var kojiConfigFile: String?
  /// `--koji-profile`: the koji config section.
  public var kojiProfile: String?
  /// `--kubeconfig FILE`: read only this kubeconfig.
  public var kubeconfig: String?
  /// `--context`: the kubeconfig context.
  public var context: String?
  /// `-n/--namespace`.
  public var namespace: String?
  /// `--request-timeout`: how long one call to a server may take, retries included.
  public var requestTimeout: String?
  /// The servers whose settings to read; the others keep their built-in defaults (`ResolvedSettings.scope`).
  public var scope: SettingsScope = .all

  public init(
    configFile: String? = nil, profile: String? = nil, kojiConfigFile: String? = nil,
    kojiProfile: String? = nil,
    kubeconfig: String? = nil, context: String? = nil, namespace: String? = nil,
    requestTimeout: String? = nil,
    scope: SettingsScope = .all
  ) {
    self.scope = scope
    self.configFile = configFile
    self.profile = profile
    self.kojiConfigFile = kojiConfigFile
    self.kojiProfile = kojiProfile
    self.kubeconfig = kubeconfig
    self.context = context
    self.namespace = namespace
    self.requestTimeout = requestTimeout
  }
}

public struct ResolvedDistGitSettings: Codable, Sendable, Equatable {
  /// Anonymous clone URL; `{namespace}` and `{name}` are substituted.
  public var anonURLTemplate: SourcedValue<String>
  /// Koji build target for a branch without an entry in `branchTargets`; `{branch}` and `{namespace}` are
  /// substituted.
  public var targetTemplate: SourcedValue<String>
  public var branchTargets: [String: SourcedValue<String>]
}

public struct ResolvedDockerSettings: Codable, Sendable, Equatable {
  /// `unix:///path` or `tcp://host:port`.
  public var host: SourcedValue<String>
}

public struct ResolvedHTTPSettings: Codable, Sendable, Equatable {
  /// Cap on a response body read whole (not streamed); larger replies fail with a clear error.
  public var maxResponseBytes: SourcedValue<Int>
  /// The longest one call to a server may take, retries included, in seconds; absent: no limit (each try
  /// still has the transport's connect and idle timeouts). Streams are bounded only until they open.
  public var requestTimeout: SourcedValue<Double>?
}

public struct ResolvedOVSSettings: Codable, Sendable, Equatable {
  public var bridge: SourcedValue<String>
  public var ofctl: SourcedValue<String>
  public var openflowVersion: SourcedValue<String>
}

/// `node probe`'s defaults: the buildroot image and the URL the runbook's test tries.
public struct ResolvedProbeSettings: Codable, Sendable, Equatable {
  public var image: SourcedValue<String>
  public var target: SourcedValue<String>
}

/// Everything osbsctl resolved from flags, environment and files: the JSON of `osbsctl config view -o json`.
///
/// Secrets appear only as `[REDACTED]` (with their source); the values themselves are kept out of the
/// encoded form and out of `description`/`dump`, and only leave through the `…Connection()` functions.
public struct ResolvedSettings: Codable, Sendable, Equatable {
  /// osbsctl config files read, in order (later ones override earlier ones key by key).
  public var configFiles: [String]
  /// The osbsctl profile; nil when none is selected (built-in defaults).
  public var profile: SourcedValue<String>?
  public var koji: ResolvedKojiSettings
  public var openshift: ResolvedOpenShiftSettings
  public var distGit: ResolvedDistGitSettings
  public var docker: ResolvedDockerSettings
  public var ovs: ResolvedOVSSettings
  public var probe: ResolvedProbeSettings
  public var http: ResolvedHTTPSettings
  /// Credential files others can read; the executable warns about each once.
  public var exposedCredentials: [ExposedCredentialFile]
  /// Problems worth a warning that do not stop the run: keys of the osbsctl config files osbsctl does not
  /// know (`file:line: unknown key 'kojj' in profiles.fedora, ignored; did you mean 'koji'?`), koji config
  /// files that could not be read.
  public var configWarnings: [String] = []
  /// The servers whose settings were read; outside it `koji` or `openshift` hold built-in defaults only.
  public var scope: SettingsScope = .all
  var secrets = SecretMaterial()

  enum CodingKeys: String, CodingKey {
    case configFiles, profile, koji, openshift, distGit, docker, ovs, probe, http, exposedCredentials
  }
}

/// Holds the secret values behind `[REDACTED]`; never printed or reflected.
struct SecretMaterial: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
  var kojiPassword: String?
  var openshift = OpenShiftMaterial()

  var description: String { Redaction.placeholder }
  var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// Resolves flags, environment and config files into `ResolvedSettings`.
///
/// Precedence everywhere: flag, then the selected osbsctl profile, then the tool's own environment variable
/// (`KUBECONFIG`), then the tool's own files, then built-in defaults. `DOCKER_HOST` is the exception: it
/// comes before the profile's `docker.host`.
public struct SettingsResolver: Sendable {
  public var inputs: ConfigInputs
  public var environment: ConfigEnvironment

  public init(inputs: ConfigInputs = ConfigInputs(), environment: ConfigEnvironment = .current()) {
    self.inputs = inputs
    self.environment = environment
  }

  /// The osbsctl config files that would be read, in order: `--config` or `$OSBSCTL_CONFIG` alone (must
  /// exist), else the system file then the user file, whichever exist.
  public func osbsctlConfigFiles() throws(ConfigError) -> [String] {
    if let explicit = explicitConfigFile() {
      guard ConfigFiles.isRegularFile(explicit.value) else {
        throw .fileNotFound(path: explicit.value, namedBy: explicit.source)
      }
      return [explicit.value]
    }
    let system = PathText.join(environment.systemConfigDirectory, "osbsctl/config.yaml")
    let configHome =
      environment.variable("XDG_CONFIG_HOME").map(environment.userPath)
      ?? PathText.join(environment.homeDirectory, ".config")
    let user = PathText.join(configHome, "osbsctl/config.yaml")
    return [system, user].filter(ConfigFiles.isRegularFile)
  }

  public func resolve() throws(ConfigError) -> ResolvedSettings {
    let configFiles = try osbsctlConfigFiles()
    let config = try OSBSCtlConfig.load(paths: configFiles)
    let profile = try selectProfile(config)
    let entries = profile.flatMap { config.profiles[$0.value] } ?? [:]

    func flag(_ value: String?, _ name: String) -> SourcedValue<String>? {
      value.map { SourcedValue($0, source: SettingSource.flag(name)) }
    }
    func flagPath(_ value: String?, _ name: String) -> SourcedValue<String>? {
      flag(value, name).map { $0.map(environment.userPath) }
    }
    func fromProfile(_ key: String) -> SourcedValue<String>? { entries[key]?.sourced }
    /// Paths in a config file are relative to that file, as kubeconfig paths are.
    func pathFromProfile(_ key: String) -> SourcedValue<String>? { entries[key]?.path(in: environment) }
    func defaulted(_ value: String) -> SourcedValue<String> {
      SourcedValue(value, source: SettingSource.builtInDefault)
    }

    let explicitKojiProfile =
      flag(inputs.kojiProfile, ConfigFlagName.kojiProfile) ?? fromProfile("koji.profile")
    let kojiProfile = explicitKojiProfile ?? defaulted("koji")
    let koji =
      inputs.scope.contains(.koji)
      ? try KojiSettingsLoader.resolve(
        profile: kojiProfile, profileIsExplicit: explicitKojiProfile != nil,
        explicitFile: flagPath(inputs.kojiConfigFile, ConfigFlagName.kojiConfig)
          ?? pathFromProfile("koji.configFile"),
        environment: environment)
      : (settings: ResolvedKojiSettings(profile: kojiProfile), password: nil)

    let buildAPI = fromProfile("openshift.buildAPI") ?? defaulted("auto")
    let openshift =
      inputs.scope.contains(.openShift)
      ? try OpenShiftSettingsLoader.resolve(
        OpenShiftRequest(
          explicitKubeconfig: flagPath(inputs.kubeconfig, ConfigFlagName.kubeconfig)
            ?? pathFromProfile("openshift.kubeconfig"),
          context: flag(inputs.context, ConfigFlagName.context) ?? fromProfile("openshift.context"),
          namespace: flag(inputs.namespace, ConfigFlagName.namespace) ?? fromProfile("openshift.namespace"),
          buildAPI: buildAPI),
        environment: environment)
      : (
        settings: ResolvedOpenShiftSettings(
          kubeconfigFiles: SourcedValue([], source: SettingSource.builtInDefault),
          namespace: defaulted("default"), buildAPI: buildAPI),
        material: OpenShiftMaterial()
      )

    var branchTargets = BuiltInDefaults.branchTargets.mapValues(defaulted)
    let branchPrefix = "distGit.branchTargets."
    for (key, entry) in entries where key.hasPrefix(branchPrefix) {
      branchTargets[String(key.dropFirst(branchPrefix.count))] = entry.sourced
    }
    let distGit = ResolvedDistGitSettings(
      anonURLTemplate: fromProfile("distGit.anonURLTemplate") ?? defaulted(BuiltInDefaults.anonURLTemplate),
      targetTemplate: fromProfile("distGit.targetTemplate") ?? defaulted(BuiltInDefaults.targetTemplate),
      branchTargets: branchTargets)
    // DOCKER_HOST beats the profile, as it beats a docker CLI context: it is how one command is pointed at
    // another engine (podman's socket, a test service).
    let dockerHost =
      environment.variable("DOCKER_HOST").map {
        SourcedValue($0, source: SettingSource.environment("DOCKER_HOST"))
      }
      ?? fromProfile("docker.host")
      ?? defaulted(BuiltInDefaults.dockerHost)
    let ovs = ResolvedOVSSettings(
      bridge: fromProfile("ovs.bridge") ?? defaulted(BuiltInDefaults.ovsBridge),
      ofctl: fromProfile("ovs.ofctl") ?? defaulted(BuiltInDefaults.ovsOfctl),
      openflowVersion: fromProfile("ovs.openflowVersion") ?? defaulted(BuiltInDefaults.openflowVersion))

    // osbsctl's own variable wins over its own files, as OSBSCTL_CONFIG and OSBSCTL_PROFILE do.
    let maxResponseBytes = try ByteCount.setting(
      environment.variable(Self.maxResponseBytesVariable).map {
        SourcedValue($0, source: SettingSource.environment(Self.maxResponseBytesVariable))
      } ?? fromProfile("http.maxResponseBytes"),
      name: "http.maxResponseBytes", default: HTTPClientConfiguration.defaultMaxResponseBytes)

    var settings = ResolvedSettings(
      configFiles: configFiles, profile: profile, koji: koji.settings, openshift: openshift.settings,
      distGit: distGit, docker: ResolvedDockerSettings(host: dockerHost), ovs: ovs,
      probe: ResolvedProbeSettings(
        image: fromProfile("probe.image") ?? defaulted(BuiltInDefaults.probeImage),
        target: fromProfile("probe.target") ?? defaulted(BuiltInDefaults.probeTarget)),
      http: ResolvedHTTPSettings(
        maxResponseBytes: maxResponseBytes,
        requestTimeout: try RequestTimeout.setting(
          inputs.requestTimeout.map {
            SourcedValue($0, source: SettingSource.flag(ConfigFlagName.requestTimeout))
          }
            ?? environment.variable(Self.requestTimeoutVariable).map {
              SourcedValue($0, source: SettingSource.environment(Self.requestTimeoutVariable))
            } ?? fromProfile("http.requestTimeout"))),
      exposedCredentials: [],
      secrets: SecretMaterial(kojiPassword: koji.password, openshift: openshift.material))
    settings.exposedCredentials = CredentialExposure.check(settings, configFiles: configFiles)
    settings.configWarnings = config.unknownKeys + settings.koji.skippedConfigFiles.map(\.warning)
    settings.scope = inputs.scope
    return settings
  }

  /// Environment alternative to the profile's `http.requestTimeout`.
  public static let requestTimeoutVariable = "OSBSCTL_REQUEST_TIMEOUT"

  /// Environment alternative to the profile's `http.maxResponseBytes`.
  public static let maxResponseBytesVariable = "OSBSCTL_MAX_RESPONSE_BYTES"

  private func explicitConfigFile() -> SourcedValue<String>? {
    if let path = inputs.configFile {
      return SourcedValue(environment.userPath(path), source: SettingSource.flag(ConfigFlagName.config))
    }
    if let path = environment.variable("OSBSCTL_CONFIG") {
      return SourcedValue(environment.userPath(path), source: SettingSource.environment("OSBSCTL_CONFIG"))
    }
    return nil
  }

  /// `-p/--profile`, then `$OSBSCTL_PROFILE`, then `defaultProfile`; a named profile must exist.
  func selectProfile(_ config: OSBSCtlConfig) throws(ConfigError) -> SourcedValue<String>? {
    let chosen =
      inputs.profile.map { SourcedValue($0, source: SettingSource.flag(ConfigFlagName.profile)) }
      ?? environment.variable("OSBSCTL_PROFILE").map {
        SourcedValue($0, source: SettingSource.environment("OSBSCTL_PROFILE"))
      }
      ?? config.defaultProfile?.sourced
    guard let chosen else { return nil }
    guard config.profiles[chosen.value] != nil else {
      throw .unknownProfile(
        kind: "osbsctl profile", name: chosen.value, known: config.profiles.keys.sorted(),
        searched: config.files,
        namedBy: chosen.source)
    }
    return chosen
  }
}

/// Values used when neither flags, environment nor any file says otherwise.
public enum BuiltInDefaults {
  public static let anonURLTemplate = "https://src.fedoraproject.org/{namespace}/{name}.git"
  // rpkg's `<branch>-<namespace>-candidate`; fedpkg names rawhide for its default branches.
  public static let targetTemplate = "{branch}-{namespace}-candidate"
  public static let branchTargets = [
    "main": "rawhide-{namespace}-candidate", "master": "rawhide-{namespace}-candidate",
    "rawhide": "rawhide-{namespace}-candidate",
  ]
  public static let dockerHost = "unix:///var/run/docker.sock"
  public static let ovsBridge = "br0"
  public static let ovsOfctl = "ovs-ofctl"
  public static let openflowVersion = "OpenFlow13"
  /// The runbook's `docker run --rm -ti buildroot` and `curl https://google.com`.
  public static let probeImage = "buildroot"
  public static let probeTarget = "https://google.com/"
}
