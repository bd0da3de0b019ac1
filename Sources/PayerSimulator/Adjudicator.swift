import Claims

/// The seeded decisions of the ``PayerSimulator``: which claim gets which answer, and the amounts.
///
/// Every amount is integer cents; each line balances by construction (charge − paid = its adjustments).
struct Adjudicator {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// The answers for `count` claims: at least one paid in full, one partial and one denied once there are
    /// three claims, the rest drawn (half partial, a third paid in full, the rest denied), in shuffled order.
    mutating func plan(count: Int) -> [ClaimOutcome.Kind] {
        var kinds: [ClaimOutcome.Kind] = count >= 3 ? [.paidInFull, .partial, .denied] : []
        while kinds.count < count {
            let roll = random.below(6)
            kinds.append(roll < 3 ? .partial : roll < 5 ? .paidInFull : .denied)
        }
        kinds.shuffle(using: &random)
        return kinds
    }

    /// Which claim without a REF*F8 reference gets a reversal and a correction: one of `candidates`.
    mutating func pick(_ candidates: [Int]) -> Int? {
        candidates.isEmpty ? nil : candidates[random.below(candidates.count)]
    }

    /// The lines of `claim` answered as `kind` (`.reversal` is made by ``reversed(_:)`` instead).
    mutating func lines(of claim: SubmittedClaim, as kind: ClaimOutcome.Kind) -> [ClaimOutcome.Line] {
        switch kind {
        case .paidInFull, .reversal:
            return claim.lines.map {
                ClaimOutcome.Line(submitted: $0, charge: $0.charge, paid: $0.charge, adjustments: [])
            }
        case .partial:
            return claim.lines.enumerated().map { index, line in partial(line, patientShare: index == 0) }
        case .denied:
            let reasons = ["50", "96", "197", "29", "109"]
            let reason = reasons[random.below(reasons.count)]
            return claim.lines.map {
                ClaimOutcome.Line(
                    submitted: $0, charge: $0.charge, paid: .zero,
                    adjustments: [ClaimOutcome.Adjustment(group: "CO", reason: reason, amount: $0.charge)],
                    remarks: Self.denialRemarks[reason, default: []])
            }
        }
    }

    /// The remark codes a denial reason comes with (none for a late filing: the CARC says it all).
    private static let denialRemarks: [String: [String]] = [
        "50": ["N130"], "96": ["N130"], "197": ["M62"], "109": ["N418"],
    ]

    /// The same lines with every amount negated and the same group and reason codes.
    func reversed(_ lines: [ClaimOutcome.Line]) -> [ClaimOutcome.Line] {
        lines.map { line in
            ClaimOutcome.Line(
                submitted: line.submitted, charge: -line.charge, paid: -line.paid,
                adjustments: line.adjustments.map {
                    ClaimOutcome.Adjustment(group: $0.group, reason: $0.reason, amount: -$0.amount)
                })
        }
    }

    /// A number of cents in `range`.
    mutating func cents(_ range: ClosedRange<Int>) -> Money {
        Money(cents: Int64(range.lowerBound + random.below(range.count)))
    }

    /// Whether a coin lands heads.
    mutating func coin() -> Bool {
        random.below(2) == 0
    }

    /// A line reduced by a contractual CO-45 of 8-30 %; on the first line maybe a PR-3 copay or PR-2 coinsurance.
    private mutating func partial(_ line: SubmittedLine, patientShare: Bool) -> ClaimOutcome.Line {
        let percent = Int64(8 + random.below(23))
        let contractual = Money(cents: line.charge.cents * percent / 100)
        var adjustments: [ClaimOutcome.Adjustment] = []
        if contractual > .zero {
            adjustments.append(ClaimOutcome.Adjustment(group: "CO", reason: "45", amount: contractual))
        }
        let allowed = line.charge - contractual
        if patientShare {
            let share: ClaimOutcome.Adjustment? =
                switch random.below(3) {
                case 0: ClaimOutcome.Adjustment(group: "PR", reason: "3", amount: min(allowed, Money(cents: 500)))
                case 1: ClaimOutcome.Adjustment(group: "PR", reason: "2", amount: Money(cents: allowed.cents / 5))
                default: nil
                }
            if let share, share.amount > .zero { adjustments.append(share) }
        }
        let paid = adjustments.reduce(line.charge) { $0 - $1.amount }
        return ClaimOutcome.Line(submitted: line, charge: line.charge, paid: paid, adjustments: adjustments)
    }
}
