import GRDB
import GRDBSQLite

extension DatabaseError {
    /// The error SQLite reports for the last failed call on `connection`, with its result code, so a full disk
    /// or a busy database met on a hot path is recognised as transient (``Ledger/isTransient(_:)``) like any
    /// other database error.
    static func last(on connection: OpaquePointer, _ context: String) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
            message: "\(context): \(String(cString: sqlite3_errmsg(connection)))")
    }
}
