import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

/// `doctor --probe`: the walk to the build's node on the sandbox cluster, then a real probe on that node
/// (a container on real podman trying loopback sockets), folded into the verdict. The sandbox cannot
/// run probe pods yet, so the node's probe runs through the local engine here.
@Suite(.serialized) struct DoctorProbeTests {
  static func doctor(_ fixture: ClusterFixture, probe: LocalNetworkProbe) -> BuildDoctor {
    var doctor = BuildDoctor(
      client: fixture.client, scope: .current,
      kojiSession: { throw CancellationError() },
      flowAccess: { _ in .unavailable(reason: "not this host") })
    doctor.networkProbe = { node in try await probe.probe(node: node) }
    return doctor
  }

  @Test func probeVerdictsAreFoldedIntoTheDoctorsVerdict() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    let image = "localhost/probe-nc:latest"
    try await service.importBusyboxImage(tag: image, applets: ["nc", "true"])
    let targets = try ProbeTargets()
    let engine = try DockerEngineClient(
      connection: DockerConnection(baseURL: "http://localhost", unixSocketPath: service.socketPath))
    func probe(_ port: UInt16) throws -> LocalNetworkProbe {
      LocalNetworkProbe(
        engine: engine,
        request: try NetworkProbeRequest(
          target: ProbeTarget(url: targets.url(port: port)), image: image, timeout: .seconds(2),
          grace: .seconds(20)),
        networkMode: "host")
    }
    try await ClusterFixture.run { fixture in
      let builds = try await fixture.client.builds().collect()
      var located: (String, String)?
      for build in builds where located == nil {
        if let node = try? await fixture.client.nodeOfBuild(named: build.metadata.name).nodeName {
          located = (build.metadata.name, node)
        }
      }
      let (name, node) = try #require(located)

      let hung = try await Self.doctor(fixture, probe: try probe(targets.blackholePort)).diagnose(build: name)
      #expect(hung.probe?.verdict == .timeout)
      #expect(hung.verdict.problems.map(\.code).contains("probe-timeout"))
      #expect(hung.verdict.nextCommands.contains("osbsctl ovs check --node \(node)"))
      #expect(hung.hops.contains { $0.step == "probe" && $0.status == "problem" })

      let open = try await Self.doctor(fixture, probe: try probe(targets.openPort)).diagnose(build: name)
      #expect(open.verdict.problems.map(\.code).contains("probe-connected"))

      let refused = try await Self.doctor(fixture, probe: try probe(targets.closedPort)).diagnose(build: name)
      #expect(refused.probe?.verdict == .refused)
      #expect(!refused.verdict.problems.map(\.code).contains { $0.hasPrefix("probe-") })
      #expect(refused.hops.contains { $0.step == "probe" && $0.status == "ok" })
    }
    #expect(
      try await service.podman([
        "ps", "-a", "--filter", "label=\(NetworkProbeRequest.label)", "--format", "{{.ID}}",
      ]).isEmpty)
  }
}
