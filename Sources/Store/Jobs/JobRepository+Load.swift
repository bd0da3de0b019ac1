import Foundation
import GRDB
import Mapping

extension JobRepository {
    /// Loads a job's rows in one transaction and records how it ended.
    ///
    /// - Parameters:
    ///   - jobID: the job, which must be `processing`.
    ///   - district: source id stored with every row.
    ///   - target: the domain table, or `nil` when the job loads no rows (rejections).
    ///   - fields: the mapping fields stored, in the order values will be passed.
    ///   - existing: what a key loaded by an earlier job does.
    ///   - modified: the stored field carrying the record's own modification date (newer wins), if any.
    ///   - supersedes: the job a replay supersedes: its keys are this job's own, its rows this job does not
    ///     confirm are removed by the handler (``LoadSession/removeSupersededRows()``), and a `done` replay marks
    ///     it `superseded_by` this job in the same transaction.
    ///   - lease: this process's lease on the job, renewed as the transaction starts; when another process
    ///     took the job over, nothing is done (``StoreErrorCode/leased``).
    ///   - body: reads, validates and upserts rows, writes the reports, and says how the job ended.
    public func load(
        jobID: Int64, district: String, target: DomainTable?, fields: [String],
        existing: ExistingRecordPolicy = .update, modified: String? = nil, supersedes: Int64? = nil, lease: JobLease,
        _ body: (LoadSession) throws -> JobCompletion
    ) throws {
        try database.write { db in
            try renew(lease, jobID: jobID, db: db)
            let session = try LoadSession(
                db: db, jobID: jobID, district: district, table: target, fields: fields,
                existing: existing,
                modified: modified, supersedes: supersedes)
            try session.clearExceptions()
            let completion = try body(session)
            try db.execute(
                sql: """
                    UPDATE jobs SET state = ?, kind = COALESCE(?, kind), mapping_version = ?, encoding = ?,
                        rows_read = ?, inserted = ?, updated = ?, unchanged = ?, stale = ?, rejected = ?, warnings = ?,
                        removed = ?,
                        receipt_path = ?, report_path = ?, last_error = ?, duration_ms = ?, updated_at = ?,
                        quality_score = ?, quality_rules = ?, lease_owner = NULL, lease_expires_at = NULL
                    WHERE id = ?
                    """,
                arguments: [
                    completion.state.rawValue, completion.kind, completion.mappingVersion, completion.encoding,
                    completion.counts.read, completion.counts.inserted, completion.counts.updated,
                    completion.counts.unchanged, completion.counts.stale, completion.counts.rejected,
                    completion.counts.warnings, completion.counts.removed,
                    completion.receiptPath, completion.reportPath, completion.reason, completion.durationMs,
                    Date(), completion.quality?.score, completion.quality?.storedRules, jobID,
                ])
            if let supersedes, completion.state == .done {
                try db.execute(
                    sql: "UPDATE jobs SET superseded_by = ?, updated_at = ? WHERE id = ?",
                    arguments: [jobID, Date(), supersedes])
                try db.audit(
                    job: supersedes, "superseded",
                    "by replay job \(jobID): \(completion.counts.removed) row(s) it loaded no longer produced")
            }
            let c = completion.counts
            try db.audit(
                job: jobID, completion.state.rawValue,
                "read \(c.read), inserted \(c.inserted), updated \(c.updated), unchanged \(c.unchanged), stale \(c.stale), rejected \(c.rejected), warnings \(c.warnings)"
            )
        }
    }
}
