/// What one remitted claim does to the claim it names: how it is reported and what is applied.
public struct RemittanceDecision: Sendable, Equatable {
    /// How the reconciliation report and the remitted-claims table classify it.
    public var classification: RemittanceClassification
    /// How it matched.
    public var match: ClaimMatch
    /// The state to record on the matched claim, with ``paidCents``; `nil` leaves the claim as it is.
    public var claimState: ClaimState?
    /// What the claim is now paid, in cents (0 after a reversal: the corrected claim that follows says what
    /// is paid now).
    public var paidCents: Int64
    /// Whether the remitted service lines are applied to the claim's lines.
    public var appliesLines: Bool
    /// Whether the lines' payments are taken back (a reversal) rather than recorded.
    public var takesPaymentBack: Bool
    /// Whether the claim counts towards the average days to payment (a first payment, not a reversal or
    /// a correction).
    public var countsDaysToPayment: Bool
}
