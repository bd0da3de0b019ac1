import Store

extension Gateway {
    /// The 277CA statuses recorded for a claim and its lines, oldest first.
    public func claimStatuses(claimID: Int64) throws -> [ClaimStatusRecord] {
        try ledger.claims.claimStatuses(claimID: claimID)
    }
}
