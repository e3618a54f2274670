import Testing

@Test func placeholderOSBSKitTests() { #expect(1 + 1 == 2) }
