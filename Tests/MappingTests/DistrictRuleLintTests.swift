import Foundation
import Testing

@testable import Mapping

/// `dropgate mappings check` on the district data keys: each misuse is named with its file and line.
@Suite struct DistrictRuleLintTests {
    static func text(_ extra: String, fields: String = "") -> String {
        """
        kind: demo
        match: { filename: "*.csv" }
        target: things
        key: [id]
        sequence: { field: number, partition: [id], order: [when] }
        fields:
          id: { column: "ID", required: true }
          when: { column: "When", type: date }
          score: { column: "Score", type: int }
          name: { column: "Name" }
          p1: { column: "P1" }
        \(fields)
        \(extra)
        """
    }

    static let valid = text(
        """
        modified: when
        growth:
          baseline: first_of_year
          score: score
          gain: gain
          typical: { measure: score, progress: progress_typical }
        """,
        fields:
            "  pct: { column: \"Pct\", type: decimal, derive: { function: attendance_percentage, from: [p1], present: [P] } }"
    )

    @Test func theDistrictKeysDecode() throws {
        let definition = try MappingDefinition.decode(yaml: Self.valid, file: "m.yaml")
        #expect(definition.modified == "when")
        #expect(
            definition.growth
                == GrowthDefinition(
                    baseline: .firstOfYear, score: "score", gain: "gain",
                    targets: [GrowthDefinition.Target(measure: "score", progress: "progress_typical")], line: 15))
        let pct = try #require(definition.fields.first { $0.name == "pct" })
        #expect(pct.isRead, "a derived field with a column still reads it")
        #expect(pct.derivation?.present?.codes(for: "any")?.keys.sorted() == ["P"])
    }

    @Test(arguments: [
        ("modified: nope", "", 13, "modified names 'nope', which is not a field"),
        ("modified: name", "", 13, "modified field 'name' must be a date field"),
        ("modified: when\nexisting: reject", "", 13, "modified applies to 'existing: update' only"),
        ("growth: { score: score }", "", 13, "growth needs 'score' (the field measured) and 'gain'"),
        ("growth: { score: score, gain: g, baseline: last }", "", 13, "unknown growth baseline 'last'"),
        ("growth: { score: name, gain: g }", "", 13, "growth score field 'name' must be an int or decimal field"),
        ("growth: { score: nope, gain: g }", "", 13, "growth score names 'nope', which is not a field"),
        ("growth: { score: score, gain: g, typical: { measure: score } }", "", 13, "growth typical needs 'measure'"),
        (
            "growth: { score: score, gain: g, stretch: { measure: name, progress: p } }", "", 13,
            "stretch measure field 'name'"
        ),
        (
            "growth: { score: score, gain: g, typical: { measure: score, progress: p, extra: 1 } }", "", 13,
            "unknown key 'extra'"
        ),
        (
            "", "  pct: { column: \"Pct\", type: decimal, derive: { function: attendance_percentage, from: [p1] } }",
            12,
            "attendance_percentage needs 'present'"
        ),
        (
            "", "  s: { derive: { function: season, from: [when], present: [P] } }", 12,
            "'present' applies to the attendance_percentage derivation only"
        ),
        (
            "", "  pct: { column: \"Pct\", derive: { function: attendance_percentage, from: [p1], present: [P] } }", 12,
            "its type must be decimal"
        ),
        (
            "",
            "  pct: { column: \"Pct\", type: decimal, derive: { function: attendance_percentage, from: [p1], present: [] } }",
            12, "'present' needs at least one code"
        ),
        (
            "",
            "  pct: { column: \"Pct\", type: decimal, derive: { function: attendance_percentage, from: [p9], present: [P] } }",
            12, "field 'pct' derive names 'p9', which is not a field"
        ),
        ("", "  c: { value: X, derive: { function: season, from: [when] } }", 12, "has both 'value' and 'derive'"),
    ])
    func eachMisuseIsReportedWithItsLine(extra: String, fields: String, line: Int, message: String) throws {
        let error = try #require(throws: DefinitionError.self) {
            try MappingDefinition.decode(yaml: Self.text(extra, fields: fields), file: "m.yaml")
        }
        let issue = try #require(error.issues.first { $0.message.contains(message) }, "\(error.issues)")
        #expect(issue.file == "m.yaml")
        #expect(issue.line == line, "\(issue)")
    }

    @Test func growthNeedsASequence() throws {
        let text = Self.valid.replacingOccurrences(
            of: "sequence: { field: number, partition: [id], order: [when] }\n", with: "")
        let error = try #require(throws: DefinitionError.self) {
            try MappingDefinition.decode(yaml: text, file: "m.yaml")
        }
        let issue = try #require(error.issues.first { $0.message.contains("growth needs 'sequence'") })
        #expect(issue.line == 14)
    }
}
