import Mapping

/// Validated rows of a file, in file order, handed from the reading thread to the database thread.
struct RowBatch: Sendable {
    /// One data row: where it starts, whether it loads, and its issues.
    struct Row: Sendable {
        var line: Int
        var accepted: Bool
        var issues: Range<Int>
    }

    /// Rows in file order.
    var rows: [Row] = []
    /// Stored field values of accepted rows, `storedCount` per accepted row, in row order.
    var values: [FieldValue] = []
    /// Issues of every row, referenced by ``Row/issues``.
    var issues: [RowIssue] = []

    init(capacity: Int, storedCount: Int) {
        rows.reserveCapacity(capacity)
        values.reserveCapacity(capacity * storedCount)
    }
}
