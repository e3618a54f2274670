import Foundation
import Testing
import Yams

@testable import OSBSKit

/// `YAMLFile` composes configuration documents from libyaml's events itself. These tests hold it to what
/// `Yams.compose` (basic resolver), which it replaced, gave for the same text: the same tree, lines and
/// plain-or-not scalars for every YAML file in the fixtures and for hand-written edge cases, and the same
/// error, file and line for broken documents.
@Suite("composing configuration YAML")
struct YAMLComposerTests {
  /// What the old reading said for a Yams error (the mapping `YAMLFile.located` made), as `file:line: reason`.
  private static func yamsError(_ error: YamlError, path: String) -> String {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let prefix = context.map { "\($0.text) " } ?? ""
      return ConfigError.malformedFile(
        path: path, line: mark.line, reason: "invalid YAML: \(prefix)\(problem)"
      )
      .description
    case .duplicatedKeysInMapping(let duplicates, let context):
      return ConfigError.malformedFile(
        path: path, line: context.mark.line,
        reason: "duplicate key(s) \(duplicates.sorted().joined(separator: ", "))"
      ).description
    case .reader(let problem, _, _, _):
      return ConfigError.malformedFile(path: path, line: nil, reason: "invalid YAML: \(problem)").description
    default:
      return ConfigError.malformedFile(path: path, line: nil, reason: "invalid YAML").description
    }
  }

  /// The tree as text, one node per line: kind, line, and for scalars their text and whether plain.
  private static func outline(_ node: Yams.Node, into lines: inout [String], depth: Int = 0) {
    let indent = String(repeating: " ", count: depth)
    let line = node.mark?.line ?? -1
    switch node {
    case .scalar(let scalar):
      lines.append(
        "\(indent)scalar@\(line) plain=\(scalar.style == .plain) \(scalar.string.debugDescription)")
    case .alias:
      lines.append("\(indent)alias@\(line)")
    case .sequence(let sequence):
      lines.append("\(indent)sequence@\(line)")
      for item in sequence { outline(item, into: &lines, depth: depth + 1) }
    case .mapping(let mapping):
      lines.append("\(indent)mapping@\(line)")
      for (key, value) in mapping {
        outline(key, into: &lines, depth: depth + 1)
        outline(value, into: &lines, depth: depth + 1)
      }
    }
  }

  private static func outline(_ node: YAMLNode, into lines: inout [String], depth: Int = 0) {
    let indent = String(repeating: " ", count: depth)
    switch node.content {
    case .scalar(let text, let plain):
      lines.append("\(indent)scalar@\(node.line) plain=\(plain) \(text.debugDescription)")
    case .sequence(let items):
      lines.append("\(indent)sequence@\(node.line)")
      for item in items { outline(item, into: &lines, depth: depth + 1) }
    case .mapping(let pairs):
      lines.append("\(indent)mapping@\(node.line)")
      for (key, value) in pairs {
        outline(key, into: &lines, depth: depth + 1)
        outline(value, into: &lines, depth: depth + 1)
      }
    }
  }

  /// Both readings of `text`: the outline of the tree, or the error's description.
  private static func readings(_ text: String) -> (composed: [String], yams: [String]) {
    let path = "/config/test.yaml"
    var composed: [String] = []
    do {
      if let node = try YAMLFile.compose(text, path: path) { outline(node, into: &composed) }
    } catch {
      composed = ["error: \(error.description)"]
    }
    var yams: [String] = []
    do {
      if let node = try Yams.compose(yaml: text, .basic, .default, .utf8) { outline(node, into: &yams) }
    } catch let error as YamlError {
      yams = ["error: \(yamsError(error, path: path))"]
    } catch {
      yams = ["error: \(error)"]
    }
    return (composed, yams)
  }

  static let editCases: [String] = [
    "",
    "---\n",
    "~\n",
    "# only a comment\n",
    "a: 1\nb: 'two'\nc: \"three\"\nd:\ne: ~\n",
    "list:\n- a\n- 'b'\n- {c: d}\n- [e, f]\n",
    "block: |\n  line one\n  line two\nfolded: >\n  folded\n  text\n",
    "base: &b {server: x, name: y}\nuse:\n  <<: *b\n  name: z\n",
    "seq: &s [1, 2]\nagain: *s\n",
    "a: &x 1\nb: &x 2\nc: *x\n",
    "'<<': quoted\n\"<<\": also\n",
    "clusters:\n- name: c\n  cluster:\n    server: https://api.example.test:6443\n",
    "key: value\n---\nsecond: document\n",
    "key: *nowhere\n",
    "a: 1\nb: 2\na: 3\n",
    "outer:\n  z: 1\n  y: 2\n  z: 3\n  y: 4\n",
    "'a': 1\na: 2\n",
    "key: [unclosed\n",
    "key: {a: b\n",
    "\tkey: tab\n",
    "key: value\n  bad indentation: here\n",
    "- a\nb: c\n",
    "key: \"unterminated\n",
    "bell: \u{07}\n",
    "key: !!str 12\n",
    "unicode: \"caf\\u00e9 \u{1F600}\"\n",
    "? complex\n: value\n",
    "empty: []\nalso: {}\n",
    "\u{FEFF}bom: first\n",
    "windows: line\r\nends: here\r\n",
    "%YAML 1.1\n---\ndirective: kept\n...\n",
  ]

  @Test(arguments: editCases)
  func handWrittenDocumentsComposeAsYamsDid(_ text: String) {
    let (composed, yams) = Self.readings(text)
    #expect(composed == yams, "\(text.debugDescription)")
  }

  @Test func everyYAMLFixtureComposesAsYamsDid() throws {
    let root = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
    let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
    var checked = 0
    for case let url as URL in enumerator where ["yaml", "yml"].contains(url.pathExtension) {
      let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
      let (composed, yams) = Self.readings(text)
      #expect(composed == yams, "\(url.lastPathComponent)")
      checked += 1
    }
    #expect(checked >= 30)
  }

  @Test func errorsCarryTheLineButNeverTheText() throws {
    let secret = "FAKE-secret-value"
    for text in ["token: \"\(secret)\n", "token: [\(secret)\n", "token: \(secret)\ntoken: \(secret)\n"] {
      let (composed, _) = Self.readings(text)
      let error = try #require(composed.first)
      #expect(error.hasPrefix("error: /config/test.yaml:"), "\(error)")
      #expect(!error.contains(secret), "\(error)")
    }
  }
}
