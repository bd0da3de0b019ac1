import Claims
import Foundation
import Store

/// What the CLI and the tools read: the ledger's repositories, read-only. Nothing outside the gateway holds
/// the ledger itself.
extension Gateway {
    /// Jobs, newest first, optionally filtered.
    public func jobs(state: JobState? = nil, source: String? = nil, limit: Int = 100) throws -> [JobRecord] {
        try ledger.jobs.jobs(state: state, source: source, limit: limit)
    }

    /// One job.
    public func job(id: Int64) throws -> JobRecord? {
        try ledger.jobs.job(id: id)
    }

    /// A job's exceptions in row order.
    public func exceptions(jobID: Int64) throws -> [ExceptionRecord] {
        try ledger.jobs.exceptions(jobID: jobID)
    }

    /// The health of a source or delivery peer (`delivery:<id>`); a fresh `ok` record when never polled.
    public func health(of source: String) throws -> SourceHealth {
        try ledger.sources.health(of: source)
    }

    /// Claim batches, newest first.
    public func claimBatches(payer: String? = nil, limit: Int = 100) throws -> [ClaimBatchRecord] {
        try ledger.claims.claimBatches(payer: payer, limit: limit)
    }

    /// One claim batch.
    public func claimBatch(id: Int64) throws -> ClaimBatchRecord? {
        try ledger.claims.claimBatch(id: id)
    }

    /// The claims of a batch.
    public func claims(batchID: Int64) throws -> [ClaimRecord] {
        try ledger.claims.claims(batchID: batchID)
    }

    /// A claim by id or by patient control number.
    public func claimRecord(_ reference: String) throws -> ClaimRecord? {
        try ledger.claims.claimRecord(reference)
    }

    /// What the payer's answers said about a claim, job by job: rows of job id, kind (999, TA1, 835), result and
    /// detail (see ``ClaimRepository/history(claimID:)``).
    public func claimHistory(id: Int64) throws -> [[String]] {
        try ledger.claims.history(claimID: id)
    }

    /// A claim with its lines as sent.
    public func claim(id: Int64) throws -> Claim? {
        try ledger.claims.claim(id: id)
    }

    /// Claims waiting too long for an acknowledgment or a payment (see
    /// ``ClaimRepository/agingClaims(acknowledgmentDays:paymentDays:now:)``).
    public func agingClaims(acknowledgmentDays: Int, paymentDays: Int, now: Date = Date()) throws -> [[String]] {
        try ledger.claims.agingClaims(acknowledgmentDays: acknowledgmentDays, paymentDays: paymentDays, now: now)
    }

    /// 835 jobs, newest first: job id, payer, sets, claims, payment applied in cents, first payment date, balance
    /// issues, sets held.
    public func remittanceJobs(limit: Int = 100) throws -> [[String]] {
        try ledger.remittance.remittanceJobs(limit: limit)
    }

    /// The 835 payments a job recorded, one per transaction set in file order: ordinal, ISA13, GS06, ST02, payer,
    /// trace, payment in cents, method, date, claims, balance issues, state (applied, held, released).
    public func remittances(jobID: Int64) throws -> [[String]] {
        try ledger.remittance.remittances(jobID: jobID)
    }

    /// The claims an 835 job remitted, in file order.
    public func remittedClaims(jobID: Int64) throws -> [[String]] {
        try ledger.remittance.remittedClaims(jobID: jobID)
    }
}
