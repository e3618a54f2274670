import Foundation

/// The keys osbsctl's YAML knows, to warn about the ones it does not (a typo such as `kojj:` would otherwise
/// be ignored without a word).
indirect enum ConfigKeySchema: Sendable {
  /// A value; what is inside is not checked here.
  case value
  /// A mapping with these keys.
  case keys([String: ConfigKeySchema])
  /// A mapping whose keys are names (profiles, branches), each holding this.
  case named(ConfigKeySchema)

  /// osbsctl's config file, as `OSBSCtlConfigDocument` decodes it. Built per use, not kept in a global:
  /// a static `let` of indirect-enum boxes is reported as leaked by LeakSanitizer (fuzz-osbsctl-config).
  static var osbsctlConfig: ConfigKeySchema {
    .keys([
      "defaultProfile": .value,
      "profiles": .named(
        .keys([
          "koji": .keys(["profile": .value, "configFile": .value]),
          "openshift": .keys([
            "kubeconfig": .value, "context": .value, "namespace": .value, "buildAPI": .value,
          ]
          ),
          "distGit": .keys([
            "anonURLTemplate": .value, "targetTemplate": .value, "branchTargets": .named(.value),
          ]),
          "docker": .keys(["host": .value]),
          "ovs": .keys(["bridge": .value, "ofctl": .value, "openflowVersion": .value]),
          "probe": .keys(["image": .value, "target": .value]),
          "http": .keys(["maxResponseBytes": .value, "requestTimeout": .value]),
        ])),
    ])
  }

  /// One warning per unknown key in the document `root`: file, line, where it is and the nearest known key.
  func unknownKeys(in root: YAMLNode, path: String) -> [String] {
    var warnings: [String] = []
    walk(root, at: [], path: path, into: &warnings)
    return warnings
  }

  private func walk(_ node: YAMLNode, at keyPath: [String], path: String, into warnings: inout [String]) {
    guard case .mapping(let mapping) = node.content else { return }
    switch self {
    case .value:
      return
    case .named(let inner):
      for (key, value) in mapping {
        inner.walk(value, at: keyPath + [key.scalarText ?? "?"], path: path, into: &warnings)
      }
    case .keys(let known):
      for (key, value) in mapping {
        let name = key.scalarText ?? "?"
        if let schema = known[name] {
          schema.walk(value, at: keyPath + [name], path: path, into: &warnings)
          continue
        }
        let place = keyPath.isEmpty ? "at the top level" : "in \(keyPath.joined(separator: "."))"
        let hint =
          Self.nearest(to: name, among: known.keys).map { "did you mean '\($0)'?" }
          ?? "known: \(known.keys.sorted().joined(separator: ", "))"
        warnings.append(
          "\(SettingSource.file(path, line: key.line)): unknown key '\(name)' \(place), ignored; \(hint)"
        )
      }
    }
  }

  /// The known key closest to `name` by edit distance (case-insensitive), when it is close enough to be a
  /// typo: at most a third of the longer name's letters differ.
  static func nearest(to name: String, among known: some Sequence<String>) -> String? {
    let scored = known.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }) else { return nil }
    let limit = max(1, max(name.count, best.0.count) / 3)
    return best.1 <= limit ? best.0 : nil
  }

  /// Levenshtein distance, with a transposition of neighbours counting as one edit.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previousRow: [Int] = []
    var row = Array(0...b.count)
    for i in 1...a.count {
      var next = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          next[j] = min(next[j], previousRow[j - 2] + 1)
        }
      }
      previousRow = row
      row = next
    }
    return row[b.count]
  }
}
