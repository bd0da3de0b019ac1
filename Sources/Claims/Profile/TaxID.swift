/// US employer identification numbers (EIN): 9 digits without a check digit, from a known campus prefix.
public enum TaxID {
    /// Two-digit prefixes the IRS never assigns.
    static let unassignedPrefixes: Set<String> = [
        "00", "07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70", "78", "79", "89", "96", "97",
    ]

    /// Whether `text` (digits only) is a well-formed EIN.
    public static func isValidEIN(_ text: String) -> Bool {
        text.count == 9 && text.allSatisfy { $0.isASCII && $0.isNumber }
            && !unassignedPrefixes.contains(String(text.prefix(2)))
    }
}
