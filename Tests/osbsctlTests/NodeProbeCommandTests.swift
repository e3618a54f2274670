import Foundation
import OSBSKit
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `osbsctl node probe --local` against a real podman API service, the probe container connecting to
/// loopback sockets that refuse, accept or drop the handshake (the container shares the host's network:
/// the test engine gives containers none of their own). Image and target come from the profile's
/// `probe.image` / `probe.target` or the flags.
@Suite(.serialized) struct NodeProbeCommandTests {
  static let image = "localhost/probe-nc:latest"

  static func report(_ result: CLIResult) throws -> NodeProbeReport {
    do {
      return try JSONDecoder().decode(NodeProbeReport.self, from: Data(result.stdout.utf8))
    } catch {
      throw FixtureError(
        "not a probe report (exit \(String(describing: result.exitCode))): \(result.stdout)\n\(result.stderr)"
      )
    }
  }

  @Test func localProbeExitsZeroOnlyWhenRefusedAndReadsTheProfile() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    try await service.importBusyboxImage(tag: Self.image, applets: ["nc", "true"])
    let targets = try ProbeTargets()
    let cli = try CLI()
    try cli.write(
      ".config/osbsctl/config.yaml",
      """
      defaultProfile: lab
      profiles:
        lab:
          probe:
            image: \(Self.image)
            target: \(targets.url(port: targets.closedPort))
      """)
    let local = ["node", "probe", "--local", "--host", service.host, "--network", "host", "--timeout", "2s"]

    let refused = try await cli.osbsctl(local + ["node-a", "-o", "json"])
    #expect(refused.exitCode == 0, "\(refused.stderr)")
    let healthy = try Self.report(refused)
    #expect(healthy.healthy && healthy.image == Self.image && healthy.mode == "local")
    #expect(healthy.results.map(\.verdict) == [.refused])
    #expect(healthy.results.first?.node == "node-a")

    let hung = try await cli.osbsctl(
      local + ["--target", targets.url(port: targets.blackholePort), "node-a"])
    #expect(hung.exitCode == 1)
    #expect(hung.stdout.contains("timeout"))
    #expect(hung.stdout.contains("osbsctl ovs check --node node-a"))

    let open = try await cli.osbsctl(local + ["--target", targets.url(port: targets.openPort), "-o", "json"])
    #expect(open.exitCode == 1)
    #expect(try Self.report(open).results.map(\.verdict) == [.connected])

    let missing = try await cli.osbsctl(local + ["--image", "localhost/nope:1", "-o", "json"])
    #expect(missing.exitCode == 1)
    #expect(try Self.report(missing).results.map(\.verdict) == [.imageMissing])

    // A name under .invalid never resolves (RFC 6761); the long limit leaves time for a slow resolver's "no".
    let unresolved = try await cli.osbsctl([
      "node", "probe", "--local", "--host", service.host, "--network", "host", "--timeout", "20s",
      "--target", "http://osbsctl-probe.invalid:80/", "-o", "json",
    ])
    #expect(unresolved.exitCode == 1)
    let dns = try Self.report(unresolved)
    #expect(dns.results.map(\.verdict) == [.dnsFailure], "\(unresolved.stdout)")
    #expect(dns.results.first?.evidence.logTail.joined().contains("osbsctl-probe.invalid") == true)

    let leftovers = try await service.podman([
      "ps", "-a", "--filter", "label=\(NetworkProbeRequest.label)", "--format", "{{.ID}}",
    ])
    #expect(leftovers.isEmpty)
  }

  /// Ctrl-C, or SIGTERM (what a fleet pod's osbsctl gets when its pod is deleted), mid-probe.
  @Test(arguments: [SIGINT, SIGTERM])
  func aSignalWhileTheProbeHangsRemovesTheContainer(_ signal: Int32) async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    try await service.importBusyboxImage(tag: Self.image, applets: ["nc", "true"])
    let targets = try ProbeTargets()
    let cli = try CLI()
    let running = try RunningCLI(
      cli,
      [
        "node", "probe", "--local", "--host", service.host, "--network", "host", "--image", Self.image,
        "--target", targets.url(port: targets.blackholePort), "--timeout", "60s",
      ], environment: [:])
    let listProbes = ["ps", "-a", "--filter", "label=\(NetworkProbeRequest.label)", "--format", "{{.ID}}"]
    var started = false
    for _ in 0..<300 where !started {
      started = try await !service.podman(listProbes).isEmpty
      if !started { try await Task.sleep(for: .milliseconds(100)) }
    }
    #expect(started)
    kill(running.child.pid, signal)
    let result = await running.finish()
    #expect(result.exitCode == 2, "\(result.stderr)")
    #expect(try await service.podman(listProbes).isEmpty)
  }

  @Test func badInputIsAUsageError() async throws {
    let cli = try CLI()
    let both = try await cli.osbsctl(["node", "probe", "n1", "-l", "a=b"])
    #expect(both.exitCode == 64)
    let localSelector = try await cli.osbsctl(["node", "probe", "--local", "-l", "a=b"])
    #expect(localSelector.exitCode == 64)
    let badTimeout = try await cli.osbsctl(["node", "probe", "n1", "--timeout", "soon"])
    #expect(badTimeout.exitCode == 64)
    let badTarget = try await cli.osbsctl(["node", "probe", "--local", "--target", "google.com"])
    #expect(badTarget.exitCode == 64)
    #expect(badTarget.stderr.contains("google.com"))
  }
}
