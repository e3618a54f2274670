import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

/// Real kubectl with a bearer token over TLS, the way a cluster is reached in production: kubectl sends
/// credentials only over https, so the sandbox (plain http) sits behind Debian's Apache, which ends TLS
/// with a throwaway CA's certificate and passes the `Authorization` header through to the sandbox,
/// where the token is checked (`requireToken`).
@Suite("Real kubectl with a token over TLS")
struct KubectlTokenTLSTests {
  struct Fixture {
    let sandbox: KubectlSandbox
    let apache: ApacheServer
    let ca: ThrowawayCA

    /// Writes the kubeconfig kubectl reads; `caPath` nil leaves the server certificate unverifiable.
    func writeKubeconfig(token: String, caPath: String?) throws {
      let authority = caPath.map { "\n    certificate-authority: \"\($0)\"" } ?? ""
      let text = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: sandbox-tls
          cluster:
            server: "\(apache.baseURL)"\(authority)
        users:
        - name: builder
          user:
            token: "\(token)"
        contexts:
        - name: sandbox-tls
          context:
            cluster: sandbox-tls
            user: builder
            namespace: osbs
        current-context: sandbox-tls

        """
      try Data(text.utf8).write(to: sandbox.home.appendingPathComponent("kubeconfig"))
    }
  }

  func withFixture(_ body: (Fixture) async throws -> Void) async throws {
    try await KubectlSandbox.run(OpenShiftCluster.Configuration(requireToken: true)) { sandbox in
      let directory = try TemporaryDirectory(prefix: "kubectl-tls")
      defer { try? FileManager.default.removeItem(at: directory.url) }
      let ca = try await ThrowawayCA.make(in: directory)
      let backend = try #require(URL(string: sandbox.client.baseURL)).absoluteString
      let apache = try await ApacheServer.start(
        .reverseProxy(ApacheServer.ReverseProxy(backend: backend, tls: ca)), largeFileSize: 1)
      defer { apache.stop() }
      try await body(Fixture(sandbox: sandbox, apache: apache, ca: ca))
    }
  }

  @Test func theRightTokenOverVerifiedTLSListsAndCordons() async throws {
    try await withFixture { fixture in
      try fixture.writeKubeconfig(
        token: fixture.sandbox.cluster.configuration.token, caPath: fixture.ca.certificatePath)
      var run = try await fixture.sandbox.kubectl("get", "nodes", "-o", "name")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout == "node/osbs-node01\nnode/osbs-node02\nnode/osbs-node03\n")

      run = try await fixture.sandbox.kubectl("cordon", "osbs-node03")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout == "node/osbs-node03 cordoned\n")
      #expect(try await fixture.sandbox.client.node(named: "osbs-node03").isSchedulable == false)

      // The requests reached the sandbox through Apache's TLS side; the sandbox, which refuses a missing
      // or wrong token (the next test), accepted them, so the token went through.
      let requests = await fixture.sandbox.server.journal.all
      #expect(requests.contains { $0.method == "GET" && $0.path == "/api/v1/nodes" })
      #expect(requests.contains { $0.method == "PATCH" && $0.path == "/api/v1/nodes/osbs-node03" })
    }
  }

  @Test func aWrongTokenIsRefusedWithTheServersUnauthorized() async throws {
    try await withFixture { fixture in
      try fixture.writeKubeconfig(token: "not-the-token", caPath: fixture.ca.certificatePath)
      let run = try await fixture.sandbox.kubectl("get", "nodes", "-o", "name")
      #expect(run.status == 1)
      #expect(run.stdout.isEmpty)
      // kubectl's discovery meets the 401 first and words it as client-go does for real clusters.
      #expect(run.stderr.contains("error: You must be logged in to the server ("), "\(run.stderr)")
      #expect(!run.stderr.contains("not-the-token"))
      let raw = try await fixture.sandbox.kubectl("get", "--raw", "/api/v1/nodes")
      #expect(raw.status == 1)
      // Without discovery in the way, kubectl quotes the message of the Status the server sent.
      #expect(raw.stderr == "error: You must be logged in to the server (Unauthorized)\n", "\(raw.stderr)")
      #expect(!run.stderr.contains("not-the-token"))
    }
  }

  @Test func withoutTheCAKubectlRefusesTheCertificateAndSendsNothing() async throws {
    try await withFixture { fixture in
      try fixture.writeKubeconfig(token: fixture.sandbox.cluster.configuration.token, caPath: nil)
      let run = try await fixture.sandbox.kubectl("get", "nodes", "-o", "name")
      #expect(run.status == 1)
      #expect(run.stderr.contains("x509: certificate signed by unknown authority"), "\(run.stderr)")
      #expect(await fixture.sandbox.server.journal.all.isEmpty)
    }
  }
}
