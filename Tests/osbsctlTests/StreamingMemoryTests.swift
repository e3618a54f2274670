import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The streaming body path must not hold a download in memory. Measured on a child `osbsctl`
/// process (its own VmHWM), never on the test process, whose heap the other tests share.
@Suite("Streaming a 1 GiB body through osbsctl keeps peak RSS small")
struct StreamingMemoryTests {
  static let peakLimitKiB = 64 * 1024

  @Test(.timeLimit(.minutes(3)))
  func oneGibibyteBodyStreamsToStdoutWithBoundedPeakRSS() async throws {
    let osbsctl = try BuiltProducts.executable("osbsctl")
    let apache = try await ApacheServer.start(.plain)
    defer { apache.stop() }
    let url = apache.url(ApacheServer.largeFileName)

    let channel = try DescriptorDrain.makeChannel()
    let stderrPath = apache.directory.file("osbsctl.stderr")
    let child: ChildProcess
    do {
      child = try ChildProcess(
        executable: osbsctl, arguments: ["debug", "fetch", url], stderrPath: stderrPath,
        stdoutDescriptor: channel.write)
    } catch {
      close(channel.read)
      close(channel.write)
      throw error
    }
    close(channel.write)
    let memory = PeakMemoryMonitor(pid: child.pid)
    let bytesOnStdout = try await DescriptorDrain.count(channel.read)
    let peak = await memory.report()
    let termination = await child.waitForExit()
    let stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""

    #expect(termination.exitCode == 0, "osbsctl debug fetch failed (\(termination)): \(stderr)")
    #expect(bytesOnStdout == Int(apache.largeFileSize))
    #expect(peak.samples > 10, "the child ran too briefly to be measured")
    #expect(peak.peakKiB > 0)
    #expect(
      peak.peakKiB < Self.peakLimitKiB, "peak RSS \(peak.peakKiB) KiB for a \(apache.largeFileSize)-byte body"
    )
    let entries = try await apache.waitForAccessLog(entries: 1)
    #expect(entries.map(\.status) == [200])
  }
}
