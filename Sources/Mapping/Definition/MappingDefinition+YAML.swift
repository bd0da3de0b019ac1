extension MappingDefinition {
    static let topLevelKeys = [
        "kind", "version", "description", "format", "delimiter", "match", "target", "key", "fields", "rules",
        "lookups", "code_tables", "sequence", "existing", "after_load", "record", "modified", "growth",
        "qualification",
    ]

    /// Decodes a mapping definition from YAML text, reporting every mistake with its line.
    ///
    /// - Parameters:
    ///   - text: the YAML document.
    ///   - file: the path shown in issues.
    /// - Throws: ``DefinitionError`` listing each issue found (unknown keys, bad types, invalid
    ///   patterns or date formats, references to undefined fields or code tables, …).
    public static func decode(yaml text: String, file: String) throws(DefinitionError) -> MappingDefinition {
        let log = YAMLIssueLog(file: file)
        guard let root = YAMLNode.parse(text, log: log), let top = root.fields(allowed: topLevelKeys) else {
            throw DefinitionError(issues: log.issues)
        }
        let definition = decode(top: top, root: root, file: file)
        if let definition, log.issues.isEmpty {
            return definition
        }
        throw DefinitionError(issues: log.issues)
    }

    private static func decode(top: [String: YAMLNode], root: YAMLNode, file: String) -> MappingDefinition? {
        func required(_ key: String) -> YAMLNode? {
            if let node = top[key] { return node }
            root.issue("missing required key '\(key)'")
            return nil
        }
        let kind = required("kind")?.string()
        if let kind, kind.isEmpty || kind.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            top["kind"]?.issue("kind '\(kind)' must be letters, digits, '-' or '_'")
        }
        let version = top["version"]?.int() ?? 1
        let summary = top["description"]?.string() ?? ""
        let format = decodeFormat(top["format"], delimiter: top["delimiter"], record: top["record"])
        let codeTables = top["code_tables"].map(decodeCodeTables) ?? [:]
        let fields = required("fields").map { decodeFields($0, codeTables: codeTables) } ?? []
        let names = Set(fields.map(\.name))
        let match = required("match").flatMap { decodeMatch($0, fields: fields) }
        let target = required("target")?.string()
        let key = required("key")?.strings() ?? []
        if let node = top["key"] { checkReferences(key, names: names, at: node, what: "key") }
        if key.isEmpty, let node = top["key"] { node.issue("key must name at least one field") }
        let ruleNodes = top["rules"]?.sequence() ?? []
        let rules = decodeRules(ruleNodes.filter { !$0.hasKey("units") && !$0.hasKey("ordered") }, names: names)
        let unitRules = ruleNodes.filter { $0.hasKey("units") }.compactMap { decodeUnitRule($0, names: names) }
        let orderRules = ruleNodes.filter { $0.hasKey("ordered") }.compactMap { decodeOrderRule($0, names: names) }
        var afterLoad: [AfterLoadStep] = []
        if let node = top["after_load"] {
            for name in node.strings() ?? [] {
                guard let step = AfterLoadStep(rawValue: name) else {
                    let known = AfterLoadStep.allCases.map(\.rawValue).joined(separator: ", ")
                    node.issue("unknown after_load step '\(name)'; expected one of: \(known)")
                    continue
                }
                afterLoad.append(step)
            }
        }
        var existing = ExistingRecordPolicy.update
        if let node = top["existing"], let text = node.string() {
            if let policy = ExistingRecordPolicy(rawValue: text) {
                existing = policy
            } else {
                node.issue("existing must be 'update' or 'reject', found '\(text)'")
            }
        }
        let lookups = top["lookups"].map { decodeLookups($0, names: names) } ?? []
        let sequence = top["sequence"].flatMap { decodeSequence($0, names: names) }
        let modified = top["modified"].flatMap { decodeModified($0, fields: fields, existing: existing) }
        let growth = top["growth"].flatMap { decodeGrowth($0, fields: fields, sequence: sequence) }
        let qualification = top["qualification"].flatMap { decodeQualification($0, fields: fields) }
        let fieldNodes = Dictionary(
            fields.isEmpty ? [] : top["fields"]?.entries() ?? [], uniquingKeysWith: { a, _ in a })
        for field in fields {
            guard let derivation = field.derivation, let node = fieldNodes[field.name] ?? top["fields"] else {
                continue
            }
            checkReferences(derivation.from, names: names, at: node, what: "field '\(field.name)' derive")
        }
        guard let kind, let match, let target, let format else { return nil }
        var definition = MappingDefinition(
            kind: kind, version: version, summary: summary, format: format, match: match, target: target,
            key: key, fields: fields, rules: rules, lookups: lookups, codeTables: codeTables, file: file)
        definition.targetLine = top["target"]?.line ?? 0
        definition.sequence = sequence
        definition.unitRules = unitRules
        definition.orderRules = orderRules
        definition.afterLoad = afterLoad
        definition.existing = existing
        definition.modified = modified
        definition.growth = growth
        definition.qualification = qualification
        return definition
    }

    private static func decodeFormat(_ node: YAMLNode?, delimiter: YAMLNode?, record: YAMLNode?) -> RecordFormat? {
        let name = node?.string() ?? "csv"
        if name == "xml" {
            guard let path = record?.string(), !path.isEmpty else {
                (node ?? record)?.issue("an xml mapping needs 'record': the path of the record elements, e.g. //Member")
                return nil
            }
            return .xml(recordPath: path)
        }
        guard name == "csv" else {
            node?.issue("unsupported format '\(name)'; supported: csv, xml")
            return nil
        }
        if let record { record.issue("'record' applies to xml mappings only") }
        guard let delimiter, let text = delimiter.string() else { return .csv(delimiter: nil) }
        let named: [String: UInt8] = ["tab": 9, "\\t": 9, "\t": 9]
        if let byte = named[text] { return .csv(delimiter: byte) }
        guard text.utf8.count == 1, let byte = text.utf8.first, byte != UInt8(ascii: "\"") else {
            delimiter.issue("delimiter must be one ASCII character (or 'tab'), found '\(text)'")
            return nil
        }
        return .csv(delimiter: byte)
    }

    private static func decodeMatch(_ node: YAMLNode, fields: [FieldDefinition]) -> MatchRule? {
        guard let entries = node.fields(allowed: ["filename", "headers"]) else { return nil }
        var globs: [Glob] = []
        if let filenameNode = entries["filename"] {
            for pattern in filenameNode.strings() ?? [] {
                do {
                    globs.append(try Glob(pattern))
                } catch {
                    filenameNode.issue("invalid filename glob '\(pattern)': \(error)")
                }
            }
        }
        let names = Set(fields.map(\.name))
        var headerFields = fields.filter { $0.required && $0.isRead }.map(\.name)
        if let headersNode = entries["headers"] {
            headerFields = headersNode.strings() ?? []
            checkReferences(headerFields, names: names, at: headersNode, what: "match.headers")
        }
        return MatchRule(filenames: globs, headerFields: headerFields)
    }

    static func checkReferences(_ used: [String], names: Set<String>, at node: YAMLNode, what: String) {
        for name in used where !names.contains(name) {
            node.issue("\(what) names '\(name)', which is not a field of this mapping")
        }
    }

    private static func decodeCodeTables(_ node: YAMLNode) -> [String: CodeTable] {
        var tables: [String: CodeTable] = [:]
        for (name, tableNode) in node.entries() ?? [] {
            var defaultCodes: [String: String]?
            var byDistrict: [String: [String: String]] = [:]
            for (district, codesNode) in tableNode.entries() ?? [] {
                let codes = decodeCodes(codesNode)
                if district == "default" { defaultCodes = codes } else { byDistrict[district] = codes }
            }
            tables[name] = CodeTable(defaultCodes: defaultCodes, byDistrict: byDistrict)
        }
        return tables
    }

    /// A list of codes (`[A, B]`) or a mapping of code → description (`{A: Activity}`).
    private static func decodeCodes(_ node: YAMLNode) -> [String: String] {
        if node.isMapping {
            var codes: [String: String] = [:]
            for (code, description) in node.entries() ?? [] {
                codes[code] = description.string() ?? ""
            }
            return codes
        }
        let list = node.strings() ?? []
        return Dictionary(list.map { ($0, "") }, uniquingKeysWith: { first, _ in first })
    }

    private static func decodeRules(_ items: [YAMLNode], names: Set<String>) -> [ConditionalRule] {
        var rules: [ConditionalRule] = []
        for item in items {
            guard let entries = item.fields(allowed: ["id", "when", "unless", "require", "severity", "message"]) else {
                continue
            }
            guard let id = entries["id"]?.string() else {
                item.issue("a rule needs an 'id'")
                continue
            }
            func conditions(_ key: String) -> [(field: String, values: [String])] {
                var result: [(field: String, values: [String])] = []
                for (field, valuesNode) in entries[key]?.entries() ?? [] {
                    checkReferences([field], names: names, at: valuesNode, what: "rule '\(id)' \(key)")
                    result.append((field, valuesNode.strings() ?? []))
                }
                return result
            }
            let require = entries["require"]?.strings() ?? []
            if let requireNode = entries["require"] {
                checkReferences(require, names: names, at: requireNode, what: "rule '\(id)' require")
            }
            if require.isEmpty {
                item.issue("rule '\(id)' needs 'require' (and 'when' and/or 'unless')")
            }
            let severity = entries["severity"].flatMap(decodeSeverity) ?? .error
            var rule = ConditionalRule(
                id: id, when: conditions("when"), require: require, severity: severity,
                message: entries["message"]?.string())
            rule.unless = conditions("unless")
            rules.append(rule)
        }
        return rules
    }

    private static func decodeLookups(_ node: YAMLNode, names: Set<String>) -> [LookupDefinition] {
        var lookups: [LookupDefinition] = []
        for item in node.sequence() ?? [] {
            guard let entries = item.fields(allowed: ["field", "in", "rule", "severity"]) else { continue }
            guard let field = entries["field"]?.string(), let place = entries["in"]?.string() else {
                item.issue("a lookup needs 'field' and 'in' (table.column)")
                continue
            }
            checkReferences([field], names: names, at: item, what: "lookup")
            let parts = place.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                entries["in"]?.issue("expected 'table.column', found '\(place)'")
                continue
            }
            let rule = entries["rule"]?.string() ?? "unknown-\(field)"
            let severity = entries["severity"].flatMap(decodeSeverity) ?? .error
            lookups.append(
                LookupDefinition(field: field, table: parts[0], column: parts[1], rule: rule, severity: severity))
        }
        return lookups
    }

    private static func decodeUnitRule(_ item: YAMLNode, names: Set<String>) -> UnitRule? {
        guard let entries = item.fields(allowed: ["id", "units", "severity"]),
            let id = entries["id"]?.string(),
            let spec = entries["units"]?.fields(allowed: ["units", "minutes", "start", "end", "code", "unit_minutes"])
        else {
            item.issue("a units rule needs 'id' and 'units' (units, minutes or start/end, code, unit_minutes)")
            return nil
        }
        guard let units = spec["units"]?.string(), let code = spec["code"]?.string() else {
            item.issue("units rule '\(id)' needs 'units' and 'code' fields")
            return nil
        }
        let minutes = spec["minutes"]?.string()
        let start = spec["start"]?.string()
        let end = spec["end"]?.string()
        if minutes == nil, start == nil || end == nil {
            item.issue("units rule '\(id)' needs 'minutes', or both 'start' and 'end'")
        }
        checkReferences(
            [units, code] + [minutes, start, end].compactMap { $0 }, names: names, at: item, what: "units rule '\(id)'")
        var table: [String: Int] = [:]
        var fallback = 15
        for (code, minutesNode) in spec["unit_minutes"]?.entries() ?? [] {
            guard let value = minutesNode.int(), value >= 0 else {
                minutesNode.issue("minutes per unit must be a whole number (0: one unit per session)")
                continue
            }
            if code == "default" { fallback = value } else { table[code] = value }
        }
        let severity = entries["severity"].flatMap(decodeSeverity) ?? .error
        return UnitRule(
            id: id, units: units, minutes: minutes, start: start, end: end, code: code, unitMinutes: table,
            defaultUnitMinutes: fallback, severity: severity)
    }

    private static func decodeOrderRule(_ item: YAMLNode, names: Set<String>) -> OrderRule? {
        guard let entries = item.fields(allowed: ["id", "ordered", "severity"]), let id = entries["id"]?.string(),
            let fields = entries["ordered"]?.strings(), fields.count >= 2
        else {
            item.issue("an order rule needs 'id' and 'ordered' (two or more fields)")
            return nil
        }
        checkReferences(fields, names: names, at: item, what: "order rule '\(id)'")
        return OrderRule(id: id, fields: fields, severity: entries["severity"].flatMap(decodeSeverity) ?? .error)
    }

    private static func decodeSequence(_ node: YAMLNode, names: Set<String>) -> SequenceDefinition? {
        guard let entries = node.fields(allowed: ["field", "partition", "order"]) else { return nil }
        guard let field = entries["field"]?.string(), let partition = entries["partition"]?.strings(),
            let order = entries["order"]?.strings(), !order.isEmpty
        else {
            node.issue("sequence needs 'field', 'partition' and 'order'")
            return nil
        }
        checkReferences(partition + order, names: names, at: node, what: "sequence")
        return SequenceDefinition(field: field, partition: partition, order: order)
    }

    static func decodeSeverity(_ node: YAMLNode) -> Severity? {
        guard let text = node.string() else { return nil }
        guard let severity = Severity(rawValue: text) else {
            node.issue("severity must be 'error' or 'warning', found '\(text)'")
            return nil
        }
        return severity
    }
}
