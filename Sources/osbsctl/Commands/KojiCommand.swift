import ArgumentParser
import OSBSKit

struct KojiCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "koji", abstract: "Koji hub session tools.", subcommands: [KojiWhoamiCommand.self])
}

struct KojiWhoamiCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "whoami", abstract: "Log in as the profile says and show who the hub thinks you are.",
    discussion: discussion(
      examples: [
        HelpExample(
          "Log in as the default profile says",
          "osbsctl koji whoami"),
        HelpExample(
          "With another Koji profile",
          "osbsctl koji whoami --koji-profile stg"),
      ]))

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals, output: output) { context in
      let connection = try context.services(command.globals).kojiConnection()
      let authenticated = connection.login != .anonymous
      let (session, _) = try await context.services(command.globals).kojiSession(authenticated: authenticated)
      let results = try await session.multiCall([XMLRPCCall("getLoggedInUser"), XMLRPCCall("getPerms")])
      await session.logout()
      let user = try results[0].get()
      let identity = KojiIdentity(
        hub: connection.endpoint.baseURL, profile: connection.profile, user: user["name"]?.stringValue,
        userID: user["id"]?.intValue.map(Int.init),
        authentication: user.isNull
          ? "anonymous" : KojiIdentity.authenticationName(user["authtype"]?.intValue),
        kerberosPrincipal: user["krb_principal"]?.stringValue,
        permissions: ((try? results[1].get())?.arrayValue ?? []).compactMap(\.stringValue))
      try context.renderer(command.output).render(identity)
      return ExitStatus.success
    }
  }
}

extension KojiIdentity: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide ? ["user", "authentication", "profile", "hub", "permissions"] : ["user", "authentication", "hub"]
  }

  func rows(wide: Bool) -> [[String]] {
    let base = [user ?? "(anonymous)", authentication]
    return wide ? [base + [profile, hub, permissions.joined(separator: ",")]] : [base + [hub]]
  }

  var resourceNames: [String] { user.map { ["user/\($0)"] } ?? [] }
}
