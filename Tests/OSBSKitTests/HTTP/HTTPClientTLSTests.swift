import Foundation
import Testing

@testable import OSBSKit

/// A throwaway CA, a server certificate for 127.0.0.1 and a client certificate, made with the openssl CLI.
struct OpenSSLTestPKI {
  let directory: URL

  init() async throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("osbs-tls-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data("subjectAltName=IP:127.0.0.1\n".utf8).write(to: file("san.ext"))
    let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    try await openssl(
      ["req", "-x509"] + key + [
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=osbs test CA",
      ])
    for (name, extra) in [("server", ["-extfile", "san.ext"]), ("client", [])] {
      try await openssl(
        ["req"] + key + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(name)"])
      try await openssl(
        [
          "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
          "-days", "1",
          "-out", "\(name).pem",
        ] + extra)
    }
    // koji's `cert` style: certificate and key in one file.
    try (Data(contentsOf: file("client.pem")) + Data(contentsOf: file("client.key"))).write(
      to: file("client-combined.pem"))
  }

  func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

  func path(_ name: String) -> String { file(name).path }

  func data(_ name: String) throws -> Data { try Data(contentsOf: file(name)) }

  private func openssl(_ arguments: [String]) async throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    // Not waitUntilExit: it spins a run loop on a cooperative thread.
    let status = await withCheckedContinuation { continuation in
      process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
      do { try process.run() } catch { continuation.resume(returning: -1) }
    }
    guard status == 0 else { throw PythonTestHTTPServer.ServerStartFailure() }
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// `openssl s_server -www` on a random loopback port; optionally demands a client certificate.
final class OpenSSLTestServer {
  let port: Int
  private let process: Process
  private let lifeline = Pipe()

  init(pki: OpenSSLTestPKI, requireClientCertificate: Bool) async throws {
    port = try HTTPTestSupport.unusedLoopbackPort()
    var command =
      "openssl s_server -accept 127.0.0.1:\(port) -cert \(pki.path("server.pem")) -key \(pki.path("server.key")) -www"
    if requireClientCertificate { command += " -Verify 1 -CAfile \(pki.path("ca.pem"))" }
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    // The server dies with the lifeline pipe, even when the test process is killed.
    process.arguments = ["-c", "\(command) </dev/null & server=$!; cat >/dev/null; kill -9 $server"]
    let output = Pipe()
    process.standardInput = lifeline
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let seen = await HTTPTestSupport.readOffPool(output.fileHandleForReading) {
      String(decoding: $0, as: UTF8.self).contains("ACCEPT")
    }
    guard String(decoding: seen, as: UTF8.self).contains("ACCEPT") else {
      throw PythonTestHTTPServer.ServerStartFailure()
    }
  }

  var url: String { "https://127.0.0.1:\(port)/" }

  func stop() { try? lifeline.fileHandleForWriting.close() }

  deinit { stop() }
}

@Suite("HTTPClient TLS against openssl s_server")
struct HTTPClientTLSTests {
  @Test("server certificates are verified against the system store, a CA file or inline CA data")
  func serverVerification() async throws {
    let pki = try await OpenSSLTestPKI()
    defer { pki.remove() }
    let server = try await OpenSSLTestServer(pki: pki, requireClientCertificate: false)
    defer { server.stop() }

    let untrusted = try await #require(throws: HTTPError.self) {
      _ = try await HTTPTestSupport.client().send(HTTPRequest(url: server.url))
    }
    guard case .tlsVerificationFailed = untrusted else {
      Issue.record("expected tlsVerificationFailed, got \(untrusted)")
      return
    }
    #expect(untrusted.description.contains("certificate-authority"))
    #expect(untrusted.description.contains(server.url))

    for ca in [PEMSource.file(pki.path("ca.pem")), .data(try pki.data("ca.pem"))] {
      let client = try HTTPTestSupport.client { $0.tls.caCertificate = ca }
      #expect(try await client.send(HTTPRequest(url: server.url)).status == 200)
    }
    let warnings = HTTPTestSupport.Recorder<String>()
    let insecure = try HTTPTestSupport.client {
      $0.tls.insecureSkipVerify = true
      $0.diagnostics.warning = { warnings.record($0) }
    }
    #expect(try await insecure.send(HTTPRequest(url: server.url)).status == 200)
    #expect(warnings.values.count == 1)
  }

  @Test("client certificates from files, a combined file or inline data; none is a classified error")
  func clientCertificates() async throws {
    let pki = try await OpenSSLTestPKI()
    defer { pki.remove() }
    let server = try await OpenSSLTestServer(pki: pki, requireClientCertificate: true)
    defer { server.stop() }
    let ca = PEMSource.file(pki.path("ca.pem"))

    let variants: [(PEMSource, PEMSource?)] = [
      (.file(pki.path("client.pem")), .file(pki.path("client.key"))),
      (.file(pki.path("client-combined.pem")), nil),
      (.data(try pki.data("client.pem")), .data(try pki.data("client.key"))),
      (.data(try pki.data("client-combined.pem")), nil),
    ]
    for (certificate, key) in variants {
      let client = try HTTPTestSupport.client {
        $0.tls = TLSOptions(caCertificate: ca, clientCertificate: certificate, clientKey: key)
      }
      #expect(
        try await client.send(HTTPRequest(url: server.url)).status == 200,
        "\(certificate) \(String(describing: key))")
    }

    let anonymous = try HTTPTestSupport.client { $0.tls.caCertificate = ca }
    let refused = try await #require(throws: HTTPError.self) {
      _ = try await anonymous.send(HTTPRequest(url: server.url))
    }
    guard case .tlsClientCertificate = refused else {
      Issue.record("expected tlsClientCertificate, got \(refused)")
      return
    }
    #expect(refused.failureKind == .authentication)

    let missing = try HTTPTestSupport.client {
      $0.tls = TLSOptions(caCertificate: ca, clientCertificate: .file(pki.path("absent.pem")))
    }
    let unreadable = try await #require(throws: HTTPError.self) {
      _ = try await missing.send(HTTPRequest(url: server.url))
    }
    guard case .tlsClientCertificate = unreadable else {
      Issue.record("expected tlsClientCertificate, got \(unreadable)")
      return
    }
  }
}
