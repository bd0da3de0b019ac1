import GRDB

/// One row of a query's result: its columns in order, by position or by name.
///
/// Subscripts behave like GRDB's `Row`: asked for an optional, NULL (or a missing column) is `nil`; asked for
/// a value, NULL, a mismatch or a missing column stops the process, which only a mistake in the statement
/// can cause. On SQLite it is GRDB's row itself, read in place; a row handed to a `forEach` body is valid only
/// during that call.
struct SQLRow {
    private enum Storage {
        case sqlite(Row)
        case values(columns: [String], values: [DatabaseValue])
    }

    private let storage: Storage

    /// A row of values read off a result.
    init(columns: [String], values: [DatabaseValue]) {
        storage = .values(columns: columns, values: values)
    }

    /// GRDB's row, read in place.
    init(_ row: Row) {
        storage = .sqlite(row)
    }

    /// Column names, in the statement's order.
    var columns: [String] {
        switch storage {
        case .sqlite(let row): Array(row.columnNames)
        case .values(let columns, _): columns
        }
    }

    /// Values, one per column.
    var values: [DatabaseValue] {
        switch storage {
        case .sqlite(let row): Array(row.databaseValues)
        case .values(_, let values): values
        }
    }

    /// The value at `index` (0-based).
    subscript<Value: DatabaseValueConvertible>(_ index: Int) -> Value {
        switch storage {
        case .sqlite(let row):
            return row[index]
        case .values(let columns, let values):
            guard let value = Value.fromDatabaseValue(values[index]) else {
                preconditionFailure("column \(index) (\(columns[index])) is not a \(Value.self)")
            }
            return value
        }
    }

    /// The value of the column named `name`.
    subscript<Value: DatabaseValueConvertible>(_ name: String) -> Value {
        switch storage {
        case .sqlite(let row):
            return row[name]
        case .values(let columns, _):
            guard let index = columns.firstIndex(of: name) else {
                guard let missing = Value.fromMissingColumn() else { preconditionFailure("no column \(name)") }
                return missing
            }
            return self[index]
        }
    }
}

extension SQLRow {
    /// The row decoded as a record (by column name).
    func decode<Record: FetchableRecord>(_ type: Record.Type) throws -> Record {
        if case .sqlite(let row) = storage { return try Record(row: row) }
        let pairs = zip(columns, values.map { $0 as (any DatabaseValueConvertible)? })
        return try Record(row: Row(Dictionary(pairs, uniquingKeysWith: { first, _ in first })))
    }
}
