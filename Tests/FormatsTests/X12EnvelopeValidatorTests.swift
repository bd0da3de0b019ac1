import Testing

@testable import Formats

@Suite struct X12EnvelopeValidatorTests {
    static let isa = X12TokenizerTests.isa
    static let body = [
        "GS*HC*SUB*REC*20251121*1200*101*X*005010X222A1", "ST*837*0001*005010X222A1", "BHT*0019*00*B1*20251121*1200*CH",
        "SE*3*0001", "ST*837*0002*005010X222A1", "SE*2*0002", "GE*2*101", "IEA*1*000000101",
    ]

    /// Tokenizes and validates `segments` after the ISA, fed in chunks of `size` bytes.
    func problems(_ segments: [String], chunkSize size: Int) throws -> [X12Error] {
        let bytes = Array((Self.isa + segments.map { $0 + "~\n" }.joined()).utf8)
        var tokenizer = X12Tokenizer()
        var validator = X12EnvelopeValidator()
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(all.count, start + size)
                try tokenizer.feed(UnsafeBufferPointer(rebasing: all[start..<end])) { validator.check($0) }
                start = end
            }
        }
        try tokenizer.finish()
        validator.finish()
        return validator.problems
    }

    @Test(arguments: [1, 7, 4096]) func aCorrectInterchangeHasNoProblems(chunkSize: Int) throws {
        #expect(try problems(Self.body, chunkSize: chunkSize) == [])
    }

    @Test(arguments: [1, 7, 4096]) func wrongCountsAndControlNumbersAreLocated(chunkSize: Int) throws {
        var body = Self.body
        body[3] = "SE*4*0001"
        body[5] = "SE*2*0003"
        body[6] = "GE*3*102"
        body[7] = "IEA*2*000000102"
        let found = try problems(body, chunkSize: chunkSize)
        #expect(
            found == [
                X12Error(segment: 5, segmentID: "SE", message: "SE01 is 4 but there are 3 segments from ST to SE"),
                X12Error(segment: 7, segmentID: "SE", message: "SE02 0003 does not match ST02 0002"),
                X12Error(segment: 8, segmentID: "GE", message: "GE01 is 3 but there are 2 transaction sets"),
                X12Error(segment: 8, segmentID: "GE", message: "GE02 102 does not match GS06 101"),
                X12Error(segment: 9, segmentID: "IEA", message: "IEA01 is 2 but there are 1 functional groups"),
                X12Error(segment: 9, segmentID: "IEA", message: "IEA02 000000102 does not match ISA13 000000101"),
            ])
    }

    @Test func aFileCutAfterASegmentLacksItsTrailers() throws {
        let found = try problems(Array(Self.body.prefix(3)), chunkSize: 4096)
        #expect(
            found == [
                X12Error(
                    segment: 5, segmentID: "SE",
                    message: "the file ends without the SE of transaction set 0001 (opened at segment 3)"),
                X12Error(
                    segment: 5, segmentID: "GE",
                    message: "the file ends without the GE of functional group 101 (opened at segment 2)"),
                X12Error(
                    segment: 5, segmentID: "IEA",
                    message: "the file ends without the IEA of interchange 000000101 (opened at segment 1)"),
            ])
    }

    @Test func nestingErrorsAreReported() throws {
        let body = [
            "ST*837*0001", "SE*2*0001", "GS*HC*S*R*20251121*1200*5*X*005010X222A1", "ST*837*0001", "BHT*0019",
            "GE*1*5", "IEA*1*000000101",
        ]
        let found = try problems(body, chunkSize: 4096)
        #expect(
            found == [
                X12Error(segment: 2, segmentID: "ST", message: "ST outside a functional group (no GS before it)"),
                X12Error(
                    segment: 7, segmentID: "GE", message: "GE inside a transaction set: the SE of set 0001 is missing"),
            ])
    }

    @Test func aFileCutInsideASegmentIsTruncated() {
        let text = Self.isa + Self.body.prefix(3).map { $0 + "~" }.joined() + "SE*3*00"
        var tokenizer = X12Tokenizer()
        #expect(
            throws: X12Error(segment: 5, segmentID: "SE", message: "the file ends inside this segment: it is truncated")
        ) {
            try Array(text.utf8).withUnsafeBufferPointer { try tokenizer.feed($0) { _ in } }
            try tokenizer.finish()
        }
    }
}
