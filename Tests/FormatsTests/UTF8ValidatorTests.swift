import Testing

@testable import Formats

/// An input and what validating it must say.
struct UTF8Case: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var firstInvalidOffset: Int?

    var testDescription: String { name }

    init(_ name: String, _ bytes: [UInt8], invalidAt offset: Int? = nil) {
        self.name = name
        self.bytes = bytes
        firstInvalidOffset = offset
    }
}

@Suite struct UTF8ValidatorTests {
    /// Validates `bytes` whole, at every chunk size and split in two everywhere; expects one answer and returns it.
    static func validate(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
        func run(size: Int) -> Int? {
            var validator = UTF8Validator()
            bytes.withUnsafeBufferPointer { all in
                for start in stride(from: 0, to: all.count, by: size) {
                    validator.feed(UnsafeBufferPointer(rebasing: all[start..<min(start + size, all.count)]))
                }
            }
            let valid = validator.finish()
            #expect(valid == (validator.firstInvalidOffset == nil), sourceLocation: sourceLocation)
            return validator.firstInvalidOffset
        }
        let reference = run(size: max(bytes.count, 1))
        for size in 1..<max(bytes.count, 1) {
            #expect(run(size: size) == reference, "chunk size \(size)", sourceLocation: sourceLocation)
        }
        for cut in 0...bytes.count {
            var validator = UTF8Validator()
            bytes.withUnsafeBufferPointer { all in
                validator.feed(UnsafeBufferPointer(rebasing: all[..<cut]))
                validator.feed(UnsafeBufferPointer(rebasing: all[cut...]))
            }
            _ = validator.finish()
            #expect(validator.firstInvalidOffset == reference, "split at \(cut)", sourceLocation: sourceLocation)
        }
        return reference
    }

    static let valid: [UTF8Case] = [
        UTF8Case("empty", []),
        UTF8Case("ASCII", Array("plain ASCII text, long enough for the 8-byte path\r\n".utf8)),
        UTF8Case("two-byte", Array("caf\u{E9} \u{7FF}".utf8)),
        UTF8Case("three-byte", Array("\u{20AC}\u{800}\u{D7FF}\u{E000}\u{FFFF}".utf8)),
        UTF8Case("four-byte", Array("\u{1F600}\u{10000}\u{10FFFF}".utf8)),
        UTF8Case("boundaries", Array("\u{7F}\u{80}".utf8)),
        UTF8Case("mixed with ASCII runs", Array("abcdefghijk\u{E9}abcdefghijklmnop\u{1F600}q\u{20AC}rstuvwxyz".utf8)),
    ]

    static let invalid: [UTF8Case] = [
        UTF8Case("lone continuation", [0x80], invalidAt: 0),
        UTF8Case("continuation after ASCII run", Array("abcdefghij".utf8) + [0xBF], invalidAt: 10),
        UTF8Case("overlong two-byte C0", [0xC0, 0x80], invalidAt: 0),
        UTF8Case("overlong two-byte C1", [0x41, 0xC1, 0xBF], invalidAt: 1),
        UTF8Case("overlong three-byte", [0xE0, 0x9F, 0xBF], invalidAt: 0),
        UTF8Case("overlong four-byte", [0xF0, 0x8F, 0xBF, 0xBF], invalidAt: 0),
        UTF8Case("surrogate D800", [0xED, 0xA0, 0x80], invalidAt: 0),
        UTF8Case("surrogate DFFF", [0x61, 0xED, 0xBF, 0xBF], invalidAt: 1),
        UTF8Case("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80], invalidAt: 0),
        UTF8Case("lead F5", [0xF5, 0x80, 0x80, 0x80], invalidAt: 0),
        UTF8Case("lead FE", [0xFE], invalidAt: 0),
        UTF8Case("lead FF", Array("ok".utf8) + [0xFF], invalidAt: 2),
        UTF8Case("sequence cut by ASCII", [0xE2, 0x82, 0x41], invalidAt: 0),
        UTF8Case("sequence cut by a lead byte", [0x78, 0xC3, 0xC3, 0xA9], invalidAt: 1),
        UTF8Case("truncated two-byte at end", Array("abc".utf8) + [0xC3], invalidAt: 3),
        UTF8Case("truncated three-byte at end", Array("abc".utf8) + [0xE2, 0x82], invalidAt: 3),
        UTF8Case("truncated four-byte at end", [0xF0, 0x9F, 0x98], invalidAt: 0),
        UTF8Case("first error wins", Array("\u{E9}".utf8) + [0x80, 0xFF], invalidAt: 2),
        UTF8Case("Windows-1252 text", [0x43, 0x61, 0x66, 0xE9, 0x2C], invalidAt: 3),
    ]

    @Test(arguments: valid + invalid)
    func validatesTheSameAtEveryChunkSize(_ testCase: UTF8Case) {
        #expect(Self.validate(testCase.bytes) == testCase.firstInvalidOffset)
    }

    @Test func truncatedEndIsOnlyAnErrorAtFinish() {
        var validator = UTF8Validator()
        [UInt8]([0x61, 0xE2, 0x82]).withUnsafeBufferPointer { validator.feed($0) }
        #expect(validator.isValid)
        #expect(validator.firstInvalidOffset == nil)
        let first = validator.finish()
        let second = validator.finish()
        #expect(!first && !second)
        #expect(!validator.isValid)
        #expect(validator.firstInvalidOffset == 1)
    }

    /// Every 1- and 2-byte input, and every lead byte with every second byte, agree with the standard library.
    @Test func agreesWithTheStandardLibrary() {
        var inputs: [[UInt8]] = []
        for first in 0...255 {
            inputs.append([UInt8(first)])
            for second in 0...255 {
                inputs.append([UInt8(first), UInt8(second)])
                guard first >= 0xE0 else { continue }
                for tail: UInt8 in [0x7F, 0x80, 0xBF, 0xC0] {
                    inputs.append([UInt8(first), UInt8(second), tail])
                    inputs.append([UInt8(first), UInt8(second), 0x80, tail])
                }
            }
        }
        var mismatches = 0
        for input in inputs {
            var validator = UTF8Validator()
            input.withUnsafeBufferPointer { validator.feed($0) }
            if validator.finish() != (String(validating: input, as: UTF8.self) != nil) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
}
