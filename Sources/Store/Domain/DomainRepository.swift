import GRDB

/// The domain tables' contents (students, attendance, services, …), read outside a job's load.
public struct DomainRepository: Sendable {
    let pool: DatabasePool

    /// Values of `table.column` loaded for a district, for lookups (`unmapped-student`).
    public func knownValues(table: String, column: String, district: String) throws -> Set<String> {
        try pool.read { db in
            let name = column.quotedDatabaseIdentifier
            let sql =
                "SELECT CAST(\(name) AS TEXT) FROM \(table.quotedDatabaseIdentifier) WHERE district = ? AND \(name) IS NOT NULL"
            return Set(try String.fetchAll(db, sql: sql, arguments: [district]))
        }
    }
}
