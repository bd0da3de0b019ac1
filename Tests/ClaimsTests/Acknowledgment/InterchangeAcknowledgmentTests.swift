import Claims
import Formats
import Testing

@Suite struct InterchangeAcknowledgmentTests {
    func readTA1(_ ta1: String, chunkSize: Int = 4096) throws -> (X12TransactionKind?, [InterchangeAcknowledgment]) {
        let text = X12Fixture(controlNumber: "000000900").interchange([ta1], groups: 0)
        var segments: [X12Segment] = []
        var acknowledgments: [InterchangeAcknowledgment] = []
        try tokenize(text, chunkSize: chunkSize) { segment in
            segments.append(segment)
            if segment.hasID("TA1") { acknowledgments.append(try InterchangeAcknowledgment(segment)) }
        }
        return (X12TransactionKind.detect(segments), acknowledgments)
    }

    @Test(arguments: [1, 7, 4096]) func aRejectedInterchange(chunkSize: Int) throws {
        let (kind, acknowledgments) = try readTA1("TA1*000000101*251121*1200*R*022", chunkSize: chunkSize)
        #expect(kind == .interchangeAcknowledgmentTA1)
        #expect(
            acknowledgments == [
                InterchangeAcknowledgment(
                    position: 2, controlNumber: "000000101", date: "251121", time: "1200", code: .rejected,
                    noteCode: "022")
            ])
        #expect(acknowledgments.first?.note == "invalid control structure")
    }

    @Test func notesInWordsOrAsTheCode() throws {
        #expect(try readTA1("TA1*000000101*251121*1200*A*000").1.first?.note == "no error")
        #expect(
            try readTA1("TA1*000000101*251121*1200*R*001").1.first?.note
                == "ISA13 and IEA02 differ (the header value is acknowledged)")
        #expect(try readTA1("TA1*000000101*251121*1200*E*031").1.first?.note == "note code 031")
    }

    @Test func anUnknownCodeIsAnError() {
        #expect(
            throws: X12Error(
                segment: 2, segmentID: "TA1", message: "TA104 'Z' is not in its code list: A, E, R",
                rule: "ta1-code-invalid")
        ) {
            _ = try readTA1("TA1*000000101*251121*1200*Z*000")
        }
    }
}
