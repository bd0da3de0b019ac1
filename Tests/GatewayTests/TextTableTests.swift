import Gateway
import TestThreads
import Testing

/// Table cells cannot break a row or send control codes to the terminal.
@Suite(.blocking) struct TextTableTests {
    @Test(arguments: [
        ("plain.csv", "plain.csv"),
        ("a\nb", #"a\nb"#),
        ("a\r\nb\tc", #"a\r\nb\tc"#),
        ("\u{1b}[31mred", #"\x1b[31mred"#),
        ("nul\u{0}del\u{7f}", #"nul\x00del\x7f"#),
        ("c1\u{9b}31m\u{85}", #"c1\u{9b}31m\u{85}"#),
        ("élève ✓ back\\slash", "élève ✓ back\\slash"),
    ])
    func controlCharactersAreEscaped(text: String, expected: String) {
        #expect(TextTable.escaped(text) == expected)
    }

    @Test func everyCellIsEscapedAndRowsStayOneLine() {
        let table = TextTable.render(header: ["ID", "FILE"], rows: [["1", "a\nb\u{1b}c"], ["22", "d"]])
        #expect(table == "ID  FILE\n1   a\\nb\\x1bc\n22  d")
    }
}
