import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A run that only reads local files has no task or signal sources (`CommandRunner`); Ctrl-C and SIGTERM
/// must still end it with the interrupted status, 2, as README's exit codes say of every run. Its input
/// may be a pipe (`--from <(ssh node ovs-ofctl …)`), which is read to its end.
@Suite("ovs check on saved inputs: pipes, Ctrl-C and SIGTERM")
struct LocalRunInterruptTests {
  @Test(arguments: [SIGINT, SIGTERM])
  func anInterruptedLocalRunExitsWithTheInterruptedStatus(signal number: Int32) async throws {
    let cli = try CLI()
    let fifo = cli.home.appendingPathComponent("flows.fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let pods = try cli.write("pods.json", #"{"kind":"PodList","apiVersion":"v1","items":[]}"#)
    let running = try RunningCLI(
      cli, ["ovs", "check", "--from", fifo, "--pods-from", pods], environment: [:])
    // A writer can open the FIFO only once osbsctl has it open for reading, which it does in the command's
    // body; it then waits in read(2) for text that never comes, until the signal.
    var writer: Int32 = -1
    for _ in 0..<800 where writer < 0 {
      writer = open(fifo, O_WRONLY | O_NONBLOCK)
      if writer < 0 { try await Task.sleep(for: .milliseconds(25)) }
    }
    defer { if writer >= 0 { close(writer) } }
    try #require(writer >= 0, "osbsctl never opened the dump: \(running.stderr)")
    kill(running.child.pid, number)
    let result = await running.finish()
    #expect(result.exitCode == 2, "\(result.summary)")
    #expect(result.stdout.isEmpty)
  }

  /// FileManager read a pipe as nothing ("cannot read flow dump /dev/fd/63"); it is read to its end.
  @Test func aDumpGivenAsAPipeIsReadToItsEnd() async throws {
    let cli = try CLI()
    let fifo = cli.home.appendingPathComponent("flows.fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let dump = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("OSBSKitTests/Fixtures/ovs/ovs-3.1.0-dump-flows-one-stale-pod.txt"),
      encoding: .utf8)
    // The pods that own every per-pod flow of that dump: the check is clean.
    let items = ["10.128.1.7", "10.129.1.108", "10.129.1.168"].enumerated().map { index, address in
      #"{"metadata":{"name":"build-\#(index)","namespace":"osbs"},"spec":{"nodeName":"node-1"},"#
        + #""status":{"phase":"Running","podIP":"\#(address)"}}"#
    }
    let pods = try cli.write(
      "pods.json", #"{"kind":"PodList","apiVersion":"v1","items":["# + items.joined(separator: ",") + "]}")
    let writer = Thread {
      let descriptor = open(fifo, O_WRONLY)
      _ = dump.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, dump.utf8.count) }
      close(descriptor)
    }
    writer.start()
    let result = try await cli.osbsctl(["ovs", "check", "--from", fifo, "--pods-from", pods, "-o", "json"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let report = try result.json()
    #expect(report["flowsFrom"] as? String == fifo)
    #expect((report["stale"] as? [Any])?.isEmpty == true)
    #expect(report["clean"] as? Bool == true)
  }
}
