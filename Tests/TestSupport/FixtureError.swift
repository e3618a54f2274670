import Foundation
import Testing

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

  /// Names the tools a machine knowingly goes without: `OSBSCTL_TEST_WITHOUT=kubectl,podman` (a tool's
  /// file name or its package's name, or `all`). Only then is a test that needs a missing tool skipped;
  /// otherwise it fails, because scripts/setup installs every tool and CI runs them all.
  public static let optOutVariable = "OSBSCTL_TEST_WITHOUT"

  /// Returns when `path` is an executable. A missing one fails the test with the package to install,
  /// or skips it when `OSBSCTL_TEST_WITHOUT` names the tool.
  public static func requireTool(_ path: String, debianPackage: String) throws {
    try requireTool(path, names: [debianPackage], missing: missingTool(path, debianPackage: debianPackage))
  }

  /// The same for a tool scripts/setup installs itself (kubectl, the koji CLI): `setup` says how.
  public static func requireTool(_ path: String, setup: String) throws {
    try requireTool(path, names: [], missing: FixtureError("\(path) is not installed; \(setup)"))
  }

  private static func requireTool(_ path: String, names: [String], missing: FixtureError) throws {
    guard !FileManager.default.isExecutableFile(atPath: path) else { return }
    if optedOut(of: [URL(fileURLWithPath: path).lastPathComponent] + names) {
      try Test.cancel("\(path) is not installed and \(optOutVariable) names it")
    }
    throw missing
  }

  static func optedOut(
    of names: [String], environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Bool {
    let listed = Set(
      (environment[optOutVariable] ?? "").split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
      })
    return listed.contains("all") || names.contains(where: listed.contains)
  }
}
