/// How the simulated payer answered one claim in its 277CA (005010X214 loop 2200D).
public struct ClaimAcknowledgmentOutcome: Sendable, Equatable {
    /// The claim as billed.
    public var claim: SubmittedClaim
    /// STC01-1: `A2` accepted into adjudication, or a rejection category (`A3`, `A6`, `A7`).
    public var category: String
    /// STC01-2, the claim status code (`20` accepted for processing, `164` entity's contract/member number, …).
    public var status: String
    /// STC01-3, the entity the status concerns; may be empty.
    public var entity: String
    /// REF02 of `REF*1K`, the payer's claim number (the 835's CLP07); empty for a rejected claim or a void.
    public var payerClaimNumber: String

    /// Whether the claim was accepted into adjudication.
    public var isAccepted: Bool { category == "A2" }

    /// The realistic rejections the simulator draws from: an invalid subscriber id, the wrong payer, an invalid
    /// procedure code.
    static let rejections: [(category: String, status: String, entity: String)] = [
        ("A7", "164", "IL"), ("A3", "116", "PR"), ("A7", "454", ""),
    ]
}
