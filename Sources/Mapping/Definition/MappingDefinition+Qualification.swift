extension MappingDefinition {
    /// `qualification: { practitioner: …, date: …, code: …, roster: <table>, severity: warning }`.
    static func decodeQualification(_ node: YAMLNode, fields: [FieldDefinition]) -> QualificationRule? {
        guard let entries = node.fields(allowed: ["practitioner", "date", "code", "roster", "severity"]) else {
            return nil
        }
        guard let practitioner = entries["practitioner"]?.string(), let date = entries["date"]?.string(),
            let code = entries["code"]?.string(), let roster = entries["roster"]?.string()
        else {
            node.issue(
                "qualification needs 'practitioner' (the NPI field), 'date' (the service date field), 'code' (the billing code field) and 'roster' (the roster table)"
            )
            return nil
        }
        func field(_ name: String, key: String, types: [FieldType]) {
            let place = entries[key] ?? node
            guard let field = fields.first(where: { $0.name == name }) else {
                place.issue("qualification \(key) names '\(name)', which is not a field of this mapping")
                return
            }
            if !types.contains(field.type) {
                let allowed = types.map(\.rawValue).joined(separator: " or ")
                place.issue("qualification \(key) field '\(name)' must be a \(allowed) field")
            }
        }
        field(practitioner, key: "practitioner", types: [.npi, .string])
        field(date, key: "date", types: [.date])
        field(code, key: "code", types: [.string, .enum])
        if roster.isEmpty || roster.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
            entries["roster"]?.issue("qualification roster must be a table name, found '\(roster)'")
        }
        let severity = entries["severity"].flatMap(decodeSeverity) ?? .warning
        return QualificationRule(
            practitioner: practitioner, date: date, code: code, roster: roster, severity: severity, line: node.line)
    }
}
