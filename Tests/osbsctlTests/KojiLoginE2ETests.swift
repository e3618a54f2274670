import Foundation
import TestSupport
import Testing

/// The built `osbsctl koji whoami` against the built sandbox behind a real Apache front end, with the
/// koji.conf a production user would have: `authtype = ssl` with a combined cert+key PEM, or
/// `authtype = kerberos` with a ticket in KRB5CCNAME or, as a build bot's, a `keytab` and `principal`.
///
/// Serialized: only the child processes see KRB5_*, but both tests start Apache, a sandbox and (one) a
/// KDC, and two cores are enough for one such stack at a time.
@Suite("Koji login end to end through Apache", .serialized)
struct KojiLoginE2ETests {
  static let loginPath = "/kojihub/ssllogin"
  static let builder = "builder1"
  static let builderPassword = "builder1-kerberos-throwaway"

  func kojiConfig(_ cli: CLI, server: String, lines: [String]) throws -> String {
    try cli.write(
      "front/koji.conf",
      (["[front]", "server = \(server)", "max_retries = 0", "retry_interval = 0"] + lines)
        .joined(separator: "\n") + "\n")
  }

  /// The built sandbox behind Apache doing GSSAPI on the login path, as a Kerberos hub is deployed.
  func kerberosFrontEnd(_ realm: KerberosRealm, ca: ThrowawayCA) async throws -> (
    SandboxProcess, ApacheServer
  ) {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    do {
      let apache = try await ApacheServer.start(
        .reverseProxy(
          ApacheServer.ReverseProxy(
            backend: sandbox.baseURL, tls: ca, negotiate: realm, negotiatePath: Self.loginPath)),
        largeFileSize: 1)
      return (sandbox, apache)
    } catch {
      sandbox.stop()
      throw error
    }
  }

  @Test func whoamiWithACertificateThroughApache() async throws {
    let directory = try TemporaryDirectory(prefix: "osbs-kojilogin-e2e")
    defer { directory.remove() }
    let ca = try await ThrowawayCA.make(in: directory)
    let builder = try await ca.issueClientCertificate(commonName: Self.builder, in: directory)
    let combined = directory.file("builder1-combined.pem")
    try
      (try Data(contentsOf: URL(fileURLWithPath: builder.certificatePath))
      + Data(contentsOf: URL(fileURLWithPath: builder.keyPath)))
      .write(to: URL(fileURLWithPath: combined))

    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let apache = try await ApacheServer.start(
      .reverseProxy(
        ApacheServer.ReverseProxy(backend: sandbox.baseURL, tls: ca, clientCertificatePath: Self.loginPath)),
      largeFileSize: 1)
    defer { apache.stop() }

    let cli = try CLI()
    let config = try kojiConfig(
      cli, server: apache.url("/kojihub"),
      lines: ["authtype = ssl", "cert = \(combined)", "serverca = \(ca.certificatePath)"])
    let result = try await cli.osbsctl(
      ["koji", "whoami", "-o", "json", "--koji-config", config, "--koji-profile", "front"],
      environment: sandbox.environment)
    try #require(result.exitCode == 0, "\(result.stderr)\n\(apache.errorLog())")
    let identity = try result.json()
    #expect(identity["user"] as? String == Self.builder)
    #expect(identity["userId"] as? Int == 2)
    #expect(identity["authentication"] as? String == "ssl")
    #expect(identity["permissions"] as? [String] == ["container-build"])
    #expect(try await sandbox.calls("sslLogin") == 1)
    let entries = try await apache.waitForAccessLog(entries: 3)
    #expect(
      entries.contains {
        $0.target == Self.loginPath && $0.status == 200 && $0.clientCommonName == "builder1"
      })

    // The same profile without the certificate file is refused before any request.
    try FileManager.default.removeItem(atPath: combined)
    let missing = try await cli.osbsctl(
      ["koji", "whoami", "-o", "json", "--koji-config", config, "--koji-profile", "front"],
      environment: sandbox.environment)
    #expect(missing.exitCode != 0)
    #expect(try await sandbox.calls("sslLogin") == 1)
  }

  @Test func whoamiWithKerberosThroughApache() async throws {
    let directory = try TemporaryDirectory(prefix: "osbs-kojilogin-e2e")
    defer { directory.remove() }
    let ca = try await ThrowawayCA.make(in: directory)
    let realm = try await KerberosRealm.start()
    defer { realm.stop() }
    // A principal named like a seeded hub user, so the standard sandbox knows it.
    let cache = directory.file("builder1-ccache")
    let environment = realm.environment(credentialCache: cache)
    try await ChildProcess.run(
      "/usr/sbin/kadmin.local", ["-q", "addprinc -pw \(Self.builderPassword) \(Self.builder)"],
      environment: environment, workDirectory: directory.url)
    try directory.write(Self.builderPassword + "\n", to: "builder1-password", permissions: 0o600)
    try await ChildProcess.run(
      "/usr/bin/kinit", [Self.builder], environment: environment,
      stdinPath: directory.file("builder1-password"), workDirectory: directory.url)

    let (sandbox, apache) = try await kerberosFrontEnd(realm, ca: ca)
    defer {
      apache.stop()
      sandbox.stop()
    }

    let cli = try CLI()
    let config = try kojiConfig(
      cli, server: apache.url("/kojihub"), lines: ["authtype = kerberos", "serverca = \(ca.certificatePath)"])
    let arguments = ["koji", "whoami", "-o", "json", "--koji-config", config, "--koji-profile", "front"]
    var kerberos = sandbox.environment
    kerberos["KRB5_CONFIG"] = realm.krb5ConfigPath
    kerberos["KRB5CCNAME"] = "FILE:\(cache)"
    let result = try await cli.osbsctl(arguments, environment: kerberos)
    try #require(result.exitCode == 0, "\(result.stderr)\n\(apache.errorLog())")
    let identity = try result.json()
    #expect(identity["user"] as? String == Self.builder)
    #expect(identity["authentication"] as? String == "gssapi")
    let entries = try await apache.waitForAccessLog(entries: 3)
    #expect(
      entries.contains {
        $0.target == Self.loginPath && $0.status == 200 && $0.user == "\(Self.builder)@\(KerberosRealm.realm)"
      })

    // No ticket: exit code 4 (authentication) and no hub session.
    kerberos["KRB5CCNAME"] = "FILE:\(realm.emptyCredentialCachePath)"
    let refused = try await cli.osbsctl(arguments, environment: kerberos)
    #expect(refused.exitCode == 4, "\(refused.stderr)")
    #expect(try await sandbox.calls("sslLogin") == 1)
  }

  @Test func whoamiWithAKeytabThroughApache() async throws {
    let directory = try TemporaryDirectory(prefix: "osbs-kojilogin-e2e")
    defer { directory.remove() }
    let ca = try await ThrowawayCA.make(in: directory)
    let realm = try await KerberosRealm.start()
    defer { realm.stop() }
    let keytab = directory.file("builder1.keytab")
    try await realm.addKeytabPrincipal(Self.builder, keytabPath: keytab)

    let (sandbox, apache) = try await kerberosFrontEnd(realm, ca: ca)
    defer {
      apache.stop()
      sandbox.stop()
    }

    let cli = try CLI()
    func run(principal: String) async throws -> CLIResult {
      let config = try kojiConfig(
        cli, server: apache.url("/kojihub"),
        lines: [
          "authtype = kerberos", "principal = \(principal)", "keytab = \(keytab)",
          "serverca = \(ca.certificatePath)",
        ])
      var environment = sandbox.environment
      environment["KRB5_CONFIG"] = realm.krb5ConfigPath
      // The caller has no ticket at all: the keytab alone logs in.
      environment["KRB5CCNAME"] = "FILE:\(realm.emptyCredentialCachePath)"
      return try await cli.osbsctl(
        ["koji", "whoami", "-o", "json", "--koji-config", config, "--koji-profile", "front"],
        environment: environment)
    }

    let result = try await run(principal: "\(Self.builder)@\(KerberosRealm.realm)")
    try #require(result.exitCode == 0, "\(result.stderr)\n\(apache.errorLog())\n\(realm.kdcLog())")
    let identity = try result.json()
    #expect(identity["user"] as? String == Self.builder)
    #expect(identity["authentication"] as? String == "gssapi")
    #expect(!FileManager.default.fileExists(atPath: realm.emptyCredentialCachePath))
    let entries = try await apache.waitForAccessLog(entries: 3)
    #expect(
      entries.contains {
        $0.target == Self.loginPath && $0.status == 200 && $0.user == "\(Self.builder)@\(KerberosRealm.realm)"
      })

    // A principal the keytab has no key for: exit code 4, the reason on stderr, no request to the hub.
    let refused = try await run(principal: KerberosRealm.userPrincipal)
    #expect(refused.exitCode == 4, "\(refused.stderr)")
    #expect(refused.stderr.contains(KerberosRealm.userPrincipal), "\(refused.stderr)")
    #expect(refused.stderr.contains(keytab), "\(refused.stderr)")
    #expect(refused.stderr.contains("only for \(Self.builder)@\(KerberosRealm.realm)"), "\(refused.stderr)")
    #expect(try await sandbox.calls("sslLogin") == 1)
  }

  /// A KDC that takes the request and never answers (krb5.conf points at a socket that listens and never
  /// reads): `--request-timeout` ends the login with the network's status and the KDC named, and one Ctrl-C
  /// ends it with 2 and an error line that names what it waited for. Both leave the ticket fetch inside
  /// krb5 on its thread; the process ends without running the libraries' finalizers under it
  /// (`KerberosTicketCache.isFetching`).
  @Test func aSilentKDCEndsTheLoginAtTheTimeoutAndAtCtrlC() async throws {
    let directory = try TemporaryDirectory(prefix: "osbs-kojilogin-e2e")
    defer { directory.remove() }
    let realm = try await KerberosRealm.start()
    defer { realm.stop() }
    let keytab = directory.file("builder1.keytab")
    try await realm.addKeytabPrincipal(Self.builder, keytabPath: keytab)
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let silent = try Loopback.boundSocket()
    defer { close(silent.fd) }
    #expect(listen(silent.fd, 8) == 0)
    let silentConfig = try realm.clientConfigPath(kdcPort: silent.port)
    let silentConfigText = try String(contentsOfFile: silentConfig, encoding: .utf8)
    try #require(silentConfigText.contains(":\(silent.port)"), "\(silentConfigText)")

    let cli = try CLI()
    let config = try kojiConfig(
      cli, server: sandbox.ready.kojiHub,
      lines: [
        "authtype = kerberos", "principal = \(Self.builder)@\(KerberosRealm.realm)", "keytab = \(keytab)",
      ])
    var environment = cli.environment.merging(sandbox.environment) { $1 }
    environment["KRB5_CONFIG"] = silentConfig
    environment["KRB5CCNAME"] = "FILE:\(realm.emptyCredentialCachePath)"
    let arguments = ["koji", "whoami", "-o", "json", "--koji-config", config, "--koji-profile", "front"]

    let timedOut = try await cli.osbsctl(
      arguments + ["--request-timeout", "500ms"], environment: environment)
    #expect(timedOut.exitCode == 5, "\(timedOut.summary)")
    #expect(timedOut.stderr.contains("the Kerberos KDC"), "\(timedOut.stderr)")

    // The timed-out run's connection is still queued: taken away, so the one accepted below is the new run's.
    #expect(fcntl(silent.fd, F_SETFL, O_NONBLOCK) == 0)
    var queued = accept(silent.fd, nil, nil)
    while queued >= 0 {
      close(queued)
      queued = accept(silent.fd, nil, nil)
    }
    // Ctrl-C once the KDC has the request: the connection is there when the login is waiting for it.
    let output = directory.file("interrupted.out")
    let errors = directory.file("interrupted.err")
    let child = try ChildProcess(
      executable: try BuiltProducts.executable("osbsctl"), arguments: arguments, environment: environment,
      stdoutPath: output, stderrPath: errors)
    var connection: Int32 = -1
    for _ in 0..<1200 where connection < 0 && child.exitedTermination() == nil {
      connection = accept(silent.fd, nil, nil)
      if connection < 0 { try await Task.sleep(for: .milliseconds(25)) }
    }
    try #require(connection >= 0, "osbsctl never reached the KDC: \(String(describing: child.stop()))")
    defer { close(connection) }
    // The fetch's thread connects as the command's task first waits, which is when the run's Ctrl-C handling
    // starts; a moment more lets it finish starting, so the signal meets the run as a person's would.
    try await Task.sleep(for: .milliseconds(200))
    #expect(kill(child.pid, SIGINT) == 0)
    let termination = await child.waitForExit()
    let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
    #expect(termination.exitCode == 2, "\(termination): \(stderr)")
    #expect(stderr.contains(#""kind":"interrupted""#), "\(stderr)")
    #expect(stderr.contains("request to the Kerberos KDC was cancelled"), "\(stderr)")
    #expect(try await sandbox.calls("sslLogin") == 0)
  }
}
