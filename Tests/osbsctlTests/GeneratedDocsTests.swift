import Foundation
import Testing

@Suite("completions/ and man/ match the command definitions")
struct GeneratedDocsTests {
  @Test(arguments: [("bash", "osbsctl.bash"), ("zsh", "_osbsctl"), ("fish", "osbsctl.fish")])
  func completionScriptIsCurrent(shell: String, file: String) async throws {
    let cli = try CLI()
    let generated = try await cli.osbsctl(["--generate-completion-script", shell])
    #expect(generated.exitCode == 0)
    let committed = try String(
      contentsOf: CLI.packageRoot.appendingPathComponent("completions/\(file)"), encoding: .utf8)
    #expect(generated.stdout == committed, "completions/\(file) is stale: run scripts/generate-docs")
  }

  @Test func manPagesWereMadeFromTheCurrentCommandTree() async throws {
    let cli = try CLI()
    let tree = try await cli.osbsctl(["--experimental-dump-help"])
    #expect(tree.exitCode == 0)
    let manDirectory = CLI.packageRoot.appendingPathComponent("man")
    let fingerprint = try String(
      contentsOf: manDirectory.appendingPathComponent(".command-tree.json"), encoding: .utf8)
    #expect(tree.stdout == fingerprint, "man/ is stale: run scripts/generate-docs")

    // Every command in the tree has its page.
    let root = try #require(try JSONSerialization.jsonObject(with: Data(tree.stdout.utf8)) as? [String: Any])
    var expected: [String] = []
    func walk(_ command: [String: Any], _ path: [String]) {
      let name = command["commandName"] as? String ?? ""
      let here = path + [name]
      expected.append(here.joined(separator: ".") + ".1")
      for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, here) }
    }
    walk(try #require(root["command"] as? [String: Any]), [])
    let pages = Set(try FileManager.default.contentsOfDirectory(atPath: manDirectory.path))
    for page in expected { #expect(pages.contains(page), "missing man/\(page)") }
  }
}
