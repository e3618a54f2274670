import Foundation
import OSBSKit

/// What a run is given by whoever starts it: its two streams, its environment, and what answers its
/// requests. The executable's run has the process's; a test's has memory sinks, a private environment
/// and a strict fake transport.
struct RunSurroundings: Sendable {
  var stdout: any ConsoleSink
  var stderr: any ConsoleSink
  /// The environment variables the command reads (NO_COLOR, TERM and what configuration resolves).
  var variables: [String: String]
  /// Where configuration files are looked for (home, working and system directories); nil: the process's,
  /// read only when a command resolves its settings (`version --client` never does).
  var configEnvironment: ConfigEnvironment?
  /// nil: clients reach their servers over the network.
  var transport: (any HTTPTransport)?
  /// Whether Ctrl-C is the run's to handle: only a process that is the command is.
  var handlesInterrupts: Bool
  /// What answers Docker Engine API requests (a separate slot: `doctor` or `fleet` may talk to an engine
  /// and a cluster in one run); nil: the engine's socket or URL.
  var dockerTransport: (any HTTPTransport)? = nil
  /// What runs external programs (`git`, `ovs-ofctl`); nil: the real ones, found on PATH.
  var programRunner: (any ProgramRunner)? = nil

  /// The process's own: fd 1 (buffered), fd 2 (written at once), its environment, the network, Ctrl-C.
  static func process() -> RunSurroundings {
    RunSurroundings(
      stdout: FileDescriptorWriter(fd: 1), stderr: FileDescriptorWriter(fd: 2, flushThreshold: 0),
      variables: ProcessEnvironment.variables(), configEnvironment: nil, transport: nil,
      handlesInterrupts: true)
  }
}
