import GRDB

extension ClaimRepository {
    /// What the payer's answers said about a claim, in the order their jobs ran: the 999 and TA1
    /// acknowledgments of its batch and set (with their IK3/IK4 errors), and every 835 claim payment naming it.
    ///
    /// - Returns: rows of job id, kind (`999`, `TA1`, `835`), result (IK5/TA104 code, or the 835 outcome), detail
    ///   (the acknowledgment's errors; for an 835: CLP02, paid cents, payer claim number, set).
    public func history(claimID: Int64) throws -> [[String]] {
        try database.textRows(
            sql: """
                SELECT job_id, kind, result, detail FROM (
                    SELECT a.job_id, a.seq, a.kind, a.result, a.detail
                    FROM acknowledgments a JOIN claims c ON c.batch_id = a.batch_id
                    WHERE c.id = ? AND (a.set_control IS NULL OR a.set_control = c.set_control)
                    UNION ALL
                    SELECT job_id, seq, '835', classification,
                        'CLP02 ' || status_code || ' paid ' || printf('%.2f', paid_cents / 100.0)
                            || COALESCE(' payer claim ' || NULLIF(payer_claim_number, ''), '')
                            || COALESCE(' set ' || set_ordinal, '')
                    FROM remittance_claims WHERE claim_id = ?
                ) AS history ORDER BY job_id, seq
                """, arguments: [claimID, claimID])
    }
}
