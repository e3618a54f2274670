import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Certificates are verified by default; a failure says how to add the CA (or which name to use).
@Suite("TLS verification from the command line")
struct TLSVerificationCLITests {
  /// Config files pointing osbsctl's Koji profile and kubeconfig at `baseURL`, optionally trusting `ca`
  /// (and reaching the cluster through `proxyURL`).
  static func configure(
    _ cli: CLI, baseURL: String, ca: String?, tlsServerName: String? = nil, proxyURL: String? = nil,
    token: String = "tls-token"
  ) throws -> [String: String] {
    let koji = try cli.write(
      "tls/koji.conf",
      "[tls]\nserver = \(baseURL)/kojihub\nauthtype = noauth\nmax_retries = 0\n"
        + (ca.map { "serverca = \($0)\n" } ?? ""))
    let kube = try cli.write(
      "tls/kubeconfig",
      """
      apiVersion: v1
      kind: Config
      clusters: [{name: t, cluster: {server: "\(baseURL)"\(ca.map { ", certificate-authority: \"\($0)\"" } ?? "")\(tlsServerName.map { ", tls-server-name: \($0)" } ?? "")\(proxyURL.map { ", proxy-url: \"\($0)\"" } ?? "")}}]
      users: [{name: u, user: {token: \(token)}}]
      contexts: [{name: t, context: {cluster: t, user: u, namespace: ns}}]
      current-context: t

      """)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: kube)
    let config = try cli.write(
      "tls/osbsctl.yaml",
      """
      defaultProfile: t
      profiles:
        t:
          koji: {profile: tls, configFile: "\(koji)"}
          openshift: {kubeconfig: "\(kube)", context: t, buildAPI: grouped}

      """)
    return ["OSBSCTL_CONFIG": config]
  }

  @Test func unknownCAFailsAndSaysHowToAddIt() async throws {
    let directory = try TemporaryDirectory(prefix: "osbs-tls-cli")
    defer { directory.remove() }
    let ca = try await ThrowawayCA.make(in: directory)
    let apache = try await ApacheServer.start(.tls(ca, requireClientCertificate: false))
    defer { apache.stop() }
    let cli = try CLI()

    let untrusted = try Self.configure(cli, baseURL: apache.baseURL, ca: nil)
    for (arguments, key) in [
      (["task", "info", "1"], "serverca"), (["node", "list"], "certificate-authority"),
    ] {
      let result = try await cli.osbsctl(arguments, environment: untrusted)
      #expect(result.exitCode == 5, "\(arguments): \(result.summary)")
      let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
      #expect(errors.count == 1, "\(result.stderr)")
      #expect(errors.first?.contains("TLS verification") == true, "\(result.stderr)")
      #expect(errors.first?.contains(key) == true, "\(result.stderr)")
      #expect(!result.stderr.contains("verification is disabled"))
    }

    // With the CA configured, the TLS handshake succeeds (Apache then answers with its own 404/405).
    let trusted = try Self.configure(cli, baseURL: apache.baseURL, ca: ca.certificatePath)
    let nodes = try await cli.osbsctl(["node", "list"], environment: trusted)
    #expect(!nodes.stderr.contains("TLS verification"), "\(nodes.summary)")
  }

  /// A certificate for other names: the message says so, instead of blaming the CA. Needs a second name
  /// for 127.0.0.1 that the certificate does not list (this machine's host name, where it resolves so).
  @Test func wrongHostNameIsNamedAsSuch() async throws {
    let name = ProcessInfo.processInfo.hostName
    guard name != "localhost", Self.resolvesToLoopback(name) else { return }
    let directory = try TemporaryDirectory(prefix: "osbs-tls-cli")
    defer { directory.remove() }
    let ca = try await ThrowawayCA.make(in: directory)
    let apache = try await ApacheServer.start(.tls(ca, requireClientCertificate: false))
    defer { apache.stop() }
    let cli = try CLI()
    let port = try #require(URLComponents(string: apache.baseURL)?.port)
    let environment = try Self.configure(cli, baseURL: "https://\(name):\(port)", ca: ca.certificatePath)
    let result = try await cli.osbsctl(["node", "list"], environment: environment)
    #expect(result.exitCode == 5, "\(result.summary)")
    #expect(result.stderr.contains("another host name"), "\(result.stderr)")
  }

  /// kubeconfig's `tls-server-name`: the server is reached at 127.0.0.1 and its certificate, which names
  /// only api.example.test, is checked against that name, as kubectl does.
  @Test func tlsServerNameIsTheNameTheCertificateIsCheckedAgainst() async throws {
    let directory = try TemporaryDirectory(prefix: "osbs-tls-cli")
    defer { directory.remove() }
    let ca = try await ThrowawayCA.make(in: directory, serverNames: "DNS:api.example.test")
    let apache = try await ApacheServer.start(.tls(ca, requireClientCertificate: false))
    defer { apache.stop() }
    let cli = try CLI()

    let byAddress = try Self.configure(cli, baseURL: apache.baseURL, ca: ca.certificatePath)
    let refused = try await cli.osbsctl(["node", "list"], environment: byAddress)
    #expect(refused.exitCode == 5, "\(refused.summary)")
    #expect(refused.stderr.contains("another host name"), "\(refused.stderr)")
    // A certificate that does not verify will not verify on the next try either: no retries, as kubectl.
    #expect(!refused.stderr.contains("retrying"), "\(refused.stderr)")

    let named = try Self.configure(
      cli, baseURL: apache.baseURL, ca: ca.certificatePath, tlsServerName: "api.example.test")
    let nodes = try await cli.osbsctl(["node", "list"], environment: named)
    // The handshake succeeds; Apache, no API server, then answers the request itself.
    #expect(!nodes.stderr.contains("TLS verification"), "\(nodes.summary)")
    #expect(!nodes.stderr.contains("another host name"), "\(nodes.summary)")
    let entries = try await apache.waitForAccessLog(entries: 1)
    #expect(entries.contains { $0.target.hasPrefix("/api/v1/") }, "\(entries)")
  }

  static func resolvesToLoopback(_ name: String) -> Bool {
    var hints = addrinfo()
    hints.ai_family = AF_INET
    var result: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(name, nil, &hints, &result) == 0, let first = result else { return false }
    defer { freeaddrinfo(result) }
    return first.pointee.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
      $0.pointee.sin_addr.s_addr == inet_addr("127.0.0.1")
    }
  }
}
