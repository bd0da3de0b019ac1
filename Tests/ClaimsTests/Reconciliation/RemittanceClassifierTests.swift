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

    @Test(arguments: [
        (ClaimStatus.processedAsPrimary, Int64(10_000), RemittanceClassification.paid),
        (.processedAsPrimary, 4_000, .partial), (.processedAsPrimary, 0, .denied), (.denied, 0, .denied),
        (.reversal, -10_000, .reversed), (.notOurClaimForwarded, 0, .notAdjudicated),
        (.predeterminationPricingOnly, 0, .notAdjudicated), (.primaryForwarded, 12_000, .paid),
    ])
    func adjudication(status: ClaimStatus, paid: Int64, expected: RemittanceClassification) {
        var classifier = RemittanceClassifier()
        let decision = classifier.decide(claim(status, paid: paid), found: .accepted)
        #expect(decision.classification == expected)
        #expect(decision.match == .applied)
        #expect(decision.claimState == expected.claimState)
        #expect(decision.appliesLines == (expected != .notAdjudicated))
    }

    @Test func unmatchedAndNotLive() {
        var classifier = RemittanceClassifier()
        let unmatched = classifier.decide(claim(.processedAsPrimary, paid: 10_000), found: nil)
        #expect(unmatched.classification == .unmatched && unmatched.match == .unmatched)
        #expect(unmatched.claimState == nil && !unmatched.appliesLines)
        for state in [ClaimState.rejected, .replaced, .voided] {
            let decision = classifier.decide(claim(.processedAsPrimary, paid: 10_000), found: state)
            #expect(decision.classification == .notLive && decision.match == .notLive(status: state))
            #expect(decision.claimState == nil && !decision.appliesLines && !decision.countsDaysToPayment)
        }
    }

    @Test func retiredClaimTakesOnlyAReversal() {
        var classifier = RemittanceClassifier()
        let reversal = classifier.decide(claim(.reversal, charge: -10_000, paid: -10_000), found: .replaced)
        #expect(reversal.match == .applied && reversal.classification == .reversed)
        #expect(reversal.claimState == nil, "a replaced claim keeps its state")
        #expect(reversal.appliesLines && reversal.takesPaymentBack && reversal.paidCents == 0)
        let rejected = classifier.decide(claim(.reversal, charge: -10_000, paid: -10_000), found: .rejected)
        #expect(rejected.match == .notLive(status: .rejected))
    }

    @Test func reversalThenCorrection() {
        var classifier = RemittanceClassifier()
        let reversal = classifier.decide(claim(.reversal, charge: -10_000, paid: -10_000), found: .paid)
        #expect(reversal.classification == .reversed && reversal.claimState == .reversed)
        #expect(reversal.paidCents == 0 && reversal.takesPaymentBack && !reversal.countsDaysToPayment)
        let corrected = classifier.decide(claim(.processedAsPrimary, paid: 8_000), found: .reversed)
        #expect(corrected.classification == .corrected && corrected.claimState == .partial)
        #expect(corrected.paidCents == 8_000 && !corrected.takesPaymentBack && !corrected.countsDaysToPayment)
        let other = classifier.decide(claim(.processedAsPrimary, paid: 10_000, pcn: "PCN2"), found: .accepted)
        #expect(other.classification == .paid && other.countsDaysToPayment)
    }
}
