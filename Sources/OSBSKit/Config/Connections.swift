import Foundation

/// Where and how to talk HTTP to one service.
public struct ServiceEndpoint: Sendable, Equatable {
  public var baseURL: String
  public var tls: TLSOptions
  public var auth: HTTPAuth
  /// The proxy every request goes through (kubeconfig `proxy-url`); nil: the proxy variables decide.
  public var proxy: String?

  public init(baseURL: String, tls: TLSOptions = TLSOptions(), auth: HTTPAuth = .none, proxy: String? = nil) {
    self.baseURL = baseURL
    self.tls = tls
    self.auth = auth
    self.proxy = proxy
  }
}

/// How to log in to the koji hub after connecting (koji's `activate_session`).
public enum KojiLogin: Sendable, Equatable {
  /// `authtype = noauth`: anonymous calls only.
  case anonymous
  /// `sslLogin` with the TLS client certificate in the endpoint's `tls`.
  case ssl
  /// XML-RPC `login(user, password)`; a nil password means the caller must ask for one.
  case password(user: String, password: String?)
  /// `sslLogin` over SPNEGO: with the credential cache's default ticket, or, when set, as `principal` and
  /// from `keytab` (`KojiAuthentication.kerberos`). Empty values in koji.conf count as unset, as in koji.
  case kerberos(principal: String?, keytab: String?)
}

public struct KojiConnection: Sendable, Equatable {
  public var profile: String
  /// The hub URL (`server`).
  public var endpoint: ServiceEndpoint
  public var webURL: String?
  public var topURL: String?
  public var login: KojiLogin
  public var maxRetries: Int
  public var retryInterval: Duration
  public var anonRetry: Bool
  public var pollInterval: Duration
  /// koji's `offline_retry`: a call the hub answers with ServerOffline (1014) is repeated, every
  /// `offlineRetryInterval`, until the hub is back.
  public var offlineRetry = false
  public var offlineRetryInterval: Duration = .seconds(20)

  public init(
    profile: String, endpoint: ServiceEndpoint, webURL: String? = nil, topURL: String? = nil,
    login: KojiLogin = .anonymous, maxRetries: Int = 30, retryInterval: Duration = .seconds(20),
    anonRetry: Bool = false, pollInterval: Duration = .seconds(6)
  ) {
    self.profile = profile
    self.endpoint = endpoint
    self.webURL = webURL
    self.topURL = topURL
    self.login = login
    self.maxRetries = maxRetries
    self.retryInterval = retryInterval
    self.anonRetry = anonRetry
    self.pollInterval = pollInterval
  }
}

public struct OpenShiftConnection: Sendable, Equatable {
  /// The API server URL.
  public var endpoint: ServiceEndpoint
  public var namespace: String
  /// `auto`, `grouped` or `legacy`.
  public var buildAPI: String
  /// kubeconfig `tls-server-name`: the name to verify the server certificate against, when set.
  public var tlsServerName: String?

  public init(
    endpoint: ServiceEndpoint, namespace: String, buildAPI: String = "auto", tlsServerName: String? = nil
  ) {
    self.endpoint = endpoint
    self.namespace = namespace
    self.buildAPI = buildAPI
    self.tlsServerName = tlsServerName
  }
}

public struct DockerConnection: Sendable, Equatable {
  /// `http://localhost` for a unix socket (the host only fills `Host:`), else `http://host:port`.
  public var baseURL: String
  public var unixSocketPath: String?

  public init(baseURL: String, unixSocketPath: String? = nil) {
    self.baseURL = baseURL
    self.unixSocketPath = unixSocketPath
  }
}

extension ResolvedSettings {
  /// Transport values for the koji hub; checks the credential files the chosen login needs.
  public func kojiConnection() throws(ConfigError) -> KojiConnection {
    guard koji.profileFound, let server = koji.server else {
      throw .unknownProfile(
        kind: "koji profile", name: koji.profile.value, known: koji.availableProfiles,
        searched: koji.configFiles)
    }
    var tls = TLSOptions(insecureSkipVerify: koji.noSSLVerify?.value ?? false)
    if let serverca = koji.serverca, !serverca.value.isEmpty {
      guard ConfigFiles.isRegularFile(serverca.value) else {
        throw .missingFile(path: serverca.value, role: "koji serverca", namedBy: serverca.source)
      }
      tls.caCertificate = .file(serverca.value)
    }
    var auth = HTTPAuth.none
    let login: KojiLogin
    switch KojiAuthType(configValue: koji.authtype?.value ?? "") ?? .kerberos {
    case .noauth:
      login = .anonymous
    case .ssl:
      guard let cert = koji.cert, !cert.value.isEmpty else {
        throw .notConfigured(service: "koji SSL certificate", hint: "authtype is ssl but no cert is set")
      }
      guard ConfigFiles.isRegularFile(cert.value) else {
        throw .missingCredentialFile(path: cert.value, role: "koji client certificate", namedBy: cert.source)
      }
      tls.clientCertificate = .file(cert.value)
      login = .ssl
    case .password:
      guard let user = koji.user, !user.value.isEmpty else {
        throw .notConfigured(service: "koji user", hint: "authtype is password but no user is set")
      }
      login = .password(user: user.value, password: secrets.kojiPassword)
    case .kerberos:
      // Empty values count as unset, as koji's `if keytab:` has it.
      let principal = koji.principal.flatMap { $0.value.isEmpty ? nil : $0.value }
      let keytab = koji.keytab.flatMap { $0.value.isEmpty ? nil : $0 }
      if let keytab, let file = KeytabFile.path(named: keytab.value), !ConfigFiles.isRegularFile(file) {
        throw .missingCredentialFile(path: file, role: "koji keytab", namedBy: keytab.source)
      }
      auth = .negotiate
      login = .kerberos(principal: principal, keytab: keytab?.value)
    }
    var connection = KojiConnection(
      profile: koji.profile.value, endpoint: ServiceEndpoint(baseURL: server.value, tls: tls, auth: auth),
      webURL: koji.weburl?.value, topURL: koji.topurl?.value, login: login,
      maxRetries: koji.maxRetries?.value ?? 30, retryInterval: .seconds(koji.retryInterval?.value ?? 20),
      anonRetry: koji.anonRetry?.value ?? false, pollInterval: .seconds(koji.pollInterval?.value ?? 6))
    connection.offlineRetry = koji.offlineRetry?.value ?? false
    connection.offlineRetryInterval = .seconds(max(0, koji.offlineRetryInterval?.value ?? 20))
    return connection
  }

  /// Transport values for the OpenShift API; reads the token file now (a missing one is an error).
  public func openShiftConnection() throws(ConfigError) -> OpenShiftConnection {
    guard let server = openshift.server, !server.value.isEmpty else {
      let looked =
        openshift.kubeconfigFiles.value.isEmpty
        ? "no kubeconfig found (\(openshift.kubeconfigFiles.source))"
        : "context \(openshift.context?.value ?? "(none)") in \(openshift.kubeconfigFiles.value.joined(separator: ", ")) names no server"
      throw .notConfigured(
        service: "OpenShift cluster", hint: "\(looked); pass --kubeconfig/--context or set KUBECONFIG")
    }
    let material = secrets.openshift
    var tls = TLSOptions(insecureSkipVerify: openshift.insecureSkipTLSVerify.value)
    if let data = material.certificateAuthorityData {
      tls.caCertificate = .data(data)
    } else if let file = openshift.certificateAuthority {
      guard ConfigFiles.isRegularFile(file.value) else {
        throw .missingFile(path: file.value, role: "certificate-authority", namedBy: file.source)
      }
      tls.caCertificate = .file(file.value)
    }
    if let data = material.clientCertificateData {
      tls.clientCertificate = .data(data)
    } else if let file = openshift.clientCertificate {
      guard ConfigFiles.isRegularFile(file.value) else {
        throw .missingCredentialFile(path: file.value, role: "client-certificate", namedBy: file.source)
      }
      tls.clientCertificate = .file(file.value)
    }
    if let data = material.clientKeyData {
      tls.clientKey = .data(data)
    } else if let file = openshift.clientKey {
      guard ConfigFiles.isRegularFile(file.value) else {
        throw .missingCredentialFile(path: file.value, role: "client-key", namedBy: file.source)
      }
      tls.clientKey = .file(file.value)
    }

    var auth = HTTPAuth.none
    // A user with both: client-go sends the file's token, and the inline one only while the file cannot
    // be read.
    if let file = openshift.tokenFile, let data = ConfigFiles.data(file.value) {
      auth = .bearer(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    } else if let token = material.token {
      auth = .bearer(token)
    } else if let file = openshift.tokenFile {
      throw .missingCredentialFile(path: file.value, role: "token", namedBy: file.source)
    } else if let username = openshift.username, let password = material.password {
      auth = .basic(user: username.value, password: password)
    } else if openshift.authMethod.value == .exec || openshift.authMethod.value == .authProvider {
      throw .notConfigured(
        service: "supported OpenShift credential",
        hint:
          "kubeconfig \(openshift.authMethod.value.rawValue) (\(openshift.authMethod.source)) is not supported; use a token, token file or client certificate"
      )
    }
    tls.serverName = openshift.tlsServerName.flatMap { $0.value.isEmpty ? nil : $0.value }
    return OpenShiftConnection(
      endpoint: ServiceEndpoint(baseURL: server.value, tls: tls, auth: auth, proxy: material.proxyURL),
      namespace: openshift.namespace.value,
      buildAPI: openshift.buildAPI.value, tlsServerName: openshift.tlsServerName?.value)
  }

  /// Docker Engine API address from `docker.host` (`unix://…`, `tcp://…`, `http://…`).
  public func dockerConnection() throws(ConfigError) -> DockerConnection {
    let host = docker.host.value
    if host.hasPrefix("unix://") {
      return DockerConnection(
        baseURL: "http://localhost", unixSocketPath: String(host.dropFirst("unix://".count)))
    }
    if host.hasPrefix("tcp://") {
      return DockerConnection(baseURL: "http://" + host.dropFirst("tcp://".count))
    }
    if host.hasPrefix("http://") || host.hasPrefix("https://") { return DockerConnection(baseURL: host) }
    throw .invalidSetting(
      name: "docker host", source: docker.host.source, reason: "must start with unix://, tcp:// or http(s)://"
    )
  }
}
