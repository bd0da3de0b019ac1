import Values

extension MappingDefinition {
    static let fieldKeys = [
        "column", "type", "required", "pattern", "format", "min", "max", "length", "values", "values_from",
        "ignore_case", "unique", "severity", "store", "value", "derive", "path",
    ]

    static func decodeFields(_ node: YAMLNode, codeTables: [String: CodeTable]) -> [FieldDefinition] {
        var fields: [FieldDefinition] = []
        var columnOwners: [String: String] = [:]
        for (name, fieldNode) in node.entries() ?? [] {
            guard let field = decodeField(name: name, node: fieldNode, codeTables: codeTables) else { continue }
            for column in field.columns {
                let folded = HeaderName.fold(column)
                if let owner = columnOwners[folded] {
                    fieldNode.issue("column '\(column)' is already used by field '\(owner)'")
                }
                columnOwners[folded] = name
            }
            fields.append(field)
        }
        if fields.isEmpty { node.issue("a mapping needs at least one field") }
        return fields
    }

    private static func decodeField(name: String, node: YAMLNode, codeTables: [String: CodeTable]) -> FieldDefinition? {
        guard let entries = node.fields(allowed: fieldKeys) else { return nil }
        let constant = entries["value"]?.string()
        let derivation = entries["derive"].flatMap(decodeDerivation)
        if entries["column"] != nil, entries["path"] != nil {
            node.issue("field '\(name)' has both 'column' (CSV) and 'path' (XML); use one")
        }
        let columns = entries["column"]?.strings() ?? entries["path"]?.string().map { [$0] } ?? []
        if columns.isEmpty, constant == nil, derivation == nil {
            node.issue(
                "field '\(name)' needs 'column' (a header name or a list of aliases), 'path' (XML), 'value' or 'derive'"
            )
            return nil
        }
        if !columns.isEmpty, constant != nil {
            node.issue("field '\(name)' reads a column, so it cannot also have 'value'")
        }
        if constant != nil, derivation != nil {
            node.issue("field '\(name)' has both 'value' and 'derive'; use one")
        }
        var field = FieldDefinition(name: name, columns: columns)
        field.line = node.line
        field.constant = constant
        field.derivation = derivation
        if let typeNode = entries["type"], let text = typeNode.string() {
            guard let type = FieldType(rawValue: text) else {
                let known = FieldType.allCases.map(\.rawValue).joined(separator: ", ")
                typeNode.issue("unknown type '\(text)'; expected one of: \(known)")
                return nil
            }
            field.type = type
        }
        field.required = entries["required"]?.bool() ?? false
        field.unique = entries["unique"]?.bool() ?? false
        field.ignoreCase = entries["ignore_case"]?.bool() ?? false
        field.store = entries["store"]?.bool() ?? true
        field.severity = entries["severity"].flatMap(decodeSeverity) ?? .error
        if let patternNode = entries["pattern"], let text = patternNode.string() {
            do {
                field.pattern = try Pattern(text)
            } catch {
                patternNode.issue("invalid pattern '\(text)': \(error)")
            }
        }
        decodeDateFormats(entries["format"], into: &field)
        field.min = entries["min"].flatMap { decodeBound($0, type: field.type) }
        field.max = entries["max"].flatMap { decodeBound($0, type: field.type) }
        if let lengthNode = entries["length"] { field.length = decodeLength(lengthNode) }
        decodeValues(entries, codeTables: codeTables, into: &field, at: node)
        if let derivation, derivation.function == .attendancePercentage, !columns.isEmpty, field.type != .decimal {
            node.issue("field '\(name)' reads a column and derives attendance_percentage, so its type must be decimal")
        }
        return field
    }

    private static func decodeDerivation(_ node: YAMLNode) -> Derivation? {
        guard let entries = node.fields(allowed: ["function", "from", "present"]) else { return nil }
        guard let name = entries["function"]?.string(), let from = entries["from"]?.strings(), !from.isEmpty else {
            node.issue("derive needs 'function' and 'from' (the fields it reads)")
            return nil
        }
        guard let function = Derivation.Function(rawValue: name) else {
            let known = Derivation.Function.allCases.map(\.rawValue).joined(separator: ", ")
            entries["function"]?.issue("unknown derivation '\(name)'; expected one of: \(known)")
            return nil
        }
        var present: CodeTable?
        if let presentNode = entries["present"] {
            if function == .attendancePercentage {
                present = decodePresentCodes(presentNode)
            } else {
                presentNode.issue("'present' applies to the attendance_percentage derivation only")
            }
        } else if function == .attendancePercentage {
            node.issue("attendance_percentage needs 'present': the period codes that count as attended")
        }
        return Derivation(function: function, from: from, present: present)
    }

    /// `present: [P, L]` for every district, or `present: { default: [P, L], riverside-usd: [P, T] }`.
    private static func decodePresentCodes(_ node: YAMLNode) -> CodeTable? {
        func codes(_ node: YAMLNode) -> [String: String]? {
            guard let list = node.strings(), !list.isEmpty else {
                node.issue("'present' needs at least one code")
                return nil
            }
            return Dictionary(list.map { ($0, "") }, uniquingKeysWith: { first, _ in first })
        }
        guard node.isMapping else { return codes(node).map { CodeTable(defaultCodes: $0, byDistrict: [:]) } }
        var table = CodeTable(defaultCodes: nil, byDistrict: [:])
        for (district, codesNode) in node.entries() ?? [] {
            guard let list = codes(codesNode) else { continue }
            if district == "default" { table.defaultCodes = list } else { table.byDistrict[district] = list }
        }
        return table
    }

    private static func decodeDateFormats(_ node: YAMLNode?, into field: inout FieldDefinition) {
        if let node {
            guard field.type == .date else {
                node.issue("'format' applies to date fields only")
                return
            }
            for text in node.strings() ?? [] {
                do {
                    field.dateFormats.append(try DateFormat(text))
                } catch {
                    node.issue("invalid date format '\(text)': \(error)")
                }
            }
        } else if field.type == .date {
            // ISO dates are the only safe default; files with other layouts must say so.
            if let iso = try? DateFormat("yyyy-MM-dd") { field.dateFormats = [iso] }
        }
    }

    private static func decodeBound(_ node: YAMLNode, type: FieldType) -> Bound? {
        guard let text = node.string() else { return nil }
        switch type {
        case .int, .decimal, .money:
            guard let number = FixedDecimal.parse(text) else {
                node.issue("expected a number, found '\(text)'")
                return nil
            }
            return .number(number)
        case .date:
            do {
                return .date(try DateBound(parsing: text))
            } catch {
                node.issue("invalid date limit '\(text)': \(error); use yyyy-MM-dd, today, or today±N(d|w|m|y)")
                return nil
            }
        case .string, .time, .bool, .enum, .npi:
            node.issue("min/max do not apply to \(type.rawValue) fields")
            return nil
        }
    }

    private static func decodeLength(_ node: YAMLNode) -> ClosedRange<Int>? {
        if let entries = node.isMapping ? node.fields(allowed: ["min", "max"]) : nil {
            let lower = entries["min"]?.int() ?? 0
            let upper = entries["max"]?.int() ?? Int.max
            guard lower >= 0, lower <= upper else {
                node.issue("length min must be between 0 and max")
                return nil
            }
            return lower...upper
        }
        guard let exact = node.int() else { return nil }
        guard exact >= 0 else {
            node.issue("length must not be negative")
            return nil
        }
        return exact...exact
    }

    private static func decodeValues(
        _ entries: [String: YAMLNode], codeTables: [String: CodeTable], into field: inout FieldDefinition,
        at node: YAMLNode
    ) {
        if let valuesNode = entries["values"] {
            var values: [String: String] = [:]
            if valuesNode.isMapping {
                // Accepted spelling → canonical value (legacy spellings normalised).
                for (spelling, canonical) in valuesNode.entries() ?? [] {
                    values[spelling] = canonical.string() ?? spelling
                }
            } else {
                for value in valuesNode.strings() ?? [] { values[value] = value }
            }
            field.values = .inline(values)
        }
        if let tableNode = entries["values_from"], let name = tableNode.string() {
            if codeTables[name] == nil {
                tableNode.issue("values_from names code table '\(name)', which is not defined in code_tables")
            }
            field.values = .table(name)
        }
        let hasValues = field.values.map { _ in true } ?? false
        if field.type == .enum, !hasValues {
            node.issue("enum field '\(field.name)' needs 'values' or 'values_from'")
        }
        if field.type != .enum, hasValues {
            node.issue("'values' applies to enum fields only")
        }
    }
}
