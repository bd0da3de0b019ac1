import Claims
import Foundation
import Mapping
import Testing
import Values

@Suite("Fee schedules with effective dates")
struct FeeRateTests {
    static let single = "\"92507\": { rate: \"52.00\", modifiers: [GN] }"
    static let dated =
        "\"92507\": { rates: [{ from: 2026-07-01, rate: 41.08 }, { from: 2026-10-08, rate: \"43.10\" }], modifiers: [GN] }"

    enum Priced: Equatable {
        case charged(Money)
        case excluded(ClaimExclusion.Rule)
    }

    static func profile(_ entry: String) throws -> PayerProfile {
        try ClaimFixtures.profile(ClaimFixtures.profileYAML.replacingOccurrences(of: single, with: entry))
    }

    /// The charge of a service on `date`, or the rule that excluded it.
    func charge(_ date: String, units: Int = 2) throws -> Priced {
        let screen = ServiceScreen(profile: try Self.profile(Self.dated), today: ClaimFixtures.today)
        let spans = [EligibilitySpan(memberID: "M1", start: ClaimFixtures.day("2026-01-01"), end: nil, planCode: "HP1")]
        switch screen.screen(ClaimFixtures.service(date: date, units: units, spans: spans)) {
        case .success(let accepted): return .charged(accepted.charge)
        case .failure(let exclusion): return .excluded(exclusion.rule)
        }
    }

    @Test("dated rates decode oldest first, unquoted amounts to the cent")
    func decodes() throws {
        let entry = try #require(try Self.profile(Self.dated).feeSchedule["92507"])
        #expect(
            entry.rates == [
                FeeRate(from: ClaimFixtures.day("2026-07-01"), rate: Money(cents: 4108)),
                FeeRate(from: ClaimFixtures.day("2026-10-08"), rate: Money(cents: 4310)),
            ])
        #expect(entry.modifiers == ["GN"])
    }

    @Test("a service is priced at the rate in force on its date: the day before, on and after a change")
    func pricesByServiceDate() throws {
        #expect(try charge("2026-07-01") == .charged(Money(cents: 8216)))
        #expect(try charge("2026-10-07") == .charged(Money(cents: 8216)))
        #expect(try charge("2026-10-08") == .charged(Money(cents: 8620)))
        #expect(try charge("2026-10-09") == .charged(Money(cents: 8620)))
        #expect(try charge("2026-10-09", units: 1) == .charged(Money(cents: 4310)))
    }

    @Test("a service before every period is excluded with rate-not-in-effect, naming the first period")
    func beforeEveryPeriod() throws {
        #expect(try charge("2026-06-30") == .excluded(.rateNotInEffect))
        let screen = ServiceScreen(profile: try Self.profile(Self.dated), today: ClaimFixtures.today)
        let spans = [EligibilitySpan(memberID: "M1", start: ClaimFixtures.day("2026-01-01"), end: nil, planCode: "HP1")]
        guard case .failure(let exclusion) = screen.screen(ClaimFixtures.service(date: "2026-06-30", spans: spans))
        else {
            Issue.record("a service before every rate period was billed")
            return
        }
        #expect(exclusion.message.contains("2026-06-30") && exclusion.message.contains("2026-07-01"))
    }

    @Test("the single rate form is in force on every day")
    func singleRate() throws {
        let entry = try #require(try ClaimFixtures.profile().feeSchedule["92507"])
        #expect(entry.rate(on: ClaimFixtures.day("1990-01-01")) == Money(cents: 5200))
        #expect(entry.rate(on: ClaimFixtures.day("2099-12-31")) == Money(cents: 5200))
    }

    @Test(
        "misused rates are reported with their line",
        arguments: [
            (
                "\"92507\": { rate: \"52.00\", rates: [{ from: 2026-07-01, rate: \"41.08\" }], modifiers: [GN] }",
                "not both"
            ),
            ("\"92507\": { modifiers: [GN] }", "missing required key 'rate'"),
            ("\"92507\": { rates: [], modifiers: [GN] }", "lists no period"),
            (
                "\"92507\": { rates: [{ from: 2026-10-08, rate: \"43.10\" }, { from: 2026-07-01, rate: \"41.08\" }] }",
                "list the periods oldest first"
            ),
            (
                "\"92507\": { rates: [{ from: 2026-07-01, rate: \"41.08\" }, { from: 2026-07-01, rate: \"43.10\" }] }",
                "is repeated"
            ),
            ("\"92507\": { rates: [{ from: 2026-13-01, rate: \"41.08\" }] }", "'2026-13-01' is not a date"),
            ("\"92507\": { rates: [{ from: July 2026, rate: \"41.08\" }] }", "is not a date"),
            ("\"92507\": { rates: [{ from: 2026-07-01, rate: \"-41.08\" }] }", "must be an amount ≥ 0"),
            ("\"92507\": { rates: [{ from: 2026-07-01, rate: 41.081 }] }", "at most two decimals"),
            ("\"92507\": { rates: [{ from: 2026-07-01 }] }", "missing required key 'rate'"),
            ("\"92507\": { rates: [{ from: 2026-07-01, rate: \"41.08\", until: 2027-01-01 }] }", "unknown key 'until'"),
            ("\"92507\": { rates: { from: 2026-07-01, rate: \"41.08\" } }", "expected a list"),
        ])
    func lintsMisuse(entry: String, expected: String) throws {
        let yaml = ClaimFixtures.profileYAML.replacingOccurrences(of: Self.single, with: entry)
        #expect(yaml != ClaimFixtures.profileYAML)
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(entry) }
            .map { $0 + 1 }
        do {
            _ = try ClaimFixtures.profile(yaml)
            Issue.record("a misused rate was accepted: \(entry)")
        } catch {
            let issue = try #require(error.issues.first { $0.message.contains(expected) }, "\(error.issues)")
            #expect(issue.line == line)
            #expect(issue.file == "test-payer.yaml")
        }
    }

    @Test("review: required holds batches; absent or none does not; anything else is a lint error with its line")
    func review() throws {
        #expect(try ClaimFixtures.profile().review == .notRequired)
        let required = ClaimFixtures.profileYAML + "\nreview: required"
        #expect(try ClaimFixtures.profile(required).review == .required)
        #expect(try ClaimFixtures.profile(ClaimFixtures.profileYAML + "\nreview: none").review == .notRequired)
        let yaml = ClaimFixtures.profileYAML + "\nreview: later"
        do {
            _ = try ClaimFixtures.profile(yaml)
            Issue.record("review: later was accepted")
        } catch {
            let issue = try #require(error.issues.first { $0.message.contains("unknown review 'later'") })
            #expect(issue.line == yaml.split(separator: "\n", omittingEmptySubsequences: false).count)
        }
    }
}
