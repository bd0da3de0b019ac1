import Claims
import Formats

/// What reading one 835 interchange gave: the reader's events and the envelope problems.
struct RemittanceRun: Equatable {
    var events: [RemittanceEvent] = []
    var envelope: [X12Error] = []

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
        var tokenizer = X12Tokenizer()
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(all.count, start + chunkSize)
                try tokenizer.feed(UnsafeBufferPointer(rebasing: all[start..<end])) { segment in
                    validator.check(segment)
                    try reader.read(segment) { run.events.append($0) }
                }
                start = end
            }
        }
        try tokenizer.finish()
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
