/// One 837P transaction set (ST..SE) of a ``SubmittedBatch``.
public struct SubmittedTransactionSet: Sendable, Equatable {
    /// ST02, the control number a 999 refers back to in AK202.
    public var controlNumber: String
    /// The claims of the set, in file order.
    public var claims: [SubmittedClaim]
    /// BHT03, the submitter's batch reference a 277CA refers back to in loop 2200B TRN02.
    public var reference = ""
    /// NM103 of the submitter (1000A `NM1*41`).
    public var submitterName = ""
    /// NM109 of the submitter (1000A `NM1*41`).
    public var submitterID = ""
}
