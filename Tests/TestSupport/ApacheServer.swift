import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One line of the fixture's access log (tab-separated LogFormat, see `ApacheServer.logFormat`).
public struct ApacheAccessEntry: Sendable, Equatable {
  /// `%{remote}p`: the client's TCP source port, so tests can count connections.
  public var clientPort: Int
  public var status: Int
  /// `%u`: the authenticated user (Kerberos principal), nil for "-".
  public var user: String?
  public var method: String
  /// Path plus query string.
  public var target: String
  public var bytes: Int
  /// `%{SSL_CLIENT_S_DN_CN}x` in TLS mode, nil otherwise or without a client certificate.
  public var clientCommonName: String?

  init?(line: Substring) {
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    guard fields.count == 7, let port = Int(fields[0]), let status = Int(fields[1]) else { return nil }
    func optional(_ value: String) -> String? { value == "-" || value.isEmpty ? nil : value }
    clientPort = port
    self.status = status
    user = optional(fields[2])
    method = fields[3]
    target = fields[4]
    bytes = Int(fields[5]) ?? 0
    clientCommonName = optional(fields[6])
  }
}

/// Debian's Apache httpd (/usr/sbin/apache2) on 127.0.0.1 with a private config, run in the
/// foreground as a child of the test and stopped by PID. Serves `small.json` and a sparse `large.bin`.
public final class ApacheServer: Sendable {
  public enum Mode: Sendable {
    case plain
    /// TLS with the CA's server certificate; `requireClientCertificate` adds `SSLVerifyClient require`.
    case tls(ThrowawayCA, requireClientCertificate: Bool)
    /// Plain HTTP where every path needs Kerberos (mod_auth_gssapi, keytab from the realm).
    case negotiate(KerberosRealm)
  }

  public static let binary = "/usr/sbin/apache2"
  public static let modules = "/usr/lib/apache2/modules"
  public static let smallFileName = "small.json"
  public static let largeFileName = "large.bin"
  public static let smallFileContents = Data(#"{"name":"osbsctl","items":[1,2,3]}"#.utf8)

  public let port: UInt16
  public let directory: TemporaryDirectory
  public let process: ChildProcess
  public let isTLS: Bool
  public let largeFileSize: Int64

  /// Uses `localhost`: SPNEGO asks for HTTP@<URL host> and the server certificate names localhost.
  public var baseURL: String { "\(isTLS ? "https" : "http")://localhost:\(port)" }
  public func url(_ path: String) -> String { baseURL + (path.hasPrefix("/") ? path : "/" + path) }
  public var accessLogPath: String { directory.file("logs/access.log") }
  public var errorLogPath: String { directory.file("logs/error.log") }

  private init(
    port: UInt16, directory: TemporaryDirectory, process: ChildProcess, isTLS: Bool, largeFileSize: Int64
  ) {
    self.port = port
    self.directory = directory
    self.process = process
    self.isTLS = isTLS
    self.largeFileSize = largeFileSize
  }

  deinit { stop() }

  /// Starts Apache and waits (≤ 10 s) until it accepts connections; retries on a port clash.
  public static func start(_ mode: Mode, largeFileSize: Int64 = 1 << 30) async throws -> ApacheServer {
    try FixtureError.requireTool(binary, debianPackage: "apache2")
    let neededModules =
      ["mod_mpm_event.so", "mod_authz_core.so", "mod_mime.so", "mod_headers.so"]
      + modeModules(mode).map(\.file)
    for module in neededModules where !FileManager.default.fileExists(atPath: "\(modules)/\(module)") {
      let package = module == "mod_auth_gssapi.so" ? "libapache2-mod-auth-gssapi" : "apache2"
      throw FixtureError.missingTool("\(modules)/\(module)", debianPackage: package)
    }
    var lastError: (any Error)?
    for _ in 0..<3 {
      let directory = try TemporaryDirectory(prefix: "osbs-apache")
      do {
        return try await launch(mode, in: directory, largeFileSize: largeFileSize)
      } catch let error as FixtureError where error.description.contains("Address already in use") {
        directory.remove()
        lastError = error
      } catch {
        directory.remove()
        throw error
      }
    }
    throw lastError ?? FixtureError("apache2 did not start")
  }

  /// SIGTERM to the Apache parent (it stops its workers), wait, then delete the directory.
  public func stop() {
    process.stop()
    directory.remove()
  }

  public func errorLog() -> String { Readiness.logText([errorLogPath, directory.file("logs/stderr")]) }

  public func accessLog() -> [ApacheAccessEntry] {
    let text = (try? String(contentsOfFile: accessLogPath, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap(ApacheAccessEntry.init(line:))
  }

  /// Apache writes the log line after the response has gone out, so a test that just got its
  /// response polls (≤ `timeout`) until `count` lines are there.
  public func waitForAccessLog(entries count: Int, timeout: Duration = .seconds(10)) async throws
    -> [ApacheAccessEntry]
  {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while true {
      let entries = accessLog()
      if entries.count >= count { return entries }
      if ContinuousClock.now >= deadline {
        throw FixtureError("access log has \(entries.count) of \(count) expected lines.\n\(errorLog())")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  private static func modeModules(_ mode: Mode) -> [(name: String, file: String)] {
    switch mode {
    case .plain: return []
    case .tls:
      return [("socache_shmcb_module", "mod_socache_shmcb.so"), ("ssl_module", "mod_ssl.so")]
    case .negotiate:
      return [
        ("authn_core_module", "mod_authn_core.so"), ("authz_user_module", "mod_authz_user.so"),
        ("auth_gssapi_module", "mod_auth_gssapi.so"),
      ]
    }
  }

  private static func launch(_ mode: Mode, in directory: TemporaryDirectory, largeFileSize: Int64)
    async throws -> ApacheServer
  {
    let port = try Loopback.freePort()
    let root = directory.path
    try directory.makeSubdirectory("logs")
    try directory.makeSubdirectory("run")
    let docs = try directory.makeSubdirectory("docs")
    try smallFileContents.write(to: URL(fileURLWithPath: "\(docs)/\(smallFileName)"))
    // Sparse: a gigabyte of zeros that takes no disk space.
    guard FileManager.default.createFile(atPath: "\(docs)/\(largeFileName)", contents: nil),
      truncate("\(docs)/\(largeFileName)", off_t(largeFileSize)) == 0
    else { throw FixtureError("could not create the sparse \(largeFileName): errno \(errno)") }
    chmod("\(docs)/\(smallFileName)", 0o644)
    chmod("\(docs)/\(largeFileName)", 0o644)

    var environment = ProcessInfo.processInfo.environment
    var lines = [
      "ServerRoot \"\(root)\"",
      "ServerName localhost",
      "Listen 127.0.0.1:\(port)",
      "LoadModule mpm_event_module \(modules)/mod_mpm_event.so",
      "LoadModule authz_core_module \(modules)/mod_authz_core.so",
      "LoadModule mime_module \(modules)/mod_mime.so",
      "LoadModule headers_module \(modules)/mod_headers.so",
    ]
    lines += modeModules(mode).map { "LoadModule \($0.name) \(modules)/\($0.file)" }
    if geteuid() == 0 {
      // Apache refuses to serve as root; workers become nobody/nogroup (hence the 0755 directories).
      lines += ["User #65534", "Group #65534"]
    }
    let commonNameField: String
    if case .tls = mode { commonNameField = "%{SSL_CLIENT_S_DN_CN}x" } else { commonNameField = "-" }
    lines += [
      "PidFile \(root)/run/httpd.pid",
      "DefaultRuntimeDir \(root)/run",
      "Mutex file:\(root)/run default",
      "ErrorLog \(root)/logs/error.log",
      "LogLevel warn",
      "TypesConfig /dev/null",
      "AddType application/json .json",
      "LogFormat \"%{remote}p\\t%>s\\t%u\\t%m\\t%U%q\\t%B\\t\(commonNameField)\" fixture",
      "CustomLog \(root)/logs/access.log fixture",
      "KeepAlive On",
      "KeepAliveTimeout 30",
      "MaxKeepAliveRequests 0",
      "EnableSendfile On",
      "DocumentRoot \(docs)",
      "<Directory />",
      "  Require all granted",
      "</Directory>",
    ]
    switch mode {
    case .plain:
      break
    case .tls(let ca, let requireClientCertificate):
      lines += [
        "SSLEngine on",
        "SSLCertificateFile \(ca.serverCertificatePath)",
        "SSLCertificateKeyFile \(ca.serverKeyPath)",
        "SSLSessionCache shmcb:\(root)/run/ssl_scache(512000)",
        "Header always set X-Client-CN \"%{SSL_CLIENT_S_DN_CN}s\"",
      ]
      if requireClientCertificate {
        lines += [
          "SSLVerifyClient require", "SSLVerifyDepth 2", "SSLCACertificateFile \(ca.certificatePath)",
        ]
      }
    case .negotiate(let realm):
      lines += [
        "<Location />",
        "  AuthType GSSAPI",
        "  AuthName \"osbsctl tests\"",
        "  GssapiCredStore keytab:\(realm.httpKeytabPath)",
        "  GssapiAllowedMech krb5",
        "  Require valid-user",
        "</Location>",
      ]
      environment["KRB5_CONFIG"] = realm.krb5ConfigPath
      environment["KRB5_KTNAME"] = "FILE:\(realm.httpKeytabPath)"
      // The default replay cache lives in /var/tmp and is owned by whoever wrote it first.
      environment["KRB5RCACHETYPE"] = "none"
    }
    try directory.write(lines.joined(separator: "\n") + "\n", to: "httpd.conf")

    let process = try ChildProcess(
      executable: binary, arguments: ["-f", directory.file("httpd.conf"), "-DFOREGROUND"],
      environment: environment, stdoutPath: directory.file("logs/stderr"),
      stderrPath: directory.file("logs/stderr"))
    let server = ApacheServer(
      port: port, directory: directory, process: process,
      isTLS: { if case .tls = mode { true } else { false } }(),
      largeFileSize: largeFileSize)
    do {
      try await Readiness.wait(
        for: process, name: "apache2 on port \(port)",
        logPaths: [directory.file("logs/error.log"), directory.file("logs/stderr")]
      ) { Loopback.acceptsTCP(port: port) }
    } catch {
      process.stop()
      throw error
    }
    return server
  }
}
