import Foundation
import GRDB

/// What retention may not touch, and the exception rows it removes (`retention:` in dropgate.yaml).
///
/// The rule: a job's file (archived or staged), its reports and its exception rows are kept while
/// - the job is not final (`staged`, `processing`, `retry_wait`: queued, running, leased or retrying), or
/// - a claim batch that is not acknowledged yet (`writing`, `awaiting-review`, `built`, `submitted`) bills a
///   service row the job loaded (a 999 may still reject it, and the file is the evidence to rebuild from), or
/// - one of the job's 835 transaction sets is `held` (`dropgate remit release` reads the archived file again).
/// Duplicates name their original's file, so the original's holds cover them.
public struct RetentionRepository: Sendable {
    let database: any SQLDatabase

    /// Batch states before a 999 or TA1 (or an operator's discard) settled the batch.
    static let unacknowledgedBatchStates = ["writing", "awaiting-review", "built", "submitted"]

    /// Every hold, one per job and reason, ordered by job.
    public func holds() throws -> [RetentionHold] {
        try database.read { db in try Self.holds(db) }
    }

    static func holds(_ db: any SQLConnection) throws -> [RetentionHold] {
        var holds: [RetentionHold] = []
        for row in try db.fetchAll(
            sql: """
                SELECT id, state, file_path, receipt_path, report_path FROM jobs
                WHERE state NOT IN ('done', 'rejected', 'duplicate', 'dead') ORDER BY id
                """)
        {
            holds.append(
                RetentionHold(
                    jobID: row["id"], reason: "job \(row["id"] as Int64) is \(row["state"] as String)",
                    paths: Self.paths(row)))
        }
        let states = unacknowledgedBatchStates.map { "'\($0)'" }.joined(separator: ", ")
        for row in try db.fetchAll(
            sql: """
                SELECT held.*, batch.state FROM (
                    SELECT j.id, j.file_path, j.receipt_path, j.report_path, MIN(b.id) AS batch
                    FROM claim_batches b
                    JOIN claims c ON c.batch_id = b.id
                    JOIN claim_lines l ON l.claim_id = c.id
                    JOIN services s ON s.district = l.district AND s.service_date = l.service_date
                        AND s.student_id = l.student_id AND s.rendering_npi = l.rendering_npi
                        AND s.billing_code = l.billing_code AND s.start_time = l.start_time
                    JOIN jobs j ON j.id = s.job_id
                    WHERE b.state IN (\(states))
                    GROUP BY j.id
                ) AS held JOIN claim_batches batch ON batch.id = held.batch
                ORDER BY held.id
                """)
        {
            holds.append(
                RetentionHold(
                    jobID: row["id"],
                    reason:
                        "its rows are billed by batch \(row["batch"] as Int64) (\(row["state"] as String), not acknowledged)",
                    paths: Self.paths(row)))
        }
        for row in try db.fetchAll(
            sql: """
                SELECT DISTINCT j.id, j.file_path, j.receipt_path, j.report_path
                FROM remittances r JOIN jobs j ON j.id = r.job_id
                WHERE r.state = 'held' ORDER BY j.id
                """)
        {
            holds.append(
                RetentionHold(
                    jobID: row["id"], reason: "an 835 set of it is held for release", paths: Self.paths(row)))
        }
        return holds
    }

    /// A job's file, receipt and exception report, as far as it has them.
    private static func paths(_ row: SQLRow) -> [String] {
        [row["file_path"], row["receipt_path"], row["report_path"]].compactMap { $0 as String? }
    }

    /// Whether a job that is not final or an 835 set held for release names `path` now: checked again just
    /// before the file is removed, for a job requeued or a set held since ``holds()`` was read. (A claim batch
    /// built meanwhile bills rows already loaded; its hold counts from the next purge.)
    public func heldNow(_ path: String) throws -> String? {
        try database.read { db in
            if let row = try db.fetchOne(
                sql: """
                    SELECT id, state FROM jobs WHERE state IN ('staged', 'processing', 'retry_wait')
                    AND (file_path = ?1 OR receipt_path = ?1 OR report_path = ?1) LIMIT 1
                    """, arguments: [path])
            {
                return "job \(row["id"] as Int64) is \(row["state"] as String)"
            }
            let held = try db.fetchOne(
                Int64.self,
                sql: """
                    SELECT j.id FROM remittances r JOIN jobs j ON j.id = r.job_id
                    WHERE r.state = 'held' AND (j.file_path = ?1 OR j.receipt_path = ?1 OR j.report_path = ?1) LIMIT 1
                    """, arguments: [path])
            return held.map { _ in "an 835 set of it is held for release" }
        }
    }

    /// The file paths jobs name, whatever their state (a staged file a job names is never a leftover).
    public func jobFiles(under folder: String) throws -> Set<String> {
        try database.read { db in
            Set(
                try db.fetchAll(
                    String.self, sql: "SELECT DISTINCT file_path FROM jobs WHERE substr(file_path, 1, ?) = ?",
                    arguments: [folder.count + 1, folder + "/"]))
        }
    }

    /// Removes (or with `dryRun` only counts) the exception rows of final jobs last changed before `cutoff`,
    /// except those of held jobs (``holds()``).
    ///
    /// - Returns: the rows removed per job, by job id.
    public func purgeExceptions(before cutoff: Date, dryRun: Bool) throws -> [(jobID: Int64, rows: Int)] {
        try database.write { db in
            let held = Set(try Self.holds(db).map(\.jobID))
            let expired = try db.fetchAll(
                sql: """
                    SELECT e.job_id, count(*) AS rows FROM job_exceptions e JOIN jobs j ON j.id = e.job_id
                    WHERE j.state IN ('done', 'rejected', 'duplicate', 'dead') AND j.updated_at < ?
                    GROUP BY e.job_id ORDER BY e.job_id
                    """, arguments: [cutoff]
            ).map { (jobID: $0["job_id"] as Int64, rows: $0["rows"] as Int) }.filter { !held.contains($0.jobID) }
            if !dryRun {
                for job in expired {
                    try db.execute(sql: "DELETE FROM job_exceptions WHERE job_id = ?", arguments: [job.jobID])
                }
            }
            return expired
        }
    }
}
