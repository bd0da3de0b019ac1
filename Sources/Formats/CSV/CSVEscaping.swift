/// Writing fields for CSV output (RFC 4180).
public enum CSVEscaping {
    /// Quotes a field when it contains a delimiter, quote, CR or LF, doubling inner quotes.
    ///
    /// Text starting with `=`, `+`, `-` or `@` that is not a number gets a leading `'`, so a
    /// spreadsheet opening the report does not run it as a formula.
    public static func field(_ text: String) -> String {
        var text = text
        if let first = text.utf8.first, isFormulaStart(first), Double(text) == nil {
            text = "'" + text
        }
        let quote = UInt8(ascii: "\"")
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == quote || $0 == 10 || $0 == 13 }
        guard needsQuotes else { return text }
        var escaped: [UInt8] = [quote]
        escaped.reserveCapacity(text.utf8.count + 4)
        for byte in text.utf8 {
            if byte == quote { escaped.append(quote) }
            escaped.append(byte)
        }
        escaped.append(quote)
        return String(decoding: escaped, as: UTF8.self)
    }

    /// One CSV line (CRLF-terminated) from fields.
    ///
    /// Built in one string sized up front: reports write a line per row, 100,000 rows and more.
    public static func line(_ fields: [String]) -> String {
        var line = ""
        line.reserveCapacity(fields.reduce(2) { $0 + $1.utf8.count + 3 })
        for (index, text) in fields.enumerated() {
            if index > 0 { line.append(",") }
            line.append(field(text))
        }
        line.append("\r\n")
        return line
    }

    private static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"): return true
        default: return false
        }
    }
}
