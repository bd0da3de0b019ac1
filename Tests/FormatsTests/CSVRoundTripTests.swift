import Testing

@testable import Formats

/// Property test: whatever the fields, what ``CSVEscaping`` writes the parser reads back, at any chunking.
@Suite struct CSVRoundTripTests {
    /// A small deterministic generator (SplitMix64), so a failure reproduces from its seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet: [String] = ["a", "Z", "7", " ", ",", "\"", "\r", "\n", "\r\n", "é", "€", "日", ";", "'"]

    static func field(_ random: inout SplitMix) -> String {
        let length = Int.random(in: 0...8, using: &random)
        var text = (0..<length).map { _ in alphabet.randomElement(using: &random) ?? "a" }.joined()
        // A leading formula character gets a protective quote from CSVEscaping; keep fields free of it.
        if let first = text.first, "=+-@".contains(first) { text = "x" + text }
        return text
    }

    @Test(arguments: 1...40)
    func escapedRecordsParseBackToTheSameFields(seed: Int) {
        var random = SplitMix(state: UInt64(seed))
        let records = (0..<Int.random(in: 1...6, using: &random)).map { _ in
            (0..<Int.random(in: 2...5, using: &random)).map { _ in Self.field(&random) }
        }
        let text = records.map(CSVEscaping.line).joined()
        let rows = CSVSplitter.rows(text)
        #expect(rows.map { $0.fields.map { String(decoding: $0, as: UTF8.self) } } == records, "seed \(seed)")
        #expect(rows.allSatisfy { $0.problem == nil })
    }
}
