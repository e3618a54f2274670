import Foundation
import OSBSKit
import Testing

/// The keytab reader's edges, on bytes laid out as MIT's file format has them (files kadmin writes are
/// read in the Kerberos login suite, against `klist -k`).
@Suite("Keytab file principals")
struct KeytabFileTests {
  /// One entry: its principal's components and realm, then a name type, timestamp, kvno and a key.
  static func entry(_ components: [String], realm: String, version: UInt8) -> [UInt8] {
    func u16(_ value: Int) -> [UInt8] {
      version == 2 ? [UInt8(value >> 8), UInt8(value & 0xff)] : [UInt8(value & 0xff), UInt8(value >> 8)]
    }
    func text(_ value: String) -> [UInt8] { u16(value.utf8.count) + Array(value.utf8) }
    var body = u16(components.count + (version == 1 ? 1 : 0)) + text(realm)
    for component in components { body += text(component) }
    if version == 2 { body += [0, 0, 0, 1] }  // KRB5_NT_PRINCIPAL
    body += [0x65, 0x00, 0x00, 0x00, 2] + u16(18) + u16(4) + [0xde, 0xad, 0xbe, 0xef]
    let size = UInt32(body.count)
    let sizeBytes: [UInt8] =
      version == 2
      ? [UInt8(size >> 24), UInt8(size >> 16 & 0xff), UInt8(size >> 8 & 0xff), UInt8(size & 0xff)]
      : [UInt8(size & 0xff), UInt8(size >> 8 & 0xff), UInt8(size >> 16 & 0xff), UInt8(size >> 24)]
    return sizeBytes + body
  }

  /// Names as MIT's `krb5_kt_resolve` reads them: which are files, and where.
  @Test(
    arguments: [
      ("/etc/krb5.keytab", "/etc/krb5.keytab"),
      ("bot.keytab", "bot.keytab"),
      ("FILE:/etc/bot.keytab", "/etc/bot.keytab"),
      ("WRFILE:/etc/bot.keytab", "/etc/bot.keytab"),
      // A colon in a path that starts with "/" is no type; nor is a drive letter.
      ("/srv/keys:2026/bot.keytab", "/srv/keys:2026/bot.keytab"),
      ("C:bot.keytab", "C:bot.keytab"),
      ("MEMORY:bot", nil),
      ("KEYRING:persistent:0", nil),
    ] as [(String, String?)])
  func aKeytabNameIsAFileOrAnotherType(name: String, file: String?) {
    #expect(KeytabFile.path(named: name) == file)
  }

  @Test func namesEachPrincipalOnceInFileOrder() {
    let bot = Self.entry(["bot", "builder1.example.org"], realm: "EXAMPLE.ORG", version: 2)
    let alice = Self.entry(["alice"], realm: "EXAMPLE.ORG", version: 2)
    // A hole of 8 bytes (a removed entry) between them.
    let file = [5, 2] + bot + bot + [0xff, 0xff, 0xff, 0xf8] + [UInt8](repeating: 0, count: 8) + alice
    #expect(
      KeytabFile.principals(in: Data(file)) == ["bot/builder1.example.org@EXAMPLE.ORG", "alice@EXAMPLE.ORG"])
    // A zero size ends the entries, as MIT reads it, and so do fewer bytes than a size takes.
    #expect(KeytabFile.principals(in: Data([5, 2] + alice + [0, 0, 0, 0] + bot)) == ["alice@EXAMPLE.ORG"])
    #expect(KeytabFile.principals(in: Data([5, 2] + alice + [0, 0, 1])) == ["alice@EXAMPLE.ORG"])
  }

  @Test func readsTheFirstFormatInLittleEndianOrder() {
    let file = [5, 1] + Self.entry(["HTTP", "localhost"], realm: "TEST.LOCAL", version: 1)
    #expect(KeytabFile.principals(in: Data(file)) == ["HTTP/localhost@TEST.LOCAL"])
  }

  @Test func anEmptyKeytabHoldsNoPrincipals() {
    #expect(KeytabFile.principals(in: Data([5, 2])) == [])
  }

  @Test(
    arguments: [
      ("text", Array("not a keytab\n".utf8)),
      ("another format", [5, 3]),
      ("nothing", []),
      (
        "a truncated entry",
        Array(([5, 2] + KeytabFileTests.entry(["alice"], realm: "EXAMPLE.ORG", version: 2)).dropLast(6))
      ),
      ("a size beyond the end", [5, 2, 0, 0, 0x10, 0]),
      ("a hole beyond the end", [5, 2, 0xff, 0xff, 0xff, 0x00]),
    ] as [(String, [UInt8])])
  func otherBytesAreNotAKeytab(_ name: String, _ bytes: [UInt8]) {
    #expect(KeytabFile.principals(in: Data(bytes)) == nil, "\(name)")
  }
}
