import Formats
import Values

/// Validates the records of one file against a compiled mapping and produces typed values.
///
/// One validator serves one job: it holds the per-file state (values seen for `unique` fields) and
/// reuses its buffers, so validating a record allocates nothing beyond the texts it keeps.
public struct RecordValidator: Sendable {
    /// The typed values of the last record, one per mapping field (definition order).
    public private(set) var values: [FieldValue]
    /// The issues of the last record, errors and warnings.
    public private(set) var issues: [RowIssue] = []
    /// Per field: whether its value failed a check in the last record (so rules do not report it twice).
    private var failed: [Bool]

    let mapping: CompiledMapping
    let binding: HeaderBinding
    var checkers: [FieldChecker]
    /// The fields read from the record: every field but the purely derived ones (a derived field with a
    /// column reads it), found once here rather than per record.
    let checked: [Int]
    let rules: [CompiledRule]
    let lookups: [CompiledLookup]
    let derived: [(index: Int, function: Derivation.Function, inputs: [Int], present: Set<String>)]
    let unitRules: [CompiledUnitRule]
    let orderRules: [(rule: OrderRule, fields: [Int])]
    let evaluator: DerivationEvaluator
    /// The `qualification` rule with its field positions and the district's roster; `nil` when the mapping has
    /// none or the roster is not loaded yet.
    let qualification: (rule: QualificationRule, npi: Int, date: Int, code: Int, roster: PractitionerRoster)?

    /// Prepares a validator for one file.
    ///
    /// - Parameters:
    ///   - mapping: the file's kind.
    ///   - binding: where each field sits in this file's header.
    ///   - district: the source id; selects per-district code tables.
    ///   - today: the day relative date limits (`today+30d`) resolve against.
    ///   - lookupValues: known values per lookup, keyed `table.column`.
    ///   - currentSchoolYear: the year `school_year_status` calls current (default: the one `today` is in).
    ///   - roster: the district's practitioner roster for the `qualification` rule; `nil` (or no rows): the rule
    ///     is not checked.
    public init(
        mapping: CompiledMapping, binding: HeaderBinding, district: String, today: Day,
        lookupValues: [String: Set<String>] = [:], currentSchoolYear: SchoolYear? = nil,
        roster: PractitionerRoster? = nil
    ) {
        self.mapping = mapping
        self.binding = binding
        let definition = mapping.definition
        let keyFields = Set(definition.key)
        checkers = definition.fields.enumerated().map { index, field in
            var field = field
            if keyFields.contains(field.name) { field.required = true }
            return FieldChecker(
                field: field, position: binding.columnIndex[index], column: binding.columnName[index],
                codes: Self.codes(for: field, in: definition, district: district), today: today)
        }
        checked = definition.fields.indices.filter {
            definition.fields[$0].derivation == nil || definition.fields[$0].isRead
        }
        let fieldIndex = Dictionary(uniqueKeysWithValues: definition.fields.enumerated().map { ($1.name, $0) })
        rules = definition.rules.map { CompiledRule($0, fieldIndex: fieldIndex) }
        derived = definition.fields.indices.compactMap { index in
            guard let derivation = definition.fields[index].derivation else { return nil }
            let present = Set(derivation.present?.codes(for: district).map { Array($0.keys) } ?? [])
            return (index, derivation.function, derivation.from.compactMap { fieldIndex[$0] }, present)
        }
        unitRules = definition.unitRules.compactMap { CompiledUnitRule($0, fieldIndex: fieldIndex) }
        orderRules = definition.orderRules.map { rule in (rule, rule.fields.compactMap { fieldIndex[$0] }) }
        evaluator = DerivationEvaluator(currentSchoolYear: currentSchoolYear ?? SchoolYear.containing(today))
        lookups = definition.lookups.compactMap { lookup in
            guard let index = fieldIndex[lookup.field] else { return nil }
            return CompiledLookup(
                definition: lookup, fieldIndex: index,
                known: lookupValues["\(lookup.table).\(lookup.column)"] ?? [])
        }
        if let rule = definition.qualification, let roster, !roster.periods.isEmpty,
            let npi = fieldIndex[rule.practitioner], let date = fieldIndex[rule.date], let code = fieldIndex[rule.code]
        {
            qualification = (rule, npi, date, code, roster)
        } else {
            qualification = nil
        }
        values = Array(repeating: .null, count: definition.fields.count)
        failed = Array(repeating: false, count: definition.fields.count)
    }

    private static func codes(for field: FieldDefinition, in definition: MappingDefinition, district: String)
        -> [String: String]?
    {
        let accepted: [String: String]?
        switch field.values {
        case .none: return nil
        case .inline(let values): accepted = values
        case .table(let name):
            accepted = definition.codeTables[name]?.codes(for: district).map { codes in
                Dictionary(uniqueKeysWithValues: codes.keys.map { ($0, $0) })
            }
        }
        guard let accepted, field.ignoreCase else { return accepted ?? [:] }
        return Dictionary(accepted.map { ($0.key.uppercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Validates one record.
    ///
    /// - Parameters:
    ///   - record: the record's fields.
    ///   - line: where the record starts in the file, for issues.
    /// - Returns: `true` if the record may be loaded (warnings allowed), `false` if an error rejects it.
    public mutating func validate<Record: FieldRecord & ~Copyable>(_ record: borrowing Record, line: Int) -> Bool {
        issues.removeAll(keepingCapacity: true)
        guard record.count == binding.headerCount else {
            let message =
                record.count < binding.headerCount
                ? "row has \(record.count) fields, the header has \(binding.headerCount): fields are missing"
                : "row has \(record.count) fields, the header has \(binding.headerCount): extra fields"
            issues.append(RowIssue(line: line, rule: RuleID.raggedRow, message: message))
            return false
        }
        var accepted = true
        // Loops run over indices: iterating the arrays themselves would copy each element (and retain what it
        // holds) once per record.
        for index in checked {
            let outcome: FieldChecker.Outcome
            if let constant = checkers[index].constant {
                outcome = constant.withUnsafeBufferPointer { checkers[index].check($0) }
            } else if let position = checkers[index].position {
                outcome = record.withField(position) { bytes in checkers[index].check(ByteParsing.trimmed(bytes)) }
            } else {
                outcome = checkers[index].check(UnsafeBufferPointer(start: nil, count: 0))
            }
            failed[index] = false
            switch outcome {
            case .value(let value):
                values[index] = value
            case .failed(let rule, let message, let value):
                let checker = checkers[index]
                issues.append(
                    RowIssue(
                        line: line, column: checker.column ?? checker.field.columns.first, field: checker.field.name,
                        rule: rule, severity: checker.field.severity, message: message, value: value))
                values[index] = .null
                failed[index] = true
                if checker.field.severity == .error { accepted = false }
            }
        }
        for (index, function, inputs, present) in derived {
            let readsColumn = checkers[index].field.isRead
            if readsColumn, failed[index] { continue }
            let given = readsColumn ? values[index] : .null
            failed[index] = false
            // An input that failed its own check is reported already; its derivation is simply empty.
            if inputs.contains(where: { failed[$0] }) {
                values[index] = given
                continue
            }
            switch evaluator.evaluate(function, inputs: inputs.map { values[$0] }, present: present) {
            case .success(let value):
                guard !given.isNull else {
                    values[index] = value
                    continue
                }
                if !value.isNull, !DerivationEvaluator.agrees(given: given, derived: value) {
                    let checker = checkers[index]
                    issues.append(
                        RowIssue(
                            line: line, column: checker.column, field: checker.field.name,
                            rule: RuleID.derivedMismatch, severity: .warning,
                            message:
                                "\(checker.field.name) is \(given.text) in the file but \(value.text) from \(checker.field.derivation?.from.joined(separator: ", ") ?? "")",
                            value: given.text))
                }
            case .failure(let failure):
                let field = checkers[index].field
                let source = inputs.first.map { checkers[$0] }
                issues.append(
                    RowIssue(
                        line: line, column: source?.column, field: source?.field.name, rule: failure.rule,
                        severity: field.severity, message: failure.message, value: inputs.first.map { values[$0].text })
                )
                values[index] = .null
                failed[index] = true
                if field.severity == .error { accepted = false }
            }
        }
        for rule in rules.indices where !rules[rule].holds(values, failed: failed) {
            issues.append(rules[rule].issue(line: line, values: values, checkers: checkers))
            if rules[rule].definition.severity == .error { accepted = false }
        }
        for rule in unitRules {
            guard let issue = rule.check(values, failed: failed, line: line, checkers: checkers) else { continue }
            issues.append(issue)
            if issue.severity == .error { accepted = false }
        }
        for (rule, fields) in orderRules {
            let present = fields.filter { !values[$0].isNull }
            guard
                let broken = zip(present, present.dropFirst()).first(where: {
                    !Self.ordered(values[$0.0], values[$0.1])
                })
            else { continue }
            let (earlier, later) = (checkers[broken.0], checkers[broken.1])
            issues.append(
                RowIssue(
                    line: line, column: later.column, field: later.field.name, rule: rule.id, severity: rule.severity,
                    message:
                        "\(later.field.name) \(values[broken.1].text) is before \(earlier.field.name) \(values[broken.0].text)",
                    value: values[broken.1].text))
            if rule.severity == .error { accepted = false }
        }
        for position in lookups.indices {
            let value = values[lookups[position].fieldIndex]
            guard !value.isNull, !lookups[position].known.contains(value.text) else { continue }
            let lookup = lookups[position]
            let checker = checkers[lookup.fieldIndex]
            issues.append(
                RowIssue(
                    line: line, column: checker.column, field: checker.field.name, rule: lookup.definition.rule,
                    severity: lookup.definition.severity,
                    message:
                        "\(checker.field.name) is not a known \(lookup.definition.table).\(lookup.definition.column) of this district",
                    value: value.text))
            if lookup.definition.severity == .error { accepted = false }
        }
        if let qualification, let issue = practitionerIssue(qualification, line: line) {
            issues.append(issue)
            if issue.severity == .error { accepted = false }
        }
        return accepted
    }

    /// The `qualification` rule's issue for the current record, if its practitioner may not bill its code on
    /// its date (a record whose NPI, date or code failed its own check is not checked again).
    private func practitionerIssue(
        _ qualification: (rule: QualificationRule, npi: Int, date: Int, code: Int, roster: PractitionerRoster),
        line: Int
    ) -> RowIssue? {
        let (rule, npi, date, code, roster) = qualification
        guard !failed[npi], !failed[date], !failed[code], !values[npi].isNull, !values[code].isNull,
            case .date(let day) = values[date],
            let problem = roster.check(npi: values[npi].text, day: day, code: values[code].text)
        else { return nil }
        let checker = checkers[npi]
        return RowIssue(
            line: line, column: checker.column, field: checker.field.name, rule: problem.rule,
            severity: rule.severity, message: problem.message, value: values[npi].text)
    }
}

extension RecordValidator {
    /// Whether `first ≤ second` for values of the same type (dates, numbers, times, texts).
    static func ordered(_ first: FieldValue, _ second: FieldValue) -> Bool {
        switch (first, second) {
        case (.date(let a), .date(let b)): return a <= b
        case (.int(let a), .int(let b)), (.cents(let a), .cents(let b)): return a <= b
        case (.decimal(let a), .decimal(let b)): return a <= b
        case (.time(let a), .time(let b)): return a <= b
        default: return first.text <= second.text
        }
    }
}

/// A conditional rule resolved to field positions.
struct CompiledRule: Sendable {
    let definition: ConditionalRule
    let conditions: [(index: Int, values: Set<String>)]
    let exemptions: [(index: Int, values: Set<String>)]
    let required: [Int]

    init(_ definition: ConditionalRule, fieldIndex: [String: Int]) {
        self.definition = definition
        func resolve(_ list: [(field: String, values: [String])]) -> [(index: Int, values: Set<String>)] {
            list.compactMap { condition in fieldIndex[condition.field].map { ($0, Set(condition.values)) } }
        }
        conditions = resolve(definition.when)
        exemptions = resolve(definition.unless)
        required = definition.require.compactMap { fieldIndex[$0] }
    }

    /// Whether the rule is satisfied: it does not apply, or every required field has a value.
    ///
    /// A required field whose value failed its own check was given, and is already reported.
    func holds(_ values: [FieldValue], failed: [Bool]) -> Bool {
        let applies =
            conditions.allSatisfy { $0.values.contains(values[$0.index].text) }
            && !exemptions.contains { $0.values.contains(values[$0.index].text) }
        return !applies || required.allSatisfy { !values[$0].isNull || failed[$0] }
    }

    func issue(line: Int, values: [FieldValue], checkers: [FieldChecker]) -> RowIssue {
        let missing = required.filter { values[$0].isNull }.map { checkers[$0].field.name }
        let condition = conditions.map { "\(checkers[$0.index].field.name) = '\(values[$0.index].text)'" }
            .joined(separator: " and ")
        let given = condition.isEmpty ? "" : "when \(condition), "
        let message = definition.message ?? given + "\(missing.joined(separator: ", ")) must be given"
        let first = missing.first.flatMap { name in checkers.first { $0.field.name == name } }
        return RowIssue(
            line: line, column: first?.column ?? first?.field.columns.first, field: first?.field.name,
            rule: definition.id, severity: definition.severity, message: message)
    }
}

/// A lookup resolved to a field position and the known values.
struct CompiledLookup: Sendable {
    let definition: LookupDefinition
    let fieldIndex: Int
    let known: Set<String>
}
