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
        try database.write { db in
            // A lease need not outlive a server crash: a lease lost with its commit only hands the job back, and
            // every later write of the attempt checks the lease in its own transaction (see `renew`).
            if db.dialect == .postgres { try db.execute(sql: "SET LOCAL synchronous_commit = off") }
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
