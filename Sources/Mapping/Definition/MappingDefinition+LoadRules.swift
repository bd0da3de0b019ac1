extension MappingDefinition {
    /// `modified: field`: the record's own modification date, which decides whether a row replaces the stored one.
    static func decodeModified(_ node: YAMLNode, fields: [FieldDefinition], existing: ExistingRecordPolicy) -> String? {
        guard let name = node.string() else { return nil }
        guard let field = fields.first(where: { $0.name == name }) else {
            node.issue("modified names '\(name)', which is not a field of this mapping")
            return nil
        }
        if field.type != .date {
            node.issue("modified field '\(name)' must be a date field (records are compared by it)")
        }
        if !field.store { node.issue("modified field '\(name)' must be stored (set 'store: true')") }
        if existing == .reject {
            node.issue("modified applies to 'existing: update' only; this mapping keeps first records")
        }
        return name
    }

    /// `growth: { baseline: first_of_year, score: …, gain: …, typical: { measure: …, progress: … }, stretch: … }`.
    static func decodeGrowth(_ node: YAMLNode, fields: [FieldDefinition], sequence: SequenceDefinition?)
        -> GrowthDefinition?
    {
        guard let entries = node.fields(allowed: ["baseline", "score", "gain", "typical", "stretch"]) else {
            return nil
        }
        guard let score = entries["score"]?.string(), let gain = entries["gain"]?.string() else {
            node.issue("growth needs 'score' (the field measured) and 'gain' (the column receiving the gain)")
            return nil
        }
        if sequence == nil {
            node.issue("growth needs 'sequence': its partition and order say which diagnostics form a year")
        }
        var baseline = GrowthDefinition.Baseline.firstOfYear
        if let baselineNode = entries["baseline"], let text = baselineNode.string() {
            if let known = GrowthDefinition.Baseline(rawValue: text) {
                baseline = known
            } else {
                let known = GrowthDefinition.Baseline.allCases.map(\.rawValue).joined(separator: ", ")
                baselineNode.issue("unknown growth baseline '\(text)'; expected one of: \(known)")
            }
        }
        func numeric(_ name: String, at place: YAMLNode, what: String) {
            guard let field = fields.first(where: { $0.name == name }) else {
                place.issue("growth \(what) names '\(name)', which is not a field of this mapping")
                return
            }
            if field.type != .int, field.type != .decimal {
                place.issue("growth \(what) field '\(name)' must be an int or decimal field")
            }
        }
        numeric(score, at: entries["score"] ?? node, what: "score")
        var targets: [GrowthDefinition.Target] = []
        for key in ["typical", "stretch"] {
            guard let targetNode = entries[key], let spec = targetNode.fields(allowed: ["measure", "progress"]) else {
                continue
            }
            guard let measure = spec["measure"]?.string(), let progress = spec["progress"]?.string() else {
                targetNode.issue("growth \(key) needs 'measure' (a field) and 'progress' (the column receiving it)")
                continue
            }
            numeric(measure, at: spec["measure"] ?? targetNode, what: "\(key) measure")
            targets.append(GrowthDefinition.Target(measure: measure, progress: progress))
        }
        return GrowthDefinition(baseline: baseline, score: score, gain: gain, targets: targets, line: node.line)
    }
}
