/// One problem found in a record (or in a file, when `line` is 0).
public struct RowIssue: Sendable, Hashable, Codable {
    /// Line in the file where the record starts (header = 1); 0 for the file as a whole.
    public var line: Int
    /// Header name of the column concerned, if one.
    public var column: String?
    /// Mapping field concerned, if one.
    public var field: String?
    /// Stable rule id (see ``RuleID``).
    public var rule: String
    /// Whether the row was rejected (`error`) or loaded and reported (`warning`).
    public var severity: Severity
    /// What is wrong, in words an operator understands.
    public var message: String
    /// The offending value as found in the file (may contain personal data: reports only, never logs).
    public var value: String?

    /// Creates an issue.
    public init(
        line: Int, column: String? = nil, field: String? = nil, rule: String, severity: Severity = .error,
        message: String, value: String? = nil
    ) {
        self.line = line
        self.column = column
        self.field = field
        self.rule = rule
        self.severity = severity
        self.message = message
        self.value = value
    }
}
