import Foundation
import OSBSKit

extension GlobalOptions {
  var configInputs: ConfigInputs {
    ConfigInputs(
      configFile: config, profile: profile, kojiConfigFile: kojiConfig, kojiProfile: kojiProfile,
      kubeconfig: kubeconfig, context: context, namespace: namespace, requestTimeout: requestTimeout)
  }
}

/// Builds the clients a command needs from the resolved configuration.
struct ServiceFactory: Sendable {
  let context: CommandContext
  let inputs: ConfigInputs

  /// The resolved configuration; warns (once per run) about keys of the osbsctl files it does not know.
  func settings() throws -> ResolvedSettings {
    let settings = try SettingsResolver(inputs: inputs).resolve()
    for warning in settings.configWarnings { context.warnOnce(warning) }
    return settings
  }

  func kojiConnection() throws -> KojiConnection {
    let settings = try settings()
    let connection = try settings.kojiConnection()
    warnAboutExposedCredentials(settings, service: "koji")
    return connection
  }

  /// Names each credential file of `service` that group or others can read (once per run and file).
  func warnAboutExposedCredentials(_ settings: ResolvedSettings, service: String) {
    for file in settings.exposedCredentials where file.service == service {
      context.warnOnce(file.warning)
    }
  }

  /// A Koji session as the profile says; logged in only when `authenticated` (reads need no login).
  func kojiSession(authenticated: Bool) async throws -> (KojiSession, KojiConnection) {
    let settings = try settings()
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
    limited.offlineRetryInterval = connection.offlineRetry ? connection.offlineRetryInterval : nil
    let offlineInterval = limited.offlineRetryInterval
    limited.onOffline = { [context] call, message in
      context.noteOffline(hub: hub, call: call, message: message, interval: offlineInterval)
    }
    let session = try KojiSession(configuration: limited)
    if authenticated { try await session.login() }
    return (session, connection)
  }

  private static func authentication(_ login: KojiLogin) throws -> KojiAuthentication {
    switch login {
    case .anonymous:
      return .anonymous
    case .ssl:
      return .certificate
    case .kerberos(let principal, _):
      return .kerberos(principal: principal)
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
  func services(_ globals: GlobalOptions) -> ServiceFactory {
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
