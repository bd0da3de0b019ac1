import GRDB
import PostgresClient
import Values

extension Ledger {
    /// Whether a database error may go away by itself (locked, busy, disk full, I/O; on PostgreSQL a lost or
    /// refused connection, a serialization failure or deadlock), so the work is retried.
    public static func isTransient(_ error: any Error) -> Bool {
        if let error = error as? PGError {
            return error.kind == .connection || error.kind == .serialization || error.kind == .lockNotAvailable
        }
        guard let error = error as? DatabaseError else { return false }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_PROTOCOL:
            return true
        default:
            return false
        }
    }
}

extension Ledger {
    /// A description of a database error fit for logs: the SQLite code or PostgreSQL SQLSTATE and message,
    /// without the SQL or its arguments (which can hold student data). `nil` for errors that are not database
    /// errors.
    public static func logSummary(of error: any Error) -> String? {
        if let error = error as? DatabaseError {
            return "SQLite \(error.resultCode.rawValue) \(error.message ?? "")"
        }
        if let error = error as? PGError { return "PostgreSQL \(error.sqlState ?? "connection") \(error.message)" }
        if let error = error as? StoreError { return "store \(error.code)" }
        return nil
    }
}
