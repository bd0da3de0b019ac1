import Testing

@testable import Values

@Suite struct ByteParsingTests {
    private func bytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    @Test(
        arguments: [
            ("0", 0), ("-12", -12), ("+7", 7), ("007", 7), ("9223372036854775807", .max),
            ("-9223372036854775808", .min),
        ] as [(String, Int64)])
    func parsesIntegers(text: String, expected: Int64) {
        #expect(bytes(text) { ByteParsing.int64($0) } == expected)
    }

    @Test(arguments: [
        "9223372036854775808", "-9223372036854775809", "", "-", "+", "1.0", " 1", "1a", "--1", "1_000",
        "99999999999999999999",
    ])
    func rejectsIntegers(text: String) {
        #expect(bytes(text) { ByteParsing.int64($0) } == nil)
    }

    @Test(arguments: [("  a b\t", "a b"), ("\t\t", ""), ("", ""), ("x", "x"), ("\na\n", "\na\n"), (" \t x \t ", "x")])
    func trims(text: String, expected: String) {
        #expect(bytes(text) { String(decoding: ByteParsing.trimmed($0), as: UTF8.self) } == expected)
    }

    @Test(arguments: [
        ("true", true), ("True", true), ("TRUE", true), ("t", true), ("T", true), ("yes", true), ("YeS", true),
        ("y", true), ("Y", true), ("1", true), ("false", false), ("FALSE", false), ("f", false), ("F", false),
        ("no", false), ("No", false), ("n", false), ("N", false), ("0", false),
    ])
    func parsesBooleans(text: String, expected: Bool) {
        #expect(bytes(text) { ByteParsing.bool($0) } == expected)
    }

    @Test(arguments: ["", "2", "ye", "tru", "truex", "on", "off", "nope", " yes", "yes ", "Q", "\u{14}", "T\u{12}"])
    func rejectsBooleans(text: String) {
        #expect(bytes(text) { ByteParsing.bool($0) } == nil)
    }
}
