import Foundation
import OSBSKit
import Synchronization
import Testing

@testable import OSBSCtlCLI

/// Settings are resolved once per run, for the servers the command declares; a client asked for outside
/// that scope resolves them once more, wider, and later asks are answered from that.
@Suite("settings resolved once per run, widened on demand")
struct RunResourcesTests {
  @Test func aServerOutsideTheDeclaredScopeWidensTheResolutionOnce() throws {
    let resources = RunResources()
    let resolutions = Mutex<[(SettingsScope, Bool)]>([])
    func settings(_ inputs: ConfigInputs, _ needed: SettingsScope) throws -> ResolvedSettings {
      try resources.settings(inputs, including: needed) { scope, first in
        resolutions.withLock { $0.append((scope, first)) }
        var inputs = inputs
        inputs.scope = []
        var settings = try SettingsResolver(
          inputs: inputs,
          environment: ConfigEnvironment(
            variables: [:], homeDirectory: "/nonexistent", currentDirectory: "/",
            systemConfigDirectory: "/nonexistent", serviceAccountDirectory: "/nonexistent")
        ).resolve()
        settings.scope = scope
        return settings
      }
    }
    let cluster = ConfigInputs(namespace: "ns", scope: .openShift)

    #expect(try settings(cluster, []).scope == .openShift)
    #expect(try settings(cluster, .openShift).scope == .openShift)
    #expect(try settings(cluster, .koji).scope == .all)
    #expect(try settings(cluster, .koji).scope == .all)
    #expect(try settings(cluster, []).scope == .all)
    let seen = resolutions.withLock { $0 }
    #expect(seen.map(\.0) == [.openShift, .all])
    // Only the first resolution is the one whose warnings are shown.
    #expect(seen.map(\.1) == [true, false])

    // Other flags are another configuration, resolved anew.
    #expect(try settings(ConfigInputs(namespace: "other", scope: .openShift), []).scope == .openShift)
    #expect(resolutions.withLock { $0.count } == 3)
  }
}
