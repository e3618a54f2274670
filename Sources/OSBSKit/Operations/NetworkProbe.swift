import Foundation

/// What the runbook's network test (`docker run buildroot`, then `curl https://…`) says about a node.
public enum ProbeVerdict: String, Sendable, Codable, CaseIterable {
  /// The connection was refused: the node's rules restrict the buildroot's egress, as designed.
  case refused
  /// The connection attempt hung until the timeout: the stale-flow symptom.
  case timeout
  /// The target answered: egress is not restricted, a security finding.
  case connected
  /// The target's name did not resolve inside the container.
  case dnsFailure = "dns-failure"
  /// The probe image is not on the node (and, for a pod, could not be pulled).
  case imageMissing = "image-missing"
  /// The probe pod never got to run on the node.
  case notScheduled = "not-scheduled"
  /// The probe ran but its result means none of the above (no curl or nc in the image, a bad target).
  case probeError = "probe-error"
}

/// The URL the probe tries and the host and port it connects to.
public struct ProbeTarget: Sendable, Equatable, Codable {
  public var url: String
  public var host: String
  public var port: Int

  public init(url text: String) throws(NetworkProbeError) {
    guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
      ["http", "https"].contains(scheme), let host = components.host, !host.isEmpty
    else {
      throw .badTarget(text, "expected an http:// or https:// URL with a host")
    }
    guard host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:[]".contains($0) }) else {
      throw .badTarget(text, "the host has characters a host name cannot have")
    }
    self.url = text
    self.host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    self.port = components.port ?? (scheme == "https" ? 443 : 80)
  }
}

/// Bad probe input: a target that is not a URL, a timeout out of range.
public enum NetworkProbeError: ClassifiedError, Equatable {
  case badTarget(String, String)
  case badTimeout(String)
  case noNodes

  public var failureKind: FailureKind { .usage }

  public var description: String {
    switch self {
    case .badTarget(let text, let why): return "probe target \"\(text)\" is not usable: \(why)"
    case .badTimeout(let why): return "probe timeout: \(why)"
    case .noNodes: return "no nodes to probe: name nodes or give a label selector that matches some"
    }
  }
}

/// The command the probe container runs and how its output is read.
///
/// The runbook uses curl, which buildroot images have; images without curl (busybox-based ones) get
/// busybox's `nc`, whose connect-with-timeout (`-w`) and `-e true` (exit 0 once connected) give the same
/// distinctions through its messages. Either way the script ends with one marker line naming the tool and
/// its exit code, so the verdict never depends on the container runtime's own exit-code conventions.
public enum ProbeCommand {
  public static let marker = "osbsctl-probe:"

  static let script = """
    url=$1 host=$2 port=$3 secs=$4
    if command -v curl >/dev/null 2>&1; then
      curl -sS -o /dev/null --connect-timeout "$secs" --max-time "$secs" "$url"; rc=$?; tool=curl
    elif command -v nc >/dev/null 2>&1; then
      nc -w "$secs" "$host" "$port" -e true </dev/null; rc=$?; tool=nc
    else
      echo "\(marker) tool=none exit=127"; exit 127
    fi
    echo "\(marker) tool=$tool exit=$rc"
    exit $rc
    """

  /// The entrypoint: a POSIX shell, which every buildroot (and busybox) image has.
  public static let entrypoint = ["/bin/sh", "-c"]

  /// The arguments after the entrypoint; the tool's own timeout is whole seconds, at least 1.
  public static func arguments(target: ProbeTarget, timeout: Duration) -> [String] {
    let seconds = max(1, Int(timeout.components.seconds))
    return [script, "osbsctl-probe", target.url, target.host, String(target.port), String(seconds)]
  }
}

/// What was seen of one probe run, whichever way it ran (a pod, a local container).
public enum ProbeOutcome: Sendable, Equatable {
  /// The container ran and exited.
  case finished(exitCode: Int, log: String)
  /// The image is not there and could not be pulled; the detail is the engine's or kubelet's message.
  case imageMissing(detail: String)
  /// The pod never started on the node within the wait.
  case notScheduled(detail: String)
  /// The container was still running when the wait ended.
  case stillRunning(log: String)
}

/// A verdict with why, and what to run next.
public struct ProbeFinding: Sendable, Equatable {
  public var verdict: ProbeVerdict
  public var reason: String
  public var tool: String?
  public var toolExitCode: Int?
}

/// The verdict rules, a pure function of what the probe left behind.
public enum ProbeClassifier {
  /// curl's documented exit codes that mean the TCP connection was made (the failure came later: TLS,
  /// an empty or odd reply, a certificate, a reset after connecting).
  static let curlConnectedAfterward: Set<Int> = [8, 16, 18, 35, 51, 52, 56, 60, 92]

  public static func finding(for outcome: ProbeOutcome) -> ProbeFinding {
    switch outcome {
    case .imageMissing(let detail):
      return ProbeFinding(verdict: .imageMissing, reason: "the probe image is not available: \(detail)")
    case .notScheduled(let detail):
      return ProbeFinding(verdict: .notScheduled, reason: "the probe pod did not run on the node: \(detail)")
    case .stillRunning:
      return ProbeFinding(
        verdict: .timeout, reason: "the probe was still trying when the wait ended (it hung)")
    case .finished(let exitCode, let log):
      return finished(exitCode: exitCode, log: log)
    }
  }

  static func finished(exitCode: Int, log: String) -> ProbeFinding {
    guard let (tool, code) = markerLine(in: log) else {
      return ProbeFinding(
        verdict: .probeError,
        reason: "the probe exited with \(exitCode) without reporting a result (is /bin/sh in the image?)")
    }
    var finding: ProbeFinding
    switch tool {
    case "curl": finding = curl(code, log: log)
    case "nc": finding = netcat(code, log: log)
    case "none":
      finding = ProbeFinding(verdict: .probeError, reason: "the image has neither curl nor nc")
    default:
      finding = ProbeFinding(verdict: .probeError, reason: "unknown probe tool \(tool)")
    }
    finding.tool = tool == "none" ? nil : tool
    finding.toolExitCode = tool == "none" ? nil : code
    return finding
  }

  static func curl(_ code: Int, log: String = "") -> ProbeFinding {
    switch code {
    case 0: return ProbeFinding(verdict: .connected, reason: "curl reached the target (exit 0)")
    case 5, 6:
      return ProbeFinding(verdict: .dnsFailure, reason: "curl could not resolve the host (exit \(code))")
    case 7: return ProbeFinding(verdict: .refused, reason: "curl could not connect: refused (exit 7)")
    // The time ran out after the connection was made ("Operation timed out after … with 0 bytes
    // received"): the target took the connection and did not answer in time.
    case 28 where log.contains("bytes received"):
      return ProbeFinding(
        verdict: .connected, reason: "curl connected, then the target did not answer in time (exit 28)")
    case 28: return ProbeFinding(verdict: .timeout, reason: "curl timed out connecting (exit 28)")
    case let code where curlConnectedAfterward.contains(code):
      return ProbeFinding(
        verdict: .connected, reason: "curl connected, then failed after connecting (exit \(code))")
    default:
      return ProbeFinding(
        verdict: .probeError, reason: "curl failed with exit \(code), which says nothing about egress")
    }
  }

  /// busybox nc exits 1 for every failure; its message says which.
  static func netcat(_ code: Int, log: String) -> ProbeFinding {
    if code == 0 { return ProbeFinding(verdict: .connected, reason: "nc connected to the target (exit 0)") }
    let text = log.lowercased()
    // Before "can't connect": when the kernel gives up on the SYNs before -w, nc says "can't connect to
    // remote host (…): Connection timed out".
    if text.contains("timed out") {
      return ProbeFinding(verdict: .timeout, reason: "nc timed out connecting")
    }
    if text.contains("connection refused") {
      return ProbeFinding(verdict: .refused, reason: "nc could not connect: refused")
    }
    if text.contains("bad address") {
      return ProbeFinding(verdict: .dnsFailure, reason: "nc could not resolve the host")
    }
    if let line = log.split(whereSeparator: \.isNewline).first(where: { $0.contains("can't connect") }) {
      return ProbeFinding(verdict: .probeError, reason: "nc could not connect: \(line)")
    }
    return ProbeFinding(verdict: .probeError, reason: "nc failed with exit \(code) and an unknown message")
  }

  /// The last `osbsctl-probe: tool=T exit=N` line.
  static func markerLine(in log: String) -> (String, Int)? {
    for line in log.split(whereSeparator: \.isNewline).reversed() {
      guard let range = line.range(of: ProbeCommand.marker) else { continue }
      var tool: String?
      var code: Int?
      for field in line[range.upperBound...].split(separator: " ") {
        if field.hasPrefix("tool=") { tool = String(field.dropFirst(5)) }
        if field.hasPrefix("exit=") { code = Int(field.dropFirst(5)) }
      }
      if let tool, let code { return (tool, code) }
    }
    return nil
  }

  /// What to run next for a verdict on `node`.
  public static func nextCommand(for verdict: ProbeVerdict, node: String) -> String? {
    switch verdict {
    case .timeout: return "osbsctl ovs check --node \(node)"
    case .refused, .connected, .dnsFailure, .imageMissing, .notScheduled, .probeError: return nil
    }
  }
}

/// One node's probe: the verdict, why, what to run next, and the evidence.
public struct NodeProbeResult: Sendable, Equatable, Codable {
  public struct Evidence: Sendable, Equatable, Codable {
    /// The container's exit code, when it exited.
    public var exitCode: Int?
    /// `curl` or `nc`, and its own exit code, from the probe's marker line.
    public var tool: String?
    public var toolExitCode: Int?
    /// The log's last lines.
    public var logTail: [String]
    /// From the request to create the container (pod) until it ran, and how long it ran.
    public var startSeconds: Double?
    public var runSeconds: Double?
    /// The engine's or kubelet's words when the probe never ran.
    public var detail: String?
    /// What happened to the probe container (pod) afterwards: `removed`, or why it could not be.
    public var cleanup: String
  }

  public var node: String
  public var verdict: ProbeVerdict
  public var reason: String
  public var nextCommand: String?
  public var evidence: Evidence

  enum CodingKeys: String, CodingKey {
    case node = "nodeName"
    case verdict, reason, nextCommand, evidence
  }
}

/// `node probe`: one result per node.
public struct NodeProbeReport: Sendable, Equatable, Codable {
  /// `local` (Docker Engine API on this host) or `pod` (a pod pinned to each node).
  public var mode: String
  public var target: String
  public var image: String
  public var timeoutSeconds: Int
  public var results: [NodeProbeResult]
  /// True only when every node refused: the healthy answer.
  public var healthy: Bool { !results.isEmpty && results.allSatisfy { $0.verdict == .refused } }

  enum CodingKeys: String, CodingKey { case mode, target, image, timeoutSeconds, healthy, results }

  public init(mode: String, target: String, image: String, timeoutSeconds: Int, results: [NodeProbeResult]) {
    self.mode = mode
    self.target = target
    self.image = image
    self.timeoutSeconds = timeoutSeconds
    self.results = results
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    mode = try container.decode(String.self, forKey: .mode)
    target = try container.decode(String.self, forKey: .target)
    image = try container.decode(String.self, forKey: .image)
    timeoutSeconds = try container.decode(Int.self, forKey: .timeoutSeconds)
    results = try container.decode([NodeProbeResult].self, forKey: .results)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(mode, forKey: .mode)
    try container.encode(target, forKey: .target)
    try container.encode(image, forKey: .image)
    try container.encode(timeoutSeconds, forKey: .timeoutSeconds)
    try container.encode(healthy, forKey: .healthy)
    try container.encode(results, forKey: .results)
  }
}

/// The probe's inputs, shared by the local and the pod path.
public struct NetworkProbeRequest: Sendable, Equatable {
  public static let label = "osbsctl.io/probe"
  public static let defaultTarget = "https://fedoraproject.org/"
  public static let logLines = 20

  public var target: ProbeTarget
  public var image: String
  /// How long the tool tries to connect.
  public var timeout: Duration
  /// Extra time for the container to start and report, past the tool's own timeout.
  public var grace: Duration

  public init(target: ProbeTarget, image: String, timeout: Duration, grace: Duration = .seconds(30))
    throws(NetworkProbeError)
  {
    guard timeout >= .seconds(1) else { throw .badTimeout("must be at least 1s") }
    guard timeout <= .seconds(600) else { throw .badTimeout("must be at most 10m") }
    self.target = target
    self.image = image
    self.timeout = timeout
    self.grace = grace
  }

  /// A result from what was seen.
  func result(
    node: String, outcome: ProbeOutcome, startSeconds: Double?, runSeconds: Double?, cleanup: String
  ) -> NodeProbeResult {
    let finding = ProbeClassifier.finding(for: outcome)
    var evidence = NodeProbeResult.Evidence(
      logTail: [], startSeconds: startSeconds, runSeconds: runSeconds, cleanup: cleanup)
    evidence.tool = finding.tool
    evidence.toolExitCode = finding.toolExitCode
    switch outcome {
    case .finished(let exitCode, let log):
      evidence.exitCode = exitCode
      evidence.logTail = Self.tail(log)
    case .stillRunning(let log): evidence.logTail = Self.tail(log)
    case .imageMissing(let detail), .notScheduled(let detail): evidence.detail = detail
    }
    return NodeProbeResult(
      node: node, verdict: finding.verdict, reason: finding.reason,
      nextCommand: ProbeClassifier.nextCommand(for: finding.verdict, node: node), evidence: evidence)
  }

  static func tail(_ log: String) -> [String] {
    Array(log.split(whereSeparator: \.isNewline).map(String.init).suffix(logLines))
  }
}
