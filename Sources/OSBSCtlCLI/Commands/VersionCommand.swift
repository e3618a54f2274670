import ArgumentParser
import OSBSKit

struct VersionCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "version",
    abstract: "Show osbsctl's version and the libcurl it uses (version and features).",
    discussion: discussion(
      examples: [
        HelpExample(
          "osbsctl's version and its libcurl",
          "osbsctl version"),
        HelpExample(
          "With libcurl's TLS library and features, as JSON",
          "osbsctl version -o json"),
        HelpExample(
          "osbsctl's version only, without loading libcurl (as kubectl version --client)",
          "osbsctl version --client"),
      ]))

  @Flag(help: "Only osbsctl's own version: libcurl is not loaded to ask for its version.")
  var client = false

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesNeitherServer>

  /// Asking libcurl its version loads it; `--client` does not ask.
  static func transfers(_ arguments: [String]) -> Bool { !arguments.contains("--client") }

  func execute(_ context: CommandContext) async throws -> Int32 {
    try context.renderer(output).render(Self.report(client: client))
    return ExitStatus.success
  }

  /// The one report both ways to this command print (`StartupFastPath` answers it without parsing).
  static func report(client: Bool) -> VersionReport {
    // libcurl is loaded on first use, and asking its version is such a use (a few milliseconds).
    VersionReport(version: OSBSCtlVersion.string, libcurl: client ? nil : LibcurlInfo.current)
  }
}

extension VersionReport: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide ? ["osbsctl", "libcurl", "ssl", "features"] : ["osbsctl", "libcurl"]
  }

  func rows(wide: Bool) -> [[String]] {
    let curlVersion = libcurl?.version ?? "-"
    return wide
      ? [[version, curlVersion, libcurl?.sslVersion ?? "-", libcurl?.features.joined(separator: ",") ?? "-"]]
      : [[version, curlVersion]]
  }

  var resourceNames: [String] { ["osbsctl/\(version)"] }
}
