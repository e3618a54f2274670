import Foundation
import OSBSKit
import TestSupport
import Testing

/// `node probe --local` against a real engine (podman's Docker-compatible API service): the probe
/// container really connects to loopback sockets that refuse, accept, or drop the handshake. The
/// container shares the host's network (`NetworkMode: host`) because the test engine gives containers
/// no network of their own; the verdicts come from the kernel's answers, not from the test.
@Suite(.serialized) struct LocalNetworkProbeEngineTests {
  static let netcatImage = "localhost/probe-nc:latest"

  static func engine(_ service: PodmanService) throws -> DockerEngineClient {
    try DockerEngineClient(
      connection: DockerConnection(baseURL: "http://localhost", unixSocketPath: service.socketPath))
  }

  static func probe(
    _ service: PodmanService, url: String, image: String = netcatImage, timeout: Duration = .seconds(2)
  ) throws -> LocalNetworkProbe {
    let request = try NetworkProbeRequest(
      target: ProbeTarget(url: url), image: image, timeout: timeout, grace: .seconds(20))
    return LocalNetworkProbe(engine: try engine(service), request: request, networkMode: "host")
  }

  static func probeContainers(_ service: PodmanService) async throws -> String {
    try await service.podman([
      "ps", "-a", "--filter", "label=\(NetworkProbeRequest.label)", "--format", "{{.ID}}",
    ])
  }

  @Test func eachRealSocketOutcomeGivesItsVerdictAndNoContainerIsLeft() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    try await service.importBusyboxImage(tag: Self.netcatImage, applets: ["nc", "true"])
    let targets = try ProbeTargets()

    let cases: [(UInt16, ProbeVerdict)] = [
      (targets.closedPort, .refused), (targets.openPort, .connected), (targets.blackholePort, .timeout),
    ]
    for (port, expected) in cases {
      let report = try await Self.probe(service, url: targets.url(port: port)).run(node: "node-a")
      let result = try #require(report.results.first)
      #expect(result.verdict == expected, "port \(port): \(result)")
      #expect(result.evidence.tool == "nc")
      #expect(result.evidence.cleanup == "removed")
      // stdout and stderr reach the engine's log through separate pipes, so only presence is certain.
      #expect(result.evidence.logTail.contains { $0.hasPrefix(ProbeCommand.marker) })
      #expect(report.healthy == (expected == .refused))
      #expect(try await Self.probeContainers(service) == "")
    }
    let timedOut = try await Self.probe(service, url: targets.url(port: targets.blackholePort)).run(
      node: "node-a")
    #expect(timedOut.results.first?.nextCommand == "osbsctl ovs check --node node-a")
    #expect(timedOut.results.first?.evidence.logTail.contains("nc: timed out") == true)
  }

  @Test func missingImageIsImageMissingAndNothingIsCreated() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    let report = try await Self.probe(service, url: "http://127.0.0.1:9/", image: "localhost/no-such:1").run(
      node: "node-a")
    let result = try #require(report.results.first)
    #expect(result.verdict == .imageMissing)
    #expect(result.evidence.detail?.isEmpty == false)
    #expect(try await Self.probeContainers(service) == "")
  }

  @Test func cancellingWhileTheProbeHangsRemovesTheContainer() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    try await service.importBusyboxImage(tag: Self.netcatImage, applets: ["nc", "true"])
    let targets = try ProbeTargets()
    let probe = try Self.probe(service, url: targets.url(port: targets.blackholePort), timeout: .seconds(60))
    let running = Task { try await probe.run(node: "node-a") }
    // Cancel only once the container exists, the way Ctrl-C arrives mid-probe.
    var seen = false
    for _ in 0..<300 where !seen {
      seen = try await !Self.probeContainers(service).isEmpty
      if !seen { try await Task.sleep(for: .milliseconds(100)) }
    }
    #expect(seen)
    running.cancel()
    let outcome = await running.result
    #expect(throws: (any Error).self) { try outcome.get() }
    #expect(try await Self.probeContainers(service) == "")
  }
}
