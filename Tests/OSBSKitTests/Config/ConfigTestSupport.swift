import Foundation
import OSBSKit

/// A throwaway root holding `etc/`, `home/`, a working directory and a service-account mount, so tests never
/// touch the real /etc or ~. The directory is removed when the value is released.
final class ConfigSandbox {
  let root: String

  var etc: String { root + "/etc" }
  var home: String { root + "/home/builder" }
  var workingDirectory: String { root + "/work" }
  var serviceAccount: String { root + "/run/secrets/kubernetes.io/serviceaccount" }

  init() throws {
    root =
      FileManager.default.temporaryDirectory.appendingPathComponent("osbsctl-config-\(UUID().uuidString)")
      .path
    for directory in [etc, home, workingDirectory] {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
  }

  deinit { try? FileManager.default.removeItem(atPath: root) }

  /// Writes `text` at `path` (relative to the sandbox root unless absolute) and returns the absolute path.
  @discardableResult
  func write(_ path: String, _ text: String) throws -> String {
    let absolute = path.hasPrefix("/") ? path : root + "/" + path
    try FileManager.default.createDirectory(
      atPath: (absolute as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: absolute))
    return absolute
  }

  @discardableResult
  func copyFixture(_ name: String, to path: String) throws -> String {
    try write(path, try Self.fixture(name))
  }

  static func fixture(_ name: String) throws -> String {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/config")
    else { throw FixtureMissing(name: name) }
    return try String(contentsOf: url, encoding: .utf8)
  }

  func environment(_ variables: [String: String] = [:]) -> ConfigEnvironment {
    ConfigEnvironment(
      variables: variables, homeDirectory: home, currentDirectory: workingDirectory,
      systemConfigDirectory: etc,
      serviceAccountDirectory: serviceAccount)
  }

  func resolve(_ inputs: ConfigInputs = ConfigInputs(), env: [String: String] = [:]) throws
    -> ResolvedSettings
  {
    try SettingsResolver(inputs: inputs, environment: environment(env)).resolve()
  }

  /// Runs `body`, which must throw a `ConfigError`, and returns that error.
  func configError(_ body: () throws -> Void) -> ConfigError? {
    do {
      try body()
      return nil
    } catch let error as ConfigError {
      return error
    } catch {
      return nil
    }
  }
}

/// Runs `body` with the file-system identity of `nobody` when the tests run as root, whose capabilities
/// would read a file of mode 000 anyway. `setfsuid` changes only the calling thread (and, from root, drops
/// its file capabilities until it is set back), so `body` must not leave this thread: it is synchronous.
func readingAsAnotherUser<T>(_ body: () throws -> T) throws -> T {
  guard geteuid() == 0 else { return try body() }
  // Not in Swift's Glibc module; RTLD_DEFAULT is a null handle.
  guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setfsuid") else {
    throw FixtureMissing(name: "setfsuid")
  }
  let setFileSystemUser = unsafeBitCast(symbol, to: (@convention(c) (UInt32) -> Int32).self)
  _ = setFileSystemUser(65534)
  defer { _ = setFileSystemUser(0) }
  // -1 changes nothing and answers the current value: a namespace without user 65534 refuses the switch.
  guard setFileSystemUser(UInt32.max) == 65534 else { throw FixtureMissing(name: "file-system user 65534") }
  return try body()
}

struct FixtureMissing: Error {
  var name: String
}
