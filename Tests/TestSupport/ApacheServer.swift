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
    /// A Koji-style front end: mod_proxy forwards everything to a backend, and one path needs a
    /// client certificate or Kerberos; the identity goes to the backend in request headers.
    case reverseProxy(ReverseProxy)
  }

  /// How the front end in `.reverseProxy` mode authenticates, the way Koji's Apache config does it.
  public struct ReverseProxy: Sendable {
    /// The backend origin, e.g. `http://127.0.0.1:8080`; request paths are passed through unchanged.
    public var backend: String
    /// TLS with the CA's server certificate; client certificates from this CA are asked for everywhere
    /// (`SSLVerifyClient optional`) and required on `clientCertificatePath`.
    public var tls: ThrowawayCA?
    public var clientCertificatePath: String?
    public var clientCertificateCheck: ClientCertificateCheck
    /// mod_auth_gssapi on `negotiatePath`.
    public var negotiate: KerberosRealm?
    public var negotiatePath: String?

    public init(
      backend: String, tls: ThrowawayCA? = nil, clientCertificatePath: String? = nil,
      clientCertificateCheck: ClientCertificateCheck = .requestedAtHandshake,
      negotiate: KerberosRealm? = nil, negotiatePath: String? = nil
    ) {
      self.backend = backend
      self.tls = tls
      self.clientCertificatePath = clientCertificatePath
      self.clientCertificateCheck = clientCertificateCheck
      self.negotiate = negotiate
      self.negotiatePath = negotiatePath
    }

    /// How `clientCertificatePath` insists on a certificate. Both ask for one at the handshake
    /// (`SSLVerifyClient optional` server-wide).
    public enum ClientCertificateCheck: Sendable {
      /// `Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS'` on the path: the handshake's certificate decides.
      case requestedAtHandshake
      /// `SSLVerifyClient require` inside the path's `<Location>`, as koji's sample kojihub.conf has it. On
      /// TLS 1.3 mod_ssl then asks again with post-handshake authentication, which the client must offer.
      case verifyClientRequireOnPath
    }

    /// Headers the front end sets for the backend (and strips from what clients send, so nobody can
    /// claim an identity by sending them).
    public static let identityHeaders = ["X-SSL-Client-Verify", "X-SSL-Client-S-DN-CN", "X-Remote-User"]
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
      return negotiateModules
    case .reverseProxy(let proxy):
      var result = [("proxy_module", "mod_proxy.so"), ("proxy_http_module", "mod_proxy_http.so")]
      if let ca = proxy.tls { result += modeModules(.tls(ca, requireClientCertificate: false)) }
      if proxy.negotiate != nil { result += negotiateModules }
      return result
    }
  }

  private static let negotiateModules = [
    ("authn_core_module", "mod_authn_core.so"), ("authz_user_module", "mod_authz_user.so"),
    ("auth_gssapi_module", "mod_auth_gssapi.so"),
  ]

  private static func isTLS(_ mode: Mode) -> Bool {
    switch mode {
    case .tls: true
    case .reverseProxy(let proxy): proxy.tls != nil
    case .plain, .negotiate: false
    }
  }

  private static func tlsLines(_ ca: ThrowawayCA, root: String) -> [String] {
    [
      "SSLEngine on",
      "SSLCertificateFile \(ca.serverCertificatePath)",
      "SSLCertificateKeyFile \(ca.serverKeyPath)",
      "SSLSessionCache shmcb:\(root)/run/ssl_scache(512000)",
    ]
  }

  private static func gssapiLines(_ realm: KerberosRealm) -> [String] {
    [
      "  AuthType GSSAPI",
      "  AuthName \"osbsctl tests\"",
      "  GssapiCredStore keytab:\(realm.httpKeytabPath)",
      "  GssapiAllowedMech krb5",
      "  Require valid-user",
    ]
  }

  private static func kerberosEnvironment(_ realm: KerberosRealm, into environment: inout [String: String]) {
    environment["KRB5_CONFIG"] = realm.krb5ConfigPath
    environment["KRB5_KTNAME"] = "FILE:\(realm.httpKeytabPath)"
    // The default replay cache lives in /var/tmp and is owned by whoever wrote it first.
    environment["KRB5RCACHETYPE"] = "none"
  }

  private static func reverseProxyLines(_ proxy: ReverseProxy, root: String) -> [String] {
    let backend = proxy.backend.hasSuffix("/") ? String(proxy.backend.dropLast()) : proxy.backend
    var lines = ReverseProxy.identityHeaders.map { "RequestHeader unset \($0)" }
    lines += ["ProxyRequests Off", "ProxyPass / \(backend)/", "ProxyPassReverse / \(backend)/"]
    if let ca = proxy.tls {
      lines += tlsLines(ca, root: root)
      // Asking at the handshake means the stricter per-path `require` needs no renegotiation, which
      // TLS 1.3 clients do not support.
      lines += ["SSLVerifyClient optional", "SSLVerifyDepth 2", "SSLCACertificateFile \(ca.certificatePath)"]
      if let path = proxy.clientCertificatePath {
        let check =
          switch proxy.clientCertificateCheck {
          case .requestedAtHandshake: ["  Require expr \"%{SSL_CLIENT_VERIFY} == 'SUCCESS'\""]
          case .verifyClientRequireOnPath: ["  SSLVerifyClient require"]
          }
        lines +=
          ["<Location \(path)>"] + check + [
            "  RequestHeader set X-SSL-Client-Verify \"%{SSL_CLIENT_VERIFY}s\"",
            "  RequestHeader set X-SSL-Client-S-DN-CN \"%{SSL_CLIENT_S_DN_CN}s\"",
            "</Location>",
          ]
      }
    }
    if let realm = proxy.negotiate, let path = proxy.negotiatePath {
      lines +=
        ["<Location \(path)>"] + gssapiLines(realm) + [
          "  RequestHeader set X-Remote-User expr=%{REMOTE_USER}",
          "</Location>",
        ]
    }
    return lines
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
    if isTLS(mode) { commonNameField = "%{SSL_CLIENT_S_DN_CN}x" } else { commonNameField = "-" }
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
      lines += tlsLines(ca, root: root) + ["Header always set X-Client-CN \"%{SSL_CLIENT_S_DN_CN}s\""]
      if requireClientCertificate {
        lines += [
          "SSLVerifyClient require", "SSLVerifyDepth 2", "SSLCACertificateFile \(ca.certificatePath)",
        ]
      }
    case .negotiate(let realm):
      lines += ["<Location />"] + gssapiLines(realm) + ["</Location>"]
      kerberosEnvironment(realm, into: &environment)
    case .reverseProxy(let proxy):
      lines += reverseProxyLines(proxy, root: root)
      if let realm = proxy.negotiate { kerberosEnvironment(realm, into: &environment) }
    }
    try directory.write(lines.joined(separator: "\n") + "\n", to: "httpd.conf")

    let process = try ChildProcess(
      executable: binary, arguments: ["-f", directory.file("httpd.conf"), "-DFOREGROUND"],
      environment: environment, stdoutPath: directory.file("logs/stderr"),
      stderrPath: directory.file("logs/stderr"))
    let server = ApacheServer(
      port: port, directory: directory, process: process,
      isTLS: isTLS(mode),
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

extension ThrowawayCA {
  /// Signs one more client certificate (`CN=commonName`) with this CA, for front ends that map the CN to
  /// a user; returns the PEM paths `directory/label-<commonName>.pem` and `.key`.
  public func issueClientCertificate(
    commonName: String, in directory: TemporaryDirectory, label: String = "extra"
  )
    async throws -> (certificatePath: String, keyPath: String)
  {
    let base = directory.file("\(label)-\(commonName)")
    let extensions = base + ".ext"
    try Data("extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n".utf8)
      .write(to: URL(fileURLWithPath: extensions))
    try await ChildProcess.run(
      Self.openssl,
      [
        "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", base + ".key",
        "-out", base + ".csr", "-subj", "/CN=\(commonName)",
      ], workDirectory: directory.url)
    try await ChildProcess.run(
      Self.openssl,
      [
        "x509", "-req", "-in", base + ".csr", "-CA", certificatePath, "-CAkey", keyPath,
        "-set_serial", String(Int.random(in: 2000..<1_000_000)), "-days", "2", "-extfile", extensions,
        "-out", base + ".pem",
      ], workDirectory: directory.url)
    return (base + ".pem", base + ".key")
  }
}
