import GRDB

/// One row of a query's result: its columns in order, by position or by name.
///
/// Subscripts behave like GRDB's `Row`: asked for an optional, NULL (or a missing column) is `nil`; asked for
/// a value, NULL, a mismatch or a missing column stops the process, which only a mistake in the statement
/// can cause.
struct SQLRow {
    /// Column names, in the statement's order.
    let columns: [String]
    /// Values, one per column.
    let values: [DatabaseValue]

    /// The value at `index` (0-based).
    subscript<Value: DatabaseValueConvertible>(_ index: Int) -> Value {
        guard let value = Value.fromDatabaseValue(values[index]) else {
            preconditionFailure("column \(index) (\(columns[index])) is not a \(Value.self)")
        }
        return value
    }

    /// The value of the column named `name`.
    subscript<Value: DatabaseValueConvertible>(_ name: String) -> Value {
        guard let index = columns.firstIndex(of: name) else {
            guard let missing = Value.fromMissingColumn() else { preconditionFailure("no column \(name)") }
            return missing
        }
        return self[index]
    }
}

extension SQLRow {
    /// The row decoded as a record (by column name).
    func decode<Record: FetchableRecord>(_ type: Record.Type) throws -> Record {
        let pairs = zip(columns, values.map { $0 as (any DatabaseValueConvertible)? })
        return try Record(row: Row(Dictionary(pairs, uniquingKeysWith: { first, _ in first })))
    }
}
