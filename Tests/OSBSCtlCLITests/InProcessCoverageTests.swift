import ArgumentParser
import Foundation
import Testing

@testable import OSBSCtlCLI

/// Every leaf command has at least one in-process case: a command added without one fails here.
///
/// A case is a command line written as a string array in this folder's tests (`["prune", "containers",
/// …]`, global options before it allowed), so the check reads their source: the leaf's words must
/// appear there as consecutive array elements.
@Suite("every command has an in-process case")
struct InProcessCoverageTests {
  /// Leaves whose in-process case is impossible today, and why; each is covered end to end instead.
  static let notInProcess: [String: String] = [:]

  static func leaves(_ command: any ParsableCommand.Type, path: [String] = []) -> [[String]] {
    let subcommands = command.configuration.subcommands
    let name = command.configuration.commandName ?? ""
    let here = command == OSBSCtl.self ? path : path + [name]
    guard !subcommands.isEmpty else { return [here] }
    return subcommands.flatMap { leaves($0, path: here) }
  }

  static func testSources() throws -> String {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".swift") && $0 != URL(fileURLWithPath: #filePath).lastPathComponent }
    return try files.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
      .joined(separator: "\n")
  }

  @Test func everyLeafCommandHasAnInProcessCase() throws {
    let sources = try Self.testSources()
    let leaves = Self.leaves(OSBSCtl.self).map { $0.joined(separator: " ") }
    #expect(leaves.count > 30, "\(leaves)")
    for leaf in leaves where Self.notInProcess[leaf] == nil {
      let words = leaf.split(separator: " ").map { "\"\($0)\"" }.joined(separator: ", ")
      #expect(
        sources.contains("[" + words) || sources.contains(", " + words), "no in-process case runs `\(leaf)`")
    }
    for leaf in Self.notInProcess.keys {
      #expect(leaves.contains(leaf), "\(leaf) is not a command any more: drop it from notInProcess")
    }
  }
}
