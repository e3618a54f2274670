import Foundation

/// Why a real-server fixture could not be set up; carries the server's own log when it has one.
public struct FixtureError: Error, CustomStringConvertible {
  public var description: String

  public init(_ description: String) { self.description = description }

  /// A tool the fixture runs is not installed; names the Debian package that provides it.
  public static func missingTool(_ path: String, debianPackage: String) -> FixtureError {
    FixtureError(
      "\(path) is not installed; install the Debian package '\(debianPackage)' (apt-get install \(debianPackage))"
    )
  }

  static func requireTool(_ path: String, debianPackage: String) throws {
    guard FileManager.default.isExecutableFile(atPath: path) else {
      throw missingTool(path, debianPackage: debianPackage)
    }
  }
}
