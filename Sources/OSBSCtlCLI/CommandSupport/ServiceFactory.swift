import Foundation
import OSBSKit
import Synchronization

extension GlobalOptions {
  var configInputs: ConfigInputs {
    ConfigInputs(
      configFile: common.config, profile: common.profile, kojiConfigFile: koji.kojiConfig,
      kojiProfile: koji.kojiProfile, kubeconfig: cluster.kubeconfig, context: cluster.context,
      namespace: cluster.namespace, requestTimeout: common.requestTimeout,
      scope: Peers.scope)
  }
}

/// What one run has made from its configuration: the settings, resolved once, and the clients built
/// from them, each on first use and then reused by every part of the command.
final class RunResources: Sendable {
  private struct Made {
    var inputs: ConfigInputs
    var settings: ResolvedSettings
    var openShift: OpenShiftClient?
    var anonymousKoji: (KojiSession, KojiConnection)?
  }

  private let made = Mutex<Made?>(nil)

  /// The settings for `inputs`, resolving them (`resolve`, given the scope to read and whether this is the
  /// first resolution) only the first time, and again only when a server outside the command's declared
  /// scope is asked for after all (then with the wider scope).
  func settings(
    _ inputs: ConfigInputs, including needed: SettingsScope,
    resolve: (SettingsScope, _ first: Bool) throws -> ResolvedSettings
  ) throws -> ResolvedSettings {
    try made.withLock { made in
      var unscoped = inputs
      unscoped.scope = []
      if let made, made.inputs == unscoped, made.settings.scope.isSuperset(of: needed) {
        return made.settings
      }
      let scope = inputs.scope.union(needed).union(made?.inputs == unscoped ? made?.settings.scope ?? [] : [])
      let settings = try resolve(scope, made == nil)
      made = Made(inputs: unscoped, settings: settings)
      return settings
    }
  }

  /// The client made earlier from the same settings, or `make`'s (kept for later).
  func openShiftClient(_ make: () throws -> OpenShiftClient) throws -> OpenShiftClient {
    if let client = made.withLock({ $0?.openShift }) { return client }
    let client = try make()
    made.withLock { $0?.openShift = client }
    return client
  }

  /// The anonymous Koji session made earlier, or `make`'s (kept for later). Logged-in sessions are not
  /// kept: a command that logs out must not hand a logged-out session to a later caller.
  func anonymousKojiSession(
    _ make: () async throws -> (KojiSession, KojiConnection)
  ) async throws -> (KojiSession, KojiConnection) {
    if let session = made.withLock({ $0?.anonymousKoji }) { return session }
    let session = try await make()
    made.withLock { $0?.anonymousKoji = session }
    return session
  }
}

/// Builds the clients a command needs from the resolved configuration.
struct ServiceFactory: Sendable {
  let context: CommandContext
  let inputs: ConfigInputs

  /// The resolved configuration, resolved once per run for the servers the command declares (and again,
  /// wider, if it asks for another one's settings after all); the first resolution warns about keys of
  /// the osbsctl files it does not know.
  func settings(including needed: SettingsScope = []) throws -> ResolvedSettings {
    try context.resources.settings(inputs, including: needed) { scope, first in
      var scoped = inputs
      scoped.scope = scope
      let settings = try SettingsResolver(
        inputs: scoped, environment: context.configEnvironment ?? .current(variables: context.environment)
      ).resolve()
      if first { for warning in settings.configWarnings { context.console.warning(warning) } }
      return settings
    }
  }

  func kojiConnection() throws -> KojiConnection {
    let settings = try settings(including: .koji)
    let connection = try settings.kojiConnection()
    warnAboutExposedCredentials(settings, service: "koji")
    return connection
  }

  /// A client of the Docker Engine API: `host` (a command's `--host`) wins over the resolved `docker.host`.
  func dockerEngine(host: String?) throws -> DockerEngineClient {
    var settings = try settings()
    if let host { settings.docker.host = SourcedValue(host, source: "flag --host") }
    return try DockerEngineClient(
      connection: settings.dockerConnection(), diagnostics: context.httpDiagnostics,
      transport: context.dockerTransport)
  }

  /// Names each credential file of `service` that group or others can read (once per run and file).
  func warnAboutExposedCredentials(_ settings: ResolvedSettings, service: String) {
    for file in settings.exposedCredentials where file.service == service {
      context.warnOnce(file.warning)
    }
  }

  /// A Koji session as the profile says; logged in only when `authenticated` (reads need no login). The
  /// anonymous one is made once per run.
  func kojiSession(authenticated: Bool) async throws -> (KojiSession, KojiConnection) {
    guard authenticated else {
      return try await context.resources.anonymousKojiSession {
        try await newKojiSession(authenticated: false)
      }
    }
    return try await newKojiSession(authenticated: true)
  }

  private func newKojiSession(authenticated: Bool) async throws -> (KojiSession, KojiConnection) {
    let settings = try settings(including: .koji)
    let connection = try settings.kojiConnection()
    warnAboutExposedCredentials(settings, service: "koji")
    let configuration = KojiHubConfiguration(
      hubURL: connection.endpoint.baseURL, webURL: connection.webURL, topURL: connection.topURL,
      authentication: authenticated ? try Self.authentication(connection.login) : .anonymous,
      tls: connection.endpoint.tls,
      retry: KojiRetryPolicy(maxRetries: connection.maxRetries, interval: connection.retryInterval),
      diagnostics: context.httpDiagnostics,
      onRetry: { [context] event in context.noteRetry(event) })
    var limited = configuration
    limited.maxResponseBytes = settings.http.maxResponseBytes.value
    limited.requestTimeout = RequestTimeout.duration(settings.http)
    let hub = SecretRedactor.redact(url: connection.endpoint.baseURL)
    let limitedWait = limited.requestTimeout != nil
    limited.onSlowAnswer = { [context] call, waited in
      context.noteSlowAnswer(
        server: "the Koji hub at \(hub)", call: call, waited: waited, limited: limitedWait)
    }
    limited.transport = context.transport
    limited.offlineRetryInterval = connection.offlineRetry ? connection.offlineRetryInterval : nil
    let offlineInterval = limited.offlineRetryInterval
    limited.onOffline = { [context] call, message in
      context.noteOffline(hub: hub, call: call, message: message, interval: offlineInterval)
    }
    let session = try KojiSession(configuration: limited)
    if authenticated { try await session.login() }
    return (session, connection)
  }

  /// A typed Koji client over `kojiSession(authenticated:)`.
  func kojiClient(authenticated: Bool) async throws -> (KojiClient, KojiConnection) {
    let (session, connection) = try await kojiSession(authenticated: authenticated)
    return (KojiClient(session: session), connection)
  }

  private static func authentication(_ login: KojiLogin) throws -> KojiAuthentication {
    switch login {
    case .anonymous:
      return .anonymous
    case .ssl:
      return .certificate
    case .kerberos(let principal, let keytab):
      return .kerberos(principal: principal, keytab: keytab)
    case .password(let user, let password):
      guard let password else {
        throw KojiError.authenticationUnavailable(
          "authtype is password but no password is configured for \(user) (set password= in the koji profile)"
        )
      }
      return .password(user: user, password: password)
    }
  }
}

extension CommandContext {
  func services<Peers>(_ globals: GlobalOptions<Peers>) -> ServiceFactory {
    ServiceFactory(context: self, inputs: globals.configInputs)
  }
}

/// What a waiting user is told when a server does not answer: once per server and run, what is being
/// retried, how long it can take and what shortens it; each later try only under `--debug`.
extension CommandContext {
  func noteRetry(_ event: KojiRetryEvent) {
    let detail =
      "try \(event.attempt) of \(event.policy.maxRetries + 1) of \(event.method)"
      + "\(event.callnum.map { " (callnum \($0))" } ?? "") failed: \(event.error)"
    guard shownWarnings.firstTime("retrying koji \(event.hubURL)") else {
      if debug { console.debug(detail) }
      return
    }
    let spacing =
      event.policy.interval > .zero ? ", \(GoDuration.text(event.policy.interval)) apart" : ""
    console.warning(
      "the Koji hub at \(event.hubURL) did not answer \(event.method) (\(event.error)); retrying up to "
        + "\(event.policy.maxRetries - event.attempt + 1) more times\(spacing), for up to "
        + "\(GoDuration.text(event.longestRemainingWait)) more. To wait less, set max_retries and "
        + "retry_interval in the Koji profile, or pass --request-timeout")
  }

  /// Once per run: a server has been silent for a while (a hung server otherwise looks like a hung
  /// osbsctl).
  func noteSlowAnswer(server: String, call: String, waited: Duration, limited: Bool) {
    guard shownWarnings.firstTime("slow answer") else { return }
    console.warning(
      "still waiting for \(server) to answer \(call) (\(GoDuration.text(waited)) so far)"
        + (limited ? "" : "; pass --request-timeout to give up after a set time"))
  }

  /// Once per run: the hub says it is offline and `offline_retry` makes osbsctl wait it out.
  func noteOffline(hub: String, call: String, message: String, interval: Duration?) {
    guard shownWarnings.firstTime("koji offline") else { return }
    let every = interval.map { " every \(GoDuration.text($0))" } ?? ""
    console.warning(
      "the Koji hub at \(hub) is offline (\(message.isEmpty ? "ServerOffline" : message)) for \(call); "
        + "offline_retry is set, so osbsctl asks again\(every) until it is back (Ctrl-C stops; the task goes on)"
    )
  }

  func noteRetry(_ event: OpenShiftRetryEvent) {
    let detail =
      "try \(event.attempt) of \(event.maxAttempts) of \(event.method) \(event.url) failed: \(event.reason); "
      + "next in \(GoDuration.text(event.wait))"
    guard shownWarnings.firstTime("retrying openshift") else {
      if debug { console.debug(detail) }
      return
    }
    console.warning(
      "the OpenShift API did not answer \(event.method) \(event.url) (\(event.reason)); retrying up to "
        + "\(event.maxAttempts - event.attempt) more times with backoff, for up to "
        + "\(GoDuration.text(event.longestRemainingWait)) more. To wait less, pass --request-timeout "
        + "(or set http.requestTimeout in the osbsctl profile)")
  }
}
