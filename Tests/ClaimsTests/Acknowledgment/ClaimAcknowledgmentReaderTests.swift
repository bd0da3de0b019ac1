import Claims
import Formats
import Testing

@Suite struct ClaimAcknowledgmentReaderTests {
    /// A 277CA on a batch of three claims: DG1 accepted with a payer claim number, DG2 rejected for an invalid
    /// subscriber id (with a line status too), DG3 accepted after a receipt status.
    static let body = [
        "BHT*0085*08*277CA0001*20251122*1200*TH",
        "HL*1**20*1", "NM1*PR*2*CAREON*****PI*CYBHI-TPA", "TRN*1*277CA0001", "DTP*050*D8*20251121",
        "DTP*009*D8*20251122",
        "HL*2*1*21*1", "NM1*41*2*LINCOLN USD*****46*LINCOLNUSD", "TRN*2*BATCH17",
        "STC*A1:19:PR*20251122*WQ*316.84", "QTY*90*2", "QTY*AA*1", "AMT*YU*201.12", "AMT*YY*115.72",
        "HL*3*2*19*1", "NM1*85*2*LINCOLN USD*****XX*1467389254", "TRN*1*0", "STC*A1:19:PR**WQ*316.84",
        "HL*4*3*PT", "NM1*QC*1*DOE*JANE****MI*M1", "TRN*2*DG1", "STC*A2:20:PR*20251122*WQ*132.48",
        "REF*1K*PAYER0001", "DTP*472*RD8*20251101-20251130",
        "HL*5*3*PT", "NM1*QC*1*ROE*RICK****MI*M2", "TRN*2*DG2",
        "STC*A7:164:IL*20251122*U*115.72********Member id not on file", "STC*A7:21:IL*20251122*U*115.72",
        "DTP*472*D8*20251103", "SVC*HC:0591T*66.24****1", "STC*A7:454*20251122*U*66.24", "REF*FJ*1",
        "HL*6*3*PT", "NM1*QC*1*POE*PAT****MI*M3", "TRN*2*DG3", "STC*A1:19*20251122*WQ*68.64",
        "STC*A2:20*20251122*WQ*68.64", "REF*1K*PAYER0003", "DTP*472*D8*20251104",
    ]

    static func interchange(_ body: [String]) -> String {
        X12Fixture().interchange(
            ["GS*HN*PAYER*DROPGATE*20251122*1200*9*X*005010X214", "ST*277*0001*005010X214"] + body
                + ["SE*\(body.count + 2)*0001", "GE*1*9"])
    }

    func read(_ body: [String], chunkSize: Int = 4096) throws -> [ClaimAcknowledgmentEvent] {
        var reader = ClaimAcknowledgmentReader()
        var validator = X12EnvelopeValidator()
        var events: [ClaimAcknowledgmentEvent] = []
        try tokenize(Self.interchange(body), chunkSize: chunkSize) { segment in
            validator.check(segment)
            try reader.read(segment) { events.append($0) }
        }
        try reader.finish()
        validator.finish()
        #expect(validator.problems == [])
        return events
    }

    func claims(_ events: [ClaimAcknowledgmentEvent]) -> [AcknowledgedClaim] {
        events.compactMap { if case .claim(let claim) = $0 { claim } else { nil } }
    }

    @Test func isRecognisedAs277() throws {
        var segments: [X12Segment] = []
        try tokenize(Self.interchange(Self.body), chunkSize: 4096) { segments.append($0) }
        #expect(X12TransactionKind.detect(segments.prefix(3)) == .claimAcknowledgment277)
        // The 277 claim status response (005010X212) shares GS01 HN: it is no claim acknowledgment.
        var x212 = segments
        x212[1] = X12Segment(
            position: 2, elements: ["GS", "HN", "PAYER", "DROPGATE", "20251122", "1200", "9", "X", "005010X212"])
        #expect(X12TransactionKind.detect(x212.prefix(3)) == nil)
    }

    @Test(arguments: [1, 5, 4096]) func acceptedAndRejectedClaims(chunkSize: Int) throws {
        let events = try read(Self.body, chunkSize: chunkSize)
        let claims = claims(events)
        #expect(claims.map(\.patientControlNumber) == ["DG1", "DG2", "DG3"])
        #expect(claims.map(\.verdict) == [.accepted, .rejected, .accepted])
        let accepted = claims[0]
        #expect(accepted.payerClaimNumber == "PAYER0001" && accepted.serviceDates == "20251101-20251130")
        #expect(accepted.charge == Money(cents: 13248) && accepted.position == 24)
        #expect(
            accepted.statuses == [
                ClaimStatusInformation(
                    position: 25, category: "A2", status: "20", entity: "PR", date: "20251122", action: "WQ",
                    charge: Money(cents: 13248))
            ])
        let rejected = claims[1]
        #expect(rejected.payerClaimNumber.isEmpty && rejected.serviceDates == "20251103")
        #expect(rejected.statuses.map(\.status) == ["164", "21"] && rejected.statuses[0].entity == "IL")
        #expect(rejected.statuses[0].message == "Member id not on file")
        #expect(rejected.lineStatuses.map(\.status) == ["454"])
        #expect(
            rejected.statuses[0].text
                == "A7:164:IL acknowledgement: rejected for invalid information; entity's contract/member number")
        #expect(claims[2].statuses.map(\.category) == ["A1", "A2"])
    }

    @Test func levelStatusesAreReported() throws {
        let levels = try read(Self.body).compactMap { event -> AcknowledgmentLevelStatus? in
            if case .level(let level) = event { level } else { nil }
        }
        #expect(levels.map(\.level) == [.informationReceiver, .billingProvider])
        #expect(levels[0].trace == "BATCH17" && levels[0].identifier == "LINCOLNUSD" && !levels[0].isRejected)
        #expect(levels[1].identifier == "1467389254" && levels[1].statuses.map(\.category) == ["A1"])
    }

    @Test func aRejectedProviderLevelIsReported() throws {
        let body = Self.body.map { $0 == "STC*A1:19:PR**WQ*316.84" ? "STC*A3:562:85**U*316.84" : $0 }
        let levels = try read(body).compactMap { event -> AcknowledgmentLevelStatus? in
            if case .level(let level) = event { level } else { nil }
        }
        #expect(levels.last?.level == .billingProvider && levels.last?.isRejected == true)
    }

    @Test func anUnknownCodeIsKeptAndShownAsUnknown() throws {
        let body = Self.body.map { $0 == "STC*A2:20:PR*20251122*WQ*132.48" ? "STC*Q9:9999*20251122**132.48" : $0 }
        let claim = try #require(claims(try read(body)).first)
        #expect(claim.statuses.map(\.status) == ["9999"] && claim.verdict == .unknown)
        #expect(claim.statuses[0].text == "Q9:9999 unknown category; unknown status code")
    }

    @Test(arguments: [
        ("STC*A2:20:PR*20251122*WQ*132.48", "STC*:20*20251122*WQ", "STC01-1", 25),
        ("STC*A2:20:PR*20251122*WQ*132.48", "STC*A2*20251122*WQ", "STC01-2", 25),
        ("STC*A2:20:PR*20251122*WQ*132.48", "STC*A2:20*20251122*WQ*1.2.3", "STC04", 25),
        ("TRN*2*DG1", "TRN*2", "TRN02", 24),
        // A claim without a status: the error points at its TRN.
        ("STC*A2:20:PR*20251122*WQ*132.48", "QTY*90*1", "DG1 (loop 2200D) has no STC", 24),
    ])
    func malformedInputIsAnErrorAtItsSegment(old: String, new: String, mention: String, line: Int) throws {
        let body = Self.body.map { $0 == old ? new : $0 }
        let error = #expect(throws: X12Error.self) { try read(body) }
        #expect(error?.message.contains(mention) == true, "\(String(describing: error))")
        #expect(error?.segment == line, "\(String(describing: error))")
    }

    @Test func aMissingSEIsAnError() throws {
        var reader = ClaimAcknowledgmentReader()
        try tokenize(
            X12Fixture().interchange(["GS*HN*A*B*20251122*1200*9*X*005010X214", "ST*277*0001"]), chunkSize: 64
        ) { try reader.read($0) { _ in } }
        #expect(throws: X12Error.self) { try reader.finish() }
    }
}
