import Testing

@testable import Mapping

@Suite struct PatternTests {
    static let cases: [(pattern: String, input: String, expected: Bool)] = [
        ("^[0-9]{1,12}$", "1234567890", true), ("^[0-9]{1,12}$", "0", true), ("^[0-9]{1,12}$", "", false),
        ("^[0-9]{1,12}$", "1234567890123", false), ("^[0-9]{1,12}$", "12a", false),
        ("abc", "xxabcxx", true), ("abc", "ab", false), ("", "anything", true),
        ("^abc", "abcd", true), ("^abc", "xabc", false), ("abc$", "xabc", true), ("abc$", "abcx", false),
        ("^$", "", true), ("^$", "a", false), ("$^", "", true), ("$^", "a", false),
        ("^a|b$", "ax", true), ("^a|b$", "xb", true), ("^a|b$", "xa", false), ("^a|$", "xyz", true),
        ("^(cat|dog)s?$", "cats", true), ("^(cat|dog)s?$", "dog", true), ("^(cat|dog)s?$", "cow", false),
        ("^((a|b)c)+$", "acbc", true), ("^((a|b)c)+$", "acb", false), ("^(|a)$", "", true), ("^(|a)$", "a", true),
        ("^(?:ab){2}$", "abab", true), ("^(?:ab){2}$", "ab", false), ("^(?:ab){2}$", "ababab", false),
        ("^a{3,}$", "aaa", true), ("^a{3,}$", "aaaaaa", true), ("^a{3,}$", "aa", false),
        ("^a{2,4}$", "aa", true), ("^a{2,4}$", "aaaa", true), ("^a{2,4}$", "a", false), ("^a{2,4}$", "aaaaa", false),
        ("^a{0}b$", "b", true), ("^a?b?$", "", true), ("a*", "bbb", true), ("x*$", "abc", true),
        ("^(a*)*$", "aaa", true), ("^(a*)*$", "aab", false), ("^(a|ab)(c|bcd)(d*)$", "abcd", true),
        ("^[^,]+$", "a b", true), ("^[^,]+$", "a,b", false), ("^[^,]+$", "é", true),
        ("^[a-cx-z]+$", "abxz", true), ("^[a-cx-z]+$", "abd", false), ("^[\\d.]+$", "1.5", true),
        ("^[\\d.]+$", "1-5", false), ("^[-a]+$", "-a-", true), ("^[a-]+$", "a-", true), ("^[]a]+$", "]a", true),
        ("^[^]a]$", "b", true), ("^[^]a]$", "]", false), ("^[\\]\\\\]+$", "]\\", true),
        ("^[A-Z]{2}\\d{6}$", "AB123456", true),
        ("^[A-Z]{2}\\d{6}$", "ab123456", false), ("^\\d{3}-\\d{4}$", "555-1234", true),
        ("^\\d{3}-\\d{4}$", "5551234", false), ("^\\w+@\\w+\\.com$", "a_b@x.com", true),
        ("^\\w+@\\w+\\.com$", "a@xxcom", false), ("^\\w+@\\w+\\.com$", "a@x.org", false),
        ("^\\s*$", " \t", true), ("^\\s*$", " x", false), ("\\S", "  ", false), ("\\S", " x ", true),
        ("^\\D+$", "abc", true), ("^\\D+$", "a1", false), ("^\\W$", "-", true), ("^\\W$", "a", false),
        ("^a.c$", "abc", true), ("^a.c$", "ac", false), ("^\\(\\d+\\)$", "(12)", true), ("^\\(\\d+\\)$", "12", false),
        ("^a\\\\b$", "a\\b", true), ("^a\\.b$", "a.b", true), ("^a\\.b$", "axb", false), ("^\\t$", "\t", true),
        ("^a\\-\\{\\}\\|\\$\\^\\*\\+\\?\\[$", "a-{}|$^*+?[", true), ("^a}]$", "a}]", true),
        ("^é+$", "éé", true), ("^é+$", "e", false), ("^café$", "café", true), ("^.{2}$", "é", true),
        ("^9[0-9]{7}[ACDEFGHMNT-Z]$", "91234567T", true), ("^9[0-9]{7}[ACDEFGHMNT-Z]$", "91234567B", false),
        ("(a+)+b", "aaaab", true), ("(a|b)*a(a|b){12}", "ba" + String(repeating: "b", count: 12), true),
        ("(a|b)*a(a|b){12}", String(repeating: "b", count: 20), false),
    ]

    @Test(arguments: cases)
    func matches(pattern: String, input: String, expected: Bool) throws {
        let automaton = try Pattern(pattern)
        let pikeVM = try Pattern(pattern, stateLimit: 0)
        #expect(automaton.matches(input) == expected)
        #expect(pikeVM.matches(input) == expected)
        let viaBytes = Array(input.utf8).withUnsafeBufferPointer { automaton.matches($0) }
        #expect(viaBytes == expected)
    }

    @Test func dotMatchesAnySingleByte() throws {
        let pattern = try Pattern("^.$")
        #expect([UInt8(0xFF)].withUnsafeBufferPointer { pattern.matches($0) })
        #expect(![UInt8(0xC3), 0xA9].withUnsafeBufferPointer { pattern.matches($0) })
    }

    static let invalid: [(pattern: String, offset: Int, fragment: String)] = [
        ("(a", 0, "missing ')'"), ("a)", 1, "unmatched ')'"), ("[abc", 0, "missing ']'"),
        ("*a", 0, "nothing to repeat"),
        ("a|+", 2, "nothing to repeat"), ("a**", 2, "quantifier follows"), ("a*?", 1, "lazy quantifier '*?'"),
        ("a{2}?", 1, "lazy quantifier"), ("a++", 1, "possessive"), ("(?=a)", 0, "lookahead"),
        ("x(?!a)", 1, "lookahead"),
        ("(?<!a)b", 0, "lookbehind"), ("(?<=a)b", 0, "lookbehind"), ("(?<name>a)", 0, "named groups"),
        ("(?i)a", 0, "group syntax '(?i'"), ("(a)\\1", 3, "backreference '\\1'"), ("\\p{L}", 0, "Unicode class"),
        ("\\bword", 0, "word boundary"), ("\\Aa", 0, "anchor '\\A'"), ("a{2,1}", 1, "maximum below"),
        ("a{1001}", 1, "above 1000"), ("a{x}", 1, "malformed repetition"), ("a{,3}", 1, "malformed repetition"),
        ("a{2", 1, "malformed repetition"), ("[z-a]", 1, "out of order"), ("[[:alpha:]]", 1, "POSIX"),
        ("[é]", 1, "non-ASCII"), ("[a-\\d]", 1, "range cannot end"), ("abc\\", 3, "lone backslash"),
        ("\\q", 0, "unsupported escape '\\q'"), ("^*", 1, "anchor cannot be repeated"),
        ("(a{1000}){1000}", 0, "too large"), (String(repeating: "(", count: 65) + "a", 64, "nested"),
    ]

    @Test(arguments: invalid)
    func rejects(pattern: String, offset: Int, fragment: String) {
        #expect {
            try Pattern(pattern)
        } throws: { error in
            guard let error = error as? PatternError else { return false }
            return error.offset == offset && error.message.contains(fragment)
        }
    }

    @Test func errorDescriptionNamesOffset() {
        let error = PatternError(offset: 3, message: "lookahead '(?=' is not supported")
        #expect(error.description == "lookahead '(?=' is not supported at offset 3")
    }

    @Test func descriptionIsSource() throws {
        #expect(try Pattern("^[0-9]{1,12}$").description == "^[0-9]{1,12}$")
    }

    @Test func commonPatternsUseTheAutomaton() throws {
        #expect(try Pattern("^[0-9]{1,12}$").automaton != nil)
        #expect(try Pattern("^[A-Z]{2}\\d{6}$|^\\w+@\\w+\\.com$").automaton != nil)
    }

    @Test func explodingAutomatonFallsBackToPikeVM() throws {
        let pattern = try Pattern("(a|b)*a(a|b){12}")
        #expect(pattern.automaton == nil)
        #expect(pattern.matches("bbba" + String(repeating: "ab", count: 6)))
    }

    @Test(arguments: [2_000, 0])
    func catastrophicPatternStaysFast(stateLimit: Int) throws {
        let pattern = try Pattern("(a+)+b", stateLimit: stateLimit)
        let nested = try Pattern("^(a|aa|a?)*(a*)*c$", stateLimit: stateLimit)
        let thirty = String(repeating: "a", count: 30)
        let long = String(repeating: "a", count: 20_000)
        let elapsed = ContinuousClock().measure {
            #expect(!pattern.matches(thirty))
            #expect(!pattern.matches(long))
            #expect(!nested.matches(thirty))
            #expect(pattern.matches(long + "b"))
        }
        #expect(elapsed < .seconds(1))
    }
}
