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
      ]))

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions

  func execute(_ context: CommandContext) async throws -> Int32 {
    let report = VersionReport(version: OSBSCtlVersion.string, libcurl: LibcurlInfo.current)
    try context.renderer(output).render(report)
    return ExitStatus.success
  }
}

extension VersionReport: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide ? ["osbsctl", "libcurl", "ssl", "features"] : ["osbsctl", "libcurl"]
  }

  func rows(wide: Bool) -> [[String]] {
    wide
      ? [[version, libcurl.version, libcurl.sslVersion ?? "-", libcurl.features.joined(separator: ",")]]
      : [[version, libcurl.version]]
  }

  var resourceNames: [String] { ["osbsctl/\(version)"] }
}
