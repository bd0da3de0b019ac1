/// Streaming transcoding from UTF-16 (little- or big-endian) to UTF-8, chunk by chunk.
///
/// A code unit or a surrogate pair split across chunks is carried to the next one. A leading byte order mark is
/// dropped; unpaired surrogates and a dangling last byte become U+FFFD, so every input decodes.
public struct UTF16Transcoder: Sendable {
    /// Whether the input is big-endian (`FE FF` byte order mark).
    public let bigEndian: Bool
    private var pendingByte: UInt8?
    private var highSurrogate: UInt16?
    private var atStart = true

    /// Creates a transcoder for one stream.
    public init(bigEndian: Bool) {
        self.bigEndian = bigEndian
    }

    /// Appends the UTF-8 encoding of the next `bytes` of the stream to `output`.
    public mutating func transcode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + bytes.count * 3 / 2)
        for byte in bytes {
            guard let first = pendingByte else {
                pendingByte = byte
                continue
            }
            pendingByte = nil
            let unit = bigEndian ? UInt16(first) << 8 | UInt16(byte) : UInt16(byte) << 8 | UInt16(first)
            append(unit, to: &output)
        }
    }

    /// Ends the stream: a dangling byte or unpaired surrogate becomes U+FFFD.
    public mutating func finish(into output: inout [UInt8]) {
        if highSurrogate != nil || pendingByte != nil { Self.encode(0xFFFD, into: &output) }
        highSurrogate = nil
        pendingByte = nil
    }

    private mutating func append(_ unit: UInt16, to output: inout [UInt8]) {
        defer { atStart = false }
        if atStart && unit == 0xFEFF { return }
        if let high = highSurrogate {
            highSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                Self.encode(0x10000 + (UInt32(high - 0xD800) << 10 | UInt32(unit - 0xDC00)), into: &output)
                return
            }
            Self.encode(0xFFFD, into: &output)
        }
        switch unit {
        case 0xD800...0xDBFF: highSurrogate = unit
        case 0xDC00...0xDFFF: Self.encode(0xFFFD, into: &output)
        default: Self.encode(UInt32(unit), into: &output)
        }
    }

    private static func encode(_ scalar: UInt32, into output: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            output.append(UInt8(scalar))
        case ..<0x800:
            output.append(0xC0 | UInt8(scalar >> 6))
            output.append(0x80 | UInt8(scalar & 0x3F))
        case ..<0x10000:
            output.append(0xE0 | UInt8(scalar >> 12))
            output.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            output.append(0x80 | UInt8(scalar & 0x3F))
        default:
            output.append(0xF0 | UInt8(scalar >> 18))
            output.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            output.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            output.append(0x80 | UInt8(scalar & 0x3F))
        }
    }
}
