/// CLP02 claim status code (005010X221A1 loop 2100): how the payer adjudicated the claim.
public enum ClaimStatus: String, Sendable, CaseIterable {
    /// `1` processed as primary.
    case processedAsPrimary = "1"
    /// `2` processed as secondary.
    case processedAsSecondary = "2"
    /// `3` processed as tertiary.
    case processedAsTertiary = "3"
    /// `4` denied.
    case denied = "4"
    /// `19` processed as primary, forwarded to additional payer(s).
    case primaryForwarded = "19"
    /// `20` processed as secondary, forwarded to additional payer(s).
    case secondaryForwarded = "20"
    /// `21` processed as tertiary, forwarded to additional payer(s).
    case tertiaryForwarded = "21"
    /// `22` reversal of a previous payment: every amount negated.
    case reversal = "22"
    /// `23` not our claim, forwarded to another payer.
    case notOurClaimForwarded = "23"
    /// `25` predetermination pricing only, no payment.
    case predeterminationPricingOnly = "25"
}
