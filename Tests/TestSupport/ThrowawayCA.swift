import Foundation

/// A certificate authority made with the `openssl` CLI for one test, with a server certificate for
/// localhost/127.0.0.1 and a client certificate (CN=alice) it signed. PEM files; keys unencrypted.
public struct ThrowawayCA: Sendable {
  public static let openssl = "/usr/bin/openssl"
  public static let clientCommonName = "alice"

  public let certificatePath: String
  public let keyPath: String
  public let serverCertificatePath: String
  public let serverKeyPath: String
  public let clientCertificatePath: String
  public let clientKeyPath: String

  public var certificatePEM: Data {
    get throws { try Data(contentsOf: URL(fileURLWithPath: certificatePath)) }
  }
  public var clientCertificatePEM: Data {
    get throws { try Data(contentsOf: URL(fileURLWithPath: clientCertificatePath)) }
  }
  public var clientKeyPEM: Data { get throws { try Data(contentsOf: URL(fileURLWithPath: clientKeyPath)) } }

  /// Makes the CA and both leaf certificates in `directory/label-*`; the server's certificate is for
  /// `serverNames` (a subjectAltName value).
  public static func make(
    in directory: TemporaryDirectory, label: String = "ca", serverNames: String = "DNS:localhost,IP:127.0.0.1"
  ) async throws -> ThrowawayCA {
    try FixtureError.requireTool(openssl, debianPackage: "openssl")
    let work = directory.url
    func path(_ suffix: String) -> String { directory.file("\(label)-\(suffix)") }
    let ca = ThrowawayCA(
      certificatePath: path("ca.pem"), keyPath: path("ca.key"),
      serverCertificatePath: path("server.pem"), serverKeyPath: path("server.key"),
      clientCertificatePath: path("client.pem"), clientKeyPath: path("client.key"))

    let keyOptions = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    try await ChildProcess.run(
      openssl,
      ["req", "-x509"] + keyOptions + [
        "-keyout", ca.keyPath, "-out", ca.certificatePath, "-days", "2",
        "-subj", "/O=osbsctl tests/CN=Throwaway CA \(label)",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
      ], workDirectory: work)

    let leaves: [(name: String, subject: String, extensions: String, serial: String)] = [
      (
        "server", "/CN=localhost",
        "subjectAltName=\(serverNames)\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n",
        "1001"
      ),
      (
        "client", "/CN=\(clientCommonName)",
        "extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n", "1002"
      ),
    ]
    for leaf in leaves {
      let request = path("\(leaf.name).csr")
      let extensions = path("\(leaf.name).ext")
      try Data(leaf.extensions.utf8).write(to: URL(fileURLWithPath: extensions))
      try await ChildProcess.run(
        openssl,
        ["req"] + keyOptions + [
          "-keyout", path("\(leaf.name).key"), "-out", request, "-subj", leaf.subject,
        ], workDirectory: work)
      try await ChildProcess.run(
        openssl,
        [
          "x509", "-req", "-in", request, "-CA", ca.certificatePath, "-CAkey", ca.keyPath,
          "-set_serial", leaf.serial, "-days", "2", "-extfile", extensions,
          "-out", path("\(leaf.name).pem"),
        ], workDirectory: work)
    }
    return ca
  }
}
