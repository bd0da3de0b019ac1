import Store

extension Gateway {
    /// Asks for a replacement (frequency 7) or void (8) of an adjudicated claim in its payer's next build.
    ///
    /// - Throws: ``StoreError`` when the claim is unknown, not adjudicated yet, already replaced or voided, or
    ///   already has a correction on its way.
    public func requestCorrection(claimID: Int64, void: Bool) throws {
        try ledger.claims.requestCorrection(claimID: claimID, void: void)
    }
}
