import Claims
import Formats
import Foundation
import Mapping
import PayerSimulator
import PyX12Support
import TestThreads
import Testing

@Suite(.blocking) struct PayerSimulatorTests {
    static let fixture = "two-sets.837p.x12"

    func respond(seed: UInt64 = 7, _ options: SimulationOptions = SimulationOptions()) throws -> PayerResponse {
        try PayerSimulator(seed: seed).respond(to: Fixture.bytes(Self.fixture), options: options)
    }

    @Test func theFixtureIsAValid837P() throws {
        let result = try PyX12.validate(Fixture.bytes(Self.fixture), name: "fixture.837")
        #expect(result.isOK, "\(result)")
    }

    @Test func readsTheBatch() throws {
        let batch = try SubmittedBatch(parsing: Fixture.bytes(Self.fixture))
        #expect(batch.interchangeControlNumber == "000000417")
        #expect(batch.groupControlNumber == "417")
        #expect(batch.senderID == "DROPGATE" && batch.receiverID == "MEDICALEA")
        #expect(batch.acknowledgmentRequested)
        #expect(batch.transactionSets.map(\.controlNumber) == ["0001", "0002"])
        #expect(
            batch.claims.map(\.patientControlNumber) == [
                "LUSD-0001", "LUSD-0002", "LUSD-0003", "LUSD-0004", "RUSD-0101", "RUSD-0102", "RUSD-0103",
            ])
        let replacement = batch.claims[3]
        #expect(replacement.frequency == "7" && replacement.payerClaimControlNumber == "SIM202502010007")
        #expect(replacement.totalCharge == Money(cents: 9020))
        #expect(replacement.lines[1].procedure == "96158" && replacement.lines[1].modifiers == ["HN", "U1"])
        #expect(replacement.lines[1].units == "2" && replacement.lines[1].serviceDate == "20250212")
        let dependent = batch.claims[4]
        #expect(dependent.patient.firstName == "EMMA" && dependent.patient.memberID.isEmpty)
        #expect(dependent.subscriber.memberID == "93456789C")
        #expect(dependent.billingProvider.npi == "1987654328" && dependent.billingProvider.taxID == "951234321")
        #expect(dependent.payer.id == "610442" && dependent.filingIndicator == "MC")
        #expect(batch.claims[0].placeOfService == "03" && batch.claims[0].lines[0].sv1Position == 23)
    }

    @Test func the999AcceptsEverySet() throws {
        let response = try respond()
        let lines = try x12Lines(response.acknowledgment999)
        #expect(
            Array(lines.dropFirst(2).dropLast(2)) == [
                "ST*999*0001*005010X231A1", "AK1*HC*417*005010X222A1",
                "AK2*837*0001*005010X222A1", "IK5*A", "AK2*837*0002*005010X222A1", "IK5*A",
                "AK9*A*2*2*2", "SE*8*0001",
            ])
        #expect(
            lines[0].hasPrefix("ISA*00*          *00*          *ZZ*MEDICALEA      *ZZ*DROPGATE       *250310*0930*"))
        let result = try PyX12.validate(response.acknowledgment999, name: "ack.999")
        #expect(result.isOK, "\(result)")
    }

    @Test func the999RejectsOneSet() throws {
        let response = try respond(SimulationOptions(rejectedSets: ["0002"]))
        let lines = try x12Lines(response.acknowledgment999)
        #expect(lines.contains("IK3*SV1*26*2400*8"))
        #expect(lines.contains("IK4*1:2*234*7*H2019"))
        #expect(lines.contains("IK5*R*5") && lines.contains("AK9*P*2*2*1"))
        let result = try PyX12.validate(response.acknowledgment999, name: "ack.999")
        #expect(result.isOK, "\(result)")
        #expect(Set(response.outcomes.map(\.claim.transactionSet)) == ["0001"])
        let remittance = try #require(response.remittance835)
        #expect(try RemittanceBalance(remittance).failures.isEmpty)
        let pyx12 = try PyX12.validate(remittance, name: "remit.835")
        #expect(pyx12.isOK, "\(pyx12)")
    }

    @Test func rejectingEverySetLeavesNothingToPay() throws {
        let response = try respond(SimulationOptions(rejectedSets: ["0001", "0002"]))
        #expect(try x12Lines(response.acknowledgment999).contains("AK9*R*2*2*0"))
        #expect(response.remittance835 == nil && response.outcomes.isEmpty)
        let result = try PyX12.validate(response.acknowledgment999, name: "ack.999")
        #expect(result.isOK, "\(result)")
    }

    @Test func rejectingAnUnknownSetIsAnError() throws {
        #expect(throws: PayerSimulatorError.self) { try respond(SimulationOptions(rejectedSets: ["0009"])) }
    }

    @Test func aTA1WhenAskedFor() throws {
        let requested = try respond(SimulationOptions(ta1ControlNumber: 55))
        let ta1 = try #require(requested.ta1)
        let lines = try x12Lines(ta1)
        #expect(lines.count == 3 && lines[1] == "TA1*000000417*250310*0930*A*000" && lines[2] == "IEA*0*000000055")
        let result = try PyX12.validate(ta1, name: "ack.ta1")
        #expect(result.isOK, "\(result)")
        #expect(try respond(SimulationOptions(ta1: .never)).ta1 == nil)
    }

    @Test(arguments: [
        SimulationOptions.PaymentMethod.check, .ach(receivingRouting: "111111118", receivingAccount: "000123456"),
    ])
    func the835IsValidAndBalanced(payment: SimulationOptions.PaymentMethod) throws {
        let response = try respond(SimulationOptions(remittanceControlNumber: 9001, payment: payment))
        let remittance = try #require(response.remittance835)
        let balance = try RemittanceBalance(remittance)
        #expect(balance.failures.isEmpty, "\(balance.failures)")
        #expect(balance.plbSegmentsPerSet.reduce(0, +) >= 1 && balance.plbSegmentsPerSet.allSatisfy { $0 <= 1 })
        let result = try PyX12.validate(remittance, name: "remit.835")
        #expect(result.isOK && result.errors.isEmpty, "\(result)")
        let lines = try x12Lines(remittance)
        #expect(lines.filter { $0.hasPrefix("ST*835*") } == ["ST*835*0001", "ST*835*0002"])
        #expect(lines.contains { $0.hasPrefix("N1*PE*LINCOLN UNIFIED SCHOOL DISTRICT*XX*1234567893") })
        #expect(lines.contains("DTM*472*20250303") && lines.contains { $0.hasPrefix("NM1*QC*1*LEE*EMMA") })
        #expect(lines.contains("NM1*IL*1*LEE*DAVID****MI*93456789C"))
    }

    @Test func aMixOfOutcomesWithAReversalAndItsCorrection() throws {
        let response = try respond()
        let kinds = Set(response.outcomes.map(\.kind))
        #expect(kinds == [.paidInFull, .partial, .denied, .reversal])
        // LUSD-0004 replaces the claim the payer numbered SIM202502010007: reversal first, then the correction.
        let replaced = response.outcomes.filter { $0.claim.patientControlNumber == "LUSD-0004" }
        #expect(replaced.map(\.kind).first == .reversal && replaced.count == 2 && replaced[1].isCorrection)
        #expect(replaced[0].payerClaimControlNumber == "SIM202502010007")
        let reversal = replaced[0]
        #expect(reversal.status == "22" && reversal.charge == Money(cents: -9020) && reversal.paid < .zero)
        #expect(reversal.lines.flatMap(\.adjustments).allSatisfy { $0.amount < .zero })
        for outcome in response.outcomes where outcome.kind == .denied {
            #expect(outcome.paid == .zero && outcome.status == "4")
        }
        let balance = try RemittanceBalance(#require(response.remittance835))
        #expect(balance.statuses.contains("22") && balance.statuses.contains("4"))
    }

    @Test func theSameSeedGivesTheSameAnswer() throws {
        #expect(try respond(seed: 11) == respond(seed: 11))
        #expect(try respond(seed: 11).remittance835 != respond(seed: 12).remittance835)
    }

    @Test func everySeedBalances() throws {
        let bytes = try Fixture.bytes(Self.fixture)
        for seed in UInt64(0)..<200 {
            let response = try PayerSimulator(seed: seed).respond(to: bytes)
            let balance = try RemittanceBalance(#require(response.remittance835))
            #expect(balance.failures.isEmpty, "seed \(seed): \(balance.failures)")
            #expect(balance.plbSegmentsPerSet.allSatisfy { $0 <= 1 }, "seed \(seed)")
        }
    }

    @Test(arguments: UInt64(1)...4)
    func otherSeedsPassPyX12(seed: UInt64) throws {
        let response = try respond(seed: seed)
        let result = try PyX12.validate(#require(response.remittance835), name: "remit.835")
        #expect(result.isOK, "seed \(seed): \(result)")
    }
}

@Suite(.blocking) struct PayerSimulatorVariantTests {
    /// The fixture with text replaced, e.g. to turn claims into voids.
    func variant(_ replacements: [(String, String)]) throws -> [UInt8] {
        var text = String(decoding: try Fixture.bytes(PayerSimulatorTests.fixture), as: UTF8.self)
        for (old, new) in replacements {
            text = text.replacingOccurrences(of: old, with: new)
        }
        return Array(text.utf8)
    }

    @Test func voidsAreReversedWithoutCorrectionAndANegativeBalanceIsForwarded() throws {
        let bytes = try variant([("*03:B:1*", "*03:B:8*"), ("*03:B:7*", "*03:B:8*")])
        let response = try PayerSimulator(seed: 3).respond(to: bytes)
        #expect(response.outcomes.count == 7 && response.outcomes.allSatisfy { $0.kind == .reversal })
        let remittance = try #require(response.remittance835)
        let lines = try x12Lines(remittance)
        #expect(lines.filter { $0.hasPrefix("BPR*") }.allSatisfy { $0.hasPrefix("BPR*H*0*C*NON*") })
        #expect(response.providerAdjustments.filter { $0.reason == "FB" }.count == 2)
        let balance = try RemittanceBalance(remittance)
        #expect(balance.failures.isEmpty, "\(balance.failures)")
        #expect(balance.plbSegmentsPerSet == [1, 1])
        let result = try PyX12.validate(remittance, name: "voids.835")
        #expect(result.isOK, "\(result)")
    }

    @Test func aDateRangeComesBackAsDTM150And151() throws {
        let bytes = try variant([("DTP*472*D8*20250307~\nHL*3", "DTP*472*RD8*20250306-20250307~\nHL*3")])
        let batch = try SubmittedBatch(parsing: bytes)
        #expect(batch.claims[1].lines[0].serviceDate == "20250306-20250307")
        let response = try PayerSimulator(seed: 5).respond(to: batch)
        let remittance = try #require(response.remittance835)
        let lines = try x12Lines(remittance)
        #expect(lines.contains("DTM*150*20250306") && lines.contains("DTM*151*20250307"))
        let result = try PyX12.validate(remittance, name: "range.835")
        #expect(result.isOK, "\(result)")
    }

    @Test func aSecondFunctionalGroupIsRefused() throws {
        let bytes = try variant([
            ("GE*2*417~\n", "GE*2*417~\nGS*HC*DROPGATE*MEDICALEA*20250310*0930*418*X*005010X222A1~\n")
        ])
        let error = #expect(throws: PayerSimulatorError.self) { try SubmittedBatch(parsing: bytes) }
        #expect(error?.message.contains("second functional group") == true)
    }

    @Test func a837WithoutClaimLinesIsRefused() throws {
        let bytes = try variant([("LX*1~\nSV1*HC:T1013*31.2*UN*2***1~\nDTP*472*D8*20250307~\n", "")])
        let error = #expect(throws: PayerSimulatorError.self) { try PayerSimulator(seed: 1).respond(to: bytes) }
        #expect(error?.message == "claim RUSD-0103 has no service line")
    }
}

@Suite(.blocking) struct PayerSimulatorGoldenTests {
    /// Compares with a golden file; on a difference the actual bytes are left in the temporary folder.
    func expectGolden(_ bytes: [UInt8], _ name: String) throws {
        let expected = try? Fixture.bytes(name)
        if bytes != expected {
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent(name)
            try Data(bytes).write(to: actual)
            Issue.record("\(name) differs from its golden file; actual output in \(actual.path)")
        }
    }

    @Test func seed7() throws {
        let options = SimulationOptions(
            acknowledgmentControlNumber: 1201, remittanceControlNumber: 1202, ta1ControlNumber: 1203,
            rejectedSets: ["0002"], payment: .ach(receivingRouting: "111111118", receivingAccount: "000123456"))
        let response = try PayerSimulator(seed: 7).respond(
            to: Fixture.bytes(PayerSimulatorTests.fixture), options: options)
        try expectGolden(response.acknowledgment999, "seed7-reject-0002.999.x12")
        try expectGolden(#require(response.remittance835), "seed7-reject-0002.835.x12")
        try expectGolden(#require(response.ta1), "seed7.ta1.x12")
    }
}

@Suite(.blocking) struct PayerSimulatorFilingIndicatorTests {
    /// SBR09 codes that are no CLP06 code (005010X221A1 CLP06 lists 12-17, AM, CH, DS, HM, LM, MA, MB, MC, OF,
    /// TV, VA, WC, ZZ): the 835 carries the nearest listed code and passes pyx12.
    @Test(arguments: [("CI", "15"), ("BL", "15"), ("FI", "OF"), ("11", "ZZ"), ("MC", "MC"), ("HM", "HM")])
    func clp06IsA835Code(sbr09: String, clp06: String) throws {
        var text = String(decoding: try Fixture.bytes(PayerSimulatorTests.fixture), as: UTF8.self)
        text = text.replacingOccurrences(of: "*******MC~", with: "*******\(sbr09)~")
        text = text.replacingOccurrences(of: "SBR*P********MC~", with: "SBR*P********\(sbr09)~")
        let response = try PayerSimulator(seed: 7).respond(to: Array(text.utf8))
        let remittance = try #require(response.remittance835)
        let clp = try x12Lines(remittance).filter { $0.hasPrefix("CLP*") }
        #expect(
            !clp.isEmpty
                && clp.allSatisfy { $0.split(separator: "*", omittingEmptySubsequences: false)[6] == clp06[...] })
        let result = try PyX12.validate(remittance, name: "filing-\(sbr09).835")
        #expect(result.isOK && result.errors.isEmpty, "\(result)")
    }
}
