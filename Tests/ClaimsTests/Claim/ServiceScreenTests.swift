import Claims
import Foundation
import Mapping
import Testing

@Suite("Claim building: screening services")
struct ServiceScreenTests {
    let profile: PayerProfile
    let screen: ServiceScreen

    init() throws {
        profile = try ClaimFixtures.profile()
        screen = ServiceScreen(profile: profile, today: ClaimFixtures.today)
    }

    func rule(_ service: BillableService) -> ClaimExclusion.Rule? {
        if case .failure(let exclusion) = screen.screen(service) { return exclusion.rule }
        return nil
    }

    @Test("a billable service is priced rate × units in cents with the covering span's member id")
    func accepts() throws {
        let result = screen.screen(ClaimFixtures.service(code: "T1002", modifiers: [], units: 3))
        guard case .success(let accepted) = result else {
            Issue.record("expected the service to be billable: \(result)")
            return
        }
        #expect(accepted.charge == Money(cents: 4725))
        #expect(accepted.memberID == "M1")
    }

    @Test("each rule excludes with its id")
    func excludes() {
        #expect(rule(ClaimFixtures.service(subscriber: nil)) == .studentUnknown)
        #expect(rule(ClaimFixtures.service(code: "99999")) == .notInFeeSchedule)
        #expect(rule(ClaimFixtures.service(modifiers: ["59"])) == .modifierNotAllowed)
        #expect(rule(ClaimFixtures.service(consent: false)) == .noConsent)
        #expect(rule(ClaimFixtures.service(date: "2025-11-21")) == .filingLimitPassed)
        #expect(rule(ClaimFixtures.service(date: "2025-11-22", spans: [])) == .notEligible)
        #expect(rule(ClaimFixtures.service(diagnoses: [])) == .diagnosisMissing)
        #expect(rule(ClaimFixtures.service(subscriber: ClaimFixtures.student(address: false))) == .addressMissing)
        #expect(rule(ClaimFixtures.service(units: 0)) == .unitsInvalid)
        #expect(rule(ClaimFixtures.service(units: 2_000_000_000)) == .unitsInvalid)
        var unborn = ClaimFixtures.student()
        unborn.birthdate = nil
        #expect(rule(ClaimFixtures.service(subscriber: unborn)) == .birthdateMissing)
        var nameless = ClaimFixtures.service()
        nameless.renderingName = " (SLP)"
        #expect(rule(nameless) == .renderingNameMissing)
    }

    @Test("eligibility: the span must cover the date and its plan must be the payer's")
    func eligibility() {
        let ended = EligibilitySpan(
            memberID: "M1", start: ClaimFixtures.day("2025-07-01"), end: ClaimFixtures.day("2026-06-30"),
            planCode: "HPSM01")
        let otherPlan = EligibilitySpan(
            memberID: "M2", start: ClaimFixtures.day("2026-07-01"), end: nil, planCode: "RHP01")
        let covering = EligibilitySpan(
            memberID: "M3", start: ClaimFixtures.day("2026-07-01"), end: ClaimFixtures.day("2026-10-05"),
            planCode: "HPSM01")
        #expect(rule(ClaimFixtures.service(spans: [ended])) == .notEligible)
        #expect(rule(ClaimFixtures.service(spans: [otherPlan])) == .notEligible)
        guard case .success(let accepted) = screen.screen(ClaimFixtures.service(spans: [ended, otherPlan, covering]))
        else {
            Issue.record("the last day of a span covers the service")
            return
        }
        #expect(accepted.memberID == "M3")
    }

    @Test("filing limit in days: the last day inside the limit is billable, the day after is not")
    func timelyFiling() {
        #expect(
            rule(
                ClaimFixtures.service(
                    date: "2025-11-22",
                    spans: [
                        EligibilitySpan(
                            memberID: "M1", start: ClaimFixtures.day("2025-01-01"), end: nil, planCode: "HP1")
                    ])) == nil)
        #expect(rule(ClaimFixtures.service(date: "2025-11-21")) == .filingLimitPassed)
    }

    @Test("age limit: a student must be under the program's age on the service date")
    func ageLimit() throws {
        let yaml = ClaimFixtures.profileYAML.replacingOccurrences(
            of: "requires_consent: true", with: "requires_consent: true\nunder_age: 22")
        let screen = ServiceScreen(profile: try ClaimFixtures.profile(yaml), today: ClaimFixtures.today)
        var student = ClaimFixtures.student()
        student.birthdate = ClaimFixtures.day("2004-10-06")  // 21 on 2026-10-05, 22 the day after
        func rule(_ date: String) -> ClaimExclusion.Rule? {
            if case .failure(let exclusion) = screen.screen(ClaimFixtures.service(date: date, subscriber: student)) {
                return exclusion.rule
            }
            return nil
        }
        #expect(rule("2026-10-05") == nil)
        #expect(rule("2026-10-06") == .ageLimit)
    }

    @Test("consent is not checked when the payer does not require it")
    func consentOptional() throws {
        let yaml = ClaimFixtures.profileYAML.replacingOccurrences(
            of: "requires_consent: true", with: "requires_consent: false")
        let screen = ServiceScreen(profile: try ClaimFixtures.profile(yaml), today: ClaimFixtures.today)
        guard case .success = screen.screen(ClaimFixtures.service(consent: false)) else {
            Issue.record("consent should not be required")
            return
        }
    }
}
