/// The 835 balancing rules (x12.md §4 "Balancing"), exact to the cent.
public enum RemittanceBalance {
    /// Checks one claim: each line, the claim, CLP05 against the PR adjustments, and a reversal's signs.
    public static func check(_ claim: RemittanceClaim) -> [BalanceIssue] {
        var issues: [BalanceIssue] = []
        let pcn = claim.patientControlNumber
        var lineAdjustments = Money.zero
        var patientShare = sum(claim.adjustments, group: .patientResponsibility)
        for line in claim.lines {
            let adjusted = sum(line.adjustments)
            lineAdjustments += adjusted
            patientShare += sum(line.adjustments, group: .patientResponsibility)
            if line.charge - line.paid != adjusted {
                issues.append(
                    BalanceIssue(
                        severity: .error, rule: .lineBalance, segment: line.position, patientControlNumber: pcn,
                        expected: line.charge - line.paid, found: adjusted,
                        message: "SVC02 − SVC03 differs from the sum of the line's CAS amounts"))
            }
        }
        let adjusted = sum(claim.adjustments) + lineAdjustments
        if claim.charge - claim.paid != adjusted {
            issues.append(
                BalanceIssue(
                    severity: .error, rule: .claimBalance, segment: claim.position, patientControlNumber: pcn,
                    expected: claim.charge - claim.paid, found: adjusted,
                    message: "CLP03 − CLP04 differs from the sum of the claim and line CAS amounts"))
        }
        if claim.patientResponsibility != patientShare {
            let reversal = claim.status == .reversal
            issues.append(
                BalanceIssue(
                    severity: reversal ? .warning : .error, rule: .patientResponsibility, segment: claim.position,
                    patientControlNumber: pcn, expected: patientShare, found: claim.patientResponsibility,
                    message: "CLP05 differs from the sum of the PR adjustments on the claim and its lines"))
        }
        if claim.status == .reversal {
            for (name, amount) in [("CLP03", claim.charge), ("CLP04", claim.paid)] where amount > .zero {
                issues.append(
                    BalanceIssue(
                        severity: .error, rule: .reversalSign, segment: claim.position, patientControlNumber: pcn,
                        expected: -amount, found: amount,
                        message: "a reversal (CLP02 22) must carry \(name) negated"))
            }
        }
        return issues
    }

    /// Checks a transaction set: BPR02 (negated for a debit) = Σ CLP04 − Σ PLB.
    public static func check(_ header: RemittanceHeader, _ totals: RemittanceTotals) -> [BalanceIssue] {
        let expected = totals.paid - totals.providerAdjustmentTotal
        guard header.signedPayment != expected else { return [] }
        return [
            BalanceIssue(
                severity: .error, rule: .transactionBalance, segment: header.paymentPosition,
                patientControlNumber: nil, expected: expected, found: header.signedPayment,
                message: "BPR02 differs from the sum of CLP04 less the sum of PLB amounts")
        ]
    }

    private static func sum(_ adjustments: [RemittanceAdjustment], group: AdjustmentGroup? = nil) -> Money {
        var total = Money.zero
        for adjustment in adjustments where group == nil || adjustment.group == group {
            total += adjustment.amount
        }
        return total
    }
}
