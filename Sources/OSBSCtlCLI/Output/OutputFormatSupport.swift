/// The `-o` formats that mean something for a command. Any other is refused with exit 64 before the
/// command runs, as kubectl refuses an output format a command does not print.
protocol DeclaresOutputFormats {
  static var outputFormats: [OutputFormat] { get }
  var output: OutputOptions { get }
}

extension DeclaresOutputFormats {
  /// Why `-o` is refused (naming the formats the command has), or nil when the command has that format.
  var refusedOutputFormat: String? {
    guard !Self.outputFormats.contains(output.output) else { return nil }
    let names = Self.outputFormats.map(\.rawValue).joined(separator: ", ")
    return "this command has no -o \(output.output.rawValue) output; use one of: \(names)"
  }
}

extension OutputFormat {
  static let every: [OutputFormat] = allCases
  /// Streams print events as they happen: there is no table to widen and no resource list to name.
  static let streams: [OutputFormat] = [.table, .json, .yaml]
  /// Results whose table has no wide columns.
  static let noWide: [OutputFormat] = [.table, .json, .yaml, .name]
}

// The declaration of every command with `-o`, in one place.
extension TaskWatchCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.streams }
extension TaskLogsCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.streams }
extension BuildWatchCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.streams }
extension BuildLogsCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.streams }

extension BuildCancelCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.noWide }
extension BuildNodeCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.noWide }
extension TaskCancelCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.noWide }
extension NodePodsCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.noWide }
extension NodeCordonCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.noWide }
extension NodeUncordonCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.noWide }
extension NodeDrainCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.noWide }
extension ConfigViewCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.noWide }

extension ContainerBuildCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension TaskInfoCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension KojiWhoamiCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension BuildListCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension BuildGetCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension BuildForTaskCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension NodeListCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension NodeProbeCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension DoctorCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension DiskUsageCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension OVSFlowsCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension OVSCheckCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension OVSFixCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension PruneAllCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension PruneBuildsCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension PruneContainersCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension PruneImagesCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension PruneNodeCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension FleetPruneCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension FleetDiskCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension FleetOVSCheckCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension FleetProbeCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension FleetCleanupCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
extension VersionCommand: DeclaresOutputFormats { static let outputFormats = OutputFormat.every }
