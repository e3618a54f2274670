import ArgumentParser
import Foundation
import OSBSKit

extension DiskUsageReport: HumanPresentation {
  var humanNotes: [String] { notes.map { "note: \($0)" } }
}

extension DiskUsageReport: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide
      ? ["type", "total", "active", "size", "reclaimable", "size bytes", "reclaimable bytes"]
      : ["type", "total", "active", "size", "reclaimable"]
  }

  func rows(wide: Bool) -> [[String]] {
    categories.map { category in
      let title =
        switch category.type {
        case "images": "Images"
        case "containers": "Containers"
        case "volumes": "Local Volumes"
        case "buildCache": "Build Cache"
        default: category.type
        }
      let marker = category.estimated ? "~" : ""
      var reclaimable = ByteCount.format(category.reclaimableBytes)
      if category.sizeBytes > 0 {
        reclaimable +=
          " (\(Int((Double(category.reclaimableBytes) / Double(category.sizeBytes) * 100).rounded()))%)"
      }
      let row = [
        title, String(category.total), String(category.active), marker + ByteCount.format(category.sizeBytes),
        marker + reclaimable,
      ]
      return wide ? row + [String(category.sizeBytes), String(category.reclaimableBytes)] : row
    }
  }

  var resourceNames: [String] { categories.map { "disk/\($0.type)" } }
}

struct DiskCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "disk",
    abstract: "A node's container disk space, through the Docker Engine API.",
    subcommands: [DiskUsageCommand.self]
  )
}

struct DiskUsageCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "usage",
    abstract: "Summarise the engine's /system/df: images, containers, volumes, build cache, reclaimable.",
    discussion: discussion(
      """
      Like `docker system df`, from the engine's API without the docker binary. Newer engines send their \
      own totals, which are shown as they are. podman reports LayersSize 0, so image bytes are estimated \
      from per-image sizes (shared layers counted once), marked ~ in the table and listed in notes.
      """,
      examples: [
        HelpExample(
          "What images, containers and volumes take, and what is reclaimable",
          "osbsctl disk usage"),
        HelpExample(
          "Podman's engine, as JSON",
          "osbsctl disk usage --host unix:///run/podman/podman.sock -o json"),
      ]))

  @Option(
    help: ArgumentHelp(
      "Docker Engine API: unix:///path/to.sock, tcp://host:port or http(s)://… (default: $DOCKER_HOST, then "
        + "the profile's docker.host, then unix:///var/run/docker.sock).", valueName: "url"))
  var host: String?

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesNeitherServer>

  /// The Docker Engine API, through libcurl over its socket.
  static func transfers(_ arguments: [String]) -> Bool { true }

  func execute(_ context: CommandContext) async throws -> Int32 {
    var engineOptions = try DockerEngineOptions.parse([])
    engineOptions.host = host
    let engine = try engineOptions.engine(context, globals)
    let report = try await DiskUsageReport.collect(from: engine)
    try context.renderer(output).render(report)
    return ExitStatus.success
  }
}
