/// What one remitted claim does to the claim it names: how it is reported and what is applied.
public struct RemittanceDecision: Sendable, Equatable {
    /// How the reconciliation report and the remitted-claims table classify it.
    public var classification: RemittanceClassification
    /// How it matched.
    public var match: ClaimMatch
    /// The state to record on the matched claim; `nil` leaves the state as it is.
    public var claimState: ClaimState?
    /// What the claim is paid now, in cents (0 after a reversal: the corrected claim that follows says what is
    /// paid now); `nil` when nothing is applied.
    public var paidCents: Int64?
    /// What each remitted service line records on the billed line it matched (`paidCents` `nil`: a reversal takes
    /// the line's payment back).
    public var linePayments: [LinePayment]
    /// Whether it adjudicates a replacement or void, which retires the claim it corrects whatever the order the
    /// payer's 999, 277CA and 835 arrive in.
    public var retiresCorrected: Bool
    /// Whether the claim counts towards the average days to payment (a first payment, not a reversal or
    /// a correction).
    public var countsDaysToPayment: Bool

    /// A billed line and what a remitted service line records on it.
    public struct LinePayment: Sendable, Equatable {
        /// The billed line number.
        public var line: Int
        /// SVC03 in cents; `nil` takes the line's payment back.
        public var paidCents: Int64?

        /// Creates a line payment.
        public init(line: Int, paidCents: Int64?) {
            self.line = line
            self.paidCents = paidCents
        }
    }

    /// A decision that applies nothing.
    public static func nothing(_ classification: RemittanceClassification, _ match: ClaimMatch) -> RemittanceDecision {
        RemittanceDecision(
            classification: classification, match: match, claimState: nil, paidCents: nil, linePayments: [],
            retiresCorrected: false, countsDaysToPayment: false)
    }

    /// Whether anything is applied to the claim.
    public var applies: Bool { match == .applied }
}
