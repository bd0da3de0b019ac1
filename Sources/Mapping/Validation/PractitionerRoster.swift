import Values

/// One roster row of a practitioner: their type and the period their license is valid.
public struct PractitionerPeriod: Sendable, Equatable {
    /// The practitioner type (`SLP`, `LCSW`, `RN`, …), as the payer profiles' `qualified` lists name them.
    public var type: String
    /// The first day the license is valid.
    public var from: Day
    /// The last day the license is valid; `nil` when open-ended.
    public var to: Day?

    /// Creates a period.
    public init(type: String, from: Day, to: Day?) {
        self.type = type
        self.from = from
        self.to = to
    }

    /// Whether the license is valid on `day`.
    public func covers(_ day: Day) -> Bool {
        from <= day && (to.map { day <= $0 } ?? true)
    }
}

/// Why a practitioner may not bill a code on a day: a rule id (``RuleID``) and a message without PHI.
public struct PractitionerProblem: Sendable, Equatable {
    /// ``RuleID/practitionerUnknown``, ``RuleID/practitionerUnlicensed`` or ``RuleID/practitionerNotQualified``.
    public var rule: String
    /// What is wrong, naming the NPI, type, code and dates.
    public var message: String

    /// Checks a practitioner's roster rows for a service, in order: known, licensed on the day, qualified.
    ///
    /// - Parameters:
    ///   - npi: the rendering practitioner's NPI.
    ///   - periods: the practitioner's roster rows (empty: not on the roster).
    ///   - day: the service date.
    ///   - code: the billing code.
    ///   - qualified: the practitioner types allowed to bill the code; `nil` when no payer restricts it.
    /// - Returns: `nil` when the practitioner may bill the code on that day.
    public static func check(
        npi: String, periods: [PractitionerPeriod], day: Day, code: String, qualified: Set<String>?
    )
        -> PractitionerProblem?
    {
        guard !periods.isEmpty else {
            return PractitionerProblem(
                rule: RuleID.practitionerUnknown, message: "practitioner \(npi) is not on the district's roster")
        }
        guard let period = periods.last(where: { $0.covers(day) }) else {
            let spans = periods.map { "\($0.from) to \($0.to.map { "\($0)" } ?? "open")" }.joined(separator: ", ")
            return PractitionerProblem(
                rule: RuleID.practitionerUnlicensed,
                message: "practitioner \(npi) is not licensed on \(day) (valid \(spans))")
        }
        if let qualified, !qualified.contains(period.type) {
            return PractitionerProblem(
                rule: RuleID.practitionerNotQualified,
                message:
                    "practitioner \(npi) is \(period.type), not qualified to bill \(code) (qualified: \(qualified.sorted().joined(separator: ", ")))"
            )
        }
        return nil
    }
}

/// A district's practitioner roster and the types qualified per billing code, for the `qualification` rule.
public struct PractitionerRoster: Sendable {
    /// Roster rows per NPI, oldest `valid_from` first.
    public var periods: [String: [PractitionerPeriod]]
    /// Practitioner types qualified per billing code (upper-cased); a code absent here is not restricted.
    public var qualified: [String: Set<String>]

    /// Creates a roster.
    public init(periods: [String: [PractitionerPeriod]], qualified: [String: Set<String>]) {
        self.periods = periods
        self.qualified = qualified
    }

    /// The problem with a service's practitioner, or `nil`.
    public func check(npi: String, day: Day, code: String) -> PractitionerProblem? {
        let code = code.uppercased()
        return PractitionerProblem.check(
            npi: npi, periods: periods[npi] ?? [], day: day, code: code, qualified: qualified[code])
    }
}
