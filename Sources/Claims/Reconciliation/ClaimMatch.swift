/// How a remitted claim matched the claims sent to the payer.
public enum ClaimMatch: Sendable, Equatable {
    /// To a live claim, now updated.
    case applied
    /// To no claim sent to this payer.
    case unmatched
    /// To a claim that is no longer live (rejected, replaced or voided): left as it is, to be looked at.
    case notLive(status: ClaimState)
    /// To a claim it does not fit (charge, lines, reversal amounts, a second payment): left as it is, reported.
    case refused(RemittanceRefusal)
    /// In a transaction set held for the operator (it does not balance): nothing applied yet.
    case held
}
