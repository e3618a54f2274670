import Foundation
import OSBSKit
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where one of a run's streams goes: a file descriptor in the executable, memory in a test.
protocol ConsoleSink: Sendable {
  /// Whether a person is watching (prompts and progress decorations only then).
  var isTerminal: Bool { get }
  func write(bytes: [UInt8])
  // Requirements, so a sink can write text and data without first copying them into an array.
  func write(_ text: String)
  func write(_ data: Data)
  func flush()
}

extension ConsoleSink {
  func write(_ text: String) { write(bytes: Array(text.utf8)) }

  func write(_ data: Data) { write(bytes: Array(data)) }
}

/// Buffered, thread-safe writes to one file descriptor; buffering matters when log lines stream at
/// hundreds of megabytes per second.
final class FileDescriptorWriter: ConsoleSink {
  private let fd: Int32
  private let buffer = Mutex<[UInt8]>([])
  private let flushThreshold: Int

  init(fd: Int32, flushThreshold: Int = 64 << 10) {
    self.fd = fd
    self.flushThreshold = flushThreshold
  }

  var isTerminal: Bool { isatty(fd) == 1 }

  func write(_ text: String) {
    var text = text
    text.withUTF8 { write(raw: UnsafeRawBufferPointer($0)) }
  }

  func write(_ data: Data) { data.withUnsafeBytes { write(raw: $0) } }

  func write(bytes: [UInt8]) { bytes.withUnsafeBytes { write(raw: $0) } }

  /// Small writes gather in the buffer; one at least as large as the buffer (a log chunk) goes to the
  /// descriptor from where it lies, after what was buffered before it.
  private func write(raw: UnsafeRawBufferPointer) {
    buffer.withLock { pending in
      if raw.count >= flushThreshold {
        Self.drain(&pending, to: fd)
        Self.writeAll(raw, to: fd)
        return
      }
      pending.append(contentsOf: raw)
      if pending.count >= flushThreshold { Self.drain(&pending, to: fd) }
    }
  }

  func flush() {
    buffer.withLock { Self.drain(&$0, to: fd) }
  }

  private static func drain(_ pending: inout [UInt8], to fd: Int32) {
    guard !pending.isEmpty else { return }
    pending.withUnsafeBytes { writeAll($0, to: fd) }
    pending.removeAll(keepingCapacity: true)
  }

  private static func writeAll(_ raw: UnsafeRawBufferPointer, to fd: Int32) {
    var offset = 0
    while offset < raw.count {
      let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return  // a closed pipe: nothing more can be said
      }
      offset += written
    }
  }
}

/// Whether stderr gets colour: only on a terminal unless asked, and never under NO_COLOR or TERM=dumb
/// unless `--color always` says so explicitly.
struct TerminalStyle: Sendable {
  let colorEnabled: Bool

  init(mode: ColorMode, environment: [String: String], stderrIsTerminal: Bool) {
    switch mode {
    case .always: colorEnabled = true
    case .never: colorEnabled = false
    case .auto:
      let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
      let dumb = environment["TERM"] == "dumb"
      colorEnabled = stderrIsTerminal && !noColor && !dumb
    }
  }

  func paint(_ text: String, _ sgr: String) -> String {
    colorEnabled ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text
  }
}

/// Data goes to stdout, everything meant for a person (messages, warnings, progress) to stderr.
struct Console: Sendable {
  let stdout: any ConsoleSink
  let stderr: any ConsoleSink
  let style: TerminalStyle
  /// `-o json`/`-o yaml`: errors are `ErrorReport`'s JSON object instead of an `error:` line.
  let structuredErrors: Bool
  /// `--quiet`: stderr carries errors only. A reader that gets both streams merged (a pod's log) can
  /// then find the stdout document whole: the streams interleave at arbitrary points of a line.
  let quiet: Bool

  /// A console on the process's stdout (buffered) and stderr (written at once).
  init(
    colorMode: ColorMode, structuredErrors: Bool = false, quiet: Bool = false,
    environment: [String: String] = ProcessEnvironment.variables()
  ) {
    self.init(
      stdout: FileDescriptorWriter(fd: 1), stderr: FileDescriptorWriter(fd: 2, flushThreshold: 0),
      colorMode: colorMode, structuredErrors: structuredErrors, quiet: quiet, environment: environment)
  }

  init(
    stdout: any ConsoleSink, stderr: any ConsoleSink, colorMode: ColorMode, structuredErrors: Bool = false,
    quiet: Bool = false, environment: [String: String]
  ) {
    self.stdout = stdout
    self.stderr = stderr
    style = TerminalStyle(mode: colorMode, environment: environment, stderrIsTerminal: stderr.isTerminal)
    self.structuredErrors = structuredErrors
    self.quiet = quiet
  }

  /// Progress decorations (spinners, bars, in-place updates) only when a person is watching.
  var showsProgress: Bool { !quiet && stderr.isTerminal && style.colorEnabled }

  func output(_ text: String) { stdout.write(text) }

  func message(_ text: String) {
    if !quiet { stderr.write(text + "\n") }
  }

  func warning(_ text: String) {
    if !quiet { stderr.write(style.paint("warning:", "33") + " " + text + "\n") }
  }

  /// An error, in the one spelling of the run's format (`kind` gives the JSON object its kind and exit code).
  func error(_ text: String, kind: FailureKind) {
    if structuredErrors {
      stderr.write(ErrorReport.structured(message: text, kind: kind))
    } else {
      stderr.write(style.paint("error:", "31;1") + " " + text + "\n")
    }
  }

  func debug(_ text: String) { stderr.write(style.paint("debug:", "2") + " " + text + "\n") }

  func flush() {
    stdout.flush()
    stderr.flush()
  }
}
