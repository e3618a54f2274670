import Foundation
import OSBSKit

extension GlobalOptions {
  var configInputs: ConfigInputs {
    ConfigInputs(
      configFile: config, profile: profile, kojiConfigFile: kojiConfig, kojiProfile: kojiProfile,
      kubeconfig: kubeconfig, context: context, namespace: namespace)
  }
}

/// Builds the clients a command needs from the resolved configuration.
struct ServiceFactory: Sendable {
  let context: CommandContext
  let inputs: ConfigInputs

  func settings() throws -> ResolvedSettings {
    try SettingsResolver(inputs: inputs).resolve()
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
    let console = context.console
    let configuration = KojiHubConfiguration(
      hubURL: connection.endpoint.baseURL, webURL: connection.webURL, topURL: connection.topURL,
      authentication: authenticated ? try Self.authentication(connection.login) : .anonymous,
      tls: connection.endpoint.tls,
      retry: KojiRetryPolicy(maxRetries: connection.maxRetries, interval: connection.retryInterval),
      diagnostics: context.httpDiagnostics,
      onRetry: { event in
        console.warning(
          "try #\(event.attempt) for call \(event.callnum.map(String.init) ?? "-") (\(event.method)) failed: \(event.error)"
        )
      })
    var limited = configuration
    limited.maxResponseBytes = settings.http.maxResponseBytes.value
    limited.offlineRetryInterval = connection.offlineRetry ? connection.offlineRetryInterval : nil
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
