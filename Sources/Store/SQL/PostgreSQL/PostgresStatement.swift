import PostgresClient

/// A statement prepared on a pooled libpq connection, for the per-row statements of hot paths.
///
/// Named after a hash of its SQL (``PostgresPlaceholders/Rewritten/name``) and prepared once per connection: a later transaction on the same
/// connection reuses it, and nothing is left to deallocate when a session ends.
final class PostgresStatement: PreparedStatement {
    private let connection: PGConnection
    private let name: String
    private let statement: PostgresPlaceholders.Rewritten

    init(_ connection: PGConnection, sql: String) throws {
        self.connection = connection
        statement = PostgresPlaceholders.rewrite(sql)
        name = statement.name
        if !connection.isPrepared(name) { try connection.prepare(name: name, sql: statement.sql) }
    }

    func execute(_ values: [SQLValue]) throws -> Int {
        try connection.execute(prepared: name, statement.arrange(values).map(Self.parameter)).affectedRows ?? 0
    }

    func forEach(_ values: [SQLValue], body: (any PreparedRow) throws -> Void) throws {
        let result = try connection.execute(prepared: name, statement.arrange(values).map(Self.parameter))
        for row in 0..<result.rowCount { try body(Row(result: result, row: row)) }
    }

    private static func parameter(_ value: SQLValue) -> PGParameter? {
        switch value {
        case .int(let integer): .text(String(integer))
        case .text(let text): .text(text)
        case .null: nil
        }
    }

    /// One row of a result.
    private struct Row: PreparedRow {
        let result: PGResult
        let row: Int

        func int(_ index: Int32) -> Int64? {
            result.text(row: row, column: Int(index)).flatMap { Int64($0) }
        }

        func text(_ index: Int32) -> String? {
            result.text(row: row, column: Int(index))
        }
    }
}
