import ArgumentParser
import Foundation
import OSBSKit

struct BuildCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract:
      "List, inspect, follow and cancel builds (OpenShift Builds and Tekton PipelineRuns); find their nodes.",
    subcommands: [
      BuildListCommand.self, BuildGetCommand.self, BuildLogsCommand.self, BuildWatchCommand.self,
      BuildCancelCommand.self, BuildNodeCommand.self, BuildForTaskCommand.self,
    ])
}

extension BuildCancelReport {
  /// kubectl's wording: `build/X cancelled`, or why it was not.
  static func line(_ outcome: Outcome) -> String {
    var what = outcome.cancelled ? "cancelled" : "already finished (\(outcome.phase ?? "?"))"
    if let value = outcome.cancelValue { what += " (spec.status \(value))" }
    return "\((outcome.kind ?? "Build").lowercased())/\(outcome.build) \(what)"
  }
}

extension ServiceFactory {
  /// A client of the profile's OpenShift cluster (kubeconfig, context and namespace as resolved), made
  /// once per run.
  func openShiftClient() throws -> OpenShiftClient {
    try context.resources.openShiftClient(newOpenShiftClient)
  }

  private func newOpenShiftClient() throws -> OpenShiftClient {
    let settings = try settings(including: .openShift)
    let connection = try settings.openShiftConnection()
    warnAboutExposedCredentials(settings, service: "openshift")
    var options = OpenShiftClientOptions()
    options.requestTimeout = RequestTimeout.duration(settings.http)
    options.onRetry = { [context] event in context.noteRetry(event) }
    let limitedWait = options.requestTimeout != nil
    options.onSlowAnswer = { [context] method, url, waited in
      context.noteSlowAnswer(
        server: "the OpenShift API", call: "\(method) \(url)", waited: waited, limited: limitedWait)
    }
    return try OpenShiftClient(
      connection: connection, options: options, diagnostics: context.httpDiagnostics,
      userAgent: "osbsctl/\(OSBSCtlVersion.string)", maxResponseBytes: settings.http.maxResponseBytes.value,
      transport: context.transport)
  }
}

/// kubectl-style short durations: `45s`, `3m20s`, `17m`, `5h12m`, `30h`, `3d4h`, `30d`, `2y`.
enum HumanDuration {
  static func format(seconds: Int64) -> String { UTCTime.humanDuration(seconds: seconds) }

  /// Age of an RFC 3339 stamp, or `<unknown>`.
  static func age(of stamp: String?, now: Date = Date()) -> String {
    guard let stamp, let date = UTCTime.date(rfc3339: stamp) else { return "<unknown>" }
    return format(seconds: Int64(now.timeIntervalSince(date)))
  }
}

/// `-A` and the namespace: `-n` is a global option that already chose the client's namespace.
struct NamespaceOptions: ParsableArguments {
  @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Builds in every namespace.")
  var allNamespaces = false

  var scope: NamespaceScope { allNamespaces ? .all : .current }
}

extension BuildKind: ExpressibleByArgument {
  public static var allValueStrings: [String] { allCases.map(\.resourceWord) }
  public var defaultValueDescription: String { resourceWord }
}

/// `--kind`: which object a build name means; by default whichever exists (a Build first).
struct BuildKindOptions: ParsableArguments {
  @Option(
    name: .customLong("kind"),
    help: ArgumentHelp(
      "build (OSBS 1 OpenShift Build) or pipelinerun (OSBS 2 Tekton PipelineRun); default: detect.",
      valueName: "kind"))
  var kind: BuildKind?
}

extension BuildSummary: TablePresentable, TableFootnotes {
  static func columns(wide: Bool) -> [String] {
    wide
      ? [
        "namespace", "name", "status", "koji-task", "node", "age", "started", "duration", "buildconfig",
        "pod",
      ]
      : ["name", "status", "koji-task", "node", "age", "duration"]
  }

  var statusText: String {
    guard let reason, !reason.isEmpty, phase != reason else { return phase }
    return "\(phase) (\(reason))"
  }

  func rows(wide: Bool) -> [[String]] {
    let duration = durationSeconds.map { HumanDuration.format(seconds: $0) } ?? "-"
    let head = [
      name, statusText, kojiTaskID.map(String.init) ?? "-", nodeName ?? "-", HumanDuration.age(of: created),
    ]
    guard wide else { return [head + [duration]] }
    return [[namespace ?? "-"] + head + [started ?? "-", duration, buildConfig ?? "-", podName ?? "-"]]
  }

  var resourceNames: [String] { ["\(kind.lowercased())/\(name)"] }

  /// Under one build's table: why it failed and the end of its log, as an admin reads them first.
  var footnotes: [String] {
    var lines: [String] = []
    if let message, !message.isEmpty { lines.append("Message: \(message)") }
    if let outputImage { lines.append("Image: \(outputImage)") }
    for host in buildHosts ?? [] { lines.append("Build host (\(host.arch)): \(host.buildHost)") }
    if let logSnippet, !logSnippet.isEmpty {
      lines.append("Log snippet:")
      lines += logSnippet.lines(omittingEmpty: false).map { "  \($0)" }
    }
    return lines
  }
}

/// Every form of `build list`: an empty list is said, not shown.
protocol BuildListPresentation: HumanPresentation {
  var builds: [BuildSummary] { get }
}

extension BuildListPresentation {
  var emptyMessage: String? { builds.isEmpty ? "No builds found." : nil }
}

extension BuildListReport: BuildListPresentation {}
extension BuildListWithKinds: BuildListPresentation {
  var builds: [BuildSummary] { report.builds }
}
extension BuildListAcrossNamespaces: BuildListPresentation {
  var builds: [BuildSummary] { report.builds }
}
extension BuildListWithKindsAcrossNamespaces: BuildListPresentation {
  var builds: [BuildSummary] { report.builds }
}

extension BuildListReport: TablePresentable {
  static func columns(wide: Bool) -> [String] { BuildSummary.columns(wide: wide) }
  func rows(wide: Bool) -> [[String]] { builds.flatMap { $0.rows(wide: wide) } }
  var resourceNames: [String] { builds.flatMap(\.resourceNames) }

  /// Whether the table needs a KIND column: some entry is a PipelineRun.
  var mixesKinds: Bool { builds.contains { $0.kind != BuildKind.build.rawValue } }
}

/// `build list` with PipelineRuns in it: a KIND column before the name (and the namespace with -A).
struct BuildListWithKinds: Encodable, TablePresentable {
  var report: BuildListReport

  func encode(to encoder: any Encoder) throws { try report.encode(to: encoder) }

  static func columns(wide: Bool) -> [String] { ["kind"] + BuildSummary.columns(wide: wide) }
  func rows(wide: Bool) -> [[String]] {
    report.builds.flatMap { build in build.rows(wide: wide).map { [build.kind] + $0 } }
  }
  var resourceNames: [String] { report.resourceNames }
}

/// `build list -A` with PipelineRuns in it.
struct BuildListWithKindsAcrossNamespaces: Encodable, TablePresentable {
  var report: BuildListReport

  func encode(to encoder: any Encoder) throws { try report.encode(to: encoder) }

  static func columns(wide: Bool) -> [String] {
    ["kind"] + BuildListAcrossNamespaces.columns(wide: wide)
  }
  func rows(wide: Bool) -> [[String]] {
    report.builds.flatMap { build in
      BuildListAcrossNamespaces(report: BuildListReport(builds: [build])).rows(wide: wide).map {
        [build.kind] + $0
      }
    }
  }
  var resourceNames: [String] { BuildListAcrossNamespaces(report: report).resourceNames }
}

struct BuildListCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List builds and PipelineRuns (newest first), page by page from the server.",
    discussion: discussion(
      examples: [
        HelpExample(
          "Builds still running, in every namespace",
          "osbsctl build list -A --running"),
        HelpExample(
          "The builds of one Koji task",
          "osbsctl build list -l koji-task-id=123456"),
        HelpExample(
          "Only the names, for a script",
          "osbsctl build list -o name"),
        HelpExample(
          "Only OSBS 2 Tekton PipelineRuns",
          "osbsctl build list --kind pipelinerun"),
      ]))

  @OptionGroup var namespaces: NamespaceOptions

  @Flag(help: "Only builds not yet finished (New, Pending, Running).")
  var running = false

  @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector, e.g. koji-task-id=123.")
  var selector: String?

  @OptionGroup var kinds: BuildKindOptions

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func execute(_ context: CommandContext) async throws -> Int32 {
    let client = try context.services(globals).openShiftClient()
    let report = try await BuildListing(client: client).list(
      in: namespaces.scope, labels: selector, unfinishedOnly: running,
      kind: kinds.kind)
    let renderer = context.renderer(output)
    switch (namespaces.allNamespaces, report.mixesKinds) {
    case (true, true): try renderer.render(BuildListWithKindsAcrossNamespaces(report: report))
    case (true, false): try renderer.render(BuildListAcrossNamespaces(report: report))
    case (false, true): try renderer.render(BuildListWithKinds(report: report))
    case (false, false): try renderer.render(report)
    }
    return ExitStatus.success
  }
}

/// `build list -A`: a NAMESPACE column first (as kubectl shows it) and `-o name` lines that say the
/// namespace (`NAMESPACE/build/NAME`); the JSON and YAML are the plain report's.
struct BuildListAcrossNamespaces: Encodable, TablePresentable {
  var report: BuildListReport

  func encode(to encoder: any Encoder) throws { try report.encode(to: encoder) }

  static func columns(wide: Bool) -> [String] {
    wide ? BuildSummary.columns(wide: true) : ["namespace"] + BuildSummary.columns(wide: false)
  }

  func rows(wide: Bool) -> [[String]] {
    wide
      ? report.rows(wide: true)
      : report.builds.flatMap { build in
        build.rows(wide: false).map { [build.namespace ?? "-"] + $0 }
      }
  }

  var resourceNames: [String] {
    report.builds.map { build in
      let word = "\(build.kind.lowercased())/\(build.name)"
      return build.namespace.map { "\($0)/\(word)" } ?? word
    }
  }
}

struct BuildGetCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "get",
    abstract: "Show one build or PipelineRun: phase, reason, Koji task, times, pod or build hosts.",
    discussion: discussion(
      examples: [
        HelpExample(
          "A build's phase, reason, Koji task, times and pod",
          "osbsctl build get fedora-httpd-rawhide-3"),
        HelpExample(
          "The whole object as the server sent it",
          "osbsctl build get fedora-httpd-rawhide-3 --raw"),
      ]))

  @Argument(help: "Build or PipelineRun name.", completion: DynamicCompletion.buildNames)
  var name: String

  @Flag(help: "Print the build object exactly as the server sent it (JSON), every field included.")
  var raw = false

  @OptionGroup var kinds: BuildKindOptions

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func validate() throws {
    // The server's own JSON: -o json says as much, another format would be silently ignored.
    if raw && ![.table, .json].contains(output.format) {
      throw ValidationError(
        "--raw prints the object as the server sent it (JSON); it takes no -o \(output.format)")
    }
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    let listing = BuildListing(client: try context.services(globals).openShiftClient())
    if raw {
      context.console.stdout.write(try await listing.raw(named: name, kind: kinds.kind))
      context.console.output("\n")
      return ExitStatus.success
    }
    try context.renderer(output).render(
      try await listing.get(named: name, kind: kinds.kind))
    return ExitStatus.success
  }
}

struct BuildLogsCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "logs",
    abstract: "Print a build's or PipelineRun's log; with --follow, stream it until the build ends.",
    discussion: discussion(
      """
      The log streams through with flat memory. When the connection breaks, osbsctl resumes from the \
      last line it printed (sinceTime), so no line is lost or printed twice. With -o json each line is \
      a {"buildName", "line"} object (JSON Lines).

      An OSBS 2 PipelineRun's log is every TaskRun's steps (each step's container in the pod, in step \
      order), each line labelled "[<pipeline task> : <step>] " as tkn pipelinerun logs prints it, with an \
      empty line after each step: a finished run's TaskRuns in the pipeline's order; with --follow each \
      TaskRun as soon as it has a pod, so lines of parallel TaskRuns (the arch builds) interleave. With -o \
      json each line is a {"buildName", "kind", "pipelineTask", "step", "line"} object. A name that is not a \
      Build is looked up as a PipelineRun (--kind forces either).
      """,
      examples: [
        HelpExample(
          "Follow a build's log until the build ends",
          "osbsctl build logs -f fedora-httpd-rawhide-3"),
        HelpExample(
          "With each line's timestamp",
          "osbsctl build logs --timestamps fedora-httpd-rawhide-3"),
        HelpExample(
          "Follow an OSBS 2 PipelineRun, every TaskRun's steps labelled",
          "osbsctl build logs -f --kind pipelinerun hello-world-f45-8832c97860-20261204161658"),
      ]))

  @OptionGroup var kinds: BuildKindOptions

  @Argument(help: "Build name.", completion: DynamicCompletion.buildNames)
  var name: String

  @Flag(name: [.short, .long], help: "Keep streaming until the build ends.")
  var follow = false

  @Flag(help: "Prefix each line with its RFC 3339 timestamp.")
  var timestamps = false

  @OptionGroup var output: OutputOptions<StreamFormats>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func execute(_ context: CommandContext) async throws -> Int32 {
    let client = try context.services(globals).openShiftClient()
    let renderer = context.renderer(output)
    if kinds.kind == .pipelineRun {
      try await Self.printPipelineRunLog(
        name: name, tekton: TektonClient(openShift: client), follow: follow,
        timestamps: timestamps, context: context, renderer: renderer)
      return ExitStatus.success
    }
    var printer = BuildLogPrinter(renderer: renderer, build: name, follow: follow)
    var stream = client.buildLog(
      named: name, follow: follow, timestamps: timestamps
    ).makeAsyncIterator()
    var toldAboutStamps = false
    while let chunk = try await Self.nextBuildChunk(
      &stream, command: self, client: client, context: context, renderer: renderer)
    {
      if timestamps && stream.serverIgnoresTimestamps && !toldAboutStamps {
        context.console.warning(
          "the server ignores the timestamps option (Origin 1.0 and older): lines are printed without stamps"
        )
        toldAboutStamps = true
      }
      try printer.write(chunk)
    }
    try printer.finish()
    return ExitStatus.success
  }
}

struct BuildWatchCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Watch a build's or PipelineRun's phase until it is final.",
    discussion: discussion(
      """
      Prints each phase change once (JSON Lines with -o json). Exits 0 when the build completes (a \
      PipelineRun: Succeeded), 1 when it fails, errors or is cancelled, 2 on Ctrl-C or SIGTERM (the build \
      goes on), 3 when it does not exist or is deleted.
      """,
      examples: [
        HelpExample(
          "Phase changes until the build ends",
          "osbsctl build watch fedora-httpd-rawhide-3"),
        HelpExample(
          "In a script: wait, then act on the exit code",
          "osbsctl build watch fedora-httpd-rawhide-3 && echo built"),
      ]))

  @Argument(help: "Build or PipelineRun name.", completion: DynamicCompletion.buildNames)
  var name: String

  @OptionGroup var kinds: BuildKindOptions

  @OptionGroup var output: OutputOptions<StreamFormats>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func execute(_ context: CommandContext) async throws -> Int32 {
    let locator = BuildLocator(openShift: try context.services(globals).openShiftClient())
    let renderer = context.renderer(output)
    let changes = try await locator.phaseChanges(named: name, kind: kinds.kind)
    do {
      for try await change in changes {
        try renderer.emit(event: change, humanLine: Self.line(change))
        if change.final {
          return change.succeeded == true ? ExitStatus.success : ExitStatus.code(for: .operationFailed)
        }
      }
    } catch let gone as BuildNotFound {
      context.console.error(
        "\(gone.kinds.first?.resourceWord ?? "build") \(name) was deleted", kind: .notFound)
      return ExitStatus.code(for: .notFound)
    }
    // Ctrl-C ends the watch's stream without a final phase: that is an interruption, not a failed build.
    try Task.checkCancellation()
    context.console.error("the watch of \(name) ended before it finished", kind: .unavailable)
    return ExitStatus.code(for: .unavailable)
  }

  static func line(_ event: BuildPhaseEvent) -> String {
    var text = "\(event.kind.lowercased())/\(event.build) "
    if let previous = event.previousPhase { text += "\(previous) -> " }
    text += event.phase
    if let reason = event.reason, !reason.isEmpty, reason != event.phase { text += " (\(reason))" }
    if event.final, let message = event.message, !message.isEmpty { text += ": \(message)" }
    return text
  }
}

extension BuildCancelReport: TablePresentable {
  static func columns(wide: Bool) -> [String] { ["build", "phase", "result"] }

  func rows(wide: Bool) -> [[String]] {
    builds.map { outcome in
      let result =
        outcome.error != nil ? "error" : outcome.cancelled ? "cancelled" : "already finished"
      return [outcome.build, outcome.phase ?? "-", result]
    }
  }

  var resourceNames: [String] {
    builds.filter { $0.error == nil }.map { "\(($0.kind ?? "Build").lowercased())/\($0.build)" }
  }
}

/// `--grace`: cancel a PipelineRun but let its `finally` tasks run (tkn's values).
enum CancelGrace: String, ExpressibleByArgument, CaseIterable {
  case cancelledRunFinally = "CancelledRunFinally"
  case stoppedRunFinally = "StoppedRunFinally"

  var mode: TektonCancelMode {
    switch self {
    case .cancelledRunFinally: .cancelledRunFinally
    case .stoppedRunFinally: .stoppedRunFinally
    }
  }
}

struct BuildCancelCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "cancel",
    abstract: "Cancel builds or PipelineRuns (the cluster stops their pods).",
    discussion: discussion(
      """
      A Build gets status.cancelled. A PipelineRun gets spec.status Cancelled (or the --grace value) as \
      its API version expects: a JSON patch on tekton.dev/v1, a merge patch on v1beta1; a Tekton that \
      rejects the value (0.24 and older) gets PipelineRunCancelled instead, and the report says which \
      value was accepted. A build or run that already finished is left alone. Exits with the first \
      failure's code.
      """,
      examples: [
        HelpExample(
          "Cancel a build",
          "osbsctl build cancel fedora-httpd-rawhide-3"),
        HelpExample(
          "Two builds in another namespace",
          "osbsctl build cancel -n osbs-stage fedora-httpd-rawhide-3 fedora-httpd-rawhide-4"),
        HelpExample(
          "A PipelineRun, letting its finally tasks (OSBS' exit task) run, as osbs-client cancels",
          "osbsctl build cancel --grace CancelledRunFinally hello-world-f45-8832c97860-20261204161658"),
      ]))

  @Argument(help: "Build or PipelineRun names.", completion: DynamicCompletion.buildNames)
  var names: [String]

  @OptionGroup var kinds: BuildKindOptions

  @Option(
    help: ArgumentHelp(
      "PipelineRuns only: CancelledRunFinally or StoppedRunFinally, so its finally tasks still run.",
      valueName: "value"))
  var grace: CancelGrace?

  @OptionGroup var output: OutputOptions<NoWideFormats>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func validate() throws {
    if names.isEmpty { throw ValidationError("name at least one build") }
    if grace != nil && kinds.kind == .build {
      throw ValidationError("--grace applies to PipelineRuns, not to --kind build")
    }
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    let cancellation = BuildCancellation(
      locator: BuildLocator(openShift: try context.services(globals).openShiftClient()),
      mode: grace?.mode ?? .cancelled)
    var outcomes: [BuildCancelReport.Outcome] = []
    var firstFailure: FailureKind?
    for name in names {
      let (outcome, failure) = await cancellation.cancel(named: name, kind: kinds.kind)
      if let failure, let error = outcome.error {
        context.console.error(error, kind: failure)
        firstFailure = firstFailure ?? failure
      }
      outcomes.append(outcome)
    }
    let report = BuildCancelReport(builds: outcomes)
    let renderer = context.renderer(output)
    for outcome in outcomes where outcome.error == nil {
      renderer.itemDone(BuildCancelReport.line(outcome))
    }
    try renderer.renderItems(report)
    return firstFailure.map(ExitStatus.code(for:)) ?? ExitStatus.success
  }
}

/// `build node` of a PipelineRun: a row per TaskRun, then each architecture's remote build host.
struct PipelineRunNodeTable: Encodable, TablePresentable, TableFootnotes {
  var report: BuildNodeReport

  func encode(to encoder: any Encoder) throws { try report.encode(to: encoder) }

  static func columns(wide: Bool) -> [String] {
    ["pipeline-task", "status", "pod", "pod-ip", "node", "node-status"]
  }

  func rows(wide: Bool) -> [[String]] {
    (report.taskRuns ?? []).map { entry in
      let nodeStatus: String
      if entry.node == nil {
        nodeStatus = "-"
      } else if let schedulable = entry.nodeSchedulable {
        nodeStatus = NodeSummary.status(ready: entry.nodeReady, schedulable: schedulable)
      } else {
        nodeStatus = "<gone>"
      }
      return [
        entry.pipelineTask ?? entry.taskRun, entry.status, entry.pod ?? "<none>", entry.podIP ?? "-",
        entry.node ?? "<none>", nodeStatus,
      ]
    }
  }

  var resourceNames: [String] {
    Array(Set((report.taskRuns ?? []).compactMap(\.node))).sorted().map { "node/\($0)" }
  }

  var footnotes: [String] {
    var lines = ["PipelineRun \(report.build): \(report.phase)\(report.reason.map { " (\($0))" } ?? "")"]
    for host in report.buildHosts ?? [] { lines.append("Build host (\(host.arch)): \(host.buildHost)") }
    return lines
  }
}

extension BuildNodeReport: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    ["build", "phase", "pod", "pod-ip", "node", "node-status"]
  }

  func rows(wide: Bool) -> [[String]] {
    let nodeStatus: String
    if node == nil {
      nodeStatus = "-"
    } else if let schedulable = nodeSchedulable {
      nodeStatus = NodeSummary.status(ready: nodeReady, schedulable: schedulable)
    } else {
      nodeStatus = "<gone>"
    }
    return [[build, phase, pod ?? "<none>", podIP ?? "-", node ?? "<none>", nodeStatus]]
  }

  var resourceNames: [String] { node.map { ["node/\($0)"] } ?? [] }
}

struct BuildNodeCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "node",
    abstract: "Which node ran a build: build → pod → node, with the pod IP and the node's state.",
    discussion: discussion(
      """
      For a PipelineRun: every TaskRun → pod → node, and the remote VM each architecture's podman build \
      ran on (the run's task_build_result_<arch> results), which is not an OpenShift node. Exits 3 when \
      the build does not exist; a build whose pod is gone shows <none>.
      """,
      examples: [
        HelpExample(
          "Find the node that ran a build, and the node's state",
          "osbsctl build node fedora-httpd-rawhide-3"),
        HelpExample(
          "The same as JSON",
          "osbsctl build node fedora-httpd-rawhide-3 -o json"),
      ]))

  @Argument(help: "Build or PipelineRun name.", completion: DynamicCompletion.buildNames)
  var name: String

  @OptionGroup var kinds: BuildKindOptions

  @OptionGroup var output: OutputOptions<NoWideFormats>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func execute(_ context: CommandContext) async throws -> Int32 {
    let locator = BuildLocator(openShift: try context.services(globals).openShiftClient())
    let report = try await locator.nodeReport(named: name, kind: kinds.kind)
    let renderer = context.renderer(output)
    if report.kind == BuildKind.pipelineRun.rawValue {
      try renderer.render(PipelineRunNodeTable(report: report))
    } else {
      try renderer.render(report)
    }
    return ExitStatus.success
  }
}

extension BuildForTaskReport: TablePresentable {
  static func columns(wide: Bool) -> [String] { ["task"] + BuildSummary.columns(wide: wide) }
  func rows(wide: Bool) -> [[String]] { builds.flatMap { $0.rows(wide: wide) }.map { ["\(task)"] + $0 } }
  /// A pruned build's name still answers the question: `build/NAME` from the task's result.
  var resourceNames: [String] { builds.isEmpty ? namedInTask : builds.flatMap(\.resourceNames) }

  private var namedInTask: [String] {
    let kind = self.kind == "PipelineRun" ? "pipelinerun" : "build"
    return names.map { "\(kind)/\($0)" }
  }
}

extension BuildForTaskReport: HumanPresentation {
  var showsEmptyTable: Bool { false }
  var closingLines: [String] { builds.isEmpty ? namedInTask : [] }
}
