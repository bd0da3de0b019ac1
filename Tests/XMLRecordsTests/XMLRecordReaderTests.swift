import Testing
import XMLRecords

/// A document, a layout and the records they must give, whatever the chunking.
struct XMLCase: Sendable, CustomTestStringConvertible {
    var name: String
    var xml: String
    var recordPath: String
    var fieldPaths: [String]
    var rows: [Row]

    var testDescription: String { name }

    init(_ name: String, _ xml: String, record: String, fields: [String], _ rows: [Row]) {
        self.name = name
        self.xml = xml
        recordPath = record
        fieldPaths = fields
        self.rows = rows
    }
}

@Suite struct XMLRecordReaderTests {
    static let memberFields = ["MemberId", "Name/Last", "Name/First", "@id", "Eligibility/@start", "Eligibility/@end"]

    static let cases: [XMLCase] = [
        XMLCase(
            "nested and attribute paths",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <MemberBatch>
              <Members>
                <Member id="7">
                  <MemberId>M001</MemberId>
                  <Name><Last>Garcia</Last><First>Ana</First></Name>
                  <Eligibility start="2024-01-01" end="2024-12-31"/>
                </Member>
                <Member id="8"><Name><First>Luis</First><Last>Nguyen</Last></Name><MemberId>M002</MemberId></Member>
              </Members>
            </MemberBatch>
            """,
            record: "MemberBatch/Members/Member", fields: memberFields,
            [
                Row(4, ["M001", "Garcia", "Ana", "7", "2024-01-01", "2024-12-31"]),
                Row(9, ["M002", "Nguyen", "Luis", "8", "", ""]),
            ]),
        XMLCase(
            "absent fields are empty",
            "<MemberBatch><Members><Member><Name/></Member><Member id=''/></Members></MemberBatch>",
            record: "MemberBatch/Members/Member", fields: memberFields,
            [Row(1, ["", "", "", "", "", ""]), Row(1, ["", "", "", "", "", ""])]),
        XMLCase(
            "only the record path matches",
            "<MemberBatch><Member><MemberId>no</MemberId></Member><Members><Member><MemberId>yes</MemberId></Member>"
                + "<Group><Member><MemberId>no</MemberId></Member></Group></Members></MemberBatch>",
            record: "MemberBatch/Members/Member", fields: ["MemberId"], [Row(1, ["yes"])]),
        XMLCase(
            "a leading slash is the root",
            "<Members><Member><MemberId>1</MemberId></Member></Members>",
            record: "/Members/Member", fields: ["MemberId"], [Row(1, ["1"])]),
        XMLCase(
            "// finds records at any depth",
            """
            <Batch>
              <Member><MemberId>1</MemberId></Member>
              <Group>
                <Member><MemberId>2</MemberId></Member>
                <Sub><Deeper><Member><MemberId>3</MemberId></Member></Deeper></Sub>
              </Group>
            </Batch>
            """,
            record: "//Member", fields: ["MemberId"], [Row(2, ["1"]), Row(4, ["2"]), Row(5, ["3"])]),
        XMLCase(
            "// with several steps matches the end of the path",
            "<Batch><Members><Member><MemberId>1</MemberId></Member></Members><Other><Member><MemberId>2</MemberId>"
                + "</Member></Other><A><Members><Member><MemberId>3</MemberId></Member></Members></A></Batch>",
            record: "//Members/Member", fields: ["MemberId"], [Row(1, ["1"]), Row(1, ["3"])]),
        XMLCase(
            "the record element's root can be the record",
            "<Member id='1'><MemberId>9</MemberId></Member>",
            record: "//Member", fields: ["@id", "MemberId"], [Row(1, ["1", "9"])]),
        XMLCase(
            "a record inside a record is content",
            "<Batch><Member><MemberId>1</MemberId><Member><MemberId>2</MemberId></Member></Member></Batch>",
            record: "//Member", fields: ["MemberId", "Member/MemberId"], [Row(1, ["1", "2"])]),
        XMLCase(
            "namespace prefixes are ignored",
            """
            <e:MemberBatch xmlns:e="urn:example:eligibility" xmlns:x="urn:example:extra">
              <e:Members>
                <e:Member x:id="41"><e:MemberId>A1</e:MemberId><x:Name><e:Last>Lee</e:Last></x:Name></e:Member>
              </e:Members>
            </e:MemberBatch>
            """,
            record: "MemberBatch/Members/Member", fields: ["MemberId", "Name/Last", "@id"],
            [Row(3, ["A1", "Lee", "41"])]),
        XMLCase(
            "a default namespace and prefixes in the layout",
            "<MemberBatch xmlns='urn:e'><Members><Member><Name><Last>Kim</Last></Name></Member></Members>"
                + "</MemberBatch>",
            record: "p:MemberBatch/p:Members/q:Member", fields: ["r:Name/s:Last"], [Row(1, ["Kim"])]),
        XMLCase(
            "undeclared prefixes are ignored too",
            "<Members><p:Member q:id='5'><MemberId>1</MemberId></p:Member></Members>",
            record: "Members/Member", fields: ["@id", "MemberId"], [Row(1, ["5", "1"])]),
        XMLCase(
            "CDATA is text",
            "<Members><Member><Note><![CDATA[a < b & c]]></Note><Name> Mary <![CDATA[Ann]]> </Name></Member></Members>",
            record: "Members/Member", fields: ["Note", "Name"], [Row(1, ["a < b & c", "Mary Ann"])]),
        XMLCase(
            "entities and character references are decoded",
            "<Members><Member code='&lt;&amp;&#x41;'><Name>O&apos;Brien &amp; Sons &quot;&#233;&gt;</Name></Member>"
                + "</Members>",
            record: "Members/Member", fields: ["Name", "@code"], [Row(1, ["O'Brien & Sons \"é>", "<&A"])]),
        XMLCase(
            "whitespace is trimmed at both ends only",
            "<Members><Member><Last>\n\t  De  la\tCruz \r\n</Last><Code> </Code></Member></Members>",
            record: "Members/Member", fields: ["Last", "Code"], [Row(1, ["De  la\tCruz", ""])]),
        XMLCase(
            "comments and processing instructions are not text",
            "<Members><Member><MemberId>12<!-- note -->34<?pi data?>56</MemberId></Member></Members>",
            record: "Members/Member", fields: ["MemberId"], [Row(1, ["123456"])]),
        XMLCase(
            "'.' is the record's own text, not its children's",
            "<Codes><Code kind='aid'> 1H <Note>ignored</Note></Code><Code kind='x'/></Codes>",
            record: "Codes/Code", fields: [".", "@kind", "Note"],
            [Row(1, ["1H", "aid", "ignored"]), Row(1, ["", "x", ""])]),
        XMLCase(
            "text around a child element is concatenated",
            "<Members><Member><Name>Jo<Middle>Q</Middle>hn</Name></Member></Members>",
            record: "Members/Member", fields: ["Name", "Name/Middle"], [Row(1, ["John", "Q"])]),
        XMLCase(
            "a repeated field keeps the first and says so",
            """
            <Members>
              <Member>
                <MemberId>1</MemberId><MemberId>2</MemberId><Plan>A</Plan>
                <Eligibility start="s1"/><Eligibility start="s2"/><Eligibility start="s3"/>
              </Member>
              <Member><MemberId>3</MemberId></Member>
            </Members>
            """,
            record: "Members/Member", fields: ["MemberId", "Plan", "Eligibility/@start"],
            [
                Row(
                    2, ["1", "A", "s1"],
                    problem: "field 'MemberId' appears 2 times; the first is used; "
                        + "field 'Eligibility/@start' appears 3 times; the first is used"),
                Row(6, ["3", "", ""]),
            ]),
        XMLCase(
            "the same path twice fills two fields",
            "<Members><Member><MemberId>1</MemberId></Member></Members>",
            record: "Members/Member", fields: ["MemberId", "MemberId"], [Row(1, ["1", "1"])]),
        XMLCase(
            "a layout without fields still counts records",
            "<Members><Member/><Member>x</Member></Members>",
            record: "Members/Member", fields: [], [Row(1, []), Row(1, [])]),
        XMLCase(
            "a document without records",
            "<?xml version='1.0'?>\n<!-- nothing -->\n<MemberBatch><Members/></MemberBatch>",
            record: "MemberBatch/Members/Member", fields: ["MemberId"], []),
    ]

    @Test(arguments: cases, XMLFeed.chunkSizes)
    func records(_ testCase: XMLCase, chunk: Int) throws {
        let layout = try XMLRecordLayout(recordPath: testCase.recordPath, fieldPaths: testCase.fieldPaths)
        let outcome = XMLFeed.read(testCase.xml, chunk: chunk, layout: layout)
        #expect(outcome.error == nil)
        #expect(outcome.rows == testCase.rows)
        #expect(outcome.count == testCase.rows.count)
    }

    @Test func fieldBytesAreLentAsUTF8() throws {
        let layout = try XMLRecordLayout(recordPath: "//Member", fieldPaths: ["Name", "Missing"])
        var seen: [[UInt8]] = []
        let count = try XMLRecordReader.read(
            from: XMLFeed.reader(Array("<Member><Name> Zoë </Name></Member>".utf8), chunk: 3), layout: layout
        ) { record in
            #expect(record.count == 2)
            seen.append(record.withField(0) { Array($0) })
            seen.append(record.withField(1) { Array($0) })
        }
        #expect(count == 1)
        #expect(seen == [[0x5A, 0x6F, 0xC3, 0xAB], []])
    }

    @Test func readIsNotCalledAfterTheEnd() throws {
        let bytes = Array("<Members><Member/></Members>".utf8)
        var offset = 0
        var ended = false
        let layout = try XMLRecordLayout(recordPath: "Members/Member", fieldPaths: [])
        let count = try XMLRecordReader.read(
            from: { buffer in
                #expect(!ended, "read called again after it returned 0")
                let count = min(buffer.count, bytes.count - offset)
                buffer.copyBytes(from: bytes[offset..<offset + count])
                offset += count
                ended = count == 0
                return count
            }, layout: layout
        ) { _ in }
        #expect(count == 1)
        #expect(ended)
    }
}
