import GRDB

extension ClaimRepository {
    /// The 277CA statuses recorded for a claim and its lines, oldest first.
    public func claimStatuses(claimID: Int64) throws -> [ClaimStatusRecord] {
        try database.read { db in
            try db.fetchAll(
                ClaimStatusRecord.self,
                sql: """
                    SELECT job_id AS jobId, level, category, status, entity, action, status_date AS statusDate, message,
                        payer_claim_number AS payerClaimNumber
                    FROM claim_acknowledgments WHERE claim_id = ? ORDER BY job_id, seq
                    """, arguments: [claimID])
        }
    }
}
