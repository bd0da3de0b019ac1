import Mapping
import Values

/// A loaded service not yet billed, with what claim building needs to screen and price it.
public struct BillableService: Sendable {
    /// The service's key.
    public var key: ServiceKey
    /// Modifiers as logged.
    public var modifiers: [String]
    /// Units as logged (already checked against minutes by the service-log mapping).
    public var units: Int
    /// Place of service as logged.
    public var placeOfService: String?
    /// Rendering practitioner name as logged.
    public var renderingName: String
    /// ICD-10 codes as logged (with or without the dot).
    public var diagnoses: [String]
    /// Whether a parent consented to billing.
    public var consent: Bool
    /// The student as subscriber (member id filled from eligibility), `nil` when the student is not on the roster.
    public var student: Subscriber?
    /// The student's eligibility spans (all payers).
    public var eligibility: [EligibilitySpan]
    /// The rendering practitioner's rows on the district's practitioner roster (empty: not on it).
    public var practitioner: [PractitionerPeriod]

    /// Creates a service.
    public init(
        key: ServiceKey, modifiers: [String], units: Int, placeOfService: String?, renderingName: String,
        diagnoses: [String], consent: Bool, student: Subscriber?, eligibility: [EligibilitySpan],
        practitioner: [PractitionerPeriod] = []
    ) {
        self.key = key
        self.modifiers = modifiers
        self.units = units
        self.placeOfService = placeOfService
        self.renderingName = renderingName
        self.diagnoses = diagnoses
        self.consent = consent
        self.student = student
        self.eligibility = eligibility
        self.practitioner = practitioner
    }
}

/// A span in which a student is a member of a plan (from member batches).
public struct EligibilitySpan: Sendable, Equatable {
    /// The member id in the plan.
    public var memberID: String
    /// First covered day.
    public var start: Day
    /// Last covered day, `nil` when ongoing.
    public var end: Day?
    /// Plan code, if the batch gave one.
    public var planCode: String?

    /// Creates a span.
    public init(memberID: String, start: Day, end: Day?, planCode: String?) {
        self.memberID = memberID
        self.start = start
        self.end = end
        self.planCode = planCode
    }

    /// Whether the span covers `day`.
    public func covers(_ day: Day) -> Bool {
        start <= day && (end.map { day <= $0 } ?? true)
    }
}
