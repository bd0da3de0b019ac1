import Testing
import XMLRecords

/// Documents in other encodings give UTF-8 fields; lines are counted exactly in long documents.
@Suite struct XMLRecordEncodingTests {
    static let layout = try! XMLRecordLayout(recordPath: "Members/Member", fieldPaths: ["Last", "@city"])

    /// The fields of the single record of `bytes`, as bytes.
    static func fieldBytes(_ bytes: [UInt8], chunk: Int) throws -> [[UInt8]] {
        var fields: [[UInt8]] = []
        let count = try XMLRecordReader.read(from: XMLFeed.reader(bytes, chunk: chunk), layout: layout) { record in
            for index in 0..<record.count {
                fields.append(record.withField(index) { Array($0) })
            }
        }
        #expect(count == 1)
        return fields
    }

    static let josé: [UInt8] = [0x4A, 0x6F, 0x73, 0xC3, 0xA9]
    static let bogotá: [UInt8] = [0x42, 0x6F, 0x67, 0x6F, 0x74, 0xC3, 0xA1]

    @Test(arguments: XMLFeed.chunkSizes)
    func latin1BecomesUTF8(chunk: Int) throws {
        let xml =
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<Members><Member city=\"Bogot\u{E1}\">"
            + "<Last>Jos\u{E9}</Last></Member></Members>"
        let latin1 = xml.unicodeScalars.map { UInt8($0.value) }
        #expect(latin1.contains(0xE9))
        #expect(try Self.fieldBytes(latin1, chunk: chunk) == [Self.josé, Self.bogotá])
    }

    @Test(arguments: [true, false], XMLFeed.chunkSizes)
    func utf16WithByteOrderMarkBecomesUTF8(littleEndian: Bool, chunk: Int) throws {
        let xml =
            "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-16\"?><Members><Member city=\"Bogot\u{E1}\">"
            + "<Last>Jos\u{E9}</Last></Member></Members>"
        let bytes = xml.utf16.flatMap { unit -> [UInt8] in
            let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            return littleEndian ? [low, high] : [high, low]
        }
        #expect(try Self.fieldBytes(bytes, chunk: chunk) == [Self.josé, Self.bogotá])
    }

    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF] + Array("<Members><Member><Last>Jos\u{E9}</Last></Member></Members>".utf8)
        #expect(try Self.fieldBytes(bytes, chunk: 2) == [Self.josé, []])
    }

    @Test func invalidUTF8IsAnError() throws {
        let bytes = Array("<Members><Member><Last>Jos".utf8) + [0xE9] + Array("</Last></Member></Members>".utf8)
        let outcome = XMLFeed.read(bytes, chunk: 1 << 20, layout: Self.layout)
        #expect(outcome.rows.isEmpty)
        #expect(outcome.recordError?.line == 1)
    }

    /// libxml2 keeps node lines in 16 bits: records and errors past line 65,535 must still have their own line.
    ///
    /// Records are indented, start a line, or follow the previous one on its line.
    @Test(arguments: [7, 1 << 20])
    func linesBeyond65535AreExact(chunk: Int) throws {
        var xml = "<?xml version=\"1.0\"?>\n<Members>\n"
        var line = 3
        var expected: [Row] = []
        for number in 0..<15_000 {
            let separator = ["  ", "", "\n"][number % 3]
            xml += separator
            line += separator == "\n" ? 1 : 0
            expected.append(Row(line, ["L\(number)", ""]))
            xml += "<Member>\n    <Last>L\(number)</Last>\n    <First>F</First>\n    <Plan>P</Plan>\n  </Member>"
            line += 4
        }
        xml += "\n  <Member><Last>x</First>\n</Members>\n"
        let outcome = XMLFeed.read(xml, chunk: chunk, layout: Self.layout)
        #expect(outcome.rows.count == expected.count)
        #expect(outcome.rows.last == expected.last)
        #expect(outcome.rows == expected)
        #expect(outcome.recordError?.line == line + 1)
    }
}
