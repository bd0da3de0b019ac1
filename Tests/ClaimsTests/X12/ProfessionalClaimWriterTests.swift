import Claims
import Formats
import Foundation
import Mapping
import PyX12Support
import TestThreads
import Testing
import Values

@Suite("837P writer and verifier", .blocking)
struct ProfessionalClaimWriterTests {
    static func write(_ claims: [Claim], profile: PayerProfile, control: Int = 101) throws -> [UInt8] {
        var writer = try ProfessionalClaimWriter(
            profile: profile, controlNumber: control, date: ClaimFixtures.today, time: "1405")
        var bytes: [UInt8] = []
        for claim in claims { writer.add(claim) { bytes += $0 } }
        writer.finish { bytes += $0 }
        return bytes
    }

    static func segments(_ bytes: [UInt8]) throws -> [X12Segment] {
        var tokenizer = X12Tokenizer()
        var segments: [X12Segment] = []
        try bytes.withUnsafeBufferPointer { try tokenizer.feed($0) { segments.append($0) } }
        try tokenizer.finish()
        return segments
    }

    static func verify(_ bytes: [UInt8]) throws -> [X12Error] {
        var verifier = ProfessionalClaimVerifier()
        for segment in try segments(bytes) { verifier.check(segment) }
        return verifier.problems
    }

    func sampleClaims(count: Int, students: Int = 2) throws -> (PayerProfile, [Claim]) {
        let profile = try ClaimFixtures.profile()
        var services: [BillableService] = []
        for index in 0..<count {
            var subscriber = ClaimFixtures.student()
            subscriber.lastName = "Student\(index % students)"
            services.append(
                ClaimFixtures.service(
                    student: "4010\(index % students)", date: "2026-10-\(10 + index / students)",
                    subscriber: subscriber,
                    spans: [
                        EligibilitySpan(
                            memberID: "M\(index % students)", start: ClaimFixtures.day("2026-01-01"), end: nil,
                            planCode: "HP1")
                    ]))
        }
        services.sort { ($0.key.studentID, $0.key.date) < ($1.key.studentID, $1.key.date) }
        let yaml = ClaimFixtures.profileYAML.replacingOccurrences(
            of: "billing_period: month", with: "billing_period: day")
        let dayProfile = try ClaimFixtures.profile(yaml)
        return (profile, try ClaimFixtures.claims(services, profile: dayProfile))
    }

    @Test("envelope: fixed-width ISA, matching control numbers, counts in SE, GE and IEA")
    func envelope() throws {
        let (profile, claims) = try sampleClaims(count: 10)
        #expect(claims.count == 10)
        let bytes = try Self.write(claims, profile: profile)
        let text = String(decoding: bytes, as: UTF8.self)
        let isa = text.split(separator: "\n")[0]
        #expect(isa.count == 106)
        #expect(isa.hasSuffix("*000000101*0*T*:~"))
        let segments = try Self.segments(bytes)
        let sets = segments.filter { $0.id == "ST" }
        #expect(sets.map { $0.element(2) } == ["0001", "0002", "0003"])  // 4 claims per set
        #expect(segments.filter { $0.id == "CLM" }.count == 10)
        var count = 0
        for segment in segments {
            if segment.id == "ST" { count = 0 }
            count += 1
            if segment.id == "SE" { #expect(Int(segment.element(1)) == count) }
        }
        #expect(segments.first { $0.id == "GE" }?.element(1) == "3")
        #expect(segments.first { $0.id == "GE" }?.element(2) == "101")
        #expect(segments.first { $0.id == "GS" }?.element(6) == "101")
        #expect(segments.last?.id == "IEA")
        #expect(segments.last?.element(2) == "000000101")
        #expect(!text.contains("*~"))
        #expect(try Self.verify(bytes).isEmpty)
    }

    @Test("hierarchy: one billing provider HL per set, a subscriber HL per member, claims under it")
    func hierarchy() throws {
        let (profile, claims) = try sampleClaims(count: 4, students: 2)
        let segments = try Self.segments(try Self.write(claims, profile: profile))
        let levels = segments.filter { $0.id == "HL" }.map {
            [$0.element(1), $0.element(2), $0.element(3), $0.element(4)]
        }
        #expect(levels == [["1", "", "20", "1"], ["2", "1", "22", "0"], ["3", "1", "22", "0"]])
        #expect(segments.filter { $0.id == "NM1" && $0.element(1) == "IL" }.map { $0.element(9) } == ["M0", "M1"])
    }

    @Test("claims: CLM02 is the sum of the lines, pointers, REF*F8 on a replacement, names cleaned")
    func claimSegments() throws {
        let profile = try ClaimFixtures.profile()
        var claims = try ClaimFixtures.claims(
            [
                ClaimFixtures.service(date: "2026-10-01", diagnoses: ["F80.2"]),
                ClaimFixtures.service(date: "2026-10-02", code: "T1002", modifiers: [], units: 2, diagnoses: ["E10.9"]),
            ], profile: profile)
        claims[0].frequency = .replacement
        claims[0].payerClaimNumber = "PAYER-777"
        let segments = try Self.segments(try Self.write(claims, profile: profile))
        let clm = try #require(segments.first { $0.id == "CLM" })
        #expect(clm.element(2) == "83.5")
        #expect(clm.element(5) == "03:B:7")
        #expect(segments.first { $0.id == "REF" && $0.element(1) == "F8" }?.element(2) == "PAYER-777")
        #expect(
            segments.first { $0.id == "HI" }.map { seg in (1...seg.count).map { seg.element($0) } }
                == ["ABK:F802", "ABF:E109"])
        let lines = segments.filter { $0.id == "SV1" }
        #expect(lines.map { $0.element(1) } == ["HC:92507:GN", "HC:T1002"])
        #expect(lines.map { $0.element(2) } == ["52", "31.5"])
        #expect(lines.map { $0.element(7) } == ["1", "2"])
        #expect(segments.first { $0.id == "NM1" && $0.element(1) == "IL" }?.element(3) == "PENA")
        #expect(
            segments.first { $0.id == "NM1" && $0.element(1) == "82" }.map { [$0.element(3), $0.element(4)] } == [
                "RIVERA", "ANA",
            ])
        #expect(segments.filter { $0.id == "DTP" }.map { $0.element(3) } == ["20261001", "20261002"])
    }

    @Test("a subscriber loop holds at most 100 claims")
    func subscriberLimit() throws {
        let yaml = ClaimFixtures.profileYAML.replacingOccurrences(
            of: "max_claims_per_set: 4", with: "max_claims_per_set: 500"
        )
        .replacingOccurrences(of: "billing_period: month", with: "billing_period: day")
        let profile = try ClaimFixtures.profile(yaml)
        let services = (0..<130).map { index in
            ClaimFixtures.service(
                date: ClaimFixtures.day("2026-06-01").adding(days: index).description,
                spans: [
                    EligibilitySpan(memberID: "M1", start: ClaimFixtures.day("2026-01-01"), end: nil, planCode: "HP1")
                ])
        }
        let claims = try ClaimFixtures.claims(services, profile: profile)
        #expect(claims.count == 130)
        let bytes = try Self.write(claims, profile: profile)
        let levels = try Self.segments(bytes).filter { $0.id == "HL" && $0.element(3) == "22" }
        #expect(levels.count == 2)
        #expect(try Self.verify(bytes).isEmpty)
    }

    @Test("pyx12 passes an interchange of several sets with originals, a replacement and a void")
    func pyx12PassesOriginalsReplacementAndVoid() throws {
        var (profile, claims) = try sampleClaims(count: 10)
        claims[3].frequency = .replacement
        claims[3].payerClaimNumber = "PAYER-REPL-1"
        claims[8].frequency = .void
        claims[8].payerClaimNumber = "PAYER-VOID-2"
        let bytes = try Self.write(claims, profile: profile)
        let segments = try Self.segments(bytes)
        #expect(segments.filter { $0.id == "ST" }.count == 3)
        #expect(
            segments.filter { $0.id == "CLM" }.map { $0.element(5) }.filter { $0 != "03:B:1" } == ["03:B:7", "03:B:8"])
        #expect(
            segments.filter { $0.id == "REF" && $0.element(1) == "F8" }.map { $0.element(2) } == [
                "PAYER-REPL-1", "PAYER-VOID-2",
            ])
        #expect(try Self.verify(bytes).isEmpty)
        let result = try PyX12.validate(bytes, name: "claims.837")
        #expect(result.isOK, "\(result)")
        #expect(result.errors == [], "\(result)")
    }

    @Test("a claim past the filing limit carries the profile's delay reason in CLM20, and pyx12 passes it")
    func delayReasonCode() throws {
        let (_, claims) = try sampleClaims(count: 10)
        let profile = try ClaimFixtures.profile(
            ClaimFixtures.profileYAML.replacingOccurrences(
                of: "filing_limit: { days_after_service: 365 }",
                with: "filing_limit: { days_after_service: 40, delay_reason_code: \"11\" }"))
        let bytes = try Self.write(claims, profile: profile)
        // Services 2026-10-10…12 are past 40 days on 2026-11-22; 10-13 reaches its deadline that day.
        let clm = try Self.segments(bytes).filter { $0.id == "CLM" }
        let late = claims.map { ($0.period?.from.day ?? 0) <= 12 }
        #expect(late.count { $0 } == 6)
        #expect(clm.map { $0.element(20) } == late.map { $0 ? "11" : "" })
        #expect(clm.allSatisfy { $0.count == ($0.element(20).isEmpty ? 9 : 20) })
        #expect(try Self.verify(bytes).isEmpty)
        let result = try PyX12.validate(bytes, name: "late.837")
        #expect(result.isOK, "\(result)")
        #expect(result.errors == [], "\(result)")
        let timely = try Self.segments(try Self.write(claims, profile: try ClaimFixtures.profile()))
        #expect(timely.filter { $0.id == "CLM" }.allSatisfy { $0.element(20).isEmpty })
    }

    @Test(
        "the verifier catches what pyx12 does not",
        arguments: [
            ("XX*1234567893~", "XX*1234567890~", "check digit"),
            ("CLM*DG1*52*", "CLM*DG1*53*", "not the sum"),
            ("***1~\nDTP", "***2~\nDTP", "points past"),
            ("N4*LINCOLN*CA*956481234~", "N4*LINCOLN*CA*95648~", "9-digit ZIP"),
            ("N3*2000 LINCOLN AVE~", "N3*PO BOX 44~", "PO box"),
            ("*52*UN*", "*52.001*UN*", "at most two decimals"),
            ("HL*2*1*22*0~", "HL*2*1*22*1~", "says it has children"),
            ("HL*2*1*22*0~", "HL*2*1*20*0~", "has no parent"),
            ("HL*2*1*22*0~", "HL*3*1*22*0~", "expected 2"),
        ])
    func verifierCatches(original: String, broken: String, expected: String) throws {
        let profile = try ClaimFixtures.profile()
        let claims = try ClaimFixtures.claims([ClaimFixtures.service()], profile: profile)
        let text = String(decoding: try Self.write(claims, profile: profile), as: UTF8.self)
        #expect(text.contains(original), "fixture changed: \(original)")
        #expect(try Self.verify(Array(text.utf8)).isEmpty)
        let corrupted = text.replacingOccurrences(of: original, with: broken)
        let problems = try Self.verify(Array(corrupted.utf8))
        #expect(problems.contains { $0.message.contains(expected) }, "\(problems)")
    }
}
