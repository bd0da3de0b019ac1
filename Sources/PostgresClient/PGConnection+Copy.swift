import CLibPQ

extension PGConnection {
    /// Runs a `COPY table (columns) FROM STDIN` in text format with the rows `write` appends.
    ///
    /// When the server refuses a row, or `write` throws, the COPY is ended and its remaining results are read, so
    /// the connection is ready for the next statement; the COPY inserts nothing (it is one statement).
    ///
    /// - Parameters:
    ///   - sql: `COPY table (column, ...) FROM STDIN`, text format (no `FORMAT csv` or `binary` options).
    ///   - write: Appends the rows through the writer it is given.
    /// - Returns: The number of rows copied, as the server counted them.
    /// - Throws: ``PGError`` from the server (a bad value: SQLSTATE class 22, a constraint: class 23) or the
    ///   connection, or what `write` threw.
    @discardableResult
    public func copy(_ sql: String, _ write: (inout PGCopyWriter) throws -> Void) throws -> Int {
        let connection = try open(sql: sql)
        guard let started = PQexec(connection, sql) else { throw Self.error(connection, sql: sql) }
        switch PQresultStatus(started) {
        case PGRES_COPY_IN:
            PQclear(started)
        case PGRES_FATAL_ERROR, PGRES_BAD_RESPONSE:
            let error = Self.error(started, connection, sql: sql)
            PQclear(started)
            throw error
        default:
            // libpq ends a COPY TO STDOUT this started before it sends the next statement.
            PQclear(started)
            throw PGError(.other, message: "not a COPY FROM STDIN statement", sql: sql)
        }
        var writer = PGCopyWriter(connection: connection, sql: sql)
        do {
            try write(&writer)
            try writer.flush()
        } catch {
            Self.endCopy(connection)
            throw error
        }
        guard PQputCopyEnd(connection, nil) == 1, let finished = PQgetResult(connection) else {
            throw Self.endCopy(connection, sql: sql) ?? Self.error(connection, sql: sql)
        }
        guard PQresultStatus(finished) == PGRES_COMMAND_OK else {
            let error = Self.error(finished, connection, sql: sql)
            PQclear(finished)
            Self.endCopy(connection)
            throw error
        }
        let result = PGResult(finished)
        if let error = Self.endCopy(connection, sql: sql) { throw error }
        return result.affectedRows ?? 0
    }
}
