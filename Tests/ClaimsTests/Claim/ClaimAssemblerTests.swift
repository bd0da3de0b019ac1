import Claims
import Foundation
import Testing
import Values

@Suite("Claim building: grouping services into claims")
struct ClaimAssemblerTests {
    @Test("one claim per student, member, rendering NPI and month; lines in order")
    func groups() throws {
        let profile = try ClaimFixtures.profile()
        let claims = try ClaimFixtures.claims(
            [
                ClaimFixtures.service(date: "2026-10-05"),
                ClaimFixtures.service(date: "2026-10-06"),
                ClaimFixtures.service(date: "2026-10-07", npi: "1555123458"),
                ClaimFixtures.service(date: "2026-11-02"),
                ClaimFixtures.service(student: "40101", date: "2026-10-05"),
            ], profile: profile)
        #expect(claims.count == 4)
        #expect(claims.map(\.lines.count) == [2, 1, 1, 1])
        #expect(claims[0].total == Money(cents: 10400))
        #expect(claims[0].lines.map(\.date.description) == ["2026-10-05", "2026-10-06"])
        #expect(claims[1].renderingNPI == "1555123458")
        #expect(claims.allSatisfy { $0.subscriber.memberID == "M1" && $0.placeOfService == "03" })
    }

    @Test("a claim is split at the profile's line limit")
    func splitsAtLineLimit() throws {
        let profile = try ClaimFixtures.profile()
        let services = (1...7).map { ClaimFixtures.service(date: "2026-10-0\($0)") }
        let claims = try ClaimFixtures.claims(services, profile: profile)
        #expect(claims.map(\.lines.count) == [3, 3, 1])
        #expect(claims.flatMap(\.lines).count == 7)
    }

    @Test("diagnoses: dots removed, each code once, pointers into the claim's list, split past twelve codes")
    func diagnoses() throws {
        let yaml = ClaimFixtures.profileYAML.replacingOccurrences(
            of: "max_lines_per_claim: 3", with: "max_lines_per_claim: 50")
        let profile = try ClaimFixtures.profile(yaml)
        let first = ClaimFixtures.service(date: "2026-10-01", diagnoses: ["F80.2", "f41.1"])
        let second = ClaimFixtures.service(date: "2026-10-02", diagnoses: ["F41.1", "Z00.00"])
        let claims = try ClaimFixtures.claims([first, second], profile: profile)
        #expect(claims.count == 1)
        #expect(claims[0].diagnoses == ["F802", "F411", "Z0000"])
        #expect(claims[0].lines.map(\.pointers) == [[1, 2], [2, 3]])

        let many = (1...7).map { day in
            ClaimFixtures.service(date: "2026-10-0\(day)", diagnoses: ["A0\(day)", "B0\(day)"])
        }
        let split = try ClaimFixtures.claims(many, profile: profile)
        #expect(split.map(\.diagnoses.count) == [12, 2])
        #expect(
            split.allSatisfy { claim in
                claim.lines.allSatisfy { $0.pointers.allSatisfy { (1...claim.diagnoses.count).contains($0) } }
            })
    }

    @Test("a line carries at most four pointers")
    func fourPointers() throws {
        let profile = try ClaimFixtures.profile()
        let claims = try ClaimFixtures.claims(
            [ClaimFixtures.service(diagnoses: ["A01", "A02", "A03", "A04", "A05"])], profile: profile)
        #expect(claims[0].lines[0].pointers == [1, 2, 3, 4])
        #expect(claims[0].diagnoses.count == 4)
    }
}
