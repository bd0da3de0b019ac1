import Testing

@testable import Mapping

@Suite struct GlobTests {
    static let cases: [(glob: String, name: String, expected: Bool)] = [
        ("*.csv", "Roster.CSV", true), ("*.csv", "roster.csv.bak", false), ("*.csv", ".csv", true),
        ("att_??.txt", "att_01.txt", true), ("att_??.txt", "att_1.txt", false), ("[abc]*", "Bill", true),
        ("[a-c]x", "dx", false), ("[a-c]x", "Bx", true), ("[!x]y", "ay", true), ("[!x]y", "Xy", false),
        ("[^x]y", "xy", false), ("*", "", true), ("*", "anything.at.all", true), ("?", "", false),
        ("a*b*c", "aXXbYYc", true), ("a*b*c", "aXXbYY", false), ("a*b*c", "abcbc", true),
        ("Roster_[0-9][0-9].txt", "roster_42.TXT", true), ("Roster_[0-9][0-9].txt", "roster_4x.txt", false),
        ("é*.csv", "étude.csv", true), ("é*.csv", "É.csv", false), ("?.csv", "é.csv", true),
        ("[]]x", "]x", true), ("a[-]b", "a-b", true), ("[a-]z", "-z", true), ("exact.csv", "EXACT.csv", true),
        ("exact.csv", "exact.csvx", false), ("*a*a*a*a*a*b", String(repeating: "a", count: 60), false),
    ]

    @Test(arguments: cases)
    func matches(glob: String, name: String, expected: Bool) throws {
        #expect(try Glob(glob).matches(name) == expected)
    }

    @Test(arguments: [
        ("", 0, "empty"), ("abc[de", 3, "missing ']'"), ("[z-a]", 1, "out of order"), ("é[", 2, "missing"),
    ])
    func rejects(glob: String, offset: Int, fragment: String) {
        #expect {
            try Glob(glob)
        } throws: { error in
            guard let error = error as? PatternError else { return false }
            return error.offset == offset && error.message.contains(fragment)
        }
    }

    @Test func equalityAndDescription() throws {
        #expect(try Glob("*.csv") == Glob("*.csv"))
        #expect(try Glob("*.csv") != Glob("*.txt"))
        #expect(try Glob("*.CSV").description == "*.CSV")
    }
}
