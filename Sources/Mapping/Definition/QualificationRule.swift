/// `qualification:` in a service-log mapping: each service's practitioner is checked against the district's
/// practitioner roster (known, licensed on the service date, of a type the payer profiles qualify for the code).
///
/// The check runs only once the district's roster holds rows; before that nothing is flagged at intake (claim
/// builds still exclude the services, see the payer profile's `qualified`). Its rule ids are fixed:
/// ``RuleID/practitionerUnknown``, ``RuleID/practitionerUnlicensed``, ``RuleID/practitionerNotQualified``.
public struct QualificationRule: Sendable, Equatable {
    /// The field holding the practitioner's NPI.
    public var practitioner: String
    /// The field holding the service date (a date field).
    public var date: String
    /// The field holding the billing code.
    public var code: String
    /// The domain table holding the roster (columns `npi`, `practitioner_type`, `valid_from`, `valid_to`).
    public var roster: String
    /// What a failed check does (default: a warning; the service is still loaded).
    public var severity: Severity
    /// Line of the `qualification` key, for issues about the roster table.
    public var line: Int

    /// The roster table's columns the check reads.
    public static let rosterColumns = ["npi", "practitioner_type", "valid_from", "valid_to"]

    /// Creates a rule.
    public init(
        practitioner: String, date: String, code: String, roster: String, severity: Severity = .warning,
        line: Int = 0
    ) {
        self.practitioner = practitioner
        self.date = date
        self.code = code
        self.roster = roster
        self.severity = severity
        self.line = line
    }
}
