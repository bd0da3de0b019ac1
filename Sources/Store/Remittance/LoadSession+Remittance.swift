import Claims
import Foundation
import GRDB

/// What an inbound 835, 999 or TA1 job records, inside the job's one transaction.
extension LoadSession {
    /// The per-claim statements of an 835, prepared once for the job.
    public func remittanceRecorder() throws -> RemittanceRecorder {
        try RemittanceRecorder(db: db, jobID: jobID)
    }

    /// The earlier job that applied a payment with this trace and amount from this payer, if any (a payer
    /// resending an 835 under a new interchange number).
    public func jobApplying(payer: String, trace: String, paymentCents: Int64) throws -> Int64? {
        try Int64.fetchOne(
            db,
            sql: """
                SELECT job_id FROM remittances WHERE payer = ? AND trace = ? AND payment_cents = ? AND job_id <> ?
                """, arguments: [payer, trace, paymentCents, jobID])
    }

    /// Records one 835 transaction set's payment.
    public func recordRemittance(
        setControl: String, payer: String, trace: String, paymentCents: Int64, method: String, date: String,
        claims: Int, balanceIssues: Int
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO remittances (job_id, set_control, payer, trace, payment_cents, payment_method, payment_date,
                    claims, balance_issues)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [jobID, setControl, payer, trace, paymentCents, method, date, claims, balanceIssues])
    }

    /// The payer's batch whose interchange (ISA13) or group (GS06) control number this is.
    public func batchID(payer: String, controlNumber: Int64) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT id FROM claim_batches WHERE payer = ? AND interchange_control = ?",
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
        var arguments: StatementArguments = [batchID]
        if let setControl { arguments += [setControl] }
        let now = Ledger.timestamp(Date())
        let claims =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM claims WHERE batch_id = ?\(scope)", arguments: arguments)
            ?? 0
        let live = "batch_id = ?\(scope) AND status IN ('built', 'submitted', 'accepted', 'accepted-by-payer')"
        if accepted == true {
            // An accepted replacement or void retires the claim it corrects; a void's services are free again.
            for (frequency, status) in [("7", ClaimState.replaced), ("8", .voided)] {
                try db.execute(
                    sql: """
                        UPDATE claims SET status = ?, status_at = ?
                        WHERE id IN (SELECT corrects FROM claims WHERE frequency = ? AND \(live))
                        """, arguments: [status.rawValue, now, frequency] + arguments)
            }
            try db.execute(
                sql: """
                    DELETE FROM billed_services WHERE claim_id IN (
                        SELECT id FROM claims WHERE frequency = '8' AND \(live))
                    """, arguments: arguments)
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
        let counts = try Row.fetchOne(
            db,
            sql: """
                SELECT SUM(status IN ('rejected', 'rejected-by-payer')),
                    SUM(status NOT IN ('built', 'submitted', 'rejected', 'rejected-by-payer')), COUNT(*)
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
