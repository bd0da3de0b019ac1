import Testing

@testable import Values

@Suite struct NPITests {
    @Test(arguments: ["1234567893", "1993999998", "1245319599", "1003000126", "2000000002", "1111111112"])
    func valid(npi: String) {
        #expect(NPI.isValid(npi))
        #expect(Array(npi.utf8).withUnsafeBufferPointer { NPI.isValid($0) })
    }

    @Test(arguments: [
        "1234567890", "123456789", "3234567893", "0234567893", "12345678934", "12345678a3", "", "1234 67893",
        "1993999999", "2000000009", "１234567893",
    ])
    func invalid(npi: String) {
        #expect(!NPI.isValid(npi))
        #expect(!Array(npi.utf8).withUnsafeBufferPointer { NPI.isValid($0) })
    }
}
