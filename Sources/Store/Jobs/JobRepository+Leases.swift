import Foundation
import GRDB
import Values

extension JobRepository {
    /// Starts an attempt under a lease: the job becomes `processing`, leased to `lease`'s owner, and its
    /// attempt count grows.
    ///
    /// - Returns: the job, or `nil` when another live process holds its lease (leave the job alone).
    /// - Throws: ``StoreError`` when the job does not exist or has ended.
    public func beginAttempt(jobID: Int64, lease: JobLease, now: Date = Date()) throws -> JobRecord? {
        // A lease need not outlive a server crash: a lease lost with its commit only hands the job back, and
        // every later write of the attempt checks the lease in its own transaction (see `renew`).
        try database.writeLosable { db in
            if db.dialect == .postgres {
                switch try Self.quickLease(jobID: jobID, lease: lease, now: now, db: db) {
                case .leased(let job): return job
                case .heldByAnother: return nil
                case .undecided: break
                }
            }
            // Locked until the transaction ends; on PostgreSQL a job another gateway is taking right now is
            // skipped (SKIP LOCKED) rather than waited for: that gateway has it.
            guard
                var job = try db.fetchOne(
                    JobRecord.self, sql: "SELECT * FROM jobs WHERE id = ?\(db.dialect.forUpdateSkipLocked)",
                    arguments: [jobID])
            else {
                guard try db.fetchOne(Int.self, sql: "SELECT 1 FROM jobs WHERE id = ?", arguments: [jobID]) == nil
                else { return nil }
                throw StoreError(.jobNotFound, "no job \(jobID)")
            }
            guard !job.state.isTerminal else {
                throw StoreError(.invalidTransition, "job \(jobID) is \(job.state.rawValue)")
            }
            if job.state == .processing, let owner = job.leaseOwner, owner != lease.owner,
                let expiry = job.leaseExpiresAt, expiry > now, !JobLease.ownerHasEnded(owner)
            {
                return nil
            }
            let takenOver = job.state == .processing ? job.leaseOwner : nil
            job.state = .processing
            job.attempts += 1
            job.nextAttemptAt = nil
            job.leaseOwner = lease.owner
            job.leaseExpiresAt = now.addingTimeInterval(lease.duration)
            job.updatedAt = now
            try db.update(job)
            if takenOver != nil {
                try db.audit(
                    job: jobID, "lease-taken-over", "the earlier attempt's process ended or its lease expired")
            }
            return job
        }
    }

    /// What the one-statement lease decided.
    private enum QuickLease {
        case leased(JobRecord)
        case heldByAnother
        case undecided
    }

    /// On PostgreSQL, leases a job in one statement (one round trip, where the general path needs two):
    /// a job no live lease holds is taken, a takeover audited; a job another live process holds is left alone.
    /// Leaves to the general path what it cannot decide: a job that is missing or being taken by another
    /// gateway right now, and a lease whose owner on this host has ended before its expiry.
    /// - Throws: ``StoreError`` when the job has ended.
    private static func quickLease(jobID: Int64, lease: JobLease, now: Date, db: any SQLConnection) throws
        -> QuickLease
    {
        guard
            let row = try db.fetchOne(
                sql: """
                    WITH target AS (
                        SELECT id, state, lease_owner, lease_expires_at FROM jobs WHERE id = ? FOR UPDATE SKIP LOCKED),
                    leased AS (
                        UPDATE jobs SET state = 'processing', attempts = attempts + 1, next_attempt_at = NULL,
                            lease_owner = ?, lease_expires_at = ?, updated_at = ?
                        FROM target WHERE jobs.id = target.id AND (target.state IN ('staged', 'retry_wait')
                            OR (target.state = 'processing' AND (target.lease_owner IS NULL OR target.lease_owner = ?
                                OR target.lease_expires_at IS NULL OR target.lease_expires_at <= ?)))
                        RETURNING jobs.*)
                    SELECT target.state AS previous_state, target.lease_owner AS previous_owner, leased.*
                    FROM target LEFT JOIN leased ON TRUE
                    """,
                arguments: [jobID, lease.owner, now.addingTimeInterval(lease.duration), now, lease.owner, now])
        else { return .undecided }
        let previousState: String = row["previous_state"]
        let previousOwner: String? = row["previous_owner"]
        let leasedID: Int64? = row["id"]
        guard leasedID != nil else {
            if let state = JobState(rawValue: previousState), state.isTerminal {
                throw StoreError(.invalidTransition, "job \(jobID) is \(state.rawValue)")
            }
            return previousOwner.map(JobLease.ownerHasEnded) == true ? .undecided : .heldByAnother
        }
        if previousState == JobState.processing.rawValue, previousOwner != nil {
            try db.audit(job: jobID, "lease-taken-over", "the earlier attempt's process ended or its lease expired")
        }
        return .leased(try row.decode(JobRecord.self))
    }

    /// Renews a job's lease inside a write transaction, or throws when this process no longer holds it
    /// (it expired and another process took the job over): the caller's transaction then rolls back.
    func renew(_ lease: JobLease, jobID: Int64, db: any SQLConnection, now: Date = Date()) throws {
        let renewed = try db.execute(
            sql: """
                UPDATE jobs SET lease_expires_at = ?
                WHERE id = ? AND state = 'processing' AND lease_owner = ?
                """,
            arguments: [now.addingTimeInterval(lease.duration), jobID, lease.owner])
        guard renewed == 1 else {
            throw StoreError(.leased, "job \(jobID) is no longer leased to this process; another one took it over")
        }
    }
}
