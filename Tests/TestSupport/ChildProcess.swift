import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a child process ended.
///
/// Deliberately no `ru_maxrss`: Linux folds the parent's high-water RSS into a spawned child's
/// (exec records the outgoing address space's peak, and posix_spawn/fork start from the parent's),
/// so wait4's figure is max(test process, child). `PeakMemoryMonitor` measures the child alone.
public struct ChildTermination: Sendable, Equatable {
  public var exitCode: Int32?
  public var signal: Int32?

  public var succeeded: Bool { exitCode == 0 }

  init(waitStatus: Int32) {
    let low = waitStatus & 0x7f
    exitCode = low == 0 ? (waitStatus >> 8) & 0xff : nil
    signal = low != 0 && low != 0x7f ? low : nil
  }
}

/// A process started with posix_spawn that this test owns: it is stopped by PID and always reaped.
///
/// Not Foundation's `Process`: children spawned from a dispatch thread inherit its blocked signals
/// (a server would ignore SIGTERM), and its `waitUntilExit` spins a cooperative thread's run loop.
public final class ChildProcess: Sendable {
  public let pid: pid_t
  public let executable: String
  private let termination = Mutex<ChildTermination?>(nil)

  /// Starts `executable` with stdin/stdout/stderr redirected to the given paths (nil: /dev/null).
  /// `stdoutDescriptor` (for example a pipe's write end, opened with O_CLOEXEC) wins over `stdoutPath`.
  public init(
    executable: String, arguments: [String], environment: [String: String]? = nil,
    stdinPath: String? = nil, stdoutPath: String? = nil, stderrPath: String? = nil,
    stdoutDescriptor: Int32? = nil, newProcessGroup: Bool = false
  ) throws {
    self.executable = executable
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdinPath ?? "/dev/null", O_RDONLY, 0)
    if let stdoutDescriptor {
      posix_spawn_file_actions_adddup2(&actions, stdoutDescriptor, 1)
    } else {
      posix_spawn_file_actions_addopen(
        &actions, 1, stdoutPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    }
    if stderrPath != nil && stderrPath == stdoutPath {
      posix_spawn_file_actions_adddup2(&actions, 1, 2)
    } else {
      posix_spawn_file_actions_addopen(
        &actions, 2, stderrPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    }

    // Nothing else the test process holds open: a child that inherited a test server's listening
    // socket would keep its port bound after the server stops (Foundation's Process closes them too).
    Self.addCloseFrom.map { _ = $0(&actions, 3) }

    // The test runner may ignore SIGPIPE or block signals; servers must see the defaults.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGUSR1] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var emptyMask = sigset_t()
    sigemptyset(&emptyMask)
    posix_spawnattr_setsigmask(&attributes, &emptyMask)
    var flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
    if newProcessGroup {
      // Its own process group (id = its pid), so a test can signal the group as a terminal or timeout(1) does.
      posix_spawnattr_setpgroup(&attributes, 0)
      flags |= POSIX_SPAWN_SETPGROUP
    }
    posix_spawnattr_setflags(&attributes, Int16(flags))

    let environment = environment ?? ProcessInfo.processInfo.environment
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid = pid_t()
    let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard result == 0 else {
      throw FixtureError("posix_spawn \(executable) failed: \(String(cString: strerror(result)))")
    }
    self.pid = pid
  }

  deinit { stop() }

  private typealias AddCloseFrom =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

  /// glibc 2.34's `posix_spawn_file_actions_addclosefrom_np`, which its headers declare only for
  /// `_GNU_SOURCE` and so Swift does not see.
  private static let addCloseFrom: AddCloseFrom? = unsafeBitCast(
    dlsym(nil, "posix_spawn_file_actions_addclosefrom_np"), to: AddCloseFrom?.self)

  /// The termination if the process has already exited (reaps it), nil while it runs.
  public func exitedTermination() -> ChildTermination? {
    termination.withLock { state in
      if let state { return state }
      var status: Int32 = 0
      guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
      state = ChildTermination(waitStatus: status)
      return state
    }
  }

  /// Waits for the process to exit on a dedicated thread, so the cooperative pool stays free.
  public func waitForExit() async -> ChildTermination {
    if let done = exitedTermination() { return done }
    let pid = self.pid
    let result: ChildTermination = await withCheckedContinuation { continuation in
      let thread = Thread {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        continuation.resume(returning: ChildTermination(waitStatus: status))
      }
      thread.start()
    }
    termination.withLock { $0 = $0 ?? result }
    return result
  }

  /// SIGTERM, then SIGKILL if it has not exited within `grace`; always reaps. Safe to call twice.
  @discardableResult
  public func stop(grace: Duration = .seconds(10)) -> ChildTermination? {
    if let done = exitedTermination() { return done }
    kill(pid, SIGTERM)
    let deadline = ContinuousClock.now.advanced(by: grace)
    while ContinuousClock.now < deadline {
      if let done = exitedTermination() { return done }
      usleep(10_000)
    }
    kill(pid, SIGKILL)
    return termination.withLock { state in
      if let state { return state }
      var status: Int32 = 0
      while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
      state = ChildTermination(waitStatus: status)
      return state
    }
  }

  /// Runs a short command to completion; throws with its output if it fails.
  @discardableResult
  public static func run(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    stdinPath: String? = nil, workDirectory: URL
  ) async throws -> String {
    let name = URL(fileURLWithPath: executable).lastPathComponent
    let outputPath = workDirectory.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8)).out").path
    let child = try ChildProcess(
      executable: executable, arguments: arguments, environment: environment, stdinPath: stdinPath,
      stdoutPath: outputPath, stderrPath: outputPath)
    let termination = await child.waitForExit()
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    // The work directory may be the package itself (scripts/build-image runs there).
    try? FileManager.default.removeItem(atPath: outputPath)
    guard termination.succeeded else {
      throw FixtureError(
        "\(([executable] + arguments).joined(separator: " ")) failed (\(termination)):\n\(output)")
    }
    return output
  }
}

/// What a finished child printed, stdout and stderr apart.
public struct ChildOutput: Sendable, CustomStringConvertible {
  public var termination: ChildTermination
  public var stdout: String
  public var stderr: String

  /// The exit code, or 128 + the signal that ended it (as a shell reports it).
  public var status: Int32 { termination.exitCode ?? 128 + (termination.signal ?? 0) }

  public var description: String { "\(termination)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
}

extension ChildProcess {
  /// Runs `executable` to its end and returns what it printed: the one runner for every tool a test
  /// drives (kubectl, koji, curl, osbsctl). Its output goes to files under `workDirectory`, removed after.
  public static func capture(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    stdinPath: String? = nil, workDirectory: URL = FileManager.default.temporaryDirectory
  ) async throws -> ChildOutput {
    let id = "\(URL(fileURLWithPath: executable).lastPathComponent)-\(UUID().uuidString.prefix(8))"
    let out = workDirectory.appendingPathComponent("\(id).stdout").path
    let err = workDirectory.appendingPathComponent("\(id).stderr").path
    defer {
      unlink(out)
      unlink(err)
    }
    let child = try ChildProcess(
      executable: executable, arguments: arguments, environment: environment, stdinPath: stdinPath,
      stdoutPath: out, stderrPath: err)
    let termination = await child.waitForExit()
    return ChildOutput(
      termination: termination, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
  }

  /// Waits until the file the child writes at `path` satisfies `condition`, watching the file rather
  /// than the clock: true as soon as it does, false once the child has exited without it or `timeout`
  /// has passed (the bound only stops a broken child from hanging the test).
  public func waitForOutput(
    at path: String, timeout: Duration = .seconds(60), until condition: (String) -> Bool
  ) async throws -> Bool {
    func text() -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
      if condition(text()) { return true }
      if exitedTermination() != nil { return condition(text()) }
      try await Task.sleep(for: .milliseconds(20))
    }
    return condition(text())
  }
}
