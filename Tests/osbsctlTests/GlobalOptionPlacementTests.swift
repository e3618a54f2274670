import Foundation
import TestSupport
import Testing

/// Global options anywhere, as kubectl takes them, and "did you mean" for a mistyped subcommand.
@Suite("global options before the subcommand, and typos")
struct GlobalOptionPlacementTests {
  @Test func globalOptionsBeforeTheSubcommandWork() async throws {
    let cli = try CLI()
    let json = try await cli.osbsctl(["-o", "json", "version"])
    #expect(json.exitCode == 0, "\(json.stderr)")
    #expect(try json.json()["version"] as? String != nil, "\(json.stdout)")

    let debug = try await cli.osbsctl(["--debug", "--color=never", "version", "-o", "json"])
    #expect(debug.exitCode == 0, "\(debug.stderr)")

    // The option reaches the leaf: a missing kubeconfig is named, not an unknown option.
    let kubeconfig = try await cli.osbsctl(["--kubeconfig", "/nonexistent/kubeconfig", "node", "list"])
    #expect(kubeconfig.exitCode == 3, "\(kubeconfig.stderr)")
    #expect(kubeconfig.stderr.contains("/nonexistent/kubeconfig"), "\(kubeconfig.stderr)")
    #expect(!kubeconfig.stderr.contains("Unknown option"))

    // Between group and leaf too, and with `--name=value`.
    let between = try await cli.osbsctl(["node", "--kubeconfig=/nonexistent/kubeconfig", "list"])
    #expect(between.exitCode == 3, "\(between.stderr)")
  }

  /// Each option of GlobalOptions and OutputOptions, every spelling, before the subcommand: all reach the
  /// leaf, values with the options that take one (a flag taking the next word, or an option not, would
  /// leave a word where the subcommand belongs).
  @Test(arguments: [
    [
      "--config", "f.yaml", "-p", "x", "-c", "k.conf", "--koji-profile", "kp", "--kubeconfig", "kc",
      "--context", "ctx", "-n", "ns", "--request-timeout", "5s", "--color", "never", "--debug", "-o", "json",
    ],
    [
      "--profile=x", "--koji-config", "k.conf", "--namespace", "ns", "--debug", "--output", "json",
      "--color=never",
    ],
  ])
  func everyGlobalOptionMayStandBeforeTheSubcommand(options: [String]) async throws {
    let result = try await CLI().osbsctl(options + ["version"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(try result.json()["version"] as? String != nil, "\(result.stdout)")
  }

  @Test(arguments: [
    (["tsk"], "unknown command 'tsk' for 'osbsctl'. Did you mean 'task'?"),
    (["node", "lst"], "unknown command 'lst' for 'osbsctl node'. Did you mean 'list'?"),
    (["-o", "json", "biuld", "list"], "unknown command 'biuld' for 'osbsctl'. Did you mean 'build'?"),
    (["zzzzzz"], "unknown command 'zzzzzz' for 'osbsctl' (see `osbsctl --help`)"),
    // `help X` is `X --help`: a mistyped X is refused the same way, not answered with the parent's help.
    (["help", "tsk"], "unknown command 'tsk' for 'osbsctl'. Did you mean 'task'?"),
    (["help", "build", "lst"], "unknown command 'lst' for 'osbsctl build'. Did you mean 'list'?"),
  ])
  func aMistypedSubcommandGetsASuggestion(arguments: [String], message: String) async throws {
    let result = try await CLI().osbsctl(arguments)
    #expect(result.exitCode == 64)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  @Test func rootFlagsAndHelpStillWork() async throws {
    let cli = try CLI()
    let version = try await cli.osbsctl(["--version"])
    #expect(version.exitCode == 0)
    let help = try await cli.osbsctl(["help", "task"])
    #expect(help.exitCode == 0)
    #expect(help.stdout.contains("USAGE: osbsctl task"), "\(help.stdout)")
    let leaf = try await cli.osbsctl(["help", "build", "list"])
    #expect(leaf.exitCode == 0)
    #expect(leaf.stdout.contains("USAGE: osbsctl build list"), "\(leaf.stdout)")
    let root = try await cli.osbsctl(["help"])
    #expect(root.exitCode == 0)
    #expect(root.stdout.contains("USAGE: osbsctl <subcommand>"), "\(root.stdout)")
  }
}

/// With `-o json` (or yaml) a failure is machine-readable too: one JSON object on stderr.
@Suite("structured errors")
struct StructuredErrorTests {
  @Test func aFailedJSONRunWritesOneErrorObject() async throws {
    let cli = try CLI()
    let result = try await cli.osbsctl([
      "node", "list", "--kubeconfig", "/nonexistent/kubeconfig", "-o", "json",
    ])
    #expect(result.exitCode == 3)
    #expect(result.stdout.isEmpty)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
    let error = try #require(object["error"] as? [String: Any])
    #expect(error["kind"] as? String == "notFound")
    #expect(error["exitCode"] as? Int == 3)
    #expect((error["message"] as? String)?.contains("/nonexistent/kubeconfig") == true)

    // A table run says it in words.
    let table = try await cli.osbsctl(["node", "list", "--kubeconfig", "/nonexistent/kubeconfig"])
    #expect(table.stderr.hasPrefix("error: "), "\(table.stderr)")
  }

  /// The only object on stderr of a failed JSON or YAML run, checked key by key.
  static func onlyErrorObject(_ result: CLIResult) throws -> [String: Any] {
    #expect(result.stdout.isEmpty, "\(result.stdout)")
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
    #expect(object.keys.sorted() == ["error"])
    let error = try #require(object["error"] as? [String: Any])
    #expect(error.keys.sorted() == ["exitCode", "kind", "message"])
    #expect(error["exitCode"] as? Int == result.exitCode.map(Int.init))
    return error
  }

  /// Errors ArgumentParser finds (a bad flag, a bad value, an unknown subcommand) are JSON too, and in text
  /// they have the one prefix every other error has.
  @Test(arguments: [
    ["task", "info", "1", "--no-such-flag"], ["task", "info", "not-a-number"], ["tsk", "info", "1"],
  ])
  func usageErrorsOfAJSONRunAreOneErrorObject(arguments: [String]) async throws {
    let cli = try CLI()
    for format in [["-o", "json"], ["--output=yaml"]] {
      let result = try await cli.osbsctl(arguments + format)
      #expect(result.exitCode == 64, "\(result.summary)")
      let error = try Self.onlyErrorObject(result)
      #expect(error["kind"] as? String == "usage")
      #expect((error["message"] as? String)?.isEmpty == false)
      #expect((error["message"] as? String)?.hasPrefix("Error") == false, "\(error)")
    }
    let text = try await cli.osbsctl(arguments)
    #expect(text.exitCode == 64)
    #expect(text.stderr.hasPrefix("error: "), "\(text.stderr)")
    #expect(!text.stderr.contains("Error: "), "\(text.stderr)")
  }

  /// Help and the version are not errors: they still go to stdout with status 0 in a JSON run.
  @Test func helpIsNotAnError() async throws {
    let cli = try CLI()
    let help = try await cli.osbsctl(["task", "info", "--help", "-o", "json"])
    #expect(help.exitCode == 0, "\(help.summary)")
    #expect(help.stdout.contains("USAGE: osbsctl task info"), "\(help.stdout)")
    #expect(help.stderr.isEmpty)
  }
}
