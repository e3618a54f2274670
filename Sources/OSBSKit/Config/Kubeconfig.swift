import Foundation

/// The parts of a kubeconfig (v1) file osbsctl uses; field names as kubectl writes them.
struct KubeconfigDocument: Sendable {
  var clusters: [NamedCluster]?
  var users: [NamedUser]?
  var contexts: [NamedContext]?
  var currentContext: Located<String>?

  struct NamedCluster: Sendable {
    var name: String
    var cluster: Cluster?
  }

  struct NamedUser: Sendable {
    var name: String
    var user: User?
  }

  struct NamedContext: Sendable {
    var name: String
    var context: Context?
  }

  struct Cluster: Sendable {
    var server: Located<String>?
    var certificateAuthority: Located<String>?
    var certificateAuthorityData: Located<String>?
    var insecureSkipTLSVerify: Located<Bool>?
    var tlsServerName: Located<String>?
    var proxyURL: Located<String>?
  }

  struct User: Sendable {
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
  }

  struct Context: Sendable {
    var cluster: Located<String>?
    var user: Located<String>?
    var namespace: Located<String>?
  }

  /// A field whose content osbsctl does not use but whose presence matters (exec plugins, auth providers).
  struct Presence: Sendable {
    var line: Int?
  }
}

extension KubeconfigDocument {
  init(reading root: YAMLNodeReader) throws(ConfigError) {
    let top = try root.mapping() ?? [:]
    currentContext = try top["current-context"]?.string()
    clusters = try Self.named(top["clusters"], entry: "cluster") { fields throws(ConfigError) in
      Cluster(
        server: try fields["server"]?.string(),
        certificateAuthority: try fields["certificate-authority"]?.string(),
        certificateAuthorityData: try fields["certificate-authority-data"]?.string(),
        insecureSkipTLSVerify: try fields["insecure-skip-tls-verify"]?.bool(),
        tlsServerName: try fields["tls-server-name"]?.string(),
        proxyURL: try fields["proxy-url"]?.string())
    }.map { $0.map { NamedCluster(name: $0.name, cluster: $0.entry) } }
    users = try Self.named(top["users"], entry: "user") { fields throws(ConfigError) in
      func presence(_ key: String) -> Presence? {
        guard let field = fields[key], !field.isNull else { return nil }
        return Presence(line: field.line)
      }
      return User(
        token: try fields["token"]?.string(), tokenFile: try fields["tokenFile"]?.string(),
        clientCertificate: try fields["client-certificate"]?.string(),
        clientCertificateData: try fields["client-certificate-data"]?.string(),
        clientKey: try fields["client-key"]?.string(), clientKeyData: try fields["client-key-data"]?.string(),
        username: try fields["username"]?.string(), password: try fields["password"]?.string(),
        exec: presence("exec"), authProvider: presence("auth-provider"))
    }.map { $0.map { NamedUser(name: $0.name, user: $0.entry) } }
    contexts = try Self.named(top["contexts"], entry: "context") { fields throws(ConfigError) in
      Context(
        cluster: try fields["cluster"]?.string(), user: try fields["user"]?.string(),
        namespace: try fields["namespace"]?.string())
    }.map { $0.map { NamedContext(name: $0.name, context: $0.entry) } }
  }

  /// A list of `{name: …, <entry>: {…}}` items, as kubeconfig keeps clusters, users and contexts.
  private static func named<Entry>(
    _ list: YAMLNodeReader?, entry key: String,
    _ read: ([String: YAMLNodeReader]) throws(ConfigError) -> Entry
  ) throws(ConfigError) -> [(name: String, entry: Entry?)]? {
    guard let items = try list?.sequence() else { return nil }
    var named: [(name: String, entry: Entry?)] = []
    for item in items {
      guard let fields = try item.mapping() else { throw item.failure("expected a mapping") }
      let name = try YAMLNodeReader.required("name", in: fields, of: item)
      // client-go refuses the whole file ("duplicate name … in list"), so kubectl does too.
      if named.contains(where: { $0.name == name }) {
        throw item.failure("a second \(key) named \"\(name)\" (kubectl refuses the file too)")
      }
      let entry = try fields[key]?.mapping().map { fields throws(ConfigError) in try read(fields) }
      named.append((name, entry))
    }
    return named
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
/// sets `current-context` wins. A name repeated within one file is an error, as for kubectl.
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
      let root = try YAMLFile.reader(text: try ConfigFiles.text(path), path: path)
      let document = try root.map { reader throws(ConfigError) in try KubeconfigDocument(reading: reader) }
      merged.merge(document ?? KubeconfigDocument(), from: path)
    }
    return merged
  }
}
