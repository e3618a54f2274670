import Foundation
import Yams

/// Decodes configuration YAML and turns Yams' errors into `ConfigError`s naming the file and line.
///
/// Error text carries the problem and position only, never the offending text: it may hold a secret.
enum YAMLFile {
  /// Yams' default `Parser.Encoding` is a computed property that copies the whole process environment
  /// (`ProcessInfo.environment`) to look for `YAMS_DEFAULT_ENCODING`, on every parse and decoder: ~0.3 M
  /// instructions each, 2.5 M of one `node cordon`. Swift strings are UTF-8, which that default picks.
  static var encoding: Parser.Encoding { .utf8 }

  /// The document's node tree (nil for an empty document).
  static func compose(_ text: String) throws -> Yams.Node? {
    try Yams.compose(yaml: text, .default, .default, encoding)
  }

  /// nil when the document is empty (kubectl and our own loader treat an empty file as no settings).
  static func decode<T: Decodable>(_ type: T.Type, path: String) throws(ConfigError) -> T? {
    try decode(type, text: try ConfigFiles.text(path), path: path)
  }

  static func decode<T: Decodable>(_ type: T.Type, text: String, path: String) throws(ConfigError) -> T? {
    let root: Yams.Node
    do {
      guard let node = try compose(text) else { return nil }
      root = node
    } catch let error as YamlError {
      throw located(error, path: path)
    } catch {
      throw .malformedFile(path: path, line: nil, reason: "not valid YAML")
    }
    if case .scalar(let scalar) = root, scalar.tag == Tag(.null) { return nil }
    do {
      return try YAMLDecoder(encoding: encoding).decode(type, from: root)
    } catch let error as DecodingError {
      throw located(error, root: root, path: path)
    } catch let error as YamlError {
      throw located(error, path: path)
    } catch let error as ConfigError {
      throw error
    } catch {
      throw .malformedFile(path: path, line: nil, reason: "cannot be decoded")
    }
  }

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

  private static func located(_ error: DecodingError, root: Yams.Node, path: String) -> ConfigError {
    let context: DecodingError.Context
    let reason: String
    switch error {
    case .typeMismatch(let type, let errorContext):
      context = errorContext
      reason = "expected \(describe(type))"
    case .valueNotFound(let type, let errorContext):
      context = errorContext
      reason = "expected \(describe(type)), found nothing"
    case .keyNotFound(let key, let errorContext):
      context = errorContext
      reason = "missing required key '\(key.stringValue)'"
    case .dataCorrupted(let errorContext):
      context = errorContext
      reason = "invalid value"
    @unknown default:
      return .malformedFile(path: path, line: nil, reason: "cannot be decoded")
    }
    let keyPath = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    let shownPath = keyPath.hasPrefix(".") ? String(keyPath.dropFirst()) : keyPath
    let where_ = shownPath.isEmpty ? "" : "at \(shownPath): "
    return .malformedFile(
      path: path, line: node(at: context.codingPath, in: root)?.mark?.line, reason: where_ + reason)
  }

  /// The deepest node the coding path reaches, for its position.
  private static func node(at codingPath: [any CodingKey], in root: Yams.Node) -> Yams.Node? {
    var current = root
    for key in codingPath {
      let next: Yams.Node?
      if let index = key.intValue, case .sequence(let sequence) = current {
        next = sequence.indices.contains(index) ? sequence[index] : nil
      } else {
        next = current[key.stringValue]
      }
      guard let next else { return current }
      current = next
    }
    return current
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Bool.Type: "true or false"
    case is Int.Type: "an integer"
    default:
      String(describing: type).contains("Dictionary") || String(describing: type).contains("Mapping")
        ? "a mapping" : String(describing: type).contains("Array") ? "a list" : "a \(type)"
    }
  }
}
