import Claims
import Foundation
import Mapping
import Store
import Values

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
    public func remittanceJobs(offset: Int = 0, limit: Int = 100) throws -> [[String]] {
        try ledger.remittance.remittanceJobs(offset: offset, limit: limit)
    }

    /// The average days from batch to payment over an 835 job's matched claims (``RemittanceRepository/daysToPayment(jobID:)``).
    public func daysToPayment(jobID: Int64) throws -> Double? {
        try ledger.remittance.daysToPayment(jobID: jobID)
    }

    /// How many 835 jobs recorded payments.
    public func remittanceJobCount() throws -> Int {
        try ledger.remittance.remittanceJobCount()
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

/// Paged reads and the audit trail, for the operator console.
extension Gateway {
    /// Jobs matching `filter`, newest first, `limit` from `offset`.
    public func jobs(matching filter: JobFilter, offset: Int, limit: Int) throws -> [JobRecord] {
        try ledger.jobs.jobs(matching: filter, offset: offset, limit: limit)
    }

    /// How many jobs match `filter`.
    public func jobCount(matching filter: JobFilter) throws -> Int {
        try ledger.jobs.count(matching: filter)
    }

    /// The jobs matching `filter` counted by state, with their rows loaded and rejected.
    public func jobSummary(matching filter: JobFilter) throws -> JobSummary {
        try ledger.jobs.summary(matching: filter)
    }

    /// A job's exceptions, optionally of one rule and one column, `limit` from `offset`.
    public func exceptions(
        jobID: Int64, rule: String?, column: String?, offset: Int, limit: Int
    ) throws -> [ExceptionRecord] {
        try ledger.jobs.exceptions(jobID: jobID, rule: rule, column: column, offset: offset, limit: limit)
    }

    /// How many of a job's exceptions are of a rule and a column (both optional).
    public func exceptionCount(jobID: Int64, rule: String?, column: String?) throws -> Int {
        try ledger.jobs.exceptionCount(jobID: jobID, rule: rule, column: column)
    }

    /// Claim batches, newest first, optionally of one state, `limit` from `offset`.
    public func claimBatches(state: BatchState?, offset: Int, limit: Int) throws -> [ClaimBatchRecord] {
        try ledger.claims.claimBatches(state: state, offset: offset, limit: limit)
    }

    /// Every job counted by source, kind and state, with its rows by outcome (for `/metrics`).
    public func jobTally() throws -> [JobTally] {
        try ledger.jobs.tally()
    }

    /// Job durations, open alerts and the oldest waits, for `/metrics`.
    public func operationsSnapshot(now: Date = Date()) throws -> OperationsSnapshot {
        try ledger.operationsSnapshot(now: now)
    }

    /// How many claim batches are in each state.
    public func claimBatchCounts() throws -> [BatchState: Int] {
        try ledger.claims.batchCounts()
    }

    /// The audit trail, newest first, `limit` from `offset`.
    public func auditEntries(offset: Int, limit: Int) throws -> [AuditEntry] {
        try ledger.audit.entries(offset: offset, limit: limit)
    }

    /// How many entries the audit trail holds.
    public func auditCount() throws -> Int {
        try ledger.audit.count()
    }

    /// Writes a console action to the audit trail (never personal data: user names, ids, addresses).
    public func audit(_ action: String, detail: String, actor: String?, target: String?, job: Int64? = nil) throws {
        try ledger.audit.record(action, detail: detail, actor: actor, target: target, job: job)
    }

    /// Why the gateway cannot serve, or nothing when it can: the database answers and its migrations are current,
    /// mappings are loaded, and (with `passLoop`, in the daemon) the pass loop showed it was alive within twice
    /// the poll interval, or the last minute when that is longer (one long job keeps a pass busy).
    ///
    /// The reasons hold no data: they are shown to anyone who asks `/readyz`.
    public func readiness(passLoop: Bool, now: Date = Date()) -> [String] {
        var reasons: [String] = []
        if mappings.mappings.isEmpty { reasons.append("no mappings are loaded") }
        if !ledger.isReady() { reasons.append("the database does not answer or its migrations are not current") }
        if passLoop {
            let limit = max(2 * config.pollInterval, 60)
            if let last = heartbeat.lastBeat {
                let age = now.timeIntervalSince(last)
                if age > limit {
                    reasons.append("the pass loop has not run for \(Int(age)) s (limit \(Int(limit)) s)")
                }
            } else {
                reasons.append("the pass loop has not started")
            }
        }
        return reasons
    }
}

extension Gateway {
    /// A source's most recent processed jobs with their quality scores, newest first.
    ///
    /// - Throws: ``GatewayError`` `.notFound` for a source not in the configuration.
    public func qualityScores(source: String, limit: Int = 30) throws -> [JobRecord] {
        guard config.source(source) != nil else {
            let known = config.sources.map(\.id).joined(separator: ", ")
            throw GatewayError(.notFound, "unknown source '\(source)'; sources: \(known)")
        }
        return try ledger.jobs.scoredJobs(source: source, limit: limit)
    }

    /// Alerts, newest first, each with its notifications; only open ones when `openOnly`.
    public func alerts(openOnly: Bool = false) throws -> [AlertListing.Entry] {
        try ledger.alerts.alerts(openOnly: openOnly).map { alert in
            AlertListing.Entry(
                alert: alert, notifications: try alert.id.map { try ledger.alerts.notifications(alert: $0) } ?? [])
        }
    }

    /// Closes an open alert by hand and queues its `closed` notifications to the channels its routes pick; see
    /// ``AlertRepository/close(id:reason:actor:channels:now:)`` for when the same condition alerts again.
    ///
    /// - Parameters:
    ///   - id: the alert's id.
    ///   - reason: why, for the audit trail and `dropgate alerts`.
    ///   - actor: who closed it (the OS user at the CLI).
    /// - Throws: ``StoreError`` for an unknown or already closed alert.
    @discardableResult
    public func closeAlert(id: Int64, reason: String?, actor: String) throws -> AlertRecord {
        try ledger.alerts.close(
            id: id, reason: reason, actor: actor,
            channels: { config.alerts.channels(condition: $0.condition, source: $0.source) }, now: clock())
    }
}
