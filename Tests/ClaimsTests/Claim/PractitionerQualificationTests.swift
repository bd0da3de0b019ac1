import Claims
import Foundation
import Mapping
import Testing
import Values

@Suite("Practitioner qualification in claim builds")
struct PractitionerQualificationTests {
    static let single = "\"92507\": { rate: \"52.00\", modifiers: [GN] }"
    static let restricted = "\"92507\": { rate: \"52.00\", modifiers: [GN], qualified: [SLP, SLPA] }"

    static func profile(_ entry: String = restricted) throws -> PayerProfile {
        try ClaimFixtures.profile(ClaimFixtures.profileYAML.replacingOccurrences(of: single, with: entry))
    }

    static let rivera = [PractitionerPeriod(type: "SLP", from: ClaimFixtures.day("2020-08-01"), to: nil)]
    static let lapsed = [
        PractitionerPeriod(
            type: "SLP", from: ClaimFixtures.day("2020-08-01"), to: ClaimFixtures.day("2026-10-04"))
    ]
    static let nurse = [PractitionerPeriod(type: "RN", from: ClaimFixtures.day("2019-07-01"), to: nil)]

    /// The rule excluding a 2026-10-05 92507 service by a practitioner with these roster rows, `nil` if billed.
    func exclusion(_ periods: [PractitionerPeriod], code: String = "92507", profile: PayerProfile? = nil) throws
        -> ClaimExclusion?
    {
        var service = ClaimFixtures.service(
            code: code, modifiers: code == "92507" ? ["GN"] : [])
        service.practitioner = periods
        let screen = ServiceScreen(profile: try profile ?? Self.profile(), today: ClaimFixtures.today)
        switch screen.screen(service) {
        case .success: return nil
        case .failure(let exclusion): return exclusion
        }
    }

    @Test("qualified types decode in order")
    func decodes() throws {
        #expect(try Self.profile().feeSchedule["92507"]?.qualified == ["SLP", "SLPA"])
        #expect(try Self.profile().feeSchedule["T1002"]?.qualified == [])
    }

    @Test("a qualified practitioner licensed on the service date is billed")
    func qualifiedAndLicensed() throws {
        #expect(try exclusion(Self.rivera) == nil)
    }

    @Test("unknown, unlicensed and not qualified practitioners are excluded with their rule")
    func excluded() throws {
        #expect(try exclusion([])?.rule == .practitionerUnknown)
        #expect(try exclusion(Self.lapsed)?.rule == .practitionerUnlicensed)
        #expect(
            try exclusion(Self.lapsed)?.message
                == "practitioner 1234567893 is not licensed on 2026-10-05 (valid 2020-08-01 to 2026-10-04)")
        #expect(try exclusion(Self.nurse)?.rule == .practitionerNotQualified)
        #expect(
            try exclusion(Self.nurse)?.message
                == "practitioner 1234567893 is RN, not qualified to bill 92507 (qualified: SLP, SLPA)")
    }

    @Test("a code without qualified types bills any practitioner, even one off the roster")
    func unrestrictedCode() throws {
        #expect(try exclusion([], code: "T1002") == nil)
        #expect(try exclusion([], profile: try Self.profile(Self.single)) == nil)
    }

    @Test(
        "misused qualified lists are reported with their line",
        arguments: [
            ("\"92507\": { rate: \"52.00\", qualified: [] }", "lists no practitioner type"),
            ("\"92507\": { rate: \"52.00\", qualified: [SLP, slp] }", "practitioner type 'slp' must be"),
            ("\"92507\": { rate: \"52.00\", qualified: [SLP, SLP] }", "practitioner type 'SLP' is listed twice"),
            ("\"92507\": { rate: \"52.00\", qualified: { SLP: yes } }", "expected a list"),
            ("\"92507\": { rate: \"52.00\", qualified: [\"SPEECH LANGUAGE\"] }", "must be 1-16 upper-case letters"),
        ])
    func lintsMisuse(entry: String, expected: String) throws {
        let yaml = ClaimFixtures.profileYAML.replacingOccurrences(of: Self.single, with: entry)
        #expect(yaml != ClaimFixtures.profileYAML)
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(entry) }
            .map { $0 + 1 }
        do {
            _ = try ClaimFixtures.profile(yaml)
            Issue.record("a misused qualified list was accepted: \(entry)")
        } catch {
            let issue = try #require(error.issues.first { $0.message.contains(expected) }, "\(error.issues)")
            #expect(issue.line == line)
            #expect(issue.file == "test-payer.yaml")
        }
    }
}
