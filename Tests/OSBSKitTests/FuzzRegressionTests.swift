import Foundation
import OSBSKit
import Testing

/// Every input the fuzzers were seeded with (fuzz/corpus/<target>/) and every crasher they found
/// (Fixtures/fuzz-regressions/<target>/) goes through the same parser call as the fuzz target
/// (fuzz/Sources/fuzz-<target>/main.swift) and must come back as a value or a typed error.
@Suite("fuzz corpora and regressions")
struct FuzzRegressionTests {
  /// One per fuzz target; the raw value is the target's name in fuzz/Package.swift.
  enum Target: String, CaseIterable, CustomTestStringConvertible {
    case xmlrpcResponse = "xmlrpc-response"
    case xmlrpcCall = "xmlrpc-call"
    case kojiINI = "koji-ini"
    case kubeconfig = "kubeconfig"
    case osbsctlConfig = "osbsctl-config"
    case openshiftJSON = "openshift-json"
    case distGitRemote = "distgit-remote"
    case ovsFlows = "ovs-flows"
    case dockerJSON = "docker-json"

    var testDescription: String { rawValue }
  }

  enum Outcome: Equatable {
    case value
    case rejected
  }

  static let corpusRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fuzz/corpus")

  static var regressionRoot: URL {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fuzz-regressions")
  }

  static func files(in directory: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
      .map { directory.appendingPathComponent($0) }
  }

  @Test(arguments: Target.allCases)
  func seedCorpusParsesOrFailsWithATypedError(target: Target) throws {
    let seeds = Self.files(in: Self.corpusRoot.appendingPathComponent(target.rawValue))
    #expect(!seeds.isEmpty, "no seeds in fuzz/corpus/\(target.rawValue)")
    var outcomes: [Outcome] = []
    for seed in seeds {
      outcomes.append(try Self.feed(try Data(contentsOf: seed), to: target, name: seed.lastPathComponent))
    }
    // The seeds are real replies and working configs: the parsers must accept most of them, not just
    // survive them.
    let accepted = outcomes.filter { $0 == .value }.count
    #expect(accepted * 2 >= outcomes.count, "only \(accepted) of \(outcomes.count) seeds parsed")
  }

  @Test(arguments: Target.allCases)
  func crashersFoundByFuzzingNowParseOrFailCleanly(target: Target) throws {
    for crasher in Self.files(in: Self.regressionRoot.appendingPathComponent(target.rawValue)) {
      _ = try Self.feed(try Data(contentsOf: crasher), to: target, name: crasher.lastPathComponent)
    }
  }

  /// Real captured hub replies are all well-formed: each must decode.
  @Test func everyCapturedXMLRPCSeedDecodes() throws {
    for target in [Target.xmlrpcResponse, .xmlrpcCall] {
      for seed in Self.files(in: Self.corpusRoot.appendingPathComponent(target.rawValue)) {
        let outcome = try Self.feed(try Data(contentsOf: seed), to: target, name: seed.lastPathComponent)
        #expect(outcome == .value, "\(target.rawValue)/\(seed.lastPathComponent)")
      }
    }
  }

  /// The parser call each fuzz target makes. An error that is not a `ClassifiedError` fails the test (for
  /// the JSON models Foundation's `DecodingError` is expected: the client wraps it).
  static func feed(_ data: Data, to target: Target, name: String) throws -> Outcome {
    do {
      switch target {
      case .xmlrpcResponse:
        _ = XMLRPCEncoder.encode(try XMLRPCDecoder.decodeResponse(data))
      case .xmlrpcCall:
        _ = XMLRPCEncoder.encode(try XMLRPCDecoder.decodeCall(data))
      case .kojiINI:
        let scratch = try ScratchConfig()
        let path = try scratch.write(data, named: "koji.conf")
        _ = try scratch.resolve(ConfigInputs(kojiConfigFile: path, kojiProfile: firstSectionName(data)))
      case .kubeconfig:
        let scratch = try ScratchConfig()
        _ = try scratch.resolve(ConfigInputs(kubeconfig: try scratch.write(data, named: "kubeconfig")))
      case .osbsctlConfig:
        let scratch = try ScratchConfig()
        // The Koji profiles the seeds name, as a machine's /etc/koji.conf would define them, so a seed is
        // judged on its own content and never on files of the machine that made it.
        try scratch.writeSystemKojiConfig(
          "[koji]\nserver = https://koji.example.org/kojihub\n\n[sandbox]\nserver = http://127.0.0.1:1/kojihub\n"
        )
        _ = try scratch.resolve(ConfigInputs(configFile: try scratch.write(data, named: "config.yaml")))
      case .openshiftJSON:
        let decoded = [
          decodes(Build.self, data), decodes(Pod.self, data), decodes(Node.self, data),
          decodes(BuildConfig.self, data), decodes(ObjectList<Build>.self, data),
          decodes(ObjectList<Pod>.self, data), decodes(ObjectList<Node>.self, data),
          decodes(APIStatus.self, data),
        ]
        return decoded.contains(true) ? .value : .rejected
      case .distGitRemote:
        _ = try DistGitRemote(url: String(decoding: data, as: UTF8.self))
      case .ovsFlows:
        _ = try JSONEncoder().encode(try OVSFlowDump.parse(String(decoding: data, as: UTF8.self)))
      case .dockerJSON:
        // Each seed is one endpoint's reply: it must decode as at least one of them.
        let decoded: [Bool] = [
          (try? JSONEncoder().encode(try DockerReply.version(data))) != nil,
          (try? JSONEncoder().encode(try DockerReply.containers(data))) != nil,
          (try? JSONEncoder().encode(try DockerReply.images(data))) != nil,
          (try? JSONEncoder().encode(try DockerReply.imageDeletions(data))) != nil,
          (try? JSONEncoder().encode(try DockerReply.systemDataUsage(data))) != nil,
        ]
        return decoded.contains(true) ? .value : .rejected
      }
      return .value
    } catch let error as any ClassifiedError {
      #expect(!error.description.isEmpty, "\(target.rawValue)/\(name): empty error text")
      return .rejected
    } catch {
      Issue.record("\(target.rawValue)/\(name): untyped error \(type(of: error)): \(error)")
      return .rejected
    }
  }

  static func decodes<T: Codable>(_ type: T.Type, _ data: Data) -> Bool {
    guard let value = try? JSONDecoder().decode(type, from: data) else { return false }
    #expect(throws: Never.self) { _ = try JSONEncoder().encode(value) }
    return true
  }

  /// The koji-ini target resolves the first section the input names.
  static func firstSectionName(_ data: Data) -> String? {
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("[") {
      guard let close = line.firstIndex(of: "]") else { continue }
      return String(line[line.index(after: line.startIndex)..<close])
    }
    return nil
  }
}

/// An empty etc/, home and working directory, so resolution reads only the file under test.
private final class ScratchConfig {
  let root: String

  init() throws {
    root =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("osbsctl-fuzz-regression-\(UUID().uuidString)").path
    for directory in ["etc", "home", "work"] {
      try FileManager.default.createDirectory(
        atPath: "\(root)/\(directory)", withIntermediateDirectories: true)
    }
  }

  deinit { try? FileManager.default.removeItem(atPath: root) }

  func write(_ data: Data, named name: String) throws -> String {
    let path = "\(root)/work/\(name)"
    try data.write(to: URL(fileURLWithPath: path))
    return path
  }

  func writeSystemKojiConfig(_ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: "\(root)/etc/koji.conf"))
  }

  func resolve(_ inputs: ConfigInputs) throws(ConfigError) -> ResolvedSettings {
    let environment = ConfigEnvironment(
      variables: [:], homeDirectory: "\(root)/home", currentDirectory: "\(root)/work",
      systemConfigDirectory: "\(root)/etc", serviceAccountDirectory: "\(root)/serviceaccount")
    return try SettingsResolver(inputs: inputs, environment: environment).resolve()
  }
}
