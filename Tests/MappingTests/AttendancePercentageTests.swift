import Testing
import Values

@testable import Mapping

/// The `attendance_percentage` derivation: computed from the periods when the file has no percentage, checked
/// against the file's percentage when it has one.
@Suite struct AttendancePercentageTests {
    static let present: Set<String> = ["P", "L"]

    @Test(arguments: [
        (["P", "P", "P", "P", "P", "P"], "100"), (["P", "L", "P", "P", "P", "P"], "100"),
        (["P", "N", "P", "P", "P", "P"], "83.33"), (["N", "N", "N", "N", "N", "P"], "16.67"),
        (["P", "P", "N", "", "", ""], "66.67"), (["I", "I", "I", "I", "I", "I"], "0"),
        (["P", "N", "N", "N", "N", "N", "N", "N"], "12.5"), (["", "P", "", "", "", ""], "100"),
    ])
    func percentOfScheduledPeriodsAttended(periods: [String], percent: String) {
        let value = DerivationEvaluator.attendancePercentage(
            periods.map { $0.isEmpty ? .null : .text($0) }, present: Self.present)
        #expect(value.text == percent)
    }

    @Test func noScheduledPeriodGivesNoPercentage() {
        let value = DerivationEvaluator.attendancePercentage(Array(repeating: .null, count: 6), present: Self.present)
        #expect(value == .null)
    }

    @Test(arguments: [
        ("83.33", true), ("83.3", true), ("83", true), ("83.333", true), ("83.34", false), ("100", false),
        ("0", false),
    ])
    func fileValuesAgreeAtTheirOwnPrecision(given: String, agrees: Bool) throws {
        let file = FieldValue.decimal(try #require(FixedDecimal.parse(given)))
        let derived = FieldValue.decimal(FixedDecimal(units: 8333, scale: 2))
        #expect(DerivationEvaluator.agrees(given: file, derived: derived) == agrees)
    }

    @Test func roundingIsHalfUp() throws {
        #expect(DerivationEvaluator.rounded(FixedDecimal(units: 12_345, scale: 3), to: 2).description == "12.35")
        #expect(DerivationEvaluator.rounded(FixedDecimal(units: 12_344, scale: 3), to: 2).description == "12.34")
        #expect(DerivationEvaluator.rounded(FixedDecimal(units: -125, scale: 1), to: 0).description == "-13")
    }

    static let yaml = """
        kind: att
        match: { filename: "*.csv" }
        target: attendance
        key: [id]
        fields:
          id: { column: "ID", required: true }
          pct: { column: "Pct", type: decimal, min: 0, max: 100,
                 derive: { function: attendance_percentage, from: [p1, p2, p3], present: { default: [P, L], east: [P] } } }
          p1: { column: "P1", type: enum, values_from: codes }
          p2: { column: "P2", type: enum, values_from: codes }
          p3: { column: "P3", type: enum, values_from: codes }
        code_tables:
          codes:
            default: [P, L, N]
        """

    func validator(header: [String], district: String = "west") throws -> RecordValidator {
        let mapping = CompiledMapping(try MappingDefinition.decode(yaml: Self.yaml, file: "att.yaml"))
        let binding = try mapping.bind(header: header).get()
        return RecordValidator(
            mapping: mapping, binding: binding, district: district,
            today: try #require(Day(year: 2025, month: 10, day: 1)))
    }

    @Test func derivedWhenTheFileHasNoPercentageColumn() throws {
        var validator = try validator(header: ["ID", "P1", "P2", "P3"])
        let accepted1 = validator.validate(TextRecord(fields: ["1", "P", "L", "N"]), line: 2)
        #expect(accepted1)
        #expect(validator.values[1].text == "66.67")
        #expect(validator.issues.isEmpty)
    }

    @Test func derivedWhenThePercentageIsEmptyAndPresentCodesArePerDistrict() throws {
        var west = try validator(header: ["ID", "Pct", "P1", "P2", "P3"])
        let accepted2 = west.validate(TextRecord(fields: ["1", "", "P", "L", ""]), line: 2)
        #expect(accepted2)
        #expect(west.values[1].text == "100")
        var east = try validator(header: ["ID", "Pct", "P1", "P2", "P3"], district: "east")
        let accepted3 = east.validate(TextRecord(fields: ["1", "", "P", "L", ""]), line: 2)
        #expect(accepted3)
        #expect(east.values[1].text == "50", "in district east a tardy L is not among the present codes")
    }

    @Test func aMismatchIsAWarningWithBothValuesAndTheFileValueIsKept() throws {
        var validator = try validator(header: ["ID", "Pct", "P1", "P2", "P3"])
        let accepted4 = validator.validate(TextRecord(fields: ["1", "100", "P", "N", "N"]), line: 7)
        #expect(accepted4)
        #expect(validator.values[1].text == "100")
        let issue = try #require(validator.issues.first)
        #expect(validator.issues.count == 1)
        #expect(issue.rule == "derived-mismatch")
        #expect(issue.severity == .warning)
        #expect(issue.line == 7)
        #expect(issue.column == "Pct")
        #expect(issue.message.contains("100") && issue.message.contains("33.33"), "\(issue.message)")
        let accepted5 = validator.validate(TextRecord(fields: ["2", "33.3", "P", "N", "N"]), line: 8)
        #expect(accepted5)
        #expect(validator.issues.isEmpty, "33.3 agrees with 33.33 at its own precision")
    }

    @Test func anInvalidPercentageIsRejectedNotDerived() throws {
        var validator = try validator(header: ["ID", "Pct", "P1", "P2", "P3"])
        let accepted6 = validator.validate(TextRecord(fields: ["1", "130", "P", "P", "P"]), line: 2)
        #expect(!accepted6)
        #expect(validator.issues.map(\.rule) == ["above-max"])
    }
}
