import Foundation
import GRDB

/// What an inbound 835, 999 or TA1 job records, inside the job's one transaction.
extension LoadSession {
    /// The payer's claim with this patient control number.
    public func remittedClaim(payer: String, pcn: String) throws -> RemittedClaim? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT c.id, c.status, c.total_cents, c.paid_cents, c.student_id, b.created_at
                        FROM claims c JOIN claim_batches b ON b.id = c.batch_id
                        WHERE c.payer = ? AND c.pcn = ?
                        """), arguments: [payer, pcn])
        else { return nil }
        return RemittedClaim(
            id: row[0], status: row[1], totalCents: row[2], paidCents: row[3], studentID: row[4], submittedAt: row[5])
    }

    /// Sets a claim's adjudicated status, paid amount and the payer's claim number.
    public func adjudicate(
        claimID: Int64, status: String, paidCents: Int64, payerClaimNumber: String?, at timestamp: String
    ) throws {
        try db.cachedStatement(
            sql: """
                UPDATE claims SET status = ?, paid_cents = ?, payer_claim_number = COALESCE(?, payer_claim_number),
                    status_at = ?
                WHERE id = ?
                """
        ).execute(arguments: [status, paidCents, payerClaimNumber, timestamp, claimID])
    }

    /// Records what a remitted service line paid on the first unpaid claim line with the same code, modifiers and
    /// date; returns whether such a line exists.
    public func payLine(claimID: Int64, code: String, modifiers: [String], date: String, paidCents: Int64?) throws
        -> Bool
    {
        let modifierText = modifiers.joined(separator: ";")
        let condition = paidCents == nil ? "paid_cents IS NOT NULL" : "paid_cents IS NULL"
        try db.cachedStatement(
            sql: """
                UPDATE claim_lines SET paid_cents = ?
                WHERE claim_id = ? AND line = (
                    SELECT MIN(line) FROM claim_lines
                    WHERE claim_id = ? AND code = ? AND modifiers = ? AND service_date = ? AND \(condition))
                """
        ).execute(arguments: [paidCents, claimID, claimID, code, modifierText, date])
        return db.changesCount > 0
    }

    /// Records one remitted claim of this job (matched to a claim or not).
    public func recordRemittedClaim(
        sequence: Int, payer: String, pcn: String, claimID: Int64?, statusCode: String, classification: String,
        chargeCents: Int64, paidCents: Int64, patientResponsibilityCents: Int64, payerClaimNumber: String,
        adjustments: String
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO remittance_claims (job_id, seq, payer, pcn, claim_id, status_code, classification,
                    charge_cents, paid_cents, patient_responsibility_cents, payer_claim_number, adjustments)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            jobID, sequence, payer, pcn, claimID, statusCode, classification, chargeCents, paidCents,
            patientResponsibilityCents, payerClaimNumber, adjustments,
        ])
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
    /// - Returns: the number of claims affected.
    @discardableResult
    public func acknowledge(
        batchID: Int64, setControl: String?, accepted: Bool?, sequence: Int, payer: String, kind: String,
        result: String, detail: String
    ) throws -> Int {
        let scope = setControl == nil ? "" : " AND set_control = ?"
        var arguments: StatementArguments = [batchID]
        if let setControl { arguments += [setControl] }
        let now = Ledger.timestamp(Date())
        if accepted == true {
            try db.execute(
                sql:
                    "UPDATE claims SET status = 'accepted', status_at = ? WHERE batch_id = ?\(scope) AND status IN ('built', 'submitted')",
                arguments: [now] + arguments)
        } else if accepted == false {
            try db.execute(
                sql: """
                    DELETE FROM billed_services WHERE claim_id IN (
                        SELECT id FROM claims WHERE batch_id = ?\(scope) AND status IN ('built', 'submitted', 'accepted'))
                    """, arguments: arguments)
            try db.execute(
                sql:
                    "UPDATE claims SET status = 'rejected', status_at = ? WHERE batch_id = ?\(scope) AND status IN ('built', 'submitted', 'accepted')",
                arguments: [now] + arguments)
        }
        let affected = accepted == nil ? 0 : db.changesCount
        try db.execute(
            sql: """
                INSERT INTO acknowledgments (job_id, seq, payer, kind, batch_id, set_control, result, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [jobID, sequence, payer, kind, batchID, setControl, result, detail])
        try updateBatchState(batchID: batchID, acknowledgment: "\(kind) \(result): \(detail)")
        return affected
    }

    private func updateBatchState(batchID: Int64, acknowledgment: String) throws {
        let counts = try Row.fetchOne(
            db,
            sql: """
                SELECT SUM(status = 'rejected'), SUM(status NOT IN ('built', 'submitted', 'rejected')), COUNT(*)
                FROM claims WHERE batch_id = ?
                """, arguments: [batchID])
        let rejected: Int = counts?[0] ?? 0
        let acknowledged: Int = counts?[1] ?? 0
        let total: Int = counts?[2] ?? 0
        let state =
            rejected == total
            ? "rejected" : (acknowledged == total ? "accepted" : (rejected > 0 ? "partially-accepted" : nil))
        try db.execute(
            sql: """
                UPDATE claim_batches SET state = COALESCE(?, state), acknowledged_at = ?,
                    acknowledgment = COALESCE(acknowledgment || '; ', '') || ?
                WHERE id = ?
                """, arguments: [state, Ledger.timestamp(Date()), acknowledgment, batchID])
    }
}
