/// Allocation-free parsing of small values from raw UTF-8 field bytes.
///
/// These work on the bytes of one field as handed over by the record reader, without building strings.
public enum ByteParsing {
    /// Parses a whole number.
    ///
    /// - Parameter bytes: An optional `+` or `-` followed by at least one ASCII digit, and nothing else.
    /// - Returns: The value, or `nil` for other text or when it does not fit `Int64`.
    public static func int64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == 0x2B || first == 0x2D {
            negative = first == 0x2D
            index = 1
        }
        guard index < bytes.count else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
            // Accumulating negative values reaches Int64.min without overflowing.
            let (next, overflowAdd) =
                negative
                ? shifted.subtractingReportingOverflow(Int64(digit)) : shifted.addingReportingOverflow(Int64(digit))
            guard !overflowShift, !overflowAdd else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// The bytes without leading and trailing ASCII spaces and tabs.
    ///
    /// - Parameter bytes: Field bytes.
    /// - Returns: A slice of the same memory.
    public static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// Parses a boolean, ignoring ASCII case.
    ///
    /// - Parameter bytes: `true`/`false`, `t`/`f`, `yes`/`no`, `y`/`n` or `1`/`0`.
    /// - Returns: The value, or `nil` for any other text.
    public static func bool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        // Lowercase ASCII letters by setting bit 5; digits and other bytes are compared unchanged.
        func lower(_ index: Int) -> UInt8 {
            let byte = bytes[index]
            return byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
        func spells(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == bytes.count else { return false }
            let start = word.utf8Start
            return (0..<bytes.count).allSatisfy { lower($0) == start[$0] }
        }
        switch bytes.count {
        case 1:
            switch lower(0) {
            case 0x74, 0x79, 0x31: return true  // t y 1
            case 0x66, 0x6E, 0x30: return false  // f n 0
            default: return nil
            }
        case 2: return spells("no") ? false : nil
        case 3: return spells("yes") ? true : nil
        case 4: return spells("true") ? true : nil
        case 5: return spells("false") ? false : nil
        default: return nil
        }
    }
}
