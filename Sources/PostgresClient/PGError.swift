/// A failed PostgreSQL operation: its ``Kind``, the server's SQLSTATE and primary message, and the statement.
///
/// The message is the server's primary message only (`PG_DIAG_MESSAGE_PRIMARY`), never its DETAIL or CONTEXT,
/// which echo row values (`Key (student_id)=(...) already exists`, `COPY t, line 3, column name: "..."`); data
/// exceptions (SQLSTATE class 22) have their quoted input replaced with `"…"` for the same reason. Parameter values
/// never appear in an error.
public struct PGError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What a caller can do about a failure.
    public enum Kind: Sendable, Equatable {
        /// The connection is gone or the server is unavailable (libpq's `CONNECTION_BAD`, SQLSTATE class 08,
        /// `57P01`–`57P03`): reconnect or ``PGConnection/reset()`` and retry later.
        case connection
        /// A serialization failure or deadlock (`40001`, `40P01`): roll back and retry the transaction.
        case serialization
        /// A unique constraint was violated (`23505`).
        case uniqueViolation
        /// A lock could not be taken at once (`55P03`, from `NOWAIT` or `lock_timeout`).
        case lockNotAvailable
        /// Anything else: a bug in the statement, a constraint, bad data.
        case other
    }

    /// What a caller can do about it.
    public var kind: Kind
    /// The five-character SQLSTATE when the server sent one (nil for client-side and connection failures).
    public var sqlState: String?
    /// The server's primary message, or libpq's message for client-side and connection failures.
    public var message: String
    /// The statement that failed (a prepared statement's SQL for `execute(prepared:)`); nil when connecting.
    public var sql: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - kind: What a caller can do about it.
    ///   - message: The primary message; must not contain row or parameter values.
    ///   - sqlState: The SQLSTATE, when there is one.
    ///   - sql: The statement that failed.
    public init(_ kind: Kind, message: String, sqlState: String? = nil, sql: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.sql = sql
    }

    /// `duplicate key value violates unique constraint "jobs_pkey" (SQLSTATE 23505) in INSERT INTO jobs ...`.
    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let sql { text += " in \(sql)" }
        return text
    }

    /// The kind of a failure with `sqlState`, on a connection libpq does or does not report as bad.
    static func kind(sqlState: String?, connectionBad: Bool) -> Kind {
        if connectionBad { return .connection }
        switch sqlState {
        case let state? where state.hasPrefix("08"): return .connection
        case "57P01", "57P02", "57P03": return .connection
        case "40001", "40P01": return .serialization
        case "23505": return .uniqueViolation
        case "55P03": return .lockNotAvailable
        default: return .other
        }
    }

    /// `message` with every double-quoted run replaced by `"…"` when `sqlState` is a data exception (class 22),
    /// whose primary messages quote the rejected input (`invalid input syntax for type integer: "..."`).
    static func redacted(_ message: String, sqlState: String?) -> String {
        guard let sqlState, sqlState.hasPrefix("22") else { return message }
        var result = ""
        var quoted = false
        for character in message {
            if character == "\"" {
                result += quoted ? "…\"" : "\""
                quoted.toggle()
            } else if !quoted {
                result.append(character)
            }
        }
        if quoted { result += "…" }
        return result
    }
}
