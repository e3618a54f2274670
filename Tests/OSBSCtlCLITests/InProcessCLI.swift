import Foundation
import OSBSKit
import Synchronization
import TestSupport
import Testing

@testable import OSBSCtlCLI

/// A stream kept in memory.
final class MemorySink: ConsoleSink {
  private let bytes = Mutex<[UInt8]>([])

  var isTerminal: Bool { false }
  func write(bytes more: [UInt8]) { bytes.withLock { $0.append(contentsOf: more) } }
  func flush() {}
  var text: String { bytes.withLock { String(decoding: $0, as: UTF8.self) } }
}

/// What one in-process run printed, how it exited and what it asked the fake servers.
struct CommandRun: Sendable, CustomStringConvertible {
  var status: Int32
  var stdout: String
  var stderr: String
  var requests: [String]

  var description: String {
    "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)--- requests\n"
      + requests.joined(separator: "\n")
  }
}

/// Runs osbsctl command lines in this process, as the executable would (`OSBSCtl.run(_:in:)`: global
/// options anywhere, the same parsing, errors and exit codes), with stdout and stderr in memory, a private
/// home and configuration, and every request going to a `StrictFakeTransport` (`run`) or, for a command
/// whose exchange no recording holds, over libcurl to a strict fake server on loopback (`runOnNetwork`).
///
/// The configuration: profile `fake`, with the Koji hub `https://koji.fake/kojihub` (password login as
/// builder1) and the OpenShift API `https://openshift.fake` (namespace osbs-stage, grouped build API), or
/// the API and namespace given.
struct InProcessCLI {
  static let kojiHub = "https://koji.fake/kojihub"
  static let openShiftAPI = "https://openshift.fake"
  static let namespace = "osbs-stage"

  let home: URL
  var variables: [String: String]

  init(openShiftAPI: String = Self.openShiftAPI, namespace: String = Self.namespace) throws {
    home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "osbsctl-inprocess-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    let koji = try Self.write(
      home, "koji.conf",
      """
      [fake]
      server = \(Self.kojiHub)
      weburl = https://koji.fake/koji
      topurl = https://koji.fake/kojifiles
      authtype = password
      user = builder1
      password = builder1pass
      max_retries = 0

      """)
    let kube = try Self.write(
      home, "kubeconfig",
      """
      apiVersion: v1
      kind: Config
      clusters: [{name: f, cluster: {server: "\(openShiftAPI)"}}]
      users: [{name: u, user: {token: fake-token}}]
      contexts: [{name: f, context: {cluster: f, user: u, namespace: \(namespace)}}]
      current-context: f

      """)
    let config = try Self.write(
      home, "osbsctl.yaml",
      """
      defaultProfile: fake
      profiles:
        fake:
          koji: {profile: fake, configFile: "\(koji)"}
          openshift: {kubeconfig: "\(kube)", context: f, buildAPI: grouped}

      """)
    for file in [koji, kube] {
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
    }
    variables = ["HOME": home.path, "NO_COLOR": "1", "OSBSCTL_CONFIG": config]
  }

  private static func write(_ home: URL, _ name: String, _ text: String) throws -> String {
    let url = home.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  func removeHome() { try? FileManager.default.removeItem(at: home) }

  /// Runs `arguments` against servers that expect exactly `expected` (Koji and OpenShift), `docker` (the
  /// Docker Engine API) and `programs` (git, ovs-ofctl); any other request or program run, or an expected
  /// one never made, fails the test.
  func run(
    _ arguments: [String], expecting expected: [ExpectedRequest] = [], docker: [ExpectedRequest] = [],
    programs: [ExpectedProgram] = []
  ) async -> CommandRun {
    await run(arguments, transport: StrictFakeTransport(expected), docker: docker, programs: programs)
  }

  /// Runs `arguments` with the real libcurl transport, so its Koji and OpenShift requests go to the
  /// configured servers (a strict fake on loopback, which checks them itself); a Docker Engine request
  /// or a program run fails the test.
  func runOnNetwork(_ arguments: [String]) async -> CommandRun {
    await run(arguments, transport: nil, docker: [], programs: [])
  }

  private func run(
    _ arguments: [String], transport fake: StrictFakeTransport?, docker: [ExpectedRequest],
    programs: [ExpectedProgram]
  ) async -> CommandRun {
    let engine = StrictFakeTransport(docker)
    let runner = StrictFakeProgramRunner(programs)
    let stdout = MemorySink()
    let stderr = MemorySink()
    let surroundings = RunSurroundings(
      stdout: stdout, stderr: stderr, variables: variables,
      configEnvironment: ConfigEnvironment(
        variables: variables, homeDirectory: home.path, currentDirectory: home.path,
        systemConfigDirectory: home.appendingPathComponent("etc").path,
        serviceAccountDirectory: home.appendingPathComponent("serviceaccount").path),
      transport: fake, handlesInterrupts: false, dockerTransport: engine, programRunner: runner)
    let status = await OSBSCtl.run(arguments, in: surroundings)
    let run = CommandRun(
      status: status, stdout: stdout.text, stderr: stderr.text,
      requests: (fake?.receivedRequests ?? []) + engine.receivedRequests.map { "docker: " + $0 }
        + runner.receivedRuns.map { "run: " + $0 })
    let unused =
      (fake?.unusedExpectations ?? []) + engine.unusedExpectations.map { "docker: " + $0 }
      + runner.unusedExpectations.map { "run: " + $0 }
    if !unused.isEmpty {
      Issue.record("expected requests never sent:\n\(unused.joined(separator: "\n"))\n\(run)")
    }
    return run
  }
}
