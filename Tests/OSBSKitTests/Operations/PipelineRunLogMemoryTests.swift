import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `build logs -f` of a PipelineRun whose parallel TaskRuns write 200 MiB, printed to a reader that falls
/// behind: the TaskRun readers must wait for it rather than hold the log. Measured on a child `osbsctl`
/// (its own VmHWM, as `StreamingMemoryTests` does), never on the test process, which serves the log.
@Suite("PipelineRun logs to a slow reader keep osbsctl's peak RSS small")
struct PipelineRunLogMemoryTests {
  static let peakLimitKiB = 64 * 1024
  static let taskRunCount = 4
  static let bytesPerStep = 50 << 20
  static let lineBytes = 1_000

  /// One step's log: numbered lines of `lineBytes` bytes each, newline included.
  static func log(tag: String) -> String {
    let lines = bytesPerStep / lineBytes
    return (1...lines).map { number in
      let head = "\(tag) line \(number) "
      return head + String(repeating: "x", count: lineBytes - head.utf8.count - 1) + "\n"
    }.joined()
  }

  @Test(.timeLimit(.minutes(5)))
  func twoHundredMebibytesOfParallelTaskRunLogsReachASlowReaderWithBoundedPeakRSS() async throws {
    let run = PipelineRunLogStreamTests.run
    let plans = (0..<Self.taskRunCount).map { index in
      let task = "binary-container-build-\(index)"
      return TektonLogServer.TaskRunPlan(
        pipelineTask: task, name: "\(run)-\(task)", pod: "\(run)-\(task)-pod",
        steps: [.init(name: "binary-container-build", log: Self.log(tag: "arch\(index)"))])
    }
    let server = try TektonLogServer(run: run, taskRuns: plans, pipelineOrder: plans.map(\.pipelineTask))

    let directory = try TemporaryDirectory(prefix: "osbs-prlog-memory")
    defer { directory.remove() }
    let kubeconfig = directory.file("kubeconfig")
    try """
    apiVersion: v1
    kind: Config
    clusters: [{name: c, cluster: {server: "\(server.server.baseURL)"}}]
    users: [{name: u, user: {}}]
    contexts: [{name: c, context: {cluster: c, user: u, namespace: \(server.namespace)}}]
    current-context: c

    """.write(toFile: kubeconfig, atomically: true, encoding: .utf8)
    var environment = ProcessInfo.processInfo.environment.filter { key, _ in
      !(key.hasPrefix("OSBSCTL_") || key.hasPrefix("KUBE") || key.hasPrefix("KRB5")
        || key == "XDG_CONFIG_HOME")
    }
    environment["HOME"] = directory.path
    environment["KUBECONFIG"] = kubeconfig

    let osbsctl = try BuiltProducts.executable("osbsctl")
    let channel = try DescriptorDrain.makeChannel()
    let stderrPath = directory.file("osbsctl.stderr")
    let child: ChildProcess
    do {
      child = try ChildProcess(
        executable: osbsctl, arguments: ["build", "logs", "--kind", "pipelinerun", "-f", run],
        environment: environment, stderrPath: stderrPath, stdoutDescriptor: channel.write)
    } catch {
      close(channel.read)
      close(channel.write)
      throw error
    }
    close(channel.write)
    let memory = PeakMemoryMonitor(pid: child.pid)
    // 64 KiB per millisecond at most: far slower than loopback readers.
    let bytesOnStdout = try await DescriptorDrain.count(
      channel.read, readSize: 64 << 10, pauseMicroseconds: 1_000)
    let peak = await memory.report()
    let termination = await child.waitForExit()
    let stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""

    #expect(termination.exitCode == 0, "osbsctl build logs -f failed (\(termination)): \(stderr)")
    // Every line with its `[task : step] ` label, and one empty line after each step.
    let label = "[binary-container-build-0 : binary-container-build] ".utf8.count
    let lines = Self.bytesPerStep / Self.lineBytes
    #expect(bytesOnStdout == Self.taskRunCount * (lines * (Self.lineBytes + label) + 1))
    #expect(peak.samples > 10, "the child ran too briefly to be measured")
    #expect(peak.peakKiB > 0)
    #expect(
      peak.peakKiB < Self.peakLimitKiB, "peak RSS \(peak.peakKiB) KiB for \(bytesOnStdout) bytes of log")
  }
}
