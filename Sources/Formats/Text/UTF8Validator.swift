/// Checks that a byte stream is well-formed UTF-8, chunk by chunk, in constant memory.
///
/// Follows the Unicode definition of well-formed UTF-8 (Table 3-7): overlong forms, UTF-16 surrogates
/// (U+D800–U+DFFF) and values above U+10FFFF are rejected. Sequences may be split across chunks. Runs of ASCII
/// are checked 8 bytes at a time. Once an error is found, further input is ignored.
public struct UTF8Validator: Sendable {
    /// The number of bytes fed so far, up to the start of the current chunk.
    private var offset = 0
    /// Continuation bytes still expected by the sequence in progress.
    private var pending = 0
    /// Smallest value allowed for the next continuation byte.
    private var lower: UInt8 = 0x80
    /// Largest value allowed for the next continuation byte.
    private var upper: UInt8 = 0xBF
    /// Offset of the lead byte of the sequence in progress.
    private var sequenceStart = 0

    /// The input offset of the first byte of the first ill-formed sequence, or `nil` while none was found.
    ///
    /// For a stray continuation byte or an invalid lead byte this is that byte; for a sequence cut short (by a
    /// bad continuation byte or by the end of the input) it is the sequence's lead byte.
    public private(set) var firstInvalidOffset: Int?

    /// Whether the input fed so far has no ill-formed sequence.
    ///
    /// A sequence left incomplete at the end of the fed bytes is not an error until ``finish()``.
    public var isValid: Bool { firstInvalidOffset == nil }

    /// Creates a validator at the start of an input.
    ///
    /// An empty input is valid.
    public init() {}

    /// Checks the next chunk of input.
    ///
    /// Does nothing once the input is known to be invalid.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard firstInvalidOffset == nil, let base = chunk.baseAddress else { return }
        let count = chunk.count
        var index = 0
        while index < count {
            if pending > 0 {
                let byte = base[index]
                guard byte >= lower && byte <= upper else {
                    firstInvalidOffset = sequenceStart
                    return
                }
                pending -= 1
                lower = 0x80
                upper = 0xBF
                index += 1
                continue
            }
            while index + 8 <= count,
                UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < count else { break }
            let byte = base[index]
            if byte >= 0x80 {
                guard startSequence(byte) else {
                    firstInvalidOffset = offset + index
                    return
                }
                sequenceStart = offset + index
            }
            index += 1
        }
        offset += count
    }

    /// Ends the input and returns whether all of it was well-formed, with no sequence cut short at the end.
    ///
    /// Calling it again returns the same answer.
    public mutating func finish() -> Bool {
        if pending > 0 && firstInvalidOffset == nil {
            firstInvalidOffset = sequenceStart
        }
        pending = 0
        return isValid
    }

    /// Sets up the expected continuation bytes for `lead`; returns `false` when `lead` cannot start a sequence.
    private mutating func startSequence(_ lead: UInt8) -> Bool {
        switch lead {
        case 0xC2...0xDF:
            pending = 1
        case 0xE0:
            pending = 2
            lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF:
            pending = 2
        case 0xED:
            pending = 2
            upper = 0x9F
        case 0xF0:
            pending = 3
            lower = 0x90
        case 0xF1...0xF3:
            pending = 3
        case 0xF4:
            pending = 3
            upper = 0x8F
        default:
            return false
        }
        return true
    }
}
