import Claims
import Formats
import Foundation
import PayerSimulator
import PyX12Support
import TestThreads
import Testing

@Suite(.blocking) struct ClaimAcknowledgmentSimulatorTests {
    func respond(seed: UInt64 = 7, _ options: SimulationOptions) throws -> PayerResponse {
        try PayerSimulator(seed: seed).respond(to: Fixture.bytes(PayerSimulatorTests.fixture), options: options)
    }

    @Test(arguments: UInt64(1)...4)
    func the277CARejectsOneClaimAndPassesPyX12(seed: UInt64) throws {
        var options = SimulationOptions()
        options.claimAcknowledgment = true
        let response = try respond(seed: seed, options)
        let ack = try #require(response.claimAcknowledgment277)
        let result = try PyX12.validate(ack, name: "ack.277")
        #expect(result.isOK && result.errors.isEmpty, "seed \(seed): \(result)")
        let rejected = response.claimAcknowledgments.filter { !$0.isAccepted }
        #expect(rejected.count == 1 && response.claimAcknowledgments.count == 7)
        let pcn = try #require(rejected.first?.claim.patientControlNumber)
        // A claim rejected before adjudication is not in the 835; every accepted one carries its CLP07 as REF*1K.
        #expect(!response.outcomes.contains { $0.claim.patientControlNumber == pcn })
        for answer in response.claimAcknowledgments where answer.isAccepted {
            let paid = response.outcomes.first {
                $0.claim.patientControlNumber == answer.claim.patientControlNumber && $0.kind != .reversal
            }
            #expect(answer.payerClaimNumber == paid?.payerClaimControlNumber)
        }
        let lines = try x12Lines(ack)
        #expect(lines.contains("TRN*2*\(pcn)"))
        #expect(
            lines.contains { $0.hasPrefix("STC*\(rejected[0].category):\(rejected[0].status)") && $0.contains("*U*") })
        let remittance = try #require(response.remittance835)
        #expect(try RemittanceBalance(remittance).failures.isEmpty)
        let pyx12 = try PyX12.validate(remittance, name: "remit.835")
        #expect(pyx12.isOK, "\(pyx12)")
    }

    @Test func theGatewayReadsTheSimulatorsAnswers() throws {
        let options = SimulationOptions(rejectedSets: ["0002"])
        var withClaims = options
        withClaims.rejectedClaims = ["LUSD-0002"]
        let response = try respond(withClaims)
        var reader = ClaimAcknowledgmentReader()
        var claims: [AcknowledgedClaim] = []
        for segment in try x12Segments(try #require(response.claimAcknowledgment277)) {
            try reader.read(segment) { if case .claim(let claim) = $0 { claims.append(claim) } }
        }
        try reader.finish()
        // Only the accepted set's claims are acknowledged.
        #expect(claims.map(\.patientControlNumber) == ["LUSD-0001", "LUSD-0002", "LUSD-0003", "LUSD-0004"])
        #expect(claims.map(\.verdict) == [.accepted, .rejected, .accepted, .accepted])
        #expect(claims[0].payerClaimNumber.hasPrefix("SIM") && claims[1].payerClaimNumber.isEmpty)
        #expect(claims[0].serviceDates.count == 8 || claims[0].serviceDates.count == 17)
        let result = try PyX12.validate(try #require(response.claimAcknowledgment277), name: "ack.277")
        #expect(result.isOK, "\(result)")
    }

    @Test func rejectingAnUnknownClaimIsAnError() throws {
        var options = SimulationOptions()
        options.rejectedClaims = ["NOPE"]
        #expect(throws: PayerSimulatorError.self) { try respond(options) }
    }

    @Test func without277CATheAnswerIsUnchanged() throws {
        var options = SimulationOptions()
        options.claimAcknowledgment = true
        options.rejectedClaims = []
        let with277 = try respond(options)
        let without = try respond(SimulationOptions())
        #expect(without.claimAcknowledgment277 == nil && without.claimAcknowledgments.isEmpty)
        #expect(with277.acknowledgment999 == without.acknowledgment999)
    }
}

@Suite(.blocking) struct ReversalMirrorTests {
    /// The fixture's LUSD-0004 replaces SIM202502010007: given the payment the payer made under that number, the
    /// reversal is that payment with every amount negated, under the original CLP01 and CLP07.
    @Test func aReplacementReversesThePaymentMadeEarlier() throws {
        let bytes = try Fixture.bytes(PayerSimulatorTests.fixture)
        let first = try PayerSimulator(seed: 5).respond(to: bytes)
        let earlier = try #require(first.outcomes.first { $0.kind == .partial })
        var options = SimulationOptions()
        options.priorPayments = ["SIM202502010007": earlier]
        let response = try PayerSimulator(seed: 7).respond(to: bytes, options: options)
        let reversal = try #require(response.outcomes.first { $0.kind == .reversal })
        #expect(reversal.claim == earlier.claim && reversal.payerClaimControlNumber == earlier.payerClaimControlNumber)
        #expect(reversal.charge == -earlier.charge && reversal.paid == -earlier.paid)
        #expect(reversal.patientResponsibility == -earlier.patientResponsibility)
        #expect(reversal.lines.map(\.submitted) == earlier.lines.map(\.submitted))
        #expect(reversal.lines.map(\.paid) == earlier.lines.map { -$0.paid })
        #expect(
            reversal.lines.flatMap(\.adjustments).map { "\($0.group)-\($0.reason) \(-$0.amount)" }
                == earlier.lines.flatMap(\.adjustments).map { "\($0.group)-\($0.reason) \($0.amount)" })
        let remittance = try #require(response.remittance835)
        #expect(try RemittanceBalance(remittance).failures.isEmpty)
        let result = try PyX12.validate(remittance, name: "mirror.835")
        #expect(result.isOK, "\(result)")
        #expect(try x12Lines(remittance).contains { $0.hasPrefix("CLP*\(earlier.claim.patientControlNumber)*22*") })
    }

    /// Without a replacement, one claim is paid, the payment reversed exactly and the claim adjudicated again.
    @Test func aReversalInTheSame835MirrorsThePaymentBeforeIt() throws {
        var text = String(decoding: try Fixture.bytes(PayerSimulatorTests.fixture), as: UTF8.self)
        text = text.replacingOccurrences(of: "*03:B:7*", with: "*03:B:1*")
        text = text.replacingOccurrences(of: "REF*F8*SIM202502010007~\n", with: "")
        let response = try PayerSimulator(seed: 7).respond(to: Array(text.utf8))
        let reversal = try #require(response.outcomes.firstIndex { $0.kind == .reversal })
        let payment = response.outcomes[reversal - 1]
        let reversed = response.outcomes[reversal]
        #expect(payment.claim == reversed.claim && payment.payerClaimControlNumber == reversed.payerClaimControlNumber)
        #expect(reversed.charge == -payment.charge && reversed.paid == -payment.paid && payment.paid > .zero)
        #expect(response.outcomes[reversal + 1].isCorrection)
        let remittance = try #require(response.remittance835)
        #expect(try RemittanceBalance(remittance).failures.isEmpty)
        let result = try PyX12.validate(remittance, name: "same.835")
        #expect(result.isOK, "\(result)")
    }
}

@Suite(.blocking) struct TA1WithAcknowledgmentTests {
    /// A TA1-only interchange draws pyx12's "GS_LOOP missing" errors; the TA1 after the 999's GE passes clean.
    @Test func theTA1TravelsAfterThe999sGroup() throws {
        var options = SimulationOptions()
        options.ta1 = .withAcknowledgment
        let response = try PayerSimulator(seed: 7).respond(
            to: Fixture.bytes(PayerSimulatorTests.fixture), options: options)
        #expect(response.ta1 == nil)
        let lines = try x12Lines(response.acknowledgment999)
        #expect(Array(lines.suffix(3)) == ["GE*1*1", "TA1*000000417*250310*0930*A*000", "IEA*1*000000001"])
        let result = try PyX12.validate(response.acknowledgment999, name: "ack-ta1.999")
        #expect(result.isOK && result.errors.isEmpty, "\(result)")
    }
}
