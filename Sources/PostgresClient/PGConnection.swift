import CLibPQ

/// One blocking libpq connection to a PostgreSQL server.
///
/// Every call blocks until the server answers: call it from a thread of your own, one thread at a time (the type
/// is deliberately not `Sendable`). Transactions, advisory locks and `FOR UPDATE SKIP LOCKED` are plain SQL
/// through ``execute(_:_:)``. After a ``PGError/Kind/connection`` failure, ``reset()`` reconnects.
public final class PGConnection {
    private var connection: OpaquePointer?
    /// Prepared statements by name, prepared again after ``reset()``.
    private var preparedStatements: [String: String] = [:]

    /// Connects.
    ///
    /// The connection reports `application_name=dropgate` unless `conninfo` names another, always uses UTF-8 as
    /// its client encoding, and gives up connecting after 10 seconds unless `conninfo` sets `connect_timeout`.
    ///
    /// - Parameters:
    ///   - conninfo: A libpq connection URL (`postgres://user@host:port/database?sslmode=require`) or
    ///     `key=value` string, without the password.
    ///   - password: The password, passed to libpq apart from `conninfo` so the URL can be logged; nil to let
    ///     libpq use `PGPASSWORD` or a password file, or no password.
    /// - Throws: ``PGError`` of kind ``PGError/Kind/connection`` with libpq's reason (refused, authentication
    ///   failed, unknown database, …).
    public init(conninfo: String, password: String?) throws {
        // Entries before the expanded dbname are defaults the URL may override; entries after it override the URL.
        var parameters = [("application_name", "dropgate"), ("connect_timeout", "10"), ("dbname", conninfo)]
        parameters.append(("client_encoding", "UTF8"))
        if let password { parameters.append(("password", password)) }
        let connection = withCStrings(parameters.map(\.0)) { keywords in
            withCStrings(parameters.map(\.1)) { values in PQconnectdbParams(keywords, values, 1) }
        }
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let message = connection.map { Self.errorMessage($0) } ?? "out of memory"
            PQfinish(connection)
            throw PGError(.connection, message: message)
        }
        // libpq prints notices (`relation already exists, skipping`) on standard error unless told otherwise.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        self.connection = connection
    }

    deinit {
        close()
    }

    /// Closes the connection; later calls throw ``PGError/Kind/connection``. Closing twice does nothing.
    public func close() {
        PQfinish(connection)
        connection = nil
    }

    /// Whether libpq considers the connection good (it notices a lost connection only when a call fails).
    public var isConnected: Bool {
        connection.map { PQstatus($0) == CONNECTION_OK } ?? false
    }

    /// Whether the connection is open and outside any transaction (safe to hand to another user).
    public var isIdle: Bool {
        connection.map { PQstatus($0) == CONNECTION_OK && PQtransactionStatus($0) == PQTRANS_IDLE } ?? false
    }

    /// Reconnects with the same parameters, then prepares this connection's prepared statements again.
    ///
    /// - Throws: ``PGError`` of kind ``PGError/Kind/connection`` while the server is unreachable, or the error of
    ///   a statement that no longer prepares.
    public func reset() throws {
        guard let connection else { throw Self.closedError(sql: nil) }
        PQreset(connection)
        guard PQstatus(connection) == CONNECTION_OK else {
            throw PGError(.connection, message: Self.errorMessage(connection))
        }
        for (name, sql) in preparedStatements {
            _ = try check(PQprepare(connection, name, sql, 0, nil), connection, sql: sql)
        }
    }

    /// Runs one statement and returns its rows in text format.
    ///
    /// - Parameters:
    ///   - sql: One SQL statement with `$1`, `$2`, … placeholders.
    ///   - parameters: The placeholders' values; `nil` is SQL `NULL`.
    /// - Throws: ``PGError``; a `COPY ... FROM STDIN` or `TO STDOUT` statement is refused (use ``copy(_:_:)``).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PGParameter?] = []) throws -> PGResult {
        let connection = try open(sql: sql)
        let arrays = try PGParameterArrays(parameters, sql: sql)
        let result = arrays.withValues { values in
            PQexecParams(
                connection, sql, arrays.count, arrays.types, values, arrays.lengths, arrays.formats, 0)
        }
        return try check(result, connection, sql: sql)
    }

    /// Runs `script`, one or more statements separated by semicolons, in one round trip (libpq's simple
    /// query protocol: no parameters); returns the last statement's rows.
    ///
    /// - Throws: ``PGError`` of the first statement that fails; the ones after it do not run.
    @discardableResult
    public func execute(script: String) throws -> PGResult {
        let connection = try open(sql: script)
        return try check(PQexec(connection, script), connection, sql: script)
    }

    /// Prepares `sql` under `name` for ``execute(prepared:_:)``; the server infers the parameter types.
    ///
    /// - Parameters:
    ///   - name: A name unique on this connection.
    ///   - sql: One SQL statement with `$1`, `$2`, … placeholders.
    /// - Throws: ``PGError`` (SQLSTATE `42P05` when `name` is taken).
    public func prepare(name: String, sql: String) throws {
        let connection = try open(sql: sql)
        _ = try check(PQprepare(connection, name, sql, 0, nil), connection, sql: sql)
        preparedStatements[name] = sql
    }

    /// Whether a statement is prepared under `name` on this connection.
    public func isPrepared(_ name: String) -> Bool {
        preparedStatements[name] != nil
    }

    /// Runs the statement prepared under `name`, for loops that run one statement many times.
    ///
    /// - Parameters:
    ///   - name: The name given to ``prepare(name:sql:)``.
    ///   - parameters: The placeholders' values; `nil` is SQL `NULL`.
    /// - Throws: ``PGError`` (SQLSTATE `26000` when nothing is prepared under `name`).
    @discardableResult
    public func execute(prepared name: String, _ parameters: [PGParameter?] = []) throws -> PGResult {
        let sql = preparedStatements[name] ?? "prepared statement \(name)"
        let connection = try open(sql: sql)
        let arrays = try PGParameterArrays(parameters, sql: sql)
        let result = arrays.withValues { values in
            PQexecPrepared(connection, name, arrays.count, values, arrays.lengths, arrays.formats, 0)
        }
        return try check(result, connection, sql: sql)
    }

    /// The open connection, or a connection error naming `sql`.
    func open(sql: String) throws -> OpaquePointer {
        guard let connection else { throw Self.closedError(sql: sql) }
        return connection
    }

    private static func closedError(sql: String?) -> PGError {
        PGError(.connection, message: "the connection is closed", sql: sql)
    }
}

/// Calls `body` with `strings` as NUL-terminated C strings followed by a nil, valid only inside `body`.
private func withCStrings<Result>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> Result) -> Result {
    var storage: [UInt8] = []
    var offsets: [Int] = []
    for string in strings {
        offsets.append(storage.count)
        storage.append(contentsOf: string.utf8)
        storage.append(0)
    }
    return storage.withUnsafeBytes { bytes in
        body(offsets.map { bytes.baseAddress?.advanced(by: $0).assumingMemoryBound(to: CChar.self) } + [nil])
    }
}
