import Claims
import Foundation
import Mapping
import Testing
import Values

@Suite("Payer filing limits")
struct FilingLimitTests {
    static func profile(_ limit: String) throws(DefinitionError) -> PayerProfile {
        try ClaimFixtures.profile(
            ClaimFixtures.profileYAML.replacingOccurrences(
                of: "filing_limit: { days_after_service: 365 }", with: limit))
    }

    @Test(
        "months after the month of service: the last day of the Nth month, whatever the day of service",
        arguments: [
            ("2026-01-01", 6, "2026-07-31"), ("2026-01-31", 6, "2026-07-31"),
            ("2025-12-01", 6, "2026-06-30"), ("2025-12-31", 6, "2026-06-30"),  // December service: June deadline
            ("2025-08-31", 6, "2026-02-28"), ("2023-08-31", 6, "2024-02-29"),  // leap February
            ("2024-02-29", 12, "2025-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2025-01-31", 1, "2025-02-28"),
            ("2026-05-15", 1, "2026-06-30"), ("2026-11-30", 3, "2027-02-28"),
        ])
    func monthsAfterServiceMonth(service: String, months: Int, deadline: String) {
        let limit = FilingLimit(span: .monthsAfterServiceMonth(months))
        #expect(limit.deadline(for: ClaimFixtures.day(service)).description == deadline)
    }

    @Test(
        "days after the date of service count calendar days across leap years",
        arguments: [
            ("2025-03-01", 365, "2026-03-01"), ("2024-02-29", 365, "2025-02-28"), ("2023-03-01", 365, "2024-02-29"),
            ("2026-01-31", 30, "2026-03-02"),
        ])
    func daysAfterService(service: String, days: Int, deadline: String) {
        let limit = FilingLimit(span: .daysAfterService(days))
        #expect(limit.deadline(for: ClaimFixtures.day(service)).description == deadline)
    }

    @Test("the deadline itself is in time, the day after it is late")
    func deadlineDay() {
        let limit = FilingLimit(span: .monthsAfterServiceMonth(6))
        let service = ClaimFixtures.day("2025-12-10")
        #expect(!limit.isPassed(service: service, on: ClaimFixtures.day("2026-06-30")))
        #expect(limit.isPassed(service: service, on: ClaimFixtures.day("2026-07-01")))
    }

    @Test("a profile states its limit in months or in days, with an optional delay reason code")
    func decodes() throws {
        #expect(
            try Self.profile("filing_limit: { months_after_service_month: 6 }").filingLimit
                == FilingLimit(
                    span: .monthsAfterServiceMonth(6)))
        #expect(
            try Self.profile("filing_limit: { days_after_service: 730, delay_reason_code: \"11\" }").filingLimit
                == FilingLimit(span: .daysAfterService(730), delayReasonCode: "11"))
        #expect(try Self.profile("").filingLimit == .standard)
    }

    @Test(
        "a filing limit that is not exactly one span is reported at its line",
        arguments: [
            ("filing_limit: { months_after_service_month: 6, days_after_service: 365 }", "not both"),
            ("filing_limit: { delay_reason_code: \"11\" }", "state the limit"),
            ("filing_limit: { months_after_service_month: 0 }", "out of range 1...120"),
            ("filing_limit: { days_after_service: 365, delay_reason_code: \"12\" }", "not an 837P delay reason code"),
            ("filing_limit: { weeks_after_service: 4 }", "unknown key 'weeks_after_service'"),
            ("timely_filing_days: 365", "replaced by 'filing_limit: { days_after_service: 365 }'"),
        ])
    func lint(limit: String, expected: String) throws {
        let line =
            ClaimFixtures.profileYAML.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("filing_limit:") }.map { $0 + 1 }
        do {
            _ = try Self.profile(limit)
            Issue.record("accepted: \(limit)")
        } catch {
            let issue = try #require(error.issues.first { $0.message.contains(expected) }, "\(error.issues)")
            #expect(issue.line == line)
            #expect(issue.file == "test-payer.yaml")
        }
    }

    @Test("the screen excludes a late service with its service date and deadline, unless a delay reason is set")
    func screen() throws {
        let medicaid = try Self.profile("filing_limit: { months_after_service_month: 6 }")
        let today = ClaimFixtures.day("2026-11-22")
        let spans = [
            EligibilitySpan(memberID: "M1", start: ClaimFixtures.day("2025-01-01"), end: nil, planCode: "HP1")
        ]
        let screen = ServiceScreen(profile: medicaid, today: today)
        guard case .failure(let late) = screen.screen(ClaimFixtures.service(date: "2026-04-30", spans: spans)) else {
            Issue.record("an April service is past six months after April on November 22")
            return
        }
        #expect(late.rule == .filingLimitPassed)
        #expect(late.message.contains("2026-04-30") && late.message.contains("2026-10-31"))
        #expect(!late.message.contains("Peña") && !late.message.contains("40100"))
        guard case .success = screen.screen(ClaimFixtures.service(date: "2026-05-01", spans: spans)) else {
            Issue.record("a May service is in time until November 30")
            return
        }
        // A payer with a longer limit takes what a one-year rule would have refused.
        let longer = ServiceScreen(profile: try Self.profile("filing_limit: { days_after_service: 730 }"), today: today)
        guard case .success = longer.screen(ClaimFixtures.service(date: "2025-06-01", spans: spans)) else {
            Issue.record("a 730-day payer bills a service from 2025-06-01 on 2026-11-22")
            return
        }
        let delayed = ServiceScreen(
            profile: try Self.profile("filing_limit: { months_after_service_month: 6, delay_reason_code: \"11\" }"),
            today: today)
        guard case .success = delayed.screen(ClaimFixtures.service(date: "2026-04-30", spans: spans)) else {
            Issue.record("with a delay reason code a late service is billed")
            return
        }
    }
}
