import Foundation
import Testing

@testable import OSBSKit

/// The verdict rules on the outputs the probe's tools really print. The nc lines are busybox 1.35's
/// (Debian 12) messages for a refused port, a full accept queue and an unresolvable name; the curl exit
/// codes are the ones curl documents (6 resolve, 7 connect, 28 timeout).
@Suite struct NetworkProbeVerdictTests {
  static func verdict(_ exitCode: Int, _ log: String) -> ProbeVerdict {
    ProbeClassifier.finding(for: .finished(exitCode: exitCode, log: log)).verdict
  }

  @Test func busyboxNetcatMessages() {
    #expect(
      Self.verdict(
        1, "nc: can't connect to remote host (127.0.0.1): Connection refused\nosbsctl-probe: tool=nc exit=1\n"
      )
        == .refused)
    #expect(Self.verdict(1, "nc: timed out\nosbsctl-probe: tool=nc exit=1\n") == .timeout)
    #expect(
      Self.verdict(1, "nc: bad address 'nosuch.invalid'\nosbsctl-probe: tool=nc exit=1\n") == .dnsFailure)
    #expect(Self.verdict(0, "osbsctl-probe: tool=nc exit=0\n") == .connected)
    #expect(Self.verdict(1, "nc: invalid option -- 'e'\nosbsctl-probe: tool=nc exit=1\n") == .probeError)
    // The kernel gave up on the SYNs before -w: a black hole, not a refusal.
    #expect(
      Self.verdict(
        1,
        "nc: can't connect to remote host (127.0.0.1): Connection timed out\nosbsctl-probe: tool=nc exit=1\n")
        == .timeout)
    #expect(
      Self.verdict(
        1, "nc: can't connect to remote host (10.0.0.9): No route to host\nosbsctl-probe: tool=nc exit=1\n")
        == .probeError)
  }

  @Test func curlExitCodes() {
    #expect(Self.verdict(7, "curl: (7) Failed to connect\nosbsctl-probe: tool=curl exit=7") == .refused)
    #expect(Self.verdict(28, "curl: (28) Connection timed out\nosbsctl-probe: tool=curl exit=28") == .timeout)
    // The time ran out after the connection: the target accepted and sent nothing.
    #expect(
      Self.verdict(
        28,
        "curl: (28) Operation timed out after 3001 milliseconds with 0 bytes received\n"
          + "osbsctl-probe: tool=curl exit=28") == .connected)
    #expect(
      Self.verdict(6, "curl: (6) Could not resolve host\nosbsctl-probe: tool=curl exit=6") == .dnsFailure)
    #expect(Self.verdict(0, "osbsctl-probe: tool=curl exit=0") == .connected)
    // Connected, then TLS failed: egress reached the target all the same.
    #expect(Self.verdict(35, "osbsctl-probe: tool=curl exit=35") == .connected)
    #expect(Self.verdict(3, "osbsctl-probe: tool=curl exit=3") == .probeError)
  }

  @Test func noMarkerOrNoToolIsAProbeError() {
    #expect(Self.verdict(127, "osbsctl-probe: tool=none exit=127") == .probeError)
    #expect(Self.verdict(126, "exec failed") == .probeError)
    // The marker the script printed last wins over anything the target echoed before it.
    #expect(
      Self.verdict(1, "osbsctl-probe: tool=curl exit=0\nnc: timed out\nosbsctl-probe: tool=nc exit=1")
        == .timeout)
  }

  @Test func outcomesWithoutARunAndTheirNextCommands() {
    #expect(ProbeClassifier.finding(for: .imageMissing(detail: "no such image")).verdict == .imageMissing)
    #expect(ProbeClassifier.finding(for: .notScheduled(detail: "Pending")).verdict == .notScheduled)
    #expect(ProbeClassifier.finding(for: .stillRunning(log: "")).verdict == .timeout)
    #expect(ProbeClassifier.nextCommand(for: .timeout, node: "n1") == "osbsctl ovs check --node n1")
    #expect(ProbeClassifier.nextCommand(for: .refused, node: "n1") == nil)
  }

  @Test func targetsAndTimeoutsAreChecked() throws {
    let target = try ProbeTarget(url: "https://example.org/x")
    #expect(target.host == "example.org" && target.port == 443)
    #expect(try ProbeTarget(url: "http://127.0.0.1:8080/").port == 8080)
    #expect(throws: NetworkProbeError.self) { try ProbeTarget(url: "example.org") }
    #expect(throws: NetworkProbeError.self) { try ProbeTarget(url: "http://a;b/") }
    #expect(throws: NetworkProbeError.self) {
      try NetworkProbeRequest(target: target, image: "x", timeout: .milliseconds(10))
    }
  }

  @Test func reportIsHealthyOnlyWhenEveryNodeRefused() throws {
    func result(_ verdict: ProbeVerdict) -> NodeProbeResult {
      NodeProbeResult(
        node: "n", verdict: verdict, reason: "", nextCommand: nil,
        evidence: .init(logTail: [], cleanup: "removed"))
    }
    var report = NodeProbeReport(
      mode: "local", target: "http://x/", image: "i", timeoutSeconds: 1,
      results: [result(.refused), result(.refused)])
    #expect(report.healthy)
    report.results.append(result(.timeout))
    #expect(!report.healthy)
    let json = try JSONEncoder().encode(report)
    let decoded = try JSONDecoder().decode(NodeProbeReport.self, from: json)
    #expect(decoded == report)
    #expect(String(decoding: json, as: UTF8.self).contains("\"healthy\":false"))
  }
}
