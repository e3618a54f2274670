import Foundation
import OSBSKit
import Testing

/// `task watch`, `task logs` and `container-build` in process against a strict fake hub answering with
/// the recorded koji 1.35 session (Fixtures/koji-wire: task 2, a scratch buildContainer of
/// cockpit on f25 that closed on host 1).
@Suite("Koji streaming commands in process against strict fakes")
struct KojiStreamCommandInProcessTests {
  typealias Case = CommandInProcessTests.Case

  static func call(_ method: String, _ params: [XMLRPCValue] = [], _ keywords: [XMLRPCMember] = [])
    -> XMLRPCCall
  { XMLRPCCall(method, params, keywords: keywords) }

  static func cases() throws -> [Case] {
    let closed: Int64 = 2
    // Task 2 ran on host 1. No capture holds getHost; host 1 of the recorded hub is builder.example.org
    // (its certificate in host-01-sslLogin-host.txt), and of the host row getHost returns the watcher
    // reads only the name.
    let host = ExpectedRequest.koji(
      call("getHost", [.int(1)]),
      writtenReply: .structure([
        XMLRPCMember("id", .int(1)), XMLRPCMember("name", .string("builder.example.org")),
      ]))
    let treeOfClosed = [
      ExpectedRequest.koji(
        call("getTaskInfo", [.int(closed)]), reply: try KojiRecording("42-getTaskInfo-closed.txt")),
      .koji(call("getTaskChildren", [.int(closed)]), reply: try KojiRecording("51-getTaskChildren.txt")),
      host,
    ]
    return [
      // MARK: task watch
      // A tree that already finished is reported at once.
      Case(
        arguments: ["task", "watch", "2"], requests: treeOfClosed, status: 0,
        stdout: ["2 buildContainer (noarch): closed", "completed successfully"]),
      Case(
        arguments: ["task", "watch", "999999"],
        requests: [
          .koji(
            call("getTaskInfo", [.int(999999)]), reply: try KojiRecording("11-getTaskInfo-nonexistent.txt")),
          .koji(call("getTaskChildren", [.int(999999)]), reply: try KojiRecording("51-getTaskChildren.txt")),
        ],
        status: 3, stdout: [], stderr: ["no such task: 999999"]),
      // MARK: task logs
      // 46 is the whole openshift-incremental.log (610 bytes, as 44's stat says) asked without offset
      // and size; the same bytes answer the call that names them.
      Case(
        arguments: ["task", "logs", "2", "--log", "openshift-incremental.log"],
        requests: treeOfClosed + [
          .koji(
            call("listTaskOutput", [.int(closed)], [XMLRPCMember("stat", .bool(true))]),
            reply: try KojiRecording("44-listTaskOutput-closed-stat.txt")),
          .koji(
            call(
              "downloadTaskOutput", [.int(closed), .string("openshift-incremental.log")],
              [XMLRPCMember("offset", .int(0)), XMLRPCMember("size", .int(610))]),
            reply: try KojiRecording("46-downloadTaskOutput-full.txt")),
        ],
        status: 0,
        stdout: [
          "2026-11-29 03:02:32,138 - osbs.api - DEBUG - create_prod_build",
          "watching build cockpit-f25-3",
        ]),
    ]
  }

  @Test(arguments: try cases())
  func koji(_ row: Case) async throws { try await CommandInProcessTests.run(row) }
}
