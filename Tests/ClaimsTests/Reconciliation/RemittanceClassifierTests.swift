import Claims
import Testing

@Suite struct RemittanceClassifierTests {
    private func claim(_ status: ClaimStatus, charge: Int64 = 10_000, paid: Int64, pcn: String = "PCN1")
        -> RemittanceClaim
    {
        RemittanceClaim(
            position: 1, patientControlNumber: pcn, status: status, charge: Money(cents: charge),
            paid: Money(cents: paid))
    }

    /// A claim billed 100.00 on one line of 92507 GN on 2026-10-05.
    private func billed(
        _ state: ClaimState, paid: Int64? = nil, payerNumber: String? = nil, frequency: String = "1",
        corrects: Int64? = nil
    ) -> BilledClaim {
        BilledClaim(
            id: 1, status: state, chargeCents: 10_000, paidCents: paid, payerClaimNumber: payerNumber,
            frequency: frequency, corrects: corrects,
            lines: [
                BilledLine(line: 1, code: "92507", modifiers: ["GN"], serviceDate: "2026-10-05", chargeCents: 10_000)
            ])
    }

    /// A remitted line for the billed line: 92507 GN on 2026-10-05.
    private func line(charge: Int64 = 10_000, paid: Int64, code: String = "92507", date: String = "20261005")
        -> RemittanceServiceLine
    {
        var line = RemittanceServiceLine(
            position: 5, procedure: ServiceProcedure(qualifier: "HC", code: code, modifiers: ["GN"]),
            charge: Money(cents: charge), paid: Money(cents: paid))
        line.serviceFrom = date
        return line
    }

    @Test(arguments: [
        (ClaimStatus.processedAsPrimary, Int64(10_000), RemittanceClassification.paid),
        (.processedAsPrimary, 4_000, .partial), (.processedAsPrimary, 0, .denied), (.denied, 0, .denied),
        (.notOurClaimForwarded, 0, .notAdjudicated), (.predeterminationPricingOnly, 0, .notAdjudicated),
        (.primaryForwarded, 12_000, .paid),
    ])
    func adjudication(status: ClaimStatus, paid: Int64, expected: RemittanceClassification) {
        var classifier = RemittanceClassifier()
        var remitted = claim(status, paid: paid)
        remitted.lines = [line(paid: paid)]
        let decision = classifier.decide(remitted, found: billed(.accepted))
        #expect(decision.classification == expected)
        #expect(decision.match == .applied)
        #expect(decision.claimState == expected.claimState)
        #expect(decision.linePayments.count == (expected != .notAdjudicated ? 1 : 0))
        #expect(decision.paidCents == (expected == .notAdjudicated ? nil : paid))
    }

    @Test func unmatchedAndNotLive() {
        var classifier = RemittanceClassifier()
        let unmatched = classifier.decide(claim(.processedAsPrimary, paid: 10_000), found: nil)
        #expect(unmatched.classification == .unmatched && unmatched.match == .unmatched)
        #expect(unmatched.claimState == nil && unmatched.linePayments.isEmpty && unmatched.paidCents == nil)
        for state in [ClaimState.rejected, .replaced, .voided] {
            let decision = classifier.decide(claim(.processedAsPrimary, paid: 10_000), found: billed(state))
            #expect(decision.classification == .notLive && decision.match == .notLive(status: state))
            #expect(decision.claimState == nil && decision.linePayments.isEmpty && !decision.countsDaysToPayment)
        }
    }

    @Test func retiredClaimTakesOnlyAReversalOfItsPayment() {
        var classifier = RemittanceClassifier()
        var reversal = claim(.reversal, charge: -10_000, paid: -10_000)
        reversal.lines = [line(charge: -10_000, paid: -10_000)]
        let decision = classifier.decide(reversal, found: billed(.replaced, paid: 10_000))
        #expect(decision.match == .applied && decision.classification == .reversed)
        #expect(decision.claimState == nil, "a replaced claim keeps its state")
        #expect(decision.paidCents == 0, "but its payment is taken back")
        #expect(decision.linePayments == [.init(line: 1, paidCents: nil)])
        let rejected = classifier.decide(reversal, found: billed(.rejected))
        #expect(rejected.match == .notLive(status: .rejected))
    }

    @Test func reversalThenCorrection() {
        var classifier = RemittanceClassifier()
        let reversal = classifier.decide(
            claim(.reversal, charge: -10_000, paid: -10_000), found: billed(.paid, paid: 10_000))
        #expect(reversal.classification == .reversed && reversal.claimState == .reversed)
        #expect(reversal.paidCents == 0 && !reversal.countsDaysToPayment)
        let corrected = classifier.decide(claim(.processedAsPrimary, paid: 8_000), found: billed(.reversed, paid: 0))
        #expect(corrected.classification == .corrected && corrected.claimState == .partial)
        #expect(corrected.paidCents == 8_000 && !corrected.countsDaysToPayment)
        let other = classifier.decide(claim(.processedAsPrimary, paid: 10_000, pcn: "PCN2"), found: billed(.accepted))
        #expect(other.classification == .paid && other.countsDaysToPayment)
    }

    @Test func aChargeOtherThanBilledIsNotApplied() {
        var classifier = RemittanceClassifier()
        let decision = classifier.decide(
            claim(.processedAsPrimary, charge: 5_200, paid: 12_000), found: billed(.accepted))
        #expect(decision.classification == .mismatched && decision.paidCents == nil)
        guard case .refused(let refusal) = decision.match else {
            Issue.record("expected a refusal, got \(decision.match)")
            return
        }
        #expect(refusal.rule == .charge)
        #expect(refusal.expected == Money(cents: 10_000) && refusal.found == Money(cents: 5_200))
        #expect(refusal.description.hasSuffix("expected 100.00, found 52.00, difference -48.00"))
    }

    @Test func aLineMatchingNoBilledLineIsNotApplied() {
        for other in [
            line(paid: 10_000, code: "97110"), line(paid: 10_000, date: "20261006"), line(charge: 9_000, paid: 9_000),
        ] {
            var classifier = RemittanceClassifier()
            var remitted = claim(.processedAsPrimary, paid: 10_000)
            remitted.lines = [other]
            let decision = classifier.decide(remitted, found: billed(.accepted))
            #expect(decision.match == .refused(decision.refusal!) && decision.refusal?.rule == .line)
            #expect(decision.linePayments.isEmpty && decision.paidCents == nil)
        }
        var classifier = RemittanceClassifier()
        var twice = claim(.processedAsPrimary, paid: 10_000)
        twice.lines = [line(charge: 5_000, paid: 5_000), line(charge: 5_000, paid: 5_000)]
        #expect(classifier.decide(twice, found: billed(.accepted)).refusal?.rule == .line, "one billed line, two SVCs")
        var undated = claim(.processedAsPrimary, paid: 10_000)
        undated.lines = [line(paid: 10_000, date: "")]
        #expect(
            classifier.decide(undated, found: billed(.accepted)).linePayments == [.init(line: 1, paidCents: 10_000)])
    }

    @Test func aReversalMustMirrorThePaymentItTakesBack() {
        var reversal = claim(.reversal, charge: -10_000, paid: -3_920)
        reversal.payerClaimControlNumber = "PAY-1"
        var classifier = RemittanceClassifier()
        let wrongAmount = classifier.decide(reversal, found: billed(.paid, paid: 4_160, payerNumber: "PAY-1"))
        #expect(wrongAmount.refusal?.rule == .reversal && wrongAmount.classification == .mismatched)
        #expect(
            wrongAmount.refusal?.expected == Money(cents: 4_160) && wrongAmount.refusal?.found == Money(cents: 3_920))
        #expect(classifier.decide(reversal, found: billed(.denied, paid: 0)).refusal?.rule == .reversal)
        #expect(classifier.decide(reversal, found: billed(.accepted)).refusal?.rule == .reversal)
        let otherNumber = classifier.decide(reversal, found: billed(.paid, paid: 3_920, payerNumber: "PAY-9"))
        #expect(otherNumber.refusal?.rule == .reversal, "CLP07 names another payment")
        let mirrored = classifier.decide(reversal, found: billed(.paid, paid: 3_920, payerNumber: "PAY-1"))
        #expect(mirrored.match == .applied && mirrored.paidCents == 0)
    }

    @Test func aSecondPaymentWithoutAReversalIsADuplicate() {
        var classifier = RemittanceClassifier()
        let again = classifier.decide(claim(.processedAsPrimary, paid: 10_000), found: billed(.paid, paid: 10_000))
        #expect(again.classification == .duplicate && again.refusal?.rule == .duplicatePayment)
        #expect(again.paidCents == nil && again.linePayments.isEmpty)
        let afterDenial = classifier.decide(claim(.processedAsPrimary, paid: 10_000), found: billed(.denied, paid: 0))
        #expect(afterDenial.match == .applied, "a denied claim paid on appeal is a payment, not a duplicate")
        _ = classifier.decide(claim(.reversal, charge: -10_000, paid: -10_000), found: billed(.paid, paid: 10_000))
        let corrected = classifier.decide(claim(.processedAsPrimary, paid: 9_000), found: billed(.paid, paid: 10_000))
        #expect(corrected.match == .applied && corrected.classification == .corrected, "reversed first in this 835")
    }

    @Test func adjudicatingACorrectionRetiresTheClaimItCorrects() {
        var classifier = RemittanceClassifier()
        let replacement = classifier.decide(
            claim(.processedAsPrimary, paid: 10_000), found: billed(.submitted, frequency: "7", corrects: 9))
        #expect(replacement.retiresCorrected)
        let original = classifier.decide(claim(.processedAsPrimary, paid: 10_000), found: billed(.accepted))
        #expect(!original.retiresCorrected)
    }
}

extension RemittanceDecision {
    /// The refusal, when the remitted claim was refused.
    fileprivate var refusal: RemittanceRefusal? {
        if case .refused(let refusal) = match { refusal } else { nil }
    }
}
