import GRDB

/// Values bound to a statement's `?` placeholders, in order.
typealias SQLArguments = [(any DatabaseValueConvertible)?]

/// One connection, inside the transaction (or read) it was handed out for.
///
/// Statements use `?` placeholders and the SQL both stores share; values are GRDB's
/// `DatabaseValueConvertible` types, so records and dates encode the same way in either store.
protocol SQLConnection: AnyObject {
    /// The SQL it speaks.
    var dialect: SQLDialect { get }
    /// Runs a statement that returns no rows (or whose rows are not wanted); returns the rows it changed.
    @discardableResult
    func execute(sql: String, arguments: SQLArguments) throws -> Int
    /// The rows of a query.
    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow]
    /// Calls `body` with each row of a query as it is read (SQLite steps through them; PostgreSQL's result
    /// is read whole first).
    func forEach(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws
    /// Calls `body` with each record of a query as it is read.
    func forEach<Record: FetchableRecord>(
        _ type: Record.Type, sql: String, arguments: SQLArguments, _ body: (Record) throws -> Void
    ) throws
    /// Records decoded from the rows of a query.
    func fetchAll<Record: FetchableRecord>(_ type: Record.Type, sql: String, arguments: SQLArguments) throws
        -> [Record]
    /// A statement prepared for running many times in this transaction.
    func prepare(_ sql: String) throws -> any PreparedStatement
    /// The first column of each row of a query; rows where it is NULL (or does not convert) are left out.
    func fetchAll<Value: DatabaseValueConvertible>(_ type: Value.Type, sql: String, arguments: SQLArguments)
        throws -> [Value]
}

extension SQLConnection {
    /// Runs a statement without arguments.
    @discardableResult
    func execute(sql: String) throws -> Int {
        try execute(sql: sql, arguments: [])
    }

    /// The rows of a query without arguments.
    func fetchAll(sql: String) throws -> [SQLRow] {
        try fetchAll(sql: sql, arguments: [])
    }

    /// The first row of a query, if any.
    func fetchOne(sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        try fetchAll(sql: sql, arguments: arguments).first
    }

    /// The first column of the first row of a query; `nil` when there is no row or its value is NULL.
    func fetchOne<Value: DatabaseValueConvertible>(
        _ type: Value.Type, sql: String, arguments: SQLArguments = []
    ) throws -> Value? {
        try fetchAll(sql: sql, arguments: arguments).first.flatMap { $0[0] as Value? }
    }

    /// The first column of each row of a query without arguments.
    func fetchAll<Value: DatabaseValueConvertible>(_ type: Value.Type, sql: String) throws -> [Value] {
        try fetchAll(type, sql: sql, arguments: [])
    }

    /// Records decoded from the rows of a query without arguments.
    func fetchAll<Record: FetchableRecord>(_ type: Record.Type, sql: String) throws -> [Record] {
        try fetchAll(type, sql: sql, arguments: [])
    }

    /// The first record of a query, if any.
    func fetchOne<Record: FetchableRecord>(
        _ type: Record.Type, sql: String, arguments: SQLArguments = []
    ) throws -> Record? {
        try fetchAll(type, sql: sql, arguments: arguments).first
    }
}

extension SQLConnection {
    /// Makes transactions that name the same `work` run one after the other (DESIGN §9): on PostgreSQL a
    /// transaction-scoped advisory lock, held until this transaction ends; nothing on SQLite, whose write
    /// transactions already do.
    func serialize(_ work: String) throws {
        guard dialect == .postgres else { return }
        try execute(sql: "SELECT pg_advisory_xact_lock(?)", arguments: [PostgresAdvisoryLock.key(work)])
    }
}
