import GRDB

extension LoadSession {
    /// A row the superseded job loaded that this replay did not confirm.
    public struct Leftover: Sendable, Equatable {
        /// The row's key values (the table's key without the district), as stored.
        public var key: [String]
        /// Whether the row stays because a claim bills it (services only): it is reported, never deleted.
        public var billed: Bool
    }

    /// After a replay's rows are loaded: the rows the superseded job loaded that the replay did not insert,
    /// update or confirm (its new mapping rejects them or no longer produces them), in key order. Each is
    /// deleted, except a service a claim bills, which is kept (its claim stands) and only reported.
    ///
    /// - Returns: every leftover row, for the exception report; empty when this job is no replay.
    public func removeSupersededRows() throws -> [Leftover] {
        guard let supersedes, let table else { return [] }
        let name = table.name.quotedDatabaseIdentifier
        let key = table.key.filter { $0 != "district" }
        let columns = key.map { "CAST(\($0.quotedDatabaseIdentifier) AS TEXT)" }.joined(separator: ", ")
        /// Whether a claim bills the service row `alias` (services only; other rows are never billed).
        func billed(_ alias: String) -> String {
            guard table.name == "services" else { return "FALSE" }
            let columns = ["district", "service_date", "student_id", "rendering_npi", "billing_code", "start_time"]
            return "EXISTS (SELECT 1 FROM billed_services b WHERE "
                + columns.map { "b.\($0) = \(alias).\($0)" }.joined(separator: " AND ") + ")"
        }
        let rows = try db.fetchAll(
            sql: """
                SELECT \(columns), \(billed("s")) FROM \(name) s WHERE s.district = ? AND s.job_id = ?
                ORDER BY \(key.map(\.quotedDatabaseIdentifier).joined(separator: ", "))
                """, arguments: [district, supersedes])
        let leftovers = rows.map { row in
            Leftover(key: key.indices.map { (row[$0] as String?) ?? "" }, billed: (row[key.count] as Int?) == 1)
        }
        try db.execute(
            sql: "DELETE FROM \(name) WHERE district = ? AND job_id = ? AND NOT \(billed(name))",
            arguments: [district, supersedes])
        return leftovers
    }
}
