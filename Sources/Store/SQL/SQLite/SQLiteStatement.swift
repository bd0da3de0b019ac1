import GRDB
import GRDBSQLite
import Values

/// A prepared statement run directly through the SQLite C API, for the per-row statements of hot paths.
///
/// GRDB's statement arguments box every value; at a few microseconds per call that dominates a job that
/// runs several statements for each of 100,000 records. Only valid inside the transaction that made it.
public final class SQLiteStatement: PreparedStatement, PreparedRow {
    private let connection: OpaquePointer
    private let statement: OpaquePointer

    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else { throw StoreError(.sqlite, "database connection closed") }
        var prepared: OpaquePointer?
        guard sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil) == SQLITE_OK,
            let prepared
        else {
            throw StoreError(.sqlite, "cannot prepare statement: \(String(cString: sqlite3_errmsg(connection)))")
        }
        self.connection = connection
        statement = prepared
    }

    deinit {
        sqlite3_finalize(statement)
    }

    /// Runs the statement to completion; returns the number of rows it changed.
    @discardableResult
    public func execute(_ values: [SQLValue]) throws -> Int {
        defer { sqlite3_reset(statement) }
        bind(values)
        guard sqlite3_step(statement) == SQLITE_DONE else { throw failure() }
        return Int(sqlite3_changes(connection))
    }

    /// Runs a query and calls `body` with each row.
    public func forEach(_ values: [SQLValue], body: (any PreparedRow) throws -> Void) throws {
        defer { sqlite3_reset(statement) }
        bind(values)
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: try body(self)
            case SQLITE_DONE: return
            default: throw failure()
            }
        }
    }

    /// Column `index` of the current row as an integer, `nil` when NULL.
    public func int(_ index: Int32) -> Int64? {
        sqlite3_column_type(statement, index) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, index)
    }

    /// Column `index` of the current row as text, `nil` when NULL.
    public func text(_ index: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, index) else { return nil }
        return String(cString: bytes)
    }

    private func bind(_ values: [SQLValue]) {
        sqlite3_clear_bindings(statement)
        for (offset, value) in values.enumerated() {
            let position = Int32(offset + 1)
            switch value {
            case .int(let int): sqlite3_bind_int64(statement, position, int)
            case .null: sqlite3_bind_null(statement, position)
            case .text(let text):
                // SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
                sqlite3_bind_text(statement, position, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
        }
    }

    private func failure() -> DatabaseError {
        DatabaseError.last(on: connection, "statement failed")
    }
}
