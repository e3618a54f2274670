import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A throwaway MIT Kerberos realm TEST.LOCAL: database made with kdb5_util/kadmin.local, a KDC
/// (`krb5kdc -n`) on a random loopback port, principals `alice` and `HTTP/localhost` (in a keytab).
/// Nothing touches /etc: every tool gets KRB5_CONFIG / KRB5_KDC_PROFILE pointing into the directory.
public final class KerberosRealm: Sendable {
  public static let realm = "TEST.LOCAL"
  public static let user = "alice"
  public static var userPrincipal: String { "\(user)@\(realm)" }
  static let userPassword = "alice-throwaway-pw"

  public let directory: TemporaryDirectory
  public let kdcPort: UInt16
  public let kdc: ChildProcess

  public var krb5ConfigPath: String { directory.file("krb5.conf") }
  public var kdcProfilePath: String { directory.file("kdc.conf") }
  public var httpKeytabPath: String { directory.file("http.keytab") }
  /// Filled by `kinit()`.
  public var credentialCachePath: String { directory.file("ccache") }
  /// A cache path that never gets a ticket (the "no credentials" case).
  public var emptyCredentialCachePath: String { directory.file("empty-ccache") }
  /// Filled by `makeUserKeytab()`.
  public var userKeytabPath: String { directory.file("alice.keytab") }

  private init(directory: TemporaryDirectory, kdcPort: UInt16, kdc: ChildProcess) {
    self.directory = directory
    self.kdcPort = kdcPort
    self.kdc = kdc
  }

  deinit { stop() }

  /// The realm's krb5.conf with its KDC at `kdcPort` instead (a port that refuses, or a socket that never
  /// answers), written beside it; returns its path.
  public func clientConfigPath(kdcPort: UInt16) throws -> String {
    let name = "krb5-kdc-\(kdcPort).conf"
    try directory.write(Self.clientConfig(kdcPort: kdcPort), to: name)
    return directory.file(name)
  }

  /// krb5.conf for the realm's clients, the KDC on `kdcPort`.
  private static func clientConfig(kdcPort: UInt16) -> String {
    // The realm braces must span lines: the one-line form makes libkrb5 report "Cannot find KDC".
    """
    [libdefaults]
      default_realm = \(realm)
      dns_lookup_kdc = false
      dns_lookup_realm = false
      dns_canonicalize_hostname = false
      rdns = false
      udp_preference_limit = 1
    [realms]
      \(realm) = {
        kdc = 127.0.0.1:\(kdcPort)
      }
    [domain_realm]
      localhost = \(realm)

    """
  }

  /// Points this process's Kerberos variables at the realm and `credentialCache` while `body` runs, then
  /// restores them. libcurl's GSS-API reads them from the process environment, so suites that use this
  /// must be serialized.
  public func withProcessEnvironment<T>(
    credentialCache: String, _ body: () async throws -> T
  ) async rethrows -> T {
    try await withProcessEnvironment(credentialCacheName: "FILE:\(credentialCache)", body)
  }

  /// The same with a cache of any type: `DIR:path` is a collection of caches, one per principal.
  public func withProcessEnvironment<T>(
    credentialCacheName: String, _ body: () async throws -> T
  ) async rethrows -> T {
    let values = ["KRB5_CONFIG": krb5ConfigPath, "KRB5CCNAME": credentialCacheName]
    let previous = values.keys.map { ($0, ProcessInfo.processInfo.environment[$0]) }
    for (name, value) in values { setenv(name, value, 1) }
    defer {
      for (name, value) in previous {
        if let value { setenv(name, value, 1) } else { unsetenv(name) }
      }
    }
    return try await body()
  }

  /// Environment that points Kerberos tools (and libcurl's GSS-API) at this realm and `cache`.
  public func environment(credentialCache: String) -> [String: String] {
    environment(credentialCacheName: "FILE:\(credentialCache)")
  }

  public func environment(credentialCacheName: String) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["KRB5_CONFIG"] = krb5ConfigPath
    environment["KRB5_KDC_PROFILE"] = kdcProfilePath
    environment["KRB5CCNAME"] = credentialCacheName
    return environment
  }

  public static func start() async throws -> KerberosRealm {
    let tools = [
      ("/usr/sbin/kdb5_util", "krb5-kdc"), ("/usr/sbin/krb5kdc", "krb5-kdc"),
      ("/usr/sbin/kadmin.local", "krb5-admin-server"), ("/usr/bin/kinit", "krb5-user"),
    ]
    for (tool, package) in tools { try FixtureError.requireTool(tool, debianPackage: package) }
    var lastError: (any Error)?
    for _ in 0..<3 {
      let directory = try TemporaryDirectory(prefix: "osbs-krb5")
      do {
        return try await launch(in: directory)
      } catch let error as FixtureError where error.description.contains("Address already in use") {
        directory.remove()
        lastError = error
      } catch {
        directory.remove()
        throw error
      }
    }
    throw lastError ?? FixtureError("krb5kdc did not start")
  }

  /// Gets a ticket for alice into `credentialCachePath` (kinit reads the password from stdin).
  public func kinit() async throws {
    try directory.write(Self.userPassword + "\n", to: "password", permissions: 0o600)
    try await ChildProcess.run(
      "/usr/bin/kinit", [Self.user], environment: environment(credentialCache: credentialCachePath),
      stdinPath: directory.file("password"), workDirectory: directory.url)
  }

  /// Adds `user` with `password` and gets their ticket into the cache named `credentialCacheName` (into a
  /// new cache of its own, made the primary one, when that is a `DIR:` collection).
  public func addUser(_ user: String, password: String, kinitInto credentialCacheName: String) async throws {
    try await admin("addprinc -pw \(password) \(user)")
    try directory.write(password + "\n", to: "\(user)-password", permissions: 0o600)
    try await ChildProcess.run(
      "/usr/bin/kinit", [user], environment: environment(credentialCacheName: credentialCacheName),
      stdinPath: directory.file("\(user)-password"), workDirectory: directory.url)
  }

  /// Writes alice's keys to `userKeytabPath` (`-norandkey`: her password stays valid for `kinit`).
  public func makeUserKeytab() async throws {
    try await admin("ktadd -k \(userKeytabPath) -norandkey \(Self.user)")
  }

  /// Adds `principal` with a random key, known only to the keytab written to `keytabPath`: an account
  /// that logs in from a keytab, as a build bot's does.
  public func addKeytabPrincipal(_ principal: String, keytabPath: String) async throws {
    try await admin("addprinc -randkey \(principal)")
    try await admin("ktadd -k \(keytabPath) \(principal)")
  }

  /// Runs one kadmin.local query against the realm's database (`ktadd`, `ktremove`, `addprinc`, ...).
  public func admin(_ query: String) async throws {
    try await ChildProcess.run(
      "/usr/sbin/kadmin.local", ["-q", query],
      environment: environment(credentialCache: emptyCredentialCachePath),
      workDirectory: directory.url)
  }

  public func stop() {
    kdc.stop()
    directory.remove()
  }

  public func kdcLog() -> String {
    Readiness.logText([directory.file("kdc.log"), directory.file("kdc.out")])
  }

  private static func launch(in directory: TemporaryDirectory) async throws -> KerberosRealm {
    let port = try Loopback.freePort()
    let root = directory.path
    try directory.write(clientConfig(kdcPort: port), to: "krb5.conf")
    try directory.write(
      """
      [kdcdefaults]
        kdc_listen = 127.0.0.1:\(port)
        kdc_tcp_listen = 127.0.0.1:\(port)
      [realms]
        \(realm) = {
          database_name = \(root)/principal
          key_stash_file = \(root)/stash
          acl_file = \(root)/kadm5.acl
        }
      [logging]
        kdc = FILE:\(root)/kdc.log

      """, to: "kdc.conf")
    var environment = ProcessInfo.processInfo.environment
    environment["KRB5_CONFIG"] = directory.file("krb5.conf")
    environment["KRB5_KDC_PROFILE"] = directory.file("kdc.conf")
    let work = directory.url
    try await ChildProcess.run(
      "/usr/sbin/kdb5_util", ["create", "-s", "-r", realm, "-P", "throwaway-master"],
      environment: environment, workDirectory: work)
    for query in [
      "addprinc -pw \(userPassword) \(user)",
      "addprinc -randkey HTTP/localhost",
      "ktadd -k \(root)/http.keytab HTTP/localhost",
    ] {
      try await ChildProcess.run(
        "/usr/sbin/kadmin.local", ["-q", query], environment: environment, workDirectory: work)
    }
    // Apache workers run as nobody and read the keytab per request.
    chmod(directory.file("http.keytab"), 0o644)

    let kdc = try ChildProcess(
      executable: "/usr/sbin/krb5kdc", arguments: ["-n", "-P", "\(root)/kdc.pid"], environment: environment,
      stdoutPath: "\(root)/kdc.out", stderrPath: "\(root)/kdc.out")
    let result = KerberosRealm(directory: directory, kdcPort: port, kdc: kdc)
    try await Readiness.wait(
      for: kdc, name: "krb5kdc on port \(port)", logPaths: ["\(root)/kdc.log", "\(root)/kdc.out"]
    ) { Loopback.acceptsTCP(port: port) }
    return result
  }
}
