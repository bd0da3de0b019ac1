import Testing

@testable import Formats

@Suite struct DelimiterSnifferTests {
    @Test(
        arguments: [
            ("id,name,amount", ","),
            ("id;name;amount", ";"),
            ("id\tname\tamount", "\t"),
            ("id|name|amount", "|"),
            ("id;name,first;amount", ";"),
            ("\"a;b;c\",d", ","),
            ("\"say \"\"x;y\"\"\";z", ";"),
            ("a,b;c", ","),
            ("a|b;c\td", ";"),
            ("id;name\nx,y,z,w", ";"),
            ("id;name\r\nx,y,z,w", ";"),
            ("\"id\nx,y\";z", ";"),
        ] as [(String, Character)])
    func findsTheMostFrequentDelimiter(_ header: String, _ expected: Character) {
        #expect(Self.sniff(header) == expected.asciiValue)
    }

    @Test(arguments: ["", "identifier", "\"a,b\"", "id name amount"])
    func findsNothing(_ header: String) {
        #expect(Self.sniff(header) == nil)
    }

    static func sniff(_ header: String) -> UInt8? {
        Array(header.utf8).withUnsafeBufferPointer { DelimiterSniffer.likelyDelimiter(headerLine: $0) }
    }
}
