import Foundation
import OSBSKit
import TestSupport
import Testing

extension HTTPError {
  /// The case alone, so a test can say which failure it expects without matching payloads.
  var caseName: String {
    switch self {
    case .connectionRefused: "connectionRefused"
    case .dnsFailure: "dnsFailure"
    case .tlsVerificationFailed: "tlsVerificationFailed"
    case .tlsClientCertificate: "tlsClientCertificate"
    case .timeout: "timeout"
    case .status: "status"
    case .cancelled: "cancelled"
    case .responseTooLarge: "responseTooLarge"
    case .transport: "transport"
    }
  }
}

private func smallFile(_ server: ApacheServer) -> HTTPRequest {
  HTTPRequest(url: server.url(ApacheServer.smallFileName))
}

/// TLS server verification and client certificates against Apache httpd with mod_ssl.
@Suite("Transport TLS against Apache")
struct TransportTLSTests {
  /// One CA per test: each makes its own certificates and server, so tests run in parallel.
  struct Setup {
    let directory: TemporaryDirectory
    let ca: ThrowawayCA
    let apache: ApacheServer

    init(requireClientCertificate: Bool = false) async throws {
      directory = try TemporaryDirectory(prefix: "osbs-tls")
      do {
        ca = try await ThrowawayCA.make(in: directory)
        apache = try await ApacheServer.start(
          .tls(ca, requireClientCertificate: requireClientCertificate), largeFileSize: 1)
      } catch {
        directory.remove()
        throw error
      }
    }

    func tearDown() {
      apache.stop()
      directory.remove()
    }
  }

  @Test func caFileVerifiesTheServer() async throws {
    let setup = try await Setup()
    defer { setup.tearDown() }
    let client = try HTTPClient(
      configuration: HTTPClientConfiguration(tls: TLSOptions(caCertificate: .file(setup.ca.certificatePath))))
    let response = try await client.send(smallFile(setup.apache))
    #expect(response.status == 200)
    #expect(response.body == ApacheServer.smallFileContents)
  }

  @Test func inlineCADataVerifiesTheServer() async throws {
    let setup = try await Setup()
    defer { setup.tearDown() }
    let client = try HTTPClient(
      configuration: HTTPClientConfiguration(
        tls: TLSOptions(caCertificate: .data(try setup.ca.certificatePEM))))
    let response = try await client.send(smallFile(setup.apache))
    #expect(response.status == 200)
    #expect(response.body == ApacheServer.smallFileContents)
  }

  @Test func systemStoreRejectsAPrivateCAAndTheMessageSaysHowToFixIt() async throws {
    let setup = try await Setup()
    defer { setup.tearDown() }
    let client = try HTTPClient(configuration: HTTPClientConfiguration())
    let error = await #expect(throws: HTTPError.self) { try await client.send(smallFile(setup.apache)) }
    #expect(error?.caseName == "tlsVerificationFailed")
    #expect(error?.failureKind == .unavailable)
    let description = error?.description ?? ""
    #expect(
      description.contains("serverca") && description.contains("certificate-authority"), "\(description)")
  }

  @Test func anUnrelatedCAIsRejected() async throws {
    let setup = try await Setup()
    defer { setup.tearDown() }
    let unrelated = try await ThrowawayCA.make(in: setup.directory, label: "unrelated")
    let client = try HTTPClient(
      configuration: HTTPClientConfiguration(tls: TLSOptions(caCertificate: .file(unrelated.certificatePath)))
    )
    let error = await #expect(throws: HTTPError.self) { try await client.send(smallFile(setup.apache)) }
    #expect(error?.caseName == "tlsVerificationFailed")
  }

  @Test(arguments: [false, true])
  func clientCertificateIsPresentedAndApacheSeesAlice(inline: Bool) async throws {
    let setup = try await Setup(requireClientCertificate: true)
    defer { setup.tearDown() }
    let ca = setup.ca
    let tls =
      inline
      ? TLSOptions(
        caCertificate: .data(try ca.certificatePEM), clientCertificate: .data(try ca.clientCertificatePEM),
        clientKey: .data(try ca.clientKeyPEM))
      : TLSOptions(
        caCertificate: .file(ca.certificatePath), clientCertificate: .file(ca.clientCertificatePath),
        clientKey: .file(ca.clientKeyPath))
    let client = try HTTPClient(configuration: HTTPClientConfiguration(tls: tls))
    let response = try await client.send(smallFile(setup.apache))
    #expect(response.status == 200)
    #expect(response.headers["X-Client-CN"] == ThrowawayCA.clientCommonName)
    let entries = try await setup.apache.waitForAccessLog(entries: 1)
    #expect(entries.map(\.clientCommonName) == [ThrowawayCA.clientCommonName])
  }

  @Test func missingClientCertificateIsRefused() async throws {
    let setup = try await Setup(requireClientCertificate: true)
    defer { setup.tearDown() }
    let client = try HTTPClient(
      configuration: HTTPClientConfiguration(tls: TLSOptions(caCertificate: .file(setup.ca.certificatePath))))
    let error = await #expect(throws: HTTPError.self) { try await client.send(smallFile(setup.apache)) }
    // TLS 1.3: the handshake completes and the server's "certificate required" alert arrives on the
    // first read.
    #expect(error?.caseName == "tlsClientCertificate", "\(String(describing: error))")
    #expect(error?.failureKind == .authentication)
  }

  @Test func insecureSkipVerifyConnectsAndWarns() async throws {
    let setup = try await Setup()
    defer { setup.tearDown() }
    let warnings = LockedList<String>()
    let client = try HTTPClient(
      configuration: HTTPClientConfiguration(
        tls: TLSOptions(insecureSkipVerify: true),
        diagnostics: HTTPDiagnostics(warning: { warnings.append($0) })))
    let response = try await client.send(smallFile(setup.apache))
    #expect(response.status == 200)
    #expect(!warnings.elements.isEmpty)
    #expect(warnings.elements.contains { $0.lowercased().contains("verif") })
  }
}

/// Connection reuse, unix sockets and redaction, against Apache httpd and nginx.
@Suite("Transport connections and traces against real servers")
struct TransportConnectionTests {
  @Test func thousandSequentialRequestsReuseAHandfulOfConnections() async throws {
    let apache = try await ApacheServer.start(.plain, largeFileSize: 1)
    defer { apache.stop() }
    let client = try HTTPClient(configuration: HTTPClientConfiguration())
    let requestCount = 1000
    var statuses: [Int: Int] = [:]
    for _ in 0..<requestCount {
      let response = try await client.send(smallFile(apache))
      statuses[response.status, default: 0] += 1
    }
    #expect(statuses == [200: requestCount])
    let entries = try await apache.waitForAccessLog(entries: requestCount)
    let connections = Set(entries.map(\.clientPort))
    #expect(entries.count == requestCount)
    #expect(connections.count <= 5, "\(connections.count) TCP connections for \(requestCount) requests")
  }

  @Test func getThroughNginxUnixSocket() async throws {
    let nginx = try await NginxUnixSocketServer.start()
    defer { nginx.stop() }
    let client = try HTTPClient(configuration: HTTPClientConfiguration(unixSocketPath: nginx.socketPath))

    let response = try await client.send(HTTPRequest(url: "http://docker\(NginxUnixSocketServer.jsonPath)"))
    #expect(response.status == 200)
    #expect(response.body == NginxUnixSocketServer.jsonContents)

    let echo = try await client.send(HTTPRequest(url: "http://docker/echo?all=1"))
    #expect(String(decoding: echo.body, as: UTF8.self) == "GET /echo?all=1 host=docker\n")

    let streamed = try await client.stream(HTTPRequest(url: "http://docker\(NginxUnixSocketServer.jsonPath)"))
    var body = Data()
    for try await chunk in streamed.body { body.append(chunk) }
    #expect(streamed.status == 200)
    #expect(body == NginxUnixSocketServer.jsonContents)
  }

  @Test func secretsNeverReachTracesOrErrors() async throws {
    let directory = try TemporaryDirectory(prefix: "osbs-secret")
    defer { directory.remove() }
    let ca = try await ThrowawayCA.make(in: directory)
    let apache = try await ApacheServer.start(.tls(ca, requireClientCertificate: false), largeFileSize: 1)
    defer { apache.stop() }

    let token = "tok-SEKRIT-7f3a"
    let password = "pw-SEKRIT-91c2"
    let sessionKey = "SEKRIT-5e6d"
    let forbidden = [
      "SEKRIT", token, password, sessionKey, Data("bob:\(password)".utf8).base64EncodedString(),
    ]
    let events = LockedList<HTTPTraceEvent>()
    func client(_ auth: HTTPAuth) throws -> HTTPClient {
      try HTTPClient(
        configuration: HTTPClientConfiguration(
          tls: TLSOptions(caCertificate: .file(ca.certificatePath)), auth: auth,
          diagnostics: HTTPDiagnostics(trace: { events.append($0) })))
    }
    let bearer = try client(.bearer(token))
    let basic = try client(.basic(user: "bob", password: password))
    let withKey = "?session-key=\(sessionKey)&other=1"
    var errorTexts: [String] = []

    let ok = try await bearer.send(HTTPRequest(url: apache.url(ApacheServer.smallFileName + withKey)))
    #expect(ok.status == 200)
    let okBasic = try await basic.send(HTTPRequest(url: apache.url(ApacheServer.smallFileName + withKey)))
    #expect(okBasic.status == 200)

    let missingURL = apache.url("/missing.json" + withKey)
    let missing = try await bearer.send(HTTPRequest(url: missingURL))
    #expect(missing.status == 404)
    let statusError = #expect(throws: HTTPError.self) { try missing.requireSuccess(url: missingURL) }
    errorTexts.append(statusError?.description ?? "")
    let streamError = await #expect(throws: HTTPError.self) {
      _ = try await basic.stream(HTTPRequest(url: missingURL))
    }
    #expect(streamError?.caseName == "status")
    errorTexts.append(streamError?.description ?? "")

    let closedPort = try Loopback.freePort()
    let refused = await #expect(throws: HTTPError.self) {
      _ = try await bearer.send(HTTPRequest(url: "https://localhost:\(closedPort)/x\(withKey)"))
    }
    #expect(refused?.caseName == "connectionRefused")
    errorTexts.append(refused?.description ?? "")

    let traced = events.elements
    #expect(traced.count >= 5)
    var texts = errorTexts
    for event in traced {
      texts.append(event.formatted())
      texts.append(event.url)
      texts.append(event.error ?? "")
      texts += event.requestHeaders.map { "\($0.name): \($0.value)" }
    }
    // The trace still says what happened: the redacted query parameter's name stays visible.
    #expect(traced.contains { $0.url.contains("session-key=") })
    for text in texts {
      for secret in forbidden {
        #expect(!text.contains(secret), "secret leaked into: \(text)")
      }
    }
  }
}

/// SPNEGO against Apache mod_auth_gssapi and a throwaway MIT KDC.
///
/// libcurl's GSS-API reads KRB5_CONFIG / KRB5CCNAME from the process environment, so this suite is
/// serialized and puts the previous values back; no other suite uses Kerberos.
@Suite("Transport SPNEGO against Apache mod_auth_gssapi", .serialized)
struct TransportNegotiateTests {
  @Test func ticketAuthenticatesAsAlice() async throws {
    let realm = try await KerberosRealm.start()
    defer { realm.stop() }
    try await realm.kinit()
    let apache = try await ApacheServer.start(.negotiate(realm), largeFileSize: 1)
    defer { apache.stop() }

    let response = try await realm.withProcessEnvironment(credentialCache: realm.credentialCachePath) {
      let client = try HTTPClient(configuration: HTTPClientConfiguration(auth: .negotiate))
      return try await client.send(smallFile(apache))
    }
    #expect(response.status == 200)
    #expect(response.body == ApacheServer.smallFileContents)
    let entries = try await apache.waitForAccessLog(entries: 1)
    #expect(entries.contains { $0.status == 200 && $0.user == KerberosRealm.userPrincipal })
  }

  @Test func withoutATicketTheServerAnswers401() async throws {
    let realm = try await KerberosRealm.start()
    defer { realm.stop() }
    let apache = try await ApacheServer.start(.negotiate(realm), largeFileSize: 1)
    defer { apache.stop() }
    let url = apache.url(ApacheServer.smallFileName)

    try await realm.withProcessEnvironment(credentialCache: realm.emptyCredentialCachePath) {
      let client = try HTTPClient(configuration: HTTPClientConfiguration(auth: .negotiate))
      let response = try await client.send(HTTPRequest(url: url))
      #expect(response.status == 401)
      let error = #expect(throws: HTTPError.self) { try response.requireSuccess(url: url) }
      #expect(error?.failureKind == .authentication)
      let streamError = await #expect(throws: HTTPError.self) {
        _ = try await client.stream(HTTPRequest(url: url))
      }
      #expect(streamError?.caseName == "status")
      #expect(streamError?.failureKind == .authentication)
    }
    let entries = try await apache.waitForAccessLog(entries: 1)
    #expect(entries.allSatisfy { $0.status == 401 && $0.user == nil })
  }
}
