import Foundation
import GRDB
import PostgresClient
import Values

/// The schema on PostgreSQL: the tables and indexes the SQLite migrations build, in PostgreSQL's words, and
/// the few SQLite functions the repositories' statements use.
///
/// A new PostgreSQL database gets the whole schema at once (the baseline) and every migration this build
/// knows is recorded as applied; a migration added later is translated the same way and run on its own.
/// Translation: `INTEGER` is `BIGINT`, `REAL` is `DOUBLE PRECISION`, `BLOB` is `BYTEA`, an integer `id` key
/// is an identity column, `STRICT` and `WITHOUT ROWID` go, and a table without a primary key gets a
/// `rowid` identity column so its rows keep their insertion order as on SQLite.
enum PostgresSchema {
    /// Brings the database up to this build's schema, one process at a time (an advisory lock), in one
    /// transaction.
    static func migrate(_ connection: PGConnection) throws {
        // Nothing to write (and no DDL privilege needed) when the schema is this build's.
        if try isCurrent(connection) { return }
        try connection.execute("BEGIN")
        do {
            try connection.execute("SELECT pg_advisory_xact_lock(\(migrationLock))")
            try connection.execute(
                "CREATE TABLE IF NOT EXISTS dropgate_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            let result = try connection.execute("SELECT name FROM dropgate_migrations")
            let applied = Set((0..<result.rowCount).compactMap { result.text(row: $0, column: 0) })
            let known = Set(Migrations.all.map(\.name))
            if let unknown = applied.subtracting(known).sorted().first {
                throw StoreError(
                    .postgres, "the database has migration \(unknown), which this build does not know: upgrade DropGate"
                )
            }
            if applied.isEmpty {
                for statement in try baseline() { try connection.execute(statement) }
            } else {
                for migration in Migrations.all where !applied.contains(migration.name) {
                    for statement in statements(in: migration.sql) { try connection.execute(translate(statement)) }
                }
            }
            // The functions a newer build defines differently come with that build's migration.
            for statement in functions { try connection.execute(statement) }
            let now = Ledger.timestamp(Date())
            for migration in Migrations.all where !applied.contains(migration.name) {
                try connection.execute(
                    "INSERT INTO dropgate_migrations (name, applied_at) VALUES ($1, $2)",
                    [.text(migration.name), .text(now)])
            }
            try connection.execute("COMMIT")
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Whether every migration this build knows is recorded.
    static func isCurrent(_ connection: PGConnection) throws -> Bool {
        let exists = try connection.execute("SELECT to_regclass('dropgate_migrations') IS NOT NULL")
        guard exists.text(row: 0, column: 0) == "t" else { return false }
        let result = try connection.execute(
            "SELECT count(*) FROM dropgate_migrations WHERE name = ANY($1)",
            [.text("{" + Migrations.all.map(\.name).joined(separator: ",") + "}")])
        return Int(result.text(row: 0, column: 0) ?? "") == Migrations.all.count
    }

    /// The key of the advisory lock migrations hold ("dgmigrat" in ASCII).
    static let migrationLock: Int64 = 0x6467_6d69_6772_6174

    /// The statements creating every table (those a table references first) and index of the migrated
    /// SQLite schema.
    static func baseline() throws -> [String] {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue)
        let rows = try queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT type, name, sql FROM sqlite_master
                    WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'grdb%'
                    ORDER BY type DESC, name
                    """)
        }
        var tables: [(name: String, sql: String)] = []
        var indexes: [String] = []
        for row in rows {
            let sql: String = row["sql"]
            if row["type"] == "table" {
                tables.append((row["name"], translate(sql)))
            } else {
                indexes.append(translate(sql))
            }
        }
        return ordered(tables) + indexes
    }

    /// Tables in an order where each comes after the tables it references.
    private static func ordered(_ tables: [(name: String, sql: String)]) -> [String] {
        var placed: Set<String> = []
        var result: [String] = []
        var pending = tables
        while !pending.isEmpty {
            let before = pending.count
            pending.removeAll { table in
                let references = referencedTables(table.sql).subtracting([table.name])
                guard references.isSubset(of: placed) else { return false }
                placed.insert(table.name)
                result.append(table.sql)
                return true
            }
            if pending.count == before {
                // A reference cycle or a missing table: leave the rest in name order and let PostgreSQL say.
                result += pending.map(\.sql)
                break
            }
        }
        return result
    }

    private static func referencedTables(_ sql: String) -> Set<String> {
        let pattern = /REFERENCES\s+"?(\w+)"?/
        return Set(sql.matches(of: pattern).map { String($0.output.1) })
    }

    /// One SQLite DDL statement in PostgreSQL's words.
    static func translate(_ sql: String) -> String {
        var text = sql
        let withoutRowID = text.contains(/WITHOUT\s+ROWID/)
        text.replace(/\)\s*STRICT\s*(,\s*WITHOUT\s+ROWID)?\s*;?\s*$/, with: ")")
        text.replace(
            /\bid\s+INTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?/,
            with: "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
        text.replace(/\bINTEGER\b/, with: "BIGINT")
        text.replace(/\bREAL\b/, with: "DOUBLE PRECISION")
        text.replace(/\bBLOB\b/, with: "BYTEA")
        if text.hasPrefix("CREATE TABLE"), !withoutRowID, !text.contains("PRIMARY KEY"),
            let close = text.lastIndex(of: ")")
        {
            text.insert(contentsOf: ",\n    rowid BIGINT GENERATED ALWAYS AS IDENTITY", at: close)
        }
        return text
    }

    /// A migration's script split into statements (on `;` at the end of a line).
    static func statements(in script: String) -> [String] {
        script.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }
            .filter { !$0.isEmpty }
    }

    /// SQLite functions the repositories' statements use, defined on PostgreSQL with SQLite's results.
    static let functions = [
        // Days since noon, 24 November 4714 BC, of a date or timestamp written as text.
        """
        CREATE OR REPLACE FUNCTION julianday(value TEXT) RETURNS DOUBLE PRECISION
        LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT extract(epoch FROM value::timestamp) / 86400.0 + 2440587.5 $$
        """,
        // The date part of a date or timestamp written as text, as `YYYY-MM-DD`.
        """
        CREATE OR REPLACE FUNCTION date(value TEXT) RETURNS TEXT
        LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT to_char(value::timestamp, 'YYYY-MM-DD') $$
        """,
        // The 1-based position of `needle` in `haystack`, 0 when absent.
        """
        CREATE OR REPLACE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS INTEGER
        LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT strpos(haystack, needle) $$
        """,
        // The larger of two integers, NULL when either is (SQLite's two-argument max()).
        """
        CREATE OR REPLACE FUNCTION max(a BIGINT, b BIGINT) RETURNS BIGINT
        LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT GREATEST(a, b) $$
        """,
        // SQLite's printf() for the one format the statements use: a number with two decimals.
        """
        CREATE OR REPLACE FUNCTION printf(format TEXT, value DOUBLE PRECISION) RETURNS TEXT
        LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
            IF format <> '%.2f' THEN RAISE EXCEPTION 'printf format % is not supported', format; END IF;
            RETURN to_char(COALESCE(value, 0), 'FM9999999999999990.00');
        END $$
        """,
    ]
}
