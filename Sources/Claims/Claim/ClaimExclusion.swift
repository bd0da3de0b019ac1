/// Why a service was left out of a claim build: every unbilled service either gets a claim line or one of these.
public struct ClaimExclusion: Error, Sendable, Equatable {
    /// The rule that excluded it (stable id, used in reports and logs).
    public var rule: Rule
    /// What exactly is wrong, for the operator.
    public var message: String

    /// Creates an exclusion.
    public init(_ rule: Rule, _ message: String) {
        self.rule = rule
        self.message = message
    }

    /// Exclusion rules, in the order they are checked.
    public enum Rule: String, Sendable, CaseIterable {
        /// The student is not on the roster (any more).
        case studentUnknown = "student-unknown"
        /// The code is not in the payer's fee schedule.
        case notInFeeSchedule = "not-in-fee-schedule"
        /// The service date is before every period of the code's dated `rates`.
        case rateNotInEffect = "rate-not-in-effect"
        /// The code names `qualified` types and the rendering NPI is not on the district's practitioner roster.
        case practitionerUnknown = "practitioner-unknown"
        /// The code names `qualified` types and no roster row of the practitioner is valid on the service date.
        case practitionerUnlicensed = "practitioner-unlicensed"
        /// The practitioner's type (on the service date) is not among the code's `qualified` types.
        case practitionerNotQualified = "practitioner-not-qualified"
        /// A modifier the fee schedule does not allow with the code.
        case modifierNotAllowed = "modifier-not-allowed"
        /// Units below one, or a charge too large to represent.
        case unitsInvalid = "units-invalid"
        /// The student was too old for the program on the service date.
        case ageLimit = "age-limit"
        /// No parental consent where the payer requires it.
        case noConsent = "no-consent"
        /// Past the payer's filing limit (``FilingLimit``) and the profile names no delay reason code.
        case filingLimitPassed = "filing-limit-passed"
        /// No member span with this payer covers the service date.
        case notEligible = "not-eligible"
        /// No diagnosis code to put on the claim.
        case diagnosisMissing = "diagnosis-missing"
        /// The student has no birth date (the subscriber's DMG on an 837P, and age limits, need it).
        case birthdateMissing = "birthdate-missing"
        /// The rendering practitioner's name is missing (2310B NM103).
        case renderingNameMissing = "rendering-name-missing"
        /// The student has no home address (required for the subscriber on an 837P).
        case addressMissing = "subscriber-address-missing"
        /// The member id is not a valid NDIS participant number (9 digits).
        case participantNumberInvalid = "ndis-number-invalid"
    }
}
