/// What a console user may see and do, enforced on the server for every request.
public enum Role: String, Sendable, CaseIterable {
    /// Everything, the audit trail included.
    case admin
    /// Every district's jobs, claims and remittances, and the actions on them.
    case billing
    /// Only their own district's jobs, receipts and exceptions; no claims, no actions.
    case district

    /// Whether the role sees claims and remittances.
    public var seesClaims: Bool { self != .district }

    /// Whether the role may requeue jobs.
    public var mayAct: Bool { self != .district }
}
