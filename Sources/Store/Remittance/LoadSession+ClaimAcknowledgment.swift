import Claims
import Foundation
import GRDB
import Values

/// What an inbound 277CA job records, inside the job's one transaction.
extension LoadSession {
    /// The claim sent to `payer` with this patient control number: its id, state and batch.
    ///
    /// - Throws: ``StoreError`` when its recorded status is not a ``ClaimState``.
    public func sentClaim(payer: String, pcn: String) throws -> (id: Int64, status: ClaimState, batchID: Int64)? {
        guard
            let row = try db.fetchOne(
                sql: "SELECT id, status, batch_id FROM claims WHERE payer = ? AND pcn = ?",
                arguments: [payer, pcn])
        else { return nil }
        let id: Int64 = row[0]
        let text: String = row[1]
        guard let status = ClaimState(rawValue: text) else {
            throw StoreError(.sqlite, "claim \(id) has an unknown status '\(text)'")
        }
        return (id, status, row[2])
    }

    /// Applies a 277CA verdict to a claim still waiting for the payer (built, submitted, accepted or
    /// accepted by payer): accepted moves it to `accepted-by-payer`; rejected to `rejected-by-payer` and frees its
    /// services for the next build (a rejected correction hands them back to the claim it corrects). A claim the
    /// payer already adjudicated, or one a 999 rejected, keeps its state (a 277CA may arrive after the 835).
    ///
    /// The payer claim number fills in the claim's when it has none yet, for later replacements and voids.
    ///
    /// - Returns: the claim's state afterwards.
    public func acknowledgeClaim(claimID: Int64, accepted: Bool, payerClaimNumber: String?) throws -> ClaimState? {
        let now = Ledger.timestamp(Date())
        let waiting = "id = ? AND status IN ('built', 'submitted', 'accepted', 'accepted-by-payer')"
        if accepted {
            try db.execute(
                sql: "UPDATE claims SET status = 'accepted-by-payer', status_at = ? WHERE \(waiting)",
                arguments: [now, claimID])
        } else {
            try db.execute(
                sql: """
                    UPDATE billed_services SET claim_id = (SELECT corrects FROM claims WHERE id = billed_services.claim_id)
                    WHERE claim_id IN (SELECT id FROM claims WHERE corrects IS NOT NULL AND \(waiting))
                    """, arguments: [claimID])
            try db.execute(
                sql: "DELETE FROM billed_services WHERE claim_id IN (SELECT id FROM claims WHERE \(waiting))",
                arguments: [claimID])
            try db.execute(
                sql: "UPDATE claims SET status = 'rejected-by-payer', status_at = ? WHERE \(waiting)",
                arguments: [now, claimID])
        }
        if let payerClaimNumber, !payerClaimNumber.isEmpty {
            try db.execute(
                sql: "UPDATE claims SET payer_claim_number = COALESCE(payer_claim_number, ?) WHERE id = ?",
                arguments: [payerClaimNumber, claimID])
        }
        let status = try db.fetchOne(String.self, sql: "SELECT status FROM claims WHERE id = ?", arguments: [claimID])
            .flatMap(ClaimState.init(rawValue:))
        // An accepted replacement or void retires the claim it corrects, whichever answer comes first.
        if accepted, let status, !status.isRejected { try retireCorrected(byClaim: claimID) }
        return status
    }

    /// Records one STC status of a 277CA: of a claim (`claim`), one of its service lines (`line`), or a level
    /// above the claims (`information-receiver`, `billing-provider`).
    public func recordClaimStatus(
        sequence: Int, payer: String, level: String, pcn: String?, claimID: Int64?, payerClaimNumber: String?,
        _ status: ClaimStatusInformation
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO claim_acknowledgments (job_id, seq, payer, level, pcn, claim_id, payer_claim_number,
                    category, status, entity, action, charge_cents, status_date, message, segment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                jobID, sequence, payer, level, pcn, claimID, payerClaimNumber, status.category, status.status,
                status.entity, status.action, status.charge?.cents, status.date, status.message, status.position,
            ])
    }

    /// Brings a batch's state in line with its claims after a 277CA (`accepted`, `partially-accepted` or
    /// `rejected`) and notes the acknowledgment on it.
    public func settleBatch(batchID: Int64, acknowledgment: String) throws {
        try updateBatchState(batchID: batchID, acknowledgment: acknowledgment)
    }
}
