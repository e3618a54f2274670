import ArgumentParser
import Foundation
import OSBSKit

struct ContainerBuildCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "container-build",
    abstract: "Build the container image of this dist-git checkout in Koji, and follow it to the end.",
    discussion: discussion(
      """
      Run inside a dist-git checkout (a git repository with a Dockerfile). The source is \
      git+<anonymous URL>#<HEAD commit> and the target comes from the branch ({branch}-container-candidate; \
      main and master build for rawhide), both configurable per profile. Uncommitted changes to tracked files \
      and unpushed commits are refused. Progress and logs go to stderr; the result (repositories and Koji \
      builds) to stdout.

      After submitting it logs out and watches anonymously, as koji does, so a session the hub drops does \
      not end the watch; with offline_retry in the Koji profile it waits out a hub that reports an outage \
      (fault 1014). If the watch ends before the task (Ctrl-C, an outage, an error), the task keeps \
      running: the command to resume is printed on stderr, and the report (also with -o json) carries \
      taskId, the error and resumeCommand.

      Exits 0 when the build succeeded, 1 when it failed, 2 on Ctrl-C (the task keeps running).
      """,
      examples: [
        HelpExample(
          "Build this checkout's branch and watch it to the end",
          "osbsctl container-build"),
        HelpExample(
          "A scratch build for x86_64 only, from another checkout",
          "osbsctl container-build -C ~/containers/httpd --scratch --arches x86_64"),
        HelpExample(
          "Show the exact buildContainer call and submit nothing",
          "osbsctl container-build --dry-run"),
      ]))

  @OptionGroup var globals: GlobalOptions
  @OptionGroup var output: OutputOptions

  @Option(
    name: [.customShort("C"), .long], help: "The dist-git checkout (default: the current directory).",
    completion: .directory)
  var directory: String?

  @Flag(help: "A scratch build: not tagged, pushed under a scratch tag.")
  var scratch = false

  @Flag(help: "Rebuild an existing release in isolation (needs --release).")
  var isolated = false

  @Option(help: "Release for an isolated build.")
  var release: String?

  @Option(help: "Build only for these architectures (comma- or space-separated; scratch or isolated only).")
  var arches: [String] = []

  @Option(name: .customLong("repo-url"), help: "A yum .repo URL for the build (repeatable).")
  var repoURLs: [String] = []

  @Option(name: .customLong("koji-parent-build"), help: "Override the parent image with this Koji build NVR.")
  var kojiParentBuild: String?

  @Option(name: .customLong("signing-intent"), help: "Signing intent of the ODCS composes.")
  var signingIntent: String?

  @Option(name: .customLong("compose-id"), help: "An ODCS compose to use (repeatable).")
  var composeIDs: [Int] = []

  @Option(help: "Koji channel to build in.")
  var channel: String?

  @Option(
    parsing: .unconditional,
    help: "Task priority relative to the hub's default (lower runs earlier; negative needs admin).")
  var priority: Int?

  @Flag(help: "Run at background priority (what koji-containerbuild sends: priority 5).")
  var background = false

  @Option(help: "Koji build target (default: derived from the branch).")
  var target: String?

  @Option(
    name: .customLong("git-branch"),
    help: "Branch to record as git_branch (default: the tracked remote branch).")
  var gitBranch: String?

  @Flag(help: "Submit and exit without watching.")
  var nowait = false

  @Flag(help: "Do not tail the build logs while watching.")
  var noLogs = false

  @Flag(name: .customLong("dry-run"), help: "Print the exact call and submit nothing.")
  var dryRun = false

  @Option(
    parsing: .unconditional,
    help: "Time between polls: 2s, 500ms or seconds (default: the Koji profile's poll_interval).")
  var interval: DurationArgument?

  var options: ContainerBuildOptions {
    var options = ContainerBuildOptions()
    options.scratch = scratch
    options.isolated = isolated
    options.release = release
    options.arches = arches.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) }
    options.repoURLs = repoURLs
    options.kojiParentBuild = kojiParentBuild
    options.signingIntent = signingIntent
    options.composeIDs = composeIDs
    options.channel = channel
    options.priority = priority
    options.background = background
    options.target = target
    options.gitBranch = gitBranch
    return options
  }

  func validate() throws {
    if let interval, interval.duration <= .zero {
      throw ValidationError("--interval \(interval.defaultValueDescription): must be more than 0 seconds")
    }
    do {
      try options.validate()
    } catch let error as ContainerBuildError {
      throw ValidationError(error.description)
    }
  }

  func run() async throws {
    let command = self
    try await CommandRunner.run(globals, output: output) { context in
      try await command.build(context)
    }
  }

  private func build(_ context: CommandContext) async throws -> Int32 {
    let services = context.services(globals)
    let settings = try services.settings()
    let directory = directory ?? FileManager.default.currentDirectoryPath
    let checkout = try await DistGitCheckout.inspect(
      directory: directory, gitBranch: gitBranch, runner: ProcessProgramRunner())
    let rule = BuildTargetRule(
      template: settings.distGit.targetTemplate.value,
      branchTargets: settings.distGit.branchTargets.mapValues(\.value))
    let branch = gitBranch ?? checkout.remoteBranch
    let request = ContainerBuildRequest(
      source: checkout.source(anonymousURLTemplate: settings.distGit.anonURLTemplate.value),
      target: target ?? rule.target(forBranch: branch), opts: options.kojiOpts(gitBranch: branch),
      priority: options.submissionPriority, channel: channel)
    let renderer = context.renderer(output)
    var report = ContainerBuildReport(
      taskId: nil, taskUrl: nil, state: "dry-run", source: request.source, target: request.target,
      gitBranch: branch, scratch: scratch)

    if dryRun {
      report.call = JSONTree(
        .object(["method": .string(request.call.method), "params": .array(request.call.params)]))
      if !renderer.isStructured { context.console.message(PythonCallText.render(request.call)) }
      try renderer.render(report)
      return ExitStatus.success
    }

    let (session, connection) = try await services.kojiSession(authenticated: true)
    let submitter = ContainerBuildSubmitter(session: session)
    let preflight = try await submitter.preflight(request)
    let taskID = try await submitter.submit(request, preflight: preflight)
    report.taskId = taskID
    report.taskUrl = session.configuration.taskURL(taskID)
    report.state = "submitted"
    context.console.message("Created task \(taskID)")
    if let url = report.taskUrl { context.console.message("Task info: \(url)") }
    // Watching needs no session: like koji, log out and watch anonymously, so a session the hub drops
    // (swept, or ended by CheckClientIP when the client's address changes) cannot end the watch.
    await session.logout()
    if nowait {
      try renderer.render(report)
      return ExitStatus.success
    }

    var logs = TaskLogPrinter(writer: context.console.stderr, events: nil, raw: false)
    let follow = KojiTaskFollow(
      session: session, roots: [taskID],
      pollInterval: interval?.duration ?? connection.pollInterval,
      followLogs: !noLogs)
    let watcher: KojiTaskWatcher
    var lastState: String?
    do {
      watcher = try await follow.run { event in
        switch event {
        case .task(let change):
          context.console.message(KojiTaskText.line(change))
          if change.task.id == taskID { lastState = change.task.state.name }
        case .log(let chunk): try logs.write(chunk)
        }
      }
      try logs.finish()
    } catch {
      // The watch ended before the task: the report still goes out (with -o json too), then the way back.
      try? logs.finish()
      let resume = "osbsctl task watch \(taskID)"
      report.state = lastState ?? report.state
      report.error = EarlyWatchEnd.text(error)
      report.resumeCommand = resume
      try? renderer.render(report)
      throw EarlyWatchEnd.finish(error, resume: resume, console: context.console)
    }

    let root = watcher.tasks[taskID]
    report.state = root?.state.name ?? "unknown"
    if root?.state == .closed {
      let result = KojiContainerResult(xmlrpc: try await session.call("getTaskResult", [.int(Int64(taskID))]))
      report.repositories = result.repositories
      report.kojiBuilds = result.kojiBuilds
      if !result.kojiBuilds.isEmpty {
        let builds = try await session.multiCall(
          result.kojiBuilds.map { XMLRPCCall("getBuild", [.int(Int64($0))]) })
        report.kojiBuildNVRs = zip(result.kojiBuilds, builds).map { id, build in
          (try? build.get())?["nvr"]?.stringValue ?? String(id)
        }
      }
    } else {
      report.error = watcher.failures[taskID] ?? "task \(taskID) \(report.state)"
    }
    if renderer.isStructured {
      try renderer.render(report)
    } else {
      try renderer.render(report)
      if let error = report.error {
        context.console.error("task \(taskID) failed: \(error)")
        for line in KojiTaskText.relevantLogs(watcher, session.configuration) {
          context.console.message(line)
        }
      }
    }
    return report.error == nil ? ExitStatus.success : ExitStatus.code(for: .operationFailed)
  }
}

extension ContainerBuildReport: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide
      ? ["task", "state", "target", "repository", "koji build", "source"] : ["task", "state", "repository"]
  }

  func rows(wide: Bool) -> [[String]] {
    let task = taskId.map(String.init) ?? "-"
    let repositories = self.repositories.isEmpty ? ["-"] : self.repositories
    return repositories.enumerated().map { index, repository in
      let first = index == 0
      let base = [first ? task : "", first ? state : "", repository]
      guard wide else { return base }
      return [
        base[0], base[1], first ? target : "", repository,
        first ? (kojiBuildNVRs ?? kojiBuilds.map(String.init)).joined(separator: ",") : "",
        first ? source : "",
      ]
    }
  }

  var resourceNames: [String] { taskId.map { ["task/\($0)"] } ?? [] }
}

extension ContainerBuildReport: TableFootnotes {
  /// The Koji builds the task made, by NVR, under the table (the wide table has them in a column).
  var footnotes: [String] {
    zip(kojiBuilds, kojiBuildNVRs ?? kojiBuilds.map(String.init)).map { id, nvr in
      "Koji build: \(nvr) (id \(id))"
    }
  }
}

/// The call as Python would write it (`buildContainer('src', 'target', {...}, priority=5)`), for --dry-run.
enum PythonCallText {
  static func render(_ call: XMLRPCCall) -> String {
    let (positional, keywords) = call.positionalAndKeywords
    let arguments = positional.map(value) + keywords.keys.sorted().map { "\($0)=\(value(keywords[$0]!))" }
    return "\(call.method)(\(arguments.joined(separator: ", ")))"
  }

  static func value(_ value: XMLRPCValue) -> String {
    switch value {
    case .string(let text), .dateTime(let text): "'" + text.replacingOccurrences(of: "'", with: "\\'") + "'"
    case .int(let number): String(number)
    case .bool(let flag): flag ? "True" : "False"
    case .double(let number): String(number)
    case .null: "None"
    case .base64(let data): "<\(data.count) bytes>"
    case .array(let values): "[" + values.map(Self.value).joined(separator: ", ") + "]"
    case .structure(let members):
      "{" + members.map { "'\($0.name)': \(Self.value($0.value))" }.joined(separator: ", ") + "}"
    }
  }
}
