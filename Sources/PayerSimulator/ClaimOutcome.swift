import Claims

/// How the simulated payer adjudicated one claim: one CLP loop of the 835.
public struct ClaimOutcome: Sendable, Equatable {
    /// The kind of answer.
    public enum Kind: String, Sendable, Equatable {
        /// Paid at the billed charge (CLP02 `1`, no adjustment).
        case paidInFull
        /// Paid less a contractual reduction (CO-45) and maybe coinsurance (PR-2) or a copay (PR-3).
        case partial
        /// Denied (CLP02 `4`, nothing paid, CO adjustments for the whole charge).
        case denied
        /// Reversal of an earlier payment (CLP02 `22`): every amount negated, the same group and reason codes.
        case reversal
    }

    /// One CAS adjustment: group, reason (CARC) and amount.
    public struct Adjustment: Sendable, Equatable {
        /// CAS01: `CO`, `PR`, `OA` or `PI`.
        public var group: String
        /// The claim adjustment reason code.
        public var reason: String
        /// The amount (negative in a reversal).
        public var amount: Money
    }

    /// One SVC loop (2110): the billed line and what was paid for it.
    public struct Line: Sendable, Equatable {
        /// The billed line.
        public var submitted: SubmittedLine
        /// SVC02 (negative in a reversal).
        public var charge: Money
        /// SVC03 (negative in a reversal).
        public var paid: Money
        /// The line's CAS adjustments; `charge - paid` is their sum.
        public var adjustments: [Adjustment]
        /// The line's remark codes (RARCs), sent as LQ*HE.
        public var remarks: [String] = []
    }

    /// The claim as billed.
    public var claim: SubmittedClaim
    /// The kind of answer.
    public var kind: Kind
    /// Whether this claim follows a reversal of the same claim (a corrected adjudication).
    public var isCorrection: Bool
    /// CLP07, the payer's claim control number.
    public var payerClaimControlNumber: String
    /// The lines.
    public var lines: [Line]

    /// CLP02: `1` processed as primary, `4` denied, `22` reversal.
    public var status: String {
        switch kind {
        case .paidInFull, .partial: "1"
        case .denied: "4"
        case .reversal: "22"
        }
    }

    /// CLP03, the sum of the line charges.
    public var charge: Money { lines.reduce(.zero) { $0 + $1.charge } }
    /// CLP04, the sum of the line payments.
    public var paid: Money { lines.reduce(.zero) { $0 + $1.paid } }
    /// CLP05, the sum of the `PR` adjustments.
    public var patientResponsibility: Money {
        lines.flatMap(\.adjustments).filter { $0.group == "PR" }.reduce(.zero) { $0 + $1.amount }
    }
}
