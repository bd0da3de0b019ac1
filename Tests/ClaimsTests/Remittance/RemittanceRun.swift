import Claims
import Formats

/// What reading one 835 interchange gave: the reader's events and the envelope problems.
struct RemittanceRun: Equatable {
    var events: [RemittanceEvent] = []
    var envelope: [X12Error] = []

    var headers: [RemittanceHeader] {
        events.compactMap { if case .header(let header) = $0 { header } else { nil } }
    }
    var claims: [RemittanceClaim] {
        events.compactMap { if case .claim(let claim) = $0 { claim } else { nil } }
    }
    var issues: [BalanceIssue] {
        events.compactMap { if case .issue(let issue) = $0 { issue } else { nil } }
    }
    var totals: [RemittanceTotals] {
        events.compactMap { if case .totals(let totals) = $0 { totals } else { nil } }
    }

    /// Reads `text` fed in chunks of `chunkSize` bytes through the tokenizer, envelope validator and 835 reader.
    static func read(_ text: String, chunkSize: Int) throws -> RemittanceRun {
        var run = RemittanceRun()
        var reader = RemittanceReader()
        var validator = X12EnvelopeValidator()
        try tokenize(text, chunkSize: chunkSize) { segment in
            validator.check(segment)
            try reader.read(segment) { run.events.append($0) }
        }
        try reader.finish()
        validator.finish()
        run.envelope = validator.problems
        return run
    }

    /// Reads `text` at chunk sizes 1, 7 and 4096, expecting the same result at each.
    static func readInChunks(_ text: String) throws -> RemittanceRun {
        let reference = try read(text, chunkSize: 4096)
        for size in [1, 7] where try read(text, chunkSize: size) != reference {
            throw X12Error(segment: 0, segmentID: "", message: "chunk size \(size) reads differently")
        }
        return reference
    }
}

/// An 835 interchange around `claims` (the segments from LX to before SE), with BPR02 `payment`.
func remittance835(payment: String, creditDebit: String = "C", _ claims: [String], fixture: X12Fixture = X12Fixture())
    -> String
{
    let header = [
        "BPR*I*\(payment)*\(creditDebit)*ACH*CCP*01*011000015*DA*123456789*1512345678**01*021000021*DA*987654321*20251201",
        "TRN*1*EFT0001*1512345678", "DTM*405*20251130", "N1*PR*ACME HEALTH*XV*PAYER01", "N3*1 MAIN ST",
        "N4*SPRINGFIELD*IL*627010001", "PER*BL*EDI*TE*8005551212", "N1*PE*SAMPLE CLINIC*XX*1234567893",
    ]
    return fixture.interchange(X12Fixture.group(functionalID: "HP", setID: "835", header + claims))
}
