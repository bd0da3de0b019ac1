import Formats
import Testing
import Values

@testable import Mapping

/// A record made of strings, for validator tests.
struct TextRecord: FieldRecord {
    var fields: [String]
    var count: Int { fields.count }

    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var text = fields[index]
        return try text.withUTF8 { try body($0) }
    }
}

@Suite struct RecordValidatorTests {
    static let definition = try! MappingDefinition.decode(yaml: MappingDefinitionTests.valid, file: "demo.yaml")
    static let today = Day(year: 2025, month: 10, day: 1)!

    func validator(header: [String] = ["ID", "When", "Pct", "Code"], district: String = "south") throws
        -> RecordValidator
    {
        let mapping = CompiledMapping(Self.definition)
        let binding = try mapping.bind(header: header).get()
        return RecordValidator(mapping: mapping, binding: binding, district: district, today: Self.today)
    }

    func check(_ fields: [String], district: String = "south") throws -> (Bool, [String], RecordValidator) {
        var validator = try validator(district: district)
        let accepted = validator.validate(TextRecord(fields: fields), line: 2)
        return (accepted, validator.issues.map(\.rule), validator)
    }

    @Test func acceptsAValidRowAndTypesItsValues() throws {
        let (accepted, rules, validator) = try check(["42", "09/08/2025", "97.50", "A"])
        #expect(accepted)
        #expect(rules.isEmpty)
        #expect(validator.values[0] == .text("42"))
        #expect(validator.values[1] == .date(Day(year: 2025, month: 9, day: 8)!))
        #expect(validator.values[2].text == "97.5")
        #expect(validator.values[3] == .text("A"))
    }

    @Test(arguments: [
        (["", "09/08/2025", "1", ""], "required"),
        (["4x", "09/08/2025", "1", ""], "pattern"),
        (["1", "02/30/2025", "1", ""], "invalid-date"),
        (["1", "2025-09-08", "1", ""], "invalid-date"),
        (["1", "01/01/2019", "1", ""], "below-min"),
        (["1", "11/15/2025", "1", ""], "above-max"),
        (["1", "09/08/2025", "130", ""], "above-max"),
        (["1", "09/08/2025", "-0.01", ""], "below-min"),
        (["1", "09/08/2025", "1O0", ""], "invalid-type"),
        (["1", "09/08/2025", "1", "C"], "not-in-values"),
        (["1", "09/08/2025", "", "A"], "code-needs-pct"),
        (["1", "09/08/2025", "1"], "csv-ragged-row"),
        (["1", "09/08/2025", "1", "", "extra"], "csv-ragged-row"),
    ])
    func rejectsEachBrokenRule(fields: [String], rule: String) throws {
        let (accepted, rules, _) = try check(fields)
        #expect(!accepted)
        #expect(rules == [rule])
    }

    @Test func relativeDateLimitResolvesAgainstToday() throws {
        #expect(try check(["1", "10/31/2025", "1", ""]).0)
        #expect(try !check(["1", "11/01/2025", "1", ""]).0)
    }

    @Test func codeTablesDependOnTheDistrict() throws {
        #expect(try check(["1", "09/08/2025", "1", "C"], district: "north").0)
        #expect(try !check(["1", "09/08/2025", "1", "A"], district: "north").0)
    }

    /// Codes are matched on bytes: exact spellings, `ignore_case` giving the canonical value, codes that are
    /// prefixes of one another, and a code table that is not ASCII (matched as text).
    @Test(
        arguments: [
            (false, ["A", "AB", "Élan"], "AB", "AB"), (false, ["A", "AB"], "ab", nil),
            (false, ["A", "AB"], "ABC", nil),
            (false, ["A", "AB"], "", nil), (true, ["Ex", "ab"], "EX", "Ex"), (true, ["Ex", "ab"], "aB", "ab"),
            (true, ["Ex", "ab"], "e", nil), (false, ["Élan", "Über"], "Über", "Über"), (true, ["élan"], "ÉLAN", "élan"),
            (false, ["Élan"], "Elan", nil),
        ] as [(Bool, [String], String, String?)])
    func enumCodesMatchAsTheirSpellings(ignoreCase: Bool, codes: [String], input: String, expected: String?) throws {
        var definition = Self.definition
        definition.fields[3].values = .inline(Dictionary(uniqueKeysWithValues: codes.map { ($0, $0) }))
        definition.fields[3].ignoreCase = ignoreCase
        definition.rules = []
        let mapping = CompiledMapping(definition)
        let binding = try mapping.bind(header: ["ID", "When", "Pct", "Code"]).get()
        var validator = RecordValidator(mapping: mapping, binding: binding, district: "south", today: Self.today)
        let accepted = validator.validate(TextRecord(fields: ["1", "09/08/2025", "1", input]), line: 2)
        if let expected {
            #expect(accepted)
            #expect(validator.values[3] == .text(expected))
        } else if input.isEmpty {
            #expect(accepted)
            #expect(validator.values[3] == .null)
        } else {
            #expect(!accepted)
            #expect(validator.issues.map(\.rule) == ["not-in-values"])
        }
    }

    @Test func warningSeverityLoadsTheRowAndReports() throws {
        var definition = Self.definition
        definition.fields[3].severity = .warning
        let mapping = CompiledMapping(definition)
        var validator = RecordValidator(
            mapping: mapping, binding: try mapping.bind(header: ["ID", "When", "Pct", "Code"]).get(), district: "south",
            today: Self.today)
        let outcome1 = validator.validate(TextRecord(fields: ["1", "09/08/2025", "1", "Z"]), line: 7)
        #expect(outcome1)
        #expect(validator.issues.map(\.severity) == [.warning])
        #expect(validator.issues.first?.line == 7)
        #expect(validator.values[3] == .null)
    }

    @Test func uniqueFieldsRejectRepeatsWithinAFile() throws {
        var definition = Self.definition
        definition.fields[2].unique = true
        let mapping = CompiledMapping(definition)
        var validator = RecordValidator(
            mapping: mapping, binding: try mapping.bind(header: ["ID", "When", "Pct", "Code"]).get(), district: "south",
            today: Self.today)
        let outcome2 = validator.validate(TextRecord(fields: ["1", "09/08/2025", "5", ""]), line: 2)
        #expect(outcome2)
        let outcome3 = validator.validate(TextRecord(fields: ["2", "09/08/2025", "5.0", ""]), line: 3)
        #expect(!outcome3)
        #expect(validator.issues.map(\.rule) == ["duplicate-value"])
    }

    @Test func lookupsReportUnknownValuesWithTheMappingsRuleID() throws {
        var definition = Self.definition
        definition.lookups = [
            LookupDefinition(field: "id", table: "students", column: "student_id", rule: "unmapped-student")
        ]
        let mapping = CompiledMapping(definition)
        var validator = RecordValidator(
            mapping: mapping, binding: try mapping.bind(header: ["ID", "When", "Pct", "Code"]).get(), district: "south",
            today: Self.today, lookupValues: ["students.student_id": ["1"]])
        let outcome4 = validator.validate(TextRecord(fields: ["1", "09/08/2025", "5", ""]), line: 2)
        #expect(outcome4)
        let outcome5 = validator.validate(TextRecord(fields: ["2", "09/08/2025", "5", ""]), line: 3)
        #expect(!outcome5)
        #expect(validator.issues.map(\.rule) == ["unmapped-student"])
    }

    @Test func bindingExplainsMissingAndDuplicatedColumns() throws {
        let mapping = CompiledMapping(Self.definition)
        guard case .failure(let missing) = mapping.bind(header: ["When", "Pct"]) else {
            Issue.record("expected a mismatch")
            return
        }
        #expect(missing.reasons == ["missing column 'ID' or 'Thing ID' (field id)"])
        guard case .failure(let doubled) = mapping.bind(header: ["ID", "id ", "When"]) else {
            Issue.record("expected a mismatch")
            return
        }
        #expect(doubled.duplicateHeader)
    }
}
