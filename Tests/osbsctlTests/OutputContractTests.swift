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

  @Test func unknownOutputFormatIsAUsageError() async throws {
    let result = try await CLI().osbsctl(["version", "-o", "xml"])
    #expect(result.exitCode == 64)
  }
}
