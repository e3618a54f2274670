import ArgumentParser
import OSBSKit

struct KojiCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "koji", abstract: "Koji hub session tools.", subcommands: [KojiWhoamiCommand.self])
}

struct KojiWhoamiCommand: OSBSCtlOutputCommand {
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

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesKoji>

  func execute(_ context: CommandContext) async throws -> Int32 {
    let connection = try context.services(globals).kojiConnection()
    let authenticated = connection.login != .anonymous
    let (client, _) = try await context.services(globals).kojiClient(authenticated: authenticated)
    let identity = try await client.identity(profile: connection.profile)
    await client.logout()
    try context.renderer(output).render(identity)
    return ExitStatus.success
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
