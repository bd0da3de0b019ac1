/// Decides, claim by claim through one 835, what each remitted claim does to the claim it names.
///
/// Pure: the caller looks the claim up and applies the decision. Nothing is applied to a claim the remitted
/// claim does not fit: CLP03 must be the charge billed, every SVC line must match a billed line (procedure as
/// billed, modifiers, date when given, charge), a reversal must mirror the payment it takes back, and a claim
/// already paid takes no second payment without a reversal first. It remembers which claims this 835 reversed,
/// so that the payment that follows a reversal is classified `corrected`.
public struct RemittanceClassifier: Sendable {
    private var reversed: Set<String> = []

    /// Creates a classifier for one 835.
    public init() {}

    /// Decides what a remitted claim does.
    ///
    /// A rejected claim (999, TA1 or 277CA) is not live; a replaced or voided one only for the reversal of its
    /// payment. A remitted claim naming no live claim is reported (`unmatched` or `not-live`), one that does not
    /// fit the claim is `mismatched` or `duplicate`; none of them applies anything.
    ///
    /// - Parameters:
    ///   - claim: The remitted claim (835 loop 2100).
    ///   - found: The claim sent with its patient control number (CLP01); `nil` when none was.
    /// - Returns: The classification, the match and what to apply.
    public mutating func decide(_ claim: RemittanceClaim, found: BilledClaim?) -> RemittanceDecision {
        guard let found else { return .nothing(.unmatched, .unmatched) }
        let isReversal = claim.status == .reversal
        let retired = found.status.isRetired
        guard !found.status.isRejected, !retired || isReversal else {
            return .nothing(.notLive, .notLive(status: found.status))
        }
        if let refusal = Self.chargeRefusal(claim, found) ?? (isReversal ? Self.reversalRefusal(claim, found) : nil) {
            return .nothing(.mismatched, .refused(refusal))
        }
        let corrects = !isReversal && (reversed.contains(claim.patientControlNumber) || found.status == .reversed)
        if !isReversal, !corrects, found.holdsPayment, claim.status != .notOurClaimForwarded,
            claim.status != .predeterminationPricingOnly
        {
            let refusal = RemittanceRefusal(
                rule: .duplicatePayment, segment: claim.position, expected: .zero, found: claim.paid,
                message:
                    "claim \(found.id) was already paid \(Money(cents: found.paidCents ?? 0)) and this 835 reverses nothing first: a second payment is not applied"
            )
            return .nothing(.duplicate, .refused(refusal))
        }
        let adjudicated = RemittanceClassification(adjudicating: claim)
        var lines: [RemittanceDecision.LinePayment] = []
        if adjudicated != .notAdjudicated {
            switch Self.assign(claim, to: found, reversal: isReversal) {
            case .success(let assigned): lines = assigned
            case .failure(let refusal): return .nothing(.mismatched, .refused(refusal))
            }
        }
        if isReversal { reversed.insert(claim.patientControlNumber) }
        let notAdjudicated = adjudicated == .notAdjudicated
        return RemittanceDecision(
            classification: corrects ? .corrected : adjudicated, match: .applied,
            claimState: retired || notAdjudicated ? nil : adjudicated.claimState,
            paidCents: notAdjudicated ? nil : (isReversal ? 0 : claim.paid.cents), linePayments: lines,
            retiresCorrected: !isReversal && !notAdjudicated && found.frequency != "1" && found.corrects != nil,
            countsDaysToPayment: !isReversal && !corrects && (adjudicated == .paid || adjudicated == .partial))
    }

    /// CLP03 against the charge billed (negated on a reversal).
    private static func chargeRefusal(_ claim: RemittanceClaim, _ found: BilledClaim) -> RemittanceRefusal? {
        let charge = claim.status == .reversal ? -claim.charge : claim.charge
        guard charge.cents != found.chargeCents else { return nil }
        return RemittanceRefusal(
            rule: .charge, segment: claim.position, expected: Money(cents: found.chargeCents), found: charge,
            message: "CLP03 is not the charge billed on claim \(found.id)")
    }

    /// A reversal takes back exactly what was paid, under the payer's claim number of that payment.
    private static func reversalRefusal(_ claim: RemittanceClaim, _ found: BilledClaim) -> RemittanceRefusal? {
        guard found.holdsPayment else {
            return RemittanceRefusal(
                rule: .reversal, segment: claim.position, expected: .zero, found: -claim.paid,
                message: "a reversal of claim \(found.id), which is \(found.status.rawValue) and holds no payment")
        }
        let paid = Money(cents: found.paidCents ?? 0)
        if -claim.paid != paid {
            return RemittanceRefusal(
                rule: .reversal, segment: claim.position, expected: paid, found: -claim.paid,
                message: "the reversal (CLP04 negated) does not mirror the payment of claim \(found.id)")
        }
        if let number = found.payerClaimNumber, !number.isEmpty, !claim.payerClaimControlNumber.isEmpty,
            number != claim.payerClaimControlNumber
        {
            return RemittanceRefusal(
                rule: .reversal, segment: claim.position,
                message:
                    "the reversal's CLP07 is not the payer claim number of the payment of claim \(found.id) it would reverse"
            )
        }
        return nil
    }

    /// Matches each SVC to a billed line not matched yet: the procedure as billed (SVC06 when the payer changed
    /// it), its modifiers, the date when the line gives one, and the charge (negated on a reversal).
    private static func assign(_ claim: RemittanceClaim, to found: BilledClaim, reversal: Bool)
        -> Result<[RemittanceDecision.LinePayment], RemittanceRefusal>
    {
        var taken = Set<Int>()
        var payments: [RemittanceDecision.LinePayment] = []
        payments.reserveCapacity(claim.lines.count)
        for line in claim.lines {
            let billed = line.originalProcedure ?? line.procedure
            let date = X12Date.iso(line.serviceFrom)
            let charge = reversal ? -line.charge.cents : line.charge.cents
            guard
                let match = found.lines.first(where: {
                    !taken.contains($0.line) && $0.code == billed.code && $0.modifiers == billed.modifiers
                        && (date.isEmpty || $0.serviceDate == date) && $0.chargeCents == charge
                })
            else {
                let modifiers = billed.modifiers.isEmpty ? "" : " " + billed.modifiers.joined(separator: ":")
                return .failure(
                    RemittanceRefusal(
                        rule: .line, segment: line.position,
                        message:
                            "SVC \(billed.code)\(modifiers) of \(Money(cents: charge)) matches no billed line of claim \(found.id) (procedure, modifiers, date and charge)"
                    ))
            }
            taken.insert(match.line)
            payments.append(.init(line: match.line, paidCents: reversal ? nil : line.paid.cents))
        }
        return .success(payments)
    }
}
