import Foundation
import TestSupport
import Testing

/// Checks the fixtures themselves with the curl CLI, so a transport failure is never a fixture bug.
@Suite("Real-server fixtures (checked with the curl CLI)")
struct RealServerFixtureTests {
  static let curl = "/usr/bin/curl"

  /// Runs curl and returns stdout; `-w` output lands at the end.
  func curl(_ arguments: [String], environment: [String: String]? = nil, in directory: TemporaryDirectory)
    async throws -> String
  {
    try await ChildProcess.run(
      Self.curl, ["-sS", "--max-time", "60"] + arguments, environment: environment,
      workDirectory: directory.url)
  }

  @Test func plainApacheServesBothFilesAndLogsClientPorts() async throws {
    let apache = try await ApacheServer.start(.plain)
    defer { apache.stop() }
    let scratch = try TemporaryDirectory(prefix: "osbs-curl")
    defer { scratch.remove() }

    let small = try await curl([apache.url(ApacheServer.smallFileName)], in: scratch)
    #expect(Data(small.utf8) == ApacheServer.smallFileContents)
    // HEAD: the streaming-memory test downloads the whole gigabyte; here its size is enough.
    let head = try await curl(["-I", apache.url(ApacheServer.largeFileName)], in: scratch)
    #expect(head.contains("Content-Length: \(1 << 30)"))

    let entries = try await apache.waitForAccessLog(entries: 2)
    #expect(entries.map(\.target) == ["/small.json", "/large.bin"])
    #expect(entries.map(\.method) == ["GET", "HEAD"])
    #expect(entries.map(\.status) == [200, 200])
    #expect(entries[0].bytes == ApacheServer.smallFileContents.count)
    #expect(entries.allSatisfy { $0.clientPort > 0 })
  }

  @Test func tlsApacheVerifiesClientCertificates() async throws {
    let directory = try TemporaryDirectory(prefix: "osbs-ca")
    defer { directory.remove() }
    let ca = try await ThrowawayCA.make(in: directory)
    let apache = try await ApacheServer.start(.tls(ca, requireClientCertificate: true), largeFileSize: 1)
    defer { apache.stop() }

    let withCertificate = try await curl(
      [
        "--cacert", ca.certificatePath, "--cert", ca.clientCertificatePath, "--key", ca.clientKeyPath,
        "-D", "-", apache.url(ApacheServer.smallFileName),
      ], in: directory)
    #expect(withCertificate.contains("X-Client-CN: alice"))
    let entries = try await apache.waitForAccessLog(entries: 1)
    #expect(entries.first?.clientCommonName == "alice")

    await #expect(throws: FixtureError.self) {
      try await curl(["--cacert", ca.certificatePath, apache.url(ApacheServer.smallFileName)], in: directory)
    }
  }

  @Test func kerberosRealmAndGssapiApache() async throws {
    let realm = try await KerberosRealm.start()
    defer { realm.stop() }
    try await realm.kinit()
    let apache = try await ApacheServer.start(.negotiate(realm), largeFileSize: 1)
    defer { apache.stop() }
    let url = apache.url(ApacheServer.smallFileName)

    let withTicket = try await curl(
      ["--negotiate", "-u", ":", "-o", "/dev/null", "-w", "%{http_code}", url],
      environment: realm.environment(credentialCache: realm.credentialCachePath), in: realm.directory)
    #expect(withTicket == "200")
    let withoutTicket = try await curl(
      ["--negotiate", "-u", ":", "-o", "/dev/null", "-w", "%{http_code}", url],
      environment: realm.environment(credentialCache: realm.emptyCredentialCachePath), in: realm.directory)
    #expect(withoutTicket == "401")

    let entries = try await apache.waitForAccessLog(entries: 2)
    #expect(entries.contains { $0.status == 200 && $0.user == KerberosRealm.userPrincipal })
  }

  @Test func nginxAnswersOnItsUnixSocket() async throws {
    let nginx = try await NginxUnixSocketServer.start()
    defer { nginx.stop() }
    let scratch = try TemporaryDirectory(prefix: "osbs-curl")
    defer { scratch.remove() }

    let json = try await curl(["--unix-socket", nginx.socketPath, "http://docker/info.json"], in: scratch)
    #expect(Data(json.utf8) == NginxUnixSocketServer.jsonContents)
    let echo = try await curl(["--unix-socket", nginx.socketPath, "http://docker/echo?x=1"], in: scratch)
    #expect(echo == "GET /echo?x=1 host=docker\n")
  }

  @Test func aServerThatCannotStartReportsItsLog() async throws {
    let directory = try TemporaryDirectory(prefix: "osbs-ca")
    defer { directory.remove() }
    let ca = try await ThrowawayCA.make(in: directory)
    try FileManager.default.removeItem(atPath: ca.serverKeyPath)

    let error = await #expect(throws: FixtureError.self) {
      _ = try await ApacheServer.start(.tls(ca, requireClientCertificate: false), largeFileSize: 1)
    }
    let text = error?.description ?? ""
    #expect(text.contains("exited during start-up"), "\(text)")
    #expect(
      text.contains(ca.serverKeyPath), "the error log, which names the missing key, is included: \(text)")
  }

  /// dd touches its whole 100 MiB block buffer; the monitor must see that, and not the test process.
  @Test func peakMemoryMonitorMeasuresTheChildAlone() async throws {
    let child = try ChildProcess(
      executable: "/bin/dd", arguments: ["if=/dev/zero", "of=/dev/null", "bs=100M", "count=20"])
    let monitor = PeakMemoryMonitor(pid: child.pid)
    let report = await monitor.report()
    let termination = await child.waitForExit()
    #expect(termination.succeeded)
    #expect(report.samples > 0)
    #expect(report.peakKiB >= 100 * 1024, "\(report)")
    #expect(report.peakKiB < 200 * 1024, "\(report)")
  }

  /// Sampling must not wait for a free cooperative thread. Every one of them is kept blocked here until
  /// the short child has exited (this test's own thread included), which is the busy pool under which a
  /// monitor that started its thread from a task once reported no samples at all.
  @Test func peakMemoryMonitorSamplesWhileTheCooperativePoolIsBusy() async throws {
    let others = max(ProcessInfo.processInfo.activeProcessorCount - 1, 0)
    let blocking = DispatchSemaphore(value: 0)
    let childExited = DispatchSemaphore(value: 0)
    let blockers = (0..<others).map { _ in
      Task.detached {
        blocking.signal()
        childExited.wait()
      }
    }
    for _ in 0..<others { blocking.wait() }

    let child = try ChildProcess(executable: "/bin/sleep", arguments: ["0.2"])
    let monitor = PeakMemoryMonitor(pid: child.pid)
    // Blocks this cooperative thread too, until the child is gone (reaped below, once the pool is free).
    while PeakMemoryMonitor.highWaterKiB(statusPath: "/proc/\(child.pid)/status") != nil { usleep(10_000) }
    for _ in 0..<others { childExited.signal() }
    for blocker in blockers { await blocker.value }

    let report = await monitor.report()
    #expect(await child.waitForExit().succeeded)
    #expect(report.samples > 0, "\(report)")
    #expect(report.peakKiB > 0, "\(report)")
  }

  @Test func missingBinaryNamesTheDebianPackage() {
    let error = FixtureError.missingTool("/usr/sbin/apache2", debianPackage: "apache2")
    #expect(error.description.contains("apt-get install apache2"))
  }
}
