import Claims
import Formats
import Testing

@Suite struct AcknowledgmentReaderTests {
    /// A 999 on group 7 of two 837 sets: 0001 accepted, 0002 rejected with a segment and an element error.
    static let partial = [
        "AK1*HC*7*005010X222A1",
        "AK2*837*0001*005010X222A1", "IK5*A",
        "AK2*837*0002*005010X222A1", "IK3*NM1*8*2010*8", "CTX*CLM01:PCN123", "IK4*9*67*7*1234567890",
        "CTX*SITUATIONAL TRIGGER*NM1*8*2010", "IK3*DMG*10**3", "IK5*R*5",
        "AK9*P*2*2*1",
    ]

    func read(_ body: [String], chunkSize: Int = 4096) throws -> [FunctionalAcknowledgment] {
        let text = X12Fixture().interchange(
            X12Fixture.group(functionalID: "FA", setID: "999", version: "005010X231A1", body))
        var reader = AcknowledgmentReader()
        var validator = X12EnvelopeValidator()
        var result: [FunctionalAcknowledgment] = []
        try tokenize(text, chunkSize: chunkSize) { segment in
            validator.check(segment)
            try reader.read(segment) { result.append($0) }
        }
        try reader.finish()
        validator.finish()
        #expect(validator.problems == [])
        return result
    }

    @Test(arguments: [1, 7, 4096]) func oneSetOfTwoRejected(chunkSize: Int) throws {
        let expected = FunctionalAcknowledgment(
            controlNumber: "0001", functionalID: "HC", groupControlNumber: "7", version: "005010X222A1",
            sets: [
                SetAcknowledgment(
                    position: 5, transactionSetID: "837", controlNumber: "0001", version: "005010X222A1",
                    result: .accepted),
                SetAcknowledgment(
                    position: 7, transactionSetID: "837", controlNumber: "0002", version: "005010X222A1",
                    segmentErrors: [
                        SegmentError(
                            segmentID: "NM1", position: 8, loopID: "2010", code: "8",
                            context: [ErrorContext(name: "CLM01", reference: "PCN123")],
                            elementErrors: [
                                ElementError(
                                    position: 9, reference: "67", code: "7", badValue: "1234567890",
                                    context: [
                                        ErrorContext(
                                            name: "SITUATIONAL TRIGGER", segmentID: "NM1", segmentPosition: 8,
                                            loopID: "2010")
                                    ])
                            ]),
                        SegmentError(segmentID: "DMG", position: 10, code: "3"),
                    ],
                    result: .rejected, errorCodes: ["5"]),
            ],
            groupResult: .partiallyAccepted, included: 2, received: 2, accepted: 1, groupErrorCodes: [], issues: [])
        #expect(try read(Self.partial, chunkSize: chunkSize) == [expected])
    }

    @Test func anElementOutsideItsCodeListTravelsWithTheAcknowledgment() throws {
        let body = Self.partial.map { $0 == "IK3*DMG*10**3" ? "IK3*DMG*10**99" : $0 }
        let read = try read(body)
        #expect(read.count == 1)
        let issue = try #require(read.first?.elementIssues.first)
        #expect(read.first?.elementIssues.count == 1)
        #expect(
            (issue.rule, issue.element, issue.segment, issue.severity) == (.acknowledgmentCode, "IK304", 12, .warning))
        #expect(try self.read(Self.partial).first?.elementIssues == [])
    }

    @Test func inconsistentCountsAreIssues() throws {
        var body = Self.partial
        body[body.count - 1] = "AK9*A*1*2*2*5"
        let acknowledgment = try #require(try read(body).first)
        #expect(acknowledgment.groupErrorCodes == ["5"])
        #expect(
            acknowledgment.issues == [
                AcknowledgmentIssue(
                    rule: .countOrder, segment: 14,
                    message: "accepted 2 ≤ received 2 ≤ included 1 does not hold"),
                AcknowledgmentIssue(
                    rule: .acceptedCount, segment: 14,
                    message: "AK904 says 2 sets accepted but 1 IK5 segments are A or E"),
            ])
    }

    @Test(arguments: [
        ("AK9*A*2*2*1", "AK901 is A, expected P: 1 of 2 sets were accepted"),
        ("AK9*P*2*2*0", "AK901 is P, expected R (or M, W, X): no set was accepted"),
    ])
    func aGroupResultThatContradictsTheCountsIsAnIssue(ak9: String, message: String) throws {
        var body = Self.partial
        body[body.count - 1] = ak9
        let issues = try #require(try read(body).first).issues
        #expect(
            issues.filter { $0.rule == .groupResult } == [
                AcknowledgmentIssue(rule: .groupResult, segment: 14, message: message)
            ])
    }

    @Test func allAcceptedIsConsistent() throws {
        let body = ["AK1*HC*7*005010X222A1", "AK2*837*0001", "IK5*A", "AK2*837*0002", "IK5*E*5", "AK9*E*2*2*2"]
        let acknowledgment = try #require(try read(body).first)
        #expect(acknowledgment.issues == [])
        #expect(acknowledgment.sets.map(\.result) == [.accepted, .acceptedWithErrors])
    }

    @Test(arguments: [
        (
            ["AK1*HC*7", "AK2*837*0001", "IK5*P", "AK9*P*1*1*0"],
            X12Error(
                segment: 6, segmentID: "IK5", message: "IK501 'P' is not in its code list: A, E, M, R, W, X",
                rule: "999-code-invalid")
        ),
        (["AK1*HC*7", "AK2*837*0001", "IK5*A"], X12Error(segment: 7, segmentID: "SE", message: "the 999 has no AK9")),
        (
            ["AK2*837*0001", "IK5*A", "AK9*A*1*1*1"],
            X12Error(segment: 7, segmentID: "SE", message: "the 999 has no AK1")
        ),
        (
            ["AK1*HC*7", "AK2*837*0001", "IK4*1**1", "IK5*R", "AK9*R*1*1*0"],
            X12Error(segment: 6, segmentID: "IK4", message: "IK4 without an IK3")
        ),
    ])
    func malformed999sAreErrorsAtTheirSegment(body: [String], error: X12Error) {
        #expect(throws: error) { _ = try read(body) }
    }
}
