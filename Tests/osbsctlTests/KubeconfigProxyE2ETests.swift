import Foundation
import TestSupport
import Testing

/// kubeconfig's `proxy-url`: every request to the cluster goes through the proxy, as kubectl sends it.
/// The sandbox stands in for the proxy (an HTTP proxy receives absolute-form requests, which it serves as
/// any HTTP/1.1 server must), and the cluster's own name (`.invalid`, RFC 2606) resolves nowhere: the
/// command works only through the proxy.
@Suite("kubeconfig proxy-url", .serialized)
struct KubeconfigProxyE2ETests {
  static func configure(_ cli: CLI, proxy: String?) throws -> [String: String] {
    try TLSVerificationCLITests.configure(
      cli, baseURL: "http://osbs-api.invalid:6443", ca: nil, proxyURL: proxy, token: "sandbox-admin-token")
  }

  @Test func requestsGoThroughTheProxyAndItsPasswordIsNeverShown() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let proxy = "http://proxyuser:proxy-s3cret@127.0.0.1:\(sandbox.ready.port)"

    let direct = try await cli.osbsctl(
      ["node", "list", "--request-timeout", "5s"], environment: try Self.configure(cli, proxy: nil))
    #expect(direct.exitCode == 5, "\(direct.summary)")

    let environment = try Self.configure(cli, proxy: proxy)
    let before = try await sandbox.journal().count { $0.path == "/api/v1/nodes" }
    let nodes = try await cli.osbsctl(["node", "list", "-o", "json"], environment: environment)
    #expect(nodes.exitCode == 0, "\(nodes.summary)")
    let names = (try nodes.json()["nodes"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    #expect(names == ["osbs-node01", "osbs-node02", "osbs-node03"], "\(nodes.stdout)")
    #expect(try await sandbox.journal().count { $0.path == "/api/v1/nodes" } > before)

    let view = try await cli.osbsctl(["config", "view", "-o", "json"], environment: environment)
    #expect(view.exitCode == 0, "\(view.summary)")
    #expect(view.stdout.contains("http://proxyuser:[REDACTED]@127.0.0.1"), "\(view.stdout)")
    for result in [nodes, view] {
      #expect(!result.stdout.contains("proxy-s3cret") && !result.stderr.contains("proxy-s3cret"))
    }
  }

  @Test func aProxyURLWithAnotherSchemeIsAConfigurationError() async throws {
    let cli = try CLI()
    let result = try await cli.osbsctl(
      ["node", "list"], environment: try Self.configure(cli, proxy: "ftp://proxy.example.org:21"))
    #expect(result.exitCode != 0, "\(result.summary)")
    #expect(result.stderr.hasPrefix("error: proxy-url ("), "\(result.stderr)")
    #expect(result.stderr.contains("must be an http, https or socks5 URL"), "\(result.stderr)")
  }
}
