/// A check that a field's value exists in data already loaded for the district.
public struct LookupDefinition: Sendable {
    /// The field whose value is looked up.
    public var field: String
    /// Table holding the known values.
    public var table: String
    /// Column of `table` holding the known values.
    public var column: String
    /// Stable rule id reported when the value is unknown.
    public var rule: String
    /// What an unknown value does.
    public var severity: Severity

    /// Creates a lookup.
    public init(field: String, table: String, column: String, rule: String, severity: Severity = .error) {
        self.field = field
        self.table = table
        self.column = column
        self.rule = rule
        self.severity = severity
    }
}
