import Foundation
import Testing

/// The `-o` values osbsctl knows.
enum OutputFormatNames {
  static let all = ["table", "wide", "json", "yaml", "name"]
}

@Suite("Output contract and exit codes")
struct OutputContractTests {
  @Test func unknownFlagIsAUsageError() async throws {
    let result = try await CLI().osbsctl(["--no-such-flag"])
    #expect(result.exitCode == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("--no-such-flag"))
  }

  @Test func versionReportsLibcurlAndItsFeatures() async throws {
    let result = try await CLI().osbsctl(["version", "-o", "json"])
    #expect(result.exitCode == 0)
    let json = try result.json()
    #expect((json["version"] as? String)?.isEmpty == false)
    let libcurl = try #require(json["libcurl"] as? [String: Any])
    #expect((libcurl["version"] as? String)?.first?.isNumber == true)
    let features = try #require(libcurl["features"] as? [String])
    #expect(features.contains("UnixSockets"))
    #expect(features.contains("SPNEGO"))
  }

  /// libcurl is loaded at the first transfer (or to ask its version), so commands without network never
  /// map it; glibc's loader names every object it maps when `LD_DEBUG=files` is set.
  #if os(Linux)
    @Test func onlyCommandsThatNeedLibcurlLoadIt() async throws {
      let cli = try CLI()
      let loaded = { (arguments: [String]) async throws -> Bool in
        let result = try await cli.osbsctl(arguments, environment: ["LD_DEBUG": "files"])
        #expect(result.exitCode == 0, "\(arguments): \(result.stderr.suffix(500))")
        return result.stderr.contains("libcurl.so")
      }
      #expect(try await loaded(["version", "--client", "-o", "json"]) == false)
      #expect(try await loaded(["--help"]) == false)
      // Parsed, so past the point where commands that transfer start loading libcurl (`transfers`).
      #expect(try await loaded(["version", "--client", "--color", "never"]) == false)
      #expect(try await loaded(["config", "view"]) == false)
      #expect(try await loaded(["version", "-o", "json"]) == true)
      let client = try await cli.osbsctl(["version", "--client", "-o", "json"])
      #expect(try client.json()["libcurl"] == nil, "\(client.stdout)")
    }
  #endif

  @Test func jsonKeysAreSortedAndYamlMatchesJSON() async throws {
    let cli = try CLI()
    let json = try await cli.osbsctl(["version", "-o", "json"])
    let keys = json.stdout.split(separator: "\n").filter { $0.hasPrefix("  \"") }
      .map { $0.split(separator: "\"")[1] }
    #expect(keys == keys.sorted())
    let yaml = try await cli.osbsctl(["version", "-o", "yaml"])
    #expect(yaml.exitCode == 0)
    #expect(yaml.stdout.hasSuffix("\n"))
    #expect(yaml.stdout.contains("version: 0."))
    #expect(yaml.stdout.contains("  - UnixSockets"))
  }

  @Test func nameOutputListsResources() async throws {
    let result = try await CLI().osbsctl(["version", "-o", "name"])
    #expect(result.stdout.hasPrefix("osbsctl/"))
  }

  /// A format that means nothing for a command is refused before anything is sent, as kubectl does: a
  /// stream has no table to widen and no resources to name; some tables have no wide columns.
  @Test(arguments: [
    ["task", "watch", "1", "-o", "name"], ["task", "watch", "1", "-o", "wide"],
    ["task", "logs", "1", "-o", "name"],
    ["build", "logs", "b-1", "-o", "wide"], ["build", "watch", "b-1", "-o", "name"],
    ["node", "cordon", "n1", "--dry-run", "-o", "wide"],
    ["node", "uncordon", "n1", "--dry-run", "-o", "wide"],
    ["node", "drain", "n1", "--dry-run", "-o", "wide"], ["task", "cancel", "1", "--dry-run", "-o", "wide"],
    ["build", "node", "b-1", "-o", "wide"], ["config", "view", "-o", "wide"],
  ])
  func aFormatACommandDoesNotHaveIsRefused(arguments: [String]) async throws {
    let result = try await CLI().osbsctl(arguments)
    #expect(result.exitCode == 64, "\(result.summary)")
    #expect(result.stdout.isEmpty)
    let format = try #require(arguments.last)
    #expect(result.stderr.hasPrefix("error: this command has no -o \(format) output; use one of: table, "))
    #expect(!result.stderr.contains(", \(format)"), "\(result.stderr)")
  }

  /// `build get --raw` prints the server's JSON: `-o json` agrees with it, any other format is refused
  /// rather than ignored.
  @Test(arguments: ["yaml", "name", "wide"])
  func rawTakesNoOtherFormat(format: String) async throws {
    let result = try await CLI().osbsctl(["build", "get", "b-1", "--raw", "-o", format])
    #expect(result.exitCode == 64, "\(result.summary)")
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.contains("--raw prints the object as the server sent it (JSON); it takes no -o \(format)")
    )
  }

  @Test func aFormatACommandHasIsNotRefused() async throws {
    let cli = try CLI()
    for format in OutputFormatNames.all {
      let result = try await cli.osbsctl(["version", "-o", format])
      #expect(result.exitCode == 0, "\(format): \(result.summary)")
    }
  }

  @Test func unknownOutputFormatIsAUsageError() async throws {
    let result = try await CLI().osbsctl(["version", "-o", "xml"])
    #expect(result.exitCode == 64)
  }
}
