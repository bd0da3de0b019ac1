import Claims

/// A recorded claim as an 835 finds it: what was billed, and what its report rows show.
public struct RemittedClaim: Sendable, Equatable {
    /// The claim as billed and as it stands.
    public var billed: BilledClaim
    /// Student id (for reports).
    public var studentID: String
    /// When its batch was built (ISO 8601).
    public var submittedAt: String

    /// Claim id.
    public var id: Int64 { billed.id }
}
