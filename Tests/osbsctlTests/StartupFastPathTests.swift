import Foundation
import Testing

/// `osbsctl --help` and `version` (with or without `--client`) are answered before the argument parser
/// runs (`StartupFastPath`); any other word sends the same request through the parser. `--color never`
/// only changes stderr, and `osbsctl help` is the parser's own way to the root's help, so both ways must
/// print the same bytes.
@Suite("start-up fast path: version and --help without the argument parser")
struct StartupFastPathTests {
  @Test(
    arguments: [["version", "--client"], ["version"]],
    [[], ["-o", "table"], ["-o", "wide"], ["-o", "json"], ["--output", "yaml"], ["-o", "name"]])
  func theFastPathPrintsWhatTheParsedCommandPrints(command: [String], format: [String]) async throws {
    let cli = try CLI()
    let fast = try await cli.osbsctl(command + format)
    let parsed = try await cli.osbsctl(command + ["--color", "never"] + format)
    #expect(fast.exitCode == 0, "\(fast.stderr)")
    #expect(parsed.exitCode == 0, "\(parsed.stderr)")
    #expect(!fast.stdout.isEmpty)
    #expect(fast.stdout == parsed.stdout)
    #expect(fast.stderr == parsed.stderr)
  }

  @Test func theOrderOfClientAndOutputDoesNotMatter() async throws {
    let cli = try CLI()
    let first = try await cli.osbsctl(["version", "-o", "json", "--client"])
    let second = try await cli.osbsctl(["version", "--client", "-o", "json"])
    #expect(first.exitCode == 0)
    #expect(first.stdout == second.stdout)
    #expect(try first.json()["libcurl"] == nil, "\(first.stdout)")
  }

  @Test(arguments: [[:], ["COLUMNS": "60"]])
  func rootHelpIsTheParsersHelp(environment: [String: String]) async throws {
    let cli = try CLI()
    let parsed = try await cli.osbsctl(["help"], environment: environment)
    #expect(parsed.exitCode == 0, "\(parsed.stderr)")
    #expect(parsed.stdout.contains("SUBCOMMANDS:"), "\(parsed.stdout)")
    for flag in ["--help", "-h"] {
      let fast = try await cli.osbsctl([flag], environment: environment)
      #expect(fast.exitCode == 0, "\(flag): \(fast.stderr)")
      #expect(fast.stdout == parsed.stdout, "\(flag)")
      #expect(fast.stderr == parsed.stderr, "\(flag)")
    }
  }

  /// What the fast path does not answer still gets the parser's errors and help.
  @Test func anythingElseIsTheParsersToJudge() async throws {
    let cli = try CLI()
    let unknownFormat = try await cli.osbsctl(["version", "--client", "-o", "xml"])
    #expect(unknownFormat.exitCode == 64, "\(unknownFormat.stderr)")
    #expect(unknownFormat.stdout.isEmpty)

    let missingValue = try await cli.osbsctl(["version", "--client", "-o"])
    #expect(missingValue.exitCode == 64, "\(missingValue.stderr)")

    let extraWord = try await cli.osbsctl(["version", "--client", "extra"])
    #expect(extraWord.exitCode == 64, "\(extraWord.stderr)")
    #expect(extraWord.stderr.contains("extra"), "\(extraWord.stderr)")

    let help = try await cli.osbsctl(["version", "--client", "--help"])
    #expect(help.exitCode == 0)
    #expect(help.stdout.contains("USAGE: osbsctl version"), "\(help.stdout)")

    // The fast path takes `--client` once; the parser also accepts it twice, and prints the same.
    let once = try await cli.osbsctl(["version", "--client"])
    let twice = try await cli.osbsctl(["version", "--client", "--client"])
    #expect(twice.exitCode == 0, "\(twice.stderr)")
    #expect(twice.stdout == once.stdout)
  }
}
