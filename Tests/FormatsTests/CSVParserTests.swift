import Testing

@testable import Formats

/// One input and the rows it must give, whatever the chunking.
struct CSVCase: Sendable, CustomTestStringConvertible {
    var name: String
    var input: [UInt8]
    var delimiter = UInt8(ascii: ",")
    var rows: [CSVRow]

    var testDescription: String { name }

    init(_ name: String, _ input: String, delimiter: Character = ",", _ rows: [CSVRow]) {
        self.init(name, Array(input.utf8), delimiter: delimiter, rows)
    }

    init(_ name: String, _ input: [UInt8], delimiter: Character = ",", _ rows: [CSVRow]) {
        self.name = name
        self.input = input
        self.delimiter = delimiter.asciiValue ?? 0
        self.rows = rows
    }
}

@Suite struct CSVParserTests {
    static let cases: [CSVCase] = [
        CSVCase("plain fields", "a,b,c\n1,2,3\n", [CSVRow(1, ["a", "b", "c"]), CSVRow(2, ["1", "2", "3"])]),
        CSVCase(
            "quoted delimiter and doubled quotes", "\"a,b\",\"c\"\"d\",\"\"\"\"\n",
            [CSVRow(1, ["a,b", "c\"d", "\""])]),
        CSVCase(
            "quoted LF, CR and CRLF count as lines", "\"x\ny\",1\n\"p\rq\",2\r\n\"m\r\nn\",3\nlast",
            [
                CSVRow(1, ["x\ny", "1"]), CSVRow(3, ["p\rq", "2"]), CSVRow(5, ["m\r\nn", "3"]),
                CSVRow(7, ["last"]),
            ]),
        CSVCase(
            "CRLF, LF and lone CR terminators", "a\r\nb\nc\rd\r",
            [CSVRow(1, ["a"]), CSVRow(2, ["b"]), CSVRow(3, ["c"]), CSVRow(4, ["d"])]),
        CSVCase(
            "blank lines are skipped but counted", "\n\r\n\ra\n\n\nb\r\n\r\n\r\r\nc",
            [CSVRow(4, ["a"]), CSVRow(7, ["b"]), CSVRow(11, ["c"])]),
        CSVCase("only blank lines", "\r\n\n\r\r\n", []),
        CSVCase("empty input", "", []),
        CSVCase("final record without newline", "a,b\nc,d", [CSVRow(1, ["a", "b"]), CSVRow(2, ["c", "d"])]),
        CSVCase("final quoted field without newline", "a,\"b\"", [CSVRow(1, ["a", "b"])]),
        CSVCase("final delimiter without newline", "a,", [CSVRow(1, ["a", ""])]),
        CSVCase(
            "empty fields", ",,\n\"\",\n\"\"\na,,\"\"\n",
            [CSVRow(1, ["", "", ""]), CSVRow(2, ["", ""]), CSVRow(3, [""]), CSVRow(4, ["a", "", ""])]),
        CSVCase(
            "ragged rows", "a,b,c\n1\n1,2,3,4\n",
            [CSVRow(1, ["a", "b", "c"]), CSVRow(2, ["1"]), CSVRow(3, ["1", "2", "3", "4"])]),
        CSVCase("whitespace is data", " a , b \n", [CSVRow(1, [" a ", " b "])]),
        CSVCase("quote inside an unquoted field", "ab\"c,d\"e\"\n", [CSVRow(1, ["ab\"c", "d\"e\""])]),
        CSVCase(
            "text after closing quote", "\"ab\"c,d\nx,\"y\" z,\"w\"v\n",
            [
                CSVRow(1, ["ab\"c", "d"], .textAfterClosingQuote(field: 0)),
                CSVRow(2, ["x", "y\" z", "w\"v"], .textAfterClosingQuote(field: 1)),
            ]),
        CSVCase(
            "unterminated quote swallows the rest", "a,b\n\"open,1\n2\n",
            [CSVRow(1, ["a", "b"]), CSVRow(2, ["open,1\n2\n"], .unterminatedQuote)]),
        CSVCase("unterminated quote at the end", "a,\"", [CSVRow(1, ["a", ""], .unterminatedQuote)]),
        CSVCase("quote after doubled quote at the end", "\"a\"\"", [CSVRow(1, ["a\""], .unterminatedQuote)]),
        CSVCase(
            "semicolon delimiter", "a;b,c;\"d;e\"\n1;2\n", delimiter: ";",
            [CSVRow(1, ["a", "b,c", "d;e"]), CSVRow(2, ["1", "2"])]),
        CSVCase(
            "tab delimiter", "a\tb c\t\"d\te\"\t\n", delimiter: "\t", [CSVRow(1, ["a", "b c", "d\te", ""])]),
        CSVCase("byte-order mark is dropped", [0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8), [CSVRow(1, ["a", "b"])]),
        CSVCase("byte-order mark before a quote", [0xEF, 0xBB, 0xBF] + Array("\"a\"".utf8), [CSVRow(1, ["a"])]),
        CSVCase("byte-order mark alone", [0xEF, 0xBB, 0xBF], []),
        CSVCase(
            "byte-order mark not at the start is data", Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b".utf8),
            [CSVRow(1, ["a"]), CSVRow(line: 2, bytes: [[0xEF, 0xBB, 0xBF, 0x62]])]),
        CSVCase(
            "partial byte-order mark is data", [0xEF, 0xBB, 0x78], [CSVRow(line: 1, bytes: [[0xEF, 0xBB, 0x78]])]),
        CSVCase("partial byte-order mark at the end", [0xEF, 0xBB], [CSVRow(line: 1, bytes: [[0xEF, 0xBB]])]),
        CSVCase(
            "repeated byte-order mark start", [0xEF, 0xEF, 0xBB, 0xBF, 0x2C],
            [CSVRow(line: 1, bytes: [[0xEF, 0xEF, 0xBB, 0xBF], []])]),
        CSVCase(
            "partial byte-order mark then newline", [0xEF, 0x0A, 0x61],
            [CSVRow(line: 1, bytes: [[0xEF]]), CSVRow(2, ["a"])]),
    ]

    @Test(arguments: cases)
    func parsesTheSameAtEveryChunkSize(_ testCase: CSVCase) {
        #expect(CSVSplitter.rows(testCase.input, delimiter: testCase.delimiter) == testCase.rows)
    }

    @Test func recordGivesFieldsAsStrings() {
        var parser = CSVParser()
        var seen: [[String]] = []
        Array("x,\"caf\u{E9}\",\n".utf8).withUnsafeBufferPointer { input in
            parser.feed(input) { record in
                #expect(record.count == 3)
                #expect(record.string(1) == "caf\u{E9}")
                seen.append(record.strings())
            }
        }
        #expect(seen == [["x", "caf\u{E9}", ""]])
        #expect(parser.recordsEmitted == 1)
    }

    @Test func invalidUTF8IsRepairedInStrings() {
        let rows = CSVSplitter.rows([0x61, 0xFF, 0x2C, 0x62])
        #expect(rows == [CSVRow(line: 1, bytes: [[0x61, 0xFF], [0x62]])])
        var parser = CSVParser()
        var strings: [String] = []
        [UInt8]([0x61, 0xFF]).withUnsafeBufferPointer { parser.feed($0) { _ in } }
        parser.finish { strings = $0.strings() }
        #expect(strings == ["a\u{FFFD}"])
    }

    @Test func throwingBodyStopsTheParse() {
        struct Stop: Error {}
        var parser = CSVParser()
        var lines: [Int] = []
        #expect(throws: Stop.self) {
            try Array("a\nb\nc\n".utf8).withUnsafeBufferPointer { input in
                try parser.feed(input) { record in
                    lines.append(record.line)
                    if record.line == 2 { throw Stop() }
                }
            }
        }
        #expect(lines == [1, 2])
    }

    @Test func recordsAreFieldRecords() {
        func firstField<Record: FieldRecord & ~Copyable>(_ record: borrowing Record) -> [UInt8] {
            record.withField(0) { Array($0) }
        }
        var first: [UInt8] = []
        var parser = CSVParser()
        Array("\"q\"\"\",z\n".utf8).withUnsafeBufferPointer { parser.feed($0) { first = firstField($0) } }
        #expect(first == Array("q\"".utf8))
    }
}
