import Foundation
import GRDB

extension JobRepository {
    /// Registers an entry that intake refuses to read (a link, pipe, device), as a job about to be rejected; `nil`
    /// when that same entry was registered before, so it is reported once, not on every poll.
    ///
    /// - Parameters:
    ///   - job: the job, whose `sha256` is the entry's synthetic identity (see `Intake`), never a real file's hash.
    ///   - lease: the lease of the process that rejects it.
    /// - Returns: the job, `processing` under `lease`, for its rejection.
    public func registerRefused(_ job: JobRecord, lease: JobLease, now: Date = Date()) throws -> JobRecord? {
        try database.write { db in
            let known = try db.count(
                JobRecord.self, where: "source = ? AND sha256 = ?", arguments: [job.source, job.sha256])
            guard known == 0 else { return nil }
            var created = job
            created.state = .processing
            created.attempts = 1
            created.leaseOwner = lease.owner
            created.leaseExpiresAt = now.addingTimeInterval(lease.duration)
            try db.insert(&created)
            try db.audit(job: created.id, "refused", "not a regular file: \(job.sha256.prefix(24))")
            return created
        }
    }
}
