import Testing

@testable import Formats

/// UTF-16 with a byte order mark (Excel's "Unicode text", PowerShell's `Out-File`) decodes chunk by chunk.
@Suite struct UTF16TranscoderTests {
    static let text = "Student ID,Name\r\n1001,García Nguyễn 𝒜\r\n"

    static func encoded(bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        return bytes
    }

    @Test(arguments: [false, true])
    func decodesAtEveryChunkSize(bigEndian: Bool) {
        let bytes = Self.encoded(bigEndian: bigEndian)
        for size in 1...bytes.count {
            var transcoder = UTF16Transcoder(bigEndian: bigEndian)
            var output: [UInt8] = []
            var start = 0
            while start < bytes.count {
                let end = min(start + size, bytes.count)
                bytes[start..<end].withUnsafeBufferPointer { transcoder.transcode($0, into: &output) }
                start = end
            }
            transcoder.finish(into: &output)
            #expect(String(decoding: output, as: UTF8.self) == Self.text, "chunk size \(size)")
        }
    }

    @Test func unpairedSurrogatesAndADanglingByteBecomeReplacementCharacters() {
        var transcoder = UTF16Transcoder(bigEndian: false)
        var output: [UInt8] = []
        [UInt8]([0x3D, 0xD8, 0x41, 0x00, 0x00, 0xDC, 0x42]).withUnsafeBufferPointer {
            transcoder.transcode($0, into: &output)
        }
        transcoder.finish(into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "\u{FFFD}A\u{FFFD}\u{FFFD}")
    }
}
