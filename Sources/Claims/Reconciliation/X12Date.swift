/// Dates as X12 writes them (`CCYYMMDD`, DTM and BPR elements).
public enum X12Date {
    /// `CCYYMMDD` → `CCYY-MM-DD` (other text unchanged).
    ///
    /// - Parameter text: An X12 date element.
    /// - Returns: The ISO 8601 form, or `text` when it is not eight digits.
    public static func iso(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 8, bytes.allSatisfy({ (48...57).contains($0) }) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            return String(unsafeUninitializedCapacity: 10) { out in
                var index = 0
                for (position, byte) in bytes.enumerated() {
                    if position == 4 || position == 6 {
                        out[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    out[index] = byte
                    index += 1
                }
                return index
            }
        }
    }
}
