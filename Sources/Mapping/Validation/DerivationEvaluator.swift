import Values

/// Computes derived fields from the values of a record (see ``Derivation``).
struct DerivationEvaluator: Sendable {
    /// The school year counted as current.
    let currentSchoolYear: SchoolYear

    /// The derived value, or the reason it cannot be computed.
    func evaluate(_ function: Derivation.Function, inputs: [FieldValue]) -> Result<FieldValue, DerivationFailure> {
        switch function {
        case .season: return season(inputs)
        case .schoolYearStatus: return schoolYearStatus(inputs)
        }
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
