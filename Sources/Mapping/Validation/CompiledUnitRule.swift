/// A ``UnitRule`` resolved to field positions.
struct CompiledUnitRule: Sendable {
    let rule: UnitRule
    let units: Int
    let code: Int
    let minutes: Int?
    let start: Int?
    let end: Int?

    init?(_ rule: UnitRule, fieldIndex: [String: Int]) {
        guard let units = fieldIndex[rule.units], let code = fieldIndex[rule.code] else { return nil }
        self.rule = rule
        self.units = units
        self.code = code
        minutes = rule.minutes.flatMap { fieldIndex[$0] }
        start = rule.start.flatMap { fieldIndex[$0] }
        end = rule.end.flatMap { fieldIndex[$0] }
    }

    /// The issue this record raises, or `nil` when its units fit its minutes (or a field it needs failed).
    func check(_ values: [FieldValue], failed: [Bool], line: Int, checkers: [FieldChecker]) -> RowIssue? {
        let involved = [units, code] + [minutes, start, end].compactMap { $0 }
        guard !involved.contains(where: { failed[$0] }), case .int(let billed) = values[units] else { return nil }
        func issue(_ message: String, field: Int) -> RowIssue {
            RowIssue(
                line: line, column: checkers[field].column, field: checkers[field].field.name, rule: rule.id,
                severity: rule.severity, message: message, value: values[field].text)
        }
        var span: Int?
        if let start, let end, case .time(let from) = values[start], case .time(let to) = values[end] {
            guard to.minutes > from.minutes else {
                return issue("the end time is not after the start time", field: end)
            }
            span = to.minutes - from.minutes
        }
        var delivered = span
        if let minutes, case .int(let given) = values[minutes] {
            if let span, span != Int(given) {
                return issue(
                    "\(given) minutes differ from the \(span) minutes between start and end time", field: minutes)
            }
            delivered = Int(given)
        }
        guard let delivered else {
            return issue("no minutes, nor start and end time, to check the units against", field: units)
        }
        let codeText = values[code].text
        let unit = rule.unitMinutes[codeText] ?? rule.defaultUnitMinutes
        let expected = UnitRule.expectedUnits(minutes: delivered, unit: unit)
        guard expected != Int(billed) else { return nil }
        return issue(
            "\(billed) units do not match \(delivered) minutes of \(codeText) (\(unit == 0 ? "one unit per session" : "\(unit)-minute units, a unit counts past its midpoint")): expected \(expected)",
            field: units)
    }
}
