/// One broken rule in one row of an NDIS bulk payment request.
public struct NDISViolation: Sendable, Equatable, CustomStringConvertible {
    /// The 1-based position of the row among the requests; its line in the file is `row + 1` (after the header).
    public var row: Int
    /// The column at fault.
    public var column: NDISColumn
    /// The rule.
    public var rule: NDISRule
    /// What is wrong, in words.
    public var message: String

    /// Creates a violation.
    public init(row: Int, column: NDISColumn, rule: NDISRule, message: String) {
        self.row = row
        self.column = column
        self.rule = rule
        self.message = message
    }

    public var description: String { "row \(row), \(column.header): \(rule.rawValue): \(message)" }
}
