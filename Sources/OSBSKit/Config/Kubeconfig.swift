import Foundation

/// The parts of a kubeconfig (v1) file osbsctl uses; field names as kubectl writes them.
struct KubeconfigDocument: Decodable, Sendable {
  var clusters: [NamedCluster]?
  var users: [NamedUser]?
  var contexts: [NamedContext]?
  var currentContext: Located<String>?

  enum CodingKeys: String, CodingKey {
    case clusters, users, contexts
    case currentContext = "current-context"
  }

  struct NamedCluster: Decodable, Sendable {
    var name: String
    var cluster: Cluster?
  }

  struct NamedUser: Decodable, Sendable {
    var name: String
    var user: User?
  }

  struct NamedContext: Decodable, Sendable {
    var name: String
    var context: Context?
  }

  struct Cluster: Decodable, Sendable {
    var server: Located<String>?
    var certificateAuthority: Located<String>?
    var certificateAuthorityData: Located<String>?
    var insecureSkipTLSVerify: Located<Bool>?
    var tlsServerName: Located<String>?

    enum CodingKeys: String, CodingKey {
      case server
      case certificateAuthority = "certificate-authority"
      case certificateAuthorityData = "certificate-authority-data"
      case insecureSkipTLSVerify = "insecure-skip-tls-verify"
      case tlsServerName = "tls-server-name"
    }
  }

  struct User: Decodable, Sendable {
    var token: Located<String>?
    var tokenFile: Located<String>?
    var clientCertificate: Located<String>?
    var clientCertificateData: Located<String>?
    var clientKey: Located<String>?
    var clientKeyData: Located<String>?
    var username: Located<String>?
    var password: Located<String>?
    var exec: Presence?
    var authProvider: Presence?

    enum CodingKeys: String, CodingKey {
      case token, tokenFile, username, password, exec
      case clientCertificate = "client-certificate"
      case clientCertificateData = "client-certificate-data"
      case clientKey = "client-key"
      case clientKeyData = "client-key-data"
      case authProvider = "auth-provider"
    }
  }

  struct Context: Decodable, Sendable {
    var cluster: Located<String>?
    var user: Located<String>?
    var namespace: Located<String>?
  }

  /// A field whose content osbsctl does not use but whose presence matters (exec plugins, auth providers).
  struct Presence: Decodable, Sendable {
    var line: Int?
    init(from decoder: any Decoder) throws { line = decoder.mark?.line }
  }
}

/// One kubeconfig entry and the file it came from (relative paths in it are relative to that file).
struct KubeconfigEntry<Entry: Sendable>: Sendable {
  var entry: Entry
  var path: String

  func source(_ line: Int?) -> String { SettingSource.file(path, line: line) }
}

/// Several kubeconfig files merged the way kubectl merges a `KUBECONFIG` list: for clusters, users and
/// contexts the first file that defines a name wins (whole entries, not fields), and the first file that
/// sets `current-context` wins. Within one file a repeated name keeps the last entry.
struct MergedKubeconfig: Sendable {
  var files: [String] = []
  var clusters: [String: KubeconfigEntry<KubeconfigDocument.Cluster>] = [:]
  var users: [String: KubeconfigEntry<KubeconfigDocument.User>] = [:]
  var contexts: [String: KubeconfigEntry<KubeconfigDocument.Context>] = [:]
  var currentContext: SourcedValue<String>?

  var isEmpty: Bool { clusters.isEmpty && users.isEmpty && contexts.isEmpty && currentContext == nil }

  mutating func merge(_ document: KubeconfigDocument, from path: String) {
    files.append(path)
    var fileClusters: [String: KubeconfigDocument.Cluster] = [:]
    for named in document.clusters ?? [] { fileClusters[named.name] = named.cluster ?? .init() }
    for (name, cluster) in fileClusters where clusters[name] == nil {
      clusters[name] = KubeconfigEntry(entry: cluster, path: path)
    }
    var fileUsers: [String: KubeconfigDocument.User] = [:]
    for named in document.users ?? [] { fileUsers[named.name] = named.user ?? .init() }
    for (name, user) in fileUsers where users[name] == nil {
      users[name] = KubeconfigEntry(entry: user, path: path)
    }
    var fileContexts: [String: KubeconfigDocument.Context] = [:]
    for named in document.contexts ?? [] { fileContexts[named.name] = named.context ?? .init() }
    for (name, context) in fileContexts where contexts[name] == nil {
      contexts[name] = KubeconfigEntry(entry: context, path: path)
    }
    if currentContext == nil, let current = document.currentContext, !current.value.isEmpty {
      currentContext = current.sourced(in: path)
    }
  }

  static func load(paths: [String]) throws(ConfigError) -> MergedKubeconfig {
    var merged = MergedKubeconfig()
    for path in paths {
      let document = try YAMLFile.decode(KubeconfigDocument.self, path: path) ?? KubeconfigDocument()
      merged.merge(document, from: path)
    }
    return merged
  }
}
