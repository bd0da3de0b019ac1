import Claims
import Foundation
import Testing
import Values

@Suite struct RemittanceSummaryTests {
    private func claim(_ status: ClaimStatus, paid: Int64, reasons: [String] = []) -> RemittanceClaim {
        var claim = RemittanceClaim(
            position: 1, patientControlNumber: "PCN", status: status, charge: Money(cents: 10_000),
            paid: Money(cents: paid))
        claim.adjustments = reasons.map {
            RemittanceAdjustment(group: .contractualObligation, reason: $0, amount: Money(cents: 10_000))
        }
        return claim
    }

    private func json(_ summary: RemittanceSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }

    @Test func emptySummary() throws {
        let summary = RemittanceSummary(jobID: 7, file: "a.835", payer: "demo")
        #expect(
            try json(summary)
                == #"{"average_days_to_payment":null,"balance_check":"balanced","balance_issues":[],"counts_by_status":{},"denial_rate":0,"file":"a.835","first_pass_paid_rate":0,"job_id":7,"payer":"demo","payment":"0.00","sets":[],"top_denial_reasons":[],"unmatched_claims":0}"#
        )
    }

    @Test func ratesAndReasons() throws {
        var classifier = RemittanceClassifier()
        var summary = RemittanceSummary(jobID: 1, file: "a.835", payer: "demo")
        let claims = [
            (claim(.processedAsPrimary, paid: 10_000), ClaimState?.some(.accepted)),
            (claim(.processedAsPrimary, paid: 5_000), .accepted),
            (claim(.denied, paid: 0, reasons: ["96", "16"]), .accepted),
            (claim(.denied, paid: 0, reasons: ["96", "96"]), .accepted),
            (claim(.processedAsPrimary, paid: 10_000), nil),
            (claim(.notOurClaimForwarded, paid: 0), .accepted),
        ]
        for (remitted, found) in claims {
            summary.count(
                classifier.decide(remitted, found: found.map { BilledClaim(id: 1, status: $0, chargeCents: 10_000) }),
                of: remitted)
        }
        #expect(
            summary.countsByClassification == [.paid: 1, .partial: 1, .denied: 2, .unmatched: 1, .notAdjudicated: 1])
        #expect(summary.unmatchedClaims == 1)
        #expect(summary.denialRate == 0.5 && summary.firstPassPaidRate == 0.5)
        #expect(summary.topDenialReasons.map(\.code) == ["CO-96", "CO-16"])
        #expect(summary.topDenialReasons.map(\.claims) == [2, 1])
        #expect(summary.averageDaysToPayment == nil)
        let submitted = try #require(Day(iso: "2025-01-01"))
        summary.addDaysToPayment(from: submitted, to: submitted.adding(days: 10))
        summary.addDaysToPayment(from: submitted, to: submitted.adding(days: 13))
        #expect(summary.averageDaysToPayment == 11.5)
    }

    @Test func x12Dates() {
        #expect(X12Date.iso("20250131") == "2025-01-31")
        #expect(X12Date.iso("2025013") == "2025013")
        #expect(X12Date.iso("2025O131") == "2025O131")
    }
}
