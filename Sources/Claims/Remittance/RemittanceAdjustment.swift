/// One adjustment of a CAS segment: its group and one reason/amount/quantity triplet (CAS02-04 … CAS17-19).
public struct RemittanceAdjustment: Sendable, Equatable {
    /// CAS01, shared by all triplets of the segment.
    public var group: AdjustmentGroup
    /// The claim adjustment reason code (CARC), e.g. `45`.
    public var reason: String
    /// The amount; negative in a reversal.
    public var amount: Money
    /// The adjusted quantity as sent (empty when absent).
    public var quantity: String

    /// Creates an adjustment.
    public init(group: AdjustmentGroup, reason: String, amount: Money, quantity: String = "") {
        self.group = group
        self.reason = reason
        self.amount = amount
        self.quantity = quantity
    }
}
