import Foundation
import Yams

/// Configuration YAML (read with `YAMLNodeReader`): Yams' errors become `ConfigError`s naming the file and
/// line.
///
/// Error text carries the problem and position only, never the offending text: it may hold a secret.
enum YAMLFile {
  /// Yams' default `Parser.Encoding` is a computed property that copies the whole process environment
  /// (`ProcessInfo.environment`) to look for `YAMS_DEFAULT_ENCODING`, on every parse and decoder: ~0.3 M
  /// instructions each, 2.5 M of one `node cordon`. Swift strings are UTF-8, which that default picks.
  static var encoding: Parser.Encoding { .utf8 }

  static func located(_ error: YamlError, path: String) -> ConfigError {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let prefix = context.map { "\($0.text) " } ?? ""
      return .malformedFile(path: path, line: mark.line, reason: "invalid YAML: \(prefix)\(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return .malformedFile(
        path: path, line: context.mark.line,
        reason: "duplicate key(s) \(duplicates.sorted().joined(separator: ", "))")
    case .reader(let problem, _, _, _):
      return .malformedFile(path: path, line: nil, reason: "invalid YAML: \(problem)")
    default:
      return .malformedFile(path: path, line: nil, reason: "invalid YAML")
    }
  }
}
