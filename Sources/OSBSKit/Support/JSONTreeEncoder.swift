import Foundation

/// A value's JSON as a tree, without writing and reading the text in between: the tree that
/// `JSONTree(json: ReportJSON.encoder(pretty: false).encode(value))` gives. Times are ISO-8601 strings,
/// URLs their absolute strings, `Data` base64, and a number that is whole and fits `Int64` is `.int`
/// (as `JSONTree(json:)` reads `60` and `1e3`). For table rows and YAML, which need the tree, and (for
/// `.writing`, where doubles stay doubles) for `ReportJSON.data`, which writes it.
///
/// Why not Foundation's encoder and then `JSONTree(json:)`: `JSONEncoder` casts every value it meets to
/// its private marker protocols, and the first cast of each type makes the Swift runtime scan all of the
/// binary's ~8,300 conformance records; with the text read back, a `config view` spent 3 M of its 11 M
/// instructions there. Here the few types JSON writes specially are recognised by comparing metatypes.
public struct JSONTreeEncoder {
  /// What the tree is for.
  public enum Purpose: Sendable {
    /// Reading, as table rows and YAML do: a whole `Double` is `.int`, as `JSONTree(json:)` reads `60`.
    case reading
    /// Writing with `JSONText`: a `Double` stays `.double`, whole or not, so that it is written as
    /// `JSONEncoder` writes it (`1e+16`, `-0`). A `Float`, a `Decimal` or an integer beyond `Int64`, whose
    /// text `JSONEncoder` makes otherwise than from a `Double` or an `Int64`, throws `JSONTextFallback`.
    case writing
  }

  let purpose: Purpose

  public init(for purpose: Purpose = .reading) {
    self.purpose = purpose
  }

  public func encode<T: Encodable>(_ value: T) throws -> JSONTree {
    try root(value).tree
  }

  /// `value`'s JSON as `JSONText` writes its tree, written from the encoder's slots as they are: making
  /// the `JSONTree` first was a sixth of writing a list of 5,000 nodes.
  func jsonText<T: Encodable>(_ value: T, pretty: Bool) throws -> Data {
    JSONText.data(try root(value), pretty: pretty)
  }

  private func root<T: Encodable>(_ value: T) throws -> TreeSlot {
    let slot = try TreeSlot(purpose).encoding(value, at: nil)
    guard slot.kind != .unset else {
      throw EncodingError.invalidValue(
        value, .init(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
    }
    return slot
  }
}

/// A value `JSONTreeEncoder(for: .writing)` leaves to `JSONEncoder` (see `Purpose.writing`).
public struct JSONTextFallback: Error {}

/// One value under construction. Containers are handed out before they are filled, so they share it.
private final class TreeSlot {
  enum Kind { case unset, leaf, array, object }

  let purpose: JSONTreeEncoder.Purpose
  private(set) var kind = Kind.unset
  private var leaf = JSONTree.null
  private var elements: [TreeSlot] = []
  private var members: [String: TreeSlot] = [:]

  init(_ purpose: JSONTreeEncoder.Purpose) {
    self.purpose = purpose
  }

  init(_ leaf: JSONTree) {
    purpose = .reading
    kind = .leaf
    self.leaf = leaf
  }

  /// An empty slot for a value inside this one.
  func child() -> TreeSlot { TreeSlot(purpose) }

  var tree: JSONTree {
    switch kind {
    // A nested value that encodes nothing is an empty object in JSONEncoder's output too.
    case .unset: .object([:])
    case .leaf: leaf
    // Closures, not key paths: a key path is an object the runtime builds on first use.
    case .array: .array(elements.map { $0.tree })
    case .object: .object(members.mapValues { $0.tree })
    }
  }

  func set(_ tree: JSONTree) {
    kind = .leaf
    leaf = tree
  }

  /// Asking for a keyed container twice adds to the same object, as JSONEncoder does.
  func makeObject() {
    guard kind != .object else { return }
    kind = .object
    members = [:]
  }

  func makeArray() {
    guard kind != .array else { return }
    kind = .array
    elements = []
  }

  func member(_ key: String, _ slot: TreeSlot) -> TreeSlot {
    members[key] = slot
    return slot
  }

  func append(_ slot: TreeSlot) -> TreeSlot {
    elements.append(slot)
    return slot
  }

  var count: Int { kind == .array ? elements.count : 0 }

  /// A new slot for a value inside this one, filled with `value`.
  func encoding<T: Encodable>(_ value: T, at path: CodingPathLink?) throws -> TreeSlot {
    let slot = child()
    try slot.encode(value, at: path)
    return slot
  }

  func encode<T: Encodable>(_ value: T, at path: CodingPathLink?) throws {
    if let special = try special(value) {
      set(special)
    } else {
      try value.encode(to: TreeEncoding(slot: self, path: path))
    }
  }

  /// The values `ReportJSON`'s encoder writes otherwise than through their own `encode(to:)`.
  private func special<T: Encodable>(_ value: T) throws -> JSONTree? {
    if T.self == Date.self { return .string((value as! Date).formatted(.iso8601)) }
    if T.self == URL.self { return .string((value as! URL).absoluteString) }
    if T.self == Data.self { return .string((value as! Data).base64EncodedString()) }
    if T.self == Decimal.self {
      guard purpose == .reading else { throw JSONTextFallback() }
      // JSONEncoder writes a Decimal's digits as a number; read them as JSONTree(json:) reads numbers.
      return try JSONTree(json: Data((value as! Decimal).description.utf8))
    }
    return nil
  }

  func number(_ value: Double, at path: CodingPathLink?) throws -> JSONTree {
    guard value.isFinite else { throw Self.notJSON(value, "Double", at: path) }
    if purpose == .reading, let whole = Int64(exactly: value) { return .int(whole) }
    return .double(value)
  }

  func number(_ value: Float, at path: CodingPathLink?) throws -> JSONTree {
    guard value.isFinite else { throw Self.notJSON(value, "Float", at: path) }
    guard purpose == .reading else { throw JSONTextFallback() }
    // JSONEncoder writes a Float's shortest digits, which read back as that decimal, not the Float's value.
    return try number(Double(value.description) ?? Double(value), at: path)
  }

  /// JSONEncoder's refusal of a NaN or an infinity, in its words.
  private static func notJSON(_ value: some FloatingPoint, _ type: String, at path: CodingPathLink?)
    -> EncodingError
  {
    .invalidValue(
      value,
      .init(
        codingPath: CodingPathLink.keys(path),
        debugDescription: "Unable to encode \(type).\(value) directly in JSON."))
  }

  /// An integer beyond `Int64` (a large `UInt64`) is a `.double` to read, and left to `JSONEncoder` to
  /// write: it writes all of its digits.
  func number<Integer: FixedWidthInteger>(_ value: Integer) throws -> JSONTree {
    if let exact = Int64(exactly: value) { return .int(exact) }
    guard purpose == .reading else { throw JSONTextFallback() }
    return .double(Double(value))
  }
}

extension TreeSlot: JSONTextValue {
  var jsonTextShape: JSONTextShape<TreeSlot> {
    switch kind {
    // As in `tree`: a nested value that encodes nothing is an empty object.
    case .unset: .object([:])
    case .leaf: .scalar(leaf)
    case .array: .array(elements)
    case .object: .object(members)
    }
  }
}

/// A coding path kept as a chain back to the root and made into an array only when asked for (in an
/// error): an array per value was a fifth of the encoder's work.
private final class CodingPathLink {
  let parent: CodingPathLink?
  let key: any CodingKey

  init(_ parent: CodingPathLink?, _ key: any CodingKey) {
    self.parent = parent
    self.key = key
  }

  static func keys(_ link: CodingPathLink?) -> [any CodingKey] {
    var keys: [any CodingKey] = []
    var next = link
    while let link = next {
      keys.append(link.key)
      next = link.parent
    }
    return keys.reversed()
  }
}

private struct TreeEncoding: Encoder {
  let slot: TreeSlot
  let path: CodingPathLink?
  var codingPath: [any CodingKey] { CodingPathLink.keys(path) }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    slot.makeObject()
    return KeyedEncodingContainer(KeyedTreeContainer<Key>(slot: slot, path: path))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    slot.makeArray()
    return UnkeyedTreeContainer(slot: slot, path: path)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleTreeContainer(slot: slot, path: path)
  }
}

/// What unkeyed and single-value containers have in common: each value they are given goes to one place.
private protocol TreeValueSink {
  /// Where the next value goes, and the coding path of that value.
  mutating func next() -> (TreeSlot, CodingPathLink?)
}

extension TreeValueSink {
  private mutating func put(_ tree: JSONTree) { next().0.set(tree) }

  private mutating func integer(_ value: some FixedWidthInteger) throws {
    let slot = next().0
    slot.set(try slot.number(value))
  }

  mutating func encodeNil() throws { put(.null) }
  mutating func encode(_ value: Bool) throws { put(.bool(value)) }
  mutating func encode(_ value: String) throws { put(.string(value)) }
  mutating func encode(_ value: Double) throws {
    let (slot, path) = next()
    slot.set(try slot.number(value, at: path))
  }
  mutating func encode(_ value: Float) throws {
    let (slot, path) = next()
    slot.set(try slot.number(value, at: path))
  }
  mutating func encode(_ value: Int) throws { try integer(value) }
  mutating func encode(_ value: Int8) throws { try integer(value) }
  mutating func encode(_ value: Int16) throws { try integer(value) }
  mutating func encode(_ value: Int32) throws { try integer(value) }
  mutating func encode(_ value: Int64) throws { try integer(value) }
  mutating func encode(_ value: UInt) throws { try integer(value) }
  mutating func encode(_ value: UInt8) throws { try integer(value) }
  mutating func encode(_ value: UInt16) throws { try integer(value) }
  mutating func encode(_ value: UInt32) throws { try integer(value) }
  mutating func encode(_ value: UInt64) throws { try integer(value) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    let (slot, path) = next()
    try slot.encode(value, at: path)
  }
}

private struct UnkeyedTreeContainer: UnkeyedEncodingContainer, TreeValueSink {
  let slot: TreeSlot
  let path: CodingPathLink?
  var codingPath: [any CodingKey] { CodingPathLink.keys(path) }

  var count: Int { slot.count }

  mutating func next() -> (TreeSlot, CodingPathLink?) {
    let elementPath = CodingPathLink(path, IndexKey(intValue: slot.count))
    return (slot.append(slot.child()), elementPath)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let (child, path) = next()
    return TreeEncoding(slot: child, path: path).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let (child, path) = next()
    return TreeEncoding(slot: child, path: path).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    let (child, path) = next()
    return TreeEncoding(slot: child, path: path)
  }
}

private struct SingleTreeContainer: SingleValueEncodingContainer, TreeValueSink {
  let slot: TreeSlot
  let path: CodingPathLink?
  var codingPath: [any CodingKey] { CodingPathLink.keys(path) }

  mutating func next() -> (TreeSlot, CodingPathLink?) { (slot, path) }
}

private struct KeyedTreeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let slot: TreeSlot
  let path: CodingPathLink?
  var codingPath: [any CodingKey] { CodingPathLink.keys(path) }

  private func put(_ tree: JSONTree, _ key: Key) { _ = slot.member(key.stringValue, TreeSlot(tree)) }

  mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
  mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    put(try slot.number(value, at: CodingPathLink(path, key)), key)
  }
  mutating func encode(_ value: Float, forKey key: Key) throws {
    put(try slot.number(value, at: CodingPathLink(path, key)), key)
  }
  mutating func encode(_ value: Int, forKey key: Key) throws { put(try slot.number(value), key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { put(try slot.number(value), key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { put(try slot.number(value), key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { put(try slot.number(value), key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { put(try slot.number(value), key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { put(try slot.number(value), key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { put(try slot.number(value), key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { put(try slot.number(value), key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { put(try slot.number(value), key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { put(try slot.number(value), key) }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    _ = slot.member(key.stringValue, try slot.encoding(value, at: CodingPathLink(path, key)))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    TreeEncoding(slot: slot.member(key.stringValue, slot.child()), path: CodingPathLink(path, key))
      .container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    TreeEncoding(slot: slot.member(key.stringValue, slot.child()), path: CodingPathLink(path, key))
      .unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    let key = IndexKey(stringValue: "super")
    return TreeEncoding(slot: slot.member(key.stringValue, slot.child()), path: CodingPathLink(path, key))
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    TreeEncoding(slot: slot.member(key.stringValue, slot.child()), path: CodingPathLink(path, key))
  }
}

/// The coding-path key of an array element (and of `super`).
private struct IndexKey: CodingKey {
  let stringValue: String
  let intValue: Int?

  init(stringValue: String) {
    self.stringValue = stringValue
    intValue = nil
  }

  init(intValue: Int) {
    stringValue = "Index \(intValue)"
    self.intValue = intValue
  }
}
