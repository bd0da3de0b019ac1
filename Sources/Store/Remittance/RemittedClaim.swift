import Claims

/// A recorded claim as an 835 or 999 finds it.
public struct RemittedClaim: Sendable, Equatable {
    /// Claim id.
    public var id: Int64
    /// Current status.
    public var status: ClaimState
    /// Total charge in cents.
    public var totalCents: Int64
    /// Paid so far in cents.
    public var paidCents: Int64?
    /// Student id (for reports).
    public var studentID: String
    /// When its batch was built (ISO 8601).
    public var submittedAt: String
}
