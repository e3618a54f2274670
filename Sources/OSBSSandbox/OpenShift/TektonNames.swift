import Foundation

/// Names Tekton gives the children of a run (tekton-wire README §3).
enum TektonNames {
  static let maxLength = 63
  static let hashLength = 32

  /// knative `kmeta.ChildName(parent, suffix)`: `parent+suffix` when it fits in 63 characters; else,
  /// for a suffix shorter than 31, the head of the parent, the md5 of the whole parent, then the suffix;
  /// else the parent's first 31 characters and the md5 of `parent+suffix`, padded with the suffix's
  /// head, trailing non-alphanumerics trimmed.
  static func childName(_ parent: String, _ suffix: String) -> String {
    let whole = parent + suffix
    if whole.count <= maxLength { return whole }
    let head = maxLength - hashLength
    if suffix.count < head {
      return String(parent.prefix(head - suffix.count)) + MD5.hex(parent) + suffix
    }
    var name = String(parent.prefix(head)) + MD5.hex(whole)
    name += suffix.prefix(max(0, maxLength - name.count))
    while let last = name.last, !(last.isLetter || last.isNumber) { name.removeLast() }
    return name
  }

  /// Tekton up to v0.29: the name, cut to leave room, then `-` and five random characters (fixed by
  /// `seed` here, so re-rendering a run names its children alike).
  static func randomSuffixed(_ base: String, seed: String) -> String {
    let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
    let suffix = String(MD5.digest(Array(seed.utf8)).prefix(5).map { alphabet[Int($0) % alphabet.count] })
    var head = String(base.prefix(maxLength - 6))
    while head.hasSuffix("-") { head.removeLast() }
    return head + "-" + suffix
  }

  /// The TaskRun of `pipelineTask` in run `run`.
  static func taskRun(run: String, pipelineTask: String) -> String { childName(run, "-" + pipelineTask) }

  /// The pod of TaskRun `taskRun`.
  static func pod(taskRun: String) -> String { childName(taskRun, "-pod") }
}

/// RFC 1321 MD5, for kmeta.ChildName's name hashes only.
enum MD5 {
  static func hex(_ text: String) -> String {
    digest(Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  private static let shifts: [UInt32] = [
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
    5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
    4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
    6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
  ]

  private static let constants: [UInt32] = (0..<64).map { index in
    UInt32(truncatingIfNeeded: Int64(abs(sin(Double(index + 1))) * 4_294_967_296))
  }

  static func digest(_ message: [UInt8]) -> [UInt8] {
    var bytes = message
    let bitLength = UInt64(message.count) &* 8
    bytes.append(0x80)
    while bytes.count % 64 != 56 { bytes.append(0) }
    for index in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(index)))) }
    var a0: UInt32 = 0x6745_2301
    var b0: UInt32 = 0xefcd_ab89
    var c0: UInt32 = 0x98ba_dcfe
    var d0: UInt32 = 0x1032_5476
    for chunk in stride(from: 0, to: bytes.count, by: 64) {
      var words = [UInt32](repeating: 0, count: 16)
      for index in 0..<16 {
        let base = chunk + index * 4
        words[index] =
          UInt32(bytes[base]) | UInt32(bytes[base + 1]) << 8 | UInt32(bytes[base + 2]) << 16
          | UInt32(bytes[base + 3]) << 24
      }
      var a = a0
      var b = b0
      var c = c0
      var d = d0
      for round in 0..<64 {
        var f: UInt32
        let g: Int
        switch round {
        case 0..<16:
          f = (b & c) | (~b & d)
          g = round
        case 16..<32:
          f = (d & b) | (~d & c)
          g = (5 * round + 1) % 16
        case 32..<48:
          f = b ^ c ^ d
          g = (3 * round + 5) % 16
        default:
          f = c ^ (b | ~d)
          g = (7 * round) % 16
        }
        f = f &+ a &+ constants[round] &+ words[g]
        a = d
        d = c
        c = b
        b = b &+ ((f << shifts[round]) | (f >> (32 - shifts[round])))
      }
      a0 = a0 &+ a
      b0 = b0 &+ b
      c0 = c0 &+ c
      d0 = d0 &+ d
    }
    var out: [UInt8] = []
    for word in [a0, b0, c0, d0] {
      for index in 0..<4 { out.append(UInt8(truncatingIfNeeded: word >> (8 * UInt32(index)))) }
    }
    return out
  }
}
