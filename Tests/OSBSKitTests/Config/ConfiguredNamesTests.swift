import Foundation
import OSBSKit
import Testing

/// The names completion offers for `-p`, `--koji-profile` and `--context`: read from the files a command
/// with the same flags would read, without the choice being typed having to exist.
@Suite("names offered by the configuration files")
struct ConfiguredNamesTests {
  /// An osbsctl config with `prod` (the default, no files of its own) and `staging` (its own Koji config
  /// and kubeconfig, paths relative to the config file), plus the user's own koji config and kubeconfig.
  func team() throws -> ConfigSandbox {
    let sandbox = try ConfigSandbox()
    try sandbox.write(
      "home/builder/.config/osbsctl/config.yaml",
      """
      defaultProfile: prod
      profiles:
        prod: {}
        staging:
          koji:
            profile: stage
            configFile: team/koji.conf
          openshift:
            kubeconfig: team/kubeconfig
            context: beta
      """)
    try sandbox.write(
      "home/builder/.config/osbsctl/team/koji.conf", "[stage]\nserver = x\n[fedora]\nserver = y\n")
    try sandbox.write("home/builder/.config/osbsctl/team/kubeconfig", Self.kubeconfig(["beta", "alpha"]))
    try sandbox.write("etc/koji.conf.d/site.conf", "[site]\nserver = z\n")
    try sandbox.write("home/builder/.koji/config", "[mine]\nserver = w\n")
    try sandbox.write("home/builder/.kube/config", Self.kubeconfig(["home"]))
    return sandbox
  }

  static func kubeconfig(_ contexts: [String]) -> String {
    "contexts:\n" + contexts.map { "- name: \($0)\n  context:\n    cluster: c\n" }.joined()
      + "current-context: \(contexts[0])\n"
  }

  func names(
    _ sandbox: ConfigSandbox, _ inputs: ConfigInputs = ConfigInputs(), env: [String: String] = [:]
  ) -> SettingsResolver {
    SettingsResolver(inputs: inputs, environment: sandbox.environment(env))
  }

  @Test func osbsctlProfilesOfTheFilesRead() throws {
    let sandbox = try team()
    #expect(try names(sandbox).osbsctlProfileNames() == ["prod", "staging"])
    let solo = try sandbox.write("work/solo.yaml", "profiles:\n  solo: {}\n")
    #expect(try names(sandbox, ConfigInputs(configFile: "solo.yaml")).osbsctlProfileNames() == ["solo"])
    #expect(try names(sandbox, env: ["OSBSCTL_CONFIG": solo]).osbsctlProfileNames() == ["solo"])
    // A profile being typed need not exist for the list to be read.
    #expect(try names(sandbox, ConfigInputs(profile: "pro")).osbsctlProfileNames() == ["prod", "staging"])
    #expect(throws: ConfigError.self) {
      try names(sandbox, ConfigInputs(configFile: "missing.yaml")).osbsctlProfileNames()
    }
  }

  @Test func kojiProfilesOfTheSelectedProfilesConfigOrKojisOwnSearch() throws {
    let sandbox = try team()
    // prod names no Koji config: koji's own files, system then user.
    #expect(try names(sandbox).kojiProfileNames() == ["mine", "site"])
    #expect(
      try names(sandbox, ConfigInputs(profile: "staging")).kojiProfileNames() == ["fedora", "site", "stage"])
    let extra = try sandbox.write("work/extra.conf", "[extra]\nserver = v\n")
    #expect(
      try names(sandbox, ConfigInputs(profile: "staging", kojiConfigFile: extra)).kojiProfileNames() == [
        "extra", "site",
      ])
    // The Koji profile being typed need not exist.
    #expect(
      try names(sandbox, ConfigInputs(profile: "staging", kojiProfile: "nope")).kojiProfileNames() == [
        "fedora", "site", "stage",
      ])
    #expect(throws: ConfigError.self) { try names(sandbox, ConfigInputs(profile: "nope")).kojiProfileNames() }
  }

  @Test func contextsOfTheKubeconfigTheLineAndProfileChoose() throws {
    let sandbox = try team()
    #expect(try names(sandbox).kubeconfigContextNames() == ["home"])
    #expect(
      try names(sandbox, ConfigInputs(profile: "staging")).kubeconfigContextNames() == ["alpha", "beta"])
    let first = try sandbox.write("kube/first", Self.kubeconfig(["one"]))
    let second = try sandbox.write("kube/second", Self.kubeconfig(["two", "one"]))
    #expect(
      try names(sandbox, env: ["KUBECONFIG": "\(first):\(second)"]).kubeconfigContextNames() == [
        "one", "two",
      ])
    #expect(
      try names(sandbox, ConfigInputs(kubeconfig: second), env: ["KUBECONFIG": first])
        .kubeconfigContextNames()
        == ["one", "two"])
    // The context being typed need not exist.
    #expect(
      try names(sandbox, ConfigInputs(profile: "staging", context: "al")).kubeconfigContextNames() == [
        "alpha", "beta",
      ])
  }
}
