import ArgumentParser
import Foundation
import OSBSKit

/// Developer tools that exercise one layer directly; hidden from the everyday help.
struct DebugCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "debug",
    abstract: "Low-level tools for diagnosing osbsctl itself.",
    shouldDisplay: false,
    subcommands: [DebugFetchCommand.self])
}

/// Streams one URL's body to stdout through the transport, the way every client's traffic flows.
struct DebugFetchCommand: OSBSCtlCommand {
  static let configuration = CommandConfiguration(
    commandName: "fetch",
    abstract: "Stream a URL's body to stdout through osbsctl's HTTP transport.")

  @Argument(help: "http or https URL.")
  var url: String

  @Option(help: "CA certificate (PEM) to verify the server with.")
  var cacert: String?

  @Option(help: "Client certificate (PEM); may hold the key too.")
  var cert: String?

  @Option(help: "Client private key (PEM).")
  var key: String?

  @Flag(help: "Authenticate with Kerberos (SPNEGO) using the current ticket cache.")
  var negotiate = false

  @Option(help: "Read a bearer token from this file.")
  var tokenFile: String?

  @Option(help: "Talk HTTP over this unix-domain socket.")
  var unixSocket: String?

  @Flag(help: "Do not verify the server's certificate (unsafe).")
  var insecure = false

  @OptionGroup var globals: GlobalOptions<UsesNeitherServer>

  /// Its one job is a transfer.
  static func transfers(_ arguments: [String]) -> Bool { true }

  func execute(_ context: CommandContext) async throws -> Int32 {
    var configuration = try clientConfiguration(context)
    configuration.transport = context.transport
    let client = try HTTPClient(configuration: configuration)
    let response = try await client.stream(HTTPRequest(url: url))
    for try await chunk in response.body {
      context.console.stdout.write(chunk)
    }
    return ExitStatus.success
  }

  private func clientConfiguration(_ context: CommandContext) throws -> HTTPClientConfiguration {
    var auth = HTTPAuth.none
    if negotiate {
      auth = .negotiate
    } else if let tokenFile {
      let token = try String(contentsOfFile: tokenFile, encoding: .utf8)
      auth = .bearer(token.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return HTTPClientConfiguration(
      tls: TLSOptions(
        caCertificate: cacert.map(PEMSource.file), clientCertificate: cert.map(PEMSource.file),
        clientKey: key.map(PEMSource.file), insecureSkipVerify: insecure),
      auth: auth, timeouts: HTTPTimeouts(connect: .seconds(30), total: nil, idle: .seconds(120)),
      unixSocketPath: unixSocket, diagnostics: context.httpDiagnostics)
  }
}
