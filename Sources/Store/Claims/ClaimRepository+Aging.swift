import Foundation
import GRDB

extension ClaimRepository {
    /// Claims waiting too long: sent with no acknowledgment after `acknowledgmentDays`, or accepted with no
    /// payment after `paymentDays`; a claim of a batch still awaiting review says so instead. Rows: claim id, pcn,
    /// payer, status, batch, built at, days waiting, why.
    public func agingClaims(acknowledgmentDays: Int, paymentDays: Int, now: Date = Date()) throws -> [[String]] {
        let today = Ledger.timestamp(now)
        return try database.read { db in
            try db.fetchAll(
                sql: """
                    SELECT c.id, c.pcn, c.payer, c.status, c.batch_id, b.created_at,
                           CAST(trunc(julianday(?) - julianday(CASE WHEN c.status IN ('accepted', 'accepted-by-payer') THEN c.status_at ELSE b.created_at END)) AS INTEGER) AS waiting,
                           b.state
                    FROM claims c JOIN claim_batches b ON b.id = c.batch_id
                    WHERE (c.status IN ('built', 'submitted') AND julianday(?) - julianday(b.created_at) >= ?)
                       OR (c.status IN ('accepted', 'accepted-by-payer') AND julianday(?) - julianday(c.status_at) >= ?)
                    ORDER BY waiting DESC, c.id
                    """, arguments: [today, today, acknowledgmentDays, today, paymentDays]
            ).map { row in
                let status: String = row[3]
                let waiting: Int = row[6]
                let batchState: String = row[7]
                let why =
                    batchState == "awaiting-review"
                    ? "batch awaiting review for \(waiting) days (claims release or discard)"
                    : status == "accepted" || status == "accepted-by-payer"
                        ? "\(status), no payment after \(waiting) days" : "no acknowledgment after \(waiting) days"
                return [
                    String(row[0] as Int64), row[1], row[2], status, String(row[4] as Int64), row[5], String(waiting),
                    why,
                ]
            }
        }
    }
}
