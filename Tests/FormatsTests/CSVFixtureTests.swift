import Foundation
import Testing

@testable import Formats

@Suite struct CSVFixtureTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    @Test func utf8WithByteOrderMarkAndCRLF() throws {
        let input = try Self.fixture("orders-crlf.csv")
        var validator = UTF8Validator()
        input.withUnsafeBufferPointer { validator.feed($0) }
        let valid = validator.finish()
        #expect(valid)
        #expect(
            CSVSplitter.rows(input) == [
                CSVRow(1, ["id", "customer", "note", "amount"]),
                CSVRow(2, ["1", "Smith, John", "said \"hi\"", "10.50"]),
                CSVRow(4, ["2", "Jos\u{E9}", "two\r\nlines", "7"]),
                CSVRow(6, ["3", "", "", ""]),
                CSVRow(7, ["4", "Ng", "ok", "1"]),
            ])
    }

    @Test func semicolonsRaggedRows() throws {
        let input = try Self.fixture("stock-semicolon.csv")
        let header = Array(input.prefix { $0 != UInt8(ascii: "\n") })
        let likely = header.withUnsafeBufferPointer { DelimiterSniffer.likelyDelimiter(headerLine: $0) }
        #expect(likely == UInt8(ascii: ";"))
        #expect(
            CSVSplitter.rows(input, delimiter: UInt8(ascii: ";")) == [
                CSVRow(1, ["sku", "name", "qty"]),
                CSVRow(2, ["A-1", "Bolt; M6", "100"]),
                CSVRow(3, ["A-2", "Nut"]),
                CSVRow(5, ["A-3", "Washer \"flat\"", "5", "extra"]),
            ])
    }

    @Test func windows1252IsDetectedAndTranscoded() throws {
        let input = try Self.fixture("legacy-windows1252.csv")
        var validator = UTF8Validator()
        input.withUnsafeBufferPointer { validator.feed($0) }
        let valid = validator.finish()
        #expect(!valid)
        #expect(validator.firstInvalidOffset == 15)
        var whole: [UInt8] = []
        input.withUnsafeBufferPointer { Windows1252.transcode($0, into: &whole) }
        for size in 1...input.count {
            var pieces: [UInt8] = []
            input.withUnsafeBufferPointer { all in
                for start in stride(from: 0, to: all.count, by: size) {
                    let piece = UnsafeBufferPointer(rebasing: all[start..<min(start + size, all.count)])
                    Windows1252.transcode(piece, into: &pieces)
                }
            }
            #expect(pieces == whole, "chunk size \(size)")
        }
        #expect(
            CSVSplitter.rows(whole) == [
                CSVRow(1, ["name", "price"]),
                CSVRow(2, ["Caf\u{E9}", "\u{20AC}5"]),
                CSVRow(3, ["\u{201C}quoted\u{201D}", "\u{81}"]),
            ])
    }
}
