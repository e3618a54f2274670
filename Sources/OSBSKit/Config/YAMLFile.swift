// Yams' copy of libyaml, the one the binary already carries; not a product of Yams, but SwiftPM hands every
// C target's module map to the targets that depend on it, and Yams is pinned to one version.
internal import CYaml
import Foundation

/// One node of a configuration document: what `YAMLNodeReader` reads by key path.
///
/// Scalars keep their text and whether they were plain (unquoted, not a block): only a plain scalar can be
/// YAML's null, a boolean or the merge key `<<`. Every scalar is otherwise text, as YAML's failsafe schema
/// has it; the readers decide what a value means.
struct YAMLNode: Sendable {
  enum Content: Sendable {
    case scalar(String, plain: Bool)
    case sequence([YAMLNode])
    case mapping([(key: YAMLNode, value: YAMLNode)])
  }

  var content: Content
  /// Where the node starts, from 1.
  var line: Int

  /// The text of a scalar; nil for a sequence or a mapping.
  var scalarText: String? {
    guard case .scalar(let text, _) = content else { return nil }
    return text
  }
}

/// Configuration YAML, composed from libyaml's parser events.
///
/// Not `Yams.compose`: for each node that made a `Tag` holding a resolver and a constructor (the
/// constructor's tables rebuilt on every call), decoded each scalar through Foundation's generic
/// `String(bytes:encoding:)`, and found duplicate keys by grouping every mapping into a dictionary of
/// nodes: 0.45 M of the 0.53 M instructions two small files took, on every command that reads settings.
///
/// Errors name the file and line and carry libyaml's description of the problem, never the offending
/// text: it may hold a secret.
enum YAMLFile {
  /// The document of `text` for `YAMLNodeReader`; nil when it is empty or null, as kubectl and osbsctl
  /// treat an empty file as no settings.
  static func reader(text: String, path: String) throws(ConfigError) -> YAMLNodeReader? {
    guard let root = try compose(text, path: path) else { return nil }
    let reader = YAMLNodeReader(node: root, keyPath: "", path: path)
    return reader.isNull ? nil : reader
  }

  /// The one document of `text`; nil for a stream without any. A second document is an error, as it was
  /// for `Yams.compose`.
  static func compose(_ text: String, path: String) throws(ConfigError) -> YAMLNode? {
    var text = text
    let composed = text.withUTF8 { bytes -> Result<YAMLNode?, ConfigError> in
      let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
      defer { parser.deallocate() }
      guard yaml_parser_initialize(parser) == 1 else {
        return .failure(.malformedFile(path: path, line: nil, reason: "invalid YAML: out of memory"))
      }
      defer { yaml_parser_delete(parser) }
      yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
      var composer = YAMLComposer(parser: parser, path: path)
      return Result { () throws(ConfigError) -> YAMLNode? in try composer.document() }
    }
    return try composed.get()
  }
}

/// Turns the event stream of one parser into `YAMLNode`s, resolving aliases to their anchored nodes.
private struct YAMLComposer {
  let parser: UnsafeMutablePointer<yaml_parser_t>
  let path: String
  /// The latest node of each anchor name (a later anchor of the same name shadows the earlier one).
  var anchors: [String: YAMLNode] = [:]

  /// libyaml's event, copied out so that the C event can be freed at once.
  enum Event {
    case streamStart, streamEnd, documentStart, documentEnd, sequenceEnd, mappingEnd
    case alias(anchor: String)
    case scalar(String, plain: Bool, anchor: String?)
    case sequenceStart(anchor: String?)
    case mappingStart(anchor: String?)
  }

  mutating func document() throws(ConfigError) -> YAMLNode? {
    _ = try next()  // the stream's start
    guard case .documentStart = try next().event else { return nil }
    let root = try node(from: try next())
    _ = try next()  // the document's end
    let (after, line) = try next()
    if case .documentStart = after {
      throw malformed(line, "expected a single document in the stream but found another document")
    }
    return root
  }

  private mutating func node(from read: (event: Event, line: Int)) throws(ConfigError) -> YAMLNode {
    // Recursion is bounded: libyaml's parser refuses nesting deeper than its limit (1,000).
    switch read.event {
    case .alias(let anchor):
      guard let node = anchors[anchor] else { throw malformed(read.line, "found undefined alias") }
      return node
    case .scalar(let text, let plain, let anchor):
      return register(YAMLNode(content: .scalar(text, plain: plain), line: read.line), as: anchor)
    case .sequenceStart(let anchor):
      var items: [YAMLNode] = []
      while true {
        let item = try next()
        if case .sequenceEnd = item.event { break }
        items.append(try node(from: item))
      }
      return register(YAMLNode(content: .sequence(items), line: read.line), as: anchor)
    case .mappingStart(let anchor):
      var pairs: [(key: YAMLNode, value: YAMLNode)] = []
      while true {
        let key = try next()
        if case .mappingEnd = key.event { break }
        let keyNode = try node(from: key)
        pairs.append((keyNode, try node(from: try next())))
      }
      try checkDuplicateKeys(pairs)
      return register(YAMLNode(content: .mapping(pairs), line: read.line), as: anchor)
    case .streamStart, .streamEnd, .documentStart, .documentEnd, .sequenceEnd, .mappingEnd:
      // libyaml's parser never produces these where a node belongs.
      throw malformed(read.line, "a node was expected")
    }
  }

  private mutating func register(_ node: YAMLNode, as anchor: String?) -> YAMLNode {
    if let anchor { anchors[anchor] = node }
    return node
  }

  /// Repeated scalar keys are an error, as YAML has them: named sorted, at the line of the first key named.
  private func checkDuplicateKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)]) throws(ConfigError) {
    guard pairs.count > 1 else { return }
    var firstLines: [String: Int] = [:]
    var repeated: Set<String> = []
    for (key, _) in pairs {
      guard case .scalar(let name, _) = key.content else { continue }
      if firstLines[name] == nil {
        firstLines[name] = key.line
      } else {
        repeated.insert(name)
      }
    }
    let names = repeated.sorted()
    guard let first = names.first else { return }
    throw ConfigError.malformedFile(
      path: path, line: firstLines[first], reason: "duplicate key(s) \(names.joined(separator: ", "))")
  }

  private func malformed(_ line: Int, _ problem: String) -> ConfigError {
    .malformedFile(path: path, line: line, reason: "invalid YAML: \(problem)")
  }

  /// The next event and the line it starts on (from 1).
  private mutating func next() throws(ConfigError) -> (event: Event, line: Int) {
    var event = yaml_event_t()
    guard yaml_parser_parse(parser, &event) == 1 else { throw parserError() }
    defer { yaml_event_delete(&event) }
    let line = Int(event.start_mark.line) + 1
    switch event.type {
    case YAML_STREAM_START_EVENT: return (.streamStart, line)
    case YAML_DOCUMENT_START_EVENT: return (.documentStart, line)
    case YAML_DOCUMENT_END_EVENT: return (.documentEnd, line)
    case YAML_ALIAS_EVENT: return (.alias(anchor: Self.text(event.data.alias.anchor) ?? ""), line)
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let text = String(
        decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
      return (
        .scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, anchor: Self.text(scalar.anchor)), line
      )
    case YAML_SEQUENCE_START_EVENT:
      return (.sequenceStart(anchor: Self.text(event.data.sequence_start.anchor)), line)
    case YAML_SEQUENCE_END_EVENT: return (.sequenceEnd, line)
    case YAML_MAPPING_START_EVENT:
      return (.mappingStart(anchor: Self.text(event.data.mapping_start.anchor)), line)
    case YAML_MAPPING_END_EVENT: return (.mappingEnd, line)
    default: return (.streamEnd, line)
    }
  }

  private static func text(_ characters: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    characters.map { String(cString: $0) }
  }

  /// libyaml's own words for what went wrong, and where: the reader's errors (bad encoding, control
  /// characters) have no line.
  private func parserError() -> ConfigError {
    let state = parser.pointee
    let problem = state.problem.map { String(cString: $0) } ?? "not valid YAML"
    switch state.error {
    case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
      let context = state.context.map { "\(String(cString: $0)) " } ?? ""
      return malformed(Int(state.problem_mark.line) + 1, "\(context)\(problem)")
    case YAML_READER_ERROR:
      return .malformedFile(path: path, line: nil, reason: "invalid YAML: \(problem)")
    default:
      return .malformedFile(path: path, line: nil, reason: "invalid YAML")
    }
  }
}
