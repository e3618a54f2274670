import Foundation
import Testing

@testable import OSBSKit

@Suite struct ProcessEnvironmentTests {
  /// The same variables as Foundation reads, values with `=`, empty ones and non-ASCII included.
  @Test func readsWhatProcessInfoReads() {
    let set = [
      "OSBSCTL_TEST_ENV_EQUALS": "a=b=c", "OSBSCTL_TEST_ENV_EMPTY": "", "OSBSCTL_TEST_ENV_TEXT": "déjà vu ✓",
    ]
    for (name, value) in set { setenv(name, value, 1) }
    defer { for name in set.keys { unsetenv(name) } }
    let variables = ProcessEnvironment.variables()
    #expect(variables == ProcessInfo.processInfo.environment)
    for (name, value) in set { #expect(variables[name] == value, "\(name)") }
    #expect(variables["PATH"] != nil)
  }
}

/// `ConfigFiles.text` reads with read(2): whole files past its 64 KiB buffer, and Foundation's description
/// when a path cannot be read.
@Suite struct ConfigFileReadingTests {
  @Test func readsAFileLongerThanOneBufferWhole() throws {
    let sandbox = try ConfigSandbox()
    let text = (0..<20_000).map { "key\($0) = value \($0) ✓" }.joined(separator: "\n")
    let path = try sandbox.write("etc/long.conf", text)
    #expect(try ConfigFiles.text(path) == text)
    #expect(ConfigFiles.data(path) == Data(text.utf8))
  }

  @Test func aPathThatCannotBeReadIsAnUnreadableFile() throws {
    let sandbox = try ConfigSandbox()
    for path in [sandbox.etc, sandbox.root + "/missing.conf"] {
      #expect(ConfigFiles.data(path) == nil)
      guard
        case .unreadableFile(let reported, let reason)? = sandbox.configError({
          _ = try ConfigFiles.text(path)
        })
      else {
        Issue.record("\(path): not an unreadable file")
        continue
      }
      #expect(reported == path)
      #expect(!reason.isEmpty)
    }
  }

  @Test func textThatIsNotUTF8IsMalformed() throws {
    let sandbox = try ConfigSandbox()
    let path = sandbox.root + "/latin1.conf"
    try Data([0x6B, 0x3D, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: path))
    guard
      case .malformedFile(let reported, _, let reason)? = sandbox.configError({
        _ = try ConfigFiles.text(path)
      })
    else {
      Issue.record("not malformed")
      return
    }
    #expect(reported == path)
    #expect(reason == "not UTF-8 text")
  }
}

extension ConfigFileReadingTests {
  @Test func anEmptyFileIsEmptyText() throws {
    let sandbox = try ConfigSandbox()
    let path = try sandbox.write("etc/empty.conf", "")
    #expect(try ConfigFiles.text(path) == "")
  }

  /// A kubeconfig given as `<(…)` is a pipe whose size says 0: it is read to its end, not taken as empty.
  @Test func aPipeIsReadToItsEnd() throws {
    let sandbox = try ConfigSandbox()
    let path = sandbox.root + "/kubeconfig.fifo"
    #expect(mkfifo(path, 0o600) == 0)
    let text = "apiVersion: v1\nkind: Config\n"
    let writer = Thread {
      let descriptor = open(path, O_WRONLY)
      _ = text.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, text.utf8.count) }
      close(descriptor)
    }
    writer.start()
    #expect(try ConfigFiles.text(path) == text)
  }
}

extension ConfigFileReadingTests {
  /// configparser trims with `str.strip()`: vertical tab and form feed too, which Foundation's
  /// `.whitespaces` did not.
  @Test func linesNamesAndValuesAreStrippedAsPythonStrips() throws {
    #expect(INIDocument.strip("\u{0B}\t a b \u{0C}\r"[...]) == "a b")
    #expect(INIDocument.strip(" \t "[...]) == "")
    var document = INIDocument()
    try document.read(
      text: "[hub]\n\u{0C}server\u{0B} = \u{0B}https://koji.example.test\t\u{0C}\n", path: "k.conf")
    #expect(document.sections["hub"]?["server"]?.value == "https://koji.example.test")
  }
}
