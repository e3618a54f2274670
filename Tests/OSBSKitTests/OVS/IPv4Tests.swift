import Testing

@testable import OSBSKit

@Suite("IPv4: dotted quads as flows and pods print them")
struct IPv4Tests {
  @Test(arguments: [
    ("10.128.0.5", UInt32(0x0A80_0005)), ("0.0.0.0", 0), ("255.255.255.255", 0xFFFF_FFFF),
    ("010.128.000.005", 0x0A80_0005),
  ])
  func readsAddresses(text: String, value: UInt32) {
    #expect(IPv4.value(text) == value)
    #expect(IPv4.canonical(text) == "\(value >> 24).\(value >> 16 & 255).\(value >> 8 & 255).\(value & 255)")
  }

  @Test(arguments: [
    "", "10.128.0", "10.128.0.5.", ".10.128.0.5", "10..0.5", "256.0.0.1", "1.2.3.256", "1.2.3.1000",
    "a.b.c.d",
    "10.128.0.5/32", "1.2.3.-4", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4.5",
  ])
  func refusesWhatIsNoAddress(text: String) {
    #expect(IPv4.value(text) == nil)
    #expect(IPv4.canonical(text) == nil)
  }

  @Test func orderIsNumeric() {
    #expect(IPv4.less("10.128.0.9", "10.128.0.10"))
    #expect(IPv4.less("10.128.0.10", "not-an-address"))
  }
}
