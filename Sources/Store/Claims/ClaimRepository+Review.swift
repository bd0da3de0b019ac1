import Claims
import Foundation
import GRDB
import Values

extension ClaimRepository {
    /// Releases a batch held for review: `awaiting-review` → `built` with its file now at `file` (the delivery
    /// folder), recording who released it and when.
    ///
    /// - Throws: ``StoreError`` for an unknown batch or one not awaiting review.
    public func releaseHeldBatch(id: Int64, file: String, by operator: String, now: Date = Date()) throws {
        try database.write { db in
            try Self.requireAwaitingReview(db, id: id, action: "released")
            try db.execute(
                sql: """
                    UPDATE claim_batches SET state = 'built', file = ?, released_by = ?, released_at = ?
                    WHERE id = ? AND state = 'awaiting-review'
                    """, arguments: [file, `operator`, Ledger.timestamp(now), id])
            try db.audit(job: nil, "batch-released", "batch \(id) by \(`operator`)")
        }
    }

    /// Gives up a batch held for review: it becomes `discarded` with its file now at `file`, its claims
    /// `rejected` and their services billable again (corrections hand theirs back); its control number stays
    /// used. Records who discarded it and when.
    ///
    /// - Throws: ``StoreError`` for an unknown batch or one not awaiting review.
    public func discardHeldBatch(id: Int64, file: String, by operator: String, now: Date = Date()) throws {
        try database.write { db in
            try Self.requireAwaitingReview(db, id: id, action: "discarded")
            try Self.releaseServices(db, batchID: id, now: now)
            try db.execute(
                sql: """
                    UPDATE claim_batches SET state = 'discarded', file = ?, discarded_by = ?, discarded_at = ?
                    WHERE id = ?
                    """, arguments: [file, `operator`, Ledger.timestamp(now), id])
            try db.audit(job: nil, "batch-discarded", "batch \(id) after review by \(`operator`)")
        }
    }

    private static func requireAwaitingReview(_ db: any SQLConnection, id: Int64, action: String) throws {
        guard let batch = try db.fetchOne(ClaimBatchRecord.self, key: id) else {
            throw StoreError(.notFound, "no claim batch \(id)")
        }
        guard batch.state == .awaitingReview else {
            throw StoreError(
                .invalidTransition,
                "batch \(id) is \(batch.state.rawValue): only a batch awaiting review can be \(action)")
        }
    }
}
