import ArgumentParser
import Foundation
import OSBSKit

struct BuildCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "List, inspect, follow and cancel OpenShift builds; find the node that ran one.",
    subcommands: [
      BuildListCommand.self, BuildGetCommand.self, BuildLogsCommand.self, BuildWatchCommand.self,
      BuildCancelCommand.self, BuildNodeCommand.self, BuildForTaskCommand.self,
    ])
}

extension ServiceFactory {
  /// A client of the profile's OpenShift cluster (kubeconfig, context and namespace as resolved).
  func openShiftClient() throws -> OpenShiftClient {
    let settings = try settings()
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
      userAgent: "osbsctl/\(OSBSCtlVersion.string)", maxResponseBytes: settings.http.maxResponseBytes.value)
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

  /// `90`, `90s`, `15m`, `1h30m`, `2h` → a Duration; nil when malformed.
  static func parse(_ text: String) -> Duration? {
    if let seconds = Double(text), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
    var total: Double = 0
    var number = ""
    var sawUnit = false
    for character in text {
      if character.isNumber || character == "." {
        number.append(character)
        continue
      }
      guard let value = Double(number) else { return nil }
      switch character {
      case "h": total += value * 3600
      case "m": total += value * 60
      case "s": total += value
      default: return nil
      }
      number = ""
      sawUnit = true
    }
    guard number.isEmpty, sawUnit else { return nil }
    return .milliseconds(Int64(total * 1000))
  }
}

/// `-A` and the namespace: `-n` is a global option that already chose the client's namespace.
struct NamespaceOptions: ParsableArguments {
  @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Builds in every namespace.")
  var allNamespaces = false

  var scope: NamespaceScope { allNamespaces ? .all : .current }
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
    return [[namespace ?? "-"] + head + [started ?? "-", duration, buildConfig ?? "-", podName]]
  }

  var resourceNames: [String] { ["build/\(name)"] }

  /// Under one build's table: why it failed and the end of its log, as an admin reads them first.
  var footnotes: [String] {
    var lines: [String] = []
    if let message, !message.isEmpty { lines.append("Message: \(message)") }
    if let outputImage { lines.append("Image: \(outputImage)") }
    if let logSnippet, !logSnippet.isEmpty {
      lines.append("Log snippet:")
      lines += logSnippet.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
    }
    return lines
  }
}

extension BuildListReport: TablePresentable {
  static func columns(wide: Bool) -> [String] { BuildSummary.columns(wide: wide) }
  func rows(wide: Bool) -> [[String]] { builds.flatMap { $0.rows(wide: wide) } }
  var resourceNames: [String] { builds.flatMap(\.resourceNames) }
}

struct BuildListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List builds (newest first), page by page from the server.",
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
      ]))

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var namespaces: NamespaceOptions

  @Flag(help: "Only builds not yet finished (New, Pending, Running).")
  var running = false

  @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector, e.g. koji-task-id=123.")
  var selector: String?

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals, output: output) { context in
      let client = try context.services(command.globals).openShiftClient()
      var selector = command.running ? ListSelector.unfinishedBuilds : ListSelector.everything
      selector.labels = command.selector
      let report = try await BuildListing(client: client).list(
        in: command.namespaces.scope, selector: selector)
      let renderer = context.renderer(command.output)
      if report.builds.isEmpty && !renderer.isStructured {
        context.console.message("No builds found.")
        return ExitStatus.success
      }
      if command.namespaces.allNamespaces {
        try renderer.render(BuildListAcrossNamespaces(report: report))
      } else {
        try renderer.render(report)
      }
      return ExitStatus.success
    }
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
    report.builds.map { build in build.namespace.map { "\($0)/build/\(build.name)" } ?? "build/\(build.name)"
    }
  }
}

struct BuildGetCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get", abstract: "Show one build: phase, reason, Koji task, times, pod.",
    discussion: discussion(
      examples: [
        HelpExample(
          "A build's phase, reason, Koji task, times and pod",
          "osbsctl build get fedora-httpd-rawhide-3"),
        HelpExample(
          "The whole object as the server sent it",
          "osbsctl build get fedora-httpd-rawhide-3 --raw"),
      ]))

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Build name.", completion: DynamicCompletion.buildNames)
  var name: String

  @Flag(help: "Print the build object exactly as the server sent it (JSON), every field included.")
  var raw = false

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals, output: output) { context in
      let client = try context.services(command.globals).openShiftClient()
      if command.raw {
        context.console.stdout.write(try await client.rawBuild(named: command.name))
        context.console.output("\n")
        return ExitStatus.success
      }
      try context.renderer(command.output).render(
        try await BuildListing(client: client).get(named: command.name))
      return ExitStatus.success
    }
  }
}

struct BuildLogsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logs",
    abstract: "Print a build's log; with --follow, stream it until the build ends.",
    discussion: discussion(
      """
      The log streams through with flat memory. When the connection breaks, osbsctl resumes from the \
      last line it printed (sinceTime), so no line is lost or printed twice. With -o json each line is \
      a {"build", "line"} object (JSON Lines).
      """,
      examples: [
        HelpExample(
          "Follow a build's log until the build ends",
          "osbsctl build logs -f fedora-httpd-rawhide-3"),
        HelpExample(
          "With each line's timestamp",
          "osbsctl build logs --timestamps fedora-httpd-rawhide-3"),
      ]))

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Build name.", completion: DynamicCompletion.buildNames)
  var name: String

  @Flag(name: [.short, .long], help: "Keep streaming until the build ends.")
  var follow = false

  @Flag(help: "Prefix each line with its RFC 3339 timestamp.")
  var timestamps = false

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals, output: output) { context in
      let client = try context.services(command.globals).openShiftClient()
      let renderer = context.renderer(command.output)
      let stdout = context.console.stdout
      var splitter = LineSplitter()
      var stream = client.buildLog(
        named: command.name, follow: command.follow, timestamps: command.timestamps
      ).makeAsyncIterator()
      var toldAboutStamps = false
      while let chunk = try await stream.next() {
        if command.timestamps && stream.serverIgnoresTimestamps && !toldAboutStamps {
          context.console.warning(
            "the server ignores the timestamps option (Origin 1.0 and older): lines are printed without stamps"
          )
          toldAboutStamps = true
        }
        if renderer.isStructured {
          for line in splitter.lines(in: chunk) {
            try renderer.emit(
              event: BuildLogLine(build: command.name, line: String(decoding: line, as: UTF8.self)),
              humanLine: nil)
          }
        } else {
          stdout.write(chunk)
        }
        // A followed log is read by a person or a pipe as it grows: do not sit on a partial buffer.
        if command.follow { stdout.flush() }
      }
      if renderer.isStructured, let rest = splitter.finish() {
        try renderer.emit(
          event: BuildLogLine(build: command.name, line: String(decoding: rest, as: UTF8.self)),
          humanLine: nil)
      }
      stdout.flush()
      return ExitStatus.success
    }
  }
}

struct BuildWatchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Watch a build's phase until it is final.",
    discussion: discussion(
      """
      Prints each phase change once (JSON Lines with -o json). Exits 0 when the build completes, 1 when \
      it fails, errors or is cancelled, 3 when it does not exist or is deleted.
      """,
      examples: [
        HelpExample(
          "Phase changes until the build ends",
          "osbsctl build watch fedora-httpd-rawhide-3"),
        HelpExample(
          "In a script: wait, then act on the exit code",
          "osbsctl build watch fedora-httpd-rawhide-3 && echo built"),
      ]))

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Build name.", completion: DynamicCompletion.buildNames)
  var name: String

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals, output: output) { context in
      let client = try context.services(command.globals).openShiftClient()
      let renderer = context.renderer(command.output)
      // A missing build is an error now, not a watch that never sees anything.
      _ = try await client.build(named: command.name)
      var previous: BuildPhase?
      for try await event in client.watchBuild(named: command.name) {
        let build = event.object
        if event.type == .deleted {
          context.console.error("build \(command.name) was deleted")
          return ExitStatus.code(for: .notFound)
        }
        let phase = build.status.phase
        guard phase != previous else { continue }
        let change = BuildPhaseEvent(build: build, previousPhase: previous)
        try renderer.emit(event: change, humanLine: Self.line(change))
        previous = phase
        if phase.isTerminal {
          return phase == .complete ? ExitStatus.success : ExitStatus.code(for: .operationFailed)
        }
      }
      return ExitStatus.code(for: .operationFailed)
    }
  }

  static func line(_ event: BuildPhaseEvent) -> String {
    var text = "build/\(event.build) "
    if let previous = event.previousPhase { text += "\(previous) -> " }
    text += event.phase
    if let reason = event.reason, !reason.isEmpty { text += " (\(reason))" }
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

  var resourceNames: [String] { builds.filter { $0.error == nil }.map { "build/\($0.build)" } }
}

struct BuildCancelCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cancel",
    abstract: "Cancel builds (sets status.cancelled; the cluster stops the build pod).",
    discussion: discussion(
      "A build that already finished is left alone. Exits with the first failure's code.",
      examples: [
        HelpExample(
          "Cancel a build",
          "osbsctl build cancel fedora-httpd-rawhide-3"),
        HelpExample(
          "Two builds in another namespace",
          "osbsctl build cancel -n osbs-stage fedora-httpd-rawhide-3 fedora-httpd-rawhide-4"),
      ]))

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Build names.", completion: DynamicCompletion.buildNames)
  var names: [String]

  func validate() throws {
    if names.isEmpty { throw ValidationError("name at least one build") }
  }

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals, output: output) { context in
      let client = try context.services(command.globals).openShiftClient()
      var outcomes: [BuildCancelReport.Outcome] = []
      var firstFailure: FailureKind?
      for name in command.names {
        do {
          let before = try await client.build(named: name)
          let alreadyOver = before.status.phase.isTerminal || before.status.cancelled == true
          let after = alreadyOver ? before : try await client.cancelBuild(named: name)
          outcomes.append(.init(build: name, phase: after.status.phase.rawValue, cancelled: !alreadyOver))
        } catch let error as any ClassifiedError {
          context.console.error(error.description)
          firstFailure = firstFailure ?? error.failureKind
          outcomes.append(.init(build: name, phase: nil, cancelled: false, error: error.description))
        }
      }
      let report = BuildCancelReport(builds: outcomes)
      let renderer = context.renderer(command.output)
      if renderer.format == .table {
        for outcome in outcomes where outcome.error == nil {
          let what = outcome.cancelled ? "cancelled" : "already finished (\(outcome.phase ?? "?"))"
          context.console.output("build/\(outcome.build) \(what)\n")
        }
      } else {
        try renderer.render(report)
      }
      return firstFailure.map(ExitStatus.code(for:)) ?? ExitStatus.success
    }
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

struct BuildNodeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "node",
    abstract: "Which node ran a build: build → pod → node, with the pod IP and the node's state.",
    discussion: discussion(
      "Exits 3 when the build does not exist; a build whose pod is gone shows <none>.",
      examples: [
        HelpExample(
          "Find the node that ran a build, and the node's state",
          "osbsctl build node fedora-httpd-rawhide-3"),
        HelpExample(
          "The same as JSON",
          "osbsctl build node fedora-httpd-rawhide-3 -o json"),
      ]))

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Build name.", completion: DynamicCompletion.buildNames)
  var name: String

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals, output: output) { context in
      let client = try context.services(command.globals).openShiftClient()
      let found = try await client.nodeOfBuild(named: command.name)
      try context.renderer(command.output).render(BuildNodeReport(found))
      return ExitStatus.success
    }
  }
}

extension BuildForTaskReport: TablePresentable {
  static func columns(wide: Bool) -> [String] { ["task"] + BuildSummary.columns(wide: wide) }
  func rows(wide: Bool) -> [[String]] { builds.flatMap { $0.rows(wide: wide) }.map { ["\(task)"] + $0 } }
  var resourceNames: [String] { builds.flatMap(\.resourceNames) }
}
