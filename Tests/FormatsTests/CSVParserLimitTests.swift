import Testing

@testable import Formats

@Suite struct CSVParserLimitTests {
    static let cases: [CSVCase] = [
        CSVCase(
            "over the limit", "a,b\n0123456789A,b\nc\n",
            [CSVRow(1, ["a", "b"]), CSVRow(2, [], .tooLong(bytes: 13)), CSVRow(3, ["c"])]),
        CSVCase(
            "at the limit", "0123456789\n\"01234567\"\n012345678,\n0123456789",
            [
                CSVRow(1, ["0123456789"]), CSVRow(2, ["01234567"]), CSVRow(3, ["012345678", ""]),
                CSVRow(4, ["0123456789"]),
            ]),
        CSVCase(
            "skipping respects quotes", "\"0123,\n456789\",x\nnext\n",
            [CSVRow(1, [], .tooLong(bytes: 16)), CSVRow(3, ["next"])]),
        CSVCase("many empty fields", ",,,,,,,,,,,\nz", [CSVRow(1, [], .tooLong(bytes: 11)), CSVRow(2, ["z"])]),
        CSVCase(
            "last record without newline", "a\n0123456789A", [CSVRow(1, ["a"]), CSVRow(2, [], .tooLong(bytes: 11))]),
        CSVCase("CRLF is not counted", "0123456789A\r\nx", [CSVRow(1, [], .tooLong(bytes: 11)), CSVRow(2, ["x"])]),
        CSVCase(
            "too long wins over text after a quote", "\"a\"bcdefghijk\n",
            [CSVRow(1, [], .tooLong(bytes: 13))]),
        CSVCase(
            "unterminated quote wins over too long", "a\n\"abcdefghijk\n",
            [CSVRow(1, ["a"]), CSVRow(2, [], .unterminatedQuote)]),
    ]

    @Test(arguments: cases)
    func longRecordsAreSkipped(_ testCase: CSVCase) {
        #expect(CSVSplitter.rows(testCase.input, maxRecordBytes: 10) == testCase.rows)
    }

    /// Feeds one 50 MiB record in 64 KiB chunks, then a short one, and checks the buffers stop growing.
    @Test(arguments: [false, true])
    func hugeRecordRunsInConstantMemory(quoted: Bool) {
        let limit = 1 << 20
        var chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 << 10)
        for index in stride(from: 9, to: chunk.count, by: 10) { chunk[index] = UInt8(ascii: ",") }
        if quoted {
            for index in stride(from: 99, to: chunk.count, by: 100) { chunk[index] = UInt8(ascii: "\n") }
        }
        let chunks = 800
        var parser = CSVParser(maxRecordBytes: limit)
        var rows: [CSVRow] = []
        var settledCapacity: (bytes: Int, ends: Int)?
        let opening: [UInt8] = quoted ? [UInt8(ascii: "\"")] : []
        let closing = Array((quoted ? "\",tail\nnext\n" : "\nnext\n").utf8)
        opening.withUnsafeBufferPointer { parser.feed($0) { rows.append(CSVRow($0)) } }
        chunk.withUnsafeBufferPointer { piece in
            for index in 0..<chunks {
                parser.feed(piece) { rows.append(CSVRow($0)) }
                let capacity = (bytes: parser.record.bytes.capacity, ends: parser.record.ends.capacity)
                #expect(capacity.bytes <= 2 * limit && capacity.ends <= 2 * limit)
                if index == 2 * limit / chunk.count { settledCapacity = capacity }
                if let settledCapacity, index > 2 * limit / chunk.count {
                    #expect(capacity == settledCapacity)
                }
            }
        }
        closing.withUnsafeBufferPointer { parser.feed($0) { rows.append(CSVRow($0)) } }
        parser.finish { rows.append(CSVRow($0)) }
        let newlines = quoted ? chunk.count(where: { $0 == UInt8(ascii: "\n") }) * chunks : 0
        let size = opening.count + chunk.count * chunks + (quoted ? 6 : 0)
        #expect(rows == [CSVRow(1, [], .tooLong(bytes: size)), CSVRow(2 + newlines, ["next"])])
    }
}
