import Foundation
import TestSupport
import Testing

/// A server that refuses or never answers: osbsctl says once what it retries, for how long and how to
/// wait less, and `--request-timeout` (or the profile's `http.requestTimeout`) bounds the whole wait.
@Suite("waits on a dead server")
struct DeadServerWaitTests {
  /// A port nothing listens on any more: every connection is refused.
  static func refusedBaseURL() throws -> String {
    let server = try HostileHTTPServer { _ in .raw(Data()) }
    let url = server.baseURL
    server.stop()
    return url
  }

  /// A server that accepts and then says nothing for minutes.
  static func hungServer() throws -> HostileHTTPServer {
    try HostileHTTPServer { _ in .drip(head: Data(), body: Data(count: 10), interval: .seconds(120)) }
  }

  static func configure(
    _ cli: CLI, baseURL: String, maxRetries: Int, retryInterval: Int, http: String = ""
  ) throws -> [String: String] {
    let koji = try cli.write(
      "dead/koji.conf",
      """
      [dead]
      server = \(baseURL)/kojihub
      weburl = \(baseURL)/koji
      authtype = noauth
      max_retries = \(maxRetries)
      retry_interval = \(retryInterval)

      """)
    let kube = try cli.write(
      "dead/kubeconfig",
      """
      apiVersion: v1
      kind: Config
      clusters: [{name: d, cluster: {server: "\(baseURL)"}}]
      users: [{name: u, user: {}}]
      contexts: [{name: d, context: {cluster: d, user: u, namespace: ns}}]
      current-context: d

      """)
    let config = try cli.write(
      "dead/osbsctl.yaml",
      """
      defaultProfile: d
      profiles:
        d:
          koji: {profile: dead, configFile: "\(koji)"}
          openshift: {kubeconfig: "\(kube)", context: d, buildAPI: grouped}
      \(http)
      """)
    return ["OSBSCTL_CONFIG": config]
  }

  static func retryWarnings(_ result: CLIResult) -> [Substring] {
    result.stderr.split(separator: "\n").filter { $0.contains("did not answer") }
  }

  @Test func deadKojiHubIsAnnouncedOnceWithTheRealCallAndTheWayOut() async throws {
    let cli = try CLI()
    let environment = try Self.configure(
      cli, baseURL: try Self.refusedBaseURL(), maxRetries: 3, retryInterval: 1)

    let info = try await HostileServerTests.run(cli, ["task", "info", "7"], environment: environment).result
    #expect(info.exitCode == 5, "\(info.summary)")
    let warnings = Self.retryWarnings(info)
    #expect(warnings.count == 1, "\(info.stderr)")
    let warning = String(warnings.first ?? "")
    #expect(warning.contains("getTaskInfo"), "\(warning)")
    #expect(warning.contains("retrying up to 3 more times, 1s apart, for up to 2s more"), "\(warning)")
    #expect(warning.contains("max_retries") && warning.contains("--request-timeout"), "\(warning)")
    #expect(!info.stderr.contains("call -"), "\(info.stderr)")

    // A watch polls with multicalls: the warning names the calls inside, not just "multiCall".
    let watch = try await HostileServerTests.run(cli, ["task", "watch", "7"], environment: environment).result
    #expect(watch.exitCode == 5, "\(watch.summary)")
    let watchWarnings = Self.retryWarnings(watch)
    #expect(watchWarnings.count == 1, "\(watch.stderr)")
    #expect(
      !watch.stderr.contains("(multiCall)") && !watch.stderr.contains("answer multiCall "), "\(watch.stderr)")
    #expect(watchWarnings.first?.contains("getTaskInfo") == true, "\(watch.stderr)")

    // --debug shows each later try as well.
    let traced = try await HostileServerTests.run(
      cli, ["task", "info", "7", "--debug"], environment: environment
    )
    .result
    #expect(traced.stderr.contains("try 2 of 4 of multiCall(getTaskInfo"), "\(traced.stderr)")
  }

  @Test func requestTimeoutBoundsAHungKojiHub() async throws {
    let server = try Self.hungServer()
    defer { server.stop() }
    let cli = try CLI()
    // Without the timeout this would wait 30 tries of the transport's idle timeout, 20 s apart.
    let environment = try Self.configure(cli, baseURL: server.baseURL, maxRetries: 30, retryInterval: 20)
    let result = try await HostileServerTests.run(
      cli, ["task", "info", "7", "--request-timeout", "11s"], environment: environment
    ).result
    #expect(result.exitCode == 5, "\(result.summary)")
    #expect(result.stderr.contains("no answer within the request timeout of 11s"), "\(result.stderr)")
    // Silence is mentioned while it lasts (after 10 s), not only when the wait ends.
    #expect(
      result.stderr.contains(
        "still waiting for the Koji hub at \(server.baseURL)/kojihub to answer multiCall(getTaskInfo"),
      "\(result.stderr)")
  }

  /// A hub that refuses at once, tries 20 s apart, and a 3 s limit: the second try would start after the
  /// limit, so osbsctl gives up at once and says that, not that the time ran out.
  @Test func givingUpBeforeARetryPastTheTimeoutSaysSo() async throws {
    let cli = try CLI()
    let environment = try Self.configure(
      cli, baseURL: try Self.refusedBaseURL(), maxRetries: 30, retryInterval: 20)
    let result = try await HostileServerTests.run(
      cli, ["task", "info", "7", "--request-timeout", "3s"], environment: environment
    ).result
    #expect(result.exitCode == 5, "\(result.summary)")
    #expect(
      result.stderr.contains("the next try would start after the request timeout of 3s"), "\(result.stderr)")
    #expect(!result.stderr.contains("no answer within"), "\(result.stderr)")
  }

  @Test func deadOpenShiftAPIIsAnnouncedOnce() async throws {
    let cli = try CLI()
    let environment = try Self.configure(
      cli, baseURL: try Self.refusedBaseURL(), maxRetries: 0, retryInterval: 0)
    let result = try await HostileServerTests.run(cli, ["node", "list"], environment: environment).result
    #expect(result.exitCode == 5, "\(result.summary)")
    let warnings = Self.retryWarnings(result)
    #expect(warnings.count == 1, "\(result.stderr)")
    let warning = String(warnings.first ?? "")
    #expect(warning.contains("did not answer GET http"), "\(warning)")
    #expect(warning.contains("/api/v1/"), "\(warning)")
    #expect(warning.contains("more times") && warning.contains("--request-timeout"), "\(warning)")
  }

  @Test func requestTimeoutFromFlagOrProfileBoundsAHungAPI() async throws {
    let server = try Self.hungServer()
    defer { server.stop() }
    let cli = try CLI()
    let environment = try Self.configure(cli, baseURL: server.baseURL, maxRetries: 0, retryInterval: 0)
    let flagged = try await HostileServerTests.run(
      cli, ["node", "list", "--request-timeout", "1s"], environment: environment
    ).result
    #expect(flagged.exitCode == 5, "\(flagged.summary)")
    #expect(flagged.stderr.contains("request timeout of 1s"), "\(flagged.stderr)")

    let profiled = try Self.configure(
      cli, baseURL: server.baseURL, maxRetries: 0, retryInterval: 0, http: "    http: {requestTimeout: 1s}")
    let fromProfile = try await HostileServerTests.run(cli, ["node", "list"], environment: profiled).result
    #expect(fromProfile.exitCode == 5, "\(fromProfile.summary)")
    #expect(fromProfile.stderr.contains("request timeout of 1s"), "\(fromProfile.stderr)")

    let negative = try await cli.osbsctl(
      ["node", "list"], environment: environment.merging(["OSBSCTL_REQUEST_TIMEOUT": "-1s"]) { $1 })
    #expect(negative.exitCode == 64, "\(negative.summary)")
    #expect(negative.stderr.contains("OSBSCTL_REQUEST_TIMEOUT") && negative.stderr.contains("negative"))

    // Beyond what a Go duration holds: a usage error naming where it came from, not a crash (it was one:
    // the milliseconds of 1e16 seconds overflow Int64).
    for (arguments, variables, named) in [
      (["--request-timeout", "20000000000000000"], [String: String](), "--request-timeout"),
      (["--request-timeout", "1e308"], [:], "--request-timeout"),
      ([], ["OSBSCTL_REQUEST_TIMEOUT": "99999999999999999s"], "OSBSCTL_REQUEST_TIMEOUT"),
    ] {
      let long = try await cli.osbsctl(
        ["node", "list"] + arguments, environment: environment.merging(variables) { $1 })
      #expect(long.exitCode == 64, "\(long.summary)")
      #expect(long.stderr.contains(named) && long.stderr.contains("too long"), "\(long.stderr)")
    }
    let longProfile = try Self.configure(
      cli, baseURL: server.baseURL, maxRetries: 0, retryInterval: 0,
      http: "    http: {requestTimeout: 20000000000000000s}")
    let fromLongProfile = try await cli.osbsctl(["node", "list"], environment: longProfile)
    #expect(fromLongProfile.exitCode == 64, "\(fromLongProfile.summary)")
    #expect(fromLongProfile.stderr.contains("too long"), "\(fromLongProfile.stderr)")
  }
}
