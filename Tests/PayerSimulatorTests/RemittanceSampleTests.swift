import Claims
import Formats
import PayerSimulator
import Testing

@Suite struct RemittanceSampleTests {
    func generate(claims: Int, chunkSize: Int) -> (text: String, chunks: Int) {
        var bytes: [UInt8] = []
        var chunks = 0
        RemittanceSample.write835(claims: claims, seed: 7, chunkSize: chunkSize) {
            bytes += $0
            chunks += 1
        }
        return (String(decoding: bytes, as: UTF8.self), chunks)
    }

    @Test func aGeneratedRemittanceBalancesAndHasTheMix() throws {
        let (text, chunks) = generate(claims: 500, chunkSize: 4096)
        #expect(chunks > 10)
        #expect(generate(claims: 500, chunkSize: 1 << 20).text == text)
        let run = try RemittanceRun.readInChunks(text)
        #expect(run.envelope == [])
        #expect(run.issues == [])
        #expect(run.claims.count == 500)
        let statuses = Set(run.claims.map(\.status))
        #expect(statuses == [.processedAsPrimary, .denied, .reversal])
        #expect(run.claims[2].status == .reversal && run.claims[3].patientControlNumber == "PCN100002")
        let reasons = Set(
            run.claims.flatMap { $0.lines.flatMap(\.adjustments) }.map { "\($0.group.rawValue)-\($0.reason)" })
        #expect(reasons.isSuperset(of: ["CO-45", "PR-1", "PR-2", "CO-50", "CO-197"]))
        let totals = try #require(run.totals.first)
        #expect(totals.claimCount == 500)
        #expect(totals.providerAdjustments.map(\.reason) == ["L6", "WO"])
        #expect(totals.payment == totals.paid - totals.providerAdjustmentTotal)
    }
}
