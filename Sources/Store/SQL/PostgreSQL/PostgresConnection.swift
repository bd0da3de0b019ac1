import Foundation
import GRDB
import PostgresClient
import Values

/// A libpq connection seen through ``SQLConnection``: `?` placeholders numbered, values sent as text (blobs
/// as `bytea`), results typed by their column's type.
final class PostgresConnection: SQLConnection {
    let dialect = SQLDialect.postgres
    /// The libpq connection, for what the seam does not cover (COPY).
    let connection: PGConnection

    init(_ connection: PGConnection) {
        self.connection = connection
    }

    func execute(sql: String, arguments: SQLArguments) throws -> Int {
        try run(sql, arguments).affectedRows ?? 0
    }

    func prepare(_ sql: String) throws -> any PreparedStatement {
        try PostgresStatement(connection, sql: sql)
    }

    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEach(sql: sql, arguments: arguments) { rows.append($0) }
        return rows
    }

    func forEach(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let result = try run(sql, arguments)
        let types = result.columnTypes
        for row in 0..<result.rowCount {
            try body(
                SQLRow(
                    columns: result.columnNames,
                    values: try types.indices.map { try Self.value(result, row: row, column: $0, type: types[$0]) }))
        }
    }

    func forEach<Record: FetchableRecord>(
        _ type: Record.Type, sql: String, arguments: SQLArguments, _ body: (Record) throws -> Void
    ) throws {
        try forEach(sql: sql, arguments: arguments) { try body(try $0.decode(Record.self)) }
    }

    func fetchAll<Record: FetchableRecord>(_ type: Record.Type, sql: String, arguments: SQLArguments) throws
        -> [Record]
    {
        try fetchAll(sql: sql, arguments: arguments).map { try $0.decode(Record.self) }
    }

    func fetchAll<Value: DatabaseValueConvertible>(_ type: Value.Type, sql: String, arguments: SQLArguments)
        throws -> [Value]
    {
        let result = try run(sql, arguments)
        guard let columnType = result.columnTypes.first else { return [] }
        return try (0..<result.rowCount).compactMap { row in
            Value.fromDatabaseValue(try Self.value(result, row: row, column: 0, type: columnType))
        }
    }

    /// Runs a statement, prepared once per connection when it is a query or a change (a utility statement such
    /// as `SET` runs as it is), so its parse and plan are not paid again.
    private func run(_ sql: String, _ arguments: SQLArguments) throws -> PGResult {
        let statement = PostgresPlaceholders.rewrite(sql)
        let parameters = statement.arrange(arguments.map(Self.parameter))
        let verb = statement.sql.drop { $0.isWhitespace }.prefix { $0.isLetter }.uppercased()
        guard ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"].contains(verb) else {
            return try connection.execute(statement.sql, parameters)
        }
        let name = statement.name
        if !connection.isPrepared(name) { try connection.prepare(name: name, sql: statement.sql) }
        return try connection.execute(prepared: name, parameters)
    }

    /// A value as libpq sends it: integers, reals and text as text, blobs as `bytea`, NULL as `nil`.
    private static func parameter(_ value: (any DatabaseValueConvertible)?) -> PGParameter? {
        switch value?.databaseValue.storage ?? .null {
        case .null: nil
        case .int64(let integer): .text(String(integer))
        case .double(let real): .text(String(real))
        case .string(let text): .text(text)
        case .blob(let data): .bytes(Array(data))
        }
    }

    /// A result cell as the value SQLite would have returned: integers and booleans as integers, floating and
    /// numeric types as reals, `bytea` as a blob, everything else as text.
    private static func value(_ result: PGResult, row: Int, column: Int, type: UInt32) throws -> DatabaseValue {
        switch type {
        case 17:
            return try result.bytes(row: row, column: column).map { Data($0).databaseValue } ?? .null
        default:
            guard let text = result.text(row: row, column: column) else { return .null }
            switch type {
            case 16: return (text == "t" ? 1 : 0).databaseValue
            case 20, 21, 23, 26: return try number(Int64(text), text, column: result.columnNames[column])
            // A numeric without a fraction (SUM of integers) is an integer, as SQLite returns it.
            case 1700 where !text.contains("."):
                return try number(Int64(text), text, column: result.columnNames[column])
            case 700, 701, 1700: return try number(Double(text), text, column: result.columnNames[column])
            default: return text.databaseValue
            }
        }
    }

    private static func number(
        _ value: (some DatabaseValueConvertible)?, _ text: String, column: String
    ) throws -> DatabaseValue {
        guard let value else { throw StoreError(.postgres, "column \(column) holds a number that does not parse") }
        return value.databaseValue
    }
}
