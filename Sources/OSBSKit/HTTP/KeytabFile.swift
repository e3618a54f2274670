import Foundation

/// The principals a keytab holds keys for (what `klist -k` lists), read from MIT's file format, so that a
/// failed keytab login can say whom the file is for; the GSS-API's own words for a principal missing from
/// it are "No credentials cache found". Keys are skipped, never kept.
public enum KeytabFile {
  /// The file a keytab name refers to, as MIT's `krb5_kt_resolve` reads the name (koji hands `keytab` to
  /// the GSS-API as it is): a name without a type, a path starting with `/` (a colon in it is no type), a
  /// drive letter, or what follows `FILE:` or `WRFILE:`; nil for a keytab of another type (`MEMORY:`),
  /// which is no file.
  public static func path(named name: String) -> String? {
    guard let colon = name.firstIndex(of: ":"), !name.hasPrefix("/") else { return name }
    let type = name[..<colon]
    if type.count == 1, let letter = type.first, letter.isASCII, letter.isLetter { return name }
    return ["FILE", "WRFILE"].contains(type) ? String(name[name.index(after: colon)...]) : nil
  }

  /// Each principal once, in file order; nil when `data` is not a keytab of format 1 or 2.
  public static func principals(in data: Data) -> [String]? {
    var reader = Reader(bytes: [UInt8](data))
    guard reader.byte() == 5, let version = reader.byte(), version == 1 || version == 2 else { return nil }
    // Format 1 wrote integers in the writer's byte order (x86 hosts: little-endian); 2 in network order.
    reader.bigEndian = version == 2
    var names: [String] = []
    // MIT stops at the end of the file, or where fewer bytes are left than an entry's size takes.
    while reader.remaining >= 4 {
      guard let size = reader.uint32().map({ Int32(bitPattern: $0) }) else { return nil }
      if size == 0 { break }
      if size < 0 {  // A hole left by a deleted entry.
        guard reader.skip(Int(-Int64(size))) else { return nil }
        continue
      }
      guard var entry = reader.slice(Int(size)), let name = entry.principal(version: version) else {
        return nil
      }
      if !names.contains(name) { names.append(name) }
    }
    return names
  }

  private struct Reader {
    let bytes: [UInt8]
    var offset = 0
    var bigEndian = true

    init(bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    mutating func byte() -> UInt8? {
      guard offset < bytes.count else { return nil }
      defer { offset += 1 }
      return bytes[offset]
    }

    mutating func uint16() -> UInt16? {
      guard let a = byte(), let b = byte() else { return nil }
      return bigEndian ? UInt16(a) << 8 | UInt16(b) : UInt16(b) << 8 | UInt16(a)
    }

    mutating func uint32() -> UInt32? {
      guard let first = uint16(), let second = uint16() else { return nil }
      return bigEndian ? UInt32(first) << 16 | UInt32(second) : UInt32(second) << 16 | UInt32(first)
    }

    mutating func skip(_ count: Int) -> Bool {
      guard count >= 0, count <= bytes.count - offset else { return false }
      offset += count
      return true
    }

    mutating func slice(_ count: Int) -> Reader? {
      guard count <= bytes.count - offset else { return nil }
      defer { offset += count }
      var entry = Reader(bytes: Array(bytes[offset..<offset + count]))
      entry.bigEndian = bigEndian
      return entry
    }

    mutating func text() -> String? {
      guard let length = uint16(), Int(length) <= bytes.count - offset else { return nil }
      defer { offset += Int(length) }
      return String(decoding: bytes[offset..<offset + Int(length)], as: UTF8.self)
    }

    /// An entry's `components/…@realm`; format 1 counted the realm among the components.
    mutating func principal(version: UInt8) -> String? {
      guard var count = uint16().map(Int.init), let realm = text() else { return nil }
      if version == 1 { count -= 1 }
      guard count > 0 else { return nil }
      var components: [String] = []
      for _ in 0..<count {
        guard let component = text() else { return nil }
        components.append(component)
      }
      return components.joined(separator: "/") + "@" + realm
    }
  }
}
