/// What an 835's claim payment (CLP) means for the claim it names, as the reconciliation report and the
/// remitted-claims table spell it.
public enum RemittanceClassification: String, Sendable, Codable, CaseIterable {
    /// Paid at least the charge.
    case paid
    /// Paid less than the charge.
    case partial
    /// Denied (CLP02 4, or nothing paid).
    case denied
    /// A reversal of an earlier payment (CLP02 22).
    case reversed
    /// The corrected claim that follows a reversal of the same claim in this 835.
    case corrected
    /// Forwarded or priced only (CLP02 23, 25): nothing decided.
    case notAdjudicated = "not-adjudicated"
    /// Names no claim sent to this payer.
    case unmatched
    /// Names a claim that is no longer live (rejected, replaced or voided).
    case notLive = "not-live"
    /// Names a claim it does not fit: another charge or lines, or a reversal of a payment never made.
    case mismatched
    /// A second payment for a claim already paid, with no reversal of the first.
    case duplicate
    /// In a transaction set that does not balance: held for the operator, nothing applied.
    case held

    /// How the payer decided the claim itself (CLP02 and the amounts), before matching it to a claim.
    ///
    /// - Parameter claim: The remitted claim.
    /// - Returns: `paid`, `partial`, `denied`, `reversed` or `notAdjudicated`.
    public init(adjudicating claim: RemittanceClaim) {
        switch claim.status {
        case .reversal: self = .reversed
        case .denied: self = .denied
        case .notOurClaimForwarded, .predeterminationPricingOnly: self = .notAdjudicated
        default:
            self = claim.paid == .zero ? .denied : (claim.paid.cents >= claim.charge.cents ? .paid : .partial)
        }
    }

    /// The claim state it records on the matched claim; `nil` when the claim is left as it is.
    public var claimState: ClaimState? {
        switch self {
        case .paid: return .paid
        case .partial: return .partial
        case .denied: return .denied
        case .reversed: return .reversed
        case .corrected, .notAdjudicated, .unmatched, .notLive, .mismatched, .duplicate, .held: return nil
        }
    }

    /// Whether it is a first adjudication counted by the denial and first-pass paid rates.
    public var isFirstPass: Bool { self == .paid || self == .partial || self == .denied }
}
