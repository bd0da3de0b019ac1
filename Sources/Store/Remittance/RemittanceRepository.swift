import GRDB

/// Applied 835 payments and the claims they remitted, as rows of text for listings.
public struct RemittanceRepository: Sendable {
    let database: any SQLDatabase

    /// The 835 payments a job recorded, one per transaction set in file order: ordinal, ISA13, GS06, ST02,
    /// payer, trace, payment in cents, method, date, claims, balance issues, state (applied, held, released).
    public func remittances(jobID: Int64) throws -> [[String]] {
        try database.textRows(
            sql: """
                SELECT ordinal, interchange_control, group_control, set_control, payer, trace, payment_cents,
                    payment_method, payment_date, claims, balance_issues, state
                FROM remittances WHERE job_id = ? ORDER BY ordinal
                """, arguments: [jobID])
    }

    /// The claims an 835 job remitted, in file order: CLP01, student, CLP02, outcome, charge, paid and patient
    /// responsibility in cents, adjustments (`group-reason:cents;…`), payer claim number, remark codes (`code;…`).
    public func remittedClaims(jobID: Int64) throws -> [[String]] {
        try database.textRows(
            sql: """
                SELECT r.pcn, COALESCE(c.student_id, ''), r.status_code, r.classification, r.charge_cents,
                       r.paid_cents, r.patient_responsibility_cents, r.adjustments, COALESCE(r.payer_claim_number, ''),
                       r.remarks
                FROM remittance_claims r LEFT JOIN claims c ON c.id = r.claim_id
                WHERE r.job_id = ? ORDER BY r.seq
                """, arguments: [jobID])
    }

    /// 835 jobs, newest first: job id, payer, sets, claims, payment applied in cents, first payment date,
    /// balance issues, sets held.
    public func remittanceJobs(offset: Int = 0, limit: Int = 100) throws -> [[String]] {
        try database.textRows(
            sql: """
                SELECT job_id, MIN(payer), COUNT(*), SUM(claims), SUM(CASE state WHEN 'held' THEN 0 ELSE payment_cents END),
                    MIN(payment_date), SUM(balance_issues), SUM(CASE state WHEN 'held' THEN 1 ELSE 0 END)
                FROM remittances GROUP BY job_id ORDER BY job_id DESC LIMIT ? OFFSET ?
                """, arguments: [limit, offset])
    }

    /// The average days from a claim's batch being built to the payment date of the 835 set that answered it,
    /// over the claims of a job matched to a batch; `nil` when none was.
    public func daysToPayment(jobID: Int64) throws -> Double? {
        try database.read { db in
            try db.fetchOne(
                Double.self,
                sql: """
                    SELECT AVG(julianday(r.payment_date) - julianday(date(b.created_at)))
                    FROM remittance_claims rc
                    JOIN claims c ON c.id = rc.claim_id
                    JOIN claim_batches b ON b.id = c.batch_id
                    JOIN remittances r ON r.job_id = rc.job_id AND r.ordinal = COALESCE(rc.set_ordinal, 1)
                    WHERE rc.job_id = ? AND r.payment_date <> ''
                    """, arguments: [jobID])
        }
    }

    /// How many 835 jobs recorded payments.
    public func remittanceJobCount() throws -> Int {
        try database.read { db in try db.fetchOne(Int.self, sql: "SELECT count(DISTINCT job_id) FROM remittances") ?? 0
        }
    }
}
