/// Plain aligned text tables for terminal output.
public enum TextTable {
    /// Columns padded to their widest cell (capped at 60 characters), two spaces apart.
    ///
    /// Every cell is ``escaped(_:)`` first, so a file name holding a newline or an escape sequence can
    /// neither break a row nor reach the terminal as a control code.
    public static func render(header: [String], rows: [[String]]) -> String {
        let cap = 60
        let clipped = rows.map { row in
            row.map(escaped).map { $0.count > cap ? String($0.prefix(cap - 1)) + "…" : $0 }
        }
        let header = header.map(escaped)
        var widths = header.map(\.count)
        for row in clipped {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        return ([line(header)] + clipped.map(line)).joined(separator: "\n")
    }

    /// The text with every control character written as a visible escape.
    ///
    /// `\n`, `\r` and `\t` for those three, `\x1b`-style for the rest of C0 (U+0000–U+001F) and DEL
    /// (U+007F), `\u{9b}`-style for C1 (U+0080–U+009F). Other characters, backslashes included, are kept.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0x00...0x1F, 0x7F: result += "\\x" + hex(scalar.value, digits: 2)
            case 0x80...0x9F: result += "\\u{" + hex(scalar.value, digits: 2) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether `scalar` is a C0 or C1 control character or DEL.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `value` in lower-case hexadecimal, zero-padded to `digits`.
    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
