/// What a claim build did: batch, counts, money and every service left out by rule.
public struct ClaimBuildSummary: Sendable, Codable, Equatable {
    /// Payer profile id.
    public var payer: String
    /// Whether nothing was recorded or written.
    public var dryRun: Bool
    /// The batch built (none when no service was billable, or on a dry run).
    public var batchID: Int64?
    /// The batch file.
    public var file: String?
    /// ISA13 (837P) or batch number (NDIS).
    public var controlNumber: Int?
    /// Unbilled services looked at.
    public var servicesConsidered: Int
    /// Services on the payer's claims now.
    public var servicesBilled: Int
    /// Services whose code another payer's fee schedule owns (not this payer's concern, not exceptions).
    public var servicesForOtherPayers: Int
    /// Services left out, by exclusion rule.
    public var excluded: [String: Int]
    /// Claims built (including corrections).
    public var claims: Int
    /// Replacement and void claims among them.
    public var corrections: Int
    /// Total charge in cents.
    public var totalCents: Int64
    /// Lines priced from rates marked as configuration (not verified against a published schedule).
    public var unverifiedRateLines: Int
    /// The claim-exception report (every service left out, with its rule).
    public var exceptionReport: String?
    /// Whether the batch is held for review (`review: required`) until `claims release` or `claims discard`.
    public var awaitingReview = false
}
