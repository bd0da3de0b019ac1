/// Normalisation of header names so that matching ignores case, spacing and stray BOMs.
public enum HeaderName {
    /// Folds a header for comparison: trims, collapses runs of spaces, lowercases ASCII, drops a BOM.
    public static func fold(_ header: String) -> String {
        var result = ""
        result.reserveCapacity(header.utf8.count)
        var pendingSpace = false
        for scalar in header.unicodeScalars {
            if scalar == "\u{FEFF}" { continue }
            if scalar == " " || scalar == "\t" || scalar == "\u{A0}" {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.unicodeScalars.append(
                scalar.properties.isUppercase && scalar.isASCII
                    ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar)
        }
        return result
    }
}
