import Store

extension Gateway {
    /// Asks for a replacement (frequency 7) or void (8) of an adjudicated claim in its payer's next build.
    ///
    /// - Throws: ``StoreError`` when the claim is unknown, not adjudicated yet, already replaced or voided, or
    ///   already has a correction on its way.
    public func requestCorrection(claimID: Int64, void: Bool) throws {
        try ledger.claims.requestCorrection(claimID: claimID, void: void)
    }

    /// What each 835 said about a claim, in the order the files came.
    public func claimRemittances(claimID: Int64) throws -> [ClaimRemittance] {
        try ledger.claims.remittances(claimID: claimID)
    }

    /// The denial work queue: denied and rejected claims not yet corrected, oldest first, with their reason
    /// (only those whose reason starts with `reason` when given), `limit` from `offset`, and how many there are.
    public func denials(reason: String?, offset: Int, limit: Int) throws -> (total: Int, claims: [DeniedClaim]) {
        try ledger.claims.denials(reason: reason, offset: offset, limit: limit)
    }
}
