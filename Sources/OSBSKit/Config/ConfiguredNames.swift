import Foundation

/// The names the configuration offers for a choice, read from the files `resolve()` would read for the
/// same inputs. Unlike `resolve()` they do not need the choice being made to be valid yet: the user is
/// still typing it.
extension SettingsResolver {
  /// Every profile of the osbsctl config files (`-p/--profile`).
  public func osbsctlProfileNames() throws(ConfigError) -> [String] {
    try OSBSCtlConfig.load(paths: try osbsctlConfigFiles()).profiles.keys.sorted()
  }

  /// Every section of the Koji config files (`--koji-profile`): `-c` or the osbsctl profile's
  /// `koji.configFile` when given, else koji's own search.
  public func kojiProfileNames() throws(ConfigError) -> [String] {
    let entries = try selectedProfileEntries()
    let explicit =
      inputs.kojiConfigFile.map {
        SourcedValue(environment.userPath($0), source: SettingSource.flag(ConfigFlagName.kojiConfig))
      } ?? entries["koji.configFile"]?.path(in: environment)
    return try KojiSettingsLoader.document(explicit: explicit, environment: environment).document.sectionNames
      .sorted()
  }

  /// Every context of the kubeconfig files (`--context`): `--kubeconfig` or the osbsctl profile's
  /// `openshift.kubeconfig` when given, else `$KUBECONFIG`, else `~/.kube/config`.
  public func kubeconfigContextNames() throws(ConfigError) -> [String] {
    let entries = try selectedProfileEntries()
    let explicit =
      inputs.kubeconfig.map {
        SourcedValue(environment.userPath($0), source: SettingSource.flag(ConfigFlagName.kubeconfig))
      } ?? entries["openshift.kubeconfig"]?.path(in: environment)
    let request = OpenShiftRequest(
      explicitKubeconfig: explicit, buildAPI: SourcedValue("auto", source: SettingSource.builtInDefault))
    let files = try OpenShiftSettingsLoader.kubeconfigFiles(request, environment: environment)
    return try MergedKubeconfig.load(paths: files.value).contexts.keys.sorted()
  }

  /// The keys of the selected osbsctl profile; none when no profile is selected.
  private func selectedProfileEntries() throws(ConfigError) -> [String: OSBSCtlConfig.Entry] {
    let config = try OSBSCtlConfig.load(paths: try osbsctlConfigFiles())
    guard let profile = try selectProfile(config) else { return [:] }
    return config.profiles[profile.value] ?? [:]
  }
}
