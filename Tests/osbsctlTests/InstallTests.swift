import Foundation
import TestSupport
import Testing

/// `make install` into a staging root, as a packager runs it, then the installed files used as a user uses
/// them: the binary runs, `man` reads every page without a warning and bash completes from the installed
/// script. To stay fast it installs the debug binary the test target already built (`OSBSCTL_BIN`), so the
/// Makefile's release build is not part of this test; CI's scripts/rpm-check covers that build.
@Suite("make install and uninstall", .serialized)
struct InstallTests {
  /// A staging root (DESTDIR) removed when the test ends.
  final class Stage: Sendable {
    let url: URL
    init() throws {
      url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "osbsctl-install-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ installed: String) -> String { url.path + installed }
  }

  static let completions = [
    "/usr/share/bash-completion/completions/osbsctl",
    "/usr/share/zsh/site-functions/_osbsctl",
    "/usr/share/fish/vendor_completions.d/osbsctl.fish",
  ]

  /// The pages `make install` installs: every committed page but the hidden `debug` command's.
  static func committedPages() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("man").path)
      .filter { $0.hasSuffix(".1") && !$0.hasPrefix("osbsctl-debug") }.sorted()
  }

  func make(_ cli: CLI, _ arguments: [String]) async throws -> CLIResult {
    try await cli.run("/usr/bin/env", ["make", "-C", CLI.packageRoot.path] + arguments)
  }

  func install(_ cli: CLI, into stage: Stage) async throws {
    let result = try await make(
      cli,
      [
        "install", "DESTDIR=\(stage.url.path)", "PREFIX=/usr",
        "OSBSCTL_BIN=\(try BuiltProducts.executable("osbsctl"))",
      ])
    try #require(result.exitCode == 0, "make install failed: \(result.stdout)\(result.stderr)")
  }

  @Test func installsBinaryPagesAndCompletionsWhereEachToolLooks() async throws {
    let cli = try CLI()
    let stage = try Stage()
    try await install(cli, into: stage)

    let binary = stage.path("/usr/bin/osbsctl")
    #expect(FileManager.default.isExecutableFile(atPath: binary))
    for completion in Self.completions {
      #expect(FileManager.default.fileExists(atPath: stage.path(completion)), "missing \(completion)")
    }
    let pages = try Self.committedPages()
    #expect(pages.count > 30)
    let installed = try FileManager.default.contentsOfDirectory(atPath: stage.path("/usr/share/man/man1"))
    #expect(installed.sorted() == pages)
    #expect(!installed.contains("osbsctl-debug.1"))
    // Named as git's pages are: `man osbsctl-node-drain`.
    #expect(installed.contains("osbsctl-node-drain.1") && installed.contains("osbsctl-build-for-task.1"))
    // Nothing outside PREFIX.
    #expect(try FileManager.default.contentsOfDirectory(atPath: stage.url.path) == ["usr"])

    let version = try await cli.run(binary, ["version", "-o", "json"])
    #expect(version.exitCode == 0, "\(version.stderr)")
    let json = try version.json()
    let expected = try String(
      contentsOf: CLI.packageRoot.appendingPathComponent("osbsctl.spec"), encoding: .utf8
    )
    .split(separator: "\n").first { $0.hasPrefix("Version:") }?.split(separator: " ").last.map(String.init)
    #expect(json["version"] as? String == expected, "osbsctl.spec's Version differs from `osbsctl version`")
  }

  @Test func everyInstalledPageReadsWithoutWarnings() async throws {
    let cli = try CLI()
    let stage = try Stage()
    try await install(cli, into: stage)
    for page in try Self.committedPages() {
      let path = stage.path("/usr/share/man/man1/\(page)")
      let warnings = try await cli.run(
        "/bin/sh", ["-c", "MANWIDTH=80 man --warnings -l \"$1\" 2>&1 >/dev/null", "sh", path])
      #expect(warnings.exitCode == 0)
      #expect(warnings.stdout.isEmpty, "man --warnings -l \(page):\n\(warnings.stdout)")
      let rendered = try await cli.run("/usr/bin/env", ["MANWIDTH=80", "man", "-l", path])
      #expect(rendered.stdout.contains("NAME"), "\(page) renders nothing: \(rendered.stderr)")
    }
  }

  /// Completes `words` (the last one being completed) with the installed bash script, in a real bash,
  /// in an empty working directory, and returns the candidates.
  func bashComplete(_ cli: CLI, _ script: String, _ words: [String]) async throws -> [String] {
    let program = """
      source "$1" || exit 90
      shift
      complete -p osbsctl >/dev/null || exit 91
      COMP_WORDS=("$@")
      COMP_CWORD=$(( $# - 1 ))
      COMP_LINE="$*"
      COMP_POINT=${#COMP_LINE}
      cd "$(mktemp -d)"
      _osbsctl osbsctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
      printf '%s\\n' "${COMPREPLY[@]}"
      """
    let result = try await cli.run(
      "/bin/bash", ["--norc", "--noprofile", "-c", program, "bash", script] + words)
    #expect(result.exitCode == 0, "bash completion failed: \(result.stderr)")
    return result.stdout.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
  }

  @Test func bashCompletesFromTheInstalledScript() async throws {
    let cli = try CLI()
    let stage = try Stage()
    try await install(cli, into: stage)
    let script = stage.path(Self.completions[0])

    #expect(try await bashComplete(cli, script, ["osbsctl", "bui"]) == ["build"])
    #expect(try await bashComplete(cli, script, ["osbsctl", "node", "c"]) == ["cordon"])
    let pruneWords = try await bashComplete(cli, script, ["osbsctl", "prune", ""])
    #expect(
      pruneWords.filter { !$0.hasPrefix("-") }.sorted() == ["all", "builds", "containers", "images", "node"])
    #expect(pruneWords.contains("--help"))
    let flags = try await bashComplete(cli, script, ["osbsctl", "build", "list", "--all"])
    #expect(flags == ["--all-namespaces"])
    // The hidden debug command is not offered.
    #expect(try await bashComplete(cli, script, ["osbsctl", "de"]) == [])
  }

  /// Subcommands are words, not file names: with a folder `build` in the working directory, `bui<TAB>`
  /// must not become `build/` (bash's `-o filenames` did that for every candidate). Options that take a
  /// path complete paths, and only they ask bash for file-name handling.
  @Test func bashTreatsOnlyPathsAsFileNames() async throws {
    let cli = try CLI()
    let script = CLI.packageRoot.appendingPathComponent("completions/osbsctl.bash").path
    let program = """
      source "$1" || exit 90
      complete -p osbsctl
      cd "$(mktemp -d)" && mkdir build && touch site.yaml
      complete_words() {
        COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
        _osbsctl osbsctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
        printf '%s\n' "${COMPREPLY[@]}"
      }
      echo "--subcommand"; complete_words osbsctl bui
      echo "--config"; complete_words osbsctl node list --config s
      echo "--directory"; complete_words osbsctl container-build -C b
      """
    let result = try await cli.run("/bin/bash", ["--norc", "--noprofile", "-c", program, "bash", script])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "complete -F _osbsctl osbsctl", "\(result.stdout)")
    #expect(!result.stdout.contains("-o filenames"))
    func section(_ name: String) -> [String] {
      guard let start = lines.firstIndex(of: name) else { return [] }
      return Array(lines[(start + 1)...].prefix { !$0.hasPrefix("--") })
    }
    #expect(section("--subcommand") == ["build"], "\(result.stdout)")
    #expect(section("--config") == ["site.yaml"], "\(result.stdout)")
    #expect(section("--directory") == ["build"], "\(result.stdout)")
  }

  @Test func uninstallRemovesEverythingInstalled() async throws {
    let cli = try CLI()
    let stage = try Stage()
    try await install(cli, into: stage)
    let result = try await make(cli, ["uninstall", "DESTDIR=\(stage.url.path)", "PREFIX=/usr"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let left = FileManager.default.enumerator(atPath: stage.url.path)?.allObjects.compactMap { $0 as? String }
      .filter { path in
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: stage.path("/" + path), isDirectory: &isDirectory)
        return exists && !isDirectory.boolValue
      }
    #expect(left == [], "left behind after make uninstall")
  }
}
