import Foundation
import OSBSKit

/// A private directory tree the config targets write each input into, so the input goes through the same
/// public path osbsctl uses (`SettingsResolver.resolve()`), with an environment that names nothing outside it.
public struct ConfigScratch: Sendable {
  public let root: String

  /// One per process: each input overwrites the same files.
  public static let shared = ConfigScratch()

  private init() {
    // tmpfs when there is one: the targets write a file per input.
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    var template = Array("\(base)/osbsctl-fuzz-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed: errno \(errno)") }
    root = String(cString: made)
    for directory in ["home", "etc", "work"] {
      try? FileManager.default.createDirectory(
        atPath: "\(root)/\(directory)", withIntermediateDirectories: true)
    }
    atexit {
      try? FileManager.default.removeItem(atPath: ConfigScratch.shared.root)
    }
  }

  public var environment: ConfigEnvironment {
    ConfigEnvironment(
      variables: [:], homeDirectory: "\(root)/home", currentDirectory: "\(root)/work",
      systemConfigDirectory: "\(root)/etc", serviceAccountDirectory: "\(root)/serviceaccount")
  }

  /// Writes `data` to `name` under the work directory and returns its path.
  public func write(_ data: Data, named name: String) -> String {
    let path = "\(root)/work/\(name)"
    guard FileManager.default.createFile(atPath: path, contents: data) else {
      fatalError("cannot write \(path)")
    }
    return path
  }

  /// Resolves every setting from `inputs`, the way `osbsctl config view` does.
  public func resolve(_ inputs: ConfigInputs) throws(ConfigError) -> ResolvedSettings {
    try SettingsResolver(inputs: inputs, environment: environment).resolve()
  }
}
