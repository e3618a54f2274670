import Foundation

/// A value read from YAML plus the line it was written on, so sources can say `file:line`.
struct Located<Value: Sendable>: Sendable {
  var value: Value
  var line: Int?

  func sourced(in path: String) -> SourcedValue<Value> where Value: Codable & Equatable {
    SourcedValue(value, source: SettingSource.file(path, line: line))
  }
}

/// One node of a composed configuration document, read by key path.
///
/// osbsctl's config and kubeconfig files are read this way instead of through Yams' `Decoder`: that one
/// asks the Swift runtime whether each decoded type conforms to `ScalarConstructible`, and each first
/// question scans every conformance record of the binary (~11 M instructions per file, a fifth of a
/// `node cordon`). The errors are the ones the decoding gave: `at KEY.PATH: expected …`, with the line of
/// the offending node, never its text (it may hold a secret).
///
/// Every scalar of the document is text (`YAMLFile` resolves no tags: Yams' default resolver compiled seven
/// regular expressions on first use, ~9 M instructions). The two implicit types the files need, null and
/// booleans, are recognised here by YAML 1.1's spellings, as that resolver does.
struct YAMLNodeReader {
  let node: YAMLNode
  /// Where the node sits, as the errors show it: `clusters[0].cluster.server`.
  let keyPath: String
  /// The file, for errors.
  let path: String

  var line: Int? { node.line }

  /// A plain `~`, `null`, `Null`, `NULL` or empty scalar: YAML's null, read as an absent value.
  var isNull: Bool {
    guard case .scalar(let text, plain: true) = node.content else { return false }
    switch text {
    case "", "~", "null", "Null", "NULL": return true
    default: return false
    }
  }

  func failure(_ reason: String) -> ConfigError {
    .malformedFile(path: path, line: line, reason: keyPath.isEmpty ? reason : "at \(keyPath): \(reason)")
  }

  /// The entries of a mapping, merge keys (`<<: *anchor`) applied as YAML 1.1 has them: the mapping's own
  /// keys win over merged ones. nil when the node is null.
  func mapping() throws(ConfigError) -> [String: YAMLNodeReader]? {
    if isNull { return nil }
    guard case .mapping(let mapping) = node.content else { throw failure("expected a mapping") }
    var entries: [String: YAMLNodeReader] = [:]
    var merged: [String: YAMLNodeReader] = [:]
    for (key, value) in mapping {
      guard case .scalar(let name, let plain) = key.content else { continue }
      if name == "<<", plain {
        for source in Self.mergeSources(value) {
          for (mergedKey, mergedValue) in try child(source, keyPath: keyPath).mapping() ?? [:]
          where merged[mergedKey] == nil {
            merged[mergedKey] = mergedValue
          }
        }
        continue
      }
      entries[name] = child(value, keyPath: keyPath.isEmpty ? name : "\(keyPath).\(name)")
    }
    return entries.merging(merged) { own, _ in own }
  }

  /// The elements of a sequence; nil when the node is null.
  func sequence() throws(ConfigError) -> [YAMLNodeReader]? {
    if isNull { return nil }
    guard case .sequence(let sequence) = node.content else { throw failure("expected a list") }
    return sequence.enumerated().map { child($1, keyPath: "\(keyPath)[\($0)]") }
  }

  /// A scalar as text (`8080` and `true` included, as the decoding read them); nil when null.
  func string() throws(ConfigError) -> Located<String>? {
    if isNull { return nil }
    guard case .scalar(let text, _) = node.content else { throw failure("expected a string") }
    return Located(value: text, line: line)
  }

  /// A plain YAML 1.1 boolean (`true`, `yes`, `on`, … in their three casings); nil when null. A quoted
  /// `"true"` is a string, not a boolean.
  func bool() throws(ConfigError) -> Located<Bool>? {
    if isNull { return nil }
    guard case .scalar(let text, plain: true) = node.content else { throw failure("expected true or false") }
    switch text {
    case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON":
      return Located(value: true, line: line)
    case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF":
      return Located(value: false, line: line)
    default:
      throw failure("expected true or false")
    }
  }

  /// A string under `key` of `fields` that must be there and not null.
  static func required(_ key: String, in fields: [String: YAMLNodeReader], of parent: YAMLNodeReader)
    throws(ConfigError) -> String
  {
    guard let field = fields[key] else { throw parent.failure("missing required key '\(key)'") }
    guard let value = try field.string() else { throw field.failure("expected a string, found nothing") }
    return value.value
  }

  private func child(_ node: YAMLNode, keyPath: String) -> YAMLNodeReader {
    YAMLNodeReader(node: node, keyPath: keyPath, path: path)
  }

  private static func mergeSources(_ value: YAMLNode) -> [YAMLNode] {
    if case .sequence(let sequence) = value.content { return sequence }
    return [value]
  }
}
