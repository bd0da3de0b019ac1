import Foundation
import GRDB

extension Ledger {
    /// The 835 payments a job recorded, one per transaction set.
    public func remittances(jobID: Int64) throws -> [[String]] {
        try dump(
            sql: """
                SELECT set_control, payer, trace, payment_cents, payment_method, payment_date, claims, balance_issues
                FROM remittances WHERE job_id = ? ORDER BY set_control
                """, arguments: [jobID])
    }

    /// The claims an 835 job remitted, in file order.
    public func remittedClaims(jobID: Int64) throws -> [[String]] {
        try dump(
            sql: """
                SELECT r.pcn, COALESCE(c.student_id, ''), r.status_code, r.classification, r.charge_cents,
                       r.paid_cents, r.patient_responsibility_cents, r.adjustments, COALESCE(r.payer_claim_number, '')
                FROM remittance_claims r LEFT JOIN claims c ON c.id = r.claim_id
                WHERE r.job_id = ? ORDER BY r.seq
                """, arguments: [jobID])
    }

    /// 835 jobs, newest first: job id, payer, sets, claims, payment in cents.
    public func remittanceJobs(limit: Int = 100) throws -> [[String]] {
        try dump(
            sql: """
                SELECT job_id, payer, COUNT(*), SUM(claims), SUM(payment_cents), MIN(payment_date), SUM(balance_issues)
                FROM remittances GROUP BY job_id ORDER BY job_id DESC LIMIT ?
                """, arguments: [limit])
    }

    /// Claims waiting too long: sent with no acknowledgment after `acknowledgmentDays`, or accepted with no
    /// payment after `paymentDays`. Rows: claim id, pcn, payer, status, batch, built at, days waiting, why.
    public func agingClaims(acknowledgmentDays: Int, paymentDays: Int, now: Date = Date()) throws -> [[String]] {
        let today = Self.timestamp(now)
        return try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, c.pcn, c.payer, c.status, c.batch_id, b.created_at,
                           CAST(julianday(?) - julianday(CASE WHEN c.status = 'accepted' THEN c.status_at ELSE b.created_at END) AS INTEGER) AS waiting
                    FROM claims c JOIN claim_batches b ON b.id = c.batch_id
                    WHERE (c.status IN ('built', 'submitted') AND julianday(?) - julianday(b.created_at) >= ?)
                       OR (c.status = 'accepted' AND julianday(?) - julianday(c.status_at) >= ?)
                    ORDER BY waiting DESC, c.id
                    """, arguments: [today, today, acknowledgmentDays, today, paymentDays]
            ).map { row in
                let status: String = row[3]
                let waiting: Int = row[6]
                return [
                    String(row[0] as Int64), row[1], row[2], status, String(row[4] as Int64), row[5], String(waiting),
                    status == "accepted"
                        ? "accepted, no payment after \(waiting) days" : "no acknowledgment after \(waiting) days",
                ]
            }
        }
    }
}
