import Foundation
import TestSupport
import Testing

/// Commands that change or delete something act only when told: without `--confirm`/`--yes` and without a
/// terminal they refuse (exit 64, naming the flag) or only preview; they never wait for an answer.
@Suite("Destructive commands need confirmation")
struct DestructiveCommandTests {
  /// What a destructive command does when neither `--confirm` nor `--dry-run` is given and stdin is no TTY.
  enum Unconfirmed: Sendable {
    /// Exit 64, the message naming this flag.
    case refuses(flag: String)
    /// Exit 0 with the plan, nothing changed, a hint naming this flag on stderr.
    case previews(flag: String)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var unconfirmed: Unconfirmed
    var testDescription: String { arguments.joined(separator: " ") }
  }

  /// Every destructive command; a new one is one line here.
  static let cases: [Case] = [
    Case(arguments: ["node", "cordon", "osbs-node01"], unconfirmed: .refuses(flag: "--confirm")),
    Case(
      arguments: ["node", "cordon", "-l", "osbs/build-node=true"], unconfirmed: .refuses(flag: "--confirm")),
    Case(arguments: ["node", "uncordon", "osbs-node02"], unconfirmed: .refuses(flag: "--confirm")),
    Case(arguments: ["node", "drain", "osbs-node01"], unconfirmed: .previews(flag: "--confirm")),
    Case(arguments: ["task", "cancel", "TASK"], unconfirmed: .refuses(flag: "--confirm")),
    Case(
      arguments: ["prune", "builds", "-A", "--orphans", "--keep-younger-than", "0s"],
      unconfirmed: .previews(flag: "--confirm")),
  ]

  /// The sandbox state a destructive command could change: node schedulability and Koji task states.
  static func snapshot(_ sandbox: SandboxProcess, _ cli: CLI) async throws -> String {
    let nodes = try await cli.osbsctl(["node", "list", "-o", "json"], environment: sandbox.environment)
    let tasks = try await sandbox.tasks().map { "\($0.id):\($0.state)" }.sorted()
    let builds = try await cli.osbsctl(
      ["build", "list", "-A", "-o", "name"], environment: sandbox.environment)
    let schedulable = try #require(try nodes.json()["nodes"] as? [[String: Any]]).map {
      "\($0["name"] ?? "?"):\($0["schedulable"] ?? "?")"
    }
    return (schedulable + tasks + [builds.stdout]).joined(separator: " ")
  }

  @Test(arguments: cases)
  func withoutConfirmationNothingChanges(_ entry: Case) async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let task = try await KojiTaskCommandsE2ETests.submit(sandbox, cli, checkout, ["--scratch"])
    // osbs-node02 starts cordoned, so uncordon has something to do.
    let setup = try await cli.osbsctl(
      ["node", "cordon", "osbs-node02", "--confirm"], environment: sandbox.environment)
    #expect(setup.exitCode == 0, "\(setup.summary)")
    let arguments = entry.arguments.map { $0 == "TASK" ? String(task) : $0 }
    if arguments.first == "prune" {
      // Finished builds to prune: with none, a prune says "nothing to prune" and has no plan to preview.
      _ = try await sandbox.request(
        "POST", "/_sandbox/openshift/build-history", json: #"{"seed": 3, "builds": 20, "finishedOnly": true}"#
      )
    }
    let before = try await Self.snapshot(sandbox, cli)

    let result = try await cli.osbsctl(arguments, environment: sandbox.environment)
    switch entry.unconfirmed {
    case .refuses(let flag):
      #expect(result.exitCode == 64, "\(result.summary)")
      #expect(result.stderr.contains(flag) && result.stderr.contains("not a terminal"), "\(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
    case .previews(let flag):
      #expect(result.exitCode == 0, "\(result.summary)")
      #expect(result.stderr.contains("dry run") && result.stderr.contains(flag), "\(result.stderr)")
    }
    #expect(try await Self.snapshot(sandbox, cli) == before)

    // --dry-run changes nothing either, and succeeds.
    let dry = try await cli.osbsctl(arguments + ["--dry-run"], environment: sandbox.environment)
    #expect(dry.exitCode == 0, "\(dry.summary)")
    #expect(try await Self.snapshot(sandbox, cli) == before)

    let contradiction = try await cli.osbsctl(
      arguments + ["--dry-run", "--confirm"], environment: sandbox.environment)
    #expect(contradiction.exitCode == 64)
  }

  @Test func cancelDryRunNamesMissingTasks() async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let task = try await KojiTaskCommandsE2ETests.submit(sandbox, cli, checkout, ["--scratch"])
    let result = try await cli.osbsctl(
      ["task", "cancel", String(task), "987654", "--dry-run", "-o", "json"], environment: sandbox.environment)
    #expect(result.exitCode == 3, "\(result.summary)")
    let report = try result.json()
    #expect(report["dryRun"] as? Bool == true)
    let items = try #require(report["tasks"] as? [[String: Any]])
    #expect(items.map { $0["taskId"] as? Int } == [task, 987_654])
    #expect(items.map { $0["outcome"] as? String } == ["would-cancel", "not-found"])
    #expect(try await sandbox.tasks().first { $0.id == task }?.state == "FREE")
  }

  /// A question, and where it is asked: before the command's task first waits (the signal handler ends the
  /// run) or after it (the task is cancelled, and the question's wait notices).
  struct Question: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var afterTheFirstWait: Bool
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let questions: [Question] = [
    Question(arguments: ["node", "cordon", "osbs-node01"], afterTheFirstWait: false),
    // The node list is read first; the question names what the selector matched.
    Question(arguments: ["node", "cordon", "-l", "osbs/build-node=true"], afterTheFirstWait: true),
    // The plan is shown, then the question; a script reading -o json gets its error line.
    Question(arguments: ["-o", "json", "node", "drain", "osbs-node01"], afterTheFirstWait: true),
  ]

  /// One Ctrl-C at the question ends the run with the interrupted status and changes nothing. The key
  /// goes through a pseudo-terminal, whose line discipline sends SIGINT to the foreground process, as a
  /// terminal's does.
  @Test(arguments: questions)
  func controlCAtTheQuestionEndsTheRun(_ question: Question) async throws {
    try FixtureError.requireTool("/usr/bin/script", debianPackage: "bsdutils")
    try await OpenShiftCLIFixture.run { fixture in
      let osbsctl = try BuiltProducts.executable("osbsctl")
      // What the commands could change: the nodes' schedulability, and the pods a drain evicts.
      func state() -> [String] {
        (1...fixture.cluster.configuration.seed.nodes).map { index in
          let name = String(format: "osbs-node%02d", index)
          return "\(name):\(String(describing: fixture.cluster.node(named: name)?.isSchedulable))"
        } + fixture.cluster.pods().map(\.metadata.name)
      }
      let before = state()
      #expect(before.count > 3, "\(before)")
      let keys = fixture.cli.home.appendingPathComponent("keys.fifo").path
      #expect(mkfifo(keys, 0o600) == 0)
      // Held open for reading and writing, so script(1) never sees the end of its input.
      let writer = open(keys, O_RDWR)
      try #require(writer >= 0)
      defer { close(writer) }
      let output = fixture.cli.home.appendingPathComponent("terminal.out").path
      // script(1) runs the command with $SHELL. dash, unlike bash, forks for it and dies of the same SIGINT,
      // so script would report the shell's death (130): `exec` leaves osbsctl alone on the terminal, and the
      // shell is pinned so the run is the same wherever the tests run.
      let child = try ChildProcess(
        executable: "/usr/bin/script",
        arguments: ["-qefc", "exec \(osbsctl) \(question.arguments.joined(separator: " "))", "/dev/null"],
        environment: fixture.cli.environment.merging(
          ["OSBSCTL_CONFIG": fixture.configPath, "SHELL": "/bin/sh"]) { $1 },
        stdinPath: keys, stdoutPath: output)
      func shown() -> String { (try? String(contentsOfFile: output, encoding: .utf8)) ?? "" }
      for _ in 0..<600 where !shown().contains("[y/N]") && child.exitedTermination() == nil {
        try await Task.sleep(for: .milliseconds(25))
      }
      try #require(shown().contains("? [y/N]"), "\(shown())")
      #expect(write(writer, "\u{3}", 1) == 1)
      // A run that ignored the key would wait for an answer forever: it is stopped, and fails below.
      for _ in 0..<600 where child.exitedTermination() == nil {
        try await Task.sleep(for: .milliseconds(25))
      }
      let termination = child.exitedTermination() ?? child.stop()
      // script -e exits with the command's status.
      #expect(termination?.exitCode == 2, "\(String(describing: termination)): \(shown())")
      if question.afterTheFirstWait {
        // The cancelled run ends as any interrupted one: the prompt on a new line, and -o json's error line.
        #expect(shown().contains("[y/N] ^C\r\n"), "\(shown().debugDescription)")
        if question.arguments.contains("json") {
          #expect(shown().contains(#""kind":"interrupted""#), "\(shown())")
        }
      }
      #expect(state() == before)
    }
  }

  /// On a terminal the command asks; "y" goes ahead, anything else (or end of input) changes nothing.
  @Test func asksOnATerminal() async throws {
    try FixtureError.requireTool("/usr/bin/script", debianPackage: "bsdutils")
    try await OpenShiftCLIFixture.run { fixture in
      let osbsctl = try BuiltProducts.executable("osbsctl")
      func underTerminal(answer: String, _ arguments: String) async throws -> CLIResult {
        // script(1) gives osbsctl a pseudo-terminal for stdin and stderr and feeds it our stdin.
        let command = "\(osbsctl) \(arguments)"
        return try await fixture.cli.run(
          "/bin/sh", ["-c", "printf '\(answer)' | /usr/bin/script -qefc '\(command)' /dev/null"],
          environment: ["OSBSCTL_CONFIG": fixture.configPath])
      }
      let declined = try await underTerminal(answer: "n\\n", "node cordon osbs-node01")
      #expect(declined.stdout.contains("Cordon node/osbs-node01? [y/N]"), "\(declined.stdout)")
      #expect(declined.stdout.contains("not confirmed"), "\(declined.stdout)")
      #expect(declined.exitCode == 1, "\(declined.summary)")
      #expect(fixture.cluster.node(named: "osbs-node01")?.isSchedulable == true)

      let accepted = try await underTerminal(answer: "y\\n", "node cordon osbs-node01")
      #expect(accepted.exitCode == 0, "\(accepted.stdout)")
      #expect(accepted.stdout.contains("node/osbs-node01 cordoned"), "\(accepted.stdout)")
      #expect(fixture.cluster.node(named: "osbs-node01")?.isSchedulable == false)
    }
  }
}
