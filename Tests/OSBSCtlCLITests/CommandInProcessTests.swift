import Foundation
import OSBSKit
import Testing

/// Commands run in process (`InProcessCLI`) against strict fakes whose replies are recorded server
/// traffic (Tests/OSBSKitTests/Fixtures): each case says the command line, every request it must send
/// with the reply, and what stdout, stderr and the exit status must be.
@Suite("commands in process against strict fakes")
struct CommandInProcessTests {
  /// One table row.
  struct Case: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var requests: [ExpectedRequest]
    var status: Int32
    /// Each must be in stdout (empty: stdout must be empty).
    var stdout: [String]
    var stderr: [String] = []

    var testDescription: String { arguments.joined(separator: " ") }
  }

  static func run(_ row: Case) async throws {
    let cli = try InProcessCLI()
    defer { cli.removeHome() }
    let run = await cli.run(row.arguments, expecting: row.requests)
    #expect(run.status == row.status, "\(run)")
    if row.stdout.isEmpty { #expect(run.stdout.isEmpty, "\(run)") }
    for text in row.stdout { #expect(run.stdout.contains(text), "stdout lacks \(text)\n\(run)") }
    for text in row.stderr { #expect(run.stderr.contains(text), "stderr lacks \(text)\n\(run)") }
  }

  // MARK: Koji

  static func call(_ method: String, _ params: [XMLRPCValue] = [], _ keywords: [XMLRPCMember] = [])
    -> XMLRPCCall
  { XMLRPCCall(method, params, keywords: keywords) }

  /// `login` as builder1 with the profile's password (Fixtures/koji-wire/21-login-password.txt).
  static func login() throws -> ExpectedRequest {
    .koji(
      call("login", [.string("builder1"), .string("builder1pass")]),
      reply: try KojiRecording("21-login-password.txt"))
  }

  static func logout() throws -> ExpectedRequest {
    .koji(call("logout"), reply: try KojiRecording("23-logout.txt"))
  }

  static func kojiCases() throws -> [Case] {
    let free: Int64 = 2
    let taskInfoOfFreeTask = [
      ExpectedRequest.koji(
        call("getTaskInfo", [.int(free)]), reply: try KojiRecording("35-getTaskInfo-free.txt")),
      .koji(call("getTaskChildren", [.int(free)]), reply: try KojiRecording("51-getTaskChildren.txt")),
      .koji(call("listTaskOutput", [.int(free)]), reply: try KojiRecording("36-listTaskOutput-free.txt")),
      .koji(
        call("getTaskResult", [.int(free)], [XMLRPCMember("raise_fault", .bool(false))]),
        reply: try KojiRecording("37-getTaskResult-free.txt")),
      // The owner's name. No capture holds getUser; the hub reads both it and getLoggedInUser from the
      // users row, and 22 is user 2's (builder1's) row as getLoggedInUser returned it.
      .koji(call("getUser", [.int(2)]), reply: try KojiRecording("22-getLoggedInUser-password-session.txt")),
    ]
    let missing: Int64 = 999999
    return [
      Case(
        arguments: ["task", "info", "2"], requests: taskInfoOfFreeTask, status: 0,
        stdout: ["ID", "STATE", "2", "free"]),
      // Global options before the subcommand, as the executable takes them.
      Case(
        arguments: ["-o", "json", "task", "info", "2"], requests: taskInfoOfFreeTask, status: 0,
        stdout: [#""taskId" : 2"#, #""ownerName" : "builder1""#, #""state" : "free""#]),
      Case(
        arguments: ["task", "info", "2", "-o", "yaml"], requests: taskInfoOfFreeTask, status: 0,
        stdout: ["taskId: 2", "ownerName: builder1", "state: free"]),
      Case(
        arguments: ["task", "info", "2", "-o", "name"], requests: taskInfoOfFreeTask, status: 0,
        stdout: ["task/2\n"]),
      Case(
        arguments: ["task", "info", "999999"],
        requests: [
          .koji(
            call("getTaskInfo", [.int(missing)]), reply: try KojiRecording("11-getTaskInfo-nonexistent.txt")),
          // The hub answers [] for a task it does not know, as for one without children (51).
          .koji(call("getTaskChildren", [.int(missing)]), reply: try KojiRecording("51-getTaskChildren.txt")),
          .koji(
            call("listTaskOutput", [.int(missing)]),
            reply: try KojiRecording("14-listTaskOutput-nonexistent.txt")),
          .koji(
            call("getTaskResult", [.int(missing)], [XMLRPCMember("raise_fault", .bool(false))]),
            reply: try KojiRecording("16-getTaskResult-nonexistent.txt")),
        ],
        status: 3, stdout: [], stderr: ["error:", "999999"]),
      Case(
        arguments: ["koji", "whoami"],
        requests: [
          try login(),
          .koji(call("getLoggedInUser"), reply: try KojiRecording("22-getLoggedInUser-password-session.txt")),
          .koji(call("getPerms"), reply: try KojiRecording("30-getPerms.txt")),
          try logout(),
        ],
        status: 0, stdout: ["USER", "builder1", "password", InProcessCLI.kojiHub]),
      Case(
        arguments: ["koji", "whoami", "-o", "json"],
        requests: [
          try login(),
          .koji(call("getLoggedInUser"), reply: try KojiRecording("22-getLoggedInUser-password-session.txt")),
          .koji(call("getPerms"), reply: try KojiRecording("30-getPerms.txt")),
          try logout(),
        ],
        status: 0, stdout: [#""user" : "builder1""#, #""container-build""#]),
      // A fault for the whole request: the session the hub no longer knows (73).
      Case(
        arguments: ["koji", "whoami"],
        requests: [
          try login(),
          .koji(.kojiMethod("multiCall"), reply: try KojiRecording("73-multicall-deleted-session.txt")),
        ],
        status: 4, stdout: [], stderr: ["error:", "Invalid session or bad credentials"]),
      // Task 24 was closed (68: cancelTask left it closed, 67), 999999 does not exist (11): no cancelTask is
      // sent for either, and the missing one makes the exit status 3.
      Case(
        arguments: ["task", "cancel", "24", "999999", "--confirm"],
        requests: [
          try login(),
          .koji(
            call("getTaskInfo", [.int(24)]),
            reply: try KojiRecording("68-getTaskInfo-after-cancel-closed.txt")),
          .koji(
            call("getTaskInfo", [.int(missing)]), reply: try KojiRecording("11-getTaskInfo-nonexistent.txt")),
          try logout(),
        ],
        status: 3, stdout: ["TASK", "24", "closed", "already closed", "999999", "not found"]),
    ]
  }

  @Test(arguments: try kojiCases())
  func koji(_ row: Case) async throws { try await Self.run(row) }

  // MARK: Client only

  @Test func versionOfTheClientAsksNoServer() async throws {
    try await Self.run(
      Case(arguments: ["version", "--client"], requests: [], status: 0, stdout: ["OSBSCTL", "0."]))
    try await Self.run(
      Case(
        arguments: ["-o", "json", "version", "--client"], requests: [], status: 0,
        stdout: [#""version" : "0."#]))
  }

  @Test func aMistypedCommandIsAUsageErrorWithASuggestion() async throws {
    try await Self.run(
      Case(arguments: ["tsk"], requests: [], status: 64, stdout: [], stderr: ["Did you mean 'task'?"]))
  }

  // MARK: Strictness

  /// A request the test did not list fails the test: here `task info` asks the hub, and nothing is expected.
  @Test func anUnexpectedRequestFailsTheTest() async throws {
    let cli = try InProcessCLI()
    defer { cli.removeHome() }
    await withKnownIssue {
      let run = await cli.run(["task", "info", "2"])
      #expect(run.status != 0)
    } matching: { issue in
      issue.description.contains("unexpected request")
    }
  }

  /// An expected request the command never sends fails the test too.
  @Test func anExpectedRequestNeverSentFailsTheTest() async throws {
    let cli = try InProcessCLI()
    defer { cli.removeHome() }
    let logout = try Self.logout()
    await withKnownIssue {
      _ = await cli.run(["version", "--client"], expecting: [logout])
    } matching: { issue in
      issue.description.contains("never sent")
    }
  }
}
