import ArgumentParser
import Foundation
import OSBSKit

/// Where the Docker Engine API is and how many deletions run at once: shared by the node-disk prunes.
struct DockerEngineOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Docker Engine API: unix:///path/to.sock, tcp://host:port or http(s)://… (default: $DOCKER_HOST, then "
        + "the profile's docker.host, then unix:///var/run/docker.sock).", valueName: "url"))
  var host: String?

  @OptionGroup var confirmation: ConfirmationOptions

  /// Without it only the plan is printed.
  var confirm: Bool { confirmation.confirm }

  @Option(help: "Deletions in flight at once.")
  var parallel = 8

  func validateEngine() throws {
    if parallel < 1 || parallel > 64 { throw ValidationError("--parallel must be between 1 and 64") }
  }

  /// A client for the engine: `--host` wins, then the resolved `docker.host` setting.
  func engine<Peers>(_ context: CommandContext, _ globals: GlobalOptions<Peers>) throws -> DockerEngineClient
  {
    try context.services(globals).dockerEngine(host: host)
  }
}

/// `--until` and `--filter` for containers.
struct ContainerSelectionOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Only containers created before this: a duration ago (24h, 1h30m), a Unix timestamp or a date "
        + "(2026-11-01T00:00:00Z).", valueName: "time"))
  var until: String?

  func selection(labels: [DockerLabelFilter], now: Date) throws -> ContainerPruneSelection {
    ContainerPruneSelection(
      createdBefore: try until.map { try DockerTimeCutoff.parse($0, option: "--until", now: now) },
      labels: labels)
  }
}

/// `--unused` and `--older-than` for images.
struct ImageSelectionOptions: ParsableArguments {
  @Flag(help: "Also remove tagged images no container uses (needs --older-than).")
  var unused = false

  @Option(
    name: .customLong("older-than"),
    help: ArgumentHelp(
      "Only images created before this: a duration ago (720h), a Unix timestamp or a date.", valueName: "time"
    ))
  var olderThan: String?

  func validateImages() throws {
    if unused && olderThan == nil {
      throw ValidationError("--unused needs --older-than (such as 720h), so freshly pulled images are kept")
    }
  }

  func selection(labels: [DockerLabelFilter], now: Date) throws -> ImagePruneSelection {
    ImagePruneSelection(
      unused: unused,
      createdBefore: try olderThan.map { try DockerTimeCutoff.parse($0, option: "--older-than", now: now) },
      labels: labels)
  }
}

/// `--filter label=…` (repeatable).
struct LabelFilterOptions: ParsableArguments {
  @Option(
    name: .customLong("filter"),
    help: ArgumentHelp(
      "Only objects with (label=KEY[=VALUE]) or without (label!=KEY[=VALUE]) a label; repeat to require all.",
      valueName: "filter"))
  var filters: [String] = []

  func labels() throws -> [DockerLabelFilter] {
    try filters.map { try DockerLabelFilter(parsing: $0, option: "--filter") }
  }

  func validateLabels() throws {
    try UsageCheck.selector { _ = try labels() }
  }
}

enum UsageCheck {
  /// Turns a malformed filter or time into ArgumentParser's usage error (exit 64, with the usage line).
  static func selector(_ check: () throws -> Void) throws {
    do {
      try check()
    } catch let error as DockerSelectorError {
      throw ValidationError(error.description)
    }
  }
}

/// The shared body of the node-disk prunes: build the engine client, run, print the report.
enum NodeDiskPruneRun {
  static func execute<Peers, Formats>(
    _ context: CommandContext, globals: GlobalOptions<Peers>, output: OutputOptions<Formats>,
    engine: DockerEngineOptions,
    label: String,
    _ body: (NodeDiskPruner, PruneExecutor, NodeDiskPruner.Progress?) async throws -> PruneReport
  ) async throws -> Int32 {
    let pruner = NodeDiskPruner(engine: try engine.engine(context, globals))
    let bar = PruneProgressBar(console: context.console, label: label)
    let executor = PruneExecutor(
      parallelism: engine.parallel, stopWaiting: context.interruption.keepReportOnSecondInterrupt())
    let report = try await body(pruner, executor, bar.callback)
    bar.finish()
    return try PruneOutput.finish(report, renderer: context.renderer(output), console: context.console)
  }
}

struct PruneContainersCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "containers",
    abstract: "Remove exited and dead containers through the Docker Engine API.",
    discussion: discussion(
      """
      Talks to the engine's API directly (Docker, or podman's API service); no docker binary is needed. \
      Selects containers whose state is exited or dead, optionally only those created before --until and \
      those matching every --filter. Running containers are never removed: deletion does not force, so a \
      container started after planning is refused by the engine and reported as skipped, as is one that \
      is already gone. Sizes are the containers' writable layers as the engine reports them.
      """,
      examples: [
        HelpExample(
          "Exited containers (plan only)",
          "osbsctl prune containers"),
        HelpExample(
          "Containers exited and created over a day ago, on podman",
          "osbsctl prune containers --until 24h --host unix:///run/podman/podman.sock --confirm"),
      ]))

  @OptionGroup var engine: DockerEngineOptions
  @OptionGroup var containers: ContainerSelectionOptions
  @OptionGroup var labels: LabelFilterOptions

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesNeitherServer>

  /// The Docker Engine API, through libcurl over its socket.
  static func transfers(_ arguments: [String]) -> Bool { true }

  func validate() throws {
    try engine.validateEngine()
    try labels.validateLabels()
    try UsageCheck.selector { _ = try containers.selection(labels: [], now: Date()) }
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    try await NodeDiskPruneRun.execute(
      context, globals: globals, output: output, engine: engine, label: "containers"
    ) { pruner, executor, progress in
      let selection = try containers.selection(labels: try labels.labels(), now: pruner.now)
      return try await pruner.pruneContainers(
        selection, confirm: engine.confirm, executor: executor, progress: progress)
    }
  }
}

struct PruneImagesCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "images",
    abstract: "Remove dangling images (and with --unused, old unused ones) through the Docker Engine API.",
    discussion: discussion(
      """
      Dangling images are the untagged ones `docker images -f dangling=true` lists. With --unused \
      --older-than D, tagged images created before D that no container (running or stopped) uses go too. \
      Images a container uses are never planned; if one comes into use after planning, or has child \
      images, the engine refuses and the image is reported as skipped. Remove stopped containers first \
      (or use `prune node`), or their images stay in use.
      """,
      examples: [
        HelpExample(
          "Dangling images (plan only)",
          "osbsctl prune images"),
        HelpExample(
          "Also unused tagged images older than 30 days",
          "osbsctl prune images --unused --older-than 720h --confirm"),
      ]))

  @OptionGroup var engine: DockerEngineOptions
  @OptionGroup var images: ImageSelectionOptions
  @OptionGroup var labels: LabelFilterOptions

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesNeitherServer>

  /// The Docker Engine API, through libcurl over its socket.
  static func transfers(_ arguments: [String]) -> Bool { true }

  func validate() throws {
    try engine.validateEngine()
    try images.validateImages()
    try labels.validateLabels()
    try UsageCheck.selector { _ = try images.selection(labels: [], now: Date()) }
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    try await NodeDiskPruneRun.execute(
      context, globals: globals, output: output, engine: engine, label: "images"
    ) { pruner, executor, progress in
      let selection = try images.selection(labels: try labels.labels(), now: pruner.now)
      return try await pruner.pruneImages(
        selection, confirm: engine.confirm, executor: executor, progress: progress)
    }
  }
}

struct PruneNodeCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "node",
    abstract: "Remove exited containers, then the images left unused, in one run with one report.",
    discussion: discussion(
      """
      The runbook's two clean-up loops in one command: `prune containers`, then `prune images` with \
      the images those containers used counted as free. Both plans are made before anything is deleted. \
      --filter applies to containers and images alike; --until to containers; --unused and --older-than \
      to images.
      """,
      examples: [
        HelpExample(
          "Exited containers and dangling images on this node (plan only)",
          "osbsctl prune node"),
        HelpExample(
          "Also unused images older than 30 days",
          "osbsctl prune node --unused --older-than 720h --confirm"),
      ]))

  @OptionGroup var selection: NodeDiskPruneOptions

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesNeitherServer>

  /// The Docker Engine API, through libcurl over its socket.
  static func transfers(_ arguments: [String]) -> Bool { true }

  func execute(_ context: CommandContext) async throws -> Int32 {
    try await NodeDiskPruneRun.execute(
      context, globals: globals, output: output, engine: selection.engine, label: "node"
    ) { pruner, executor, progress in
      let (containers, images) = try selection.selections(now: pruner.now)
      return try await pruner.pruneNode(
        containers: containers, images: images, confirm: selection.engine.confirm,
        executor: executor, progress: progress)
    }
  }
}

/// Everything `prune node` selects on the engine, and where the engine is; `prune all` shares it.
struct NodeDiskPruneOptions: ParsableArguments {
  @OptionGroup var engine: DockerEngineOptions
  @OptionGroup var containers: ContainerSelectionOptions
  @OptionGroup var images: ImageSelectionOptions
  @OptionGroup var labels: LabelFilterOptions

  func validate() throws {
    try engine.validateEngine()
    try images.validateImages()
    try labels.validateLabels()
    try UsageCheck.selector { _ = try selections(now: Date()) }
  }

  /// The container and image selections, with `--filter` applied to both.
  func selections(now: Date) throws -> (ContainerPruneSelection, ImagePruneSelection) {
    let labelFilters = try labels.labels()
    return (
      try containers.selection(labels: labelFilters, now: now),
      try images.selection(labels: labelFilters, now: now)
    )
  }
}
