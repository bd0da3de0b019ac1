import Claims

/// One 835 transaction set the simulator writes: one payee's claims, its payment and its PLB pairs.
struct RemittanceSet {
    /// ST02.
    var controlNumber: String
    /// The payee (N1*PE).
    var payee: SubmittedClaim.BillingProvider
    /// The payer (N1*PR).
    var payer: SubmittedClaim.Payer
    /// TRN02: the check number or EFT trace number.
    var paymentNumber: String
    /// The CLP loops, in order.
    var outcomes: [ClaimOutcome]
    /// The PLB pairs (one PLB segment holds them all; at most six).
    var adjustments: [PayerResponse.ProviderAdjustment]

    /// BPR02: the claim payments less the PLB amounts (005010X221A1 balancing).
    var payment: Money {
        outcomes.reduce(.zero) { $0 + $1.paid } - adjustments.reduce(.zero) { $0 + $1.amount }
    }
}
