import Claims
import GRDB
import Values

/// What an 835 records for each of its claims, through statements prepared once per job (an 835 can carry
/// 100,000 claims). Only valid inside the job's transaction (``LoadSession/remittanceRecorder()``).
public final class RemittanceRecorder {
    private let jobID: Int64
    private let findClaim: SQLiteStatement
    private let updateClaim: SQLiteStatement
    private let payUnpaidLine: SQLiteStatement
    private let unpayLine: SQLiteStatement
    private let insertRemitted: SQLiteStatement

    init(db: Database, jobID: Int64) throws {
        self.jobID = jobID
        findClaim = try SQLiteStatement(
            db,
            sql: """
                SELECT c.id, c.status, c.total_cents, c.paid_cents, c.student_id, b.created_at
                FROM claims c JOIN claim_batches b ON b.id = c.batch_id
                WHERE c.payer = ? AND c.pcn = ?
                """)
        updateClaim = try SQLiteStatement(
            db,
            sql: """
                UPDATE claims SET status = ?, paid_cents = ?, payer_claim_number = COALESCE(?, payer_claim_number),
                    status_at = ?
                WHERE id = ?
                """)
        let line = { (condition: String) in
            """
            UPDATE claim_lines SET paid_cents = ?
            WHERE claim_id = ? AND line = (
                SELECT MIN(line) FROM claim_lines
                WHERE claim_id = ? AND code = ? AND modifiers = ? AND service_date = ? AND \(condition))
            """
        }
        payUnpaidLine = try SQLiteStatement(db, sql: line("paid_cents IS NULL"))
        unpayLine = try SQLiteStatement(db, sql: line("paid_cents IS NOT NULL"))
        insertRemitted = try SQLiteStatement(
            db,
            sql: """
                INSERT INTO remittance_claims (job_id, seq, payer, pcn, claim_id, status_code, classification,
                    charge_cents, paid_cents, patient_responsibility_cents, payer_claim_number, adjustments)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
    }

    /// The payer's claim with this patient control number.
    ///
    /// - Throws: ``StoreError`` when its recorded status is not a ``ClaimState``.
    public func claim(payer: String, pcn: String) throws -> RemittedClaim? {
        try findClaim.first(.text(payer), .text(pcn)) { row -> Result<RemittedClaim, StoreError> in
            let id = row.int(0) ?? 0
            let text = row.text(1) ?? ""
            guard let status = ClaimState(rawValue: text) else {
                return .failure(StoreError(.sqlite, "claim \(id) has an unknown status '\(text)'"))
            }
            return .success(
                RemittedClaim(
                    id: id, status: status, totalCents: row.int(2) ?? 0, paidCents: row.int(3),
                    studentID: row.text(4) ?? "", submittedAt: row.text(5) ?? ""))
        }?.get()
    }

    /// Sets a claim's adjudicated status, paid amount and the payer's claim number.
    public func adjudicate(
        claimID: Int64, status: ClaimState, paidCents: Int64, payerClaimNumber: String?, at timestamp: String
    ) throws {
        try updateClaim.execute(
            .text(status.rawValue), .int(paidCents), payerClaimNumber.map { .text($0) } ?? .null, .text(timestamp),
            .int(claimID))
    }

    /// Records what a remitted service line paid on the first unpaid claim line with the same code, modifiers
    /// and date (`nil`: a reversal takes the payment of the first paid one back); returns whether such a line
    /// exists.
    public func payLine(claimID: Int64, code: String, modifiers: [String], date: String, paidCents: Int64?) throws
        -> Bool
    {
        let statement = paidCents == nil ? unpayLine : payUnpaidLine
        let changed = try statement.execute(
            paidCents.map { .int($0) } ?? .null, .int(claimID), .int(claimID), .text(code),
            .text(modifiers.joined(separator: ";")), .text(date))
        return changed > 0
    }

    /// Records one remitted claim of this job (matched to a claim or not).
    public func recordRemittedClaim(
        sequence: Int, payer: String, pcn: String, claimID: Int64?, statusCode: String,
        classification: RemittanceClassification,
        chargeCents: Int64, paidCents: Int64, patientResponsibilityCents: Int64, payerClaimNumber: String,
        adjustments: String
    ) throws {
        try insertRemitted.execute(
            .int(jobID), .int(Int64(sequence)), .text(payer), .text(pcn), claimID.map { .int($0) } ?? .null,
            .text(statusCode), .text(classification.rawValue), .int(chargeCents), .int(paidCents),
            .int(patientResponsibilityCents), .text(payerClaimNumber), .text(adjustments))
    }
}
