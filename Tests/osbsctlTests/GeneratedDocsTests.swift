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
      expected.append(here.joined(separator: "-") + ".1")
      for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, here) }
    }
    walk(try #require(root["command"] as? [String: Any]), [])
    let pages = Set(try FileManager.default.contentsOfDirectory(atPath: manDirectory.path))
    for page in expected { #expect(pages.contains(page), "missing man/\(page)") }
  }
}

@Suite("man pages and help: sections, examples, no warnings")
struct ManPageContentTests {
  static let manDirectory = CLI.packageRoot.appendingPathComponent("man")

  /// Every command path in the committed tree, with whether it has subcommands; the hidden debug command
  /// and the built-in help command apart.
  static func commands() throws -> [(path: [String], isLeaf: Bool, isHidden: Bool)] {
    let data = try Data(contentsOf: manDirectory.appendingPathComponent(".command-tree.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var found: [(path: [String], isLeaf: Bool, isHidden: Bool)] = []
    func walk(_ command: [String: Any], _ path: [String], hidden: Bool) {
      let here = path + [command["commandName"] as? String ?? ""]
      let subcommands = command["subcommands"] as? [[String: Any]] ?? []
      let isHidden = hidden || command["shouldDisplay"] as? Bool == false
      found.append((here, subcommands.isEmpty, isHidden))
      for sub in subcommands { walk(sub, here, hidden: isHidden) }
    }
    walk(try #require(root["command"] as? [String: Any]), [], hidden: false)
    return found
  }

  static func page(_ path: [String]) throws -> String {
    try String(
      contentsOf: manDirectory.appendingPathComponent(path.joined(separator: "-") + ".1"), encoding: .utf8)
  }

  @Test func everyPageHasEnvironmentFilesAndTheRealExitStatus() throws {
    let commands = try Self.commands()
    #expect(commands.count > 30)
    for command in commands {
      let name = command.path.joined(separator: "-")
      let page = try Self.page(command.path)
      let sections = page.split(separator: "\n").filter { $0.hasPrefix(".Sh ") }.map {
        $0.dropFirst(4).replacingOccurrences(of: "\"", with: "")
      }
      // mdoc's order: NAME, SYNOPSIS, DESCRIPTION, ENVIRONMENT, FILES, EXIT STATUS, EXAMPLES, SEE ALSO.
      let expected =
        ["NAME", "SYNOPSIS", "DESCRIPTION", "ENVIRONMENT", "FILES", "EXIT STATUS"]
        + (command.isHidden ? [] : ["EXAMPLES"])
      #expect(Array(sections.prefix(expected.count)) == expected, "\(name).1 has sections \(sections)")
      #expect(sections.last == "SEE ALSO" || name == "osbsctl", "\(name).1 has no SEE ALSO")
      for variable in [
        "OSBSCTL_CONFIG", "OSBSCTL_PROFILE", "KUBECONFIG", "NO_COLOR", "OSBSCTL_MAX_RESPONSE_BYTES",
        "OSBSCTL_REQUEST_TIMEOUT", "DOCKER_HOST",
      ] {
        #expect(page.contains(".It Ev \(variable)\n"), "\(name).1: ENVIRONMENT lacks \(variable)")
      }
      // Every configuration file, in the order osbsctl reads each kind.
      let files = [
        "/etc/osbsctl/config.yaml", "$XDG_CONFIG_HOME/osbsctl/config.yaml", "/etc/koji.conf.d/*.conf",
        "/etc/koji.conf", "~/.koji/config.d/*.conf", "~/.koji/config", "~/.kube/config",
      ]
      let positions = files.map { page.range(of: ".It Pa \"\($0)\"")?.lowerBound }
      #expect(
        !positions.contains(nil), "\(name).1: FILES lacks \(zip(files, positions).filter { $1 == nil })")
      let found = positions.compactMap { $0 }
      #expect(found == found.sorted(), "\(name).1: FILES out of order")
      // The README's table, not mdoc's "exits 0 on success, and >0 if an error occurs".
      #expect(!page.contains(".Ex -std"), "\(name).1 still says only .Ex -std")
      for code in ["0", "1", "2", "3", "4", "5", "8", "64"] {
        #expect(page.contains("\n.It \(code)\n"), "\(name).1: EXIT STATUS lacks \(code)")
      }
      if !command.isHidden {
        #expect(!page.contains(".Xr osbsctl-debug"), "\(name).1 links the hidden debug command")
      }
      #expect(!page.contains("\n\n"), "\(name).1 has an empty line (an mdoc warning)")
    }
  }

  @Test func everyLeafCommandHasExamplesInItsHelpAndPage() async throws {
    let cli = try CLI()
    for command in try Self.commands() where command.isLeaf && !command.isHidden {
      let name = command.path.joined(separator: "-")
      let page = try Self.page(command.path)
      let examples =
        try #require(page.components(separatedBy: ".Sh EXAMPLES\n").last)
        .components(separatedBy: ".Sh ").first ?? ""
      let invocations = examples.split(separator: "\n").filter { $0.hasPrefix("osbsctl ") }
      #expect(invocations.count >= 2, "\(name).1 has \(invocations.count) examples")
      let leaf = command.path.dropFirst().joined(separator: " ")
      for invocation in invocations where leaf != "help" {
        #expect(
          invocation.hasPrefix("osbsctl \(leaf)"), "\(name).1's example runs another command: \(invocation)")
      }
      if leaf == "help" { continue }  // swift-argument-parser's own command: its help is not ours.
      let help = try await cli.osbsctl(Array(command.path.dropFirst()) + ["--help"])
      #expect(help.exitCode == 0)
      let helpExamples = try #require(help.stdout.components(separatedBy: "\nEXAMPLES\n").dropFirst().first)
      #expect(
        helpExamples.split(separator: "\n").filter { $0.hasPrefix("  osbsctl ") }.count >= 2,
        "osbsctl \(leaf) --help has no EXAMPLES")
    }
  }

  @Test func theTopLevelHelpNamesGlobalOptionsAndEnvironment() async throws {
    let help = try await CLI().osbsctl(["--help"])
    #expect(help.exitCode == 0)
    for text in [
      "GLOBAL OPTIONS", "--config FILE", "--kubeconfig FILE", "--debug", "-o/--output", "ENVIRONMENT",
      "  OSBSCTL_CONFIG ", "  OSBSCTL_PROFILE ", "  KUBECONFIG ", "  NO_COLOR ", "  DOCKER_HOST ",
      "EXIT CODES",
    ] {
      #expect(help.stdout.contains(text), "osbsctl --help lacks \(text)")
    }
  }

  /// `man --warnings` on every committed page (the installed copies are checked by InstallTests too),
  /// the hidden debug command's included.
  @Test func manReadsEveryPageWithoutWarnings() async throws {
    let cli = try CLI()
    let pages = try FileManager.default.contentsOfDirectory(atPath: Self.manDirectory.path)
      .filter { $0.hasSuffix(".1") }.sorted()
    for page in pages {
      let path = Self.manDirectory.appendingPathComponent(page).path
      let warnings = try await cli.run(
        "/bin/sh", ["-c", "MANWIDTH=80 man --warnings -l \"$1\" 2>&1 >/dev/null", "sh", path])
      #expect(
        warnings.exitCode == 0 && warnings.stdout.isEmpty, "man --warnings -l \(page):\n\(warnings.stdout)")
    }
  }
}
