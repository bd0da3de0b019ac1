/// One 837P transaction set (ST..SE) of a ``SubmittedBatch``.
public struct SubmittedTransactionSet: Sendable, Equatable {
    /// ST02, the control number a 999 refers back to in AK202.
    public var controlNumber: String
    /// The claims of the set, in file order.
    public var claims: [SubmittedClaim]
}
