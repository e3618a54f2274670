import Foundation

/// How osbsctl will authenticate to the OpenShift API.
public enum OpenShiftAuthMethod: String, Codable, Sendable, CaseIterable {
  case token
  case clientCertificate = "client-certificate"
  case basic
  /// kubeconfig `exec` credential plugins and `auth-provider`s: shown, not supported for connecting.
  case exec
  case authProvider = "auth-provider"
  case none
}

/// The OpenShift cluster, credentials and namespace osbsctl will use, with each value's origin.
public struct ResolvedOpenShiftSettings: Codable, Sendable, Equatable {
  /// The kubeconfig files merged (empty when none exists); the source says why these.
  public var kubeconfigFiles: SourcedValue<[String]>
  /// True when the pod's service account is used because no kubeconfig exists.
  public var inCluster: Bool
  public var context: SourcedValue<String>?
  /// The kubeconfig cluster entry's name.
  public var cluster: SourcedValue<String>?
  /// The kubeconfig user entry's name.
  public var user: SourcedValue<String>?
  public var server: SourcedValue<String>?
  public var namespace: SourcedValue<String>
  public var authMethod: SourcedValue<OpenShiftAuthMethod>
  /// `[REDACTED]` when an inline token is configured.
  public var token: SourcedValue<String>?
  /// Absolute path of the token file.
  public var tokenFile: SourcedValue<String>?
  /// Absolute path, or `inline (N bytes)` for `client-certificate-data`.
  public var clientCertificate: SourcedValue<String>?
  /// Absolute path, or `[REDACTED]` for `client-key-data`.
  public var clientKey: SourcedValue<String>?
  public var username: SourcedValue<String>?
  /// `[REDACTED]` when present.
  public var password: SourcedValue<String>?
  /// Absolute path, or `inline (N bytes)` for `certificate-authority-data`; nil means the system CA store.
  public var certificateAuthority: SourcedValue<String>?
  public var insecureSkipTLSVerify: SourcedValue<Bool>
  public var tlsServerName: SourcedValue<String>?
  /// The cluster's `proxy-url` (http, https or socks5), its password shown as `[REDACTED]`; nil: the
  /// `https_proxy`/`http_proxy`/`no_proxy` variables decide, as for kubectl.
  public var proxyURL: SourcedValue<String>?
  /// `auto`, `grouped` or `legacy`: which OpenShift build API paths to use.
  public var buildAPI: SourcedValue<String>

  init(
    kubeconfigFiles: SourcedValue<[String]>, namespace: SourcedValue<String>, buildAPI: SourcedValue<String>
  ) {
    self.kubeconfigFiles = kubeconfigFiles
    self.inCluster = false
    self.namespace = namespace
    self.authMethod = SourcedValue(.none, source: SettingSource.builtInDefault)
    self.insecureSkipTLSVerify = SourcedValue(false, source: SettingSource.builtInDefault)
    self.buildAPI = buildAPI
  }
}

/// Secret or binary material the transport needs but `config view` must not show.
struct OpenShiftMaterial: Sendable, Equatable {
  var token: String?
  var password: String?
  var clientCertificateData: Data?
  var clientKeyData: Data?
  var certificateAuthorityData: Data?
  var proxyURL: String?
}

/// The OpenShift-side choices made before reading any kubeconfig.
struct OpenShiftRequest: Sendable {
  /// A kubeconfig named by a flag or a profile: read alone, must exist.
  var explicitKubeconfig: SourcedValue<String>?
  var context: SourcedValue<String>?
  var namespace: SourcedValue<String>?
  var buildAPI: SourcedValue<String>
}

enum OpenShiftSettingsLoader {
  static func resolve(
    _ request: OpenShiftRequest, environment: ConfigEnvironment
  ) throws(ConfigError) -> (settings: ResolvedOpenShiftSettings, material: OpenShiftMaterial) {
    let files = try kubeconfigFiles(request, environment: environment)
    let merged = try MergedKubeconfig.load(paths: files.value)
    let defaultNamespace = SourcedValue("default", source: SettingSource.builtInDefault)
    var settings = ResolvedOpenShiftSettings(
      kubeconfigFiles: files, namespace: request.namespace ?? defaultNamespace, buildAPI: request.buildAPI)
    var material = OpenShiftMaterial()

    if merged.isEmpty, request.context == nil, let inCluster = inClusterSettings(environment) {
      settings.inCluster = true
      settings.server = inCluster.server
      settings.tokenFile = inCluster.tokenFile
      settings.authMethod = SourcedValue(.token, source: SettingSource.inClusterServiceAccount)
      settings.certificateAuthority = inCluster.certificateAuthority
      if request.namespace == nil, let namespace = inCluster.namespace { settings.namespace = namespace }
      return (settings, material)
    }

    guard let contextName = request.context ?? merged.currentContext else { return (settings, material) }
    settings.context = contextName
    guard let context = merged.contexts[contextName.value] else {
      throw .unknownProfile(
        kind: "kubeconfig context", name: contextName.value, known: merged.contexts.keys.sorted(),
        searched: merged.files)
    }
    if request.namespace == nil, let namespace = context.entry.namespace, !namespace.value.isEmpty {
      settings.namespace = SourcedValue(namespace.value, source: context.source(namespace.line))
    }

    if let clusterName = context.entry.cluster, !clusterName.value.isEmpty {
      settings.cluster = SourcedValue(clusterName.value, source: context.source(clusterName.line))
      guard let cluster = merged.clusters[clusterName.value] else {
        throw .danglingReference(
          kind: "kubeconfig cluster", name: clusterName.value, referencedBy: context.source(clusterName.line))
      }
      try apply(cluster, to: &settings, material: &material)
    }
    if let userName = context.entry.user, !userName.value.isEmpty {
      settings.user = SourcedValue(userName.value, source: context.source(userName.line))
      guard let user = merged.users[userName.value] else {
        throw .danglingReference(
          kind: "kubeconfig user", name: userName.value, referencedBy: context.source(userName.line))
      }
      try apply(user, to: &settings, material: &material)
    }
    return (settings, material)
  }

  /// kubectl's order: `--kubeconfig` alone, else the `KUBECONFIG` list (missing entries skipped), else
  /// `~/.kube/config`. A kubeconfig named by an osbsctl profile counts as explicit, like the flag.
  static func kubeconfigFiles(
    _ request: OpenShiftRequest, environment: ConfigEnvironment
  ) throws(ConfigError) -> SourcedValue<[String]> {
    if let explicit = request.explicitKubeconfig {
      guard ConfigFiles.isRegularFile(explicit.value) else {
        throw .fileNotFound(path: explicit.value, namedBy: explicit.source)
      }
      return explicit.map { [$0] }
    }
    if let list = environment.variable("KUBECONFIG") {
      var paths: [String] = []
      for item in list.split(separator: ":") where !item.isEmpty {
        let path = environment.userPath(String(item))
        if !paths.contains(path), ConfigFiles.isRegularFile(path) { paths.append(path) }
      }
      return SourcedValue(paths, source: SettingSource.environment("KUBECONFIG"))
    }
    let home = PathText.join(environment.homeDirectory, ".kube/config")
    return SourcedValue(ConfigFiles.isRegularFile(home) ? [home] : [], source: SettingSource.builtInDefault)
  }

  private static func apply(
    _ cluster: KubeconfigEntry<KubeconfigDocument.Cluster>, to settings: inout ResolvedOpenShiftSettings,
    material: inout OpenShiftMaterial
  ) throws(ConfigError) {
    let entry = cluster.entry
    let directory = PathText.directory(of: cluster.path)
    if let server = entry.server {
      settings.server = SourcedValue(server.value, source: cluster.source(server.line))
    }
    if let data = entry.certificateAuthorityData, !data.value.isEmpty {
      let bytes = try decodeBase64(data, field: "certificate-authority-data", path: cluster.path)
      material.certificateAuthorityData = bytes
      settings.certificateAuthority = SourcedValue(
        "inline (\(bytes.count) bytes)", source: cluster.source(data.line))
    } else if let file = entry.certificateAuthority, !file.value.isEmpty {
      settings.certificateAuthority = SourcedValue(
        PathText.absolute(file.value, relativeTo: directory), source: cluster.source(file.line))
    }
    if let insecure = entry.insecureSkipTLSVerify {
      settings.insecureSkipTLSVerify = SourcedValue(insecure.value, source: cluster.source(insecure.line))
    }
    if let name = entry.tlsServerName, !name.value.isEmpty {
      settings.tlsServerName = SourcedValue(name.value, source: cluster.source(name.line))
    }
    if let proxy = entry.proxyURL, !proxy.value.isEmpty {
      // client-go's schemes; any other is refused rather than ignored.
      let scheme = proxy.value.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
      guard ["http", "https", "socks5"].contains(scheme), proxy.value.contains("://") else {
        throw .invalidSetting(
          name: "proxy-url", source: cluster.source(proxy.line),
          reason: "must be an http, https or socks5 URL, not \(SecretRedactor.redact(url: proxy.value))")
      }
      material.proxyURL = proxy.value
      settings.proxyURL = SourcedValue(
        SecretRedactor.redact(url: proxy.value), source: cluster.source(proxy.line))
    }
  }

  private static func apply(
    _ user: KubeconfigEntry<KubeconfigDocument.User>, to settings: inout ResolvedOpenShiftSettings,
    material: inout OpenShiftMaterial
  ) throws(ConfigError) {
    let entry = user.entry
    let directory = PathText.directory(of: user.path)
    if let token = entry.token, !token.value.isEmpty {
      material.token = token.value
      settings.token = SourcedValue(Redaction.placeholder, source: user.source(token.line))
    }
    if let file = entry.tokenFile, !file.value.isEmpty {
      settings.tokenFile = SourcedValue(
        PathText.absolute(file.value, relativeTo: directory), source: user.source(file.line))
    }
    if let data = entry.clientCertificateData, !data.value.isEmpty {
      let bytes = try decodeBase64(data, field: "client-certificate-data", path: user.path)
      material.clientCertificateData = bytes
      settings.clientCertificate = SourcedValue(
        "inline (\(bytes.count) bytes)", source: user.source(data.line))
    } else if let file = entry.clientCertificate, !file.value.isEmpty {
      settings.clientCertificate = SourcedValue(
        PathText.absolute(file.value, relativeTo: directory), source: user.source(file.line))
    }
    if let data = entry.clientKeyData, !data.value.isEmpty {
      material.clientKeyData = try decodeBase64(data, field: "client-key-data", path: user.path)
      settings.clientKey = SourcedValue(Redaction.placeholder, source: user.source(data.line))
    } else if let file = entry.clientKey, !file.value.isEmpty {
      settings.clientKey = SourcedValue(
        PathText.absolute(file.value, relativeTo: directory), source: user.source(file.line))
    }
    if let username = entry.username, !username.value.isEmpty {
      settings.username = SourcedValue(username.value, source: user.source(username.line))
    }
    if let password = entry.password, !password.value.isEmpty {
      material.password = password.value
      settings.password = SourcedValue(Redaction.placeholder, source: user.source(password.line))
    }

    // With several credentials kubectl sends a token and a client certificate together; the method shown is
    // the one that identifies the user to the API server first.
    if let chosen = settings.tokenFile ?? settings.token {
      settings.authMethod = SourcedValue(.token, source: chosen.source)
    } else if let certificate = settings.clientCertificate {
      settings.authMethod = SourcedValue(.clientCertificate, source: certificate.source)
    } else if let username = settings.username, settings.password != nil {
      settings.authMethod = SourcedValue(.basic, source: username.source)
    } else if let exec = entry.exec {
      settings.authMethod = SourcedValue(.exec, source: user.source(exec.line))
    } else if let provider = entry.authProvider {
      settings.authMethod = SourcedValue(.authProvider, source: user.source(provider.line))
    }
  }

  private static func decodeBase64(
    _ located: Located<String>, field: String, path: String
  ) throws(ConfigError) -> Data {
    let compact = located.value.filter { !$0.isWhitespace }
    guard let data = Data(base64Encoded: compact) else {
      throw .malformedFile(path: path, line: located.line, reason: "\(field) is not valid base64")
    }
    return data
  }

  private struct InClusterSettings {
    var server: SourcedValue<String>
    var tokenFile: SourcedValue<String>
    var certificateAuthority: SourcedValue<String>?
    var namespace: SourcedValue<String>?
  }

  /// kubectl's in-cluster fallback: service environment variables set and the token mounted.
  private static func inClusterSettings(_ environment: ConfigEnvironment) -> InClusterSettings? {
    guard let host = environment.variable("KUBERNETES_SERVICE_HOST"),
      let port = environment.variable("KUBERNETES_SERVICE_PORT")
    else { return nil }
    let directory = environment.serviceAccountDirectory
    let tokenPath = PathText.join(directory, "token")
    guard ConfigFiles.isRegularFile(tokenPath) else { return nil }
    let source = SettingSource.inClusterServiceAccount
    let hostPart = host.contains(":") ? "[\(host)]" : host
    var settings = InClusterSettings(
      server: SourcedValue("https://\(hostPart):\(port)", source: source),
      tokenFile: SourcedValue(tokenPath, source: source))
    let caPath = PathText.join(directory, "ca.crt")
    if ConfigFiles.isRegularFile(caPath) {
      settings.certificateAuthority = SourcedValue(caPath, source: source)
    }
    if let namespace = environment.variable("POD_NAMESPACE") {
      settings.namespace = SourcedValue(namespace, source: SettingSource.environment("POD_NAMESPACE"))
    } else {
      let namespacePath = PathText.join(directory, "namespace")
      if let data = ConfigFiles.data(namespacePath),
        let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
        !text.isEmpty
      {
        settings.namespace = SourcedValue(text, source: SettingSource.file(namespacePath))
      }
    }
    return settings
  }
}
