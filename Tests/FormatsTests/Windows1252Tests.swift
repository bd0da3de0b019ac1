import Testing

@testable import Formats

@Suite struct Windows1252Tests {
    static func transcode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        bytes.withUnsafeBufferPointer { Windows1252.transcode($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    @Test(arguments: [
        (0x80, "\u{20AC}"), (0xE9, "\u{E9}"), (0x81, "\u{81}"), (0x8D, "\u{8D}"), (0x8F, "\u{8F}"),
        (0x90, "\u{90}"), (0x9D, "\u{9D}"), (0x9F, "\u{178}"), (0x99, "\u{2122}"), (0x93, "\u{201C}"),
        (0xA0, "\u{A0}"), (0xFF, "\u{FF}"), (0x41, "A"), (0x00, "\u{0}"), (0x7F, "\u{7F}"),
    ])
    func mapsByte(_ byte: Int, to expected: String) {
        #expect(Self.transcode([UInt8(byte)]) == expected)
    }

    @Test func asciiIsUnchanged() {
        let ascii = (0..<128).map { UInt8($0) }
        var output: [UInt8] = []
        ascii.withUnsafeBufferPointer { Windows1252.transcode($0, into: &output) }
        #expect(output == ascii)
    }

    @Test func everyByteIsOneValidCharacter() {
        let all = (0...255).map { UInt8($0) }
        var output: [UInt8] = []
        all.withUnsafeBufferPointer { Windows1252.transcode($0, into: &output) }
        let text = String(validating: output, as: UTF8.self)
        #expect(text?.unicodeScalars.count == 256)
        #expect(text?.unicodeScalars.contains("\u{FFFD}") == false)
    }

    @Test func appendsToExistingOutput() {
        var output = Array("x".utf8)
        [UInt8]([0x43, 0x61, 0x66, 0xE9]).withUnsafeBufferPointer { Windows1252.transcode($0, into: &output) }
        #expect(String(decoding: output, as: UTF8.self) == "xCaf\u{E9}")
    }
}
