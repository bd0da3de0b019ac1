import Claims

/// What the ``PayerSimulator`` answers to one 837P interchange.
public struct PayerResponse: Sendable, Equatable {
    /// A provider-level adjustment (835 PLB03/PLB04 pair).
    public struct ProviderAdjustment: Sendable, Equatable {
        /// ST02 of the 835 set that carries it.
        public var transactionSet: String
        /// PLB03-1: `L6` interest (negative: paid to the provider), `WO` recovery, `FB` forwarding balance.
        public var reason: String
        /// PLB03-2, the reference (a claim or earlier payer claim number).
        public var reference: String
        /// PLB04: positive takes money away from the payment, negative adds to it.
        public var amount: Money
    }

    /// The 999 (005010X231A1) interchange acknowledging the 837's group.
    public var acknowledgment999: [UInt8]
    /// The TA1 interchange, when the options ask for one.
    public var ta1: [UInt8]?
    /// The 835 (005010X221A1) interchange; `nil` when the 999 rejected every set.
    public var remittance835: [UInt8]?
    /// Each CLP of the 835, in order (a reversal comes just before its corrected claim).
    public var outcomes: [ClaimOutcome]
    /// The PLB pairs of the 835.
    public var providerAdjustments: [ProviderAdjustment]
    /// The 277CA (005010X214) interchange, when the options ask for one.
    public var claimAcknowledgment277: [UInt8]? = nil
    /// Each claim of the 277CA, in order.
    public var claimAcknowledgments: [ClaimAcknowledgmentOutcome] = []
}
