import Claims
import GRDB
import Values

/// What an 835 records for each of its claims, through statements prepared once per job (an 835 can carry
/// 100,000 claims). Only valid inside the job's transaction (``LoadSession/remittanceRecorder()``).
public final class RemittanceRecorder {
    private let jobID: Int64
    private let findClaim: any PreparedStatement
    private let findPaidByPayerNumber: any PreparedStatement
    private let updateClaim: any PreparedStatement
    private let payLine: any PreparedStatement
    private let insertRemitted: any PreparedStatement

    init(db: any SQLConnection, jobID: Int64) throws {
        self.jobID = jobID
        // Each lookup returns the claim's columns (0–8) with one of its billed lines (9–13) per row, in line
        // order: one statement per remitted claim finds the claim and its lines.
        findClaim = try db.prepare(
            """
            SELECT c.id, c.status, c.total_cents, c.paid_cents, c.student_id, b.created_at, c.payer_claim_number,
                c.frequency, c.corrects, l.line, l.code, l.modifiers, l.service_date, l.charge_cents
            FROM claims c JOIN claim_batches b ON b.id = c.batch_id
            LEFT JOIN claim_lines l ON l.claim_id = c.id
            WHERE c.payer = ? AND c.pcn = ?
            ORDER BY l.line
            """)
        findPaidByPayerNumber = try db.prepare(
            """
            SELECT c.id, c.status, c.total_cents, c.paid_cents, c.student_id, c.created_at, c.payer_claim_number,
                c.frequency, c.corrects, l.line, l.code, l.modifiers, l.service_date, l.charge_cents
            FROM (SELECT c.id, c.status, c.total_cents, c.paid_cents, c.student_id, b.created_at,
                      c.payer_claim_number, c.frequency, c.corrects
                  FROM claims c JOIN claim_batches b ON b.id = c.batch_id
                  WHERE c.payer = ? AND c.payer_claim_number = ? AND c.paid_cents <> 0 AND c.status <> 'reversed'
                  ORDER BY c.id DESC LIMIT 1) c
            LEFT JOIN claim_lines l ON l.claim_id = c.id
            ORDER BY l.line
            """)
        updateClaim = try db.prepare(
            """
            UPDATE claims SET status = COALESCE(?, status), paid_cents = ?,
                payer_claim_number = COALESCE(?, payer_claim_number), status_at = ?
            WHERE id = ?
            """)
        payLine = try db.prepare("UPDATE claim_lines SET paid_cents = ? WHERE claim_id = ? AND line = ?")
        insertRemitted = try db.prepare(
            """
            INSERT INTO remittance_claims (job_id, seq, payer, pcn, claim_id, status_code, classification,
                charge_cents, paid_cents, patient_responsibility_cents, payer_claim_number, adjustments, set_ordinal, remarks)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// The payer's claim with this patient control number, with its billed lines.
    ///
    /// - Throws: ``StoreError`` when its recorded status is not a ``ClaimState``.
    public func claim(payer: String, pcn: String) throws -> RemittedClaim? {
        try claim(findClaim, .text(payer), .text(pcn))
    }

    /// The payer's claim holding a payment under this payer claim number (CLP07), with its billed lines: what a
    /// reversal takes back when its CLP01 names the replacement or void rather than the claim paid.
    public func paidClaim(payer: String, payerClaimNumber: String) throws -> RemittedClaim? {
        try claim(findPaidByPayerNumber, .text(payer), .text(payerClaimNumber))
    }

    private func claim(_ statement: any PreparedStatement, _ payer: SQLValue, _ key: SQLValue) throws
        -> RemittedClaim?
    {
        var found: RemittedClaim?
        try statement.forEach(payer, key) { row in
            if found == nil {
                let id = row.int(0) ?? 0
                let text = row.text(1) ?? ""
                guard let status = ClaimState(rawValue: text) else {
                    throw StoreError(.sqlite, "claim \(id) has an unknown status '\(text)'")
                }
                let billed = BilledClaim(
                    id: id, status: status, chargeCents: row.int(2) ?? 0, paidCents: row.int(3),
                    payerClaimNumber: row.text(6), frequency: row.text(7) ?? "1", corrects: row.int(8))
                found = RemittedClaim(billed: billed, studentID: row.text(4) ?? "", submittedAt: row.text(5) ?? "")
            }
            guard let line = row.int(9) else { return }
            found?.billed.lines.append(
                BilledLine(
                    line: Int(line), code: row.text(10) ?? "",
                    modifiers: (row.text(11) ?? "").split(separator: ";").map(String.init),
                    serviceDate: row.text(12) ?? "", chargeCents: row.int(13) ?? 0))
        }
        return found
    }

    /// Records an adjudication on a claim: its state (`nil` keeps it), what it is paid now and the payer's claim
    /// number (`nil` keeps the one on record).
    public func adjudicate(
        claimID: Int64, status: ClaimState?, paidCents: Int64, payerClaimNumber: String?, at timestamp: String
    ) throws {
        try updateClaim.execute(
            status.map { .text($0.rawValue) } ?? .null, .int(paidCents), payerClaimNumber.map { .text($0) } ?? .null,
            .text(timestamp), .int(claimID))
    }

    /// Records what a remitted service line paid on a billed line (`nil`: a reversal took the payment back).
    public func payLine(claimID: Int64, line: Int, paidCents: Int64?) throws {
        try payLine.execute(paidCents.map { .int($0) } ?? .null, .int(claimID), .int(Int64(line)))
    }

    /// Records one remitted claim of this job (matched to a claim or not) in its transaction set (ordinal), with
    /// its adjustments (`group-reason:cents;…`) and remark codes (`code;…`).
    public func recordRemittedClaim(
        sequence: Int, set: Int, payer: String, pcn: String, claimID: Int64?, statusCode: String,
        classification: RemittanceClassification,
        chargeCents: Int64, paidCents: Int64, patientResponsibilityCents: Int64, payerClaimNumber: String,
        adjustments: String, remarks: String
    ) throws {
        try insertRemitted.execute(
            .int(jobID), .int(Int64(sequence)), .text(payer), .text(pcn), claimID.map { .int($0) } ?? .null,
            .text(statusCode), .text(classification.rawValue), .int(chargeCents), .int(paidCents),
            .int(patientResponsibilityCents), .text(payerClaimNumber), .text(adjustments), .int(Int64(set)),
            .text(remarks))
    }
}
