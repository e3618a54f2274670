import Foundation
import TestSupport
import Testing

/// The real commands against a server that misbehaves on purpose: each reply maps to one typed error line
/// and a documented exit code, never a crash (exit by signal) or a hang.
@Suite("Hostile servers")
struct HostileServerTests {
  /// One way a server can misbehave, with the exit codes the commands may answer it with.
  struct Misbehaviour: Sendable, CustomTestStringConvertible {
    var name: String
    var reply: HostileHTTPServer.Reply
    /// Allowed exit codes (5: malformed reply or unavailable; 3: the reply says "no such thing").
    var exits: Set<Int32>
    /// Text the error line must contain.
    var mentions: String? = nil
    /// Commands (first two words) for which this reply is not an error or not worth the wait.
    var skip: Set<String> = []
    var testDescription: String { name }
  }

  /// The commands each protocol's misbehaviours are tried on; a new command is one line here.
  static let kojiCommands: [[String]] = [
    ["task", "info", "1"], ["task", "watch", "1"], ["task", "logs", "1"], ["koji", "whoami"],
  ]
  static let openShiftCommands: [[String]] = [
    ["build", "list"], ["build", "get", "b-1"], ["build", "logs", "b-1"], ["node", "list"],
    ["node", "cordon", "n1", "--confirm"],
  ]

  static func xml(_ text: String) -> Data { Data(#"<?xml version="1.0"?>"#.utf8) + Data(text.utf8) }

  static func xmlReply(_ body: Data) -> HostileHTTPServer.Reply {
    .complete(contentType: "text/xml", body: body)
  }

  static func jsonReply(_ text: String, status: Int = 200) -> HostileHTTPServer.Reply {
    .complete(status: status, reason: "X", contentType: "application/json", body: Data(text.utf8))
  }

  static let proxyPage = HostileHTTPServer.Reply.complete(
    status: 502, reason: "Bad Gateway", contentType: "text/html",
    body: Data(
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        .utf8))

  static let lyingLength = HostileHTTPServer.Reply.raw(
    HostileHTTPServer.Reply.head(
      status: 200, reason: "OK", headers: ["Content-Type: application/json", "Content-Length: 2147483648"]))

  static func truncated(_ contentType: String, _ start: String) -> HostileHTTPServer.Reply {
    .raw(
      HostileHTTPServer.Reply.head(
        status: 200, reason: "OK", headers: ["Content-Type: \(contentType)", "Content-Length: 4000"])
        + Data(start.utf8))
  }

  static let kojiMisbehaviours: [Misbehaviour] = [
    Misbehaviour(
      name: "koji truncated body",
      reply: truncated("text/xml", #"<?xml version="1.0"?><methodResponse><params><param><value><struct>"#),
      exits: [5]),
    Misbehaviour(
      name: "koji wrong types",
      reply: xmlReply(
        xml(
          "<methodResponse><params><param><value><struct><member><name>id</name><value><string>one</string></value></member><member><name>state</name><value><string>open</string></value></member><member><name>method</name><value><int>7</int></value></member></struct></value></param></params></methodResponse>"
        )), exits: [5]),
    Misbehaviour(
      name: "koji missing fields",
      reply: xmlReply(
        xml(
          "<methodResponse><params><param><value><struct></struct></value></param></params></methodResponse>")
      ),
      exits: [5]),
    Misbehaviour(
      name: "koji null result",
      reply: xmlReply(
        xml("<methodResponse><params><param><value><nil/></value></param></params></methodResponse>")),
      exits: [3, 5]),
    Misbehaviour(
      name: "koji 2 GB Content-Length, no body", reply: lyingLength, exits: [5], mentions: "limit"),
    Misbehaviour(
      name: "koji invalid UTF-8",
      reply: xmlReply(
        xml("<methodResponse><params><param><value><string>") + Data([0xC3, 0x28, 0xFF, 0xFE])
          + Data("</string></value></param></params></methodResponse>".utf8)), exits: [5]),
    Misbehaviour(
      name: "koji fault without faultCode",
      reply: xmlReply(
        xml(
          "<methodResponse><fault><value><struct><member><name>faultString</name><value><string>boom</string></value></member></struct></value></fault></methodResponse>"
        )), exits: [5]),
    Misbehaviour(name: "koji proxy HTML 502", reply: proxyPage, exits: [5], mentions: "502 Bad Gateway"),
    Misbehaviour(
      name: "koji nesting 100k deep",
      reply: xmlReply(
        xml(
          "<methodResponse><params><param>" + String(repeating: "<value><array><data>", count: 100_000)
            + String(repeating: "</data></array></value>", count: 100_000)
            + "</param></params></methodResponse>")),
      exits: [5]),
  ]

  /// A 200 reply is a build log whatever its bytes (a log is free text); and a stream the server keeps
  /// cutting is retried with backoff (`OpenShiftClientOptions.maxReconnectFailures`, about two minutes).
  static let bodyIsLogText: Set<String> = ["build logs"]

  static let openShiftMisbehaviours: [Misbehaviour] = [
    Misbehaviour(
      name: "openshift truncated body",
      reply: truncated("application/json", #"{"kind":"List","items":[{"metadata"#),
      exits: [5], skip: bodyIsLogText),
    Misbehaviour(
      name: "openshift wrong types",
      reply: jsonReply(
        #"{"kind":"List","metadata":{"name":7},"items":[{"metadata":{"name":5}}],"spec":"x","status":3}"#),
      exits: [5], skip: bodyIsLogText),
    Misbehaviour(
      name: "openshift missing fields", reply: jsonReply(#"{"items":[{}]}"#), exits: [5], skip: bodyIsLogText),
    Misbehaviour(
      name: "openshift null everywhere", reply: jsonReply("null"), exits: [5], skip: bodyIsLogText),
    Misbehaviour(
      name: "openshift 2 GB Content-Length, no body", reply: lyingLength, exits: [5], mentions: "limit",
      skip: bodyIsLogText),
    Misbehaviour(
      name: "openshift invalid UTF-8",
      reply: .complete(
        contentType: "application/json",
        // Where it is read: a field nobody decodes may hold anything (Foundation checks lazily).
        body: Data(#"{"kind":"List","metadata":{"name":""#.utf8) + Data([0xC3, 0x28, 0xFF])
          + Data(#""},"items":[{"metadata":{"name":""#.utf8) + Data([0xC3, 0x28, 0xFF]) + Data(#""}}]}"#.utf8)
      ),
      exits: [5], skip: bodyIsLogText),
    Misbehaviour(
      name: "openshift Status with unknown fields",
      reply: jsonReply(
        #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"it is not there","reason":"NotFound","code":404,"details":{"frobnicate":[1,{"x":null}]},"futureField":true}"#,
        status: 404), exits: [3], mentions: "it is not there"),
    Misbehaviour(name: "openshift proxy HTML 502", reply: proxyPage, exits: [5], mentions: "502 Bad Gateway"),
    Misbehaviour(
      name: "openshift nesting 100k deep",
      reply: jsonReply(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)),
      exits: [5], skip: bodyIsLogText),
  ]

  /// Config files pointing osbsctl's Koji profile and kubeconfig at `server`.
  static func configure(_ cli: CLI, server: HostileHTTPServer) throws -> [String: String] {
    let koji = try cli.write(
      "hostile/koji.conf",
      """
      [hostile]
      server = \(server.baseURL)/kojihub
      weburl = \(server.baseURL)/koji
      topurl = \(server.baseURL)/kojifiles
      authtype = password
      user = someone
      password = hostile-password
      max_retries = 0
      retry_interval = 0

      """)
    let kube = try cli.write(
      "hostile/kubeconfig",
      """
      apiVersion: v1
      kind: Config
      clusters: [{name: h, cluster: {server: "\(server.baseURL)"}}]
      users: [{name: u, user: {token: hostile-token}}]
      contexts: [{name: h, context: {cluster: h, user: u, namespace: ns}}]
      current-context: h

      """)
    for path in [koji, kube] {
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
    let config = try cli.write(
      "hostile/osbsctl.yaml",
      """
      defaultProfile: h
      profiles:
        h:
          koji: {profile: hostile, configFile: "\(koji)"}
          openshift: {kubeconfig: "\(kube)", context: h, buildAPI: grouped}

      """)
    return ["OSBSCTL_CONFIG": config]
  }

  /// Runs osbsctl, killing it (and failing) if it does not finish within `limit`: a hang is a failure too.
  static func run(
    _ cli: CLI, _ arguments: [String], environment: [String: String], limit: Duration = .seconds(90)
  )
    async throws -> (result: CLIResult, signal: Int32?)
  {
    let running = try RunningCLI(cli, arguments, environment: environment)
    let deadline = ContinuousClock.now + limit
    while running.child.exitedTermination() == nil {
      if ContinuousClock.now > deadline {
        _ = running.child.stop(grace: .seconds(1))
        Issue.record("\(arguments) did not finish: a hang")
        break
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    let termination = await running.child.waitForExit()
    return (
      CLIResult(exitCode: termination.exitCode, stdout: running.stdout, stderr: running.stderr),
      termination.signal
    )
  }

  static func check(_ misbehaviour: Misbehaviour, commands: [[String]]) async throws {
    let server = try HostileHTTPServer { _ in misbehaviour.reply }
    defer { server.stop() }
    let cli = try CLI()
    let environment = try configure(cli, server: server)
    for command in commands where !misbehaviour.skip.contains(command.prefix(2).joined(separator: " ")) {
      let (result, signal) = try await run(cli, command, environment: environment)
      let label = "\(command.joined(separator: " ")): \(result.summary)"
      #expect(signal == nil, "killed by signal: \(label)")
      #expect(result.exitCode.map(misbehaviour.exits.contains) == true, "\(label)")
      let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
      #expect(errors.count == 1, "one error line: \(label)")
      if let mentions = misbehaviour.mentions {
        #expect(errors.first?.contains(mentions) == true, "\(label)")
      }
      #expect(!result.stderr.contains("<html"), "markup in the message: \(label)")
      #expect(!result.stderr.contains("hostile-password") && !result.stderr.contains("hostile-token"))
    }
    #expect(!server.requests.isEmpty)
  }

  @Test(arguments: kojiMisbehaviours)
  func koji(_ misbehaviour: Misbehaviour) async throws {
    try await Self.check(misbehaviour, commands: Self.kojiCommands)
  }

  @Test(arguments: openShiftMisbehaviours)
  func openShift(_ misbehaviour: Misbehaviour) async throws {
    try await Self.check(misbehaviour, commands: Self.openShiftCommands)
  }

  /// The cap is configurable: `$OSBSCTL_MAX_RESPONSE_BYTES` (or `http.maxResponseBytes` in the profile).
  @Test func configuredCapApplies() async throws {
    let nodes = #"{"kind":"NodeList","metadata":{},"items":[]}"# + String(repeating: " ", count: 5000)
    let server = try HostileHTTPServer { _ in Self.jsonReply(nodes) }
    defer { server.stop() }
    let cli = try CLI()
    let environment = try Self.configure(cli, server: server)
    let fits = try await cli.osbsctl(["node", "list"], environment: environment)
    #expect(fits.exitCode == 0, "\(fits.summary)")
    let capped = try await cli.osbsctl(
      ["node", "list"], environment: environment.merging(["OSBSCTL_MAX_RESPONSE_BYTES": "4KiB"]) { $1 })
    #expect(capped.exitCode == 5, "\(capped.summary)")
    #expect(capped.stderr.contains("limit of 4096 bytes") && capped.stderr.contains("/api/v1/nodes"))
    let bad = try await cli.osbsctl(
      ["node", "list"], environment: environment.merging(["OSBSCTL_MAX_RESPONSE_BYTES": "huge"]) { $1 })
    #expect(bad.exitCode == 64, "\(bad.summary)")
  }
}
