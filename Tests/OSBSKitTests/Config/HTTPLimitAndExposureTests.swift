import Foundation
import OSBSKit
import Testing

/// `http.maxResponseBytes` (profile) / `$OSBSCTL_MAX_RESPONSE_BYTES`, and credential files others can read.
@Suite("Response cap setting and exposed credential files")
struct HTTPLimitAndExposureTests {
  static func profile(_ sandbox: ConfigSandbox, cap: String) throws -> String {
    try sandbox.write(
      "work/osbsctl.yaml",
      """
      defaultProfile: p
      profiles:
        p:
          http: {maxResponseBytes: \(cap)}
      """)
  }

  @Test func capComesFromProfileThenEnvironmentWins() throws {
    let sandbox = try ConfigSandbox()
    let config = try Self.profile(sandbox, cap: "8MiB")
    let defaulted = try sandbox.resolve(env: [:])
    #expect(defaulted.http.maxResponseBytes == SourcedValue(64 << 20, source: "default"))
    let fromProfile = try sandbox.resolve(env: ["OSBSCTL_CONFIG": config])
    #expect(fromProfile.http.maxResponseBytes == SourcedValue(8 << 20, source: "\(config):4"))
    let fromEnvironment = try sandbox.resolve(
      env: ["OSBSCTL_CONFIG": config, "OSBSCTL_MAX_RESPONSE_BYTES": "500000"])
    #expect(
      fromEnvironment.http.maxResponseBytes
        == SourcedValue(500_000, source: "environment OSBSCTL_MAX_RESPONSE_BYTES"))
  }

  @Test(arguments: ["0", "-5", "lots", "12XB", "99999999999999999999GiB"])
  func badCapIsAUsageErrorNamingTheSource(_ value: String) throws {
    let sandbox = try ConfigSandbox()
    let config = try Self.profile(sandbox, cap: "\"\(value)\"")
    let error = #expect(throws: ConfigError.self) { try sandbox.resolve(env: ["OSBSCTL_CONFIG": config]) }
    #expect(error?.failureKind == .usage)
    #expect(error?.description.contains("\(config):4") == true, "\(String(describing: error))")
  }

  @Test func credentialFilesReadableByOthersAreListed() throws {
    let sandbox = try ConfigSandbox()
    let koji = try sandbox.write(
      "home/builder/.koji/config",
      "[koji]\nserver = https://k/kojihub\nauthtype = password\nuser = u\npassword = pw\n")
    let tokenFile = try sandbox.write("work/token", "t0ken\n")
    let kube = try sandbox.write("home/builder/.kube/config", Self.kubeconfig(tokenFile: tokenFile))
    for (path, mode) in [(koji, 0o640), (tokenFile, 0o604), (kube, 0o600)] {
      try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }
    let exposed = try sandbox.resolve(env: [:]).exposedCredentials
    #expect(exposed.map(\.path) == [koji, tokenFile])
    #expect(exposed.map(\.service) == ["koji", "openshift"])
    #expect(exposed.map(\.mode) == ["0640", "0604"])
    #expect(exposed.first?.warning.contains("chmod 600 \(koji)") == true)
    #expect(exposed.allSatisfy { !$0.warning.contains("pw") && !$0.warning.contains("t0ken") })

    for path in [koji, tokenFile] {
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
    #expect(try sandbox.resolve(env: [:]).exposedCredentials.isEmpty)
  }

  /// A kubeconfig or token file is often a symbolic link (to a shared checkout, a mounted secret). Who can
  /// read the credential is decided by the file it leads to; a link's own mode is always 0777.
  @Test func credentialFilesBehindSymbolicLinksAreJudgedByTheirTarget() throws {
    let sandbox = try ConfigSandbox()
    let token = try sandbox.write("secrets/token", "t0ken\n")
    let linkedToken = sandbox.root + "/work/token"
    let kube = try sandbox.write("secrets/kubeconfig", Self.kubeconfig(tokenFile: linkedToken))
    for (link, target) in [(linkedToken, token), (sandbox.home + "/.kube/config", kube)] {
      try FileManager.default.createDirectory(
        atPath: (link as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    }
    for path in [token, kube] {
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
    #expect(try sandbox.resolve(env: [:]).exposedCredentials.isEmpty)

    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: token)
    let exposed = try sandbox.resolve(env: [:]).exposedCredentials
    #expect(exposed.map(\.path) == [linkedToken], "\(exposed)")
    #expect(exposed.map(\.mode) == ["0644"], "\(exposed)")
  }

  /// A kubeconfig whose one user reads its bearer token from `tokenFile`.
  static func kubeconfig(tokenFile: String) -> String {
    """
    apiVersion: v1
    kind: Config
    clusters: [{name: c, cluster: {server: "https://api:6443"}}]
    users: [{name: u, user: {tokenFile: "\(tokenFile)"}}]
    contexts: [{name: x, context: {cluster: c, user: u}}]
    current-context: x
    """
  }
}
