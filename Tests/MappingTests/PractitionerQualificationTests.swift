import Testing
import Values

@testable import Mapping

/// The `qualification` rule of a service log: each service's practitioner checked against the district's roster
/// (known, licensed on the date, of a type qualified for the code), and its lint with file:line.
@Suite struct PractitionerQualificationTests {
    static func text(_ qualification: String) -> String {
        """
        kind: services
        match: { filename: "*.csv" }
        target: services
        key: [npi, date, code]
        fields:
          npi: { column: "NPI", type: npi }
          date: { column: "Date", type: date, format: "yyyy-MM-dd" }
          code: { column: "Code" }
          note: { column: "Note", type: int }
        \(qualification)
        """
    }

    static let rule = """
        qualification:
          practitioner: npi
          date: date
          code: code
          roster: practitioners
        """

    static func day(_ text: String) -> Day { Day(iso: text)! }

    /// Rivera (SLP) licensed from 2020 on; Okafor (LCSW) in two periods with a gap in 2025.
    static let roster = PractitionerRoster(
        periods: [
            "1234567893": [PractitionerPeriod(type: "SLP", from: day("2020-08-01"), to: nil)],
            "1987654328": [
                PractitionerPeriod(type: "LCSW", from: day("2020-01-01"), to: day("2024-12-31")),
                PractitionerPeriod(type: "LCSW", from: day("2025-03-01"), to: day("2026-06-30")),
            ],
        ],
        qualified: ["92507": ["SLP", "SLPA"], "90834": ["LCSW", "PSY"]])

    func validator(roster: PractitionerRoster?) throws -> RecordValidator {
        let mapping = CompiledMapping(try MappingDefinition.decode(yaml: Self.text(Self.rule), file: "s.yaml"))
        let binding = try mapping.bind(header: ["NPI", "Date", "Code", "Note"]).get()
        return RecordValidator(
            mapping: mapping, binding: binding, district: "lincoln-usd", today: Self.day("2026-11-01"),
            roster: roster)
    }

    @Test(
        arguments: [
            ("1234567893", "2026-10-05", "92507", nil),
            ("1234567893", "2026-10-05", "t1017", nil),
            ("1987654328", "2025-03-01", "90834", nil),
            ("1987654328", "2024-12-31", "90834", nil),
            ("1003000126", "2026-10-05", "92507", "practitioner-unknown"),
            ("1003000126", "2026-10-05", "T1017", "practitioner-unknown"),
            ("1234567893", "2020-07-31", "92507", "practitioner-unlicensed"),
            ("1987654328", "2025-01-15", "90834", "practitioner-unlicensed"),
            ("1987654328", "2026-07-01", "90834", "practitioner-unlicensed"),
            ("1987654328", "2026-05-04", "92507", "practitioner-not-qualified"),
            ("1234567893", "2026-05-04", "90834", "practitioner-not-qualified"),
        ] as [(String, String, String, String?)])
    func eachServiceIsCheckedAgainstTheRoster(npi: String, date: String, code: String, rule: String?) throws {
        var validator = try validator(roster: Self.roster)
        let accepted = validator.validate(TextRecord(fields: [npi, date, code, "1"]), line: 4)
        #expect(accepted, "a warning does not reject the row")
        #expect(validator.issues.map(\.rule) == (rule.map { [$0] } ?? []), "\(validator.issues)")
        if let issue = validator.issues.first {
            #expect(issue.severity == .warning)
            #expect(issue.line == 4)
            #expect(issue.column == "NPI")
            #expect(issue.value == npi)
            #expect(issue.message.contains(npi), "\(issue.message)")
        }
    }

    @Test func theMessageNamesTheTypeTheCodeAndTheQualifiedTypes() throws {
        var validator = try validator(roster: Self.roster)
        _ = validator.validate(TextRecord(fields: ["1987654328", "2026-05-04", "92507", "1"]), line: 2)
        #expect(
            validator.issues.first?.message
                == "practitioner 1987654328 is LCSW, not qualified to bill 92507 (qualified: SLP, SLPA)")
        _ = validator.validate(TextRecord(fields: ["1987654328", "2025-01-15", "90834", "1"]), line: 3)
        #expect(
            validator.issues.first?.message
                == "practitioner 1987654328 is not licensed on 2025-01-15 (valid 2020-01-01 to 2024-12-31, 2025-03-01 to 2026-06-30)"
        )
    }

    @Test func nothingIsFlaggedBeforeTheDistrictsRosterIsLoaded() throws {
        for roster in [nil, PractitionerRoster(periods: [:], qualified: Self.roster.qualified)] {
            var validator = try validator(roster: roster)
            let accepted = validator.validate(TextRecord(fields: ["1003000126", "2026-10-05", "92507", "1"]), line: 2)
            #expect(accepted)
            #expect(validator.issues.isEmpty)
        }
    }

    @Test func severityErrorRejectsTheRow() throws {
        let mapping = CompiledMapping(
            try MappingDefinition.decode(yaml: Self.text(Self.rule + "\n  severity: error"), file: "s.yaml"))
        let binding = try mapping.bind(header: ["NPI", "Date", "Code", "Note"]).get()
        var validator = RecordValidator(
            mapping: mapping, binding: binding, district: "lincoln-usd", today: Self.day("2026-11-01"),
            roster: Self.roster)
        let accepted = validator.validate(TextRecord(fields: ["1003000126", "2026-10-05", "92507", "1"]), line: 2)
        #expect(!accepted)
        #expect(validator.issues.map(\.severity) == [.error])
    }

    @Test func aFieldThatFailedItsOwnCheckIsNotCheckedAgain() throws {
        var validator = try validator(roster: Self.roster)
        let accepted = validator.validate(TextRecord(fields: ["1003000127", "2026-10-05", "92507", "1"]), line: 2)
        #expect(accepted == false || validator.issues.map(\.rule) == ["invalid-npi"])
        #expect(validator.issues.map(\.rule) == ["invalid-npi"], "\(validator.issues)")
    }

    @Test func theRuleDecodes() throws {
        let definition = try MappingDefinition.decode(yaml: Self.text(Self.rule), file: "s.yaml")
        #expect(
            definition.qualification
                == QualificationRule(
                    practitioner: "npi", date: "date", code: "code", roster: "practitioners", severity: .warning,
                    line: 11))
    }

    @Test(arguments: [
        ("qualification: { practitioner: npi, date: date, code: code }", 10, "qualification needs 'practitioner'"),
        (
            "qualification: { practitioner: nope, date: date, code: code, roster: practitioners }", 10,
            "qualification practitioner names 'nope', which is not a field"
        ),
        (
            "qualification: { practitioner: note, date: date, code: code, roster: practitioners }", 10,
            "qualification practitioner field 'note' must be a npi or string field"
        ),
        (
            "qualification: { practitioner: npi, date: code, code: code, roster: practitioners }", 10,
            "qualification date field 'code' must be a date field"
        ),
        (
            "qualification: { practitioner: npi, date: date, code: note, roster: practitioners }", 10,
            "qualification code field 'note' must be a string or enum field"
        ),
        (
            "qualification: { practitioner: npi, date: date, code: code, roster: \"prac.titioners\" }", 10,
            "qualification roster must be a table name"
        ),
        (
            "qualification: { practitioner: npi, date: date, code: code, roster: practitioners, severity: fatal }",
            10, "severity must be 'error' or 'warning'"
        ),
        (
            "qualification: { practitioner: npi, date: date, code: code, roster: practitioners, table: x }", 10,
            "unknown key 'table'"
        ),
        (
            "qualification:\n  practitioner: npi\n  date: [date]\n  code: code\n  roster: practitioners", 11,
            "qualification needs"
        ),
    ])
    func eachMisuseIsReportedWithItsLine(qualification: String, line: Int, message: String) throws {
        let error = try #require(throws: DefinitionError.self) {
            try MappingDefinition.decode(yaml: Self.text(qualification), file: "s.yaml")
        }
        let issue = try #require(error.issues.first { $0.message.contains(message) }, "\(error.issues)")
        #expect(issue.file == "s.yaml")
        #expect(issue.line == line, "\(issue)")
    }
}
