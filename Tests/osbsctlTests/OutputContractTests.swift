import Foundation
import Testing

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

  @Test func unknownOutputFormatIsAUsageError() async throws {
    let result = try await CLI().osbsctl(["version", "-o", "xml"])
    #expect(result.exitCode == 64)
  }
}
