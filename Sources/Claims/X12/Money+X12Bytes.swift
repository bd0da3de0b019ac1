extension Money {
    /// Parses an X12 `R` amount from its bytes (`175`, `175.5`, `-12.45`, `.5`): at most two decimals and 15 whole
    /// digits, an optional leading minus, nothing else.
    public init?(x12 bytes: ArraySlice<UInt8>) {
        var index = bytes.startIndex
        let end = bytes.endIndex
        let negative = index < end && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var cents: Int64 = 0
        var digits = 0
        while index < end, let digit = Self.digit(bytes[index]) {
            guard digits < 15 else { return nil }
            cents = cents * 10 + digit
            digits += 1
            index += 1
        }
        cents *= 100
        var decimals = 0
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale: Int64 = 10
            while index < end, let digit = Self.digit(bytes[index]) {
                guard decimals < 2 else { return nil }
                cents += digit * scale
                scale /= 10
                decimals += 1
                index += 1
            }
        }
        guard index == end, digits + decimals > 0 else { return nil }
        self.init(cents: negative ? -cents : cents)
    }

    private static func digit(_ byte: UInt8) -> Int64? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int64(byte - UInt8(ascii: "0")) : nil
    }
}
