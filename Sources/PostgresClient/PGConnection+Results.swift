import CLibPQ

/// Turning libpq results into ``PGResult``s and ``PGError``s, in one place.
extension PGConnection {
    /// `result` as a ``PGResult`` when it succeeded; otherwise clears it and throws its error.
    ///
    /// A statement that started a COPY is refused; libpq ends that COPY before it sends the next statement.
    func check(_ result: OpaquePointer?, _ connection: OpaquePointer, sql: String) throws -> PGResult {
        guard let result else { throw Self.error(connection, sql: sql) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PGResult(result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            PQclear(result)
            throw PGError(.other, message: "COPY through execute(); use copy(_:_:) for COPY FROM STDIN", sql: sql)
        default:
            let error = Self.error(result, connection, sql: sql)
            PQclear(result)
            throw error
        }
    }

    /// The error in a failed `result`: its SQLSTATE and primary message, never its DETAIL.
    static func error(_ result: OpaquePointer, _ connection: OpaquePointer, sql: String?) -> PGError {
        // PG_DIAG_SQLSTATE ('C') and PG_DIAG_MESSAGE_PRIMARY ('M') are character macros Swift does not import.
        let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
        // Without a primary message the error is libpq's own (lost connection, protocol), which carries no values.
        let message = primary.map { PGError.redacted($0, sqlState: sqlState) } ?? errorMessage(connection)
        let kind = PGError.kind(sqlState: sqlState, connectionBad: PQstatus(connection) == CONNECTION_BAD)
        return PGError(kind, message: message, sqlState: sqlState, sql: sql)
    }

    /// The error libpq recorded on `connection` when it returned no result.
    static func error(_ connection: OpaquePointer, sql: String?) -> PGError {
        let kind = PGError.kind(sqlState: nil, connectionBad: PQstatus(connection) == CONNECTION_BAD)
        return PGError(kind, message: errorMessage(connection), sql: sql)
    }

    /// libpq's last error message on `connection`, without the trailing newline.
    static func errorMessage(_ connection: OpaquePointer) -> String {
        let message = PQerrorMessage(connection).map { String(cString: $0) } ?? ""
        let trimmed = message.trimmingTrailingWhitespace
        return trimmed.isEmpty ? "unknown libpq error" : trimmed
    }

    /// Ends the COPY FROM STDIN running on `connection` (failing it, if the client has not ended it yet) and reads
    /// its remaining results, so the connection is ready for the next statement; returns the first error among them.
    @discardableResult
    static func endCopy(_ connection: OpaquePointer, sql: String? = nil) -> PGError? {
        var firstError: PGError?
        while let result = PQgetResult(connection) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_COPY_IN:
                guard PQputCopyEnd(connection, "abandoned by the client") == 1 else { return firstError }
            case PGRES_FATAL_ERROR, PGRES_BAD_RESPONSE:
                if firstError == nil { firstError = error(result, connection, sql: sql) }
            default:
                break
            }
        }
        return firstError
    }
}

extension String {
    fileprivate var trimmingTrailingWhitespace: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
