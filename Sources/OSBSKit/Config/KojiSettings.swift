import Foundation

/// A koji profile as the koji CLI would see it, with each value's origin.
public struct ResolvedKojiSettings: Codable, Sendable, Equatable {
  /// The koji profile (config section) name.
  public var profile: SourcedValue<String>
  /// Every koji config file read, in the order read (later ones override earlier ones).
  public var configFiles: [String]
  /// Files in koji's own places that exist but could not be read, left out as koji leaves them out (a `-c`
  /// file that cannot be read is an error instead).
  public var skippedConfigFiles: [SkippedConfigFile]
  /// Every profile (section) those files define, sorted.
  public var availableProfiles: [String]
  /// False when no config file has a section named `profile` (only possible for the default profile name;
  /// an explicitly requested missing profile is an error).
  public var profileFound: Bool
  public var server: SourcedValue<String>?
  public var weburl: SourcedValue<String>?
  public var topurl: SourcedValue<String>?
  /// The effective authentication: `ssl`, `password`, `kerberos` or `noauth`.
  public var authtype: SourcedValue<String>?
  public var cert: SourcedValue<String>?
  public var serverca: SourcedValue<String>?
  public var principal: SourcedValue<String>?
  public var keytab: SourcedValue<String>?
  public var user: SourcedValue<String>?
  /// Always `[REDACTED]` when present.
  public var password: SourcedValue<String>?
  public var maxRetries: SourcedValue<Int>?
  /// Seconds.
  public var retryInterval: SourcedValue<Int>?
  public var anonRetry: SourcedValue<Bool>?
  /// Keep repeating a call while the hub answers ServerOffline (1014), as koji does.
  public var offlineRetry: SourcedValue<Bool>?
  /// Seconds between those repeats.
  public var offlineRetryInterval: SourcedValue<Int>?
  /// Seconds.
  public var pollInterval: SourcedValue<Int>?
  public var noSSLVerify: SourcedValue<Bool>?
  /// Every other option of the section, verbatim (secret-looking keys redacted).
  public var extra: [String: SourcedValue<String>]

  public init(profile: SourcedValue<String>, configFiles: [String] = [], profileFound: Bool = false) {
    self.profile = profile
    self.configFiles = configFiles
    self.skippedConfigFiles = []
    self.availableProfiles = []
    self.profileFound = profileFound
    self.extra = [:]
  }
}

/// A koji config file that was found and could not be read, and why.
public struct SkippedConfigFile: Codable, Sendable, Equatable {
  public var path: String
  public var reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// What a command that uses koji says about it on stderr.
  public var warning: String { "koji config file \(path) skipped: \(reason) (koji skips it too)" }
}

/// The koji authentication methods the CLI knows, by their `authtype` spelling.
public enum KojiAuthType: String, Sendable, CaseIterable {
  case ssl
  case password
  case kerberos
  case noauth

  /// `gssapi` and `krb5` are older spellings some configs still use for Kerberos.
  init?(configValue: String) {
    switch configValue.lowercased() {
    case "ssl": self = .ssl
    case "password": self = .password
    case "kerberos", "gssapi", "krb5", "krbv": self = .kerberos
    case "noauth": self = .noauth
    default: return nil
    }
  }
}

/// Loads koji config files in koji's order and extracts one profile.
enum KojiSettingsLoader {
  /// The options `read_config` converts and checks; everything else lands in `extra`.
  private static let knownKeys: Set<String> = [
    "server", "weburl", "topurl", "authtype", "cert", "serverca", "principal", "keytab", "user", "password",
    "max_retries", "retry_interval", "anon_retry", "poll_interval", "no_ssl_verify",
    "offline_retry", "offline_retry_interval",
  ]

  /// The koji config files in order, parsed into one document. A file koji finds by itself that exists but
  /// cannot be read (permissions) is skipped and listed, as `ConfigParser.read` skips it; one named with
  /// `-c` must be readable.
  static func document(
    explicit: SourcedValue<String>?, environment: ConfigEnvironment
  ) throws(ConfigError) -> (document: INIDocument, read: [String], skipped: [SkippedConfigFile]) {
    let named = try explicit.map { value throws(ConfigError) in try explicitFiles(value) }
    var document = INIDocument()
    var read: [String] = []
    var skipped: [SkippedConfigFile] = []
    for file in configFiles(named: named, environment: environment) {
      do throws(ConfigError) {
        try document.read(path: file)
        read.append(file)
      } catch {
        guard case .unreadableFile(_, let reason) = error, !(named ?? []).contains(file) else { throw error }
        skipped.append(SkippedConfigFile(path: file, reason: reason))
      }
    }
    return (document, read, skipped)
  }

  /// koji reads `/etc/koji.conf.d/*.conf`, `/etc/koji.conf`, then either the `-c` file (which must exist)
  /// or `~/.koji/config.d/*.conf` and `~/.koji/config`.
  /// `named`: the `-c` files, already found.
  private static func configFiles(named: [String]?, environment: ConfigEnvironment) -> [String] {
    let system = environment.systemConfigDirectory
    var files = ConfigFiles.confFiles(in: PathText.join(system, "koji.conf.d"))
    let systemFile = PathText.join(system, "koji.conf")
    if ConfigFiles.isRegularFile(systemFile) { files.append(systemFile) }
    if let named {
      files += named
    } else {
      let home = PathText.join(environment.homeDirectory, ".koji")
      files += ConfigFiles.confFiles(in: PathText.join(home, "config.d"))
      let userFile = PathText.join(home, "config")
      if ConfigFiles.isRegularFile(userFile) { files.append(userFile) }
    }
    return files
  }

  /// The files `-c` names: the file, or a directory's `*.conf` files.
  private static func explicitFiles(_ explicit: SourcedValue<String>) throws(ConfigError) -> [String] {
    let path = explicit.value
    if ConfigFiles.isDirectory(path) {
      let inside = ConfigFiles.confFiles(in: path)
      if inside.isEmpty {
        throw .fileNotFound(path: PathText.join(path, "*.conf"), namedBy: explicit.source)
      }
      return inside
    }
    guard ConfigFiles.isRegularFile(path) else { throw .fileNotFound(path: path, namedBy: explicit.source) }
    return [path]
  }

  static func resolve(
    profile: SourcedValue<String>, profileIsExplicit: Bool, explicitFile: SourcedValue<String>?,
    environment: ConfigEnvironment
  ) throws(ConfigError) -> (settings: ResolvedKojiSettings, password: String?) {
    let (document, files, skipped) = try document(explicit: explicitFile, environment: environment)
    var settings = ResolvedKojiSettings(profile: profile, configFiles: files)
    settings.skippedConfigFiles = skipped
    settings.availableProfiles = document.sectionNames.sorted()
    guard document.hasSection(profile.value) else {
      if profileIsExplicit {
        throw .unknownProfile(
          kind: "koji profile", name: profile.value, known: document.sectionNames.sorted(),
          searched: files + skipped.map { "\($0.path) (skipped: \($0.reason))" })
      }
      return (settings, nil)
    }
    settings.profileFound = true
    let items = try document.items(profile.value)

    func text(_ key: String) -> SourcedValue<String>? {
      items[key].map { SourcedValue($0.value, source: $0.source) }
    }
    func path(_ key: String) -> SourcedValue<String>? {
      text(key).map { $0.map(environment.expandingTilde) }
    }
    func integer(_ key: String, default fallback: Int) throws(ConfigError) -> SourcedValue<Int> {
      guard let entry = items[key] else {
        return SourcedValue(fallback, source: SettingSource.builtInDefault)
      }
      let digits = INIDocument.strip(entry.value[...]).filter { $0 != "_" }
      guard let number = Int(digits) else {
        throw .malformedFile(
          path: entry.path, line: entry.line, reason: "value for \(key) config option must be a valid integer"
        )
      }
      return SourcedValue(number, source: entry.source)
    }
    func boolean(_ key: String, default fallback: Bool) throws(ConfigError) -> SourcedValue<Bool> {
      guard let entry = items[key] else {
        return SourcedValue(fallback, source: SettingSource.builtInDefault)
      }
      switch entry.value.lowercased() {
      case "1", "yes", "true", "on": return SourcedValue(true, source: entry.source)
      case "0", "no", "false", "off": return SourcedValue(false, source: entry.source)
      default:
        throw .malformedFile(
          path: entry.path, line: entry.line,
          reason: "value for \(key) must be a boolean (yes/no, true/false, on/off, 1/0)")
      }
    }

    settings.server =
      text("server") ?? SourcedValue("http://localhost/kojihub", source: SettingSource.builtInDefault)
    settings.weburl =
      text("weburl") ?? SourcedValue("http://localhost/koji", source: SettingSource.builtInDefault)
    settings.topurl = text("topurl")
    settings.principal = text("principal")
    settings.keytab = path("keytab")
    settings.user = text("user")
    settings.password = items["password"].map { SourcedValue(Redaction.placeholder, source: $0.source) }
    settings.maxRetries = try integer("max_retries", default: 30)
    settings.retryInterval = try integer("retry_interval", default: 20)
    settings.anonRetry = try boolean("anon_retry", default: false)
    settings.offlineRetry = try boolean("offline_retry", default: false)
    settings.offlineRetryInterval = try integer("offline_retry_interval", default: 20)
    settings.pollInterval = try integer("poll_interval", default: 6)
    settings.noSSLVerify = try boolean("no_ssl_verify", default: false)
    // koji falls back to ~/.koji/client.crt and ~/.koji/serverca.crt only when those files exist.
    settings.cert = path("cert") ?? defaultPath("~/.koji/client.crt", environment: environment)
    settings.serverca = path("serverca") ?? defaultPath("~/.koji/serverca.crt", environment: environment)
    settings.authtype = try authType(items["authtype"], cert: settings.cert, user: settings.user)

    for (key, entry) in items where !knownKeys.contains(key) {
      let shown = Redaction.isSecretKey(key) ? Redaction.placeholder : entry.value
      settings.extra[key] = SourcedValue(shown, source: entry.source)
    }
    return (settings, items["password"]?.value)
  }

  private static func defaultPath(_ path: String, environment: ConfigEnvironment) -> SourcedValue<String>? {
    let expanded = environment.expandingTilde(path)
    guard ConfigFiles.exists(expanded) else { return nil }
    return SourcedValue(expanded, source: SettingSource.builtInDefault)
  }

  /// Without `authtype`, koji picks SSL when the cert file exists, password when a user is set, else Kerberos.
  private static func authType(
    _ entry: INIValue?, cert: SourcedValue<String>?, user: SourcedValue<String>?
  ) throws(ConfigError) -> SourcedValue<String> {
    if let entry, !entry.value.isEmpty {
      guard let type = KojiAuthType(configValue: entry.value) else {
        let valid = KojiAuthType.allCases.map(\.rawValue).joined(separator: ", ")
        throw .malformedFile(
          path: entry.path, line: entry.line,
          reason: "unknown authtype '\(entry.value)' (expected one of \(valid))")
      }
      return SourcedValue(type.rawValue, source: entry.source)
    }
    if let cert, !cert.value.isEmpty, ConfigFiles.isRegularFile(cert.value) {
      return SourcedValue(KojiAuthType.ssl.rawValue, source: "default (cert file exists, \(cert.source))")
    }
    if let user, !user.value.isEmpty {
      return SourcedValue(KojiAuthType.password.rawValue, source: "default (user set, \(user.source))")
    }
    return SourcedValue(KojiAuthType.kerberos.rawValue, source: SettingSource.builtInDefault)
  }
}
