import GRDB

extension ClaimRepository {
    /// The 277CA statuses recorded for a claim and its lines, oldest first.
    public func claimStatuses(claimID: Int64) throws -> [ClaimStatusRecord] {
        try pool.read { db in
            try ClaimStatusRecord.fetchAll(
                db,
                sql: """
                    SELECT job_id AS jobId, level, category, status, entity, action, status_date AS statusDate, message,
                        payer_claim_number AS payerClaimNumber
                    FROM claim_acknowledgments WHERE claim_id = ? ORDER BY job_id, seq
                    """, arguments: [claimID])
        }
    }
}
