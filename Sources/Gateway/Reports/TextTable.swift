/// Plain aligned text tables for terminal output.
public enum TextTable {
    /// Columns padded to their widest cell (capped at 60 characters), two spaces apart.
    public static func render(header: [String], rows: [[String]]) -> String {
        let cap = 60
        let clipped = rows.map { row in row.map { $0.count > cap ? String($0.prefix(cap - 1)) + "…" : $0 } }
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
}
