import Foundation

/// Why `ovs-ofctl` could not do what was asked; carries its stderr.
public struct OVSCommandError: ClassifiedError, Equatable {
  public enum Reason: String, Sendable, Codable {
    /// The program is not installed (or not at the configured path).
    case ofctlNotFound
    /// The bridge does not exist (`br1 is not a bridge or a socket`).
    case bridgeNotFound
    /// ovs-vswitchd is not reachable (`failed to connect to socket`).
    case switchUnavailable
    /// ovs-vswitchd took the connection but did not answer in time (`--timeout`): it is wedged.
    case noAnswer
    /// Anything else ovs-ofctl refused.
    case failed
  }

  public var reason: Reason
  /// The command line, for the message.
  public var command: String
  public var status: Int32?
  public var stderr: String

  public init(reason: Reason, command: String, status: Int32? = nil, stderr: String) {
    self.reason = reason
    self.command = command
    self.status = status
    self.stderr = stderr
  }

  /// Whether ovs-ofctl refused `option` as unknown (`ovs-ofctl: unrecognized option '--no-names'`).
  func rejectsOption(_ option: String) -> Bool {
    reason == .failed && stderr.contains("unrecognized option") && stderr.contains(option)
  }

  public var failureKind: FailureKind {
    switch reason {
    case .ofctlNotFound, .bridgeNotFound: return .notFound
    case .switchUnavailable, .noAnswer: return .unavailable
    case .failed: return .operationFailed
    }
  }

  public var description: String {
    let detail = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    switch reason {
    case .ofctlNotFound:
      return "\(command): ovs-ofctl not found (install openvswitch-switch or set ovs.ofctl): \(detail)"
    case .noAnswer:
      return
        "\(command): ovs-vswitchd did not answer in time (it may be wedged; see ovs-vswitchd.log): \(detail)"
    default:
      let exit = status.map { " (exit \($0))" } ?? ""
      return "\(command) failed\(exit): \(detail.isEmpty ? "no error output" : detail)"
    }
  }

  /// Classifies a failed run by what ovs-ofctl printed.
  static func classify(command: String, status: Int32, stderr: String) -> OVSCommandError {
    let reason: Reason
    if stderr.contains("is not a bridge or a socket") || stderr.contains("no bridge named") {
      reason = .bridgeNotFound
    } else if stderr.contains("failed to connect") || stderr.contains("connecting to")
      || stderr.contains("Connection refused")
    {
      reason = .switchUnavailable
    } else if stderr.contains("(Alarm clock)") || stderr.contains("terminating with signal 14") {
      // ovs-ofctl's own --timeout: it ends itself with SIGALRM and says so.
      reason = .noAnswer
    } else if status == 127 {
      reason = .ofctlNotFound
    } else {
      reason = .failed
    }
    return OVSCommandError(reason: reason, command: command, status: status, stderr: stderr)
  }
}

/// The `ovs-ofctl` of one bridge: where the program is, which bridge, which OpenFlow version.
///
/// Ports are asked for as numbers (`--no-names`), because flows name ports by number in their
/// actions (`load:0x5->NXM_NX_REG2[]`) and the check compares ports across flows. Every run gives
/// ovs-ofctl a `--timeout`: a wedged ovs-vswitchd accepts the connection and never answers, which
/// would otherwise hang the command (and a cron job) for good.
public struct OVSFlowSource: Sendable {
  /// Seconds ovs-ofctl waits for ovs-vswitchd; a dump of 20,000 flows takes under 0.1 s.
  public static let defaultTimeoutSeconds = 30

  public var ofctl: String
  public var bridge: String
  public var openflowVersion: String
  public var timeoutSeconds: Int
  public var runner: any ProgramRunner

  public init(
    ofctl: String = BuiltInDefaults.ovsOfctl, bridge: String = BuiltInDefaults.ovsBridge,
    openflowVersion: String = BuiltInDefaults.openflowVersion, timeoutSeconds: Int = defaultTimeoutSeconds,
    runner: any ProgramRunner = ProcessProgramRunner()
  ) {
    self.ofctl = ofctl
    self.bridge = bridge
    self.openflowVersion = openflowVersion
    self.timeoutSeconds = timeoutSeconds
    self.runner = runner
  }

  /// From the resolved settings; each non-nil argument (a command-line flag) wins over them.
  public init(
    settings: ResolvedOVSSettings, ofctl: String? = nil, bridge: String? = nil,
    openflowVersion: String? = nil, runner: any ProgramRunner = ProcessProgramRunner()
  ) {
    self.init(
      ofctl: ofctl ?? settings.ofctl.value, bridge: bridge ?? settings.bridge.value,
      openflowVersion: openflowVersion ?? settings.openflowVersion.value, runner: runner)
  }

  /// What `check` and `flows` report as the origin of the flows.
  public var description: String { "\(ofctl) -O \(openflowVersion) dump-flows \(bridge)" }

  public func dumpFlowsArguments(table: Int? = nil, portNumbers: Bool = true) -> [String] {
    ["-O", openflowVersion, "--timeout=\(timeoutSeconds)"] + (portNumbers ? ["--no-names"] : [])
      + ["dump-flows", bridge]
      + (table.map { ["table=\($0)"] } ?? [])
  }

  /// The text ovs-ofctl prints. Open vSwitch before 2.8 has no `--no-names` (it exits 1 on an option it
  /// does not know) and always prints port numbers: asked again without it.
  public func dumpFlowsText(table: Int? = nil) async throws -> String {
    do {
      return try await run(dumpFlowsArguments(table: table)).stdout
    } catch let error as OVSCommandError where error.rejectsOption("--no-names") {
      return try await run(dumpFlowsArguments(table: table, portNumbers: false)).stdout
    }
  }

  public func dumpFlows(table: Int? = nil) async throws -> OVSFlowDump {
    let text = try await dumpFlowsText(table: table)
    do {
      return try OVSFlowDump.parse(text)
    } catch {
      // ovs-ofctl printed something this parser cannot read: the program, not the user, is at fault.
      throw OVSCommandError(
        reason: .failed, command: ([ofctl] + dumpFlowsArguments(table: table)).joined(separator: " "),
        stderr: "unreadable output: \(error.description)")
    }
  }

  public func strictDeleteArguments(strictMatch: String) -> [String] {
    ["-O", openflowVersion, "--timeout=\(timeoutSeconds)", "--strict", "del-flows", bridge, strictMatch]
  }

  /// Deletes the one flow with exactly this table, priority and match (`--strict`); others are untouched.
  public func deleteStrict(_ flow: OVSFlow) async throws {
    try await deleteStrict(strictMatch: flow.strictMatch)
  }

  /// `strictMatch` is `table=…,priority=…,<match>` as `OVSFlow.strictMatch` and `FlowReference` give it.
  public func deleteStrict(strictMatch: String) async throws {
    _ = try await run(strictDeleteArguments(strictMatch: strictMatch))
  }

  private func run(_ arguments: [String]) async throws -> ProgramOutput {
    let command = ([ofctl] + arguments).joined(separator: " ")
    let output: ProgramOutput
    do {
      output = try await runner.run(ofctl, arguments, workingDirectory: nil)
    } catch let error as ExternalCommandError {
      throw OVSCommandError(reason: .ofctlNotFound, command: command, stderr: error.reason)
    }
    guard output.status == 0 else {
      throw OVSCommandError.classify(command: command, status: output.status, stderr: output.stderr)
    }
    return output
  }
}
