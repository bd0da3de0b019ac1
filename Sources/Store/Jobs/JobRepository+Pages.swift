import Foundation
import GRDB

/// Paged and counted reads for the operator console: lists are never capped, they are paged.
extension JobRepository {
    /// Jobs matching `filter`, newest first, `limit` of them from `offset`.
    public func jobs(matching filter: JobFilter, offset: Int, limit: Int) throws -> [JobRecord] {
        let (condition, arguments) = try Self.condition(filter)
        return try database.read { db in
            try db.fetchAll(
                JobRecord.self, sql: "SELECT * FROM jobs WHERE \(condition) ORDER BY id DESC LIMIT ? OFFSET ?",
                arguments: arguments + [limit, offset])
        }
    }

    /// How many jobs match `filter`.
    public func count(matching filter: JobFilter) throws -> Int {
        let (condition, arguments) = try Self.condition(filter)
        return try database.read { db in
            try db.fetchOne(Int.self, sql: "SELECT count(*) FROM jobs WHERE \(condition)", arguments: arguments) ?? 0
        }
    }

    /// Counts of the jobs matching `filter`, by state, with the rows they loaded (inserted, updated, unchanged
    /// or stale) and rejected.
    public func summary(matching filter: JobFilter) throws -> JobSummary {
        let (condition, arguments) = try Self.condition(filter)
        return try database.read { db in
            var summary = JobSummary()
            let rows = try db.fetchAll(
                sql: """
                    SELECT state, count(*) AS jobs, sum(inserted + updated + unchanged + stale) AS loaded,
                        sum(rejected) AS rejected
                    FROM jobs WHERE \(condition) GROUP BY state
                    """, arguments: arguments)
            for row in rows {
                guard let state = JobState(rawValue: row["state"]) else { continue }
                summary.byState[state] = row["jobs"]
                summary.rowsLoaded += row["loaded"] ?? 0
                summary.rowsRejected += row["rejected"] ?? 0
            }
            return summary
        }
    }

    /// A job's exceptions in row order, optionally only those of a rule and a column, `limit` from `offset`.
    public func exceptions(
        jobID: Int64, rule: String? = nil, column: String? = nil, offset: Int, limit: Int
    ) throws -> [ExceptionRecord] {
        let (condition, arguments) = Self.exceptionCondition(jobID: jobID, rule: rule, column: column)
        return try database.read { db in
            try db.fetchAll(
                ExceptionRecord.self,
                sql: "SELECT * FROM job_exceptions WHERE \(condition) ORDER BY row, rowid LIMIT ? OFFSET ?",
                arguments: arguments + [limit, offset])
        }
    }

    /// How many of a job's exceptions are of a rule and a column (both optional).
    public func exceptionCount(jobID: Int64, rule: String? = nil, column: String? = nil) throws -> Int {
        let (condition, arguments) = Self.exceptionCondition(jobID: jobID, rule: rule, column: column)
        return try database.read { db in
            try db.fetchOne(
                Int.self, sql: "SELECT count(*) FROM job_exceptions WHERE \(condition)", arguments: arguments)
                ?? 0
        }
    }

    private static func condition(_ filter: JobFilter) throws -> (String, SQLArguments) {
        var clauses = ["TRUE"]
        var arguments: SQLArguments = []
        if let sources = filter.sources {
            clauses.append("source IN (\(sources.isEmpty ? "NULL" : sources.map { _ in "?" }.joined(separator: ",")))")
            arguments += sources.map { $0 }
        }
        if let source = filter.source {
            clauses.append("source = ?")
            arguments += [source]
        }
        if let kind = filter.kind {
            clauses.append("kind = ?")
            arguments += [kind]
        }
        if let state = filter.state {
            clauses.append("state = ?")
            arguments += [state.rawValue]
        }
        if let name = filter.name, !name.isEmpty {
            clauses.append("instr(lower(original_name), lower(?)) > 0")
            arguments += [name]
        }
        if let since = filter.since {
            clauses.append("created_at >= ?")
            arguments += [since]
        }
        if let key = filter.key, !key.isEmpty {
            let search = try keySearch.get()
            clauses.append("id IN (\(search.sql))")
            arguments += Array(repeating: key, count: search.parameters).map { $0 }
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    /// The jobs that touched a business key (``JobFilter/key``): one `SELECT job_id` per domain table and key
    /// column, using the table's primary key where the column follows `district` in it, plus exceptions' values
    /// and the payer answers' claim numbers. Built once from the migrated schema; a failure to read it is kept and
    /// thrown by every key search rather than searching fewer tables.
    static let keySearch: Result<(sql: String, parameters: Int), any Error> = Result {
        var selects: [String] = []
        var parameters = 0
        let tables = try Ledger.domainTables()
        for table in tables.values.sorted(by: { $0.name < $1.name })
        where table.columns.contains("job_id") && !unsearchedTables.contains(table.name) {
            for column in ["student_id", "member_id", "cin"] where table.columns.contains(column) {
                let keyed = table.key.count > 1 && table.key[0] == "district" && table.key[1] == column
                let districts = keyed ? "district IN (SELECT DISTINCT source FROM jobs) AND " : ""
                selects.append("SELECT job_id FROM \(table.name) WHERE \(districts)\(column) = ?")
                parameters += 1
            }
        }
        selects.append("SELECT job_id FROM job_exceptions WHERE value = ?")
        selects.append("SELECT job_id FROM remittance_claims WHERE pcn = ? OR payer_claim_number = ?")
        selects.append("SELECT job_id FROM claim_acknowledgments WHERE pcn = ? OR payer_claim_number = ?")
        return (selects.joined(separator: " UNION "), parameters + 5)
    }

    /// Tables a key search leaves out: attendance holds a row per student per school day keyed by date first, so
    /// finding a student in it reads every row of the district (a million rows: 200 ms and more); nearly every
    /// attendance file names every student anyway, and the roster and the exceptions name the ones that matter.
    static let unsearchedTables: Set<String> = ["attendance"]

    private static func exceptionCondition(jobID: Int64, rule: String?, column: String?) -> (String, SQLArguments) {
        var clauses = ["job_id = ?"]
        var arguments: SQLArguments = [jobID]
        if let rule, !rule.isEmpty {
            clauses.append("rule_id = ?")
            arguments += [rule]
        }
        if let column, !column.isEmpty {
            clauses.append("column_name = ?")
            arguments += [column]
        }
        return (clauses.joined(separator: " AND "), arguments)
    }
}

extension JobRepository {
    /// Every job counted by source, kind and state, with its rows by outcome, in that order.
    public func tally() throws -> [JobTally] {
        try database.read { db in
            try db.fetchAll(
                sql: """
                    SELECT source, coalesce(kind, '') AS kind, state, count(*) AS jobs, sum(inserted) AS inserted,
                        sum(updated) AS updated, sum(unchanged) AS unchanged, sum(stale) AS stale,
                        sum(rejected) AS rejected
                    FROM jobs GROUP BY source, coalesce(kind, ''), state ORDER BY 1, 2, 3
                    """
            ).compactMap { row in
                guard let state = JobState(rawValue: row["state"]) else { return nil }
                var rows: [String: Int] = [:]
                for outcome in JobTally.outcomes { rows[outcome] = row[outcome] ?? 0 }
                return JobTally(source: row["source"], kind: row["kind"], state: state, jobs: row["jobs"], rows: rows)
            }
        }
    }
}
