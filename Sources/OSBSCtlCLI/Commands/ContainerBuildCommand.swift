import ArgumentParser
import Foundation
import OSBSKit

struct ContainerBuildCommand: OSBSCtlOutputCommand {
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

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesKoji>

  func validate() throws {
    if let interval, interval.duration <= .zero {
      throw ValidationError("--interval \(interval.defaultValueDescription): must be more than 0 seconds")
    }
    do {
      try options.validate()
    } catch ContainerBuildError.invalidOptions(let problem) {
      throw ValidationError(problem.message(naming: Self.flag))
    }
  }

  /// The flag that sets each knob: how the library's validation errors are worded here.
  static func flag(_ field: ContainerBuildOptions.Field) -> String {
    switch field {
    case .scratch: "--scratch"
    case .isolated: "--isolated"
    case .release: "--release"
    case .arches: "--arches"
    case .repoURLs: "--repo-url"
    case .kojiParentBuild: "--koji-parent-build"
    case .signingIntent: "--signing-intent"
    case .composeIDs: "--compose-id"
    case .channel: "--channel"
    case .priority: "--priority"
    case .background: "--background"
    case .target: "--target"
    case .gitBranch: "--git-branch"
    }
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    let services = context.services(globals)
    var build = ContainerBuildRun(
      directory: directory ?? FileManager.default.currentDirectoryPath, options: options,
      distGit: try services.settings().distGit, runner: context.programRunner,
      openSession: { authenticated in try await services.kojiSession(authenticated: authenticated) })
    build.dryRun = dryRun
    build.wait = !nowait
    build.followLogs = !noLogs
    build.pollInterval = interval?.duration
    let renderer = context.renderer(output)
    var logs = TaskLogPrinter(writer: context.console.stderr, events: nil, raw: false)
    let outcome: ContainerBuildOutcome
    do {
      outcome = try await build.run { event in
        switch event {
        case .submitted(let taskID, let url):
          context.console.message("Created task \(taskID)")
          if let url { context.console.message("Task info: \(url)") }
        case .task(let change): context.console.message(KojiTaskText.line(change))
        case .log(let chunk): try logs.write(chunk)
        }
      }
      try logs.finish()
    } catch let ended as ContainerBuildWatchEnded {
      // The watch ended before the task: the report still goes out (with -o json too), then the way back.
      try? logs.finish()
      let resume = "osbsctl task watch \(ended.report.taskId ?? 0)"
      var report = ended.report
      report.error = EarlyWatchEnd.text(ended.cause)
      report.resumeCommand = resume
      try? renderer.render(report)
      throw EarlyWatchEnd.finish(ended.cause, resume: resume, console: context.console)
    } catch DistGitError.detachedHead {
      throw FlagNamingError(
        DistGitError.detachedHead,
        "HEAD is detached; check out a branch or name one with \(Self.flag(.gitBranch))")
    }

    if let callText = outcome.callText { renderer.humanMessage(callText) }
    try renderer.render(outcome.report)
    if let error = outcome.report.error {
      // In JSON and YAML the report's error field says it; a person also gets the logs to read.
      renderer.humanError("task \(outcome.report.taskId ?? 0) failed: \(error)")
      if let watcher = outcome.watcher, let hub = outcome.hub {
        for line in KojiTaskText.relevantLogs(watcher, hub) { renderer.humanMessage(line) }
      }
    }
    return outcome.succeeded ? ExitStatus.success : ExitStatus.code(for: .operationFailed)
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
