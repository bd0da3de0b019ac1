import Claims
import Formats
import PayerSimulator
import Testing

/// The guides' code lists and lengths against what the simulator and the sample generator write: no false
/// positives on well-formed payer files.
@Suite struct ElementRulesTests {
    static let checkers = [
        X12ElementChecker.remittance, X12ElementChecker.acknowledgment, X12ElementChecker.interchangeAcknowledgment,
    ]

    func issues(_ bytes: [UInt8], _ checker: X12ElementChecker) throws -> [ElementIssue] {
        try x12Segments(bytes).flatMap { checker.check($0) }
    }

    @Test func simulatorOutputBreaksNoCodeListOrLength() throws {
        let bytes = try Fixture.bytes(PayerSimulatorTests.fixture)
        let options = [
            SimulationOptions(), SimulationOptions(rejectedSets: ["0002"]), SimulationOptions(ta1ControlNumber: 55),
            SimulationOptions(payment: .ach(receivingRouting: "111111118", receivingAccount: "000123456")),
        ]
        var files = 0
        for seed in UInt64(0)..<40 {
            for option in options {
                let response = try PayerSimulator(seed: seed).respond(to: bytes, options: option)
                #expect(try issues(response.acknowledgment999, .acknowledgment) == [], "seed \(seed)")
                if let remittance = response.remittance835 {
                    let found = try issues(remittance, .remittance)
                    #expect(found == [], "seed \(seed): \(found.map(\.description))")
                    files += 1
                }
                if let ta1 = response.ta1 {
                    let segment = try #require(try x12Segments(ta1).first { $0.hasID("TA1") })
                    #expect(try InterchangeAcknowledgment(segment).elementIssues == [])
                    files += 1
                }
            }
        }
        #expect(files > 100)
    }

    @Test func fixturesAndTheSampleGeneratorBreakNoCodeListOrLength() throws {
        for (name, checker) in [
            ("seed7-reject-0002.835.x12", X12ElementChecker.remittance),
            ("seed7-reject-0002.999.x12", .acknowledgment), ("seed7.ta1.x12", .interchangeAcknowledgment),
        ] {
            let found = try issues(Fixture.bytes(name), checker)
            #expect(found == [], "\(name): \(found.map(\.description))")
        }
        var sample: [UInt8] = []
        RemittanceSample.write835(claims: 2000, seed: 7, chunkSize: 1 << 16) { sample += $0 }
        #expect(try issues(sample, .remittance) == [])
    }
}
