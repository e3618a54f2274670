import Foundation

/// The directory that tells clients where a running sandbox is: a Koji client config, a kubeconfig
/// and an osbsctl config, all pointing at the sandbox's endpoints.
public struct SandboxStateDirectory: Sendable {
  /// Paths of the files `write` creates.
  public struct Files: Sendable, Equatable {
    public var kojiConfig: URL
    public var kubeconfig: URL
    public var osbsctlConfig: URL
  }

  /// The profile, cluster, context and Koji section name used in every file.
  public static let profileName = "sandbox"
  public static let namespace = "osbs"
  public static let userName = "sandbox-admin"

  /// Absolute, standardized directory URL.
  public let url: URL

  public init(url: URL) {
    self.url = url.absoluteURL.standardizedFileURL
  }

  public init(path: String) {
    self.init(url: URL(fileURLWithPath: path, isDirectory: true))
  }

  public var files: Files {
    Files(
      kojiConfig: url.appendingPathComponent("koji.conf"),
      kubeconfig: url.appendingPathComponent("kubeconfig"),
      osbsctlConfig: url.appendingPathComponent("osbsctl.yaml"))
  }

  /// Where dist-git repositories for the sandbox live (`{namespace}/{name}.git` below it).
  public var gitRoot: URL { url.appendingPathComponent("git") }

  /// Creates the directory (and `git/`) if missing and (over)writes the three files.
  @discardableResult
  public func write(endpoints: SandboxEndpoints, token: String) throws -> Files {
    try FileManager.default.createDirectory(at: gitRoot, withIntermediateDirectories: true)
    let files = self.files
    try Data(Self.kojiConfig(endpoints: endpoints).utf8).write(to: files.kojiConfig, options: .atomic)
    try Data(Self.kubeconfig(endpoints: endpoints, token: token).utf8).write(
      to: files.kubeconfig, options: .atomic)
    // Both hold credentials (a bearer token, the seeded builder's password): owner-only, like `oc login`.
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: files.kubeconfig.path)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: files.kojiConfig.path)
    try Data(osbsctlConfig().utf8).write(to: files.osbsctlConfig, options: .atomic)
    return files
  }

  public static func kojiConfig(endpoints: SandboxEndpoints) -> String {
    """
    # Koji client profile for the osbs-sandbox hub (use: koji -p \(profileName) ...).
    [\(profileName)]
    server = \(endpoints.kojiHub)
    weburl = \(endpoints.kojiWeb)
    topurl = \(endpoints.kojiFiles)
    ; The seeded maintainer; `koji --noauth` (or authtype = noauth) for anonymous calls.
    authtype = password
    user = builder1
    password = builder1pass
    poll_interval = 1

    """
  }

  public static func kubeconfig(endpoints: SandboxEndpoints, token: String) -> String {
    """
    apiVersion: v1
    kind: Config
    clusters:
    - name: \(profileName)
      cluster:
        server: \(yamlQuoted(endpoints.openshiftAPI))
    users:
    - name: \(userName)
      user:
        token: \(yamlQuoted(token))
    contexts:
    - name: \(profileName)
      context:
        cluster: \(profileName)
        user: \(userName)
        namespace: \(namespace)
    current-context: \(profileName)
    preferences: {}

    """
  }

  public func osbsctlConfig() -> String {
    let files = self.files
    let anonURL = "file://" + gitRoot.path + "/{namespace}/{name}.git"
    return """
      defaultProfile: \(Self.profileName)
      profiles:
        \(Self.profileName):
          koji:
            profile: \(Self.profileName)
            configFile: \(Self.yamlQuoted(files.kojiConfig.path))
          openshift:
            kubeconfig: \(Self.yamlQuoted(files.kubeconfig.path))
            context: \(Self.profileName)
            namespace: \(Self.namespace)
          distGit:
            anonURLTemplate: \(Self.yamlQuoted(anonURL))
            targetTemplate: "{branch}-container-candidate"
            branchTargets:
              main: rawhide-container-candidate
              master: rawhide-container-candidate

      """
  }

  /// A YAML double-quoted scalar; paths may hold spaces, `#` or `:` that plain scalars cannot.
  static func yamlQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20: out += String(format: "\\x%02X", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

/// The one line `osbs-sandbox` prints on standard output once it serves requests.
public struct SandboxReadyLine: Sendable, Codable, Equatable {
  public var kojiHub: String
  public var openshiftAPI: String
  public var controlAPI: String
  public var port: UInt16
  public var kojiConfig: String
  public var kubeconfig: String
  public var osbsctlConfig: String
  public var stateDir: String
  public var pid: Int32

  public init(endpoints: SandboxEndpoints, directory: SandboxStateDirectory, pid: Int32) {
    let files = directory.files
    kojiHub = endpoints.kojiHub
    openshiftAPI = endpoints.openshiftAPI
    controlAPI = endpoints.controlAPI
    port = endpoints.port
    kojiConfig = files.kojiConfig.path
    kubeconfig = files.kubeconfig.path
    osbsctlConfig = files.osbsctlConfig.path
    stateDir = directory.url.path
    self.pid = pid
  }

  /// Compact JSON with sorted keys and no escaped slashes, without a trailing newline.
  public func encodedLine() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }
}
