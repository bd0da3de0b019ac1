/// One reason/amount pair of a PLB segment (provider-level adjustment, 835 footer).
///
/// A positive amount is taken from the payment, a negative one added to it (interest `L6` is negative).
public struct ProviderAdjustment: Sendable, Equatable {
    /// Position of the PLB segment.
    public var position: Int
    /// PLB01 provider identifier.
    public var providerID: String
    /// PLB02 fiscal period date (CCYYMMDD).
    public var fiscalPeriodDate: String
    /// Component 1 of the pair's first element: the reason code (`WO`, `L6`, `FB`…).
    public var reason: String
    /// Component 2: a reference such as the claim a recovery belongs to (empty when absent).
    public var reference: String
    /// The amount.
    public var amount: Money

    /// Creates a provider adjustment.
    public init(
        position: Int, providerID: String, fiscalPeriodDate: String, reason: String, reference: String = "",
        amount: Money
    ) {
        self.position = position
        self.providerID = providerID
        self.fiscalPeriodDate = fiscalPeriodDate
        self.reason = reason
        self.reference = reference
        self.amount = amount
    }
}
