import Foundation

/// Base64 text decoded where it lies (a span of an XML-RPC reply), with the result of Foundation's
/// `Data(base64Encoded:options: .ignoreUnknownCharacters)` for the same text.
///
/// The common shape — alphabet characters, ASCII whitespace, padding only at the end — is decoded in one
/// pass without building a `String`; anything else (unknown characters, padding in the middle, a
/// truncated group) goes to Foundation, so both paths agree on every input by construction.
enum Base64Text {
  /// nil when the text is not base64 (Foundation's answer).
  static func decode(_ text: UnsafeBufferPointer<UInt8>) -> Data? {
    if let data = decodeCanonical(text) { return data }
    return Data(base64Encoded: String(decoding: text, as: UTF8.self), options: .ignoreUnknownCharacters)
  }

  private static let whitespace: UInt8 = 0x40
  private static let padding: UInt8 = 0x41
  private static let unknown: UInt8 = 0xFF

  /// Each byte's 6-bit value, or one of the markers above.
  private static let table: [UInt8] = {
    var table = [UInt8](repeating: unknown, count: 256)
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
    for byte in [0x20, 0x09, 0x0A, 0x0D] { table[byte] = whitespace }
    table[Int(UInt8(ascii: "="))] = padding
    return table
  }()

  /// The bits each alphabet character contributes at each of the four places of a group, so a group is
  /// four lookups ORed together; other characters carry the high bit, which the OR keeps.
  private static let placedBits: [UInt32] = {
    var placed = [UInt32](repeating: 0x8000_0000, count: 4 * 256)
    for byte in 0..<256 where table[byte] < 64 {
      let value = UInt32(table[byte])
      for place in 0..<4 { placed[place * 256 + byte] = value << (18 - 6 * place) }
    }
    return placed
  }()

  /// The decoded bytes when the text has the common shape; nil sends it to Foundation.
  static func decodeCanonical(_ text: UnsafeBufferPointer<UInt8>) -> Data? {
    let capacity = text.count / 4 * 3 + 3
    guard let output = malloc(capacity)?.assumingMemoryBound(to: UInt8.self) else { return nil }
    let written = table.withUnsafeBufferPointer { table in
      placedBits.withUnsafeBufferPointer { placed in
        decodeCanonical(text, into: output, table: table, placed: placed)
      }
    }
    guard let written else {
      free(output)
      return nil
    }
    return Data(bytesNoCopy: output, count: written, deallocator: .free)
  }

  private static func decodeCanonical(
    _ text: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>,
    table: UnsafeBufferPointer<UInt8>, placed: UnsafeBufferPointer<UInt32>
  ) -> Int? {
    var index = 0
    var written = 0
    var group: UInt32 = 0
    var inGroup = 0
    let count = text.count
    while index < count {
      // Whole groups of four alphabet characters: the bulk of any reply.
      if inGroup == 0 {
        while index + 4 <= count {
          let bits =
            placed[Int(text[index])] | placed[256 + Int(text[index + 1])]
            | placed[512 + Int(text[index + 2])] | placed[768 + Int(text[index + 3])]
          guard bits & 0x8000_0000 == 0 else { break }
          output[written] = UInt8(truncatingIfNeeded: bits >> 16)
          output[written + 1] = UInt8(truncatingIfNeeded: bits >> 8)
          output[written + 2] = UInt8(truncatingIfNeeded: bits)
          written += 3
          index += 4
        }
        if index == count { break }
      }
      let value = table[Int(text[index])]
      index += 1
      switch value {
      case whitespace:
        continue
      case padding:
        return finishPadded(text, from: index, group: group, inGroup: inGroup, into: output, written: written)
      case unknown:
        return nil
      default:
        group = group << 6 | UInt32(value)
        inGroup += 1
        if inGroup == 4 {
          output[written] = UInt8(truncatingIfNeeded: group >> 16)
          output[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
          output[written + 2] = UInt8(truncatingIfNeeded: group)
          written += 3
          group = 0
          inGroup = 0
        }
      }
    }
    // Foundation refuses text that is only whitespace (and accepts the empty text).
    guard inGroup == 0, written > 0 || count == 0 else { return nil }
    return written
  }

  /// After the first "=": the group must be two or three characters long, its spare bits zero, and the
  /// rest of the text padding to a whole group followed by whitespace only.
  private static func finishPadded(
    _ text: UnsafeBufferPointer<UInt8>, from start: Int, group: UInt32, inGroup: Int,
    into output: UnsafeMutablePointer<UInt8>, written: Int
  ) -> Int? {
    var pads = 1
    var index = start
    while index < text.count, text[index] == UInt8(ascii: "=") {
      pads += 1
      index += 1
    }
    while index < text.count {
      let byte = text[index]
      guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return nil }
      index += 1
    }
    switch (inGroup, pads) {
    case (2, 2):
      guard group & 0xF == 0 else { return nil }
      output[written] = UInt8(truncatingIfNeeded: group >> 4)
      return written + 1
    case (3, 1):
      guard group & 0x3 == 0 else { return nil }
      output[written] = UInt8(truncatingIfNeeded: group >> 10)
      output[written + 1] = UInt8(truncatingIfNeeded: group >> 2)
      return written + 2
    default:
      return nil
    }
  }
}
