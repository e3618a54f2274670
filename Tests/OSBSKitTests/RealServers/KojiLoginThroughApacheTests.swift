import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The simulated hub in this process behind a real Apache front end, laid out as production Koji is:
/// Apache terminates TLS (or does GSSAPI) on `/kojihub/ssllogin` and hands the verified identity to the
/// hub in request headers; every other path is proxied with the identity headers stripped.
struct KojiFrontEndFixture {
  static let loginPath = "/kojihub/ssllogin"

  let server: SandboxServer
  let hub: KojiHub
  let apache: ApacheServer

  var hubURL: String { apache.url("/kojihub") }

  /// The standard seed plus `alice`, whose name is the fixtures' certificate CN and Kerberos user, and two
  /// more Kerberos users, `carol` and `dave`.
  static func seed() -> KojiHubSeed {
    var seed = KojiHubSeed.standard
    for name in [KerberosRealm.user, "carol", "dave"] {
      seed.users.append(
        KojiHubUser(
          id: seed.users.count + 1, name: name, permissions: ["container-build"],
          krbPrincipals: ["\(name)@\(KerberosRealm.realm)"]))
    }
    return seed
  }

  static func run<T>(
    frontEnd: (_ backend: String) -> ApacheServer.ReverseProxy,
    _ body: (KojiFrontEndFixture) async throws -> T
  ) async throws -> T {
    let server = SandboxServer()
    let hub = KojiHub(configuration: KojiHub.Configuration(seed: seed()), clock: .manual())
    hub.install(on: server)
    let endpoints = try await server.start()
    do {
      let apache = try await ApacheServer.start(.reverseProxy(frontEnd(endpoints.baseURL)), largeFileSize: 1)
      defer { apache.stop() }
      let result = try await body(KojiFrontEndFixture(server: server, hub: hub, apache: apache))
      await server.stop()
      return result
    } catch {
      await server.stop()
      throw error
    }
  }

  func session(_ authentication: KojiAuthentication, tls: TLSOptions) throws -> KojiSession {
    try KojiSession(
      configuration: KojiHubConfiguration(
        hubURL: hubURL, authentication: authentication, tls: tls, retry: KojiRetryPolicy(maxRetries: 0)))
  }

  /// One XML-RPC call sent as is, so a test can send headers the client never would.
  func raw(
    _ method: String, path: String, headers: [String: String] = [:], tls: TLSOptions
  ) async throws -> (status: Int, reply: OSBSKit.XMLRPCResponse?) {
    var request = HTTPRequest(
      method: "POST", url: apache.url(path), body: XMLRPCEncoder.encode(XMLRPCCall(method)))
    request.headers.set("Content-Type", "text/xml")
    for (name, value) in headers { request.headers.set(name, value) }
    let response = try await HTTPClient(configuration: HTTPClientConfiguration(tls: tls)).send(request)
    return (response.status, response.status == 200 ? try XMLRPCDecoder.decodeResponse(response.body) : nil)
  }
}

/// Client-certificate `sslLogin` through Apache mod_ssl (`SSLVerifyClient require` on the login path).
@Suite("Koji sslLogin with a client certificate through Apache")
struct KojiLoginCertificateThroughApacheTests {
  struct Setup {
    let directory: TemporaryDirectory
    let ca: ThrowawayCA

    init() async throws {
      directory = try TemporaryDirectory(prefix: "osbs-kojilogin")
      do {
        ca = try await ThrowawayCA.make(in: directory)
      } catch {
        directory.remove()
        throw error
      }
    }

    func frontEnd(_ backend: String) -> ApacheServer.ReverseProxy {
      ApacheServer.ReverseProxy(
        backend: backend, tls: ca, clientCertificatePath: KojiFrontEndFixture.loginPath)
    }

    /// koji's sample kojihub.conf: `SSLVerifyClient require` inside `<Location /kojihub/ssllogin>`.
    func perLocationRequireFrontEnd(_ backend: String) -> ApacheServer.ReverseProxy {
      ApacheServer.ReverseProxy(
        backend: backend, tls: ca, clientCertificatePath: KojiFrontEndFixture.loginPath,
        clientCertificateCheck: .verifyClientRequireOnPath)
    }

    var clientTLS: TLSOptions {
      TLSOptions(
        caCertificate: .file(ca.certificatePath), clientCertificate: .file(ca.clientCertificatePath),
        clientKey: .file(ca.clientKeyPath))
    }

    var serverOnlyTLS: TLSOptions { TLSOptions(caCertificate: .file(ca.certificatePath)) }
  }

  @Test func certificateLoginMakesASslSessionForTheCommonName() async throws {
    let setup = try await Setup()
    defer { setup.directory.remove() }
    try await KojiFrontEndFixture.run(frontEnd: setup.frontEnd) { fixture in
      let session = try fixture.session(.certificate, tls: setup.clientTLS)
      try await session.login()
      #expect(await session.isLoggedIn)
      #expect(fixture.hub.sessionIDs.count == 1)

      // (c) The session rides on later calls to /kojihub, where Apache sets no identity headers.
      let user = try await session.call("getLoggedInUser")
      #expect(user["name"]?.stringValue == ThrowawayCA.clientCommonName)
      #expect(user["authtype"]?.intValue == 2)
      let perms = try await session.call("getPerms")
      #expect(perms.arrayValue?.compactMap(\.stringValue) == ["container-build"])
      await session.logout()
      #expect(fixture.hub.sessionIDs.isEmpty)

      let entries = try await fixture.apache.waitForAccessLog(entries: 4)
      let login = entries.filter { $0.target == KojiFrontEndFixture.loginPath }
      #expect(login.count == 1)
      #expect(login.allSatisfy { $0.status == 200 && $0.clientCommonName == ThrowawayCA.clientCommonName })
      #expect(entries.filter { $0.target == "/kojihub" }.count == 3)
      #expect(entries.allSatisfy { $0.status == 200 })
    }
  }

  @Test func certificateNamingABuilderLogsInAsThatBuilder() async throws {
    let setup = try await Setup()
    defer { setup.directory.remove() }
    let builder = try await setup.ca.issueClientCertificate(commonName: "builder1", in: setup.directory)
    try await KojiFrontEndFixture.run(frontEnd: setup.frontEnd) { fixture in
      let tls = TLSOptions(
        caCertificate: .file(setup.ca.certificatePath), clientCertificate: .file(builder.certificatePath),
        clientKey: .file(builder.keyPath))
      let session = try fixture.session(.certificate, tls: tls)
      try await session.login()
      let user = try await session.call("getLoggedInUser")
      #expect(user["name"]?.stringValue == "builder1")
      #expect(user["id"]?.intValue == 2)
      #expect(user["authtype"]?.intValue == 2)
    }
  }

  /// The production layout: `SSLVerifyClient require` inside the login path's `<Location>` only. On TLS 1.3
  /// mod_ssl would ask for the certificate by post-handshake authentication, which libcurl cannot answer,
  /// so KojiSession holds its certificate-login connection at TLS 1.2, where Apache renegotiates.
  @Test func perLocationVerifyClientRequireLogsIn() async throws {
    let setup = try await Setup()
    defer { setup.directory.remove() }
    try await KojiFrontEndFixture.run(frontEnd: setup.perLocationRequireFrontEnd) { fixture in
      let session = try fixture.session(.certificate, tls: setup.clientTLS)
      // The login connection is held at TLS 1.2, where Apache renegotiates for the certificate.
      try await session.login()
      let user = try await session.call("getLoggedInUser")
      #expect(user["name"]?.stringValue == ThrowawayCA.clientCommonName)
    }
  }

  @Test func withoutAClientCertificateThereIsNoSession() async throws {
    let setup = try await Setup()
    defer { setup.directory.remove() }
    try await KojiFrontEndFixture.run(frontEnd: setup.frontEnd) { fixture in
      // The client refuses before sending anything: authtype ssl without a certificate.
      let session = try fixture.session(.certificate, tls: setup.serverOnlyTLS)
      let error = await #expect(throws: KojiError.self) { try await session.login() }
      #expect(error?.failureKind == .authentication)
      #expect(await !session.isLoggedIn)

      // Apache itself refuses the login path without a certificate; the hub never sees the call.
      let direct = try await fixture.raw(
        "sslLogin", path: KojiFrontEndFixture.loginPath, tls: setup.serverOnlyTLS)
      #expect(direct.status == 403)
      #expect(await fixture.server.journal.count(xmlrpcMethod: "sslLogin") == 0)
      #expect(fixture.hub.sessionIDs.isEmpty)
    }
  }

  @Test func certificateFromAnotherCAFailsTheHandshake() async throws {
    let setup = try await Setup()
    defer { setup.directory.remove() }
    let stranger = try await ThrowawayCA.make(in: setup.directory, label: "stranger")
    try await KojiFrontEndFixture.run(frontEnd: setup.frontEnd) { fixture in
      let tls = TLSOptions(
        caCertificate: .file(setup.ca.certificatePath),
        clientCertificate: .file(stranger.clientCertificatePath),
        clientKey: .file(stranger.clientKeyPath))
      let session = try fixture.session(.certificate, tls: tls)
      let error = await #expect(throws: (any Error).self) { try await session.login() }
      #expect((error as? any ClassifiedError)?.failureKind == .authentication, "\(String(describing: error))")
      #expect(await !session.isLoggedIn)
      #expect(fixture.hub.sessionIDs.isEmpty)
    }
  }

  /// Identity headers a client sends itself are dropped by the front end, on every path.
  @Test func clientSuppliedIdentityHeadersAreNotBelieved() async throws {
    let setup = try await Setup()
    defer { setup.directory.remove() }
    try await KojiFrontEndFixture.run(frontEnd: setup.frontEnd) { fixture in
      let forged = [
        "X-Remote-User": "kojiadmin", "X-SSL-Client-Verify": "SUCCESS", "X-SSL-Client-S-DN-CN": "kojiadmin",
      ]
      // Outside the login path: nothing vouches for anyone.
      let elsewhere = try await fixture.raw(
        "sslLogin", path: "/kojihub", headers: forged, tls: setup.clientTLS)
      #expect(elsewhere.status == 200)
      #expect(elsewhere.reply?.fault?.code == 1002)
      // On the login path Apache's own values win over the forged ones.
      let login = try await fixture.raw(
        "sslLogin", path: KojiFrontEndFixture.loginPath, headers: forged, tls: setup.clientTLS)
      let sessionID = try #require(login.reply?.value?["session-id"]?.intValue)
      let key = try #require(login.reply?.value?["session-key"]?.stringValue)
      let whoami = try await fixture.raw(
        "getLoggedInUser", path: "/kojihub",
        headers: [
          "Koji-Session-Id": String(sessionID), "Koji-Session-Key": key, "Koji-Session-Callnum": "0",
        ],
        tls: setup.clientTLS)
      #expect(whoami.reply?.value?["name"]?.stringValue == ThrowawayCA.clientCommonName)
    }
  }
}

/// GSSAPI `sslLogin` through Apache mod_auth_gssapi and a throwaway MIT KDC.
///
/// libcurl's GSS-API reads KRB5_CONFIG / KRB5CCNAME from the process environment, so this suite is
/// serialized and puts the previous values back.
@Suite("Koji sslLogin with Kerberos through Apache", .serialized)
struct KojiLoginKerberosThroughApacheTests {
  struct Setup {
    let directory: TemporaryDirectory
    let ca: ThrowawayCA
    let realm: KerberosRealm

    init() async throws {
      directory = try TemporaryDirectory(prefix: "osbs-kojilogin")
      do {
        ca = try await ThrowawayCA.make(in: directory)
        realm = try await KerberosRealm.start()
      } catch {
        directory.remove()
        throw error
      }
    }

    func tearDown() {
      realm.stop()
      directory.remove()
    }

    func frontEnd(_ backend: String) -> ApacheServer.ReverseProxy {
      ApacheServer.ReverseProxy(
        backend: backend, tls: ca, negotiate: realm, negotiatePath: KojiFrontEndFixture.loginPath)
    }

    var tls: TLSOptions { TLSOptions(caCertificate: .file(ca.certificatePath)) }
  }

  @Test func ticketLogsInAsThePrincipalsUser() async throws {
    let setup = try await Setup()
    defer { setup.tearDown() }
    try await setup.realm.kinit()
    try await KojiFrontEndFixture.run(frontEnd: setup.frontEnd) { fixture in
      let user = try await setup.realm.withProcessEnvironment(
        credentialCache: setup.realm.credentialCachePath
      ) {
        let session = try fixture.session(.kerberos(principal: nil), tls: setup.tls)
        try await session.login()
        let user = try await session.call("getLoggedInUser")
        await session.logout()
        return user
      }
      #expect(user["name"]?.stringValue == KerberosRealm.user)
      #expect(user["authtype"]?.intValue == 3)
      #expect(user["krb_principal"]?.stringValue == KerberosRealm.userPrincipal)
      let entries = try await fixture.apache.waitForAccessLog(entries: 3)
      #expect(
        entries.contains {
          $0.target == KojiFrontEndFixture.loginPath && $0.status == 200
            && $0.user == KerberosRealm.userPrincipal
        })
      // (c) getLoggedInUser and logout went to /kojihub with the session alone.
      #expect(entries.filter { $0.target == "/kojihub" && $0.status == 200 && $0.user == nil }.count == 2)
    }
  }

  /// koji.conf's `keytab` and `principal`: tickets from the KDC for the keytab's principal, in a cache of
  /// osbsctl's own; the caller's (empty) cache is neither needed nor created. The keytab may be named with
  /// its type (`FILE:`), as koji passes it to the GSS-API.
  @Test(arguments: [(KerberosRealm.userPrincipal, ""), (nil, "FILE:")] as [(String?, String)])
  func keytabLogsInWithoutTheCallersCache(principal: String?, type: String) async throws {
    let setup = try await Setup()
    defer { setup.tearDown() }
    try await setup.realm.makeUserKeytab()
    try await KojiFrontEndFixture.run(frontEnd: setup.frontEnd) { fixture in
      let user = try await setup.realm.withProcessEnvironment(
        credentialCache: setup.realm.emptyCredentialCachePath
      ) {
        let session = try fixture.session(
          .kerberos(principal: principal, keytab: type + setup.realm.userKeytabPath), tls: setup.tls)
        try await session.login()
        let user = try await session.call("getLoggedInUser")
        // A second login (as after AuthExpired) reuses the tickets already in osbsctl's cache.
        try await session.login()
        #expect(await session.loginCount == 2)
        return user
      }
      #expect(user["name"]?.stringValue == KerberosRealm.user)
      #expect(user["krb_principal"]?.stringValue == KerberosRealm.userPrincipal)
      #expect(!FileManager.default.fileExists(atPath: setup.realm.emptyCredentialCachePath))
      let entries = try await fixture.apache.waitForAccessLog(entries: 3)
      #expect(
        entries.filter {
          $0.target == KojiFrontEndFixture.loginPath && $0.status == 200
            && $0.user == KerberosRealm.userPrincipal
        }.count == 2)
      // Only the initial tickets came from the KDC: one AS request for both logins.
      let issued = setup.realm.kdcLog().split(separator: "\n").filter {
        $0.contains("AS_REQ") && $0.contains("ISSUE")
      }
      #expect(issued.count == 1, "\(setup.realm.kdcLog())")
    }
  }

  /// Without a keytab, `principal` picks that principal's cache in the caller's collection (a `DIR:` one
  /// here, whose primary cache is another user's, which a login without `principal` uses).
  @Test func principalWithoutAKeytabPicksThatPrincipalsCache() async throws {
    let setup = try await Setup()
    defer { setup.tearDown() }
    let collection = "DIR:" + setup.directory.file("collection")
    try FileManager.default.createDirectory(
      atPath: setup.directory.file("collection"), withIntermediateDirectories: false)
    try await setup.realm.addUser("carol", password: "carol-throwaway-pw", kinitInto: collection)
    try await setup.realm.addUser("dave", password: "dave-throwaway-pw", kinitInto: collection)
    try await KojiFrontEndFixture.run(frontEnd: setup.frontEnd) { fixture in
      let principals = try await setup.realm.withProcessEnvironment(credentialCacheName: collection) {
        var principals: [String?] = []
        for principal in ["carol@\(KerberosRealm.realm)", nil] {
          let session = try fixture.session(.kerberos(principal: principal), tls: setup.tls)
          try await session.login()
          principals.append(try await session.call("getLoggedInUser")["krb_principal"]?.stringValue)
        }
        return principals
      }
      // carol by name; the collection's primary cache, the last kinit's (dave's), without one.
      #expect(principals == ["carol@\(KerberosRealm.realm)", "dave@\(KerberosRealm.realm)"])
    }
  }

  /// A principal the keytab has no key for, one no cache holds, or a file that is no keytab: an
  /// authentication error that names what was missing, before anything reaches the hub.
  @Test func missingTicketsAreAnAuthenticationErrorBeforeTheLogin() async throws {
    let setup = try await Setup()
    defer { setup.tearDown() }
    try await setup.realm.makeUserKeytab()
    try await setup.realm.kinit()
    try setup.directory.write("not a keytab\n", to: "garbage.keytab")
    let stranger = "bob@\(KerberosRealm.realm)"
    let cases: [(principal: String?, keytab: String?, mentions: [String])] = [
      (
        stranger, setup.realm.userKeytabPath,
        [setup.realm.userKeytabPath, "no key for \(stranger), only for alice"]
      ),
      // The GSS-API's own words after osbsctl's.
      (stranger, nil, ["kinit", "Can't find client principal \(stranger) in cache collection"]),
      (
        KerberosRealm.userPrincipal, setup.directory.file("garbage.keytab"),
        ["garbage.keytab: the file is not a keytab"]
      ),
    ]
    try await KojiFrontEndFixture.run(frontEnd: setup.frontEnd) { fixture in
      try await setup.realm.withProcessEnvironment(credentialCache: setup.realm.credentialCachePath) {
        for (principal, keytab, mentions) in cases {
          let session = try fixture.session(.kerberos(principal: principal, keytab: keytab), tls: setup.tls)
          let error = await #expect(throws: KojiError.self) { try await session.login() }
          #expect(error?.failureKind == .authentication)
          let text = error?.description ?? ""
          for word in mentions { #expect(text.contains(word), "\(text)") }
          #expect(await !session.isLoggedIn)
        }
      }
      #expect(await fixture.server.journal.count(xmlrpcMethod: "sslLogin") == 0)
      #expect(fixture.hub.sessionIDs.isEmpty)
    }
  }

  /// A KDC nobody answers for is the network's failure, not the credentials' (exit code 5, not 4); a KDC
  /// that takes the request and never answers is bounded by the request timeout, which stops the wait at
  /// once: the login's connection to it is still open when the login gives up.
  @Test func aKDCThatIsDownOrSilentIsNoAuthenticationFailure() async throws {
    let setup = try await Setup()
    defer { setup.tearDown() }
    try await setup.realm.makeUserKeytab()
    let refusing = try Loopback.freePort()
    let silent = try Loopback.boundSocket()
    defer { close(silent.fd) }
    #expect(listen(silent.fd, 4) == 0)
    let (refusingConfig, silentConfig) = (
      try setup.realm.clientConfigPath(kdcPort: refusing),
      try setup.realm.clientConfigPath(kdcPort: silent.port)
    )
    try await KojiFrontEndFixture.run(frontEnd: setup.frontEnd) { fixture in
      func login(kerberosConfig: String, requestTimeout: Duration?) async -> (any Error)? {
        setenv("KRB5_CONFIG", kerberosConfig, 1)
        defer { setenv("KRB5_CONFIG", setup.realm.krb5ConfigPath, 1) }
        do {
          var configuration = KojiHubConfiguration(
            hubURL: fixture.hubURL,
            authentication: .kerberos(principal: nil, keytab: setup.realm.userKeytabPath), tls: setup.tls,
            retry: KojiRetryPolicy(maxRetries: 0))
          configuration.requestTimeout = requestTimeout
          try await KojiSession(configuration: configuration).login()
          return nil
        } catch {
          return error
        }
      }
      try await setup.realm.withProcessEnvironment(credentialCache: setup.realm.emptyCredentialCachePath) {
        let down = await login(kerberosConfig: refusingConfig, requestTimeout: nil)
        let kojiError = try #require(down as? KojiError, "\(String(describing: down))")
        #expect(kojiError.failureKind == .unavailable)
        #expect(kojiError.description.contains("Cannot contact any KDC"), "\(kojiError)")

        let quiet = await login(kerberosConfig: silentConfig, requestTimeout: .milliseconds(300))
        let timeout = try #require(quiet as? HTTPError, "\(String(describing: quiet))")
        #expect(timeout.isRequestTimeout)
        #expect(timeout.description.contains("the Kerberos KDC"), "\(timeout)")
      }
      // The silent KDC's connection: the request is there, and the sender has not hung up.
      let connection = accept(silent.fd, nil, nil)
      try #require(connection >= 0)
      defer { close(connection) }
      #expect(fcntl(connection, F_SETFL, O_NONBLOCK) == 0)
      var buffer = [UInt8](repeating: 0, count: 65536)
      #expect(read(connection, &buffer, buffer.count) > 0)
      let more = read(connection, &buffer, buffer.count)
      #expect(more == -1 && errno == EAGAIN, "read \(more): the KDC client had given up already")
      #expect(await fixture.server.journal.count(xmlrpcMethod: "sslLogin") == 0)
    }
  }

  /// The keytab reader against files kadmin wrote, with `klist -k` as the judge: several keys per
  /// principal, two principals, and the hole `ktremove` leaves where an entry was.
  @Test func keytabPrincipalsAreTheOnesKlistLists() async throws {
    let setup = try await Setup()
    defer { setup.tearDown() }
    let keytab = setup.realm.userKeytabPath
    try await setup.realm.makeUserKeytab()
    try await setup.realm.admin("ktadd -k \(keytab) HTTP/localhost")
    let both = try KeytabFile.principals(in: Data(contentsOf: URL(fileURLWithPath: keytab)))
    #expect(both == [KerberosRealm.userPrincipal, "HTTP/localhost@\(KerberosRealm.realm)"])
    #expect(try await Set(klist(keytab, setup)) == Set(both ?? []))

    try await setup.realm.admin("ktremove -k \(keytab) \(KerberosRealm.user) all")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: keytab))
    let rest = KeytabFile.principals(in: bytes)
    #expect(rest == ["HTTP/localhost@\(KerberosRealm.realm)"])
    #expect(try await klist(keytab, setup) == ["HTTP/localhost@\(KerberosRealm.realm)"])

    // What a login from this keytab as alice now says.
    let cache = KerberosTicketCache(principal: KerberosRealm.userPrincipal, keytab: keytab)
    #expect(
      cache.failure("No credentials cache found").hasSuffix(
        "the keytab has no key for \(KerberosRealm.userPrincipal), only for HTTP/localhost@\(KerberosRealm.realm)"
      ))
  }

  /// `klist -k`'s principals, each once.
  private func klist(_ keytab: String, _ setup: Setup) async throws -> [String] {
    let output = try await ChildProcess.run(
      "/usr/bin/klist", ["-k", keytab],
      environment: setup.realm.environment(credentialCache: setup.realm.emptyCredentialCachePath),
      workDirectory: setup.directory.url)
    var names: [String] = []
    for line in output.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count == 2, Int(fields[0]) != nil, !names.contains(String(fields[1])) else { continue }
      names.append(String(fields[1]))
    }
    return names
  }

  @Test func emptyCredentialCacheIsAnAuthenticationError() async throws {
    let setup = try await Setup()
    defer { setup.tearDown() }
    try await KojiFrontEndFixture.run(frontEnd: setup.frontEnd) { fixture in
      try await setup.realm.withProcessEnvironment(credentialCache: setup.realm.emptyCredentialCachePath) {
        let session = try fixture.session(.kerberos(principal: nil), tls: setup.tls)
        let error = await #expect(throws: KojiError.self) { try await session.login() }
        #expect(error?.failureKind == .authentication)
        #expect(await !session.isLoggedIn)
      }
      #expect(await fixture.server.journal.count(xmlrpcMethod: "sslLogin") == 0)
      #expect(fixture.hub.sessionIDs.isEmpty)
    }
  }
}

extension OSBSKit.XMLRPCResponse {
  fileprivate var fault: XMLRPCFault? {
    if case .fault(let fault) = self { return fault }
    return nil
  }

  fileprivate var value: XMLRPCValue? {
    if case .success(let value) = self { return value }
    return nil
  }
}
