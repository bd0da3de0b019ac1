import GRDB
import Values

/// A GRDB database connection seen through ``SQLConnection``.
final class SQLiteConnection: SQLConnection {
    let dialect = SQLDialect.sqlite
    /// The GRDB connection, for the SQLite-specific hot paths (prepared statements on its handle).
    let database: Database

    init(_ database: Database) {
        self.database = database
    }

    func execute(sql: String, arguments: SQLArguments) throws -> Int {
        try database.execute(sql: sql, arguments: StatementArguments(arguments))
        return database.changesCount
    }

    func prepare(_ sql: String) throws -> any PreparedStatement {
        try SQLiteStatement(database, sql: sql)
    }

    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        try Row.fetchAll(database.cachedStatement(sql: sql), arguments: StatementArguments(arguments)).map(SQLRow.init)
    }

    func forEach(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(database.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
        while let row = try rows.next() { try body(SQLRow(row)) }
    }

    func forEach<Record: FetchableRecord>(
        _ type: Record.Type, sql: String, arguments: SQLArguments, _ body: (Record) throws -> Void
    ) throws {
        let records = try Record.fetchCursor(
            database.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
        while let record = try records.next() { try body(record) }
    }

    func fetchAll<Record: FetchableRecord>(_ type: Record.Type, sql: String, arguments: SQLArguments) throws
        -> [Record]
    {
        try Record.fetchAll(database.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
    }

    func fetchAll<Value: DatabaseValueConvertible>(_ type: Value.Type, sql: String, arguments: SQLArguments)
        throws -> [Value]
    {
        try DatabaseValue.fetchAll(database.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
            .compactMap(Value.fromDatabaseValue)
    }
}

extension SQLConnection {
    /// The GRDB connection under this one.
    ///
    /// - Throws: ``StoreError`` when the store is not SQLite (a path that has no counterpart there yet).
    func sqlite(_ purpose: String) throws -> Database {
        guard let connection = self as? SQLiteConnection else {
            throw StoreError(.unsupported, "\(purpose) needs the SQLite store")
        }
        return connection.database
    }
}
