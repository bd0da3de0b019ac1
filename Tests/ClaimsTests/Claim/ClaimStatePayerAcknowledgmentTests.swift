import Claims
import Testing

/// The 277CA states: raw values as stored, what they allow, and how an 835 meets them.
@Suite struct ClaimStatePayerAcknowledgmentTests {
    @Test func rawValuesAndProperties() {
        #expect(ClaimState.acceptedByPayer.rawValue == "accepted-by-payer")
        #expect(ClaimState.rejectedByPayer.rawValue == "rejected-by-payer")
        #expect(ClaimState.acceptedByPayer.isAdjudicated && !ClaimState.acceptedByPayer.isRejected)
        #expect(!ClaimState.rejectedByPayer.isAdjudicated && ClaimState.rejectedByPayer.isRejected)
        #expect(ClaimState.rejected.isRejected && !ClaimState.paid.isRejected)
    }

    @Test func an835PaysAClaimAcceptedByThePayerButNotOneItRejected() {
        let remitted = RemittanceClaim(
            position: 1, patientControlNumber: "DG1", status: .processedAsPrimary, charge: Money(cents: 10_000),
            paid: Money(cents: 10_000))
        var classifier = RemittanceClassifier()
        let paid = classifier.decide(remitted, found: BilledClaim(id: 1, status: .acceptedByPayer, chargeCents: 10_000))
        #expect(paid.match == .applied && paid.claimState == .paid)
        let refused = classifier.decide(
            remitted, found: BilledClaim(id: 1, status: .rejectedByPayer, chargeCents: 10_000))
        #expect(
            refused.match == .notLive(status: .rejectedByPayer) && refused.claimState == nil && refused.paidCents == nil
        )
    }
}
