import Foundation
import Synchronization

/// One external program started with `posix_spawnp`, its stdout and stderr on pipes and stdin on
/// /dev/null, and every signal at its default disposition.
///
/// Not Foundation's `Process`: a child inherits ignored signals across exec, and osbsctl's own may be
/// ignored (it used to ignore SIGINT and SIGTERM itself, and a parent may have). Through `Process`, git and
/// ovs-ofctl ignored Ctrl-C and SIGTERM too (OVS's signal code keeps an inherited `SIG_IGN`). The signal
/// mask is cleared for the same reason: Dispatch's threads block signals, and so would their children.
final class SpawnedProgram: Sendable {
  let pid: pid_t
  private let stdoutRead: Int32
  private let stderrRead: Int32
  /// Whether the process may still be signalled (it has not been reaped, so its ID is still its own),
  /// and whether it was asked to stop.
  private let state = Mutex<(reapable: Bool, stopped: Bool)>((true, false))

  /// Throws `ExternalCommandError` when the program cannot be started (not found on `PATH`, no permission).
  init(_ executable: String, _ arguments: [String], workingDirectory: String?) throws(ExternalCommandError) {
    var stdoutPipe: [Int32] = [-1, -1]
    var stderrPipe: [Int32] = [-1, -1]
    guard pipe(&stdoutPipe) == 0 else { throw Self.startFailure(executable, errno) }
    guard pipe(&stderrPipe) == 0 else {
      let failure = errno
      close(stdoutPipe[0])
      close(stdoutPipe[1])
      throw Self.startFailure(executable, failure)
    }
    // Close-on-exec (Swift does not see glibc's pipe2): other programs started meanwhile must not hold
    // these pipes open, or reading them would wait for those programs too.
    for descriptor in stdoutPipe + stderrPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
    Self.addCloseFrom.map { _ = $0(&actions, 3) }

    var program = executable
    var argumentList = arguments
    if let workingDirectory {
      if let addChdir = Self.addChdir {
        _ = addChdir(&actions, workingDirectory)
      } else {
        // glibc before 2.29: a shell changes directory, then becomes the program.
        argumentList = ["-c", #"cd -- "$0" && exec "$@""#, workingDirectory, executable] + arguments
        program = "/bin/sh"
      }
    }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var everySignal = sigset_t()
    sigfillset(&everySignal)
    posix_spawnattr_setsigdefault(&attributes, &everySignal)
    var noSignal = sigset_t()
    sigemptyset(&noSignal)
    posix_spawnattr_setsigmask(&attributes, &noSignal)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let argv = ([program] + argumentList).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let result = posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
    close(stdoutPipe[1])
    close(stderrPipe[1])
    guard result == 0 else {
      close(stdoutPipe[0])
      close(stderrPipe[0])
      if result == ENOENT { throw ExternalCommandError(command: executable, reason: "not found on PATH") }
      throw Self.startFailure(executable, result)
    }
    self.pid = pid
    stdoutRead = stdoutPipe[0]
    stderrRead = stderrPipe[0]
  }

  /// Whether `stop` signalled the program.
  var wasStopped: Bool { state.withLock { $0.stopped } }

  /// Reads both pipes to their end, then waits for the program and reaps it; blocks, so call it on a
  /// thread of its own. The status is the exit code, or 128 + the signal that ended the program.
  func collect() -> (stdout: Data, stderr: Data, status: Int32) {
    // Both pipes are drained before the wait, or a chatty program fills one and never exits.
    let errorOutput = Mutex(Data())
    let drained = DispatchSemaphore(value: 0)
    let stderrRead = stderrRead
    Thread.detachNewThread {
      errorOutput.withLock { $0 = Self.readToEnd(stderrRead) }
      drained.signal()
    }
    let output = Self.readToEnd(stdoutRead)
    drained.wait()
    close(stdoutRead)
    close(stderrRead)

    // Wait without reaping first: until the flag is down, the process ID cannot be another's.
    var info = siginfo_t()
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
    state.withLock { $0.reapable = false }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let signal = status & 0x7f
    return (output, errorOutput.withLock { $0 }, signal == 0 ? (status >> 8) & 0xff : 128 + signal)
  }

  /// SIGTERM, then SIGKILL two seconds later if the program is still there.
  func stop() {
    guard send(SIGTERM) else { return }
    DispatchQueue.global().asyncAfter(deadline: .now() + 2) { [self] in _ = send(SIGKILL) }
  }

  private func send(_ signal: Int32) -> Bool {
    state.withLock { state in
      guard state.reapable else { return false }
      state.stopped = true
      kill(pid, signal)
      return true
    }
  }

  private static func readToEnd(_ descriptor: Int32) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        data.append(contentsOf: buffer[0..<count])
      } else if count == 0 || errno != EINTR {
        return data
      }
    }
  }

  private static func startFailure(_ executable: String, _ code: Int32) -> ExternalCommandError {
    ExternalCommandError(command: executable, reason: "could not start: \(String(cString: strerror(code)))")
  }

  private typealias AddCloseFrom =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
  private typealias AddChdir =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

  /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `…_addchdir_np` (2.29), which its
  /// headers declare only for `_GNU_SOURCE`, so Swift does not see them.
  private static let addCloseFrom: AddCloseFrom? = unsafeBitCast(
    dlsym(nil, "posix_spawn_file_actions_addclosefrom_np"), to: AddCloseFrom?.self)
  private static let addChdir: AddChdir? = unsafeBitCast(
    dlsym(nil, "posix_spawn_file_actions_addchdir_np"), to: AddChdir?.self)
}
