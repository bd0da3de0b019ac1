import GRDB
import Mapping

/// The domain tables' contents (students, attendance, services, …), read outside a job's load.
public struct DomainRepository: Sendable {
    let database: any SQLDatabase

    /// Values of `table.column` loaded for a district, for lookups (`unmapped-student`).
    public func knownValues(table: String, column: String, district: String) throws -> Set<String> {
        try database.read { db in
            let name = column.quotedDatabaseIdentifier
            let sql =
                "SELECT CAST(\(name) AS TEXT) FROM \(table.quotedDatabaseIdentifier) WHERE district = ? AND \(name) IS NOT NULL"
            return Set(try db.fetchAll(String.self, sql: sql, arguments: [district]))
        }
    }
}

extension DomainRepository {
    /// A district's practitioner roster rows per NPI, oldest `valid_from` first (the `qualification` rule).
    ///
    /// - Parameter table: the roster table the rule names.
    public func practitionerPeriods(table: String, district: String) throws -> [String: [PractitionerPeriod]] {
        try database.read { db in try Self.practitionerPeriods(db, table: table, district: district) }
    }

    /// The same, read inside an open transaction (claim builds).
    static func practitionerPeriods(_ db: any SQLConnection, table: String, district: String) throws
        -> [String: [PractitionerPeriod]]
    {
        var periods: [String: [PractitionerPeriod]] = [:]
        let rows = try db.fetchAll(
            sql: """
                SELECT npi, practitioner_type, valid_from, valid_to FROM \(table.quotedDatabaseIdentifier)
                WHERE district = ? ORDER BY npi, valid_from
                """, arguments: [district])
        for row in rows {
            let from = try ClaimBuildSession.storedDay(row[2], table: table)
            let to = try (row[3] as String?).map { try ClaimBuildSession.storedDay($0, table: table) }
            periods[row[0], default: []].append(PractitionerPeriod(type: row[1], from: from, to: to))
        }
        return periods
    }
}
