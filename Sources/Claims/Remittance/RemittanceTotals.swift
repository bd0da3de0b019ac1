/// The end of one 835 transaction set: its provider-level adjustments and the running sums over its claims.
public struct RemittanceTotals: Sendable, Equatable {
    /// ST02 transaction set control number.
    public var controlNumber: String
    /// Position of the SE segment.
    public var position: Int
    /// Number of CLP segments.
    public var claimCount: Int
    /// Sum of CLP03.
    public var charge: Money
    /// Sum of CLP04.
    public var paid: Money
    /// Sum of CLP05.
    public var patientResponsibility: Money
    /// PLB pairs, in order.
    public var providerAdjustments: [ProviderAdjustment]
    /// Sum of the PLB amounts.
    public var providerAdjustmentTotal: Money
    /// BPR02, negated for a debit.
    public var payment: Money

    /// Creates totals.
    public init(
        controlNumber: String, position: Int, claimCount: Int, charge: Money, paid: Money,
        patientResponsibility: Money, providerAdjustments: [ProviderAdjustment], providerAdjustmentTotal: Money,
        payment: Money
    ) {
        self.controlNumber = controlNumber
        self.position = position
        self.claimCount = claimCount
        self.charge = charge
        self.paid = paid
        self.patientResponsibility = patientResponsibility
        self.providerAdjustments = providerAdjustments
        self.providerAdjustmentTotal = providerAdjustmentTotal
        self.payment = payment
    }
}
