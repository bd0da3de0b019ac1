/// A domain table as the schema defines it.
public struct DomainTable: Sendable, Equatable {
    /// Table name.
    public var name: String
    /// Every column.
    public var columns: [String]
    /// Primary key columns, in order (always starting with `district`).
    public var key: [String]

    /// Columns the gateway fills itself, never from a mapping field.
    public static let managedColumns: Set<String> = ["district", "job_id", "last_change"]
}
