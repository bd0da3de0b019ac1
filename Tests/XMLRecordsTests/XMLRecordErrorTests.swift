import Testing
import XMLRecords

@Suite struct XMLRecordErrorTests {
    static let layout = try! XMLRecordLayout(recordPath: "MemberBatch/Members/Member", fieldPaths: ["MemberId"])

    /// Two good records on lines 3 and 4, then `tail` from line 5 on.
    static func batch(_ tail: String) -> String {
        "<MemberBatch>\n  <Members>\n    <Member><MemberId>1</MemberId></Member>\n"
            + "    <Member><MemberId>2</MemberId></Member>\n" + tail
    }

    static let twoRecords = [Row(3, ["1"]), Row(4, ["2"])]

    @Test(arguments: XMLFeed.chunkSizes)
    func mismatchedTagAfterRecords(chunk: Int) throws {
        let xml = Self.batch("    <Member>\n      <MemberId>3</Member>\n  </Members>\n</MemberBatch>\n")
        let outcome = XMLFeed.read(xml, chunk: chunk, layout: Self.layout)
        #expect(outcome.rows == Self.twoRecords)
        let error = try #require(outcome.recordError)
        #expect(error.line == 6)
        #expect(error.column > 0)
        #expect(error.message.contains("mismatch"))
        #expect(error.description.hasPrefix("line 6, column "))
    }

    /// libxml2 parses ahead of the records it hands out; those it had parsed when it failed are delivered too.
    @Test(arguments: [1, 7, 100, 512, 4000, 1 << 20])
    func recordsBeforeAnErrorAreTheSameAsWithoutIt(chunk: Int) throws {
        let layout = try XMLRecordLayout(
            recordPath: "//Member", fieldPaths: XMLRecordReaderTests.memberFields + ["Note"])
        var members = ""
        for number in 1...30 {
            members +=
                "<Member id='\(number)'><MemberId>M\(number)</MemberId><Name><Last>L&amp;\(number)</Last>"
                + "<First><![CDATA[<F\(number)>]]></First></Name><Eligibility start='s\(number)'/><Note>\n</Note>"
                + "</Member>\n"
        }
        let good = XMLFeed.read("<Batch>\n" + members + "</Batch>\n", chunk: 1 << 20, layout: layout)
        #expect(good.error == nil)
        #expect(good.rows.count == 30)
        let broken = XMLFeed.read(
            "<Batch>\n" + members + "<Member id='31'><MemberId>M31</Name></Member></Batch>\n", chunk: chunk,
            layout: layout)
        #expect(broken.rows == good.rows)
        #expect(broken.recordError?.line == 62)
    }

    @Test(arguments: XMLFeed.chunkSizes)
    func truncatedInsideARecord(chunk: Int) throws {
        let outcome = XMLFeed.read(Self.batch("    <Member><MemberId>3</MemberId>"), chunk: chunk, layout: Self.layout)
        #expect(outcome.rows == Self.twoRecords)
        let error = try #require(outcome.recordError)
        #expect(error.line == 5)
        #expect(error.message == "the document ends inside element 'Member' (line 5): it is truncated")
    }

    @Test(arguments: XMLFeed.chunkSizes)
    func truncatedAfterTheLastRecord(chunk: Int) throws {
        let outcome = XMLFeed.read(Self.batch("  </Members>\n"), chunk: chunk, layout: Self.layout)
        #expect(outcome.rows == Self.twoRecords)
        #expect(
            outcome.recordError?.message == "the document ends inside element 'MemberBatch' (line 1): it is truncated")
    }

    @Test(arguments: XMLFeed.chunkSizes)
    func truncatedInsideATag(chunk: Int) throws {
        let outcome = XMLFeed.read(Self.batch("    <Member><MemberId>3</Mem"), chunk: chunk, layout: Self.layout)
        #expect(outcome.rows == Self.twoRecords)
        #expect(outcome.recordError?.line == 5)
    }

    @Test(arguments: XMLFeed.chunkSizes)
    func contentAfterTheRootElement(chunk: Int) throws {
        let outcome = XMLFeed.read(
            Self.batch("  </Members>\n</MemberBatch>\n<Extra/>\n"), chunk: chunk, layout: Self.layout)
        #expect(outcome.rows == Self.twoRecords)
        #expect(outcome.recordError?.line == 7)
    }

    @Test(arguments: [
        ("", "the document is empty"),
        (" \n\t\n", "the document is empty"),
    ])
    func emptyDocument(xml: String, message: String) throws {
        let outcome = XMLFeed.read(xml, chunk: 1 << 20, layout: Self.layout)
        #expect(outcome.rows.isEmpty)
        #expect(outcome.recordError?.message == message)
    }

    @Test(arguments: [
        Array("hello, world".utf8),
        Array("{\"MemberBatch\": []}".utf8),
        Array("MemberId,Name\n1,Ana\n".utf8),
        [0x00, 0xFF, 0x12, 0x80, 0x41, 0x00],
        [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00],
        Array("<MemberBatch>\u{0}</MemberBatch>".utf8),
    ])
    func notXML(bytes: [UInt8]) throws {
        for chunk in XMLFeed.chunkSizes {
            let outcome = XMLFeed.read(bytes, chunk: chunk, layout: Self.layout)
            #expect(outcome.rows.isEmpty)
            let error = try #require(outcome.recordError)
            #expect(error.line >= 1)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func undefinedEntityIsAnError() throws {
        let outcome = XMLFeed.read(
            Self.batch("<Member><MemberId>&nope;</MemberId></Member>"), chunk: 7, layout: Self.layout)
        #expect(outcome.rows == Self.twoRecords)
        #expect(outcome.recordError?.message == "Entity 'nope' not defined")
    }

    struct ReadFailure: Error, Equatable {}

    @Test(arguments: [0, 1, 60, 130])
    func readErrorIsRethrown(after limit: Int) throws {
        let bytes = Array(Self.batch("  </Members>\n</MemberBatch>\n").utf8)
        var offset = 0
        var rows: [Row] = []
        #expect(throws: ReadFailure()) {
            _ = try XMLRecordReader.read(
                from: { buffer in
                    guard offset < limit else {
                        throw ReadFailure()
                    }
                    let count = min(buffer.count, limit - offset)
                    buffer.copyBytes(from: bytes[offset..<offset + count])
                    offset += count
                    return count
                }, layout: Self.layout
            ) { record in
                rows.append(Row(record.line, [record.string(0)]))
            }
        }
        #expect(rows == Array(Self.twoRecords.prefix(limit > 100 ? 2 : 0)))
    }

    struct Stop: Error, Equatable {}

    @Test(arguments: XMLFeed.chunkSizes)
    func bodyErrorStopsReading(chunk: Int) throws {
        let xml = Self.batch("    <Member><MemberId>3</MemberId></Member>\n  </Members>\n</MemberBatch>\n")
        var seen: [String] = []
        #expect(throws: Stop()) {
            _ = try XMLRecordReader.read(from: XMLFeed.reader(Array(xml.utf8), chunk: chunk), layout: Self.layout) {
                record in
                seen.append(record.string(0))
                if seen.count == 2 {
                    throw Stop()
                }
            }
        }
        #expect(seen == ["1", "2"])
    }
}
