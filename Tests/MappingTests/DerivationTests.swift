import Testing
import Values

@testable import Mapping

@Suite struct DerivationTests {
    let evaluator = DerivationEvaluator(currentSchoolYear: SchoolYear(startYear: 2025))

    @Test(arguments: [
        ("2025-2026", "current"), ("2023-2024", "historical"), ("2026-2027", "future"), ("2025-26", "current"),
    ])
    func schoolYearStatus(text: String, status: String) throws {
        let value = try evaluator.evaluate(.schoolYearStatus, inputs: [.text(text)]).get()
        #expect(value == .text(status))
    }

    @Test(arguments: ["2025-2027", "2025", "25-26", "abcd-efgh", "2025-2026-2027"])
    func invalidSchoolYears(text: String) {
        guard case .failure(let failure) = evaluator.evaluate(.schoolYearStatus, inputs: [.text(text)]) else {
            Issue.record("'\(text)' must be refused")
            return
        }
        #expect(failure.rule == "invalid-school-year")
    }

    @Test func seasonComesFromTheNormingWindowFirst() throws {
        let day = try #require(Day(year: 2026, month: 1, day: 20))
        let fromWindow = evaluator.evaluate(
            .season, inputs: [.text("Fall (Beginning of Year - November 15)"), .date(day)])
        #expect(try fromWindow.get() == .text("Fall"))
        #expect(try evaluator.evaluate(.season, inputs: [.null, .date(day)]).get() == .text("Winter"))
    }

    @Test(arguments: [
        (2025, 9, 1, "Fall"), (2025, 11, 15, "Fall"), (2025, 11, 16, "Winter"), (2026, 3, 1, "Winter"),
        (2026, 3, 2, "Spring"), (2026, 6, 10, "Spring"),
    ])
    func seasonBoundariesFollowTheNormingWindows(year: Int, month: Int, day: Int, season: String) throws {
        #expect(DerivationEvaluator.season(of: try #require(Day(year: year, month: month, day: day))) == season)
    }

    @Test func schoolYearStartsInJuly() throws {
        #expect(SchoolYear.containing(try #require(Day(year: 2026, month: 6, day: 30))).description == "2025-2026")
        #expect(SchoolYear.containing(try #require(Day(year: 2026, month: 7, day: 1))).description == "2026-2027")
    }

    @Test func constantDerivedExemptionsAndSequencesDecodeAndValidate() throws {
        let yaml = """
            kind: demo
            match: { filename: "*.csv" }
            target: things
            key: [id]
            sequence: { field: number, partition: [id], order: [year] }
            fields:
              id: { column: "ID", required: true }
              subject: { value: Math }
              year: { column: "Year" }
              status: { derive: { function: school_year_status, from: [year] } }
              score: { column: "Score", type: int }
              placement: { column: "Placement" }
            rules:
              - id: score-required
                require: [score]
                unless: { placement: ["Tested Out"] }
            """
        let definition = try MappingDefinition.decode(yaml: yaml, file: "d.yaml")
        #expect(definition.sequence == SequenceDefinition(field: "number", partition: ["id"], order: ["year"]))
        let mapping = CompiledMapping(definition)
        let binding = try mapping.bind(header: ["ID", "Year", "Score", "Placement"]).get()
        var validator = RecordValidator(
            mapping: mapping, binding: binding, district: "d", today: try #require(Day(year: 2025, month: 10, day: 1)))
        let scored = validator.validate(TextRecord(fields: ["1", "2024-2025", "500", "Grade 3"]), line: 2)
        #expect(scored)
        #expect(validator.values[1] == .text("Math"))
        #expect(validator.values[3] == .text("historical"))
        let testedOut = validator.validate(TextRecord(fields: ["2", "2025-2026", "", "Tested Out"]), line: 3)
        #expect(testedOut)
        let missing = validator.validate(TextRecord(fields: ["3", "2025-2026", "", "Grade 3"]), line: 4)
        #expect(!missing)
        #expect(validator.issues.map(\.rule) == ["score-required"])
        let badYear = validator.validate(TextRecord(fields: ["4", "2025-2027", "1", ""]), line: 5)
        #expect(!badYear)
        #expect(validator.issues.map(\.rule) == ["invalid-school-year"])
    }
}
