import Claims
import Foundation
import GRDB

/// What an inbound 835, 999 or TA1 job records, inside the job's one transaction.
extension LoadSession {
    /// The per-claim statements of an 835, prepared once for the job.
    public func remittanceRecorder() throws -> RemittanceRecorder {
        try RemittanceRecorder(db: db, jobID: jobID)
    }

    /// The earlier job that applied (or an operator released) a payment with this trace and amount from this
    /// payer, if any: a payer resending an 835 under a new interchange number.
    ///
    /// The job holds the payer's remittance turn from here to its commit, so the same payment loaded by two
    /// gateways at once is applied by one and found here by the other.
    public func jobApplying(payer: String, trace: String, paymentCents: Int64) throws -> Int64? {
        try db.serialize("remittance:" + payer)
        return try db.fetchOne(
            Int64.self,
            sql: """
                SELECT job_id FROM remittances
                WHERE payer = ? AND trace = ? AND payment_cents = ? AND job_id <> ? AND state <> 'held'
                """, arguments: [payer, trace, paymentCents, jobID])
    }

    /// Records one 835 transaction set's payment, applied or held for the operator.
    public func recordRemittance(
        _ identity: RemittanceSetIdentity, payer: String, trace: String, paymentCents: Int64, method: String,
        date: String, claims: Int, balanceIssues: Int, held: Bool
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO remittances (job_id, ordinal, interchange_control, group_control, set_control, payer, trace,
                    payment_cents, payment_method, payment_date, claims, balance_issues, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                jobID, identity.ordinal, identity.interchangeControl, identity.groupControl, identity.setControl, payer,
                trace, paymentCents, method, date, claims, balanceIssues, held ? "held" : "applied",
            ])
    }

    /// Opens a savepoint around one 835 transaction set, so that a set that does not balance is undone alone.
    public func beginRemittanceSet() throws {
        try db.execute(sql: "SAVEPOINT remittance_set")
    }

    /// Ends the set's savepoint, keeping (`undo` false) or undoing what the set applied.
    public func endRemittanceSet(undo: Bool) throws {
        if undo { try db.execute(sql: "ROLLBACK TO SAVEPOINT remittance_set") }
        try db.execute(sql: "RELEASE SAVEPOINT remittance_set")
    }

    /// Retires the claim a replacement or void corrects (`replaced` or `voided`) once the payer acknowledged or
    /// adjudicated the correction, whichever comes first; an accepted void frees its services.
    public func retireCorrected(byClaim claimID: Int64) throws {
        let now = Ledger.timestamp(Date())
        try db.execute(
            sql: """
                UPDATE claims SET status = CASE (SELECT frequency FROM claims WHERE id = ?)
                        WHEN '7' THEN 'replaced' ELSE 'voided' END, status_at = ?
                WHERE id = (SELECT corrects FROM claims WHERE id = ? AND frequency IN ('7', '8'))
                    AND status NOT IN ('replaced', 'voided')
                """, arguments: [claimID, now, claimID])
        try db.execute(
            sql:
                "DELETE FROM billed_services WHERE claim_id = (SELECT id FROM claims WHERE id = ? AND frequency = '8')",
            arguments: [claimID])
    }

    /// The payer's batch whose interchange (ISA13) or group (GS06) control number this is.
    public func batchID(payer: String, controlNumber: Int64) throws -> Int64? {
        try db.fetchOne(
            Int64.self, sql: "SELECT id FROM claim_batches WHERE payer = ? AND interchange_control = ?",
            arguments: [payer, controlNumber])
    }

    /// Applies a 999 set result or a TA1 to a batch's claims: accepted claims move on, rejected claims are
    /// marked rejected and their services become billable again.
    ///
    /// - Parameters:
    ///   - setControl: ST02 of the acknowledged set; `nil` for the whole interchange (TA1).
    ///   - accepted: `true` accepts, `false` rejects, `nil` only records the acknowledgment (a TA1 that accepts
    ///     the interchange says nothing about its claims).
    /// - Returns: the number of claims in the acknowledged set or interchange (0: it names nothing we sent).
    @discardableResult
    public func acknowledge(
        batchID: Int64, setControl: String?, accepted: Bool?, sequence: Int, payer: String, kind: String,
        result: String, detail: String
    ) throws -> Int {
        let scope = setControl == nil ? "" : " AND set_control = ?"
        var arguments: SQLArguments = [batchID]
        if let setControl { arguments += [setControl] }
        let now = Ledger.timestamp(Date())
        let claims =
            try db.fetchOne(
                Int.self, sql: "SELECT COUNT(*) FROM claims WHERE batch_id = ?\(scope)", arguments: arguments)
            ?? 0
        let live = "batch_id = ?\(scope) AND status IN ('built', 'submitted', 'accepted', 'accepted-by-payer')"
        if accepted == true {
            // An accepted replacement or void retires the claim it corrects (unless an 835 adjudicating the
            // correction came first and did); a void's services are free again.
            let corrections = "batch_id = ?\(scope) AND status <> 'rejected' AND frequency IN ('7', '8')"
            for claimID in try db.fetchAll(
                Int64.self, sql: "SELECT id FROM claims WHERE \(corrections)", arguments: arguments)
            {
                try retireCorrected(byClaim: claimID)
            }
            try db.execute(
                sql:
                    "UPDATE claims SET status = 'accepted', status_at = ? WHERE batch_id = ?\(scope) AND status IN ('built', 'submitted')",
                arguments: [now] + arguments)
        } else if accepted == false {
            // A rejected correction hands its services back to the claim it corrects; other rejected claims
            // release theirs, so the next build bills them again.
            try db.execute(
                sql: """
                    UPDATE billed_services SET claim_id = (SELECT corrects FROM claims WHERE id = billed_services.claim_id)
                    WHERE claim_id IN (SELECT id FROM claims WHERE corrects IS NOT NULL AND \(live))
                    """, arguments: arguments)
            try db.execute(
                sql: "DELETE FROM billed_services WHERE claim_id IN (SELECT id FROM claims WHERE \(live))",
                arguments: arguments)
            try db.execute(
                sql: "UPDATE claims SET status = 'rejected', status_at = ? WHERE \(live)",
                arguments: [now] + arguments)
        }
        try db.execute(
            sql: """
                INSERT INTO acknowledgments (job_id, seq, payer, kind, batch_id, set_control, result, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [jobID, sequence, payer, kind, batchID, setControl, result, detail])
        try updateBatchState(batchID: batchID, acknowledgment: "\(kind) \(result): \(detail)")
        return claims
    }

    func updateBatchState(batchID: Int64, acknowledgment: String) throws {
        let counts = try db.fetchOne(
            sql: """
                SELECT SUM(CASE WHEN status IN ('rejected', 'rejected-by-payer') THEN 1 ELSE 0 END),
                    SUM(CASE WHEN status NOT IN ('built', 'submitted', 'rejected', 'rejected-by-payer') THEN 1 ELSE 0 END),
                    COUNT(*)
                FROM claims WHERE batch_id = ?
                """, arguments: [batchID])
        let rejected: Int = counts?[0] ?? 0
        let acknowledged: Int = counts?[1] ?? 0
        let total: Int = counts?[2] ?? 0
        var state: BatchState?
        if total > 0, rejected == total {
            state = .rejected
        } else if total > 0, acknowledged == total {
            state = .accepted
        } else if rejected > 0, acknowledged > 0 {
            state = .partiallyAccepted
        }
        try db.execute(
            sql: """
                UPDATE claim_batches SET state = COALESCE(?, state), acknowledged_at = ?,
                    acknowledgment = COALESCE(acknowledgment || '; ', '') || ?
                WHERE id = ?
                """, arguments: [state?.rawValue, Ledger.timestamp(Date()), acknowledgment, batchID])
    }
}
