import Values

/// Computes derived fields from the values of a record (see ``Derivation``).
struct DerivationEvaluator: Sendable {
    /// The school year counted as current.
    let currentSchoolYear: SchoolYear

    /// The derived value, or the reason it cannot be computed.
    ///
    /// - Parameter present: the codes that count as attended (`attendance_percentage`), for the district.
    func evaluate(_ function: Derivation.Function, inputs: [FieldValue], present: Set<String> = [])
        -> Result<FieldValue, DerivationFailure>
    {
        switch function {
        case .season: return season(inputs)
        case .schoolYearStatus: return schoolYearStatus(inputs)
        case .attendancePercentage: return .success(Self.attendancePercentage(inputs, present: present))
        }
    }

    /// Percent of scheduled periods attended, to 2 decimals rounded half up; `null` when no period is scheduled.
    ///
    /// A blank period is not scheduled; a period whose code is in `present` was attended; any other code missed.
    static func attendancePercentage(_ periods: [FieldValue], present: Set<String>) -> FieldValue {
        var scheduled: Int64 = 0
        var attended: Int64 = 0
        for period in periods where !period.text.isEmpty {
            scheduled += 1
            if present.contains(period.text) { attended += 1 }
        }
        guard scheduled > 0 else { return .null }
        // attended / scheduled × 100, in hundredths, half up: ⌊(2 × attended × 10000 + scheduled) / (2 × scheduled)⌋.
        let hundredths = (2 * attended * 10_000 + scheduled) / (2 * scheduled)
        return .decimal(FixedDecimal(units: hundredths, scale: 2))
    }

    /// Whether a value the file gives agrees with the derived one.
    ///
    /// Decimals agree when equal once both are rounded (half up) to the fewer decimals of the two, so a file
    /// writing `83.3` or `83` agrees with a derived `83.33`; other values must be equal.
    static func agrees(given: FieldValue, derived: FieldValue) -> Bool {
        guard case .decimal(let file) = given, case .decimal(let computed) = derived else {
            return given.text == derived.text
        }
        let scale = min(file.scale, computed.scale)
        return rounded(file, to: scale) == rounded(computed, to: scale)
    }

    /// `value` at `scale` digits after the point, rounded half up (away from zero).
    static func rounded(_ value: FixedDecimal, to scale: Int) -> FixedDecimal {
        guard value.scale > scale else { return value }
        var divisor: Int64 = 1
        for _ in scale..<value.scale { divisor *= 10 }
        let magnitude = (value.units.magnitude + divisor.magnitude / 2) / divisor.magnitude
        let units = Int64(magnitude)
        return FixedDecimal(units: value.units < 0 ? -units : units, scale: scale)
    }

    /// The first input naming a season (a norming window such as `Fall (Beginning of Year - November 15)`),
    /// else the season of the first date: Fall to 15 November, Winter to 1 March, Spring after.
    private func season(_ inputs: [FieldValue]) -> Result<FieldValue, DerivationFailure> {
        for input in inputs {
            if case .date(let day) = input { return .success(.text(Self.season(of: day))) }
            let text = input.text.lowercased()
            for name in ["Fall", "Winter", "Spring"] where text.hasPrefix(name.lowercased()) {
                return .success(.text(name))
            }
        }
        return .failure(
            DerivationFailure(rule: RuleID.noSeason, message: "no norming window or date to take the season from"))
    }

    static func season(of day: Day) -> String {
        switch (day.month, day.day) {
        case (7...10, _), (11, ...15): return "Fall"
        case (11, _), (12, _), (1, _), (2, _), (3, 1): return "Winter"
        default: return "Spring"
        }
    }

    private func schoolYearStatus(_ inputs: [FieldValue]) -> Result<FieldValue, DerivationFailure> {
        guard let text = inputs.first?.text, !text.isEmpty else { return .success(.null) }
        guard let year = SchoolYear(parsing: text) else {
            return .failure(
                DerivationFailure(
                    rule: RuleID.invalidSchoolYear, message: "'\(text)' is not a school year like 2024-2025"))
        }
        let status = year == currentSchoolYear ? "current" : year < currentSchoolYear ? "historical" : "future"
        return .success(.text(status))
    }
}

/// Why a derived value could not be computed.
struct DerivationFailure: Error, Sendable {
    var rule: String
    var message: String
}
