import Foundation
import GRDB
import Values

/// Jobs: registration of staged files, attempts and every state change, exceptions (DESIGN §4.1, §4.2, §5).
///
/// Each method that changes a job is one write transaction, its audit entry included.
public struct JobRepository: Sendable {
    let database: any SQLDatabase

    /// Registers a staged file as a job, or as a duplicate of the job that has the same bytes.
    ///
    /// Invariant 1: a file is `(source, sha256)`. If the existing job came from the same origin and that
    /// origin was never cleared, the gateway crashed between registering and clearing: the drop is the
    /// same one, not a duplicate. If the existing job was `rejected` or `dead`, dropping the same bytes
    /// again is taken as "try again" (typically after a mapping fix): the drop is recorded as a duplicate
    /// and the original job is requeued, with the new drop's forced kind if it has one. The existing job is the
    /// file's latest generation (its last replay, if any).
    public func register(_ job: JobRecord) throws -> StageOutcome {
        try database.write { db in
            let existing =
                try db.fetchOne(
                    JobRecord.self, where: "source = ? AND sha256 = ? AND state <> 'duplicate'",
                    arguments: [job.source, job.sha256], orderBy: "generation DESC")
            if let existing {
                if existing.origin == job.origin, !existing.originCleared {
                    return .alreadyRegistered(existing)
                }
                var original = existing
                if existing.state == .rejected || existing.state == .dead {
                    original.state = .staged
                    original.attempts = 0
                    original.lastError = nil
                    if job.kindForced {
                        original.kind = job.kind
                        original.kindForced = true
                    }
                    original.updatedAt = job.createdAt
                    try db.update(original)
                    try db.audit(job: original.id, "requeued", "the same bytes were dropped again")
                }
                var duplicate = job
                duplicate.state = .duplicate
                duplicate.duplicateOf = existing.id
                duplicate.kind = original.kind
                duplicate.filePath = original.filePath
                try db.insert(&duplicate)
                try db.audit(job: duplicate.id, "duplicate", "same sha256 as job \(existing.id ?? 0)")
                return .duplicate(duplicate, of: original)
            }
            var created = job
            try db.insert(&created)
            try db.audit(job: created.id, "staged", "\(job.size) bytes, sha256 \(job.sha256.prefix(12))")
            return .created(created)
        }
    }

    /// Records that the origin file was removed (or moved) after staging.
    public func markOriginCleared(jobID: Int64) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE jobs SET origin_cleared = 1 WHERE id = ?", arguments: [jobID])
        }
    }

    /// Jobs whose origin may still need clearing after a crash.
    public func uncleared(source: String) throws -> [JobRecord] {
        try database.read { db in
            try db.fetchAll(JobRecord.self, where: "source = ? AND origin_cleared = 0", arguments: [source])
        }
    }

    /// Schedules another attempt after a transient failure, or marks the job `dead` after the last one, and
    /// ends this process's lease on it.
    ///
    /// - Throws: ``StoreErrorCode/leased`` when another process took the job over: its attempt decides.
    public func recordFailure(
        jobID: Int64, error: String, nextAttemptAt: Date?, lease: JobLease, now: Date = Date()
    ) throws {
        try database.write { db in
            try renew(lease, jobID: jobID, db: db, now: now)
            let state: JobState = nextAttemptAt == nil ? .dead : .retryWait
            try db.execute(
                sql: """
                    UPDATE jobs SET state = ?, last_error = ?, next_attempt_at = ?, updated_at = ?,
                        lease_owner = NULL, lease_expires_at = NULL
                    WHERE id = ?
                    """,
                arguments: [state.rawValue, error, nextAttemptAt, now, jobID])
            try db.audit(job: jobID, state.rawValue, error)
        }
    }

    /// Records the receipt written for a job that loads nothing (duplicates).
    public func setReceipt(jobID: Int64, path: String) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE jobs SET receipt_path = ? WHERE id = ?", arguments: [path, jobID])
        }
    }

    /// Jobs to work on now: staged, interrupted while processing, or due for a retry.
    public func runnableJobs(source: String? = nil, now: Date = Date()) throws -> [JobRecord] {
        try database.read { db in
            var filter = "(state IN ('staged', 'processing') OR (state = 'retry_wait' AND next_attempt_at <= ?))"
            var arguments: SQLArguments = [now]
            if let source {
                filter += " AND source = ?"
                arguments += [source]
            }
            return try db.fetchAll(JobRecord.self, where: filter, arguments: arguments, orderBy: "id")
        }
    }

    /// Jobs, newest first, optionally filtered.
    public func jobs(state: JobState? = nil, source: String? = nil, limit: Int = 100) throws -> [JobRecord] {
        try database.read { db in
            var conditions: [String] = []
            var arguments: SQLArguments = []
            if let state {
                conditions.append("state = ?")
                arguments += [state.rawValue]
            }
            if let source {
                conditions.append("source = ?")
                arguments += [source]
            }
            return try db.fetchAll(
                JobRecord.self, where: conditions.isEmpty ? nil : conditions.joined(separator: " AND "),
                arguments: arguments, orderBy: "id DESC", limit: limit)
        }
    }

    /// One job.
    public func job(id: Int64) throws -> JobRecord? {
        try database.read { db in try db.fetchOne(JobRecord.self, key: id) }
    }

    /// A job's exceptions in row order.
    public func exceptions(jobID: Int64) throws -> [ExceptionRecord] {
        try database.read { db in
            try db.fetchAll(
                ExceptionRecord.self, sql: "SELECT * FROM job_exceptions WHERE job_id = ? ORDER BY row, rowid",
                arguments: [jobID])
        }
    }

    /// Puts a `rejected` or `dead` job back in the queue, after the operator fixed the mapping or file.
    ///
    /// - Parameters:
    ///   - jobID: the job.
    ///   - actor: the console user asking, recorded on the audit trail (`nil`: the CLI).
    public func requeue(jobID: Int64, actor: String? = nil) throws -> JobRecord {
        try database.write { db in
            // Locked, so two operators requeueing the same job at once requeue it once.
            guard
                var job = try db.fetchOne(
                    JobRecord.self, sql: "SELECT * FROM jobs WHERE id = ?\(db.dialect.forUpdate)", arguments: [jobID])
            else {
                throw StoreError(.jobNotFound, "no job \(jobID)")
            }
            guard job.state == .rejected || job.state == .dead else {
                throw StoreError(
                    .invalidTransition,
                    "job \(jobID) is \(job.state.rawValue); only rejected or dead jobs can be requeued")
            }
            job.state = .staged
            job.attempts = 0
            job.nextAttemptAt = nil
            job.lastError = nil
            job.updatedAt = Date()
            try db.update(job)
            try db.audit(job: jobID, "requeued", "by operator", actor: actor)
            return job
        }
    }

    /// The (non-duplicate) job that owns a file's bytes: its latest generation (a replay owns them once made).
    public func owner(source: String, sha256: String) throws -> JobRecord? {
        try database.read { db in
            try db.fetchOne(
                JobRecord.self, where: "source = ? AND sha256 = ? AND state <> 'duplicate'",
                arguments: [source, sha256],
                orderBy: "generation DESC")
        }
    }
}
