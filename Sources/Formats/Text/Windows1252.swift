/// Transcoding from Windows-1252 to UTF-8.
///
/// Every byte is one character, so any byte sequence decodes and chunks can be transcoded one at a time.
/// Bytes 0x80–0x9F follow the Windows-1252 table; the five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90,
/// 0x9D) become the C1 control characters with the same value, as in the WHATWG Encoding Standard.
public enum Windows1252 {
    /// Appends the UTF-8 encoding of `bytes`, read as Windows-1252, to `output`.
    ///
    /// ASCII bytes are copied unchanged, in runs.
    public static func transcode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + bytes.count)
        var runStart = 0
        for index in bytes.indices where bytes[index] >= 0x80 {
            if runStart < index {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            }
            runStart = index + 1
            let byte = bytes[index]
            let scalar = byte < 0xA0 ? highControlRange[Int(byte - 0x80)] : UInt16(byte)
            if scalar < 0x800 {
                output.append(0xC0 | UInt8(scalar >> 6))
            } else {
                output.append(0xE0 | UInt8(scalar >> 12))
                output.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            }
            output.append(0x80 | UInt8(scalar & 0x3F))
        }
        if runStart < bytes.count {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// The code points of bytes 0x80–0x9F.
    private static let highControlRange: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
