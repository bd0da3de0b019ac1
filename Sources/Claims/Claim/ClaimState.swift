/// Where a claim sent to a payer is in its life, as recorded (the text is stored as is).
///
/// `built → submitted → accepted | rejected` by 999/TA1; `→ accepted-by-payer | rejected-by-payer` by a 277CA; an
/// 835 makes it `paid`, `partial`, `denied` or `reversed`; an accepted replacement or void makes the claim it
/// corrects `replaced` or `voided`.
public enum ClaimState: String, Sendable, Codable, CaseIterable {
    /// In a batch that was built.
    case built
    /// In a batch that was delivered.
    case submitted
    /// Accepted by the payer's 999 or TA1.
    case accepted
    /// Rejected by the payer's 999 or TA1: its services are billable again.
    case rejected
    /// Accepted into adjudication by the payer's 277CA (005010X214, categories `A1`, `A2`…).
    case acceptedByPayer = "accepted-by-payer"
    /// Rejected before adjudication by the payer's 277CA (categories `A3`, `A6`, `A7`…): its services are billable
    /// again.
    case rejectedByPayer = "rejected-by-payer"
    /// Paid in full by an 835.
    case paid
    /// Paid less than billed by an 835.
    case partial
    /// Denied by an 835.
    case denied
    /// Its payment taken back by an 835 reversal.
    case reversed
    /// Corrected by an accepted replacement (frequency 7).
    case replaced
    /// Cancelled by an accepted void (frequency 8).
    case voided

    /// Whether a replacement or void retired it: only a reversal of its payment still applies to it.
    public var isRetired: Bool { self == .replaced || self == .voided }

    /// Whether the payer adjudicated it, or accepted it into adjudication, so that a replacement or void may
    /// correct it.
    public var isAdjudicated: Bool { [.accepted, .acceptedByPayer, .paid, .partial, .denied].contains(self) }

    /// Whether a 999, TA1 or 277CA rejected it: it is not live, its services are billable again.
    public var isRejected: Bool { self == .rejected || self == .rejectedByPayer }
}
