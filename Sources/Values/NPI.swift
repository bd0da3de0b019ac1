/// Validation of US National Provider Identifiers.
///
/// An NPI is 10 digits starting with 1 or 2 whose last digit is a Luhn check digit computed over the
/// prefix `80840` followed by the first nine digits; the prefix contributes a constant 24 to the sum.
public enum NPI {
    /// Whether the bytes are a valid NPI.
    ///
    /// - Parameter bytes: UTF-8 text, all of which must be the NPI (no spaces or dashes).
    /// - Returns: `true` for 10 digits starting with 1 or 2 with a correct check digit.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 10, bytes[0] == 0x31 || bytes[0] == 0x32 else { return false }
        var sum = 24
        for index in 0..<10 {
            let digit = Int(bytes[index] &- 0x30)
            guard digit < 10 else { return false }
            // Counting from the check digit leftwards, every second digit is doubled.
            if index % 2 == 0 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    /// Whether the string is a valid NPI.
    ///
    /// - Parameter string: The text, all of which must be the NPI.
    /// - Returns: `true` for 10 digits starting with 1 or 2 with a correct check digit.
    public static func isValid(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { isValid($0) }
    }
}
