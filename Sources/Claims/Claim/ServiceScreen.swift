import Mapping
import Values

/// Decides whether a payer can be billed for a service and at what charge.
public struct ServiceScreen: Sendable {
    /// The payer.
    public let profile: PayerProfile
    /// The build day: a service whose filing deadline is before it is late.
    public let today: Day

    /// Creates a screen.
    public init(profile: PayerProfile, today: Day) {
        self.profile = profile
        self.today = today
    }

    /// A service that passed, with its member id and priced charge.
    public struct Accepted: Sendable {
        /// The member id of the covering span.
        public var memberID: String
        /// The rate in force on the service date × units.
        public var charge: Money
        /// The fee-schedule entry used.
        public var entry: FeeScheduleEntry
    }

    /// Completed years between a birth date and a day.
    static func age(born: Day, on day: Day) -> Int {
        let years = day.year - born.year
        return (day.month, day.day) < (born.month, born.day) ? years - 1 : years
    }

    /// Screens one service: either accepted with a charge, or the first rule it fails.
    public func screen(_ service: BillableService) -> Result<Accepted, ClaimExclusion> {
        guard let student = service.student else {
            return .failure(ClaimExclusion(.studentUnknown, "student is not on the district's roster"))
        }
        let code = service.key.billingCode.uppercased()
        guard let entry = profile.feeSchedule[code] else {
            return .failure(
                ClaimExclusion(.notInFeeSchedule, "code \(code) is not in the \(profile.id) fee schedule"))
        }
        guard let rate = entry.rate(on: service.key.date) else {
            let first = entry.rates.first?.from.map { "\($0)" } ?? "-"
            return .failure(
                ClaimExclusion(
                    .rateNotInEffect,
                    "code \(code) has no \(profile.id) rate in force on \(service.key.date): its first rate is from \(first)"
                ))
        }
        if !entry.qualified.isEmpty,
            let problem = PractitionerProblem.check(
                npi: service.key.renderingNPI, periods: service.practitioner, day: service.key.date, code: code,
                qualified: Set(entry.qualified)),
            let rule = ClaimExclusion.Rule(rawValue: problem.rule)
        {
            return .failure(ClaimExclusion(rule, problem.message))
        }
        if let modifier = service.modifiers.first(where: { !entry.modifiers.contains($0) }) {
            let allowed = entry.modifiers.isEmpty ? "none" : entry.modifiers.joined(separator: ", ")
            return .failure(
                ClaimExclusion(
                    .modifierNotAllowed, "modifier \(modifier) is not allowed with \(code) (allowed: \(allowed))"))
        }
        if service.units < 1 {
            return .failure(ClaimExclusion(.unitsInvalid, "\(service.units) units: a line bills at least one"))
        }
        if student.birthdate == nil, profile.underAge != nil || profile.format == .x12_837P {
            return .failure(ClaimExclusion(.birthdateMissing, "the roster has no birth date for the student"))
        }
        if let limit = profile.underAge, let birthdate = student.birthdate,
            Self.age(born: birthdate, on: service.key.date) >= limit
        {
            return .failure(
                ClaimExclusion(.ageLimit, "\(profile.id) covers students under \(limit) on the service date"))
        }
        if profile.requiresConsent, !service.consent {
            return .failure(ClaimExclusion(.noConsent, "\(profile.id) requires parental consent to bill"))
        }
        let filing = profile.filingLimit
        if filing.delayReasonCode == nil, filing.isPassed(service: service.key.date, on: today) {
            return .failure(
                ClaimExclusion(
                    .filingLimitPassed,
                    "service date \(service.key.date) passed the \(profile.id) filing limit (\(filing)) on "
                        + "\(filing.deadline(for: service.key.date)); a late claim needs a delay_reason_code in the profile"
                ))
        }
        let covering = service.eligibility.first { span in
            span.covers(service.key.date) && profile.eligiblePlans.contains { $0.matches(span.planCode ?? "") }
        }
        guard let span = covering else {
            return .failure(
                ClaimExclusion(.notEligible, "no \(profile.id) eligibility covers \(service.key.date)"))
        }
        switch profile.format {
        case .x12_837P:
            if service.diagnoses.isEmpty {
                return .failure(ClaimExclusion(.diagnosisMissing, "an 837P claim needs at least one ICD-10 code"))
            }
            if !RenderingName.hasLastName(service.renderingName) {
                return .failure(
                    ClaimExclusion(
                        .renderingNameMissing, "the service log names no rendering practitioner (2310B NM103)"))
            }
            if student.address == nil {
                return .failure(
                    ClaimExclusion(
                        .addressMissing, "the roster has no home address for the student (837P 2010BA N3/N4)"))
            }
        case .ndis:
            if !(span.memberID.count == 9 && span.memberID.allSatisfy { $0.isASCII && $0.isNumber }) {
                return .failure(
                    ClaimExclusion(.participantNumberInvalid, "the member id is not a 9-digit NDIS participant number"))
            }
        }
        // A charge must stay far from Int64's limit so that claim and batch totals cannot overflow.
        let (product, overflow) = rate.cents.multipliedReportingOverflow(by: Int64(service.units))
        guard !overflow, product < 1_000_000_000_000 else {
            return .failure(
                ClaimExclusion(.unitsInvalid, "\(service.units) units at \(rate) is not a plausible charge"))
        }
        return .success(Accepted(memberID: span.memberID, charge: Money(cents: product), entry: entry))
    }
}
