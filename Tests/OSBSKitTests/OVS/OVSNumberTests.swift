import Foundation
import Testing

@testable import OSBSKit

/// The flow parser reads numbers from a line's bytes (`OVSNumber`); the standard library's readers of the
/// same text are the reference, on the text a dump holds and on text no dump should.
@Suite struct OVSNumberTests {
  static func reference(_ text: String) -> UInt64? {
    if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
    return UInt64(text)
  }

  static func fromBytes<T>(_ text: String, _ read: (Slice<UnsafeBufferPointer<UInt8>>) -> T) -> T {
    var text = text
    return text.withUTF8 { read($0[...]) }
  }

  @Test(arguments: [
    "0", "7", "00012", "65535", "18446744073709551615", "18446744073709551616", "99999999999999999999",
    "0x0", "0xa", "0XFF", "0xdeadBEEF", "0xffffffffffffffff", "0x10000000000000000", "0x", "0X", "0xg",
    "0x+ff", "0x-0", "0x-1", "+0", "-0", "-00", "+12", "-1", "+", "-", "", " 1", "1 ", "1_0", "1a", "a",
    "0b1", "٣", "0x\u{301}1", "1\u{301}", "0\u{301}x1", "x1", "0x0x1",
  ])
  func unsignedReadsWhatTheStandardLibraryReads(text: String) {
    #expect(Self.fromBytes(text) { OVSNumber.unsigned(bytes: $0) } == Self.reference(text), "\(text)")
    #expect(OVSNumber.unsigned(text) == Self.reference(text), "\(text)")
  }

  @Test(arguments: [
    "0", "0.0", "2.744", "158.385", "0.005", "0.1", "0.3", "99999.999", "123456789012345", "12345678901234.5",
    "0.000000000000001", "1234567890123456", "0.1234567890123456", "00.5", "5", "1e3", "1E-2", "-1", "+1",
    ".5", "5.", ".", "", "inf", "nan", "1.2.3", "0x1p3", "1,5", "٣.5", " 1.5", "1.5 ",
  ])
  func decimalReadsWhatDoubleReads(text: String) {
    let read = Self.fromBytes(text) { OVSNumber.decimal(bytes: $0) }
    let reference = Double(text)
    #expect(
      read?.bitPattern == reference?.bitPattern || (read?.isNaN == true && reference?.isNaN == true),
      "\(text)")
  }

  /// Durations as `dump-flows` prints them, with every split of up to 15 digits between the whole
  /// seconds and the fraction: the one division must round as `strtod` does. Seeded, so a failing
  /// duration comes back on the next run.
  @Test func decimalsOfUpToFifteenDigitsRoundAsDoubleDoes() {
    var generator = OVSSeededRandom(seed: 16)
    for _ in 0..<20_000 {
      let digits = Int.random(in: 1...15, using: &generator)
      let text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
      let point = Int.random(in: 0...digits, using: &generator)
      let decimal = point == 0 || point == digits ? text : "\(text.prefix(point)).\(text.dropFirst(point))"
      let read = Self.fromBytes(decimal) { OVSNumber.decimal(bytes: $0) }
      #expect(read?.bitPattern == Double(decimal)?.bitPattern, "\(decimal)")
    }
  }
}

/// The ports a per-pod flow's actions name, cut from the action text by bytes (`SDNPodFlow.between`).
@Suite struct SDNActionPortTests {
  @Test func portsAreReadFromEachEraSActions() {
    #expect(SDNPodFlow.outputPort(["goto_table:21", "output:6"]) == "6")
    #expect(SDNPodFlow.outputPort(["output:0x1f"]) == "31")
    #expect(SDNPodFlow.outputPort(["output:veth1"]) == "veth1")
    #expect(SDNPodFlow.outputPort(["output:"]) == "")
    #expect(SDNPodFlow.outputPort(["goto_table:80"]) == nil)
    #expect(SDNPodFlow.register2Port(["load:0xa->NXM_NX_REG1[]", "load:0x5->NXM_NX_REG2[]"]) == "5")
    #expect(SDNPodFlow.register2Port(["set_field:7->reg2", "goto_table:80"]) == "7")
    #expect(SDNPodFlow.register2Port(["load:->NXM_NX_REG2[]"]) == "")
    #expect(SDNPodFlow.register2Port(["load:0x5->NXM_NX_REG1[]", "set_field:7->reg1"]) == nil)
  }

  /// A combining mark joins the character before it, so `output:` followed by one is not the prefix, as
  /// `hasPrefix` sees it; the bytes alone would say it is.
  @Test func aPrefixIsWholeCharacters() {
    #expect(SDNPodFlow.outputPort(["output:\u{301}6"]) == nil)
    #expect(SDNPodFlow.register2Port(["set_field:0x5\u{0600}->reg2", "set_field:\u{301}7->reg2"]) == nil)
    #expect(SDNPodFlow.outputPort(["output:é"]) == "é")
  }
}
