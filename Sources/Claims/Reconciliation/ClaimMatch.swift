/// How a remitted claim matched the claims sent to the payer.
public enum ClaimMatch: Sendable, Equatable {
    /// To a live claim, now updated.
    case applied
    /// To no claim sent to this payer.
    case unmatched
    /// To a claim that is no longer live (rejected, replaced or voided): left as it is, to be looked at.
    case notLive(status: ClaimState)
}
